// Programs that stay in the IR themselves and also run commands: `find -exec`, `watch '…'`,
// `flock file -c '…'`, GNU `parallel cmd ::: …`.
import type { Word } from '../../core/ir.js';
import { joinWords, type Action } from './actions.js';
import { hasOption, scanOptions } from './options.js';

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
      out.push({ kind: 'spawn', words, label: 'find', fed: true, placeholders: ['{}'], where: w.value.endsWith('dir') ? 'unknown' : 'keep' });
    }
    i = j;
  }
  return out;
}

/** `watch` without -x runs its joined arguments with `sh -c`. */
export function watchActions(args: Word[]): Action[] {
  const s = scanOptions(args, {
    flags: 'bcCeEfghprstw',
    withArg: 'nq',
    optionalArg: 'd',
    longFlags: ['no-title', 'beep', 'errexit', 'chgexit', 'color', 'no-color', 'precise', 'no-wrap', 'no-rerun', 'help', 'version'],
    longWithArg: ['interval', 'equexit'],
    longOptionalArg: ['differences'],
  });
  if (s.unknown || hasOption(s, 'x', 'exec')) return [];
  const rest = args.slice(s.end);
  return rest.length ? [{ kind: 'script', text: joinWords(rest), detail: 'watch' }] : [];
}

/** `flock [opts] file -c 'script'`. */
export function flockActions(args: Word[]): Action[] {
  const s = scanOptions(args, {
    flags: 'sxeunoFhV',
    withArg: 'wE',
    longFlags: ['shared', 'exclusive', 'unlock', 'nonblock', 'nb', 'close', 'no-fork', 'verbose', 'help', 'version'],
    longWithArg: ['timeout', 'wait', 'conflict-exit-code'],
  });
  const flag = args[s.end + 1];
  const script = args[s.end + 2];
  if (flag?.static && (flag.value === '-c' || flag.value === '--command') && script) {
    return [{ kind: 'script', text: script, detail: 'flock -c' }];
  }
  return [];
}

const PARALLEL_WITH_ARG = new Set([
  '-j', '--jobs', '-P', '--max-procs', '-S', '--sshlogin', '-a', '--arg-file', '-d', '--delimiter', '-I', '-n',
  '--max-args', '-N', '-E', '--colsep', '-C', '--joblog', '--results', '--res', '--timeout', '--halt', '--retries',
  '--delay', '--env', '--tmpdir', '--basefile', '--workdir', '--wd', '--block', '--tagstring', '--memfree', '--load',
  '-L', '--max-lines', '-s', '--max-chars', '--sshloginfile', '--slf', '--transferfile', '--tf', '--return', '--shebang-wrap',
]);
const PARALLEL_SEPARATORS = new Set([':::', '::::', ':::+', '::::+']);
const PARALLEL_PLACEHOLDER = ['{}', '{.}', '{/}', '{//}', '{/.}', '{#}', '{%}', '{1}', '{2}', '{3}', '{4}', '{5}'];

/** GNU parallel runs its command words, joined, through a shell, once per input. */
export function parallelActions(args: Word[]): Action[] {
  let i = 0;
  while (i < args.length && args[i]!.static && args[i]!.value.startsWith('-') && !PARALLEL_SEPARATORS.has(args[i]!.value)) {
    const v = args[i]!.value;
    i += PARALLEL_WITH_ARG.has(v) ? 2 : 1;
    if (v === '--') break;
  }
  const command: Word[] = [];
  for (; i < args.length && !(args[i]!.static && PARALLEL_SEPARATORS.has(args[i]!.value)); i++) command.push(args[i]!);
  // With no command, parallel runs each input line as a command.
  if (!command.length) return [{ kind: 'stdin-script', detail: 'parallel' }];
  return [{ kind: 'script', text: joinWords(command), detail: 'parallel', fed: true, placeholders: PARALLEL_PLACEHOLDER }];
}
