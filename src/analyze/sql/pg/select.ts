// SELECT facts for PostgreSQL: an always-true alternative OR-ed into a WHERE, and UNION shapes.
import type { SqlStatement } from '../../../core/ir.js';
import { hasOrTautology } from '../fold.js';
import { unionShape, type UnionBranch } from '../injection.js';
import { checkDepth } from '../limits.js';
import { pgExpr, strings, unwrap } from './expr.js';
import { objectName } from '../statement.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

export function rangeVarName(x: unknown): string | undefined {
  const u = unwrap(x);
  if (!u || u[0] !== 'RangeVar') return undefined;
  const b = u[1];
  return objectName(b.catalogname as string, b.schemaname as string, b.relname as string);
}

/** The plain SELECTs of a set operation (UNION/INTERSECT/EXCEPT trees keep them in larg/rarg). */
function selectLeaves(b: Node, depth = 0): Node[] {
  checkDepth(depth);
  if (b.op === 'SETOP_NONE' || b.op === undefined) return [b];
  return [b.larg, b.rarg].flatMap((x) => (isNode(x) ? selectLeaves(x, depth + 1) : []));
}

export function selectShapes(b: Node, s: SqlStatement): void {
  const leaves = selectLeaves(b);
  for (const leaf of leaves) {
    for (const clause of [leaf.whereClause, leaf.havingClause]) {
      if (clause != null && hasOrTautology(pgExpr(clause), 'postgresql')) s.facts.orTautology = true;
    }
  }
  if (typeof b.op !== 'string' || !b.op.startsWith('SETOP_UNION')) return;
  const branches: UnionBranch[] = leaves.map((l) => ({
    tables: asArray(l.fromClause)
      .map(rangeVarName)
      .filter((n): n is string => !!n),
    columns: asArray(l.targetList).map((t) => {
      const v = unwrap(unwrap(t)?.[1].val);
      const isNull = v?.[0] === 'A_Const' && v[1].isnull === true;
      const name = v?.[0] === 'ColumnRef' ? strings(v[1].fields).pop() : undefined;
      return { isNull, ...(name ? { name } : {}) };
    }),
  }));
  Object.assign(s.facts, unionShape(branches));
}
