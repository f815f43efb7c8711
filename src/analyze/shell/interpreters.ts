// Interpreter invocations that carry code: `python -c`, `node -e/-p/--eval/--print`, `bun -e`,
// `deno eval`, `perl -e/-E` (also in clusters like `-lne`), `ruby -e`, `php -r`, `Rscript -e`,
// `julia -e`, `lua -e`, `pwsh -c`, `osascript -e`, `groovy -e`; and interpreters that read their
// code from stdin (`python3 - <<EOF`, `irb`, `jshell`, `tclsh`). Modules named by options that the
// code then uses (`perl -MFile::Path`, `ruby -rfileutils`) are put in front of it.
import type { Word } from '../../core/ir.js';
import type { Action, Language } from './actions.js';
import { undecidable } from './undecidable.js';
import { interpreterKind, type InterpreterKey } from '../../catalogue/kinds.js';
import type { OptionDecl, ProgramSpec } from '../../catalogue/spec.js';
import { fromSpec } from '../../catalogue/index.js';

interface InterpreterSpec {
  language: Language;
  /** Option letters whose value is code (`-c`, `-e`). */
  code: string;
  longCode?: string[];
  /** Stop reading interpreter options after the code (python). */
  stopAfterCode?: boolean;
  /** Code is never glued to its option: `node -pe CODE` is -p and -e, and CODE is the next word. */
  separateCode?: boolean;
  /** Letters with a value (attached or next word). */
  withArg: string;
  /** Letters whose value is only attached: digits for these… */
  digits?: string;
  /** …or the rest of the cluster for these. */
  rest?: string;
  longWithArg?: string[];
  /** Whole words (single dash) with a value: `groovy -cp x`. */
  wordsWithArg?: string[];
  /** Letters meaning "run a module or file": no inline code. */
  module?: string;
  /** Long options meaning the same (`php --file x.php`). */
  longModule?: string[];
  /** No operand and no code: the program is read from stdin (false: the command prints help). */
  readsStdin?: boolean;
  /** Letters that load a module the code may use (`perl -MFile::Path`, `ruby -rfileutils`). */
  preload?: string;
  /** Options that print and exit without reading a program (`python3 -V`; `-v` is verbose there). */
  exits?: string[];
}

/**
 * What the analysis needs of an interpreter's catalogue spec (src/catalogue/specs/core-tools.ts): the
 * options whose value is code, the other options that take the next word (an option whose value is
 * a file of code names the script, which is read), and those that print and exit.
 */
function grammarOf(spec: ProgramSpec): Pick<InterpreterSpec, 'code' | 'longCode' | 'withArg' | 'longWithArg' | 'exits'> {
  const options = spec.options ?? [];
  const short = (o: OptionDecl) => o.names.filter((n) => /^-[^-]$/.test(n)).map((n) => n[1]!);
  const long = (o: OptionDecl) => o.names.filter((n) => n.startsWith('--')).map((n) => n.slice(2));
  const code = options.filter((o) => o.role?.kind === 'code');
  const valued = options.filter((o) => o.value === 'required' && o.role?.kind !== 'code' && o.role?.kind !== 'code-file');
  return {
    code: code.flatMap(short).join(''),
    longCode: code.flatMap(long),
    withArg: valued.flatMap(short).join(''),
    longWithArg: valued.flatMap(long),
    exits: options.filter((o) => o.harmless === true).flatMap((o) => o.names),
  };
}

const fixed = (spec: InterpreterSpec) => () => spec;

/** Each interpreter's grammar; python's, node's, perl's, ruby's and php's from their catalogue spec, read when first asked for. */
const SPECS: Record<Exclude<InterpreterKey, 'deno' | 'powershell'>, () => InterpreterSpec> = {
  python: fromSpec('python', (spec): InterpreterSpec => ({ ...grammarOf(spec), language: 'python', stopAfterCode: true, module: 'm' })),
  node: fromSpec('node', (spec): InterpreterSpec => ({ ...grammarOf(spec), language: 'node', separateCode: true })),
  perl: fromSpec('perl', (spec): InterpreterSpec => ({
    ...grammarOf(spec),
    language: 'perl',
    digits: '0lC',
    rest: 'idDFxMmV',
    preload: 'Mm',
  })),
  ruby: fromSpec('ruby', (spec): InterpreterSpec => ({ ...grammarOf(spec), language: 'ruby', digits: '0', rest: 'WTFxiK', preload: 'r' })),
  php: fromSpec('php', (spec): InterpreterSpec => ({ ...grammarOf(spec), language: 'php', longModule: ['file', 'process-file'] })),
  bun: fixed({
    language: 'node',
    code: 'ep',
    separateCode: true,
    longCode: ['eval', 'print'],
    withArg: 'rc',
    longWithArg: ['preload', 'config', 'cwd', 'env-file', 'tsconfig-override'],
    readsStdin: false,
    exits: ['-v', '--version', '-h', '--help'],
  }),
  irb: fixed({ language: 'ruby', code: '', withArg: 'rI', preload: 'r' }),
  r: fixed({ language: 'r', code: 'e', withArg: '', module: 'f', longWithArg: ['file', 'default-packages', 'encoding'] }),
  julia: fixed({
    language: 'julia',
    code: 'eE',
    longCode: ['eval', 'print'],
    withArg: 'LJCtpO',
    longWithArg: ['load', 'sysimage', 'project', 'threads', 'procs', 'machine-file', 'cpu-target'],
  }),
  lua: fixed({ language: 'lua', code: 'e', withArg: 'l' }),
  osascript: fixed({ language: 'applescript', code: 'e', withArg: 'ls' }),
  groovy: fixed({
    language: 'groovy',
    code: 'e',
    withArg: 'D',
    wordsWithArg: ['-cp', '-classpath', '--classpath', '-c', '--encoding'],
    readsStdin: false,
  }),
  jshell: fixed({
    language: 'java',
    code: '',
    withArg: 'RJ',
    longWithArg: ['class-path', 'module-path', 'add-modules', 'add-exports', 'startup', 'feedback', 'execution'],
  }),
  tclsh: fixed({ language: 'tcl', code: '', withArg: '', wordsWithArg: ['-encoding'] }),
};

