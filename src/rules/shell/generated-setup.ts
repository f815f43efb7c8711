// `eval "$(pyenv init -)"` is trusted (src/analyze/shell/eval-generators.ts) only while the name
// still means the tool: a script that defines a function or alias of that name, changes PATH or
// pins a path for it with `hash -p` decides itself what the substitution prints, and eval runs it.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { evalGenerator } from '../../analyze/shell/eval-generators.js';
import { nameOf } from './programs.js';

const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);

/** True when the command is `eval` of a listed generator that the script leaves alone. */
export function trustedSetupEval(cmd: SimpleCommand, ir: ShellIr): boolean {
  if (nameOf(cmd) !== 'eval') return false;
  const gen = evalGenerator(cmd.args);
  return !!gen && !rebinds(gen[0]!, ir);
}

function rebinds(name: string, ir: ShellIr): boolean {
  if (ir.functions.includes(name)) return true;
  return ir.commands.some((c) => {
    if (c.assignments.some((a) => a.name === 'PATH')) return true;
    const n = nameOf(c);
    const args = c.args.map((w) => w.value);
    if (DECLARATIONS.has(n) && args.some((v) => /^PATH\+?=/.test(v))) return true;
    if (n === 'alias' && args.some((v) => v === name || v.startsWith(`${name}=`) || !c.args.every((w) => w.static))) return true;
    return n === 'hash' && args.some((v) => v.startsWith('-p'));
  });
}
