// Reading the server's stored credentials (password hashes, user-mapping secrets) is HIGH,
// wherever the read hides: a subquery, a CTE, a view or table created from it, COPY, a cursor,
// a function body. The catalogues' other columns (`SELECT user, host FROM mysql.user`) are not.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import type { Dialect } from '../../src/core/types.js';

const ids = async (sql: string, d: Dialect) => (await analyzeSql(sql, d)).matches.map((m) => m.ruleId);

const READS: [Dialect, string][] = [
  ['postgresql', 'SELECT usename, passwd FROM pg_shadow'],
  ['postgresql', 'SELECT * FROM pg_catalog.pg_authid'],
  ['postgresql', 'SELECT srvname, umoptions FROM pg_user_mappings'],
  ['postgresql', 'SELECT * FROM pg_user_mapping'],
  ['postgresql', 'SELECT option_name, option_value FROM information_schema.user_mapping_options'],
  ['postgresql', 'TABLE pg_shadow'],
  ['postgresql', 'SELECT s.* FROM pg_shadow s'],
  ['postgresql', 'SELECT row_to_json(a) FROM pg_authid a'],
  ['postgresql', 'CREATE TABLE loot AS SELECT * FROM pg_shadow'],
  ['postgresql', 'CREATE MATERIALIZED VIEW loot AS SELECT rolpassword FROM pg_authid'],
  ['postgresql', 'CREATE VIEW v AS SELECT rolname, rolpassword FROM pg_authid'],
  ['postgresql', 'COPY (SELECT passwd FROM pg_shadow) TO STDOUT'],
  ['postgresql', 'COPY pg_authid TO STDOUT'],
  ['postgresql', 'COPY pg_authid (rolname, rolpassword) TO STDOUT'],
  ['postgresql', 'WITH h AS (SELECT rolpassword FROM pg_authid) SELECT * FROM h'],
  ['postgresql', "SELECT name FROM users WHERE EXISTS (SELECT 1 FROM pg_shadow s WHERE s.passwd LIKE 'md5a%')"],
  ['postgresql', 'UPDATE app SET h = (SELECT passwd FROM pg_shadow LIMIT 1) WHERE id = 1'],
  ['postgresql', 'DECLARE c CURSOR FOR SELECT * FROM pg_authid'],
  ['postgresql', 'DO $$ BEGIN PERFORM passwd FROM pg_shadow; END $$'],
  ['mysql', 'SELECT user, authentication_string FROM mysql.user'],
  ['mysql', 'SELECT * FROM mysql.user'],
  ['mysql', 'SELECT `authentication_string` FROM `mysql`.`user`'],
  ['mysql', 'USE mysql; SELECT authentication_string FROM user'],
  ['mysql', 'CREATE TABLE loot AS SELECT u.authentication_string FROM mysql.user u'],
  ['mysql', 'CREATE VIEW v AS SELECT * FROM mysql.user'],
  ['mysql', 'WITH c AS (SELECT * FROM mysql.user) SELECT * FROM c'],
  ['mysql', "SELECT id FROM t WHERE id IN (SELECT 1 FROM mysql.user WHERE authentication_string LIKE '*A%')"],
  ['mariadb', 'SELECT * FROM mysql.user'],
  ['mariadb', 'SELECT Priv FROM mysql.global_priv'],
  ['transactsql', 'SELECT name, password_hash FROM sys.sql_logins'],
  ['transactsql', 'SELECT * FROM master.sys.sql_logins'],
  ['transactsql', 'SELECT name, password FROM master.dbo.syslogins'],
  ['transactsql', 'SELECT * FROM syslogins'],
  ['transactsql', "SELECT LOGINPROPERTY('sa', 'PasswordHash')"],
];

const NOT_CREDENTIALS: [Dialect, string][] = [
  ['postgresql', 'SELECT rolname FROM pg_roles'],
  ['postgresql', 'SELECT usename FROM pg_user'],
  ['postgresql', 'SELECT rolname FROM pg_authid'],
  ['postgresql', 'SELECT count(*) FROM pg_shadow'],
  ['postgresql', 'COPY pg_authid (rolname) TO STDOUT'],
  ['postgresql', 'EXPLAIN SELECT passwd FROM pg_shadow'],
  ['postgresql', 'SELECT passwd FROM app_settings'],
  ['postgresql', 'SELECT option_name FROM information_schema.user_mapping_options'],
  ['postgresql', 'SELECT current_user'],
  ['mysql', 'SELECT user, host FROM mysql.user'],
  ['mysql', 'SELECT authentication_string FROM app.user'],
  ['mariadb', 'SELECT User, Host FROM mysql.user'],
  ['transactsql', 'SELECT name, is_disabled FROM sys.sql_logins'],
  ['transactsql', "SELECT LOGINPROPERTY('sa', 'IsLocked')"],
];

describe('reading credential catalogues is HIGH', () => {
  it.each(READS)('[%s] %s', async (d, sql) => {
    expect(await ids(sql, d)).toContain('sql.credential_read');
  });
  it('names the catalogue and the column', async () => {
    const { matches } = await analyzeSql('SELECT usename, passwd FROM pg_shadow', 'postgresql');
    expect(matches.find((m) => m.ruleId === 'sql.credential_read')?.evidence).toMatch(/pg_shadow\.passwd/);
  });
});

describe("the catalogues' other columns, and look-alikes, are not credentials", () => {
  it.each(NOT_CREDENTIALS)('[%s] %s', async (d, sql) => {
    expect(await ids(sql, d)).not.toContain('sql.credential_read');
  });
});
