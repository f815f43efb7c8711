// The shell analyser's public face: a script or an argv → the IR of simple commands. tree-sitter
// is loaded lazily, and for argv only when unwrapping finds a script inside (`bash -c`, `eval`,
// `ssh host '…'`, `python -c 'os.system(…)'`).
import type { ShellIr, Word } from '../../core/ir.js';
import type { AnalyzeContext } from '../../core/types.js';
import { IrBuilder, NeedParser, type Scope } from './builder.js';
import { State } from './state.js';
import { emitCommand } from './emit.js';
import { DEFAULT_LIMITS, type ShellLimits } from './limits.js';
import { loadShellParser, loadedShellParser } from './parser.js';
import { attachInvocations } from './invocation.js';

export { explainIr } from './explain.js';
export { normalizePath } from './paths.js';
export { isShellParserLoaded, loadShellParser } from './parser.js';
export { DEFAULT_LIMITS, type ShellLimits } from './limits.js';
export { UNDECIDABLE } from './undecidable.js';
export { invocationFor, withInvocation } from './invocation.js';

export interface ShellOptions {
  /** Override resource limits (tests, or a stricter deployment). */
  limits?: Partial<ShellLimits>;
}

function topScope(): Scope {
  return { context: [], wrappers: [], nest: 0, outer: [] };
}

function limitsOf(opts?: ShellOptions): ShellLimits {
  return { ...DEFAULT_LIMITS, ...opts?.limits };
}

function scriptIr(script: string, ctx: AnalyzeContext, limits: ShellLimits, parser: ReturnType<typeof loadedShellParser>): ShellIr {
  const b = new IrBuilder(ctx, limits, parser);
  b.script(script, topScope(), new State(ctx.cwd)); // reports input_too_large without a parser
  return attachInvocations(b.ir);
}

/**
 * Analyses a shell script (`exec --shell`, hook payloads). Loads tree-sitter only when a script is
 * not plain (plain-tree.ts), the script itself or one nested in it; oversized input never loads it.
 */
export async function shellIrFromScript(script: string, ctx: AnalyzeContext, opts?: ShellOptions): Promise<ShellIr> {
  const limits = limitsOf(opts);
  if (script.length > limits.maxInputChars) return scriptIr(script, ctx, limits, null);
  return withShellParser((parser) => scriptIr(script, ctx, limits, parser));
}

/** `build` with tree-sitter if it is already loaded; built again once it is, when a script needed it. */
async function withShellParser(build: (parser: ReturnType<typeof loadedShellParser>) => ShellIr): Promise<ShellIr> {
  try {
    return build(loadedShellParser());
  } catch (err) {
    if (!(err instanceof NeedParser)) throw err;
    return build(await loadShellParser());
  }
}

/** Shell-style display quoting of one argument, for evidence text. */
export function quoteArg(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_\-+=.,/:@%^]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function argvIr(argv: string[], ctx: AnalyzeContext, limits: ShellLimits, parser: ReturnType<typeof loadedShellParser>): ShellIr {
  const b = new IrBuilder(ctx, limits, parser);
  const words: Word[] = argv.map((a) => ({ value: a, static: true, raw: quoteArg(a) }));
  // No shell runs an argv, so there is no expansion; leading NAME=value words are taken as
  // assignments anyway (over-approximating what a caller may do with them).
  let i = 0;
  const assignments = [];
  while (i < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.value)) {
    const v = words[i++]!.value;
    const eq = v.indexOf('=');
    assignments.push({
      name: v.slice(0, eq),
      value: { word: { value: v.slice(eq + 1), static: true, raw: quoteArg(v.slice(eq + 1)) }, subs: [] },
    });
  }
  const text = argv.map(quoteArg).join(' ');
  const cmd = { assignments, words: words.slice(i).map((word) => ({ word, subs: [] })), redirects: [], text };
  if (cmd.words.length || assignments.length) emitCommand(b, cmd, topScope(), new State(ctx.cwd));
  return attachInvocations(b.ir);
}

/** Analyses an argv (`exec -- cmd args…`). Loads tree-sitter only when a nested script needs it. */
export async function shellIrFromArgv(argv: string[], ctx: AnalyzeContext, opts?: ShellOptions): Promise<ShellIr> {
  const limits = limitsOf(opts);
  return withShellParser((parser) => argvIr(argv, ctx, limits, parser));
}
