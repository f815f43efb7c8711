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

/** Only printable ASCII: no accents, ligatures or ignorable characters for a collation to fold. */
const PLAIN = /^[\x20-\x7e]*$/;
/** Letters and digits only: every common collation orders these like their (case-folded) codes. */
const ALNUM = /^[a-z0-9]*$/i;

/** Equality under the dialect's default collation: 0 (equal), 1 (not equal) or undefined (cannot tell). */
export function compareEq(a: Value, b: Value, d: Dialect): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    if (!CI_STRINGS.has(d)) return a === b ? 0 : 1; // deterministic collations compare code points for equality
    if (a.toLowerCase().trimEnd() === b.toLowerCase().trimEnd()) return 0;
    // Accent-insensitive collations (utf8mb4_0900_ai_ci, …) may equate other non-ASCII text.
    return PLAIN.test(a) && PLAIN.test(b) ? 1 : undefined;
  }
  return compare(a, b, d);
}

/**
 * Order under the dialect's default collation: -1, 0, 1 or undefined. String order depends on the
 * collation (PostgreSQL's is usually linguistic), so it is folded only where it cannot differ.
 */
export function compare(a: Value, b: Value, d: Dialect): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = CI_STRINGS.has(d) ? [a.toLowerCase().trimEnd(), b.toLowerCase().trimEnd()] : [a, b];
    if (x === y) return 0;
    const binary = d === 'sqlite' || d === 'bigquery'; // BINARY collation / code-point order
    if (
      !(binary
        ? PLAIN.test(x) && PLAIN.test(y)
        : ALNUM.test(x) && ALNUM.test(y) && (CI_STRINGS.has(d) || (x.toLowerCase() === x && y.toLowerCase() === y)))
    ) {
      return undefined;
    }
    return x < y ? -1 : 1;
  }
  const x = toNumber(a, d);
  const y = toNumber(b, d);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Dialects whose LIKE takes a backslash as the escape character by default. */
const BACKSLASH_LIKE: ReadonlySet<Dialect> = new Set(['postgresql', 'mysql', 'mariadb', 'bigquery']);

/** Whether `s` LIKE `pattern`; undefined where escapes, bracket classes or collations make it uncertain. */
export function likeMatches(s: string, pattern: string, d: Dialect, ci = false): boolean | undefined {
  if (BACKSLASH_LIKE.has(d) && pattern.includes('\\')) return undefined;
  if (d === 'transactsql' && pattern.includes('[')) return undefined;
  const insensitive = ci || CI_STRINGS.has(d) || d === 'sqlite';
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '[\\s\\S]*')
    .replace(/_/g, '[\\s\\S]');
  const hit = new RegExp(`^${re}$`, insensitive ? 'iu' : 'u').test(s);
  if (!hit && insensitive && !(PLAIN.test(s) && PLAIN.test(pattern))) return undefined;
  return hit;
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
    case 'isnull':
      // MySQL's ISNULL(x) tests for NULL; T-SQL's ISNULL(x, y) is COALESCE.
      if (MYSQL_LIKE.has(d)) return v.length === 1 ? (v[0] === null ? 1 : 0) : undefined;
      return v.find((x) => x !== null) ?? null;
    case 'coalesce':
    case 'ifnull':
    case 'nvl':
      return v.find((x) => x !== null) ?? null;
    case 'nullif': {
      if (v[0] === null) return null;
      const c = compareEq(v[0] as Value, v[1] as Value, d);
      return c === undefined ? undefined : c === 0 ? null : v[0];
    }
    case 'concat':
      if ((MYSQL_LIKE.has(d) || d === 'bigquery') && v.includes(null)) return null;
      if (v.some((x) => typeof x === 'number' && !Number.isInteger(x))) return undefined; // 1.50 prints as written, not as 1.5
      return v
        .filter((x) => x !== null)
        .map(String)
        .join('');
    case 'abs':
      return typeof v[0] === 'number' ? Math.abs(v[0]) : undefined;
    default:
      return undefined;
  }
}

/** Integers JavaScript holds exactly: beyond them (and for fractions) dialects round differently. */
const exactInt = (n: number) => Number.isSafeInteger(n);

export function arith(op: Extract<Expr, { t: 'arith' }>['op'], l: Folded, r: Folded, d: Dialect): Folded {
  if (l === undefined || r === undefined) return undefined;
  if (l === null || r === null) return null;
  if (op === '||' || (op === '+' && d === 'transactsql' && typeof l === 'string' && typeof r === 'string')) {
    if ([l, r].some((x) => typeof x === 'number' && !Number.isInteger(x))) return undefined;
    return String(l) + String(r);
  }
  const x = toNumber(l, d);
  const y = toNumber(r, d);
  // Fractions are exact decimals in PostgreSQL and MySQL but binary floats in SQLite and JavaScript.
  if (x === undefined || y === undefined || !exactInt(x) || !exactInt(y)) return undefined;
  let v: number;
  switch (op) {
    case '+':
      v = x + y;
      break;
    case '-':
      v = x - y;
      break;
    case '*':
      v = x * y;
      break;
    case '/':
      if (y === 0) return null;
      if (x % y !== 0) return undefined; // integer division truncates in some dialects, not in others
      v = x / y;
      break;
    default:
      if (y === 0) return null;
      v = x % y;
  }
  return exactInt(v) ? v : undefined;
}

export function foldCast(v: Folded, to: string, d: Dialect): Folded {
  if (v === undefined || v === null) return v;
  const t = to.toLowerCase();
  if (/^bool/.test(t)) return truth(v, d) ?? undefined;
  if (/^(int|integer|signed|unsigned|bigint|smallint|tinyint)/.test(t)) {
    const n = toNumber(v, d);
    return n !== undefined && Number.isInteger(n) ? n : undefined; // dialects round or truncate fractions
  }
  if (/^(numeric|decimal|float|real|double|number)/.test(t)) return toNumber(v, d);
  // Only unbounded text keeps a string as it is (char(n)/varchar(n) may cut or pad it).
  if (/^(text|string)$/.test(t)) return typeof v === 'string' ? v : undefined;
  return undefined;
}
