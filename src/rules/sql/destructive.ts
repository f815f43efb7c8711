// Destroying data: DROP, TRUNCATE, DELETE or UPDATE of every row, ALTER TABLE … DROP — also when
// hidden in a batch, a transaction, a data-modifying CTE, EXPLAIN ANALYZE or a DO body (the
// matcher visits nested statements, so every rule here sees those too).
import type { SqlStatement } from '../../core/ir.js';
import type { DetailedSqlRule } from './match.js';

/** Objects whose drop loses data or the structure that holds it. */
const DATA_OBJECTS = new Set([
  'table',
  'view',
  'materialized view',
  'schema',
  'database',
  'index',
  'foreign table',
  'owned objects',
  'unknown',
]);

const allRows = (s: SqlStatement) => !s.hasWhere || s.whereTautology;
const mergeAll = (s: SqlStatement, action: string) => s.kind === 'merge' && (s.facts.mergeEveryRow ?? []).includes(action);

/** Why every row is reached. */
const allRowsDetail = (s: SqlStatement): string => {
  if (s.kind === 'merge') return 'the MERGE condition reaches every row of the target';
  if (!s.hasWhere) return 'no WHERE';
  if (s.facts.rowScope === 'rowIndependent') return 'the WHERE does not read the row, so it matches every row or none';
  if (s.facts.rowScope === 'notNull') return 'the WHERE holds for every row whose tested columns have a value';
  return 'the WHERE is always true';
};

