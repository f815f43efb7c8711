// The words of a command that are neither options nor option values — its subcommands, then its
// operands — for rules that ask "which subcommand?" or "which operand?". A program the catalogue
// knows is read with its spec's grammar (`kubectl -n prod get pods` → get, pods; `gcloud … delete
// web-1 --format list` → …, delete, web-1); any other is read as before, every word that does not
// start with `-` (which takes an option's value for an operand).
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { invocationOf } from './catalogue.js';

/** A stand-in IR for callers that judge one command alone (invocationOf memoises per IR). */
export const NO_IR: ShellIr = { commands: [], functions: [], embeddedSql: [], undecidable: [] };

/** Subcommands and operands in order, as the catalogue reads them; undefined when it does not know the program (or cannot read it). */
export function catalogueOperands(cmd: SimpleCommand, ir: ShellIr = NO_IR): string[] | undefined {
  const inv = invocationOf(cmd, ir);
  // `python manage.py …` is read as the script's spec: its words are not the interpreter's.
  if (!inv || inv.undecidable || !inv.spec.names.includes(cmd.name.value)) return undefined;
  const operands = new Set<Word>([...inv.operands, ...inv.roles.filter((r) => !r.option).map((r) => r.word)]);
  return [...inv.path, ...cmd.args.filter((w) => operands.has(w)).map((w) => w.value)];
}

/** Subcommands and operands in order: the catalogue's reading, else every word not starting with `-`. */
export function operandWords(cmd: SimpleCommand, ir: ShellIr = NO_IR): string[] {
  return catalogueOperands(cmd, ir) ?? cmd.args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
}
