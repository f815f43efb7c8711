// Fail closed: what the analyser cannot decide statically is refused, with the reason why.
// The analyser marks such input as an `other` statement carrying a `finding` of one of these kinds.
import type { SqlStatement } from '../../core/ir.js';
import type { SqlFindingKind } from '../../core/sql-facts.js';
import type { DetailedSqlRule } from './match.js';

const finding = (kind: SqlFindingKind) => (s: SqlStatement) => s.facts.finding?.kind === kind;
const why = (kind: SqlFindingKind) => (s: SqlStatement) => (s.facts.finding?.kind === kind ? s.facts.finding.why : undefined);

const RULES: DetailedSqlRule[] = [
  {
    id: 'sql.parse_error',
    risk: 'CRITICAL',
    reason: 'the SQL could not be parsed, so it cannot be judged',
    remediation: 'fix the syntax, or run the statements one at a time in a form the parser for this dialect reads',
    examples: {
      block: [
        'SELEC * FROM users',
        'DELETE FROM',
        { sql: 'DROP TABLE t; BOGUS', dialect: 'mysql' },
        '\\! rm -rf /',
        { sql: '.shell rm -rf /', dialect: 'sqlite' },
        { sql: 'BEGIN; .shell rm -rf /', dialect: 'sqlite' },
        { sql: "VACUUM INTO '/tmp/copy.db'", dialect: 'sqlite' },
        { sql: 'SET NAMES gbk; SELECT 1', dialect: 'mysql' },
      ],
      allow: [
        'SELECT * FROM users',
        { sql: 'SELECT 1', dialect: 'sqlite' },
        // Statements the grammars lack, recognised strictly (src/analyze/sql/nsp-fallback.ts).
        { sql: 'BEGIN; INSERT INTO t VALUES (1); COMMIT;', dialect: 'sqlite' },
        { sql: 'BEGIN IMMEDIATE TRANSACTION; UPDATE t SET a = 1 WHERE id = 2; END', dialect: 'sqlite' },
        { sql: 'VACUUM', dialect: 'sqlite' },
        { sql: "INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1", dialect: 'sqlite' },
        { sql: 'EXPLAIN QUERY PLAN SELECT * FROM t WHERE id = 1', dialect: 'sqlite' },
        { sql: 'SAVEPOINT a; RELEASE SAVEPOINT a', dialect: 'mysql' },
        { sql: 'SET NAMES utf8mb4', dialect: 'mysql' },
        { sql: "EXEC sp_help 'dbo.users'", dialect: 'transactsql' },
        { sql: 'BEGIN TRAN; UPDATE t SET a = 1 WHERE id = 1; COMMIT', dialect: 'transactsql' },
      ],
    },
    match: finding('parseError'),
    detail: why('parseError'),
  },
  {
    id: 'sql.unknown_statement',
    risk: 'CRITICAL',
    reason: 'a statement the analyser does not recognise',
    remediation: 'use a statement form seatbelt knows, or run it through a reviewed migration instead',
    examples: {
      block: [
        { sql: 'FOO BAR', dialect: 'transactsql' },
        { sql: "CREATE LOGIN x WITH PASSWORD = 'p'", dialect: 'transactsql' },
      ],
      allow: [{ sql: 'SELECT TOP 10 * FROM t', dialect: 'transactsql' }],
    },
    match: finding('unknownStatement'),
    detail: why('unknownStatement'),
  },
  {
    id: 'sql.mysql_executable_comment',
    risk: 'CRITICAL',
    reason:
      'MySQL executes the inside of /*! … */ comments, which the parser skips (refused in every dialect: the text may still reach MySQL)',
    remediation: 'write the SQL without /*! … */ or /*M! … */ version comments',
    examples: {
      block: [
        { sql: 'SELECT 1 /*! ; DROP TABLE users */', dialect: 'mysql' },
        { sql: 'SELECT 1 /*M! , 2 */', dialect: 'mariadb' },
        'SELECT 1 /*!50000 ; DROP TABLE users */',
        { sql: 'SELECT 1 /*! ; DROP TABLE users */', dialect: 'sqlite' },
        { sql: 'SELECT 1 /*M! ; DROP TABLE users */', dialect: 'transactsql' },
        { sql: 'SELECT 1 --/*! ; DROP TABLE users */', dialect: 'bigquery' },
      ],
      allow: [
        { sql: "SELECT '/*! not a comment */' AS s", dialect: 'mysql' },
        { sql: 'SELECT 1 /* a plain comment */', dialect: 'mysql' },
        "SELECT '/*! data */' AS s",
        'SELECT 1 -- /*! inside a comment MySQL skips too */',
      ],
    },
    match: finding('executableComment'),
  },
  {
    id: 'sql.backslash_quote',
    risk: 'CRITICAL',
    reason: 'a backslash before a quote: the parser and the database may disagree on where the string ends',
    remediation: "write a quote inside a string as '' (two single quotes), not \\'",
    examples: {
      block: [
        { sql: "SELECT 'a\\'; DROP TABLE t; -- '", dialect: 'sqlite' },
        "SELECT 'a\\'; DROP TABLE t; -- '",
        { sql: "SELECT 'x\\' FROM t", dialect: 'transactsql' },
      ],
      allow: [
        { sql: "SELECT 'it''s'", dialect: 'sqlite' },
        { sql: "SELECT 'a\\'b'", dialect: 'mysql' },
        "SELECT E'a\\'b'",
        "SELECT 'C:\\temp\\x'",
      ],
    },
    match: finding('backslashQuote'),
  },
  {
    id: 'sql.ambiguous',
    risk: 'CRITICAL',
    reason: 'the database may read this differently from the parser',
    remediation:
      "avoid MySQL '||' (write OR or CONCAT()), parenthesise XOR's operands and what NOT (…) applies to, and do not change sql_mode or standard_conforming_strings mid-batch",
    examples: {
      block: [
        { sql: 'DELETE FROM t WHERE id = 1 || 1', dialect: 'mysql' },
        { sql: 'DELETE FROM t WHERE 1=1 XOR 1=1 AND 0=1', dialect: 'mysql' },
        { sql: 'DELETE FROM t WHERE NOT (id = 5) * 0', dialect: 'mysql' },
        { sql: 'DELETE FROM t WHERE 1 * NOT (0) > 2', dialect: 'sqlite' },
        { sql: 'DELETE FROM t WHERE 0 BETWEEN 1 AND 2 XOR 1', dialect: 'mysql' },
        { sql: "SET sql_mode = 'NO_BACKSLASH_ESCAPES'; SELECT 1", dialect: 'mysql' },
        'SET standard_conforming_strings = off; SELECT 1',
      ],
      allow: [
        { sql: 'DELETE FROM t WHERE id = 1 OR id = 2', dialect: 'mysql' },
        { sql: 'DELETE FROM t WHERE (id = 1) XOR (id = 2)', dialect: 'mysql' },
        { sql: 'DELETE FROM t WHERE NOT (id = 5)', dialect: 'mysql' },
        { sql: "SET sql_mode = 'ANSI'", dialect: 'mysql' },
        "SELECT 'a' || 'b'",
      ],
    },
    match: (s) => s.facts.ambiguous !== undefined,
    detail: (s) => s.facts.ambiguous,
  },
  {
    id: 'sql.too_deep',
    risk: 'CRITICAL',
    reason: 'the SQL is nested too deeply to analyse',
    remediation: 'flatten the expression or split the query',
    examples: {
      block: [
        'SELECT ' + '(SELECT '.repeat(2000) + '1' + ')'.repeat(2000),
        { sql: 'SELECT ' + '('.repeat(3000) + '1' + ')'.repeat(3000), dialect: 'mysql' },
      ],
      allow: ['SELECT ' + '('.repeat(20) + '1' + ')'.repeat(20)],
    },
    match: finding('tooDeep'),
    detail: why('tooDeep'),
  },
  {
    id: 'sql.too_large',
    risk: 'CRITICAL',
    reason: 'the SQL is larger than the analyser accepts',
    remediation: 'send it in smaller parts',
    examples: {
      block: [`SELECT '${'x'.repeat(300 * 1024)}'`],
      allow: [`SELECT '${'x'.repeat(1024)}'`],
    },
    match: finding('tooLarge'),
    detail: why('tooLarge'),
  },
  {
    id: 'sql.dynamic',
    risk: 'CRITICAL',
    reason: 'dynamic SQL: the statement text is built at run time and cannot be checked',
    remediation: 'write the statement out literally instead of EXECUTE of a built string',
    examples: {
      block: [
        "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'x' || current_user; END $$",
        "DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'users'); END $$",
        'EXECUTE stmt_from_elsewhere',
        "SELECT dblink_exec('dbname=prod', 'DROP TABLE users')",
        { sql: 'EXEC sp_MSforeachtable', dialect: 'transactsql' },
        { sql: 'EXEC @proc_name', dialect: 'transactsql' },
        { sql: "EXEC sp_executesql N'DROP TABLE t'", dialect: 'transactsql' },
        "DO LANGUAGE plperl $$ spi_exec_query('DROP TABLE t') $$",
      ],
      allow: ["DO $$ BEGIN EXECUTE 'SELECT 1'; END $$", 'PREPARE p AS SELECT 1; EXECUTE p'],
    },
    match: (s) => s.dynamic,
    detail: (s) => s.facts.dynamicReason,
  },
];

/** Every rule here means "the analysis could not decide": fail-closed matches. */
export const FAIL_CLOSED_RULES: DetailedSqlRule[] = RULES.map((r) => ({ ...r, class: 'fail_closed' as const }));
