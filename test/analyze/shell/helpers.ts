// Shared helpers for the shell analyser tests.
import type { ShellIr, SimpleCommand } from '../../../src/core/ir.js';
import type { AnalyzeContext } from '../../../src/core/types.js';
import { shellIrFromArgv, shellIrFromScript, type ShellOptions } from '../../../src/analyze/shell/index.js';
import { noFiles } from '../../rules/shell/helpers.js';

/** A project where no file exists: a script or SQL file a command runs is missing (see test/rules/shell/helpers.ts). */
export const ctx: AnalyzeContext = { cwd: '/home/u/proj', home: '/home/u', readFile: noFiles };

export const ir = (script: string, opts?: ShellOptions): Promise<ShellIr> => shellIrFromScript(script, ctx, opts);
export const argvIr = (argv: string[]): Promise<ShellIr> => shellIrFromArgv(argv, ctx);

export const names = (i: ShellIr): string[] => i.commands.map((c) => c.name.value);
export const ids = (i: ShellIr): string[] => [...new Set(i.undecidable.map((u) => u.ruleId))];

/** The only command with this name (fails the test when there is not exactly one). */
export function only(i: ShellIr, name: string): SimpleCommand {
  const found = i.commands.filter((c) => c.name.value === name);
  if (found.length !== 1) throw new Error(`expected one "${name}", got ${found.length}: ${names(i).join(', ')}`);
  return found[0]!;
}

export const argValues = (c: SimpleCommand): string[] => c.args.map((a) => a.value);
export const kinds = (c: SimpleCommand): string[] => c.context.map((x) => x.kind);
