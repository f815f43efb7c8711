// A WHERE that holds for every row is a missing WHERE. Column-generic truths — the row compared
// with itself through arithmetic or row values, NULL tests that leave no row out, subqueries that
// return nothing or the whole table — reach every row whose tested columns have a value, which
// counts as every row (docs/policies.md, "A WHERE that reaches every row"). Folding stays sound:
// what depends on the data (`id > 0`, `revoked_at IS NOT NULL`) still filters.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import { DIALECTS, type Dialect } from '../../src/core/types.js';

const ALL = DIALECTS;
const NOT_TSQL: Dialect[] = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'bigquery'];

async function reach(where: string, d: Dialect): Promise<string[]> {
  const { statements, matches } = await analyzeSql(`DELETE FROM users WHERE ${where}`, d);
  expect(statements[0]?.kind, `${where} (${d}) parsed as a DELETE`).toBe('delete');
  return matches.map((m) => m.ruleId);
}

/** [condition, dialects where the syntax exists]. */
const EVERY_ROW: [string, readonly Dialect[]][] = [
  // Arithmetic whose row terms cancel.
  ['id = id + 0', ALL],
  ['id * 0 = 0', ALL],
  ['id - id = 0', ALL],
  // (T-SQL's + also joins strings: `id + id` is not read as arithmetic there.)
  ['2 * id = id + id', NOT_TSQL],
  ['id BETWEEN id - 1 AND id + 1', ALL],
  ['id IN (id + 0, 7)', ALL],
  // Row values, field by field.
  ['(a, b) = (a, b)', NOT_TSQL],
  ['(id, name) = (id + 0, name)', NOT_TSQL],
  ['ROW(id) = ROW(id + 0)', ['postgresql', 'mysql', 'mariadb']],
  // NULL tests that leave no row out: the key, and an OR branch.
  ['id IS NOT NULL', ALL],
  ['users.id IS NOT NULL', ALL],
  ['NOT (id IS NULL)', ALL],
  ["name = 'x' OR email IS NOT NULL", ALL],
  ['id = 5 OR (name IS NOT NULL AND 1 = 1)', ALL],
  // Subqueries that return nothing, or the whole table.
  ['id NOT IN (SELECT id FROM users WHERE 1 = 0)', ALL],
  ['id NOT IN (SELECT id FROM bans WHERE false)', NOT_TSQL],
  ['NOT EXISTS (SELECT 1 FROM bans WHERE 1 = 0)', ALL],
  ['id NOT IN (SELECT 1 FROM bans WHERE 1 = 0 UNION SELECT 2 FROM bans WHERE 1 = 0)', ALL],
  ['id <> ALL (SELECT id FROM bans WHERE 1 = 0)', ['postgresql', 'mysql', 'mariadb']],
  ['id IN (SELECT DISTINCT id FROM users WHERE id IS NOT NULL)', ALL],
  ['id = ANY (SELECT id FROM users)', ['postgresql', 'mysql', 'mariadb']],
  ['EXISTS (SELECT 1 FROM users u2 WHERE u2.id = users.id)', ALL],
  ['id = (SELECT id)', ALL],
];

/** BigQuery's spelling of `= ANY(ARRAY(SELECT …))`. */
const BIGQUERY_ONLY = ['id IN UNNEST(ARRAY(SELECT id FROM users))', 'id NOT IN UNNEST(ARRAY(SELECT id FROM bans WHERE false))'];

const POSTGRES_ONLY = [
  'id = ANY(ARRAY(SELECT id FROM users))',
  'id <> ALL(ARRAY(SELECT id FROM bans WHERE false))',
  // The whole row: a table's own name stands for its row.
  'users IS NOT NULL',
  'users IS DISTINCT FROM NULL',
  'id IS NOT DISTINCT FROM id + 0',
];

