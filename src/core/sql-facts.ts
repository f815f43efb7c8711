// What the SQL analysers learn about one statement beyond its kind and targets, for the SQL rules
// to read. Every fact is optional: absent means the analyser saw nothing of the kind. Text facts
// that a rule shows (`copyProgram`, `serverFile`, …) are short descriptions for the evidence.

/** Input the analysis could not decide, each refused by the fail-closed rule of the same name. */
export type SqlFindingKind = 'parseError' | 'unknownStatement' | 'executableComment' | 'backslashQuote' | 'tooDeep' | 'tooLarge';

/** Role attributes that reach beyond ordinary data (CREATE/ALTER ROLE … SUPERUSER, …). */
export type PrivilegedRoleOption = 'superuser' | 'createrole' | 'bypassrls' | 'replication';

export interface SqlFacts {
  // How the statement was read

  /** Set on the synthetic `other` statement that stands for input the analysis could not decide: what, and why. */
  finding?: { kind: SqlFindingKind; why: string };
  /** The database may read this statement (or the ones after it) differently from the parser: why. */
  ambiguous?: string;
  /** Why the statement is dynamic (`SqlStatement.dynamic`): the SQL it runs is known only at run time. */
  dynamicReason?: string;
  /** The parser's own name for the statement (`PrepareStmt`, `if`, a recogniser's `begin`). */
  statementType?: string;
  /** How a nested statement is reached (`data-modifying CTE`, `EXPLAIN ANALYZE`, `function body`, …). */
  via?: string;
  /** The prepared statement a PostgreSQL PREPARE names or an EXECUTE runs. */
  prepared?: string;
  /** A PostgreSQL SET that changes how later string constants are read (`SET standard_conforming_strings`). */
  changesLexing?: string;
  /** A MySQL SET of sql_mode or the client character set, which changes how later statements are read. */
  changesSqlMode?: boolean;

  // Rows reached and data lost

  /** Why a WHERE that is not plainly always true still reaches every row (see analyze/sql/row-scope.ts). */
  rowScope?: 'notNull' | 'rowIndependent';
  /** The MERGE actions (`delete`, `update`, …) whose WHEN clause reaches every row of the target. */
  mergeEveryRow?: string[];
  /** An upsert that rewrites every row of its table: how. */
  upsertEveryRow?: string;
  /** What an ALTER drops or overwrites (`column`, `constraint`, `every value of column c …`). */
  alterDrop?: string[];
  /** CREATE OR REPLACE TABLE, which drops the table it replaces. */
  replacesTable?: boolean;
  /** The partitions an ALTER TABLE … TRUNCATE PARTITION empties, or `all`. */
  truncatePartitions?: string[] | 'all';
  /** An ALTER TABLE to a storage engine that loses rows (BLACKHOLE, MEMORY): what it does. */
  discardingEngine?: string;

  // Writes that are not INSERT/UPDATE/DELETE

  /** SELECT … INTO, which creates a table. */
  selectInto?: boolean;
  /** SELECT … FOR UPDATE/SHARE (or LOCK IN SHARE MODE), which locks rows for writing. */
  locking?: boolean;
  /** A call to a function that changes stored data (`setval()`, `lo_unlink()`). */
  writeFunction?: string;
  /** Whether COPY (or LOAD DATA) reads into a table or writes out of one. */
  copyDirection?: 'from' | 'to';

  // Reaching past the data into the server

  /** The server-side program COPY … PROGRAM runs. */
  copyProgram?: string;
  /** A server file read or written (`COPY … 'file'`, `pg_read_file()`, `INTO OUTFILE`, `LOAD DATA INFILE`). */
  serverFile?: string;
  /** Native code or a program run on the server (`xp_cmdshell()`, `LOAD`, an untrusted language). */
  codeExecution?: string;
  /** A call to a function that administers the server (`pg_terminate_backend()`, `sp_configure`). */
  adminFunction?: string;
  /** A change to server-wide configuration (`ALTER SYSTEM`, `SET GLOBAL v`). */
  serverConfig?: string;
  /** A SQLite PRAGMA that sets a value rather than reads one. */
  pragmaWrite?: boolean;
  /** `PRAGMA writable_schema` turned on, which lets SQL edit the schema table directly. */
  writableSchema?: boolean;
  /** The file a SQLite ATTACH opens (`unknown` when it is not a literal). */
  attach?: string;
  /** The procedure a CALL or EXEC runs. */
  callee?: string;

  // Reads and injection shapes

  /** A credential read (a password column, an account catalog, a secret-returning function): what. */
  credentialRead?: string;
  /** A WHERE or HAVING with an always-true alternative OR-ed in (`… OR 1=1`). */
  orTautology?: boolean;
  /** A UNION branch padded with NULLs to line up its columns. */
  unionNullPadding?: boolean;
  /** A credential-like column a UNION branch reads from another table. */
  unionCredential?: string;
  /** A system catalog table a UNION branch reads when the query is about something else. */
  unionCatalog?: string;

  // Privileges and roles

  /** The privileges a GRANT/REVOKE names (`select`, `all`, …), lower-case. */
  privileges?: string[];
  /** The roles a GRANT/REVOKE of role membership names, lower-case. */
  grantRoles?: string[];
  /** GRANT/REVOKE ALL PRIVILEGES. */
  grantAll?: boolean;
  /** GRANT/REVOKE on every object of a schema or server (`ON ALL TABLES IN SCHEMA`, `*.*`). */
  grantOnAll?: boolean;
  /** WITH GRANT OPTION or WITH ADMIN OPTION. */
  grantOption?: boolean;
  /** A grantee is PUBLIC. */
  grantToPublic?: boolean;
  /** What a `role` statement does to the role. */
  roleAction?: 'create' | 'alter' | 'drop';
  /** The role created can log in (CREATE USER, or LOGIN written). */
  createsLogin?: boolean;
  /** Privileged attributes a role statement turns on. */
  rolePrivileged?: PrivilegedRoleOption[];
  /** The role a session switches to (SET ROLE, SET SESSION AUTHORIZATION, set_config, ALTER ROLE … SET role). */
  setRole?: string;
  /** The role objects are handed over to (OWNER TO, REASSIGN OWNED). */
  newOwner?: string;
  /** Row-level security switched off (`DISABLE ROW LEVEL SECURITY`, …). */
  rowSecurityOff?: string[];
  /** An event trigger created or changed: a function run on every DDL statement. */
  eventTrigger?: string;
}
