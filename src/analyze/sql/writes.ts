// Whether SQL may change anything: the question a read-only policy asks. Unknown means yes.
import type { SqlStatement } from '../../core/ir.js';

/** Statements that change no stored data (unless their facts say otherwise). */
const READ_KINDS = new Set(['select', 'show', 'transaction', 'set', 'explain', 'pragma']);

function writes(s: SqlStatement): boolean {
  if (s.dynamic || s.nested.some(writes)) return true;
  if (!READ_KINDS.has(s.kind)) return true;
  const f = s.facts;
  // SELECT … FOR UPDATE locks rows for writing: PostgreSQL refuses it in a read-only transaction.
  return Boolean(
    f.selectInto ||
    f.locking ||
    f.serverFile ||
    f.codeExecution ||
    f.adminFunction ||
    f.writeFunction ||
    f.serverConfig ||
    f.pragmaWrite ||
    f.attach,
  );
}

/** True when any statement (or anything nested in one) may write: all but plain reads. */
export function sqlWrites(stmts: readonly SqlStatement[]): boolean {
  return stmts.some(writes);
}
