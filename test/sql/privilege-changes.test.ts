// Changes that act like a grant without saying GRANT (PostgreSQL): switching the session to
// another role, handing objects to another owner, row-level security off, event triggers.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';

const high = async (sql: string) =>
  (await analyzeSql(sql, 'postgresql')).matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL').map((m) => m.ruleId);

const REFUSED: [string, string][] = [
  ['SET ROLE postgres', 'sql.set_role'],
  ['SET ROLE "NONE"', 'sql.set_role'], // a role named NONE, not the keyword
  ["SET LOCAL ROLE 'admin'", 'sql.set_role'],
  ['SET SESSION AUTHORIZATION admin', 'sql.set_role'],
  ["SELECT set_config('role', 'postgres', false)", 'sql.set_role'],
  ["SELECT set_config('ROLE', current_setting('x'), true)", 'sql.set_role'],
  ['CREATE FUNCTION f() RETURNS int LANGUAGE sql SET role = postgres AS $$ SELECT 1 $$', 'sql.set_role'],
  ["ALTER ROLE app SET role = 'postgres'", 'sql.set_role'],
  ['ALTER DATABASE prod SET role = postgres', 'sql.set_role'],
  ['ALTER TABLE users OWNER TO mallory', 'sql.owner_change'],
  ['ALTER TABLE users ADD COLUMN n int, OWNER TO mallory', 'sql.owner_change'],
  ['ALTER SCHEMA app OWNER TO mallory', 'sql.owner_change'],
  ['ALTER DATABASE prod OWNER TO CURRENT_USER', 'sql.owner_change'],
  ['ALTER FUNCTION f(int) OWNER TO mallory', 'sql.owner_change'],
  ['REASSIGN OWNED BY app TO mallory', 'sql.owner_change'],
  ['ALTER TABLE accounts DISABLE ROW LEVEL SECURITY', 'sql.row_security_off'],
  ['ALTER TABLE accounts NO FORCE ROW LEVEL SECURITY', 'sql.row_security_off'],
  ['CREATE EVENT TRIGGER audit ON ddl_command_start EXECUTE FUNCTION log_ddl()', 'sql.event_trigger'],
  ['ALTER EVENT TRIGGER audit DISABLE', 'sql.event_trigger'],
  ["DO $$ BEGIN EXECUTE 'ALTER TABLE accounts DISABLE ROW LEVEL SECURITY'; END $$", 'sql.row_security_off'],
];

const ALLOWED = [
  'SET search_path TO app',
  'SET search_path = app, public',
  'SELECT current_user',
  'SHOW role',
  'RESET ROLE',
  'SET ROLE NONE',
  "SET ROLE 'none'",
  'SET SESSION AUTHORIZATION DEFAULT',
  'RESET SESSION AUTHORIZATION',
  "SELECT set_config('role', 'none', false)",
  "SELECT set_config('search_path', 'app', false)",
  'ALTER TABLE t ADD COLUMN c int',
  'ALTER ROLE app SET search_path = app',
  'ALTER TABLE accounts ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE accounts FORCE ROW LEVEL SECURITY',
  'CREATE TRIGGER t_audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION log_row()',
];

describe('privilege changes without GRANT are HIGH', () => {
  it.each(REFUSED)('%s → %s', async (sql, rule) => {
    expect(await high(sql)).toContain(rule);
  });
});

describe('switching back, and everyday session settings, stay allowed', () => {
  it.each(ALLOWED)('%s', async (sql) => {
    expect(await high(sql)).toEqual([]);
  });
});
