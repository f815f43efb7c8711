// Whether SQL may change anything: the question a read-only policy asks. Unknown means yes.
import type { SqlStatement } from '../../core/ir.js';

/** Session statements that change no stored data (unless they change server-wide settings). */
const READ_KINDS = new Set(['select', 'show', 'transaction', 'set', 'explain']);

function writes(s: SqlStatement): boolean {
  if (s.dynamic || s.nested.some(writes)) return true;
  if (!READ_KINDS.has(s.kind)) return true;
  const f = s.flags;
  return Boolean(f.selectInto || f.serverFile || f.codeExecution || f.adminFunction || f.writeFunction || f.serverConfig);
}

/** True when any statement (or anything nested in one) may write: all but plain reads. */
export function sqlWrites(stmts: readonly SqlStatement[]): boolean {
  return stmts.some(writes);
}
