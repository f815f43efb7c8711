// Programs that stay in the IR themselves and also run commands: `find -exec`, `watch '…'`,
// `flock file -c '…'`, GNU `parallel cmd ::: …` (and `parallel ::: 'cmd' …`).
import type { Word } from '../../core/ir.js';
import { joinWords, type Action } from './actions.js';
import { hasOption, scanOptions } from './options.js';
import { undecidable } from './undecidable.js';

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** Each `-exec cmd … ;` (or `… {} +`) becomes a command fed with the found paths as `{}`. */
export function findActions(args: Word[]): Action[] {
  const out: Action[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (!w.static || !FIND_EXEC.has(w.value)) continue;
    const words: Word[] = [];
    let j = i + 1;
    for (; j < args.length; j++) {
      const a = args[j]!;
      if (a.static && a.value === ';') break;
      if (a.static && a.value === '+' && words[words.length - 1]?.value === '{}') break;
      words.push(a);
    }
    if (words.length) {
      out.push({
        kind: 'spawn',
        words,
        label: 'find',
        fed: true,
        placeholders: ['{}'],
        where: w.value.endsWith('dir') ? 'unknown' : 'keep',
      });
    }
    i = j;
  }
  return out;
}

const PARALLEL_WITH_ARG = new Set([
  '-j',
  '--jobs',
  '-P',
  '--max-procs',
  '-S',
  '--sshlogin',
  '-a',
  '--arg-file',
  '-d',
  '--delimiter',
  '-I',
  '-n',
  '--max-args',
  '-N',
  '-E',
  '--colsep',
  '-C',
  '--joblog',
  '--results',
  '--res',
  '--timeout',
  '--halt',
  '--retries',
  '--delay',
  '--env',
  '--tmpdir',
  '--basefile',
  '--workdir',
  '--wd',
  '--block',
  '--tagstring',
  '--memfree',
  '--load',
  '-L',
  '--max-lines',
  '-s',
  '--max-chars',
  '--sshloginfile',
  '--slf',
  '--transferfile',
  '--tf',
  '--return',
  '--shebang-wrap',
]);
/** Options that change neither which arguments a job gets nor where they go: the jobs can be written out. */
const PARALLEL_PLAIN = new Set([
  '-j',
  '--jobs',
  '-P',
  '--max-procs',
  '-k',
  '--keep-order',
  '-q',
  '--quote',
  '-v',
  '--verbose',
  '-t',
  '--bar',
  '--progress',
  '--eta',
  '--will-cite',
  '--no-notice',
  '--joblog',
  '--timeout',
  '--halt',
  '--retries',
  '--delay',
  '--tag',
  '--line-buffer',
  '--lb',
  '-u',
  '--ungroup',
  '--group',
  '--dry-run',
  '--memfree',
  '--load',
  '--',
  '--tmpdir',
]);
const PARALLEL_SEPARATORS = new Set([':::', '::::', ':::+', '::::+']);
const PARALLEL_PLACEHOLDER = ['{}', '{.}', '{/}', '{//}', '{/.}', '{#}', '{%}', '{1}', '{2}', '{3}', '{4}', '{5}'];
/** GNU parallel's replacement strings: `{}`, `{.}`, `{/}`, `{//}`, `{/.}`, `{#}`, `{%}`, and per input source `{2}`, `{2/}`, … */
const REPLACEMENT = /\{(\d*)(\.|\/\/|\/\.|\/)?\}|\{[#%]\}/g;
/** More jobs than this are not written out one by one: the command is judged with placeholders. */
const MAX_JOBS = 16;

interface ParallelCall {
  command: Word[];
  sources: { files: boolean; args: Word[] }[];
  /** Only options that change neither which arguments a job gets nor where they go. */
  plain: boolean;
  quoted: boolean;
}

function readParallel(args: Word[]): ParallelCall {
  let i = 0;
  let plain = true;
  let quoted = false;
  while (i < args.length && args[i]!.static && args[i]!.value.startsWith('-') && !PARALLEL_SEPARATORS.has(args[i]!.value)) {
    const v = args[i]!.value;
    // `--jobs=4` and `-j4` are `--jobs 4` and `-j 4`.
    const name = v.startsWith('--') ? v.replace(/=.*$/, '') : PARALLEL_WITH_ARG.has(v.slice(0, 2)) ? v.slice(0, 2) : v;
    if (name === '-q' || name === '--quote') quoted = true;
    if (!PARALLEL_PLAIN.has(name)) plain = false;
    i += PARALLEL_WITH_ARG.has(v) ? 2 : 1;
    if (v === '--') break;
  }
  const command: Word[] = [];
  for (; i < args.length && !(args[i]!.static && PARALLEL_SEPARATORS.has(args[i]!.value)); i++) command.push(args[i]!);
  const sources: { files: boolean; args: Word[] }[] = [];
  for (; i < args.length; i++) {
    const w = args[i]!;
    if (w.static && PARALLEL_SEPARATORS.has(w.value)) sources.push({ files: w.value.startsWith('::::'), args: [] });
    else sources[sources.length - 1]!.args.push(w);
  }
  return { command, sources, plain, quoted };
}

/** `… | parallel`: with no command and no arguments given, each line parallel reads is a command line. */
export function parallelRunsStdin(args: Word[]): boolean {
  const p = readParallel(args);
  return !p.command.length && !p.sources.length;
}

/**
 * GNU parallel runs its command once per input. With no command, each input line is itself a
 * command line. With `:::` lists of literal arguments the jobs are known and are written out:
 * parallel joins the command words with spaces and puts each argument, shell-quoted, where `{}`
 * stands (or at the end) — and with `-q` quotes each command word. Both readings are judged, so
 * `parallel bash -c 'rm -rf {}' ::: /` is `bash -c 'rm -rf /'` whichever parallel runs it. Input
 * from stdin or files (`::::`) stays unknown: placeholders, fed by unknown input.
 */
export function parallelActions(args: Word[]): Action[] {
  const { command, sources, plain, quoted } = readParallel(args);
  const fromFiles = sources.some((s) => s.files);
  if (!command.length) {
    // With no command, parallel runs each input line as a command. Options that group arguments
    // into one line (-n, -N, -X, --colsep) or read them from files (-a) make the lines unknown.
    if (!plain)
      return [
        {
          kind: 'undecidable',
          found: undecidable(
            'parse.dynamic_script',
            'parallel builds its command lines with options that group or read its arguments',
            joinWords(args).raw,
          ),
        },
      ];
    if (!sources.length) return [{ kind: 'stdin-script', detail: 'parallel' }];
    if (fromFiles)
      return [
        {
          kind: 'undecidable',
          found: undecidable('parse.dynamic_script', 'parallel runs the lines of a file as commands', joinWords(args).raw),
        },
      ];
    const jobs = combinations(sources.map((s) => s.args));
    if (jobs === null)
      return [
        {
          kind: 'undecidable',
          found: undecidable('limits.input_too_large', `parallel given more than ${MAX_JOBS} command lines`, joinWords(args).raw),
        },
      ];
    return jobs.map((job) => ({ kind: 'script', text: joinWords(job), detail: 'parallel' }));
  }
  const fed: Action = { kind: 'script', text: joinWords(command), detail: 'parallel', fed: true, placeholders: PARALLEL_PLACEHOLDER };
  const literal = [...command, ...sources.flatMap((s) => s.args)].every((w) => w.static);
  const jobs =
    plain && sources.length && !fromFiles && literal && !command.some((w) => w.value.includes('{='))
      ? combinations(sources.map((s) => s.args))
      : null;
  if (!jobs) return [fed];
  const texts = new Set<string>();
  for (const job of jobs) {
    const values = job.map((w) => w.value);
    if (!quoted) texts.add(jobLine(command, values, (v) => v, shellQuote));
    texts.add(jobLine(command, values, shellQuote, (v) => v));
  }
  return [...texts].map((text) => ({ kind: 'script', text: { value: text, static: true, raw: text }, detail: 'parallel' }));
}

/** Every choice of one argument per source (parallel's default); null past MAX_JOBS. */
function combinations(sources: Word[][]): Word[][] | null {
  let out: Word[][] = [[]];
  for (const s of sources) {
    out = out.flatMap((pre) => s.map((w) => [...pre, w]));
    if (out.length > MAX_JOBS) return null;
  }
  return out;
}

/** One job's command line: replacement strings filled in (or the arguments appended), words joined. */
function jobLine(command: Word[], values: string[], quoteWord: (v: string) => string, quoteArg: (v: string) => string): string {
  let replaced = false;
  const fill = (text: string) =>
    text.replace(REPLACEMENT, (m, n: string | undefined, op: string | undefined) => {
      replaced = true;
      if (m === '{#}' || m === '{%}') return '1';
      const arg = n ? (values[Number(n) - 1] ?? '') : values.join(' ');
      return quoteArg(transform(arg, op));
    });
  const words = command.map((w) => quoteWord(fill(w.value)));
  return replaced ? words.join(' ') : [...words, ...values.map(shellQuote)].join(' ');
}

/** `{.}` drops the extension, `{/}` keeps the basename, `{//}` the dirname, `{/.}` both. */
function transform(arg: string, op: string | undefined): string {
  const base = arg.slice(arg.lastIndexOf('/') + 1);
  const noExt = (v: string) => v.replace(/\.[^./]*$/, '');
  switch (op) {
    case '.':
      return noExt(arg);
    case '/':
      return base;
    case '//':
      return arg.includes('/') ? arg.slice(0, arg.lastIndexOf('/')) || '/' : '.';
    case '/.':
      return noExt(base);
    default:
      return arg;
  }
}

function shellQuote(v: string): string {
  return v !== '' && /^[A-Za-z0-9_\-+=.,/:@%^]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
