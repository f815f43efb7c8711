// Who may do what: broad GRANT/REVOKE, grants to PUBLIC, new logins, superuser-like roles, and the
// changes that act like a grant: switching role, handing over ownership, row-level security off,
// event triggers.
import type { SqlStatement } from '../../core/ir.js';
import type { DetailedSqlRule } from './match.js';

/** Privileges that reach beyond data: the server, its files, other accounts. */
const POWERFUL_PRIVILEGES = new Set([
  'all',
  'all privileges',
  'super',
  'file',
  'process',
  'shutdown',
  'create user',
  'grant option',
  'reload',
  'replication slave',
  'control',
  'impersonate',
]);

/** Roles that carry server-wide or superuser-like rights. */
const POWERFUL_ROLES =
  /^(pg_execute_server_program|pg_read_server_files|pg_write_server_files|pg_read_all_data|pg_write_all_data|pg_signal_backend|pg_checkpoint|pg_create_subscription|postgres|rds_superuser|rdsadmin|azure_pg_admin|cloudsqlsuperuser|alloydbsuperuser|sysadmin|securityadmin|serveradmin|db_owner|db_securityadmin|dbadmin|dba|root|admin|superuser)$/;

function broad(s: SqlStatement): string | undefined {
  const f = s.facts;
  if (f.grantAll) return 'ALL PRIVILEGES';
  if (f.grantOnAll) return 'every object (ON ALL … / *.*)';
  if (f.grantOption) return 'WITH GRANT/ADMIN OPTION';
  const p = (f.privileges ?? []).find((x) => POWERFUL_PRIVILEGES.has(x));
  if (p) return p.toUpperCase();
  const r = (f.grantRoles ?? []).find((x) => POWERFUL_ROLES.test(x));
  if (r) return `role ${r}`;
  return undefined;
}

const isGrant = (s: SqlStatement) => s.kind === 'grant' || s.kind === 'revoke';
const createsLogin = (s: SqlStatement) => s.kind === 'role' && s.facts.roleAction === 'create' && s.facts.createsLogin === true;

