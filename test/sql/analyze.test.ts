// The SQL analyser's public API: the statement IR, fail-closed findings, limits, lazy loading.
import { describe, expect, it } from 'vitest';
import { analyzeSql, sqlStatements, sqlWrites } from '../../src/analyze/sql/index.js';
import { MAX_SQL_BYTES } from '../../src/analyze/sql/limits.js';
import { loadNspParser } from '../../src/analyze/sql/nsp/load.js';
import { loadPg } from '../../src/analyze/sql/pg/load.js';
import type { SqlStatement } from '../../src/core/ir.js';
import type { Dialect } from '../../src/core/types.js';

const ids = async (sql: string, d: Dialect = 'postgresql') => (await analyzeSql(sql, d)).matches.map((m) => m.ruleId);
const flat = (stmts: SqlStatement[]): SqlStatement[] => stmts.flatMap((s) => [s, ...flat(s.nested)]);

describe('statement IR', () => {
  it('splits a batch with the parser, not on semicolons inside strings or comments', async () => {
    const stmts = await sqlStatements("SELECT 'a;b'; /* ; */ INSERT INTO t VALUES (';'); -- ;\nDELETE FROM t WHERE id = 1", 'postgresql');
    expect(stmts.map((s) => s.kind)).toEqual(['select', 'insert', 'delete']);
    expect(stmts[2]).toMatchObject({ targets: ['t'], hasWhere: true, whereTautology: false });
  });

  it('records kinds, targets and object types', async () => {
    const [drop, trunc, alter, grant, copy] = await sqlStatements(
      "DROP TABLE app.users, orders; TRUNCATE logs; ALTER TABLE t DROP COLUMN c; GRANT SELECT ON t TO PUBLIC; COPY t TO PROGRAM 'x'",
      'postgresql',
    );
    expect(drop).toMatchObject({ kind: 'drop', objectType: 'table', targets: ['app.users', 'orders'] });
    expect(trunc).toMatchObject({ kind: 'truncate', targets: ['logs'] });
    expect(alter).toMatchObject({ kind: 'alter', facts: { alterDrop: ['column'] } });
    expect(grant).toMatchObject({ kind: 'grant', facts: { grantToPublic: true } });
    expect(copy).toMatchObject({ kind: 'copy', facts: { copyProgram: 'x' } });
  });

  it('keeps a LIMIT apart from a WHERE', async () => {
    const [s] = await sqlStatements('DELETE FROM t LIMIT 5', 'mysql');
    expect(s).toMatchObject({ kind: 'delete', hasWhere: false, hasLimit: true });
    expect(await ids('DELETE FROM t LIMIT 5', 'mysql')).toContain('sql.delete_all');
  });

  it('nests data-modifying CTEs, EXPLAIN ANALYZE, DO bodies and EXECUTE of constants', async () => {
    const stmts = await sqlStatements(
      "WITH d AS (DELETE FROM a RETURNING *) SELECT * FROM d; EXPLAIN ANALYZE UPDATE b SET x = 1; DO $$ BEGIN EXECUTE 'TRUNCATE c'; END $$",
      'postgresql',
    );
    expect(stmts.map((s) => s.kind)).toEqual(['select', 'explain', 'call']);
    expect(stmts[0]!.nested[0]).toMatchObject({ kind: 'delete', targets: ['a'], facts: { via: 'data-modifying CTE' } });
    expect(stmts[1]!.nested[0]).toMatchObject({ kind: 'update', targets: ['b'], facts: { via: 'EXPLAIN ANALYZE' } });
    expect(flat(stmts[2]!.nested).some((s) => s.kind === 'truncate' && s.targets[0] === 'c')).toBe(true);
  });

  it('does not run what EXPLAIN without ANALYZE only plans', async () => {
    const [s] = await sqlStatements('EXPLAIN DELETE FROM t', 'postgresql');
    expect(s).toMatchObject({ kind: 'explain', nested: [] });
  });

  it('marks EXECUTE of a string built at run time as dynamic, and says why', async () => {
    const { statements, matches } = await analyzeSql("DO $$ BEGIN EXECUTE 'DELETE FROM ' || current_setting('x'); END $$", 'postgresql');
    expect(statements[0]!.dynamic).toBe(true);
    const m = matches.find((x) => x.ruleId === 'sql.dynamic');
    expect(m?.risk).toBe('CRITICAL');
    expect(m?.evidence).toMatch(/built at run time/);
  });

  it('says where a nested statement hides in its evidence', async () => {
    const { matches } = await analyzeSql('SELECT 1; BEGIN; WITH x AS (DELETE FROM users RETURNING 1) SELECT 1; COMMIT', 'postgresql');
    const m = matches.find((x) => x.ruleId === 'sql.delete_all');
    expect(m?.evidence).toMatch(/^statement 3 of 4, inside data-modifying CTE: WITH x AS/);
  });

  it('redacts passwords and known secrets from evidence and statement text', async () => {
    for (const [sql, d] of [
      ["CREATE USER bob WITH ENCRYPTED PASSWORD 'hunter2'", 'postgresql'],
      ["ALTER ROLE bob PASSWORD 'hunter2'", 'postgresql'],
      ["CREATE USER 'bob'@'%' IDENTIFIED BY 'hunter2'", 'mysql'],
      ["SELECT dblink_exec('host=db password=hunter2', 'DROP TABLE t')", 'postgresql'],
    ] as const) {
      const { statements, matches } = await analyzeSql(sql, d);
      expect(matches.length, sql).toBeGreaterThan(0);
      expect(JSON.stringify({ statements, matches }), sql).not.toContain('hunter2');
      expect(matches[0]!.evidence).toContain('[REDACTED]');
    }
  });

  it('treats data as data', async () => {
    for (const [sql, d] of [
      ['SELECT * FROM drop_temp', 'postgresql'],
      ["INSERT INTO logs VALUES ('DROP TABLE users')", 'mysql'],
      ['-- DROP TABLE users\nSELECT 1', 'sqlite'],
      ['DELETE FROM users WHERE id = 5', 'transactsql'],
    ] as const) {
      const { matches } = await analyzeSql(sql, d);
      expect(
        matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL'),
        `${d}: ${sql}`,
      ).toEqual([]);
    }
  });
});