/** Filters: they depend on what the rows hold. */
const FILTERS: [string, readonly Dialect[]][] = [
  ['id > 0', ALL],
  ['id = id + 1', ALL],
  ['id * 2 = 10', ALL],
  ['revoked_at IS NOT NULL', ALL],
  ['revoked_at IS NOT NULL AND id = 5', ALL],
  ['NOT (id = 5 OR email IS NOT NULL)', ALL],
  ['(a, b) = (a, c)', NOT_TSQL],
  ['id NOT IN (SELECT max(id) FROM users WHERE 1 = 0)', ALL],
  ['id NOT IN (SELECT user_id FROM bans)', ALL],
  ['id NOT IN (SELECT 1 FROM bans WHERE 1 = 0 UNION SELECT user_id FROM bans)', ALL],
  ['id IN (SELECT id FROM users WHERE id > 5)', ALL],
  ['id IN (SELECT user_id FROM bans WHERE user_id IS NOT NULL)', ALL],
  ['a + b = b + a + 1', ALL],
  ['EXISTS (SELECT 1 FROM users u2 WHERE u2.id = users.id AND u2.flag = 1)', ALL],
  ['NOT EXISTS (SELECT 1 FROM users u2 WHERE u2.id = users.id)', ALL],
  ['EXISTS (SELECT 1 FROM bans b WHERE b.user_id = users.id)', ALL],
];

describe('column-generic truths reach every row', () => {
  it.each(EVERY_ROW.flatMap(([w, ds]) => ds.map((d) => [d, w] as const)))('[%s] DELETE … WHERE %s', async (d, where) => {
    expect(await reach(where, d)).toContain('sql.delete_all');
  });
  it.each(POSTGRES_ONLY)('[postgresql] DELETE … WHERE %s', async (where) => {
    expect(await reach(where, 'postgresql')).toContain('sql.delete_all');
  });
  it.each(BIGQUERY_ONLY)('[bigquery] DELETE … WHERE %s', async (where) => {
    expect(await reach(where, 'bigquery')).toContain('sql.delete_all');
  });
  it('[bigquery] a lookup in another table through UNNEST(ARRAY(…)) still filters', async () => {
    expect(await reach('id IN UNNEST(ARRAY(SELECT user_id FROM bans))', 'bigquery')).not.toContain('sql.delete_all');
  });
  it.each(ALL)('[%s] UPDATE … WHERE id = id * 1', async (d) => {
    const { matches } = await analyzeSql('UPDATE users SET a = 1 WHERE id = id * 1', d);
    expect(matches.map((m) => m.ruleId)).toContain('sql.update_all');
  });
  it('says which rows: those whose tested columns have a value', async () => {
    const { matches } = await analyzeSql("DELETE FROM users WHERE name = 'x' OR email IS NOT NULL", 'postgresql');
    expect(matches.find((m) => m.ruleId === 'sql.delete_all')?.evidence).toMatch(/every row whose tested columns have a value/);
  });
  it('an always-true comparison OR-ed into a SELECT is the injection shape', async () => {
    const { matches } = await analyzeSql("SELECT * FROM users WHERE name = '' OR id = id + 0", 'postgresql');
    expect(matches.map((m) => m.ruleId)).toContain('sql.or_tautology');
  });
});

describe('what depends on the data still filters', () => {
  it.each(FILTERS.flatMap(([w, ds]) => ds.map((d) => [d, w] as const)))('[%s] DELETE … WHERE %s', async (d, where) => {
    expect(await reach(where, d)).not.toContain('sql.delete_all');
  });
  it('an OR of NULL tests in a SELECT is not an injection shape (outer joins test NULLs)', async () => {
    const sql = "SELECT * FROM orders o LEFT JOIN refunds r ON r.order_id = o.id WHERE o.status = 'void' OR r.id IS NOT NULL";
    expect((await analyzeSql(sql, 'postgresql')).matches).toEqual([]);
  });
  it('comparisons nested in comparisons stay linear in cost', async () => {
    const deep = `${'('.repeat(150)}id = id${' = id)'.repeat(150)}`;
    const started = Date.now();
    await analyzeSql(`DELETE FROM users WHERE ${deep}`, 'postgresql');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
