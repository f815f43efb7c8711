// Constant folding: which WHERE clauses are tautologies, per dialect, through the real parsers.
import { describe, expect, it } from 'vitest';
import { sqlStatements } from '../../src/analyze/sql/index.js';
import { fold, isTautology } from '../../src/analyze/sql/fold.js';
import type { Expr } from '../../src/analyze/sql/expr.js';
import type { Dialect } from '../../src/core/types.js';

async function where(cond: string, dialect: Dialect = 'postgresql') {
  const [s] = await sqlStatements(`DELETE FROM t WHERE ${cond}`, dialect);
  expect(s?.kind, `DELETE FROM t WHERE ${cond} (${dialect}) parsed`).toBe('delete');
  return s!.whereTautology;
}

const TAUTOLOGIES: [string, Dialect?][] = [
  ['1=1'],
  ['true'],
  ["'a'='a'"],
  ['2 > 1'],
  ['NOT false'],
  ['x = 5 OR 1=1'],
  ['1 <> 2'],
  ['1 = 1 AND 2 = 2'],
  ['NOT (1 = 0)'],
  ['col = col'],
  ['t.col = t.col'],
  ['1 IS NOT NULL'],
  ['NULL IS NULL'],
  ['1 IN (3, 2, 1)'],
  ['2 BETWEEN 1 AND 3'],
  ["'abc' LIKE 'a%'"],
  ["name LIKE '%'"],
  ["'1'::int = 1"],
  ['1 + 1 = 2'],
  ['10 / 2 = 5'],
  ["'a' || 'b' = 'ab'"],
  ['coalesce(NULL, 1) = 1'],
  ['EXISTS (SELECT 1)'],
  ['x IS NULL OR x IS NOT NULL'],
  ['(a = 1) OR NOT (a = 1)'],
  ['CASE WHEN 1 = 1 THEN true END'],
  ["'yes'::boolean"],
  ['NULL IS NOT DISTINCT FROM NULL'],
  ['1 IS DISTINCT FROM 2'],
  ['true IS TRUE'],
  ['NOT (false IS TRUE)'],
  ["lower('A') = 'a'"],
  ['-1 < 0'],
  ['NOT EXISTS (SELECT 1 WHERE false)'],
  ['(SELECT 1) = 1'],
  ['lower(name) = lower(name)'],
  ['id::text = id::text'],
  ['id IN (id)'],
  ['(SELECT 1) = 1', 'mysql'],
  ['EXISTS (SELECT 1)', 'mysql'],
  ['a = 1 OR a <> 1'],
  ['id IN (1) OR id NOT IN (1)', 'mysql'],
  ['0x01', 'mysql'],
  ['id = 3 OR 0x01', 'mysql'],
  ['0b1', 'mysql'],
  ["X'0100000000000000'", 'mysql'],
  ['1 IS 1', 'sqlite'],
  ['NULL IS NULL', 'sqlite'],
  ['1', 'mysql'],
  ['-1', 'mysql'],
  ["'1abc'", 'mysql'],
  ['NOT 0', 'mysql'],
  ['1 XOR 0', 'mysql'],
  ["'a' = 'A'", 'mysql'],
  ["'a' = 'a  '", 'mysql'],
  ["'abc' = 0", 'mysql'],
  ['id = 3 OR 1', 'mysql'],
  ['true', 'mysql'],
  ['1 = 1 && 2 = 2', 'mysql'],
  ['IFNULL(NULL, 1)', 'mysql'],
  ['1', 'sqlite'],
  ['rowid = rowid', 'sqlite'],
  ["'x' = 'x'", 'sqlite'],
  ['"a" = "a"', 'sqlite'],
  ['1=1', 'transactsql'],
  ["'a' = 'A'", 'transactsql'],
  ['1=1', 'mariadb'],
];