/** The interpreter a command name runs, if it is one whose code we read (its names: src/catalogue/kinds.ts). */
export function interpreterOf(name: string): InterpreterSpec | null {
  const kind = interpreterKind(name);
  if (kind === undefined) return null;
  if (kind === 'deno') return DENO;
  if (kind === 'powershell') return POWERSHELL;
  return SPECS[kind]();
}

/** deno and PowerShell are read by their own functions below; these stand for them in interpreterOf. */
const DENO: InterpreterSpec = { language: 'node', code: '', withArg: '' };
const POWERSHELL: InterpreterSpec = { language: 'powershell', code: '', withArg: '' };

function slice(w: Word, from: number): Word {
  return { value: w.value.slice(from), static: w.static, raw: w.raw };
}

function joined(words: Word[], sep: string): Word {
  return { value: words.map((c) => c.value).join(sep), static: words.every((c) => c.static), raw: words.map((c) => c.raw).join(' ') };
}

/** `-MFile::Path=rmtree` → `use File::Path;`, `-rfileutils` → `require 'fileutils'`. */
function preamble(language: Language, module: string): string {
  const name = module.replace(/^-/, '').split('=')[0]!.trim();
  if (!name) return '';
  return language === 'perl' ? `use ${name};\n` : `require '${name}'\n`;
}

export function interpreterActions(name: string, args: Word[]): Action[] {
  const spec = interpreterOf(name);
  if (!spec) return [];
  if (spec === DENO) return denoActions(args);
  if (spec === POWERSHELL) return powershellActions(name, args);
  const codes: Word[] = [];
  let preloaded = '';
  let operand = args.length;
  scan: for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !v.startsWith('-') || v === '-') {
      operand = i;
      break;
    }
    if (v === '--') {
      operand = i + 1;
      break;
    }
    if (spec.wordsWithArg?.includes(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      if (spec.longModule?.includes(long)) return [];
      if (spec.longCode?.includes(long)) {
        const code = eq >= 0 ? slice(w, eq + 1) : args[++i];
        if (code) codes.push(code);
      } else if (spec.longWithArg?.includes(long) && eq < 0) i++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (spec.module?.includes(letter)) return []; // runs a module or a file: no inline code
      if (spec.code.includes(letter)) {
        if (spec.separateCode && j + 1 < v.length) continue; // `-pe`: the code follows the cluster
        const code = j + 1 < v.length ? slice(w, j + 1) : args[++i];
        if (code) codes.push(code);
        if (spec.stopAfterCode) break scan;
        break;
      }
      if (spec.preload?.includes(letter)) {
        const module = j + 1 < v.length ? v.slice(j + 1) : (args[++i]?.value ?? '');
        preloaded += preamble(spec.language, module);
        break;
      }
      if (spec.withArg.includes(letter)) {
        if (j + 1 === v.length) i++;
        break;
      }
      if (spec.digits?.includes(letter)) {
        while (j + 1 < v.length && /\d/.test(v[j + 1]!)) j++;
        continue;
      }
      if (spec.rest?.includes(letter)) break;
    }
  }
  // A long option we do not list may take the next word as its value (`node --secure-heap 1 -e …`,
  // `ruby --dump insns -e …`): then what we took for the script file is that value, and code options
  // after it are read as code too.
  const before = args[operand - 1]?.value ?? '';
  if (!codes.length && operand < args.length && /^--[^=]+$/.test(before) && !spec.longWithArg?.includes(before.slice(2))) {
    for (let i = operand; i < args.length; i++) {
      const v = args[i]!.value;
      const letters = /^-([A-Za-z]+)$/.exec(v)?.[1];
      if ((letters && spec.code.includes(letters[letters.length - 1]!)) || spec.longCode?.includes(v.slice(2))) {
        if (args[i + 1]) codes.push(args[i + 1]!);
      } else if (spec.longCode?.some((c) => v.startsWith(`--${c}=`))) codes.push(slice(args[i]!, v.indexOf('=') + 1));
    }
  }
  const detail = `${name} -${spec.code[0] ?? ''}`;
  if (codes.length) {
    const code = joined(codes, '\n');
    return [
      {
        kind: 'code',
        language: spec.language === 'applescript' && /JavaScript/i.test(args.map((a) => a.value).join(' ')) ? 'jxa' : spec.language,
        code: { ...code, value: preloaded + code.value },
        detail,
      },
    ];
  }
  const file = args[operand];
  // `node -v`, `python3 --version`: prints and exits without reading a program.
  if (!file && args.slice(0, operand).some((w) => (spec.exits ?? ['--version', '--help']).includes(w.value))) return [];
  if ((!file && spec.readsStdin !== false) || (file?.static && file.value === '-'))
    return [{ kind: 'stdin-code', language: spec.language, detail: name }];
  return [];
}

