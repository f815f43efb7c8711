// The words of a command that are neither options nor option values — its subcommands, then its
// operands — for rules that ask "which subcommand?" or "which operand?". A program the catalogue
// knows is read with its spec's grammar (`kubectl -n prod get pods` → get, pods; `gcloud … delete
// web-1 --format list` → …, delete, web-1); any other is read as before, every word that does not
// start with `-` (which takes an option's value for an operand).
import type { SimpleCommand, Word } from '../../core/ir.js';

/** Subcommands and operands in order, as the catalogue reads them; undefined when it does not know the program (or cannot read it). */
export function catalogueOperands(cmd: SimpleCommand): string[] | undefined {
  const inv = cmd.invocation;
  // `python manage.py …` is read as the script's spec: its words are not the interpreter's.
  if (!inv || inv.undecidable || !inv.spec.names.includes(cmd.name.value)) return undefined;
  const operands = new Set<Word>([...inv.operands, ...inv.roles.filter((r) => !r.option).map((r) => r.word)]);
  return [...inv.path, ...cmd.args.filter((w) => operands.has(w)).map((w) => w.value)];
}

/** Subcommands and operands in order: the catalogue's reading, else every word not starting with `-`. */
export function operandWords(cmd: SimpleCommand): string[] {
  return catalogueOperands(cmd) ?? cmd.args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
}
