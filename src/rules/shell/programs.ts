// What kind of program a command is (shell, interpreter, downloader, decoder, network sender),
// and where a shell or interpreter takes its program from: inline code, a script file, or stdin.
import type { Redirect, SimpleCommand, Word } from '../../core/ir.js';
import { has, optionSpecFrom, parseOptions, values, type OptionSpec } from './options.js';
import type { ProgramSpec } from '../../catalogue/spec.js';
import { fromSpec } from '../../catalogue/index.js';
import { parallelRunsStdin } from '../../analyze/shell/carriers.js';
import {
  DECODERS,
  DECODERS_WITH_OPTION,
  DOWNLOADERS as DOWNLOADER_NAMES,
  POWERSHELL_EVALUATORS,
  SHELLS as SHELL_NAMES,
  interpreterKind,
  type InterpreterKey,
} from '../../catalogue/kinds.js';

/** Every shell, PowerShell included (src/catalogue/kinds.ts). */
export const SHELLS: ReadonlySet<string> = new Set(SHELL_NAMES);

const isPowershellEvaluator = (name: string): boolean => POWERSHELL_EVALUATORS.includes(name.toLowerCase());

export function nameOf(cmd: SimpleCommand): string {
  return cmd.name.value;
}

export function isShell(name: string): boolean {
  return SHELLS.has(name);
}

/** Shells, script interpreters, `source`/`.`/`eval`, and `at`/`batch` (which run what they read). */
export function isCodeRunner(name: string): boolean {
  return (
    isShell(name) ||
    interpreterKind(name) !== undefined ||
    isPowershellEvaluator(name) ||
    ['source', '.', 'eval', 'at', 'batch'].includes(name)
  );
}

const DOWNLOADERS: ReadonlySet<string> = new Set(DOWNLOADER_NAMES);

/** Programs whose output comes from the network. */
export function isDownloader(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd).toLowerCase();
  if (n === 'openssl') return cmd.args.some((w) => w.value === 's_client');
  return DOWNLOADERS.has(n);
}

const ALWAYS_DECODES: ReadonlySet<string> = new Set(DECODERS);

/** Programs that turn an encoded payload back into text (`base64 -d`, `xxd -r`, `gunzip`, `rev`, …). */
export function isDecoder(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  if (ALWAYS_DECODES.has(n)) return true;
  const p = parseOptions(cmd.args, { longFlags: ['decode', 'reverse'] });
  if (DECODERS_WITH_OPTION.includes(n)) return has(p, 'd', 'D', 'decode');
  if (n === 'xxd') return has(p, 'r', 'revert');
  if (n === 'openssl') return cmd.args.some((w) => ['-d', '-base64', '-a', 'base64'].includes(w.value));
  return false;
}

/** How a shell or interpreter is given its program. */
export interface ProgramSource {
  /** Inline code: the `-c`/`-e` value, `eval`'s words. */
  inline: Word[];
  /** The script file operand (a path, or a process substitution). */
  file?: Word;
  /** The program is read from stdin (a pipe, a redirect, a herestring). */
  fromStdin: boolean;
  /** Redirects that feed stdin (`< file`, `<<<`, `<<`). */
  stdinRedirects: Redirect[];
}

const STDIN_PATHS = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

interface Dialect {
  spec: OptionSpec;
  /** Option names whose value is inline code. */
  code: string[];
  /** Option names that name a module or file to run instead of stdin (`python -m`, `php -f`). */
  other: string[];
}

const SHELL_DIALECT: Dialect = {
  spec: { shortValue: 'oO', longValue: ['rcfile', 'init-file'], stopAtOperand: true },
  code: ['c'],
  other: [],
};
const E_DIALECT: Dialect = { spec: { shortValue: 'e', stopAtOperand: true }, code: ['e'], other: [] };
/**
 * How an interpreter with a catalogue spec (src/catalogue/specs/core-tools.ts) is given code: its
 * option grammar, the options whose value is code, and those that name a file of code to run.
 */
function dialectOf(spec: ProgramSpec, other: string[] = []): Dialect {
  const names = (kind: string) =>
    (spec.options ?? []).filter((o) => o.role?.kind === kind).flatMap((o) => o.names.map((n) => n.replace(/^--?/, '')));
  return { spec: optionSpecFrom(spec, { stopAtOperand: true }), code: names('code'), other: [...names('code-file'), ...other] };
}
const nodeDialect = fromSpec('node', (spec) => dialectOf(spec));
const rubyDialect = fromSpec('ruby', (spec) => dialectOf(spec));
const fixed = (dialect: Dialect) => () => dialect;
/** How each interpreter (src/catalogue/kinds.ts) is given code; from its spec, read when first asked for. */
const DIALECTS: Record<InterpreterKey, () => Dialect> = {
  python: fromSpec('python', (spec) => dialectOf(spec, ['m'])),
  perl: fromSpec('perl', (spec) => dialectOf(spec)),
  ruby: rubyDialect,
  irb: rubyDialect,
  node: nodeDialect,
  bun: nodeDialect,
  deno: nodeDialect,
  php: fromSpec('php', (spec) => dialectOf(spec)),
  lua: fixed({ spec: { shortValue: 'el', stopAtOperand: true }, code: ['e'], other: [] }),
  osascript: fixed(E_DIALECT),
  r: fixed(E_DIALECT),
  julia: fixed(E_DIALECT),
  jshell: fixed(E_DIALECT),
  groovy: fixed(E_DIALECT),
  tclsh: fixed(E_DIALECT),
  powershell: fixed({ spec: { shortValue: '', longValue: [], stopAtOperand: true }, code: [], other: [] }),
};