/** `deno eval [-p] CODE`, `deno repl --eval CODE`, `deno run -` and a bare `deno` (which reads stdin). */
function denoActions(args: Word[]): Action[] {
  const sub = args[0];
  if (!sub) return [{ kind: 'stdin-code', language: 'node', detail: 'deno' }];
  if (!sub.static) return [];
  const rest = args.slice(1);
  if (sub.value === 'eval') {
    const code = rest.find((w, i) => !w.static || !w.value.startsWith('-') || rest[i - 1]?.value === '--');
    return code ? [{ kind: 'code', language: 'node', code, detail: 'deno eval' }] : [];
  }
  if (sub.value === 'repl') {
    const at = rest.findIndex((w) => w.value === '--eval' || w.value.startsWith('--eval='));
    if (at < 0) return [{ kind: 'stdin-code', language: 'node', detail: 'deno repl' }];
    const w = rest[at]!;
    const code = w.value.includes('=') ? slice(w, w.value.indexOf('=') + 1) : rest[at + 1];
    return code ? [{ kind: 'code', language: 'node', code, detail: 'deno repl --eval' }] : [];
  }
  if (sub.value === 'run' && rest.some((w) => w.value === '-')) return [{ kind: 'stdin-code', language: 'node', detail: 'deno run' }];
  return [];
}

const PS_WITH_ARG =
  /^-(executionpolicy|ex|ep|workingdirectory|wd|wo|outputformat|o|of|inputformat|in|if|configurationname|config|version|v|settingsfile|settings|custompipename|windowstyle|w|psconsolefile|configurationfile)$/;

/**
 * PowerShell: `-Command` (any prefix of it) takes the rest of the line as code; `-File` runs a file;
 * `-EncodedCommand` is base64 we do not decode. Windows PowerShell reads a bare word as a command,
 * pwsh as a script file. With neither, the code comes from stdin.
 */
function powershellActions(name: string, args: Word[]): Action[] {
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value.toLowerCase().replace(/^\//, '-').replace(/^--/, '-');
    if (!w.static)
      return [
        {
          kind: 'undecidable',
          found: undecidable('parse.dynamic_script', `${name} with an argument only known when it runs`, args.map((a) => a.raw).join(' ')),
        },
      ];
    if (/^-c(o(m(m(a(n(d)?)?)?)?)?)?$/.test(v) || (!v.startsWith('-') && !/^pwsh/i.test(name))) {
      const code = v.startsWith('-') ? args.slice(i + 1) : args.slice(i);
      if (code.length === 1 && code[0]!.value === '-') return [{ kind: 'stdin-code', language: 'powershell', detail: name }];
      return code.length ? [{ kind: 'code', language: 'powershell', code: joined(code, ' '), detail: `${name} -Command` }] : [];
    }
    if (v === '-commandwithargs' || v === '-cwa') {
      const code = args[i + 1];
      return code ? [{ kind: 'code', language: 'powershell', code, detail: `${name} -CommandWithArgs` }] : [];
    }
    if (/^-(e|ec|en|enc|enco|encod|encode|encoded|encodedc\w*)$/.test(v)) {
      return [
        {
          kind: 'undecidable',
          found: undecidable(
            'parse.dynamic_script',
            `${name} -EncodedCommand runs base64 text the analyser does not decode`,
            args.map((a) => a.raw).join(' '),
          ),
        },
      ];
    }
    if (/^-f(i(l(e)?)?)?$/.test(v)) return args[i + 1]?.value === '-' ? [{ kind: 'stdin-code', language: 'powershell', detail: name }] : [];
    if (!v.startsWith('-')) return [];
    if (PS_WITH_ARG.test(v)) i++;
  }
  return [{ kind: 'stdin-code', language: 'powershell', detail: name }];
}
