// Which rows a DELETE, UPDATE or MERGE reaches. A WHERE that folds to TRUE reaches every row; so
// does one that never reads the row it filters (`WHERE now() > '2000-01-01'`, `WHERE $1`,
// `USING u WHERE u.flag`, `WHERE EXISTS (SELECT 1 FROM other)`): it is the same for every row, so
// it selects all of them or none, and only a provable FALSE means none. Parts of a condition that
// do not read the row are taken at their worst (`id = 5 OR now() > x` reaches every row).
import type { Dialect } from '../../core/types.js';
import { constant, type Expr } from './expr.js';
import { conditionValue, isTautology } from './fold.js';
import { checkDepth } from './limits.js';
import { settleNullTests } from './null-rows.js';

/** The names the changed table goes by in the statement (its name and alias), lower-case. */
export type TargetNames = ReadonlySet<string>;

const qualifierOf = (name: string): string | undefined => {
  const parts = name.toLowerCase().split('.');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
};

/** A column reference can mean the target row: unqualified, or qualified with the target's name. */
const meansTarget = (qualifier: string | undefined, target: TargetNames) => qualifier === undefined || target.has(qualifier);

/** True when the expression may read a column of the row being changed (unsure counts as yes). */
export function readsRow(e: Expr, target: TargetNames, depth = 0): boolean {
  checkDepth(depth);
  const r = (x: Expr) => readsRow(x, target, depth + 1);
  switch (e.t) {
    case 'const':
      return false;
    case 'col':
      return meansTarget(qualifierOf(e.name), target);
    case 'unknown':
      // An opaque node without its references listed: assume it reads the row.
      return e.refs === undefined || e.refs.some((c) => meansTarget(c.qualifier, target));
    case 'exists':
      if (e.where) return r(e.where);
      return e.refs === undefined || e.refs.some((c) => meansTarget(c.qualifier, target));
    case 'and':
    case 'or':
    case 'xor':
      return e.args.some(r);
    case 'not':
    case 'neg':
    case 'cast':
      return r(e.arg);
    case 'cmp':
    case 'arith':
      return r(e.l) || r(e.r);
    case 'is':
      return r(e.arg) || (e.other !== undefined && r(e.other));
    case 'in':
      return r(e.arg) || e.list.some(r);
    case 'between':
      return r(e.arg) || r(e.lo) || r(e.hi);
    case 'like':
      return r(e.arg) || r(e.pattern);
    case 'func':
      return e.args.some(r);
    case 'case':
      return e.whens.some((w) => r(w.cond) || r(w.then)) || (e.else !== undefined && r(e.else));
    case 'inTable':
      return r(e.arg) || r(e.inner);
  }
}

/**
 * `id IN (SELECT id FROM t)`, `EXISTS (SELECT 1 FROM t t2 WHERE t2.id = t.id)` while changing `t`:
 * the table finds each row's own value, so it holds for every row whose `id` is not NULL.
 */
const wholeTableSelf = (e: Expr, target: TargetNames): boolean =>
  e.t === 'inTable' &&
  target.has(e.table) &&
  e.arg.t === 'col' &&
  meansTarget(qualifierOf(e.arg.name), target) &&
  (e.arg.name.toLowerCase().split('.').pop() ?? '') === e.col;

/** The condition with each lookup of the row in its own table (see wholeTableSelf) as TRUE. */
function settleSelfLookups(e: Expr, target: TargetNames, depth = 0): Expr {
  checkDepth(depth);
  if (wholeTableSelf(e, target)) return constant(true);
  const settle = (x: Expr) => settleSelfLookups(x, target, depth + 1);
  switch (e.t) {
    case 'and':
    case 'or':
    case 'xor':
      return { ...e, args: e.args.map(settle) };
    case 'not':
      return { t: 'not', arg: settle(e.arg) };
    default:
      return e;
  }
}

/** `t.id` → `id` when `t` names the target, so that `t.id = id` is seen as one column. */
function canonical(e: Expr, target: TargetNames, depth = 0): Expr {
  checkDepth(depth);
  if (e.t === 'col') {
    const q = qualifierOf(e.name);
    return q !== undefined && target.has(q) ? { t: 'col', name: e.name.toLowerCase().split('.').pop() ?? e.name } : e;
  }
  const c = (x: Expr) => canonical(x, target, depth + 1);
  switch (e.t) {
    case 'and':
    case 'or':
    case 'xor':
      return { ...e, args: e.args.map(c) };
    case 'not':
    case 'neg':
    case 'cast':
      return { ...e, arg: c(e.arg) };
    case 'cmp':
    case 'arith':
      return { ...e, l: c(e.l), r: c(e.r) };
    case 'is':
      return { ...e, arg: c(e.arg), ...(e.other ? { other: c(e.other) } : {}) };
    case 'in':
      return { ...e, arg: c(e.arg), list: e.list.map(c) };
    case 'between':
      return { ...e, arg: c(e.arg), lo: c(e.lo), hi: c(e.hi) };
    case 'like':
      return { ...e, arg: c(e.arg), pattern: c(e.pattern) };
    case 'func':
      return { ...e, args: e.args.map(c) };
    case 'inTable':
      return { ...e, arg: c(e.arg) };
    case 'case':
      return { ...e, whens: e.whens.map((w) => ({ cond: c(w.cond), then: c(w.then) })), ...(e.else ? { else: c(e.else) } : {}) };
    default:
      return e;
  }
}

/**
 * The condition with every part that does not read the row and does not fold replaced by the
 * value that selects the most rows: TRUE where it counts positively, FALSE under a NOT.
 */
function worstCase(e: Expr, want: boolean, target: TargetNames, d: Dialect, depth = 0): Expr {
  checkDepth(depth);
  switch (e.t) {
    case 'and':
    case 'or':
      return { ...e, args: e.args.map((a) => worstCase(a, want, target, d, depth + 1)) };
    case 'not':
      return { t: 'not', arg: worstCase(e.arg, !want, target, d, depth + 1) };
    default:
      if (conditionValue(e, d) !== undefined || readsRow(e, target)) return e;
      return constant(want);
  }
}

/**
 * How a restriction reaches every row: it always holds ('tautology'), it holds for every row whose
 * tested columns have a value ('notNull': `id = 5 OR email IS NOT NULL`, `id IS NOT NULL`,
 * `id IN (SELECT id FROM same_table)`), or it does not read the row ('rowIndependent');
 * undefined when it filters.
 */
export type RowScope = 'tautology' | 'notNull' | 'rowIndependent' | undefined;

/** Whether a restriction reaches every row of the target (see RowScope). */
export function everyRow(where: Expr, target: TargetNames, d: Dialect): RowScope {
  const e = canonical(where, target);
  if (isTautology(e, d)) return 'tautology';
  const settled = settleNullTests(settleSelfLookups(e, target), target, d, (x) => readsRow(x, target));
  if (isTautology(settled, d)) return 'notNull';
  if (isTautology(worstCase(settled, true, target, d), d)) return 'rowIndependent';
  return undefined;
}

/** The condition may be false (or NULL) for every row: it folds so, or it does not read the row. */
export function possiblyNoRow(cond: Expr, target: TargetNames, d: Dialect): boolean {
  const v = conditionValue(cond, d);
  return v === false || v === null || (v === undefined && !readsRow(cond, target));
}