/** Where a code runner takes its program from; undefined when the command is not a code runner. */
export function programSource(cmd: SimpleCommand): ProgramSource | undefined {
  const n = nameOf(cmd);
  if (n === 'make' || n === 'gmake') return makeFromStdin(cmd);
  // `… | parallel` with no command runs each line it reads as a command line.
  if (n === 'parallel')
    return parallelRunsStdin(cmd.args)
      ? {
          stdinRedirects: cmd.redirects.filter(
            (r) => (r.fd === undefined || r.fd === '0') && ['<', '<<', '<<-', '<<<', '<&'].includes(r.op),
          ),
          inline: [],
          fromStdin: true,
        }
      : undefined;
  if (!isCodeRunner(n)) return undefined;
  const stdinRedirects = cmd.redirects.filter(
    (r) => (r.fd === undefined || r.fd === '0') && ['<', '<<', '<<-', '<<<', '<&'].includes(r.op),
  );
  const base = { stdinRedirects };
  if (n === 'eval') return { ...base, inline: [...cmd.args], fromStdin: false };
  if (isPowershellEvaluator(n)) return { ...base, inline: [...cmd.args], fromStdin: cmd.args.length === 0 };
  if (n === 'source' || n === '.') {
    const file = cmd.args[0];
    return { ...base, inline: [], ...(file ? { file } : {}), fromStdin: !!file && STDIN_PATHS.has(file.value) };
  }
  if (n === 'at' || n === 'batch') {
    const p = parseOptions(cmd.args, { shortValue: 'fqt' });
    const f = values(p, 'f')[0];
    const listing = has(p, 'l', 'r', 'd', 'c');
    return { ...base, inline: [], fromStdin: !listing && (f === undefined || STDIN_PATHS.has(f)) };
  }
  if (interpreterKind(n) === 'powershell') {
    const i = cmd.args.findIndex((w) => /^-(c|command|f|file|encodedcommand|e|ec)$/i.test(w.value));
    const v = i >= 0 ? cmd.args[i + 1] : undefined;
    if (i < 0) return { ...base, inline: [], fromStdin: true };
    return { ...base, inline: v ? [v] : [], fromStdin: v === undefined || v.value === '-' };
  }
  const kind = interpreterKind(n);
  const dialect = isShell(n) || !kind ? SHELL_DIALECT : DIALECTS[kind]();
  const p = parseOptions(cmd.args, dialect.spec);
  const inline = cmd.args.filter((_, i) => i > 0 && dialect.code.some((c) => isOptionWord(cmd.args[i - 1]!.value, c)));
  // Inline code glued to its option (`-cCODE`, `--eval=CODE`) is in the parsed values.
  const codeGiven = has(p, ...dialect.code);
  const codeWords = codeGiven && inline.length === 0 ? cmd.args.filter((w) => dialect.code.some((c) => isGlued(w.value, c))) : inline;
  if (isShell(n) && has(p, 'c')) {
    // `bash -c 'script' name args`: the script is the first operand after the options.
    const script = p.operands[0];
    // `… | xargs bash -c`: the script is the input xargs appends.
    return { ...base, inline: script ? [script] : codeWords, fromStdin: !script && !!cmd.fedByUnknownInput };
  }
  if (codeGiven) return { ...base, inline: codeWords, fromStdin: false };
  if (has(p, ...dialect.other)) return { ...base, inline: [], fromStdin: false };
  const file = p.operands[0];
  const readsStdin = (isShell(n) && has(p, 's')) || file === undefined || STDIN_PATHS.has(file.value);
  return { ...base, inline: [], ...(file && !STDIN_PATHS.has(file.value) ? { file } : {}), fromStdin: readsStdin };
}

/** `make -f -` reads its makefile (whose recipes are shell commands) from stdin. */
function makeFromStdin(cmd: SimpleCommand): ProgramSource | undefined {
  const p = parseOptions(cmd.args, {
    shortValue: 'fCIjlWo',
    longValue: ['file', 'makefile', 'directory', 'include-dir', 'jobs', 'load-average', 'what-if', 'old-file'],
  });
  if (!values(p, 'f', 'file', 'makefile').some((v) => STDIN_PATHS.has(v))) return undefined;
  const stdinRedirects = cmd.redirects.filter(
    (r) => (r.fd === undefined || r.fd === '0') && ['<', '<<', '<<-', '<<<', '<&'].includes(r.op),
  );
  return { inline: [], fromStdin: true, stdinRedirects };
}

function isOptionWord(v: string, opt: string): boolean {
  if (opt.length === 1) return /^-[A-Za-z]+$/.test(v) && v.endsWith(opt);
  return v === `--${opt}`;
}

function isGlued(v: string, opt: string): boolean {
  if (opt.length === 1) return v.startsWith(`-${opt}`) && v.length > 2;
  return v.startsWith(`--${opt}=`);
}
