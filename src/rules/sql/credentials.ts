// Reading what the database keeps to let people in: password hashes and the secrets of user
// mappings, from the system catalogues (src/analyze/sql/credentials.ts names them).
import type { DetailedSqlRule } from './match.js';

export const CREDENTIAL_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.credential_read',
    risk: 'HIGH',
    reason: "reads the server's stored credentials (password hashes, user-mapping passwords) from its system catalogue",
    remediation:
      'read account names from the views that mask secrets (pg_roles, pg_user, the catalogue columns without hashes); never copy hashes out',
    examples: {
      block: [
        'SELECT usename, passwd FROM pg_shadow',
        'SELECT * FROM pg_catalog.pg_authid',
        'SELECT srvname, umoptions FROM pg_user_mappings',
        'TABLE pg_shadow',
        'CREATE TABLE loot AS SELECT * FROM pg_shadow',
        'CREATE VIEW v AS SELECT rolname, rolpassword FROM pg_authid',
        'COPY (SELECT passwd FROM pg_shadow) TO STDOUT',
        'COPY pg_authid TO STDOUT',
        'WITH h AS (SELECT rolpassword FROM pg_authid) SELECT * FROM h',
        'SELECT name FROM users WHERE EXISTS (SELECT 1 FROM pg_shadow s WHERE s.passwd LIKE $$md5a%$$)',
        'SELECT row_to_json(s) FROM pg_shadow s',
        { sql: 'SELECT user, authentication_string FROM mysql.user', dialect: 'mysql' },
        { sql: 'SELECT * FROM mysql.user', dialect: 'mariadb' },
        { sql: 'USE mysql; SELECT authentication_string FROM user', dialect: 'mysql' },
        { sql: 'CREATE TABLE loot AS SELECT u.authentication_string FROM mysql.user u', dialect: 'mysql' },
        { sql: 'SELECT name, password_hash FROM sys.sql_logins', dialect: 'transactsql' },
        { sql: 'SELECT name, password FROM master.dbo.syslogins', dialect: 'transactsql' },
        { sql: "SELECT LOGINPROPERTY('sa', 'PasswordHash')", dialect: 'transactsql' },
      ],
      allow: [
        'SELECT rolname FROM pg_roles',
        'SELECT usename FROM pg_user',
        'SELECT count(*) FROM pg_authid',
        'SELECT current_user',
        'SELECT passwd FROM app_settings',
        { sql: 'SELECT user, host FROM mysql.user', dialect: 'mysql' },
        { sql: 'SELECT authentication_string FROM app.user', dialect: 'mysql' },
        { sql: 'SELECT name, is_disabled FROM sys.sql_logins', dialect: 'transactsql' },
      ],
    },
    match: (s) => s.facts.credentialRead !== undefined,
    detail: (s) => s.facts.credentialRead,
  },
];
