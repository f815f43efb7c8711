// Constant folding with SQL's three-valued logic: decides whether a WHERE is a tautology
// (`1=1`, `'a'='a'`, `NOT false`, `x OR 1=1`, MySQL `WHERE 1`, `col = col`, `id * 0 = 0`, …).
// When a dialect's coercion is uncertain we lean towards "tautology": the cost is a refusal,
// never a mass delete. A comparison of the row with itself (`col = col`, `id = id + 0`) holds for
// every row whose columns are not NULL: that counts as every row (see algebra.ts).
import type { Dialect } from '../../core/types.js';
import type { CmpOp, Expr } from './expr.js';
import { constantDifference, deterministic } from './algebra.js';
import { checkDepth } from './limits.js';
import { arith, cmp, compare, compareEq, foldCast, foldFunc, likeMatches, toNumber, truth, type Folded } from './values.js';

export { truth, type Folded } from './values.js';

const key = (e: Expr): string => JSON.stringify(e);

/** Row identifiers the database fills in for every row: never NULL (SQLite's rowid is also positive). */
const ROW_ID: Partial<Record<Dialect, ReadonlySet<string>>> = {
  sqlite: new Set(['rowid', 'oid', '_rowid_']),
  postgresql: new Set(['ctid']),
};
const rowId = (e: Expr, d: Dialect): boolean => e.t === 'col' && (ROW_ID[d]?.has(e.name.toLowerCase().split('.').pop() ?? '') ?? false);
/** SQLite's rowid as a truth value or compared with a bound below 1: true for every row (leaning, as the rowid could be set to 0 or less). */
const positiveRowId = (e: Expr, d: Dialect): boolean => d === 'sqlite' && rowId(e, d);

/** The truth of an expression used as a condition (true, false, null, or undefined: cannot tell). */
export const conditionValue = (e: Expr, d: Dialect): boolean | null | undefined => cond(e, d, 0);

function cond(e: Expr, d: Dialect, depth: number): boolean | null | undefined {
  if (positiveRowId(e, d)) return true;
  // A hex or bit literal (`0x01`, `b'0'`) in a condition is a number: true unless every digit is 0.
  const lit = e.t === 'func' && e.name === 'binary literal' ? e.args[0] : undefined;
  if (lit?.t === 'const' && typeof lit.v === 'string') return /[1-9a-f]/i.test(lit.v.replace(/^0[xb]/i, ''));
  return truth(fold(e, d, depth), d);
}

const FLIP: Record<CmpOp, CmpOp> = { '=': '=', '<>': '<>', '<': '>', '>': '<', '<=': '>=', '>=': '<=', '<=>': '<=>' };

/** `rowid > 0`, `0 < rowid`, `rowid >= 1`, `rowid <> 0` in SQLite: every row. */
function rowIdBound(e: Extract<Expr, { t: 'cmp' }>, d: Dialect, depth: number): boolean | undefined {
  const [key, other, op] = positiveRowId(e.l, d) ? [e.l, e.r, e.op] : positiveRowId(e.r, d) ? [e.r, e.l, FLIP[e.op]] : [];
  if (!key || !other || !op) return undefined;
  const n = fold(other, d, depth + 1);
  if (typeof n !== 'number') return undefined;
  if ((op === '>' || op === '<>') && n < 1) return true;
  if (op === '>=' && n <= 1) return true;
  return undefined;
}

/** The same value for every row (NULLs aside): `col` and `col`, `id` and `id + 0`. */
const sameValue = (l: Expr, r: Expr, d: Dialect, depth: number): boolean => constantDifference(l, r, d, depth) === 0;

function logic(op: 'and' | 'or' | 'xor', args: Expr[], d: Dialect, depth: number): Folded {
  const vals = args.map((a) => cond(a, d, depth + 1));
  if (op === 'or') {
    if (vals.includes(true)) return true;
    if (complementary(args)) return true;
    if (vals.every((v) => v === false)) return false;
  } else if (op === 'and') {
    if (vals.includes(false)) return false;
    if (vals.every((v) => v === true)) return true;
  } else if (vals.every((v) => typeof v === 'boolean')) {
    return vals.filter(Boolean).length % 2 === 1;
  }
  return vals.includes(undefined) ? undefined : null;
}

