// Shared helpers for the shell rule tests: analyse a script with the real IR builder and run the
// rules; or build a SimpleCommand by hand for unit tests of helpers.
import type { ShellIr, SimpleCommand, Word } from '../../../src/core/ir.js';
import type { AnalyzeContext, FileRead, RuleMatch } from '../../../src/core/types.js';
import { shellIrFromArgv, shellIrFromScript, withInvocation } from '../../../src/analyze/shell/index.js';
import { evaluateShell } from '../../../src/rules/shell/index.js';

/**
 * The analysis context every rule example and catalogue example is judged in: a project where no
 * file exists (a script or SQL file an example runs is missing, so nothing of it runs).
 */
export const ctx: AnalyzeContext = { cwd: '/home/user/project', home: '/home/user', readFile: noFiles };

/** A file reader for a world without files. */
export function noFiles(path: string): FileRead {
  return { refused: 'missing', reason: `${path} does not exist` };
}

export async function matchesOf(script: string): Promise<RuleMatch[]> {
  return evaluateShell(await shellIrFromScript(script, ctx));
}

export async function matchesOfArgv(argv: string[]): Promise<RuleMatch[]> {
  return evaluateShell(await shellIrFromArgv(argv, ctx));
}

/** safe_defaults: block iff any CRITICAL or HIGH match. */
export function decisionOf(matches: RuleMatch[]): 'allow' | 'block' {
  return matches.some((m) => m.risk === 'CRITICAL' || m.risk === 'HIGH') ? 'block' : 'allow';
}

export const word = (value: string, raw = value, isStatic = !/[$`*?[{]/.test(value)): Word => ({ value, static: isStatic, raw });

/** A hand-built simple command, with the invocation the analyser would attach: `cmd('rm', ['-rf', '/'], { cwd: '/' })`. */
export function cmd(name: string, args: (string | Word)[], extra: Partial<SimpleCommand> = {}): SimpleCommand {
  const words = args.map((a) => (typeof a === 'string' ? word(a) : a));
  return withInvocation({
    id: 0,
    name: word(name),
    args: words,
    assignments: [],
    redirects: [],
    context: [],
    wrappers: [],
    cwd: ctx.cwd,
    text: [name, ...words.map((w) => w.raw)].join(' '),
    ...extra,
  });
}

/** An IR of hand-built commands (ids renumbered in order). */
export function irOf(...cmds: SimpleCommand[]): ShellIr {
  return { commands: cmds.map((c, i) => ({ ...c, id: i })), functions: [], embeddedSql: [], undecidable: [], home: ctx.home };
}
