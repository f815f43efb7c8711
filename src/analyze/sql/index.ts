// The SQL analyser: parse with the dialect's real parser (loaded lazily, once), build the
// statement IR, run the `sql.*` rules. Everything it cannot decide becomes a fail-closed finding.
import type { SqlStatement } from '../../core/ir.js';
import { DIALECTS, type Dialect, type RuleMatch } from '../../core/types.js';
import { matchSqlRules } from '../../rules/sql/index.js';
import { executableComments } from './executable-comment.js';
import { backslashChangesEnd, scanLexical } from './lexical.js';
import { MAX_SQL_BYTES, TooDeepError } from './limits.js';
import { recoverStatements } from './nsp/fallback.js';
import { buildNspStatements, markSqlModeChanges } from './nsp/ir.js';
import { loadNspParser, type NspDialect } from './nsp/load.js';
import { plainMysqlAst } from './nsp/plain-mysql.js';
import { pgStatementsFromParse, pgStatementsFromSql } from './pg/ir.js';
import { plainPgParse } from './pg/plain-parse.js';
import { loadPg, type PgLib } from './pg/load.js';
import { failure } from './statement.js';

export { sqlWrites } from './writes.js';

export interface SqlAnalysis {
  statements: SqlStatement[];
  matches: RuleMatch[];
}

/** Parses, builds the IR and applies the SQL rules. Never throws on bad SQL: it refuses it. */
export async function analyzeSql(sql: string, dialect: Dialect): Promise<SqlAnalysis> {
  const statements = await sqlStatements(sql, dialect);
  return { statements, matches: matchSqlRules(statements) };
}

/** The statement IR alone (fail-closed findings included as `other` statements with a `finding` fact). */
export async function sqlStatements(sql: string, dialect: Dialect): Promise<SqlStatement[]> {
  if (typeof sql !== 'string') return [failure('parseError', 'the SQL is not text', String(sql))];
  if (!DIALECTS.includes(dialect)) return [failure('parseError', `unknown SQL dialect '${String(dialect)}'`, sql)];
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes > MAX_SQL_BYTES) {
    return [failure('tooLarge', `the SQL is ${bytes} bytes, over the ${MAX_SQL_BYTES}-byte limit: send it in smaller parts`, sql)];
  }
  if (sql.trim() === '') return [];
  if (sql.includes('\0'))
    return [failure('parseError', 'the SQL contains a NUL character, which parsers and clients read differently', sql)];
  // Whatever the dialect: the text may still reach a MySQL server, which runs these comments.
  const executable = executableComments(sql).map((c) =>
    failure('executableComment', 'MySQL runs the inside of /*! … */ and /*M! … */ comments, which other readers skip', c),
  );
  try {
    return [...executable, ...(dialect === 'postgresql' ? await postgres(sql) : await nodeSqlParser(sql, dialect))];
  } catch (err) {
    if (err instanceof RangeError || err instanceof TooDeepError) {
      return [failure('tooDeep', 'the SQL is nested too deeply to analyse', sql)];
    }
    const why = err instanceof Error ? err.message : String(err);
    return [failure('parseError', `the SQL could not be analysed: ${why}`, sql)];
  }
}

/** PostgreSQL string constants where `\'` would end the string elsewhere if backslashes escaped. */
function pgBackslashQuotes(sql: string, lib: PgLib): SqlStatement[] {
  if (!sql.includes('\\')) return []; // the scan costs as much as a parse: skip it when it cannot find anything
  let tokens;
  try {
    tokens = lib.scanSync(sql).tokens;
  } catch {
    return []; // the parser reports the error
  }
  return tokens
    .filter((t) => t.tokenName === 'SCONST' && t.text.startsWith("'") && backslashChangesEnd(t.text))
    .map((t) =>
      failure(
        'backslashQuote',
        `a backslash before a quote in ${t.text.slice(0, 40)}: with standard_conforming_strings off the server would end the string elsewhere`,
        t.text,
      ),
    );
}

async function postgres(sql: string): Promise<SqlStatement[]> {
  const plain = plainPgParse(sql);
  if (plain) {
    // The plain subset has no backslashes and no SQL inside SQL: nothing in it needs the real
    // parser. Were anything to ask for it all the same, the text is analysed again with it.
    const asked = { parser: false };
    const ask = notLoaded(asked);
    const statements = pgStatementsFromParse(sql, plain, { lib: { parseSync: ask, parsePlPgSQLSync: ask, scanSync: ask }, nestDepth: 0 });
    if (!asked.parser) return statements;
  }
  const lib = await loadPg();
  return [...pgBackslashQuotes(sql, lib), ...pgStatementsFromSql(sql, { lib, nestDepth: 0 })];
}

/** A parser's method where the parser is not loaded: it notes that it was asked for, and fails. */
function notLoaded(asked: { parser: boolean }): () => never {
  return () => {
    asked.parser = true;
    throw new Error('the parser is not loaded');
  };
}

async function nodeSqlParser(sql: string, dialect: NspDialect): Promise<SqlStatement[]> {
  const lexical = scanLexical(sql, dialect).map((f) => failure(f.kind, f.why, f.evidence));
  const plain = dialect === 'mysql' ? plainMysqlAst(sql) : undefined;
  if (plain !== undefined) {
    // One plain statement: its text is the input's, and nothing in it needs the parser. Were
    // anything to ask for it all the same, the text is analysed again with it.
    const asked = { parser: false };
    const ask = notLoaded(asked);
    const built = buildNspStatements(plain, dialect, { astify: ask, sqlify: ask }, sql);
    if (!asked.parser) return [...lexical, ...built];
  }
  const parser = await loadNspParser(dialect);
  let ast: unknown;
  try {
    ast = parser.astify(sql, { database: dialect });
  } catch (err) {
    if (err instanceof RangeError) throw err;
    // Statements the grammar lacks (SQLite BEGIN/COMMIT/PRAGMA, …): recognised strictly, one by one.
    const parseOne = (text: string) => buildNspStatements(parser.astify(text, { database: dialect }), dialect, parser, text);
    const recovered = recoverStatements(sql, dialect, parseOne);
    if (recovered) return [...lexical, ...markSqlModeChanges(recovered)];
    const why = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 300) : String(err);
    return [...lexical, failure('parseError', `the ${dialect} parser cannot read this: ${why}`, sql)];
  }
  const built = buildNspStatements(ast, dialect, parser, sql);
  // T-SQL reads words it does not know as assignments (`BEGIN TRAN` → unknown): give the strict
  // recognisers a chance; whatever they do not recognise stays an unknown statement.
  if (dialect === 'transactsql' && built.some((s) => s.facts.finding?.kind === 'unknownStatement')) {
    const recovered = recoverStatements(sql, dialect, (text) =>
      buildNspStatements(parser.astify(text, { database: dialect }), dialect, parser, text),
    );
    if (recovered) return [...lexical, ...recovered];
  }
  return [...lexical, ...built];
}
