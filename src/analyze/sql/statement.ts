// Building SqlStatement values: defaults, the synthetic statements that carry a fail-closed
// finding (a parse error, an over-size input, …) and a short evidence text.
import { redactSecrets } from '../../audit/redact.js';
import type { SqlKind, SqlStatement } from '../../core/ir.js';
import type { SqlFindingKind } from '../../core/sql-facts.js';

export function statement(kind: SqlKind, text: string, init: Partial<SqlStatement> = {}): SqlStatement {
  return {
    kind,
    targets: [],
    hasWhere: false,
    whereTautology: false,
    hasLimit: false,
    nested: [],
    dynamic: false,
    facts: {},
    ...init,
    text: evidenceText(text),
  };
}

/**
 * A statement that stands for input we could not decide, refused by the fail-closed rule for
 * `kind`; `why` is shown to the user.
 */
export function failure(kind: SqlFindingKind, why: string, text: string): SqlStatement {
  return statement('other', text, { facts: { finding: { kind, why } } });
}

const MAX_EVIDENCE = 200;

/** `PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `ENCRYPTED PASSWORD 'x'`: SQL's own way of writing a secret. */
const SQL_PASSWORD =
  /\b((?:ENCRYPTED\s+|UNENCRYPTED\s+)?PASSWORD|IDENTIFIED\s+(?:WITH\s+\S+\s+)?BY(?:\s+PASSWORD)?)(\s*=?\s*)(N?'(?:[^']|'')*'|"(?:[^"]|"")*"|\$\w*\$[\s\S]*?\$\w*\$)/gi;

/** Secrets replaced by [REDACTED], in the known formats and in SQL password clauses. */
export function redactSql(text: string): string {
  return redactSecrets(text.replace(SQL_PASSWORD, "$1$2'[REDACTED]'"));
}

/** One line, at most MAX_EVIDENCE characters, secrets redacted: enough to recognise the statement. */
export function evidenceText(text: string): string {
  const one = redactSql(text.replace(/\s+/g, ' ').trim());
  return one.length > MAX_EVIDENCE ? `${one.slice(0, MAX_EVIDENCE - 1)}…` : one;
}

/** Names as the rules compare them: lower-case, quotes dropped, parts joined with dots. */
export function objectName(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => p.toLowerCase())
    .join('.');
}

/** Column names that hold credentials: reaching them through a UNION is an injection shape. */
export const CREDENTIAL_COLUMN =
  /(^|_)(pass(word|wd|phrase)?|pwd|hash(ed)?|passhash|secret|token|api_?key|apikey|access_?key|private_?key|salt|otp|mfa|totp|credentials?|auth_?key|authentication_string|session_?key|ssn|credit_?card|card_?number|cvv)($|_)/i;

/**
 * The database's own catalog: accounts, privileges, the schema itself. PostgreSQL reserves the
 * `pg_` prefix; MySQL keeps accounts in `mysql.*`; SQLite its schema in `sqlite_master`.
 * (`sqlite_sequence` and `sqlite_stat*` are left out: applications reset them routinely.)
 */
export const SYSTEM_CATALOG =
  /^((pg_catalog|information_schema|pg_toast|mysql|performance_schema|sys|master|msdb)\.|pg_|((main|temp)\.)?sqlite_(master|schema|temp_master|temp_schema)$)/;

/** Functions whose call reaches the server's file system, runs programs, or runs SQL text. */
export const DANGEROUS_FUNCTIONS: Readonly<Record<string, 'file' | 'exec' | 'dynamic' | 'admin' | 'write'>> = {
  // PostgreSQL
  pg_read_file: 'file',
  pg_read_binary_file: 'file',
  pg_ls_dir: 'file',
  pg_stat_file: 'file',
  pg_ls_logdir: 'file',
  pg_ls_waldir: 'file',
  pg_ls_tmpdir: 'file',
  pg_ls_archive_statusdir: 'file',
  pg_ls_logicalmapdir: 'file',
  pg_ls_logicalsnapdir: 'file',
  pg_ls_replslotdir: 'file',
  lo_import: 'file',
  lo_export: 'file',
  pg_file_write: 'file',
  pg_file_unlink: 'file',
  pg_file_rename: 'file',
  dblink_exec: 'dynamic',
  dblink: 'dynamic',
  dblink_send_query: 'dynamic',
  query_to_xml: 'dynamic',
  query_to_xml_and_xmlschema: 'dynamic',
  query_to_xmlschema: 'dynamic',
  pg_terminate_backend: 'admin',
  pg_cancel_backend: 'admin',
  pg_reload_conf: 'admin',
  pg_rotate_logfile: 'admin',
  pg_promote: 'admin',
  pg_switch_wal: 'admin',
  pg_drop_replication_slot: 'admin',
  pg_replication_origin_drop: 'admin',
  lo_unlink: 'write',
  setval: 'write',
  nextval: 'write',
  // MySQL / MariaDB
  load_file: 'file',
  sys_exec: 'exec',
  sys_eval: 'exec',
  // SQLite (CLI and extensions)
  load_extension: 'exec',
  writefile: 'file',
  readfile: 'file',
  edit: 'exec',
  fts3_tokenizer: 'exec',
  // T-SQL
  xp_cmdshell: 'exec',
  sp_oacreate: 'exec',
  sp_oamethod: 'exec',
  sp_execute_external_script: 'exec',
  openrowset: 'file',
  opendatasource: 'file',
  openquery: 'dynamic',
  xp_regwrite: 'exec',
  xp_dirtree: 'file',
  xp_fileexist: 'file',
  sp_executesql: 'dynamic',
  sp_sqlexec: 'dynamic',
  sp_msforeachtable: 'dynamic',
  sp_msforeachdb: 'dynamic',
  sp_configure: 'admin',
  sp_addsrvrolemember: 'admin',
  sp_addlogin: 'admin',
  sp_addrolemember: 'admin',
  sp_droplogin: 'admin',
  sp_dropuser: 'admin',
  sp_password: 'admin',
  sp_grantlogin: 'admin',
  sp_changedbowner: 'admin',
  sp_detach_db: 'admin',
  xp_regread: 'file',
  xp_regdeletekey: 'exec',
  xp_regdeletevalue: 'exec',
  sp_makewebtask: 'file',
};

/** Records what a call to a known dangerous function (or procedure) means for the statement. */
export function markFunction(s: SqlStatement, qualifiedName: string): void {
  const name = bareFunctionName(qualifiedName);
  const category = DANGEROUS_FUNCTIONS[name];
  if (category === 'file') s.facts.serverFile = `${name}()`;
  else if (category === 'exec') s.facts.codeExecution = `${name}()`;
  else if (category === 'admin') s.facts.adminFunction = `${name}()`;
  else if (category === 'write') s.facts.writeFunction = `${name}()`;
  else if (category === 'dynamic') {
    s.dynamic = true;
    s.facts.dynamicReason = `${name}() runs SQL text seatbelt cannot see`;
  }
}

/** The bare function name (schema dropped), lower-case. */
export function bareFunctionName(name: string): string {
  return name.toLowerCase().split('.').pop() ?? '';
}
