// An upsert of a table into itself rewrites every row: each row comes back through the SELECT
// and meets itself, so ON CONFLICT DO UPDATE / ON DUPLICATE KEY UPDATE updates it and REPLACE
// deletes and re-inserts it. Upserts from another table, from VALUES, or of some rows stay allowed.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import type { Dialect } from '../../src/core/types.js';

const ids = async (sql: string, d: Dialect) => (await analyzeSql(sql, d)).matches.map((m) => m.ruleId);
const blocking = async (sql: string, d: Dialect) =>
  (await analyzeSql(sql, d)).matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL').map((m) => `${m.ruleId}: ${m.evidence}`);

const EVERY_ROW: [Dialect, string][] = [
  ['postgresql', 'INSERT INTO users SELECT * FROM users ON CONFLICT (id) DO UPDATE SET name = excluded.name'],
  [
    'postgresql',
    'INSERT INTO public.users (id, name) SELECT id, lower(name) FROM users u WHERE u.id = u.id ON CONFLICT (id) DO UPDATE SET name = excluded.name',
  ],
  ['postgresql', 'INSERT INTO users TABLE users ON CONFLICT (id) DO UPDATE SET name = excluded.name'],
  ['postgresql', 'WITH s AS (SELECT * FROM users) INSERT INTO users SELECT * FROM s ON CONFLICT (id) DO UPDATE SET name = excluded.name'],
  [
    'postgresql',
    'INSERT INTO users SELECT * FROM staging UNION ALL SELECT * FROM users ON CONFLICT (id) DO UPDATE SET name = excluded.name',
  ],
  ['postgresql', 'INSERT INTO users SELECT * FROM users ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE true'],
  ['sqlite', 'INSERT INTO users SELECT * FROM users WHERE true ON CONFLICT (id) DO UPDATE SET name = excluded.name'],
  ['sqlite', 'REPLACE INTO users SELECT * FROM users'],
  ['sqlite', 'INSERT OR REPLACE INTO users SELECT * FROM users'],
  ['mysql', 'INSERT INTO users SELECT * FROM users ON DUPLICATE KEY UPDATE name = VALUES(name)'],
  ['mysql', 'REPLACE INTO users SELECT * FROM users'],
  ['mysql', 'REPLACE INTO users (id, name) SELECT id, name FROM users WHERE 1'],
  ['mariadb', 'INSERT INTO users SELECT * FROM users u ON DUPLICATE KEY UPDATE name = u.name'],
  ['mariadb', 'REPLACE INTO users SELECT * FROM users'],
  ['postgresql', 'INSERT INTO users SELECT * FROM (SELECT * FROM users) s ON CONFLICT (id) DO UPDATE SET name = excluded.name'],
  ['mysql', 'INSERT INTO users SELECT * FROM (SELECT * FROM users) s ON DUPLICATE KEY UPDATE name = s.name'],
  ['sqlite', 'REPLACE INTO users SELECT * FROM (SELECT * FROM users)'],
];

/** MERGE of a table with itself, row for row: every row is matched (PostgreSQL). */
const SELF_MERGE: [string, string][] = [
  ['MERGE INTO users USING users s ON users.id = s.id WHEN MATCHED THEN UPDATE SET name = upper(s.name)', 'sql.update_all'],
  ['MERGE INTO users u USING (SELECT * FROM users) s ON u.id = s.id WHEN MATCHED THEN DELETE', 'sql.delete_all'],
];

const ALLOWED: [Dialect, string][] = [
  ['postgresql', 'INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING'],
  ['postgresql', 'INSERT INTO t SELECT * FROM staging ON CONFLICT (id) DO UPDATE SET v = excluded.v'],
  ['postgresql', 'INSERT INTO t SELECT * FROM t WHERE id = 5 ON CONFLICT (id) DO UPDATE SET v = excluded.v'],
  ['postgresql', 'INSERT INTO t SELECT * FROM t ON CONFLICT DO NOTHING'],
  ['postgresql', 'INSERT INTO t SELECT * FROM t LIMIT 10 ON CONFLICT (id) DO UPDATE SET v = excluded.v'],
  ['postgresql', 'INSERT INTO t SELECT * FROM t ON CONFLICT (id) DO UPDATE SET v = excluded.v WHERE t.v IS DISTINCT FROM excluded.v'],
  ['sqlite', "INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1"],
  ['sqlite', 'INSERT OR REPLACE INTO t VALUES (1)'],
  ['sqlite', 'INSERT OR IGNORE INTO t SELECT * FROM t'],
  ['mysql', 'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = a + 1'],
  ['mysql', 'REPLACE INTO t SELECT * FROM staging'],
  ['mysql', 'INSERT INTO t SELECT * FROM t WHERE id > 100 ON DUPLICATE KEY UPDATE v = 1'],
  ['mariadb', "REPLACE INTO settings (k, v) VALUES ('a', 'b')"],
  ['mysql', 'REPLACE INTO t SELECT * FROM (SELECT * FROM t WHERE id = 1) s'],
  ['postgresql', 'MERGE INTO users USING users s ON users.id = s.id WHEN MATCHED AND s.flag THEN UPDATE SET name = s.name'],
  ['postgresql', 'MERGE INTO users u USING staging s ON u.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name'],
];

describe('an upsert of a table into itself is an all-rows write', () => {
  it.each(EVERY_ROW)('[%s] %s', async (d, sql) => {
    expect(await ids(sql, d)).toContain('sql.upsert_all');
  });
  it.each(SELF_MERGE)('[postgresql] %s', async (sql, rule) => {
    expect(await ids(sql, 'postgresql')).toContain(rule);
  });
  it('says which kind of upsert', async () => {
    const { matches } = await analyzeSql('REPLACE INTO users SELECT * FROM users', 'mysql');
    expect(matches.find((m) => m.ruleId === 'sql.upsert_all')?.evidence).toMatch(/REPLACE/);
  });
});

describe('everyday upserts stay allowed', () => {
  it.each(ALLOWED)('[%s] %s', async (d, sql) => {
    expect(await blocking(sql, d)).toEqual([]);
  });
});
