// Which rows a PostgreSQL DELETE, UPDATE, MERGE or ALTER … TYPE … USING reaches (see row-scope.ts).
import type { SqlStatement } from '../../core/ir.js';
import { pgExpr, unwrap } from './pg-expr.js';
import { everyRow, possiblyNoRow, readsRow, type TargetNames } from './row-scope.js';

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
  if (scope === 'rowIndependent') s.flags.rowIndependent = true;
  if (scope === 'notNull') s.flags.notNullRows = true;
}

const MERGE_ACTIONS: Record<string, string> = { CMD_DELETE: 'delete', CMD_UPDATE: 'update', CMD_INSERT: 'insert', CMD_NOTHING: 'nothing' };

/**
 * MERGE reaches every target row with WHEN MATCHED when its ON holds for every row, and with
 * WHEN NOT MATCHED BY SOURCE when its ON may hold for none (`ON false`, `ON s.x = 1`).
 */
export function mergeFacts(s: SqlStatement, b: Node): void {
  const target = targetNames(b.relation);
  const on = pgExpr(b.joinCondition);
  s.hasWhere = b.joinCondition != null;
  s.whereTautology = s.hasWhere && everyRow(on, target, 'postgresql') !== undefined;
  const actions: string[] = [];
  const everywhere = new Set<string>();
  for (const c of asArray(b.mergeWhenClauses)) {
    const w = unwrap(c)?.[1] ?? {};
    const action = MERGE_ACTIONS[String(w.commandType)] ?? String(w.commandType ?? '').toLowerCase();
    actions.push(action);
    const cond = w.condition != null ? pgExpr(w.condition) : undefined;
    if (w.matchKind === 'MERGE_WHEN_MATCHED') {
      if (everyRow(cond ? { t: 'and', args: [on, cond] } : on, target, 'postgresql') !== undefined) everywhere.add(action);
    } else if (w.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE') {
      if (possiblyNoRow(on, target, 'postgresql') && (!cond || everyRow(cond, target, 'postgresql') !== undefined)) everywhere.add(action);
    }
  }
  s.flags.mergeActions = actions.join(',');
  if (everywhere.size > 0) s.flags.mergeEveryRow = [...everywhere].join(',');
}

/** `ALTER … TYPE … USING expr` where expr does not read the row replaces every value of the column. */
export function alterTypeOverwrites(cmd: Node, rel: unknown): boolean {
  if (cmd.subtype !== 'AT_AlterColumnType') return false;
  const def = unwrap(cmd.def)?.[1];
  if (!def || def.raw_default == null) return false;
  return !readsRow(pgExpr(def.raw_default), targetNames(rel));
}
