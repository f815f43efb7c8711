// When two expressions over the row are the same value: `id` and `id + 0`, `id * 0` and `0`,
// `id - id` and `0`, `2 * id` and `id + id`. Arithmetic is read as linear forms — a constant plus
// whole multiples of row terms (columns, deterministic calls) — and two sides whose terms cancel
// differ by a constant, whatever the row holds. The arithmetic is taken as exact, as on integers
// and decimals: NULL, NaN, infinities, float rounding and overflow are values a guard cannot know
// a column holds, and like NULL they are set aside (see "A WHERE that reaches every row" in
// docs/policies.md). Terms must be deterministic: `random() - random()` is not 0.
import type { Dialect } from '../../core/types.js';
import type { Expr } from './expr.js';
import { checkDepth } from './limits.js';

/** Functions that may return another value on each call (so `f() = f()` is not always true). */
const VOLATILE = new Set([
  'random',
  'rand',
  'setseed',
  'nextval',
  'clock_timestamp',
  'timeofday',
  'gen_random_uuid',
  'uuid_generate_v4',
  'uuid',
  'newid',
  'newsequentialid',
  'random_bytes',
  'randomblob',
  'changes',
  'last_insert_id',
  'sysdatetime',
  'sys_guid',
]);

/** True when the expression gives the same value for the same row (columns, constants, stable functions). */
export function deterministic(e: Expr, depth = 0): boolean {
  checkDepth(depth);
  switch (e.t) {
    case 'const':
    case 'col':
      return true;
    case 'arith':
      return deterministic(e.l, depth + 1) && deterministic(e.r, depth + 1);
    case 'neg':
    case 'cast':
      return deterministic(e.arg, depth + 1);
    case 'func':
      return !VOLATILE.has(e.name.split('.').pop() ?? '') && e.args.every((a) => deterministic(a, depth + 1));
    default:
      return false;
  }
}

/** `c + Σ k·term`: `terms` maps a term's key to its (integer) multiple. */
interface Linear {
  c: number;
  terms: Map<string, number>;
}

const exact = (n: number) => Number.isSafeInteger(n);

function scale(x: Linear, k: number): Linear | undefined {
  const terms = new Map<string, number>();
  for (const [t, m] of x.terms) {
    if (!exact(m * k)) return undefined;
    terms.set(t, m * k);
  }
  return exact(x.c * k) ? { c: x.c * k, terms } : undefined;
}

function sum(a: Linear, b: Linear): Linear | undefined {
  const terms = new Map(a.terms);
  for (const [t, m] of b.terms) terms.set(t, (terms.get(t) ?? 0) + m);
  if (![...terms.values()].every(exact) || !exact(a.c + b.c)) return undefined;
  return { c: a.c + b.c, terms };
}

const isConstant = (x: Linear) => [...x.terms.values()].every((m) => m === 0);

/** A deterministic expression the forms do not look inside, as one term. */
const term = (e: Expr): Linear | undefined => (deterministic(e) ? { c: 0, terms: new Map([[JSON.stringify(e), 1]]) } : undefined);

/**
 * The linear form of an expression, or undefined. Read from the tree alone (never by folding
 * subexpressions again), so that comparisons nested in comparisons stay linear in cost.
 */
function linear(e: Expr, d: Dialect, depth: number): Linear | undefined {
  checkDepth(depth);
  const lin = (x: Expr) => linear(x, d, depth + 1);
  switch (e.t) {
    case 'const':
      return typeof e.v === 'number' && exact(e.v) ? { c: e.v, terms: new Map() } : undefined;
    case 'neg': {
      const a = lin(e.arg);
      return a && scale(a, -1);
    }
    case 'arith': {
      if (e.op === '+' || e.op === '-') {
        const l = lin(e.l);
        const r = lin(e.r);
        if (!l || !r) return term(e);
        // T-SQL's + also joins strings: it is arithmetic only when one side is a number.
        if (d === 'transactsql' && e.op === '+' && !isConstant(l) && !isConstant(r)) return term(e);
        const right = e.op === '-' ? scale(r, -1) : r;
        return right && sum(l, right);
      }
      if (e.op === '*') {
        const l = lin(e.l);
        const r = lin(e.r);
        if (l && isConstant(l) && r) return scale(r, l.c);
        if (r && isConstant(r) && l) return scale(l, r.c);
        return term(e);
      }
      if (e.op === '/') {
        const r = lin(e.r);
        if (r && isConstant(r) && r.c === 1) return lin(e.l);
      }
      return term(e);
    }
    // Conditions are not numbers to compare (and folding them here again would cost twice).
    case 'and':
    case 'or':
    case 'xor':
    case 'not':
    case 'cmp':
    case 'is':
    case 'in':
    case 'between':
    case 'like':
    case 'exists':
    case 'inTable':
      return undefined;
    default:
      return term(e);
  }
}

/**
 * `l - r` when it is the same constant for every row (the row's terms cancel), else undefined:
 * `id + 1` and `id` differ by 1, `id * 0` and `0` by 0, `name` and `name` by 0. Undefined when
 * neither side reads anything (the folder compares constants itself).
 */
export function constantDifference(l: Expr, r: Expr, d: Dialect, depth = 0): number | undefined {
  const a = linear(l, d, depth + 1);
  const b = linear(r, d, depth + 1);
  if (!a || !b || (a.terms.size === 0 && b.terms.size === 0)) return undefined;
  const negB = scale(b, -1);
  const diff = negB && sum(a, negB);
  return diff && isConstant(diff) ? diff.c : undefined;
}