export const DESTRUCTIVE_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.drop',
    risk: 'CRITICAL',
    reason: 'DROP destroys a table, view, schema, database or index and the data in it',
    remediation: 'drop objects through a reviewed migration; to empty a scratch table, DELETE with a WHERE that names its rows',
    examples: {
      block: [
        'DROP TABLE users',
        'DROP TABLE IF EXISTS public.users CASCADE',
        'DROP SCHEMA app CASCADE',
        'DROP DATABASE prod',
        'DROP INDEX users_email_idx',
        'DROP VIEW active_users',
        'DROP OWNED BY app_user',
        { sql: 'DROP TABLE users', dialect: 'mysql' },
        { sql: 'DROP DATABASE shop', dialect: 'mysql' },
        { sql: 'DROP TABLE main.users', dialect: 'sqlite' },
        { sql: 'DROP TABLE dbo.users', dialect: 'transactsql' },
        { sql: 'DROP TABLE ds.events', dialect: 'bigquery' },
        { sql: 'CREATE OR REPLACE TABLE ds.events AS SELECT 1 AS x', dialect: 'bigquery' },
        'SELECT 1; DROP TABLE users',
        'BEGIN; DROP TABLE users; COMMIT;',
      ],
      allow: [
        'SELECT * FROM drop_temp',
        "INSERT INTO logs VALUES ('DROP TABLE users')",
        '-- DROP TABLE users\nSELECT 1',
        'SELECT drop_table FROM audit',
        { sql: "SELECT 'DROP TABLE x' AS s", dialect: 'mysql' },
        { sql: 'CREATE TABLE IF NOT EXISTS ds.events (id INT64)', dialect: 'bigquery' },
        { sql: 'CREATE OR REPLACE VIEW ds.v AS SELECT 1 AS x', dialect: 'bigquery' },
      ],
    },
    match: (s) => (s.kind === 'drop' && DATA_OBJECTS.has(s.objectType ?? 'unknown')) || s.facts.replacesTable === true,
    detail: (s) => (s.facts.replacesTable === true ? 'CREATE OR REPLACE TABLE drops the table it replaces' : undefined),
  },
  {
    id: 'sql.drop_object',
    risk: 'HIGH',
    reason: 'DROP of a function, trigger, sequence, type, extension or policy changes how the database behaves',
    remediation: 'drop schema objects through a reviewed migration',
    examples: {
      block: [
        'DROP FUNCTION audit_log()',
        'DROP TRIGGER audit ON users',
        'DROP SEQUENCE users_id_seq',
        'DROP EXTENSION pgcrypto',
        'DROP POLICY p ON users',
        { sql: 'DROP TRIGGER tr', dialect: 'mysql' },
      ],
      allow: ['SELECT drop_function FROM t', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'],
    },
    match: (s) => s.kind === 'drop' && !DATA_OBJECTS.has(s.objectType ?? 'unknown'),
    detail: (s) => `DROP ${(s.objectType ?? '').toUpperCase()}`,
  },
  {
    id: 'sql.truncate',
    risk: 'CRITICAL',
    reason: 'TRUNCATE removes every row of a table (or of the partitions named)',
    remediation: 'DELETE with a WHERE that names the rows you mean',
    examples: {
      block: [
        'TRUNCATE users',
        'TRUNCATE TABLE users, orders RESTART IDENTITY CASCADE',
        { sql: 'TRUNCATE TABLE users', dialect: 'mysql' },
        { sql: 'TRUNCATE TABLE dbo.users', dialect: 'transactsql' },
        { sql: 'ALTER TABLE events TRUNCATE PARTITION ALL', dialect: 'mysql' },
        { sql: 'ALTER TABLE events TRUNCATE PARTITION p2023, p2024', dialect: 'mariadb' },
      ],
      allow: [
        'SELECT * FROM truncate_log',
        "SELECT 'TRUNCATE users'",
        { sql: 'ALTER TABLE events ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026))', dialect: 'mysql' },
      ],
    },
    match: (s) => s.kind === 'truncate' || s.facts.truncatePartitions !== undefined,
    detail: (s) => {
      const partitions = s.facts.truncatePartitions;
      if (partitions === undefined) return undefined;
      return `ALTER TABLE … TRUNCATE PARTITION ${partitions === 'all' ? 'ALL' : partitions.join(',')}`;
    },
  },
  {
    id: 'sql.discarding_engine',
    risk: 'CRITICAL',
    reason: 'moves a table to a storage engine that loses its rows: BLACKHOLE discards them at once, MEMORY at the next restart',
    remediation: 'keep the table on a durable engine (InnoDB); copy data to a scratch table if you need another engine',
    examples: {
      block: [
        { sql: 'ALTER TABLE orders ENGINE=BLACKHOLE', dialect: 'mysql' },
        { sql: 'ALTER TABLE orders ENGINE = blackhole', dialect: 'mariadb' },
        { sql: 'ALTER TABLE orders ADD COLUMN n int, ENGINE=MEMORY', dialect: 'mysql' },
      ],
      allow: [
        { sql: 'ALTER TABLE orders ENGINE=InnoDB', dialect: 'mysql' },
        { sql: 'ALTER TABLE t ADD COLUMN c int', dialect: 'mysql' },
      ],
    },
    match: (s) => s.facts.discardingEngine !== undefined,
    detail: (s) => s.facts.discardingEngine,
  },
  {
    id: 'sql.delete_all',
    risk: 'CRITICAL',
    reason: 'DELETE without a WHERE, or with one that is always true or never reads the row, removes every row',
    remediation: 'add a WHERE that names the rows to delete (e.g. WHERE id = 5); a LIMIT alone does not',
    examples: {
      block: [
        'DELETE FROM users',
        'DELETE FROM users WHERE 1=1',
        'DELETE FROM users WHERE true',
        "DELETE FROM users WHERE 'a'='a'",
        'DELETE FROM users WHERE id = 5 OR 1=1',
        'DELETE FROM users WHERE NOT false',
        'DELETE FROM users WHERE id = id',
        'DELETE FROM users WHERE 2 > 1',
        'DELETE FROM users WHERE 1 IS NOT NULL',
        { sql: 'DELETE FROM users WHERE 1', dialect: 'mysql' },
        { sql: 'DELETE FROM users LIMIT 10', dialect: 'mysql' },
        { sql: 'DELETE FROM users', dialect: 'sqlite' },
        { sql: 'DELETE TOP (10) FROM users', dialect: 'transactsql' },
        'WITH d AS (DELETE FROM users RETURNING *) SELECT count(*) FROM d',
        'EXPLAIN ANALYZE DELETE FROM users',
        'DO $$ BEGIN DELETE FROM users; END $$',
        "DO $$ BEGIN EXECUTE 'DELETE FROM users'; END $$",
        'MERGE INTO users u USING staging s ON true WHEN MATCHED THEN DELETE',
        // A WHERE that does not read the row matches every row or none.
        "DELETE FROM users WHERE now() > '2000-01-01'",
        'DELETE FROM users USING sessions s WHERE s.expired',
        'DELETE FROM users WHERE EXISTS (SELECT 1 FROM flags f WHERE f.purge)',
        'DELETE FROM users WHERE id = 5 OR current_user = current_user',
        `DELETE FROM users WHERE 'a' = 'a' COLLATE "C"`,
        'DELETE FROM users WHERE id IN (SELECT id FROM users)',
        'MERGE INTO users u USING staging s ON false WHEN NOT MATCHED BY SOURCE THEN DELETE',
        { sql: 'DELETE FROM users WHERE NOT (1=0)', dialect: 'mysql' },
        { sql: 'DELETE FROM users WHERE @all = 1', dialect: 'transactsql' },
        { sql: 'DELETE FROM users WHERE rowid', dialect: 'sqlite' },
        { sql: 'BEGIN; DELETE FROM users; COMMIT;', dialect: 'sqlite' },
        { sql: 'DELETE FROM ds.users WHERE true', dialect: 'bigquery' },
        // AND binds tighter than OR: `1=1 OR (id = 5 AND 0=1)`, every row (node-sql-parser reads it
        // the other way round, as a condition never true: src/analyze/sql/nsp/expr.ts).
        { sql: 'DELETE FROM users WHERE 1=1 OR id = 5 AND 0=1', dialect: 'mysql' },
        { sql: 'DELETE FROM users WHERE 1=1 OR id = 5 AND 0=1', dialect: 'sqlite' },
        { sql: 'DELETE FROM users WHERE 1=1 OR id = 5 AND 0=1', dialect: 'transactsql' },
        { sql: 'DELETE FROM users WHERE true OR id = 5 AND false', dialect: 'mariadb' },
        { sql: 'DELETE FROM ds.users WHERE true OR id = 5 AND false', dialect: 'bigquery' },
      ],
      allow: [
        'DELETE FROM users WHERE id = 5',
        { sql: 'DELETE FROM users WHERE 0=1 OR 1=1 AND id = 5', dialect: 'mysql' },
        'DELETE FROM users WHERE 1=0',
        'EXPLAIN DELETE FROM users',
        { sql: 'DELETE FROM users WHERE id = 5 LIMIT 1', dialect: 'mysql' },
        "INSERT INTO audit(note) VALUES ('DELETE FROM users')",
        'DELETE FROM sessions WHERE expires_at < now()',
        'DELETE FROM users WHERE id IN (SELECT user_id FROM bans)',
        'DELETE FROM users u USING bans b WHERE b.user_id = u.id',
        'DELETE FROM users WHERE id = 5 AND $1',
        'MERGE INTO users u USING staging s ON u.id = s.id WHEN MATCHED THEN DELETE',
        { sql: 'DELETE FROM users WHERE rowid = 5', dialect: 'sqlite' },
        { sql: 'DELETE users WHERE id = 5', dialect: 'transactsql' },
        { sql: 'DELETE FROM ds.users WHERE id = 5', dialect: 'bigquery' },
      ],
    },
    match: (s) => (s.kind === 'delete' && allRows(s)) || mergeAll(s, 'delete'),
    detail: allRowsDetail,
  },
  {
    id: 'sql.upsert_all',
    risk: 'HIGH',
    reason:
      'an upsert of a table into itself (INSERT … SELECT … FROM the same table with ON CONFLICT DO UPDATE / ON DUPLICATE KEY UPDATE, or REPLACE … SELECT) rewrites every row',
    remediation: 'change the rows you mean with UPDATE … WHERE, or upsert from another table or from VALUES',
    examples: {
      block: [
        'INSERT INTO users SELECT * FROM users ON CONFLICT (id) DO UPDATE SET name = excluded.name',
        'INSERT INTO users TABLE users ON CONFLICT (id) DO UPDATE SET name = upper(excluded.name)',
        'WITH s AS (SELECT * FROM users) INSERT INTO users SELECT * FROM s ON CONFLICT (id) DO UPDATE SET name = excluded.name',
        { sql: 'INSERT INTO users SELECT * FROM users ON DUPLICATE KEY UPDATE name = VALUES(name)', dialect: 'mysql' },
        {
          sql: 'INSERT INTO users (id, name) SELECT id, name FROM users u WHERE 1 ON DUPLICATE KEY UPDATE name = u.name',
          dialect: 'mariadb',
        },
        { sql: 'REPLACE INTO users SELECT * FROM users', dialect: 'mysql' },
        { sql: 'REPLACE INTO users SELECT * FROM users', dialect: 'sqlite' },
        { sql: 'INSERT OR REPLACE INTO users SELECT * FROM users', dialect: 'sqlite' },
        { sql: 'INSERT INTO users SELECT * FROM users WHERE true ON CONFLICT (id) DO UPDATE SET name = excluded.name', dialect: 'sqlite' },
      ],
      allow: [
        'INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING',
        'INSERT INTO t SELECT * FROM staging ON CONFLICT (id) DO UPDATE SET v = excluded.v',
        'INSERT INTO t SELECT * FROM t WHERE id = 5 ON CONFLICT (id) DO UPDATE SET v = excluded.v',
        'INSERT INTO t SELECT * FROM t ON CONFLICT DO NOTHING',
        { sql: 'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = a + 1', dialect: 'mysql' },
        { sql: 'REPLACE INTO t SELECT * FROM staging', dialect: 'mysql' },
        { sql: 'INSERT OR REPLACE INTO t VALUES (1)', dialect: 'sqlite' },
      ],
    },
    match: (s) => s.facts.upsertEveryRow !== undefined,
    detail: (s) => s.facts.upsertEveryRow,
  },
  {
    id: 'sql.alter_drop',
    risk: 'CRITICAL',
    reason: 'ALTER TABLE … DROP removes a column (and its data) or a constraint; TYPE … USING a constant overwrites a column',
    remediation: 'drop columns and constraints through a reviewed migration',
    examples: {
      block: [
        'ALTER TABLE users DROP COLUMN email',
        'ALTER TABLE users DROP CONSTRAINT users_pkey',
        'ALTER TABLE users ALTER COLUMN email TYPE text USING NULL',
        { sql: 'ALTER TABLE users DROP COLUMN email', dialect: 'mysql' },
        { sql: 'ALTER TABLE users DROP COLUMN email', dialect: 'sqlite' },
      ],
      allow: [
        'ALTER TABLE users ADD COLUMN nickname text',
        'ALTER TABLE users ALTER COLUMN name DROP DEFAULT',
        'ALTER TABLE users RENAME COLUMN a TO b',
        'ALTER TABLE t ALTER COLUMN n TYPE bigint USING n::bigint',
      ],
    },
    match: (s) => s.kind === 'alter' && s.facts.alterDrop !== undefined,
    detail: (s) => `drops ${(s.facts.alterDrop ?? []).join(',')}`,
  },
  {
    id: 'sql.update_all',
    risk: 'HIGH',
    reason: 'UPDATE without a WHERE, or with one that is always true or never reads the row, changes every row',
    remediation: 'add a WHERE that names the rows to change',
    examples: {
      block: [
        "UPDATE users SET role = 'admin'",
        "UPDATE users SET role = 'admin' WHERE 1=1",
        "UPDATE users SET role = 'admin' WHERE name = 'x' OR 'a'='a'",
        { sql: 'UPDATE users SET a = 1 WHERE 1', dialect: 'mysql' },
        { sql: 'UPDATE users SET a = 1 LIMIT 5', dialect: 'mysql' },
        'WITH u AS (UPDATE users SET a = 1 RETURNING id) SELECT * FROM u',
        'UPDATE users SET a = 1 FROM flags f WHERE f.enabled',
        { sql: 'UPDATE users SET a = 1 WHERE rowid > 0', dialect: 'sqlite' },
      ],
      allow: [
        "UPDATE users SET role = 'admin' WHERE id = 7",
        { sql: 'UPDATE users SET a = 1 WHERE id IN (1, 2)', dialect: 'sqlite' },
        'UPDATE accounts a SET balance = 0 FROM closures c WHERE c.account_id = a.id',
        { sql: 'UPDATE ds.users SET a = 1 WHERE id = 5', dialect: 'bigquery' },
      ],
    },
    match: (s) => (s.kind === 'update' && allRows(s)) || mergeAll(s, 'update'),
    detail: allRowsDetail,
  },
];
