// Column references inside libpg-query expression nodes the folder does not model, so that the
// row-scope check can tell whether a WHERE reads the row it is about to change.
import type { ColumnRef } from '../expr.js';
import { checkDepth } from '../limits.js';
import { strings, unwrap } from './expr.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Names a FROM list (and a WITH list) brings into scope: tables, aliases, CTEs. */
function scopeNames(froms: unknown, out: Set<string>, depth: number): void {
  checkDepth(depth);
  for (const f of asArray(froms)) {
    const u = unwrap(f);
    if (!u) continue;
    const [type, b] = u;
    // An alias hides the table's own name: in `FROM users u2`, `users.id` is the outer row's.
    if (type === 'RangeVar' && typeof b.relname === 'string' && !isNode(b.alias)) out.add(b.relname.toLowerCase());
    if (type === 'CommonTableExpr' && typeof b.ctename === 'string') out.add(b.ctename.toLowerCase());
    if (isNode(b.alias) && typeof b.alias.aliasname === 'string') out.add(b.alias.aliasname.toLowerCase());
    if (type === 'JoinExpr') scopeNames([b.larg, b.rarg], out, depth + 1);
  }
}

/**
 * The column references inside a raw node, for expressions the folder does not model. A
 * reference qualified with a name that a subquery's own FROM brings into scope is the
 * subquery's, not the outer row's, and is left out; unqualified ones are kept (they may be either).
 */
export function pgRefs(node: unknown, shadow: ReadonlySet<string> = new Set(), out: ColumnRef[] = [], depth = 0): ColumnRef[] {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) pgRefs(n, shadow, out, depth + 1);
    return out;
  }
  if (!isNode(node)) return out;
  const u = unwrap(node);
  if (u?.[0] === 'ColumnRef') {
    const fields = asArray(u[1].fields);
    const names = strings(fields);
    const qualifier = fields.length >= 2 ? names[fields.length - 2]?.toLowerCase() : undefined;
    if (fields.length === 1 && names.length === 0) return out; // a bare `*`
    if (qualifier === undefined || !shadow.has(qualifier)) out.push(qualifier === undefined ? {} : { qualifier });
    return out;
  }
  if (u?.[0] === 'CurrentOfExpr') {
    out.push({}); // WHERE CURRENT OF names one row
    return out;
  }
  let inner = shadow;
  if (u?.[0] === 'SelectStmt') {
    const names = new Set(shadow);
    scopeNames(u[1].fromClause, names, depth + 1);
    if (isNode(u[1].withClause)) scopeNames(u[1].withClause.ctes, names, depth + 1);
    inner = names;
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'location' && v && typeof v === 'object') pgRefs(v, inner, out, depth + 1);
  return out;
}
