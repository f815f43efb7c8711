// Which rows a DELETE, UPDATE or upsert reaches, for the node-sql-parser dialects (see row-scope.ts).
import type { Expr } from '../expr.js';
import { checkDepth } from '../limits.js';
import { nspExpr, type NspExprContext } from './expr.js';
import { everyRow, type RowScope } from '../row-scope.js';

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
  if (type === 'update' && setTables.length > 0 && setTables.every((t) => t !== undefined))
    setTables.forEach((t) => names.add(t as string));
  else
    for (const t of asArray(node.table))
      for (const n of isNode(t) ? [t.table, t.as] : []) if (typeof n === 'string') names.add(n.toLowerCase());
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

/** node-sql-parser writes an absent LIMIT as `{ seperator: '', value: [] }`. */
const noLimit = (limit: unknown) => limit == null || (isNode(limit) && Array.isArray(limit.value) && limit.value.length === 0);

const lastName = (n: unknown) => (typeof n === 'string' ? (n.toLowerCase().split('.').pop() ?? '') : '');

/**
 * The query returns every row of `table`: a SELECT (or one branch of a UNION) over that table
 * alone, with no LIMIT, TOP or HAVING and a WHERE that reaches every row.
 */
function readsWholeTable(select: unknown, table: string, exprCtx: NspExprContext, depth = 0): boolean {
  checkDepth(depth);
  if (!isNode(select) || select.type !== 'select') return false;
  if (select._next != null) {
    const union = /^union/i.test(String(select.set_op ?? ''));
    return (
      union &&
      (readsWholeTable({ ...select, _next: null, set_op: null }, table, exprCtx, depth + 1) ||
        readsWholeTable(select._next, table, exprCtx, depth + 1))
    );
  }
  const from = asArray(select.from);
  const only = from[0];
  if (from.length !== 1 || !isNode(only) || only.join != null) return false;
  // `FROM (SELECT * FROM t) s`: the subquery's rows.
  const derived = isNode(only.expr) && isNode(only.expr.ast) ? only.expr.ast : undefined;
  if (derived ? !readsWholeTable(derived, table, exprCtx, depth + 1) : lastName(only.table) !== table) return false;
  if (!noLimit(select.limit) || select.top != null || select.having != null) return false;
  const names = new Set([...(derived ? [] : [table]), ...(typeof only.as === 'string' ? [only.as.toLowerCase()] : [])]);
  return select.where == null || everyRow(nspExpr(select.where, exprCtx), names, exprCtx.dialect) !== undefined;
}

/**
 * An upsert of a table into itself: `INSERT … SELECT … FROM t ON DUPLICATE KEY UPDATE` (and
 * SQLite's ON CONFLICT DO UPDATE, which reaches the parser as that), `REPLACE INTO t SELECT … FROM
 * t`, `INSERT OR REPLACE`: every row comes back and meets itself, so every row is rewritten
 * (REPLACE deletes and re-inserts it, firing ON DELETE cascades). The kind, or undefined.
 */
export function upsertEveryRow(node: Node, exprCtx: NspExprContext): string | undefined {
  const replace = node.type === 'replace' || asArray(node.or).some((o) => isNode(o) && /^replace$/i.test(String(o.value)));
  const update = node.on_duplicate_update != null;
  if (!replace && !update) return undefined;
  const table = lastName(asArray(node.table).map((t) => (isNode(t) ? t.table : undefined))[0]);
  if (!table || !readsWholeTable(node.values, table, exprCtx)) return undefined;
  return replace
    ? 'REPLACE … SELECT from the same table'
    : 'INSERT … SELECT from the same table … ON DUPLICATE KEY UPDATE / ON CONFLICT DO UPDATE';
}
