// Which rows a PostgreSQL DELETE, UPDATE, MERGE, upsert or ALTER … TYPE … USING reaches (see row-scope.ts).
import type { SqlStatement } from '../../../core/ir.js';
import { checkDepth } from '../limits.js';
import { pgExpr, selectBody, unwrap } from './expr.js';
import type { Expr } from '../expr.js';
import { everyRow, possiblyNoRow, readsRow, type TargetNames } from '../row-scope.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

/** The names the changed table goes by: its own name and its alias. */
function targetNames(rel: unknown): TargetNames {
  const names = new Set<string>();
  if (isNode(rel)) {
    if (typeof rel.relname === 'string') names.add(rel.relname.toLowerCase());
    if (isNode(rel.alias) && typeof rel.alias.aliasname === 'string') names.add(rel.alias.aliasname.toLowerCase());
  }
  return names;
}

/** WHERE facts of an UPDATE/DELETE: whether it reaches every row, and why. */
export function restriction(s: SqlStatement, where: unknown, rel: unknown): void {
  s.hasWhere = where != null;
  if (!s.hasWhere) return;
  const scope = everyRow(pgExpr(where), targetNames(rel), 'postgresql');
  s.whereTautology = scope !== undefined;
  if (scope === 'rowIndependent' || scope === 'notNull') s.facts.rowScope = scope;
}

const MERGE_ACTIONS: Record<string, string> = { CMD_DELETE: 'delete', CMD_UPDATE: 'update', CMD_INSERT: 'insert', CMD_NOTHING: 'nothing' };

/**
 * MERGE reaches every target row with WHEN MATCHED when its ON holds for every row, and with
 * WHEN NOT MATCHED BY SOURCE when its ON may hold for none (`ON false`, `ON s.x = 1`).
 */
/** The name a relation's columns are qualified with: its alias, else its own name. */
const qualifierOf = (rel: Node): string =>
  (isNode(rel.alias) && typeof rel.alias.aliasname === 'string' ? rel.alias.aliasname : String(rel.relname ?? '')).toLowerCase();

/** `t.c = s.c AND …`: every conjunct equates a column of the target with the same column of the source. */
function sameColumns(e: Expr, target: string, source: string): boolean {
  if (e.t === 'and') return e.args.every((a) => sameColumns(a, target, source));
  if (e.t !== 'cmp' || e.op !== '=' || e.l.t !== 'col' || e.r.t !== 'col') return false;
  const [l, r] = [e.l.name.toLowerCase().split('.'), e.r.name.toLowerCase().split('.')];
  if (l.length !== 2 || r.length !== 2 || l[1] !== r[1]) return false;
  return (l[0] === target && r[0] === source) || (l[0] === source && r[0] === target);
}

/**
 * `MERGE INTO t USING t s ON t.id = s.id`: the source is the whole target, matched row for row.
 * The source's name (its columns are the matched row's own), else undefined.
 */
function mergesWithItself(b: Node, on: Expr): string | undefined {
  const src = unwrap(b.sourceRelation);
  if (!isNode(b.relation) || !src) return undefined;
  const whole =
    src[0] === 'RangeVar'
      ? sameRelation(src[1], b.relation)
      : src[0] === 'RangeSubselect' && readsWholeTable(src[1].subquery, b.relation, new Map());
  const [target, source] = [qualifierOf(b.relation), qualifierOf(src[1])];
  return whole && target !== source && sameColumns(on, target, source) ? source : undefined;
}

export function mergeFacts(s: SqlStatement, b: Node): void {
  const target = targetNames(b.relation);
  const on = pgExpr(b.joinCondition);
  const self = mergesWithItself(b, on);
  s.hasWhere = b.joinCondition != null;
  s.whereTautology = s.hasWhere && everyRow(on, target, 'postgresql') !== undefined;
  const everywhere = new Set<string>();
  for (const c of asArray(b.mergeWhenClauses)) {
    const w = unwrap(c)?.[1] ?? {};
    const action = MERGE_ACTIONS[String(w.commandType)] ?? String(w.commandType ?? '').toLowerCase();
    const cond = w.condition != null ? pgExpr(w.condition) : undefined;
    if (w.matchKind === 'MERGE_WHEN_MATCHED') {
      // A target merged with itself matches every row (whose key has a value); a condition on
      // either side reads that row and may still filter.
      const matchedAll = self !== undefined && (!cond || everyRow(cond, new Set([...target, self]), 'postgresql') !== undefined);
      if (matchedAll || everyRow(cond ? { t: 'and', args: [on, cond] } : on, target, 'postgresql') !== undefined) everywhere.add(action);
    } else if (w.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE') {
      if (possiblyNoRow(on, target, 'postgresql') && (!cond || everyRow(cond, target, 'postgresql') !== undefined)) everywhere.add(action);
    }
  }
  if (everywhere.size > 0) s.facts.mergeEveryRow = [...everywhere];
}