describe('fail closed', () => {
  it('refuses a parse error with the parser message', async () => {
    const { matches } = await analyzeSql('SELEC 1', 'postgresql');
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ ruleId: 'sql.parse_error', risk: 'CRITICAL' });
    expect(matches[0]!.evidence).toMatch(/syntax error/);
  });

  it('refuses input over the size limit without parsing it', async () => {
    const { statements, matches } = await analyzeSql(`SELECT '${'x'.repeat(MAX_SQL_BYTES)}'`, 'mysql');
    expect(statements).toHaveLength(1);
    expect(matches.map((m) => m.ruleId)).toEqual(['sql.too_large']);
  });

  it('measures the limit in UTF-8 bytes', async () => {
    const sql = `SELECT '${'é'.repeat(MAX_SQL_BYTES / 2)}'`; // fewer characters than bytes
    expect(await ids(sql)).toEqual(['sql.too_large']);
  });

  it.each(['postgresql', 'mysql', 'sqlite', 'transactsql', 'mariadb', 'bigquery'] as const)(
    'turns a stack overflow on deep nesting into sql.too_deep (%s), then keeps working',
    async (d) => {
      const deep = 'SELECT ' + '(SELECT '.repeat(5000) + '1' + ')'.repeat(5000);
      const r = await ids(deep, d);
      expect(r.some((id) => id === 'sql.too_deep' || id === 'sql.parse_error')).toBe(true);
      expect(r).not.toHaveLength(0);
      expect(await ids('DROP TABLE users', d)).toContain('sql.drop');
    },
  );

  it('refuses NUL characters, which the C parser would stop at', async () => {
    expect(await ids('SELECT 1;\0 DROP TABLE users')).toContain('sql.parse_error');
  });

  it('refuses an unknown dialect', async () => {
    expect(await ids('SELECT 1', 'oracle' as Dialect)).toContain('sql.parse_error');
  });

  it('allows empty input and comments alone: nothing to run', async () => {
    expect(await ids('')).toEqual([]);
    expect(await ids('   \n')).toEqual([]);
    expect(await ids('-- nothing')).toEqual([]);
  });
});

describe('sqlWrites', () => {
  const writes = async (sql: string, d: Dialect = 'postgresql') => sqlWrites(await sqlStatements(sql, d));
  it('is false for reads, plans, session settings and transaction control', async () => {
    for (const sql of ['SELECT 1', 'EXPLAIN DELETE FROM t', 'SHOW search_path', 'SET search_path = a', 'BEGIN; SELECT 1; COMMIT']) {
      expect(await writes(sql), sql).toBe(false);
    }
    expect(await writes('SHOW TABLES', 'mysql')).toBe(false);
    expect(await writes('PRAGMA table_info(users)', 'sqlite')).toBe(false);
  });
  it('is true for writes, DDL, hidden writes, dynamic SQL and anything not understood', async () => {
    for (const sql of [
      'INSERT INTO t VALUES (1)',
      'CREATE TABLE t (a int)',
      'EXPLAIN ANALYZE DELETE FROM t WHERE id = 1',
      'WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d',
      "DO $$ BEGIN EXECUTE 'x' || 'y' || now(); END $$",
      'SELECT * INTO copy FROM t',
      "SELECT setval('s', 1)",
      'SELEC 1',
      'VACUUM t',
    ]) {
      expect(await writes(sql), sql).toBe(true);
    }
    expect(await writes('SET GLOBAL x = 1', 'mysql')).toBe(true);
    expect(await writes('PRAGMA journal_mode = DELETE', 'sqlite')).toBe(true);
    expect(await writes('SELECT * FROM t WHERE id = 1 FOR UPDATE')).toBe(true);
  });
});

describe('lazy parsers', () => {
  it('loads each parser once and shares it', async () => {
    expect(loadPg()).toBe(loadPg());
    const [a, b] = await Promise.all([loadNspParser('mysql'), loadNspParser('mysql')]);
    expect(a).toBe(b);
    expect(await loadNspParser('sqlite')).not.toBe(a);
  });
});
