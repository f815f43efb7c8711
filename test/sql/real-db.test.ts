// Against real databases: a PostgreSQL started on loopback by scripts/test-db.sh, and a SQLite
// file. Refused statements never reach the database (the table is still there); allowed ones do.
// If a database cannot be set up, these tests fail — they never skip.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, records, seatbelt, tempHome } from './helpers.js';

const SCRIPT = path.join(ROOT, 'scripts/test-db.sh');
const t = tempHome();

interface Db {
  PGHOST: string;
  PGPORT: string;
  PGDIR: string;
  PSQL: string;
  SQLITE3: string;
}
let db: Db;

function startDb(): Db {
  const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 540_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const kv = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s, 2) as [string, string]),
  );
  for (const k of ['PGHOST', 'PGPORT', 'PGDIR', 'PSQL', 'SQLITE3']) if (!kv[k]) throw new Error(`test-db.sh printed no ${k}:\n${out}`);
  return kv as unknown as Db;
}

// ---- PostgreSQL ----
const pgArgs = () => ['-h', db.PGHOST, '-p', db.PGPORT, '-U', 'postgres', '-d', 'seatbelt_test', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];

/** Runs SQL directly (not through seatbelt) and returns psql's unaligned output. */
function pg(sql: string, database = 'seatbelt_test'): string {
  return execFileSync(
    db.PSQL,
    ['-h', db.PGHOST, '-p', db.PGPORT, '-U', 'postgres', '-d', database, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
    {
      encoding: 'utf8',
    },
  ).trim();
}

const pgUsers = () => Number(pg('SELECT count(*) FROM users'));
const pgHasTable = (name: string) => pg(`SELECT count(*) FROM pg_tables WHERE tablename = '${name}'`) === '1';
const viaSeatbelt = (sql: string, client: string[]) => seatbelt(['sql', sql, '--exec', '--', ...client], { env: t.env });

// ---- SQLite ----
const sqliteFile = path.join(t.dir, 'app.sqlite');
const lite = (sql: string, file = sqliteFile) => execFileSync(db.SQLITE3, [file, sql], { encoding: 'utf8' }).trim();
const liteUsers = (file = sqliteFile) => Number(lite('SELECT count(*) FROM users;', file));

beforeAll(() => {
  db = startDb();
  pg('CREATE DATABASE seatbelt_test', 'postgres');
  pg(
    "CREATE TABLE users (id int PRIMARY KEY, name text, password_hash text); INSERT INTO users SELECT g, 'user' || g, md5(g::text) FROM generate_series(1, 10) g; CREATE TABLE logs (msg text); CREATE TABLE marker (n int)",
  );
  pg(
    "CREATE TABLE vals (id int PRIMARY KEY, n bigint, x numeric, t text); INSERT INTO vals VALUES (1, -5, -0.5, 'a'), (2, 0, 0, ''), (3, 7, 2.25, 'b'), (4, 9007199254740000, 1e20, 'c')",
  );
  lite(
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('a'), ('b'), ('c'); CREATE TABLE marker (n INTEGER);",
  );
}, 600_000);

afterAll(() => {
  if (db?.PGDIR) execFileSync('bash', [SCRIPT, 'stop', db.PGDIR], { stdio: 'ignore', timeout: 60_000 });
});

describe('real PostgreSQL (psql through seatbelt sql --exec)', () => {
  it.each([
    ['DROP TABLE users', 'sql.drop'],
    ['DELETE FROM users WHERE 1=1', 'sql.delete_all'],
    ['TRUNCATE users', 'sql.truncate'],
    ['INSERT INTO marker VALUES (1); DROP TABLE users', 'sql.drop'],
    ['BEGIN; INSERT INTO marker VALUES (1); DELETE FROM users; COMMIT;', 'sql.delete_all'],
    ['WITH d AS (DELETE FROM users RETURNING *) INSERT INTO marker SELECT count(*) FROM d', 'sql.delete_all'],
    ['EXPLAIN ANALYZE DELETE FROM users', 'sql.delete_all'],
    ["DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'users'; END $$", 'sql.drop'],
    ["DO $$ DECLARE t text := 'users'; BEGIN EXECUTE 'TRUNCATE ' || t; END $$", 'sql.dynamic'],
    ["SELECT 'a\\'; DROP TABLE users; -- '", 'sql.backslash_quote'],
    ["UPDATE users SET name = 'x' WHERE id = 1 OR 'a' = 'a'", 'sql.update_all'],
    ['ALTER TABLE users DROP COLUMN password_hash', 'sql.alter_drop'],
    // Folds the real server answers TRUE (integer division, exact decimals, casts that round).
    ['DELETE FROM users WHERE 5 / 2 = 2', 'sql.delete_all'],
    ['DELETE FROM users WHERE 0.1 + 0.2 = 0.3', 'sql.delete_all'],
    ['DELETE FROM users WHERE CAST(1.5 AS int) = 2', 'sql.delete_all'],
    // A WHERE that does not read the row: every row or none.
    ["DELETE FROM users WHERE now() > '2000-01-01'", 'sql.delete_all'],
    ["UPDATE users SET name = 'x' FROM marker m WHERE m.n IS NULL", 'sql.update_all'],
    // Column-generic truths: true for every row whose columns have a value.
    ['DELETE FROM users WHERE id * 0 = 0', 'sql.delete_all'],
    ["UPDATE users SET name = 'x' WHERE id = id + 0", 'sql.update_all'],
    ['DELETE FROM users WHERE id NOT IN (SELECT id FROM users WHERE false)', 'sql.delete_all'],
    ['DELETE FROM users WHERE users IS NOT NULL', 'sql.delete_all'],
    ["INSERT INTO users SELECT * FROM users ON CONFLICT (id) DO UPDATE SET name = 'x'", 'sql.upsert_all'],
  ])('refuses %s: exit 77, nothing reaches the database', async (sql, rule) => {
    const before = pg("SELECT string_agg(id || name || coalesce(password_hash, ''), ',' ORDER BY id) FROM users");
    const r = await viaSeatbelt(sql, [db.PSQL, ...pgArgs()]);
    expect(r.exitCode, r.stderr).toBe(77);
    expect(r.stderr).toContain(rule);
    expect(pgHasTable('users')).toBe(true);
    expect(pg("SELECT string_agg(id || name || coalesce(password_hash, ''), ',' ORDER BY id) FROM users")).toBe(before);
    expect(pg('SELECT count(*) FROM marker')).toBe('0');
  });

  // The folder's claims, checked by the server itself: each condition holds for every row of a
  // table whose values are not NULL (negative, zero, large), and each filter does not.
  it.each([
    'n = n + 0',
    'n * 0 = 0',
    'n - n = 0',
    '2 * n = n + n',
    'x BETWEEN x - 1 AND x + 1',
    '(n, t) = (n + 0, t)',
    'ROW(n) = ROW(n)',
    "t = 'zz' OR x IS NOT NULL",
    'id IS NOT NULL',
    'v IS NOT NULL',
    'n NOT IN (SELECT n FROM vals WHERE false)',
    'n <> ALL (SELECT n FROM vals LIMIT 0)',
    'NOT EXISTS (SELECT 1 FROM vals WHERE 1 = 0 GROUP BY n)',
    'n IN (SELECT DISTINCT n FROM vals WHERE n IS NOT NULL)',
    'n = ANY(ARRAY(SELECT n FROM vals))',
    'EXISTS (SELECT 1 FROM vals v2 WHERE v2.n = v.n)',
    'n = (SELECT n)',
  ])('PostgreSQL answers TRUE for every row: %s', (cond) => {
    expect(pg(`SELECT count(*) FROM vals v WHERE ${cond}`)).toBe(pg('SELECT count(*) FROM vals'));
  });
  it.each([
    'n > 0',
    'n = n + 1',
    'n NOT IN (SELECT max(n) FROM vals WHERE false)',
    'EXISTS (SELECT 1 FROM vals v2 WHERE v2.n = v.n AND v2.n > 0)',
  ])('PostgreSQL answers FALSE for some row: %s', (cond) => {
    expect(Number(pg(`SELECT count(*) FROM vals v WHERE ${cond}`))).toBeLessThan(Number(pg('SELECT count(*) FROM vals')));
  });

  it('runs allowed statements: INSERT, targeted DELETE, data that looks like code', async () => {
    expect((await viaSeatbelt("INSERT INTO users VALUES (100, 'new', NULL)", [db.PSQL, ...pgArgs()])).exitCode).toBe(0);
    expect(pgUsers()).toBe(11);
    expect((await viaSeatbelt('DELETE FROM users WHERE id = 100', [db.PSQL, ...pgArgs()])).exitCode).toBe(0);
    expect(pgUsers()).toBe(10);
    expect((await viaSeatbelt("INSERT INTO logs VALUES ('DROP TABLE users; TRUNCATE users')", [db.PSQL, ...pgArgs()])).exitCode).toBe(0);
    expect(pg('SELECT msg FROM logs')).toBe('DROP TABLE users; TRUNCATE users');
    expect(pgHasTable('users')).toBe(true);
  });

  it('passes the query result and the client exit code through', async () => {
    const ok = await viaSeatbelt('SELECT name FROM users WHERE id = 3', [db.PSQL, ...pgArgs(), '-A', '-t']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.trim()).toBe('user3');
    const fail = await viaSeatbelt('SELECT * FROM no_such_table', [db.PSQL, ...pgArgs()]);
    expect(fail.exitCode).toBe(3); // psql with ON_ERROR_STOP: a failed statement
  });

  it('seals the decision before running and the outcome after', async () => {
    const n = existsSync(t.audit) ? records(t.audit).length : 0;
    await viaSeatbelt('SELECT 1', [db.PSQL, ...pgArgs()]);
    const recs = records(t.audit).slice(n);
    expect(recs.map((x) => x.type)).toEqual(['decision', 'outcome']);
    expect((await seatbelt(['verify', t.audit], { env: t.env })).exitCode).toBe(0);
  });
});

describe('real SQLite file (sqlite3 through seatbelt sql --exec)', () => {
  it.each([
    ['DROP TABLE users', 'sql.drop'],
    ['DELETE FROM users', 'sql.delete_all'],
    ['DELETE FROM users WHERE 1', 'sql.delete_all'],
    ['INSERT INTO marker VALUES (1); DROP TABLE users;', 'sql.drop'],
    ['CREATE TRIGGER wipe AFTER INSERT ON marker BEGIN DELETE FROM users; END', 'sql.delete_all'],
    ['PRAGMA writable_schema = 1', 'sql.pragma_writable_schema'],
    ["ATTACH DATABASE 'other.db' AS other", 'sql.attach'],
  ])('refuses %s: exit 77, the table and its rows are still there', async (sql, rule) => {
    const r = await viaSeatbelt(sql, [db.SQLITE3, sqliteFile]);
    expect(r.exitCode, r.stderr).toBe(77);
    expect(r.stderr).toContain(rule);
    expect(liteUsers()).toBe(3);
    expect(lite('SELECT count(*) FROM marker;')).toBe('0');
    expect(lite("SELECT count(*) FROM sqlite_master WHERE name = 'wipe';")).toBe('0');
  });

  it.each([
    ['DELETE FROM users WHERE 5 / 2 = 2', 'sql.delete_all'],
    ["DELETE FROM users WHERE 'a' LIKE 'A'", 'sql.delete_all'],
    ['DELETE FROM users WHERE rowid', 'sql.delete_all'],
    ['BEGIN; DELETE FROM users; COMMIT;', 'sql.delete_all'],
    ['DELETE FROM users WHERE id * 0 = 0', 'sql.delete_all'],
    ['DELETE FROM users WHERE (id, name) = (id + 0, name)', 'sql.delete_all'],
    ["DELETE FROM users WHERE name = 'zz' OR name IS NOT NULL", 'sql.delete_all'],
    ['DELETE FROM users WHERE id NOT IN (SELECT id FROM users WHERE 0)', 'sql.delete_all'],
    ['DELETE FROM users WHERE EXISTS (SELECT 1 FROM users u2 WHERE u2.id = users.id)', 'sql.delete_all'],
  ])('refuses %s, which sqlite3 itself runs as a delete of every row', async (sql, rule) => {
    const copy = path.join(t.dir, 'fold-copy.sqlite');
    copyFileSync(sqliteFile, copy);
    execFileSync(db.SQLITE3, [copy], { input: sql, encoding: 'utf8' });
    expect(liteUsers(copy)).toBe(0);
    const r = await viaSeatbelt(sql, [db.SQLITE3, sqliteFile]);
    expect(r.exitCode, r.stderr).toBe(77);
    expect(r.stderr).toContain(rule);
    expect(liteUsers()).toBe(3);
  });

  it('runs the everyday statements the grammar lacks (BEGIN/COMMIT, UPSERT, VACUUM)', async () => {
    const batch = "BEGIN; INSERT INTO users (id, name) VALUES (50, 'x') ON CONFLICT(id) DO UPDATE SET name = excluded.name; COMMIT;";
    expect((await viaSeatbelt(batch, [db.SQLITE3, sqliteFile])).exitCode).toBe(0);
    expect(lite('SELECT name FROM users WHERE id = 50;')).toBe('x');
    expect((await viaSeatbelt('BEGIN IMMEDIATE; DELETE FROM users WHERE id = 50; END;', [db.SQLITE3, sqliteFile])).exitCode).toBe(0);
    expect((await viaSeatbelt('VACUUM', [db.SQLITE3, sqliteFile])).exitCode).toBe(0);
    expect(liteUsers()).toBe(3);
  });

  it('refuses the backslash-quote trick that sqlite3 itself would run as a DROP', async () => {
    const trick = "SELECT 'a\\'; DROP TABLE users; -- '";
    // Proof that the refusal matters: run directly on a copy, sqlite3 drops the table.
    const copy = path.join(t.dir, 'copy.sqlite');
    copyFileSync(sqliteFile, copy);
    execFileSync(db.SQLITE3, [copy], { input: trick, encoding: 'utf8' });
    expect(lite("SELECT count(*) FROM sqlite_master WHERE name = 'users';", copy)).toBe('0');
    // Through seatbelt, it never starts.
    const r = await viaSeatbelt(trick, [db.SQLITE3, sqliteFile]);
    expect(r.exitCode).toBe(77);
    expect(r.stderr).toContain('sql.backslash_quote');
    expect(liteUsers()).toBe(3);
  });

  it('runs allowed statements against the file', async () => {
    expect((await viaSeatbelt("INSERT INTO users (name) VALUES ('DROP TABLE users')", [db.SQLITE3, sqliteFile])).exitCode).toBe(0);
    expect(liteUsers()).toBe(4);
    expect((await viaSeatbelt("DELETE FROM users WHERE name = 'DROP TABLE users'", [db.SQLITE3, sqliteFile])).exitCode).toBe(0);
    expect(liteUsers()).toBe(3);
    const q = await viaSeatbelt('SELECT name FROM users WHERE id = 2', [db.SQLITE3, sqliteFile]);
    expect(q.stdout.trim()).toBe('b');
  });
});
