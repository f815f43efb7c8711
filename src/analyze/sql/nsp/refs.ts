// Column references inside node-sql-parser expression nodes the folder does not model, so that
// the row-scope check can tell whether a WHERE reads the row it is about to change.
import type { Dialect } from '../../../core/types.js';
import type { ColumnRef } from '../expr.js';
import { checkDepth } from '../limits.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The column name of a column_ref, whichever shape the dialect build uses. */
export function nspColumnName(node: Node): string | undefined {
  const col = node.column;
  if (typeof col === 'string') return col;
  if (isNode(col) && isNode(col.expr) && typeof col.expr.value === 'string') return col.expr.value;
  return undefined;
}

/** `0b1`, `0x1F`: MySQL bit and hex literals that the parser reads as column names. */
export const mysqlBinaryLiteral = (name: string, dialect: Dialect) =>
  (dialect === 'mysql' || dialect === 'mariadb') && /^(0b[01]+|0x[0-9a-fA-F]+)$/.test(name);

/** Names a FROM list brings into scope (tables and aliases), lower-case. */
function scopeNames(from: unknown, out: Set<string>): void {
  for (const f of Array.isArray(from) ? from : [from]) {
    if (!isNode(f)) continue;
    // An alias hides the table's own name: in `FROM users u2`, `users.id` is the outer row's.
    if (typeof f.as === 'string') out.add(f.as.toLowerCase());
    else if (typeof f.table === 'string') out.add(f.table.toLowerCase());
  }
}

/**
 * The column references inside a raw node, for expressions the folder does not model. One
 * qualified with a name a subquery's own FROM brings into scope is the subquery's and is left
 * out; unqualified ones are kept (they may be either).
 */
export function nspRefs(
  node: unknown,
  dialect: Dialect,
  shadow: ReadonlySet<string> = new Set(),
  out: ColumnRef[] = [],
  depth = 0,
): ColumnRef[] {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) nspRefs(n, dialect, shadow, out, depth + 1);
    return out;
  }
  if (!isNode(node)) return out;
  if (node.type === 'column_ref') {
    const name = nspColumnName(node);
    const qualifier = typeof node.table === 'string' && node.table !== '' ? node.table.toLowerCase() : undefined;
    if ((name === '*' || (name !== undefined && (mysqlBinaryLiteral(name, dialect) || name.startsWith('@')))) && qualifier === undefined)
      return out;
    if (qualifier === undefined || !shadow.has(qualifier)) out.push(qualifier === undefined ? {} : { qualifier });
    return out;
  }
  // A double-quoted word is a column in SQLite and T-SQL (SQLite reads it as text only when no column has that name).
  if (node.type === 'double_quote_string' && !['mysql', 'mariadb', 'bigquery'].includes(dialect)) {
    out.push({});
    return out;
  }
  let inner = shadow;
  if (node.type === 'select') {
    const names = new Set(shadow);
    scopeNames(node.from, names);
    if (Array.isArray(node.with))
      for (const w of node.with) if (isNode(w) && isNode(w.name) && typeof w.name.value === 'string') names.add(w.name.value.toLowerCase());
    inner = names;
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') nspRefs(v, dialect, inner, out, depth + 1);
  return out;
}
