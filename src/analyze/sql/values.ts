// What SQL values mean per dialect: numeric coercion, truth in a WHERE, comparison under the
// default collation, LIKE, and the few pure functions, casts and operators worth folding.
import type { Dialect } from '../../core/types.js';
import type { Expr, Value } from './expr.js';

/** A folded value; `undefined` means "not a constant". */
export type Folded = Value | undefined;

const MYSQL_LIKE: ReadonlySet<Dialect> = new Set(['mysql', 'mariadb']);
/** Dialects whose default collation compares strings case- and trailing-space-insensitively. */
const CI_STRINGS: ReadonlySet<Dialect> = new Set(['mysql', 'mariadb', 'transactsql']);

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

export function toNumber(v: Value, d: Dialect): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (NUMERIC.test(v)) return Number(v);
    if (MYSQL_LIKE.has(d) || d === 'sqlite') {
      const n = parseFloat(v); // MySQL/SQLite read the leading number, else 0
      return Number.isNaN(n) ? 0 : n;
    }
  }
  return undefined;
}

/** The truth of a value in a WHERE: true, false, null (unknown) or undefined (cannot tell). */
export function truth(v: Folded, d: Dialect): boolean | null | undefined {
  if (v === undefined || v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (d === 'postgresql') {
    const s = v.trim().toLowerCase();
    if (['t', 'true', 'y', 'yes', 'on', '1'].includes(s)) return true;
    if (['f', 'false', 'n', 'no', 'off', '0'].includes(s)) return false;
    return undefined;
  }
  if (MYSQL_LIKE.has(d) || d === 'sqlite') return toNumber(v, d) !== 0;
  return undefined;
}

export function compare(a: Value, b: Value, d: Dialect): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = CI_STRINGS.has(d) ? [a.toLowerCase().trimEnd(), b.toLowerCase().trimEnd()] : [a, b];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a, d);
  const y = toNumber(b, d);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function likeMatches(s: string, pattern: string, d: Dialect): boolean {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '[\\s\\S]*').replace(/_/g, '[\\s\\S]');
  return new RegExp(`^${re}$`, CI_STRINGS.has(d) ? 'i' : '').test(s);
}

export function cmp(op: string, c: number | undefined): Folded {
  if (c === undefined) return undefined;
  switch (op) {
    case '=':
    case '<=>':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function foldFunc(name: string, args: Folded[], d: Dialect): Folded {
  if (args.includes(undefined)) return undefined;
  const v = args as Value[];
  switch (name) {
    case 'lower':
    case 'lcase':
      return typeof v[0] === 'string' ? v[0].toLowerCase() : v[0] === null ? null : undefined;
    case 'upper':
    case 'ucase':
      return typeof v[0] === 'string' ? v[0].toUpperCase() : v[0] === null ? null : undefined;
    case 'coalesce':
    case 'ifnull':
    case 'nvl':
    case 'isnull':
      return v.find((x) => x !== null) ?? null;
    case 'nullif':
      return v[0] === null ? null : compare(v[0] as Value, v[1] as Value, d) === 0 ? null : v[0];
    case 'concat':
      if (MYSQL_LIKE.has(d) && v.includes(null)) return null;
      return v.filter((x) => x !== null).map(String).join('');
    case 'abs':
      return typeof v[0] === 'number' ? Math.abs(v[0]) : undefined;
    default:
      return undefined;
  }
}

export function arith(op: Extract<Expr, { t: 'arith' }>['op'], l: Folded, r: Folded, d: Dialect): Folded {
  if (l === undefined || r === undefined) return undefined;
  if (l === null || r === null) return null;
  if (op === '||' || (op === '+' && d === 'transactsql' && typeof l === 'string' && typeof r === 'string')) {
    return String(l) + String(r);
  }
  const x = toNumber(l, d);
  const y = toNumber(r, d);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? null : x / y;
    default:
      return y === 0 ? null : x % y;
  }
}

export function foldCast(v: Folded, to: string, d: Dialect): Folded {
  if (v === undefined || v === null) return v;
  const t = to.toLowerCase();
  if (/^bool/.test(t)) return truth(v, d) ?? undefined;
  if (/^(int|integer|signed|unsigned|bigint|smallint|tinyint|numeric|decimal|float|real|double|number)/.test(t)) {
    return toNumber(v, d);
  }
  if (/char|text|string/.test(t)) return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return v;
}

