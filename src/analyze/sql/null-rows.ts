// `x IS NOT NULL` in a WHERE that changes rows. A condition true for every row whose columns are
// not NULL counts as reaching every row (the guard cannot know which columns are nullable; see
// docs/policies.md), but a WHERE whose whole test is `x IS NOT NULL` names the rows it keeps —
// the NULL ones — and stays a filter. What does reach every row:
// - a key or the whole row: `id IS NOT NULL` (the conventional key, like SQLite's rowid, is never
//   NULL), PostgreSQL's `users IS NOT NULL` (the row itself);
// - `x IS NOT NULL` OR-ed into the condition (`id = 5 OR email IS NOT NULL`): the OR then holds for
//   every row where x has a value, whatever the other branches test — the shape of an injected
//   `' OR x IS NOT NULL`.
import type { Dialect } from '../../core/types.js';
import { constant, type Expr } from './expr.js';
import { checkDepth } from './limits.js';

type TargetNames = ReadonlySet<string>;

/** The expression a NULL test is about, and whether it asks for a value (`IS NOT NULL`) or its absence. */
function nullTest(e: Expr, d: Dialect): { arg: Expr; notNull: boolean } | undefined {
  if (e.t === 'is' && e.test === 'null') return { arg: e.arg, notNull: e.neg };
  // `x IS [NOT] DISTINCT FROM NULL`
  if (e.t === 'is' && e.test === 'distinct' && e.other?.t === 'const' && e.other.v === null) return { arg: e.arg, notNull: !e.neg };
  // MySQL's `ISNULL(x)` and `x <=> NULL`
  if (e.t === 'func' && e.name === 'isnull' && e.args.length === 1 && (d === 'mysql' || d === 'mariadb'))
    return { arg: e.args[0] as Expr, notNull: false };
  if (e.t === 'cmp' && e.op === '<=>' && e.r.t === 'const' && e.r.v === null) return { arg: e.l, notNull: false };
  if (e.t === 'not') {
    const inner = nullTest(e.arg, d);
    return inner && { arg: inner.arg, notNull: !inner.notNull };
  }
  return undefined;
}

/** `x IS NOT NULL` (in any of its spellings) about the column `column` (its last name part). */
export function notNullOf(e: Expr, d: Dialect, column: string): boolean {
  const t = nullTest(e, d);
  return t?.notNull === true && t.arg.t === 'col' && (t.arg.name.toLowerCase().split('.').pop() ?? '') === column;
}

const bareName = (e: Expr): string | undefined => (e.t === 'col' && !e.name.includes('.') ? e.name.toLowerCase() : undefined);

/**
 * Never NULL in a row of the target: the conventional key `id` (target-qualified names are already
 * bare here) and, in PostgreSQL, the target's own name or alias standing for the whole row.
 */
function neverNull(e: Expr, target: TargetNames, d: Dialect): boolean {
  const name = bareName(e);
  return name === 'id' || (d === 'postgresql' && name !== undefined && target.has(name));
}

/**
 * The condition with NULL tests settled where the answer is known for every row: tests of a key
 * or the whole row become constants, and inside an OR (where a row counts: not under a NOT) a
 * test that a column of the row has a value becomes TRUE. `reads` tells whether an expression
 * reads the target row.
 */
export function settleNullTests(
  e: Expr,
  target: TargetNames,
  d: Dialect,
  reads: (x: Expr) => boolean,
  at = { positive: true, inOr: false },
  depth = 0,
): Expr {
  checkDepth(depth);
  const test = nullTest(e, d);
  if (test && neverNull(test.arg, target, d)) return constant(test.notNull);
  if (test?.notNull && at.positive && at.inOr && reads(test.arg)) return constant(true);
  const settle = (x: Expr, next = at) => settleNullTests(x, target, d, reads, next, depth + 1);
  switch (e.t) {
    case 'and':
      return { ...e, args: e.args.map((a) => settle(a)) };
    case 'or':
      return { ...e, args: e.args.map((a) => settle(a, { ...at, inOr: true })) };
    case 'not':
      return { t: 'not', arg: settle(e.arg, { ...at, positive: !at.positive }) };
    default:
      return e;
  }
}
