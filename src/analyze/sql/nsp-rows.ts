// Which rows a DELETE or UPDATE reaches, for the node-sql-parser dialects (see row-scope.ts).
import type { Expr } from './expr.js';
import { nspExpr, type NspExprContext } from './nsp-expr.js';
import { everyRow, type RowScope } from './row-scope.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

/**
 * The names the changed tables go by: the DELETE targets (or, for an UPDATE, the tables its SET
 * writes), with the aliases and table names the FROM/JOIN list pairs them with.
 */
function changedNames(node: Node, type: 'update' | 'delete'): Set<string> {
  const tables = [...asArray(node.table), ...asArray(node.from)].filter(isNode);
  const names = new Set<string>();
  const setTables = asArray(node.set).map((c) => (isNode(c) && typeof c.table === 'string' ? c.table.toLowerCase() : undefined));
  if (type === 'update' && setTables.length > 0 && setTables.every((t) => t !== undefined)) setTables.forEach((t) => names.add(t as string));
  else for (const t of asArray(node.table)) for (const n of isNode(t) ? [t.table, t.as] : []) if (typeof n === 'string') names.add(n.toLowerCase());
  for (const t of tables) {
    const pair = [t.table, t.as].filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase());
    if (pair.some((n) => names.has(n))) pair.forEach((n) => names.add(n));
  }
  // BigQuery's `proj.ds.users` (one back-quoted path) is `users` to its columns.
  for (const n of [...names]) names.add(n.split('.').pop() ?? n);
  return names;
}

/** The restriction of an UPDATE/DELETE: its WHERE plus the ON of any join it runs through. */
export function restriction(node: Node, type: 'update' | 'delete', exprCtx: NspExprContext): { hasWhere: boolean; scope: RowScope } {
  const parts: Expr[] = [];
  if (node.where != null) parts.push(nspExpr(node.where, exprCtx));
  for (const t of [...asArray(node.from), ...asArray(node.table)]) {
    if (isNode(t) && t.on != null) parts.push(nspExpr(t.on, exprCtx));
  }
  if (parts.length === 0) return { hasWhere: false, scope: undefined };
  const where: Expr = parts.length === 1 ? (parts[0] as Expr) : { t: 'and', args: parts };
  return { hasWhere: true, scope: everyRow(where, changedNames(node, type), exprCtx.dialect) };
}