const NOT_TAUTOLOGIES: [string, Dialect?][] = [
  ['id = 5'],
  ['1 = 0'],
  ['false'],
  ['NULL = NULL'],
  ['NULL'],
  ['x = 5 AND 1=1'],
  ['id > 0'],
  ['col = other'],
  ['1 IN (2, 3)'],
  ["'a' = 'A'"],
  ['1 = 1 AND id = 3'],
  ['NOT true'],
  ['x OR y'],
  ["name LIKE 'a%'"],
  ['id IN (SELECT id FROM u)'],
  ['EXISTS (SELECT 1 WHERE false)'],
  ['(SELECT 1 WHERE false) = 1'],
  ['EXISTS (SELECT 1 FROM u WHERE u.id = t.id)'],
  ['$1 = $1 AND id = 2'],
  ['0', 'mysql'],
  ["'abc'", 'mysql'],
  ['NOT 1', 'mysql'],
  ['1 XOR 1', 'mysql'],
  ['id = 5', 'mysql'],
  ["'a' = 'b'", 'mysql'],
  ['0', 'sqlite'],
  ['id = 5', 'transactsql'],
  ['a = 1 OR a <> 2'],
  ['1 IS 2', 'sqlite'],
  ['0x00', 'mysql'],
];

/** Conditions that do not read the row: the same for every row, so they reach all rows or none. */
const ROW_INDEPENDENT: [string, Dialect?][] = [
  ['random() = random()'],
  ['(SELECT 1 FROM u) = 1'],
  ['now() > random()'],
  ["now() > '2000-01-01'"],
  ['$1'],
  ['EXISTS (SELECT 1 FROM u WHERE u.flag)'],
  ["'a' = 'a' COLLATE \"C\""],
  ['id = 5 OR current_user = current_user'],
  ["length('a') = 1"],
  ['1 = ANY(ARRAY[1, 2])'],
  ["'abc' ~ 'a'"],
  ['0.1 + 0.2 = 0.3'],
  ['5 / 2 = 2'],
  ['IF(1, 1, 0)', 'mysql'],
  ["'a' REGEXP '.*'", 'mysql'],
  ['~0', 'mysql'],
  ['iif(1, 1, 0)', 'sqlite'],
  ["'a' GLOB '*'", 'sqlite'],
  ["N'a' = N'a'", 'transactsql'],
];

describe('constant folding through the parsers', () => {
  it.each(ROW_INDEPENDENT)('%s (%s) does not read the row: every row or none', async (cond, dialect = 'postgresql') => {
    const [s] = await sqlStatements(`DELETE FROM t WHERE ${cond}`, dialect);
    expect(s?.kind).toBe('delete');
    expect(s?.whereTautology).toBe(true);
    expect(s?.facts.rowScope).toBe('rowIndependent');
  });
  it.each(TAUTOLOGIES)('%s (%s) is a tautology', async (cond, dialect) => {
    expect(await where(cond, dialect)).toBe(true);
  });
  it.each(NOT_TAUTOLOGIES)('%s (%s) is not a tautology', async (cond, dialect) => {
    expect(await where(cond, dialect)).toBe(false);
  });
});

describe('fold (three-valued logic)', () => {
  const c = (v: null | boolean | number | string): Expr => ({ t: 'const', v });
  const col: Expr = { t: 'col', name: 'x' };
  it('NULL propagates through comparisons and AND/OR', () => {
    expect(fold({ t: 'cmp', op: '=', l: c(null), r: c(1) }, 'postgresql')).toBe(null);
    expect(fold({ t: 'and', args: [c(true), c(null)] }, 'postgresql')).toBe(null);
    expect(fold({ t: 'or', args: [c(null), c(true)] }, 'postgresql')).toBe(true);
    expect(fold({ t: 'and', args: [c(false), col] }, 'postgresql')).toBe(false);
    expect(fold({ t: 'or', args: [c(false), col] }, 'postgresql')).toBe(undefined);
  });
  it('null-safe equality', () => {
    expect(fold({ t: 'cmp', op: '<=>', l: c(null), r: c(null) }, 'mysql')).toBe(true);
    expect(fold({ t: 'cmp', op: '<=>', l: c(null), r: c(1) }, 'mysql')).toBe(false);
  });
  it('division by zero is NULL, not a crash', () => {
    expect(fold({ t: 'arith', op: '/', l: c(1), r: c(0) }, 'mysql')).toBe(null);
  });
  it('a column compared with itself is true only when the expression is deterministic', () => {
    expect(isTautology({ t: 'cmp', op: '=', l: col, r: col }, 'postgresql')).toBe(true);
    const rnd: Expr = { t: 'func', name: 'random', args: [] };
    expect(isTautology({ t: 'cmp', op: '=', l: rnd, r: rnd }, 'postgresql')).toBe(false);
  });
});