/** `ALTER … TYPE … USING expr` where expr does not read the row replaces every value of the column. */
export function alterTypeOverwrites(cmd: Node, rel: unknown): boolean {
  if (cmd.subtype !== 'AT_AlterColumnType') return false;
  const def = unwrap(cmd.def)?.[1];
  if (!def || def.raw_default == null) return false;
  return !readsRow(pgExpr(def.raw_default), targetNames(rel));
}

/** CTE names of a WITH clause → their queries. */
function ctes(withClause: unknown, into = new Map<string, unknown>()): Map<string, unknown> {
  for (const c of asArray(isNode(withClause) ? withClause.ctes : undefined)) {
    const b = unwrap(c)?.[1];
    if (b && typeof b.ctename === 'string') into.set(b.ctename.toLowerCase(), b.ctequery);
  }
  return into;
}

const sameRelation = (a: Node, b: Node) =>
  String(a.relname).toLowerCase() === String(b.relname).toLowerCase() &&
  (a.schemaname == null || b.schemaname == null || String(a.schemaname).toLowerCase() === String(b.schemaname).toLowerCase());

/**
 * The query returns every row of `table`: a SELECT (or one branch of a UNION, or a CTE it reads)
 * over that table alone, with no LIMIT or HAVING and a WHERE that reaches every row.
 */
function readsWholeTable(query: unknown, table: Node, named: Map<string, unknown>, depth = 0): boolean {
  checkDepth(depth);
  const s = selectBody(query);
  if (!s) return false;
  const inner = ctes(s.withClause, new Map(named));
  if (typeof s.op === 'string' && s.op.startsWith('SETOP_UNION'))
    return readsWholeTable(s.larg, table, inner, depth + 1) || readsWholeTable(s.rarg, table, inner, depth + 1);
  if (s.op !== 'SETOP_NONE' && s.op !== undefined) return false;
  const from = asArray(s.fromClause);
  const only = unwrap(from[0]);
  if (from.length !== 1 || s.limitCount != null || s.limitOffset != null || s.havingClause != null) return false;
  // `FROM (SELECT * FROM t) s`: the subquery's rows.
  if (only?.[0] === 'RangeSubselect') {
    if (!readsWholeTable(only[1].subquery, table, inner, depth + 1)) return false;
    return s.whereClause == null || everyRow(pgExpr(s.whereClause), targetNames(only[1]), 'postgresql') !== undefined;
  }
  if (only?.[0] !== 'RangeVar') return false;
  const rv = only[1];
  const cte = rv.schemaname == null ? inner.get(String(rv.relname).toLowerCase()) : undefined;
  if (cte !== undefined) {
    inner.delete(String(rv.relname).toLowerCase()); // a CTE does not read itself here
    if (!readsWholeTable(cte, table, inner, depth + 1)) return false;
  } else if (!sameRelation(rv, table)) return false;
  return s.whereClause == null || everyRow(pgExpr(s.whereClause), targetNames(rv), 'postgresql') !== undefined;
}

/**
 * `INSERT INTO t SELECT * FROM t … ON CONFLICT … DO UPDATE`: every row of t comes back and meets
 * itself, so the DO UPDATE rewrites every row (unless its own WHERE filters them).
 */
export function upsertFacts(s: SqlStatement, b: Node): void {
  const conflict = isNode(b.onConflictClause) ? b.onConflictClause : undefined;
  if (!conflict || conflict.action !== 'ONCONFLICT_UPDATE' || !isNode(b.relation)) return;
  if (!readsWholeTable(b.selectStmt, b.relation, ctes(b.withClause))) return;
  const names = new Set([...targetNames(b.relation), 'excluded']);
  if (conflict.whereClause != null && everyRow(pgExpr(conflict.whereClause), names, 'postgresql') === undefined) return;
  s.facts.upsertEveryRow = 'INSERT … SELECT from the same table … ON CONFLICT DO UPDATE';
}
