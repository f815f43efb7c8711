// The catalogue's reading of each command, attached to the IR once: the rules ask `cmd.invocation`
// instead of reading the words again. A script the catalogue knows by its name, run by its
// interpreter (`python manage.py flush`, `php artisan migrate:fresh`), is read by the script's spec;
// the interpreter's own spec only says how it reads options.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { specFor } from '../../catalogue/index.js';
import { readInvocation, type Invocation } from '../../catalogue/read.js';
import { scriptProgram } from './file-runs.js';

/** What the catalogue reads in a command named `name` with `args`; undefined when it does not know the program. */
export function invocationFor(name: Word, args: readonly Word[]): Invocation | undefined {
  if (!name.static) return undefined;
  const script = scriptProgram(name.value, args);
  if (script) return readInvocation(script.spec, script.args);
  const spec = specFor(name.value);
  return spec ? readInvocation(spec, args) : undefined;
}

/**
 * The command with its invocation read from its own name and words. Commands the rules derive from
 * another (what a launcher runs, a delete interpreter code makes) copy the outer command, so they
 * must come through here: a copied invocation would be the outer program's.
 */
export function withInvocation(cmd: SimpleCommand): SimpleCommand {
  const inv = invocationFor(cmd.name, cmd.args);
  const { invocation: _old, ...rest } = cmd;
  return inv ? { ...rest, invocation: inv } : rest;
}

/** The final pass of the analyser: every command of the IR gets its invocation. */
export function attachInvocations(ir: ShellIr): ShellIr {
  for (const cmd of ir.commands) {
    const inv = invocationFor(cmd.name, cmd.args);
    if (inv) cmd.invocation = inv;
    else delete cmd.invocation;
  }
  return ir;
}