export const PRIVILEGE_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.grant_public',
    risk: 'HIGH',
    reason: 'GRANT to PUBLIC gives the right to every role, present and future',
    remediation: 'grant to the specific role that needs it',
    examples: {
      block: [
        'GRANT SELECT ON users TO PUBLIC',
        'GRANT USAGE ON SCHEMA app TO public',
        { sql: 'GRANT SELECT ON t TO PUBLIC', dialect: 'mysql' },
      ],
      allow: ['GRANT SELECT ON users TO reporting', 'REVOKE SELECT ON users FROM PUBLIC'],
    },
    match: (s) => s.kind === 'grant' && s.facts.grantToPublic === true,
  },
  {
    id: 'sql.grant_broad',
    risk: 'HIGH',
    reason: 'GRANT or REVOKE of broad rights: all privileges, every object, grant option, or a server-level role',
    remediation: 'grant or revoke the narrowest privilege on the specific object, through a reviewed change',
    examples: {
      block: [
        'GRANT ALL ON ALL TABLES IN SCHEMA public TO app',
        'GRANT ALL PRIVILEGES ON DATABASE prod TO bob',
        'GRANT SELECT ON users TO bob WITH GRANT OPTION',
        'GRANT pg_execute_server_program TO bob',
        'GRANT postgres TO bob',
        'REVOKE ALL ON DATABASE prod FROM app',
        { sql: "GRANT ALL ON *.* TO 'u'@'%' WITH GRANT OPTION", dialect: 'mysql' },
        { sql: 'GRANT SELECT ON shop.* TO reader', dialect: 'mysql' },
      ],
      allow: [
        'GRANT SELECT ON users TO reporting',
        'GRANT reporting TO alice',
        { sql: 'GRANT SELECT ON shop.orders TO reader', dialect: 'mysql' },
      ],
    },
    match: (s) => isGrant(s) && broad(s) !== undefined,
    detail: broad,
  },
  {
    id: 'sql.grant',
    risk: 'MEDIUM',
    reason: 'GRANT or REVOKE changes who may read or write',
    remediation: 'make permission changes through a reviewed change',
    examples: {
      block: ['GRANT SELECT ON users TO reporting', 'REVOKE INSERT ON orders FROM clerk', 'GRANT reporting TO alice'],
      allow: ['SELECT * FROM grants', "SELECT 'GRANT ALL'"],
    },
    match: (s) => isGrant(s),
  },
  {
    id: 'sql.role_privileged',
    risk: 'HIGH',
    reason: 'creates or alters a role with superuser-like rights (SUPERUSER, CREATEROLE, BYPASSRLS, REPLICATION)',
    remediation: 'create roles with only the rights they need, through a reviewed change',
    examples: {
      block: [
        'CREATE ROLE ops SUPERUSER LOGIN',
        'ALTER ROLE app WITH SUPERUSER',
        'ALTER USER app CREATEROLE',
        'CREATE ROLE r BYPASSRLS',
        'ALTER ROLE r REPLICATION',
      ],
      allow: ['ALTER ROLE app NOSUPERUSER', 'CREATE ROLE readers NOLOGIN', 'ALTER ROLE app SET search_path = app'],
    },
    match: (s) => s.kind === 'role' && s.facts.rolePrivileged !== undefined,
    detail: (s) => s.facts.rolePrivileged?.join(','),
  },
  {
    id: 'sql.create_user',
    risk: 'HIGH',
    reason: 'creates an account that can log in: new credentials are a way back in',
    remediation: 'create accounts through your identity or provisioning process, not from an agent',
    examples: {
      block: [
        "CREATE USER app2 PASSWORD 'x'",
        "CREATE ROLE svc LOGIN PASSWORD 'x'",
        { sql: "CREATE USER 'u'@'%' IDENTIFIED BY 'p'", dialect: 'mysql' },
      ],
      allow: ['CREATE ROLE readers NOLOGIN', 'CREATE ROLE readers', 'CREATE USER batch NOLOGIN'],
    },
    match: createsLogin,
  },
  {
    id: 'sql.drop_role',
    risk: 'HIGH',
    reason: 'drops a role or user: whoever uses it loses access',
    remediation: 'remove accounts through your identity or provisioning process',
    examples: {
      block: ['DROP ROLE reporting', 'DROP USER IF EXISTS app'],
      allow: ['SELECT * FROM pg_roles', 'CREATE ROLE readers'],
    },
    match: (s) => s.kind === 'role' && s.facts.roleAction === 'drop',
  },
  {
    id: 'sql.role_change',
    risk: 'MEDIUM',
    reason: 'creates or changes a role (password, attributes, settings)',
    remediation: 'make role changes through a reviewed change',
    examples: {
      block: ["ALTER ROLE app PASSWORD 'new'", 'CREATE ROLE readers NOLOGIN', 'ALTER ROLE app SET search_path = app'],
      allow: ['SELECT rolname FROM pg_roles'],
    },
    match: (s) => s.kind === 'role' && s.facts.roleAction !== 'drop' && !createsLogin(s) && s.facts.rolePrivileged === undefined,
  },
  {
    id: 'sql.set_role',
    risk: 'HIGH',
    reason: "switches the session to another role: what follows runs with that role's rights",
    remediation: 'connect as the role you mean to act as; SET ROLE NONE / RESET ROLE return to the login role',
    examples: {
      block: [
        'SET ROLE postgres',
        'SET SESSION AUTHORIZATION admin',
        "SET LOCAL ROLE 'admin'",
        "SELECT set_config('role', 'postgres', false)",
        'BEGIN; SET ROLE postgres; DROP POLICY p ON t; COMMIT',
      ],
      allow: [
        'SET search_path = app',
        'SET search_path TO app',
        'SHOW role',
        'RESET ROLE',
        'SET ROLE NONE',
        'SET SESSION AUTHORIZATION DEFAULT',
        'RESET SESSION AUTHORIZATION',
        'SELECT current_user',
        "SELECT set_config('search_path', 'app', false)",
      ],
    },
    match: (s) => s.facts.setRole !== undefined,
    detail: (s) => `to ${String(s.facts.setRole)}`,
  },
  {
    id: 'sql.owner_change',
    risk: 'HIGH',
    reason: 'hands an object (or everything a role owns) to another owner, who gets every right on it',
    remediation: 'change ownership through a reviewed migration; grant the narrow privilege that is needed instead',
    examples: {
      block: [
        'ALTER TABLE users OWNER TO mallory',
        'ALTER SCHEMA app OWNER TO mallory',
        'ALTER DATABASE prod OWNER TO mallory',
        'ALTER FUNCTION f() OWNER TO mallory',
        'REASSIGN OWNED BY app TO mallory',
      ],
      allow: ['ALTER TABLE t ADD COLUMN c int', 'ALTER TABLE users RENAME COLUMN a TO b', 'SELECT tableowner FROM pg_tables'],
    },
    match: (s) => s.facts.newOwner !== undefined,
    detail: (s) => `to ${String(s.facts.newOwner)}`,
  },
  {
    id: 'sql.row_security_off',
    risk: 'HIGH',
    reason: 'turns row-level security off for a table: its policies stop limiting which rows each role sees and changes',
    remediation: 'change the policies through a reviewed migration instead of switching them off',
    examples: {
      block: [
        'ALTER TABLE accounts DISABLE ROW LEVEL SECURITY',
        'ALTER TABLE accounts NO FORCE ROW LEVEL SECURITY',
        'ALTER TABLE accounts ADD COLUMN n int, DISABLE ROW LEVEL SECURITY',
      ],
      allow: [
        'ALTER TABLE accounts ADD COLUMN n int',
        'ALTER TABLE accounts ENABLE ROW LEVEL SECURITY',
        'ALTER TABLE accounts FORCE ROW LEVEL SECURITY',
      ],
    },
    match: (s) => s.facts.rowSecurityOff !== undefined,
    detail: (s) => s.facts.rowSecurityOff?.join(', '),
  },
  {
    id: 'sql.event_trigger',
    risk: 'HIGH',
    reason: 'creates or switches an event trigger: a function the server runs on every DDL statement, whoever issues it',
    remediation: 'install event triggers through a reviewed migration, as a superuser who means to',
    examples: {
      block: [
        'CREATE EVENT TRIGGER audit ON ddl_command_start EXECUTE FUNCTION log_ddl()',
        'ALTER EVENT TRIGGER audit DISABLE',
        'ALTER EVENT TRIGGER audit ENABLE ALWAYS',
      ],
      allow: ['CREATE TRIGGER t_audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION log_row()', 'SELECT evtname FROM pg_event_trigger'],
    },
    match: (s) => s.facts.eventTrigger !== undefined,
    detail: (s) => s.facts.eventTrigger,
  },
];