const OPPOSITE: Record<CmpOp, CmpOp | undefined> = { '=': '<>', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>', '<=>': undefined };

/** The structural negation of a condition, when it has one (`a = 1` → `a <> 1`, `x IN (…)` → `x NOT IN (…)`). */
function negation(e: Expr): Expr | undefined {
  switch (e.t) {
    case 'not':
      return e.arg;
    case 'is':
    case 'in':
    case 'between':
    case 'like':
    case 'exists':
      return { ...e, neg: !e.neg };
    case 'cmp': {
      const op = OPPOSITE[e.op];
      return op ? { ...e, op } : undefined;
    }
    default:
      return undefined;
  }
}

/** `x OR NOT x`, `c IS NULL OR c IS NOT NULL`, `a = 1 OR a <> 1`: true for every row. */
function complementary(args: Expr[]): boolean {
  const keys = new Set(args.map(key));
  return args.some((a) => {
    const n = negation(a);
    return n !== undefined && keys.has(key(n));
  });
}

function foldCompare(e: Extract<Expr, { t: 'cmp' }>, d: Dialect, depth: number): Folded {
  const l = fold(e.l, d, depth + 1);
  const r = fold(e.r, d, depth + 1);
  if (l === undefined || r === undefined) {
    // The row's terms cancel (`id = id + 0`, `id * 0 = 0`): the constant difference decides.
    const diff = constantDifference(e.l, e.r, d, depth);
    if (diff !== undefined) return cmp(e.op === '<=>' ? '=' : e.op, Math.sign(diff));
    return rowIdBound(e, d, depth);
  }
  if (e.op === '<=>') return l === null || r === null ? l === r : cmp('=', compareEq(l, r, d));
  if (l === null || r === null) return null;
  return cmp(e.op, e.op === '=' || e.op === '<>' ? compareEq(l, r, d) : compare(l, r, d));
}

function foldIs(e: Extract<Expr, { t: 'is' }>, d: Dialect, depth: number): Folded {
  const v = fold(e.arg, d, depth + 1);
  let res: Folded;
  if (e.test === 'distinct') {
    const o = e.other ? fold(e.other, d, depth + 1) : undefined;
    if (v === undefined || o === undefined) res = e.other && sameValue(e.arg, e.other, d, depth) ? false : undefined;
    else if (v === null || o === null) res = v !== o;
    else {
      const c = compareEq(v, o, d);
      res = c === undefined ? undefined : c !== 0;
    }
  } else if (v === undefined) {
    res = e.test === 'null' && rowId(e.arg, d) ? false : undefined;
  } else if (e.test === 'null') {
    res = v === null;
  } else {
    const b = truth(v, d);
    if (b === undefined) res = undefined;
    else res = e.test === 'unknown' ? b === null : b === (e.test === 'true');
  }
  return res === undefined ? undefined : e.neg ? !res : res;
}

/** `CASE WHEN x THEN true ELSE true END`: every branch gives the same value, whichever is taken. */
function sameResult(e: Extract<Expr, { t: 'case' }>, d: Dialect, depth: number): Folded {
  const results = [...e.whens.map((w) => w.then), e.else ?? { t: 'const', v: null }].map((x) => fold(x, d, depth + 1));
  const first = results[0];
  if (first === undefined) return undefined;
  return results.every((r) => r === first) ? first : undefined;
}

/** Folds an expression to a constant when it is one. */
export function fold(e: Expr, d: Dialect, depth = 0): Folded {
  checkDepth(depth);
  switch (e.t) {
    case 'const':
      return e.v;
    case 'and':
    case 'or':
    case 'xor':
      return logic(e.t, e.args, d, depth);
    case 'not': {
      const b = cond(e.arg, d, depth + 1);
      return b === undefined ? undefined : b === null ? null : !b;
    }
    case 'cmp':
      return foldCompare(e, d, depth);
    case 'is':
      return foldIs(e, d, depth);
    case 'in': {
      // `x IN ()` (SQLite; an empty subquery): false for every row, NULLs included.
      if (e.list.length === 0) return e.neg;
      if (e.list.some((x) => sameValue(e.arg, x, d, depth))) return !e.neg;
      const v = fold(e.arg, d, depth + 1);
      if (v === undefined) return undefined;
      const items = e.list.map((x) => fold(x, d, depth + 1));
      const eq = items.map((x) => (x === undefined || x === null || v === null ? undefined : compareEq(v, x, d)));
      if (eq.includes(0)) return !e.neg;
      if (items.includes(undefined) || eq.some((c, i) => c === undefined && items[i] !== null && v !== null)) return undefined;
      return v === null || items.includes(null) ? null : e.neg;
    }
    case 'between': {
      const lo: Expr = { t: 'cmp', op: '>=', l: e.arg, r: e.lo };
      const hi: Expr = { t: 'cmp', op: '<=', l: e.arg, r: e.hi };
      const both = logic('and', [lo, hi], d, depth);
      return both === undefined || both === null ? both : e.neg ? !both : both;
    }
    case 'like': {
      const p = fold(e.pattern, d, depth + 1);
      const v = fold(e.arg, d, depth + 1);
      // `name LIKE '%'`, `id::text LIKE '%'`: every row whose value is not NULL (leaning to "all").
      if (typeof p === 'string' && /^%+$/.test(p) && v === undefined && e.arg.t !== 'const' && deterministic(e.arg)) return !e.neg;
      if (v === undefined || p === undefined) return undefined;
      if (v === null || p === null) return null;
      const m = likeMatches(String(v), String(p), d, e.ci);
      return m === undefined ? undefined : e.neg ? !m : m;
    }
    case 'arith':
      return arith(e.op, fold(e.l, d, depth + 1), fold(e.r, d, depth + 1), d);
    case 'neg': {
      const v = fold(e.arg, d, depth + 1);
      if (v === undefined || v === null) return v;
      const n = toNumber(v, d);
      return n === undefined ? undefined : -n;
    }
    case 'func':
      return foldFunc(
        e.name,
        e.args.map((a) => fold(a, d, depth + 1)),
        d,
      );
    case 'cast':
      return foldCast(fold(e.arg, d, depth + 1), e.to, d);
    case 'case':
      for (const w of e.whens) {
        const b = cond(w.cond, d, depth + 1);
        if (b === undefined) return sameResult(e, d, depth);
        if (b === true) return fold(w.then, d, depth + 1);
      }
      return e.else ? fold(e.else, d, depth + 1) : null;
    case 'exists': {
      if (!e.where) return undefined;
      const b = cond(e.where, d, depth + 1);
      if (b === undefined) return undefined;
      return e.neg ? b !== true : b === true;
    }
    default:
      return undefined;
  }
}

/** The condition holds for every row: it folds to TRUE. */
export function isTautology(e: Expr, d: Dialect): boolean {
  return cond(e, d, 0) === true;
}

/** Some OR in the condition's boolean structure has an always-true operand (`… OR 1=1`). */
export function hasOrTautology(e: Expr, d: Dialect, depth = 0): boolean {
  checkDepth(depth);
  switch (e.t) {
    case 'or':
      if (e.args.some((a) => isTautology(a, d)) || complementary(e.args)) return true;
      return e.args.some((a) => hasOrTautology(a, d, depth + 1));
    case 'and':
    case 'xor':
      return e.args.some((a) => hasOrTautology(a, d, depth + 1));
    case 'not':
      return hasOrTautology(e.arg, d, depth + 1);
    default:
      return false;
  }
}
