// Red team of the SQL decision, through the library: `analyzeSql` (which rule) and a session's
// `check` under safe_defaults (which verdict). Each case is a general shape, not a string to
// match: a WHERE that never reads the row it filters, folds that must not be wrong about FALSE,
// hiding places, and everyday statements the per-dialect grammars lack.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../src/adapters/session.js';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import type { Dialect } from '../../src/core/types.js';

type Case = [sql: string, dialect: Dialect, rule: string];

/** Refused under safe_defaults, by this rule. */
const BLOCK: Case[] = [
  // A WHERE that does not read the row is the same for every row: every row or none.
  ["DELETE FROM users WHERE now() > '2000-01-01'", 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE current_user = current_user', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE 1 = ANY(ARRAY[1, 2])', 'postgresql', 'sql.delete_all'],
  ["DELETE FROM users WHERE 'abc' ~ 'a'", 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE (1, 2) = (1, 2)', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE EXISTS (SELECT 1 FROM generate_series(1, 1))', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE EXISTS (SELECT 1 FROM settings s WHERE s.purge)', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE (SELECT count(*) FROM users) > 0', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users USING sessions s WHERE s.expired', 'postgresql', 'sql.delete_all'],
  ['UPDATE users SET role = 1 FROM flags f WHERE f.on', 'postgresql', 'sql.update_all'],
  ["DELETE FROM users WHERE id = 5 OR now() > '2000-01-01'", 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE ($1::int IS NULL OR id = $1)', 'postgresql', 'sql.delete_all'],
  ['PREPARE p(int) AS DELETE FROM users WHERE $1 = $1', 'postgresql', 'sql.delete_all'],
  ['DO $$ BEGIN DELETE FROM users WHERE pg_backend_pid() > 0; END $$', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE @all = 1', 'transactsql', 'sql.delete_all'],
  ['UPDATE users SET a = 1 WHERE @x', 'mysql', 'sql.update_all'],
  // Folds that used to be wrong about FALSE (then a mass delete looked harmless).
  ["DELETE FROM users WHERE 'abc' ILIKE 'A%'", 'postgresql', 'sql.delete_all'],
  ["DELETE FROM users WHERE 'a' = 'a' COLLATE \"C\"", 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE 0.1 + 0.2 = 0.3', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE 5 / 2 = 2', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE CAST(1.5 AS int) = 2', 'postgresql', 'sql.delete_all'],
  ["DELETE FROM users WHERE '2020-01-01'::date = '2020-1-1'::date", 'postgresql', 'sql.delete_all'],
  ["DELETE FROM users WHERE 'a%' LIKE 'a\\%'", 'postgresql', 'sql.delete_all'],
  ["DELETE FROM users WHERE 'a' LIKE 'A'", 'sqlite', 'sql.delete_all'],
  ["DELETE FROM users WHERE 'é' = 'e'", 'mysql', 'sql.delete_all'],
  ["DELETE FROM users WHERE X'41' = 'A'", 'mysql', 'sql.delete_all'],
  ['DELETE FROM users WHERE 0x1000000000000', 'mysql', 'sql.delete_all'],
  ['DELETE FROM users WHERE ISNULL(NULL)', 'mysql', 'sql.delete_all'],
  // Parser shapes: NOT(...) as a function, 0b1 as a column name.
  ['DELETE FROM users WHERE NOT (1=0)', 'mysql', 'sql.delete_all'],
  ['DELETE FROM users WHERE NOT (1=0)', 'sqlite', 'sql.delete_all'],
  ['DELETE FROM users WHERE NOT (1=0)', 'transactsql', 'sql.delete_all'],
  ['DELETE FROM users WHERE 0b1', 'mysql', 'sql.delete_all'],
  // Tautologies that read the row.
  ['DELETE FROM users WHERE users.id = id', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE CASE WHEN id > 0 THEN true ELSE true END', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE id IN (SELECT id FROM users)', 'postgresql', 'sql.delete_all'],
  ['DELETE FROM users WHERE id IN (SELECT id FROM users)', 'mysql', 'sql.delete_all'],
  ['DELETE FROM users WHERE rowid', 'sqlite', 'sql.delete_all'],
  ['UPDATE users SET a = 1 WHERE rowid > 0', 'sqlite', 'sql.update_all'],
  // MERGE reaches every target row when ON holds for all (MATCHED) or may hold for none (NOT MATCHED BY SOURCE).
  ['MERGE INTO users u USING staging s ON false WHEN NOT MATCHED BY SOURCE THEN DELETE', 'postgresql', 'sql.delete_all'],
  ['MERGE INTO users u USING staging s ON s.id = 5 WHEN MATCHED THEN UPDATE SET name = s.name', 'postgresql', 'sql.update_all'],
  // Hiding places and other ways past the data.
  ['ALTER TABLE users ALTER COLUMN email TYPE text USING NULL', 'postgresql', 'sql.alter_drop'],
  ['CREATE EXTENSION plpython3u', 'postgresql', 'sql.code_execution'],
  ["UPDATE pg_authid SET rolsuper = true WHERE rolname = 'app'", 'postgresql', 'sql.catalog_write'],
  ["UPDATE mysql.user SET authentication_string = '' WHERE user = 'root'", 'mysql', 'sql.catalog_write'],
  ["UPDATE sqlite_master SET sql = 'x' WHERE name = 't'", 'sqlite', 'sql.catalog_write'],
  ['EXPLAIN ANALYZE DELETE FROM users', 'mysql', 'sql.delete_all'],
  ['CREATE OR REPLACE TABLE ds.users AS SELECT 1 AS id', 'bigquery', 'sql.drop'],
  ['EXEC @proc', 'transactsql', 'sql.dynamic'],
  ["EXEC sp_executesql N'DROP TABLE users'", 'transactsql', 'sql.dynamic'],
  ["EXEC master..xp_cmdshell 'whoami'", 'transactsql', 'sql.code_execution'],
  ["EXEC sp_addrolemember 'db_owner', 'mallory'", 'transactsql', 'sql.admin_function'],
  // Batches around the recognised statements are still judged statement by statement.
  ['BEGIN; DELETE FROM users; COMMIT;', 'sqlite', 'sql.delete_all'],
  ['BEGIN TRANSACTION; DROP TABLE users; END', 'sqlite', 'sql.drop'],
  ["BEGIN; SELECT 'a\\'; DROP TABLE t; --'; COMMIT", 'sqlite', 'sql.backslash_quote'],
  ["INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = load_extension('/tmp/x.so')", 'sqlite', 'sql.code_execution'],
  ["INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 1 WHERE load_extension('x')", 'sqlite', 'sql.parse_error'],
  ["VACUUM INTO '/tmp/copy.db'", 'sqlite', 'sql.parse_error'],
  ['SET NAMES gbk; SELECT 1', 'mysql', 'sql.parse_error'],
  ['SAVEPOINT a; UPDATE users SET x = 1; ROLLBACK TO SAVEPOINT a', 'mysql', 'sql.update_all'],
  ['BEGIN TRAN; TRUNCATE TABLE users; COMMIT', 'transactsql', 'sql.truncate'],
  ['DELETE users WHERE 1 = 1', 'transactsql', 'sql.delete_all'],
  ['BEGIN TRANSACTION; DELETE FROM ds.users WHERE 1=1; COMMIT TRANSACTION', 'bigquery', 'sql.delete_all'],
  ['UPDATE ds.users SET role = 1 WHERE true', 'bigquery', 'sql.update_all'],
];

/** Everyday statements: allowed under safe_defaults. */
const ALLOW: [sql: string, dialect: Dialect][] = [
  ["DELETE FROM sessions WHERE created_at < now() - interval '30 days'", 'postgresql'],
  ['DELETE FROM users WHERE id = 5 AND $1', 'postgresql'],
  ['DELETE FROM users WHERE id IN (SELECT user_id FROM bans)', 'postgresql'],
  ["DELETE FROM t WHERE id IN (SELECT id FROM t WHERE created_at < now() - interval '1 year')", 'postgresql'],
  ['DELETE FROM events WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = events.user_id AND u.deleted)', 'postgresql'],
  ['DELETE FROM users u USING bans b WHERE b.user_id = u.id', 'postgresql'],
  ['DELETE FROM users WHERE CURRENT OF c', 'postgresql'],
  ['UPDATE accounts a SET balance = 0 FROM closures c WHERE c.account_id = a.id', 'postgresql'],
  [
    'MERGE INTO users u USING staging s ON u.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.name)',
    'postgresql',
  ],
  ['ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2) USING amount::numeric', 'postgresql'],
  ['CREATE EXTENSION IF NOT EXISTS pgcrypto', 'postgresql'],
  ['SELECT * FROM t WHERE ($1::text IS NULL OR name = $1)', 'postgresql'],
  ["DELETE FROM users WHERE 'a' < 'B' AND id = 1", 'postgresql'],
  ['DELETE FROM users WHERE 1 = 0', 'postgresql'],
  ['DELETE FROM users WHERE 0x00', 'mysql'],
  ['DELETE FROM users WHERE id = @x', 'mysql'],
  ['DELETE o FROM orders o JOIN users u ON u.id = o.user_id WHERE u.deleted = 1', 'mysql'],
  ['SAVEPOINT a; UPDATE t SET x = 1 WHERE id = 2; ROLLBACK TO SAVEPOINT a', 'mysql'],
  ['SET NAMES utf8mb4', 'mysql'],
  ["SHOW VARIABLES LIKE 'max%'", 'mysql'],
  ['EXPLAIN ANALYZE SELECT * FROM users WHERE id = 1', 'mysql'],
  ['EXPLAIN DELETE FROM users', 'mysql'],
  ['BEGIN; INSERT INTO t VALUES (1); COMMIT;', 'sqlite'],
  ['BEGIN IMMEDIATE TRANSACTION; UPDATE t SET a = 1 WHERE id = 2; END TRANSACTION', 'sqlite'],
  ['SAVEPOINT s; DELETE FROM t WHERE id = 1; RELEASE s', 'sqlite'],
  ['ROLLBACK', 'sqlite'],
  ['VACUUM', 'sqlite'],
  ['ANALYZE', 'sqlite'],
  ["INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1", 'sqlite'],
  ['INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING', 'sqlite'],
  ['EXPLAIN QUERY PLAN SELECT * FROM users WHERE id = 1', 'sqlite'],
  ["BEGIN; SELECT '; DROP TABLE t; --'; COMMIT", 'sqlite'],
  ['DELETE FROM users WHERE rowid = 5', 'sqlite'],
  ["DELETE FROM sqlite_sequence WHERE name = 'users'", 'sqlite'],
  ['BEGIN TRANSACTION; UPDATE dbo.users SET a = 1 WHERE id = 2; COMMIT TRANSACTION;', 'transactsql'],
  ["EXEC sp_help 'dbo.users'", 'transactsql'],
  ['EXEC dbo.usp_get_user 1', 'transactsql'],
  ['DELETE users WHERE id = 5', 'transactsql'],
  ['DELETE FROM users WHERE id = @id', 'transactsql'],
  ["PRINT 'done'", 'transactsql'],
  ["UPDATE ds.users SET name = 'x' WHERE id = 5", 'bigquery'],
  ['DELETE FROM ds.sessions WHERE created_at < TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 30 DAY)', 'bigquery'],
  ['BEGIN TRANSACTION; DELETE FROM ds.t WHERE id = 1; COMMIT TRANSACTION', 'bigquery'],
];

const label = (sql: string, d: string) => `[${d}] ${sql.length > 90 ? `${sql.slice(0, 90)}…` : sql}`;

let session: Session;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-sql-redteam-'));
  session = openSession(
    { audit: path.join(dir, 'audit.jsonl'), autoKeys: false, cwd: dir },
    { SEATBELT_HOME: path.join(dir, 'home'), HOME: dir },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQL red team: refused under safe_defaults', () => {
  it.each(BLOCK.map((c) => [label(c[0], c[1]), ...c] as const))('%s', async (_l, sql, dialect, rule) => {
    const { matches } = await analyzeSql(sql, dialect);
    const summary = matches.map((m) => `${m.ruleId}(${m.risk}): ${m.evidence}`).join('\n');
    expect(
      matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL').map((m) => m.ruleId),
      summary,
    ).toContain(rule);
    const decision = await session.check({ kind: 'sql', sql, dialect });
    expect(decision.decision, summary).toBe('block');
  });
});

describe('SQL red team: everyday statements are allowed under safe_defaults', () => {
  it.each(ALLOW.map((c) => [label(c[0], c[1]), ...c] as const))('%s', async (_l, sql, dialect) => {
    const decision = await session.check({ kind: 'sql', sql, dialect });
    expect(decision.decision, decision.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('\n')).toBe('allow');
  });
});

describe('SQL red team: the evidence says why every row is reached', () => {
  it('names a WHERE that does not read the row', async () => {
    const { matches } = await analyzeSql('DELETE FROM users USING s WHERE s.x', 'postgresql');
    expect(matches.find((m) => m.ruleId === 'sql.delete_all')?.evidence).toMatch(/does not read the row/);
  });
  it('names a MERGE that reaches every target row', async () => {
    const { matches } = await analyzeSql('MERGE INTO t USING s ON false WHEN NOT MATCHED BY SOURCE THEN DELETE', 'postgresql');
    expect(matches.find((m) => m.ruleId === 'sql.delete_all')?.evidence).toMatch(/MERGE condition reaches every row/);
  });
});
