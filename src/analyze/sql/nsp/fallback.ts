// node-sql-parser's grammars lack some everyday statements: SQLite's BEGIN/COMMIT/VACUUM/EXPLAIN,
// MySQL's SAVEPOINT/SET NAMES/EXPLAIN ANALYZE, T-SQL's BEGIN TRAN/EXEC with arguments/DELETE
// without FROM, BigQuery's dataset-qualified DELETE FROM/UPDATE. When the parser refuses the whole
// input, it is cut into statements by the dialect's lexical rules and each one must either match
// one of the strict patterns below — whole, keywords and names only, nothing else — or parse on
// its own. Anything else keeps the parser's refusal. Nothing here loosens what the parser reads.
import type { SqlStatement } from '../../../core/ir.js';
import { splitStatements, type Chunk } from '../lexical.js';
import type { NspDialect } from './load.js';
import { sqlitePragma } from '../sqlite-pragma.js';
import { markFunction, objectName, statement } from '../statement.js';

/** A plain or quoted name (no quotes, brackets or line breaks inside). */
const ID = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"[^"\n]+"|` + '`[^`\\n]+`' + String.raw`|\[[^\]\n]+\])`;
const QNAME = String.raw`${ID}(?:\.${ID})?`;
const whole = (src: string) => new RegExp(String.raw`^\s*${src}\s*$`, 'i');

type Recogniser =
  /** The chunk is this statement. */
  | { stmt: SqlStatement }
  /** The chunk is `sql` (a prefix removed or a name quoted) for the parser, wrapped by `wrap`. */
  | { reparse: string; wrap?: (inner: SqlStatement[], text: string) => SqlStatement[] };

type Pattern = [RegExp, (m: RegExpExecArray, c: Chunk) => Recogniser | undefined];

const as =
  (kind: SqlStatement['kind'], type: string) =>
  (_m: RegExpExecArray, c: Chunk): Recogniser => ({
    stmt: statement(kind, c.text, { facts: { statementType: type } }),
  });

/** `EXPLAIN …` that only plans: the statement is parsed (it must be valid) but does not run. */
const planOnly = (m: RegExpExecArray): Recogniser => ({
  reparse: m[1] ?? '',
  wrap: (_inner, text) => [statement('explain', text, { facts: { statementType: 'explain' } })],
});

/** `EXPLAIN ANALYZE …` runs the statement: it is analysed as nested. */
const explainAnalyze = (m: RegExpExecArray): Recogniser => ({
  reparse: m[1] ?? '',
  wrap: (inner, text) => {
    const s = statement('explain', text, { facts: { statementType: 'explain' } });
    s.nested = inner.map((n) => ({ ...n, facts: { ...n.facts, via: 'EXPLAIN ANALYZE' } }));
    return [s];
  },
});

const unquote = (name: string) => name.replace(/^["`[]|["`\]]$/g, '');

/** T-SQL `EXEC proc 'a', 1, @x = N'b', @out OUTPUT`: literal or variable arguments only. */
const TSQL_LITERAL = String.raw`(?:N?'(?:[^']|'')*'|[+-]?\d+(?:\.\d+)?|@\w+|NULL|DEFAULT)`;
const TSQL_ARG = String.raw`(?:@\w+\s*=\s*)?${TSQL_LITERAL}(?:\s+(?:OUTPUT|OUT))?`;
const TSQL_EXEC = whole(String.raw`EXEC(?:UTE)?\s+(?:@\w+\s*=\s*)?(${ID}(?:\.{1,2}${ID}){0,3})(?:\s+${TSQL_ARG}(?:\s*,\s*${TSQL_ARG})*)?`);

function tsqlExec(m: RegExpExecArray, c: Chunk): Recogniser {
  const callee = objectName(...(m[1] ?? '').split('.').map(unquote));
  const s = statement('call', c.text, { targets: [callee], facts: { callee } });
  markFunction(s, callee);
  return { stmt: s };
}

const PATTERNS: Record<NspDialect, Pattern[]> = {
  sqlite: [
    [whole(String.raw`BEGIN(?:\s+(?:DEFERRED|IMMEDIATE|EXCLUSIVE))?(?:\s+TRANSACTION(?:\s+${ID})?)?`), as('transaction', 'begin')],
    [whole(String.raw`(?:COMMIT|END)(?:\s+TRANSACTION(?:\s+${ID})?)?`), as('transaction', 'commit')],
    [whole(String.raw`ROLLBACK(?:\s+TRANSACTION(?:\s+${ID})?)?(?:\s+TO(?:\s+SAVEPOINT)?\s+${ID})?`), as('transaction', 'rollback')],
    [whole(String.raw`SAVEPOINT\s+${ID}`), as('transaction', 'savepoint')],
    [whole(String.raw`RELEASE(?:\s+SAVEPOINT)?\s+${ID}`), as('transaction', 'release')],
    // Not `VACUUM INTO 'file'`, which writes a copy of the database anywhere on disk.
    [whole(String.raw`VACUUM(?:\s+${ID})?`), as('other', 'vacuum')],
    [whole(String.raw`(?:ANALYZE|REINDEX)(?:\s+${QNAME})?`), as('other', 'analyze')],
    [whole(String.raw`EXPLAIN(?:\s+QUERY\s+PLAN)?\s+([\s\S]+)`), planOnly],
    // UPSERT: `ON CONFLICT [(cols)] DO NOTHING | DO UPDATE SET …` — the grammar knows only MySQL's
    // `ON DUPLICATE KEY UPDATE`, which has the same SET list. Only keywords and the conflict
    // columns are rewritten; an upsert WHERE (the only thing that would be dropped) is refused.
    [
      whole(
        String.raw`((?:INSERT|REPLACE)\b[\s\S]+?)\s+ON\s+CONFLICT(?:\s*\(\s*${ID}(?:\s*,\s*${ID})*\s*\))?\s+DO\s+(?:(NOTHING)|UPDATE\s+SET\s+([\s\S]+))`,
      ),
      (m) => {
        if (m[2]) return { reparse: m[1] ?? '' };
        if (/\bWHERE\b|\bRETURNING\b/i.test(m[3] ?? '')) return undefined;
        return { reparse: `${m[1]} ON DUPLICATE KEY UPDATE ${m[3]}` };
      },
    ],
  ],
  mysql: [],
  mariadb: [],
  transactsql: [
    [whole(String.raw`BEGIN\s+(?:TRAN|TRANSACTION)(?:\s+(?:${ID}|@\w+))?`), as('transaction', 'begin')],
    [whole(String.raw`(?:COMMIT|ROLLBACK)(?:\s+(?:TRAN|TRANSACTION|WORK)(?:\s+(?:${ID}|@\w+))?)?`), as('transaction', 'commit')],
    [whole(String.raw`SAVE\s+(?:TRAN|TRANSACTION)\s+(?:${ID}|@\w+)`), as('transaction', 'savepoint')],
    [whole(String.raw`PRINT\s+${TSQL_LITERAL}`), as('show', 'print')],
    [TSQL_EXEC, tsqlExec],
    // `DELETE [TOP (n)] t WHERE …`: FROM is optional in T-SQL, not in the parser.
    [
      whole(String.raw`(DELETE\s+(?:TOP\s*\(\s*\d+\s*\)\s*(?:PERCENT\s+)?)?)((?!\s|FROM\b)[\s\S]+)`),
      (m) => ({ reparse: `${m[1]}FROM ${m[2]}` }),
    ],
  ],
  bigquery: [
    [whole(String.raw`BEGIN\s+TRANSACTION`), as('transaction', 'begin')],
    [whole(String.raw`(?:COMMIT|ROLLBACK)(?:\s+TRANSACTION)?`), as('transaction', 'commit')],
    // `DELETE FROM ds.t`, `UPDATE proj.ds.t`: the parser reads a dotted path only when back-quoted whole.
    [
      whole(String.raw`((?:UPDATE|DELETE(?:\s+FROM)?|INSERT(?:\s+INTO)?)\s+)((?:[A-Za-z_][\w-]*\.){1,2}[A-Za-z_]\w*)(\s[\s\S]*)`),
      (m) => ({ reparse: `${m[1]}\`${m[2]}\`${m[3]}` }),
    ],
  ],
};

const MYSQL: Pattern[] = [
  [whole(String.raw`SAVEPOINT\s+${ID}`), as('transaction', 'savepoint')],
  [whole(String.raw`RELEASE\s+SAVEPOINT\s+${ID}`), as('transaction', 'release')],
  [whole(String.raw`ROLLBACK(?:\s+WORK)?\s+TO(?:\s+SAVEPOINT)?\s+${ID}`), as('transaction', 'rollback')],
  // Only character sets the parser reads the same way (not GBK, Big5, SJIS: their 0x5C bytes hide quotes).
  [whole(String.raw`SET\s+NAMES\s+'?(?:utf8mb4|utf8mb3|utf8|latin1|ascii|binary)'?(?:\s+COLLATE\s+'?\w+'?)?`), as('set', 'names')],
  [
    whole(
      String.raw`SET(?:\s+SESSION)?\s+TRANSACTION\s+(?:ISOLATION\s+LEVEL\s+(?:READ\s+UNCOMMITTED|READ\s+COMMITTED|REPEATABLE\s+READ|SERIALIZABLE)|READ\s+ONLY|READ\s+WRITE)(?:\s*,\s*(?:ISOLATION\s+LEVEL\s+(?:READ\s+UNCOMMITTED|READ\s+COMMITTED|REPEATABLE\s+READ|SERIALIZABLE)|READ\s+ONLY|READ\s+WRITE))?`,
    ),
    as('set', 'transaction'),
  ],
  [whole(String.raw`SHOW(?:\s+(?:GLOBAL|SESSION))?\s+(?:VARIABLES|STATUS)(?:\s+LIKE\s+'[^'\\\n]*')?`), as('show', 'show')],
  [
    whole(
      String.raw`(?:ANALYZE|OPTIMIZE|CHECK|CHECKSUM)(?:\s+(?:NO_WRITE_TO_BINLOG|LOCAL))?\s+TABLES?\s+${QNAME}(?:\s*,\s*${QNAME})*(?:\s+(?:QUICK|FAST|MEDIUM|EXTENDED|CHANGED))*`,
    ),
    as('other', 'maintenance'),
  ],
  [whole(String.raw`EXPLAIN\s+ANALYZE\s+([\s\S]+)`), explainAnalyze],
  // Plain EXPLAIN (no ANALYZE) plans a statement without running it; the grammar knows only EXPLAIN SELECT.
  [
    whole(
      String.raw`(?:EXPLAIN|DESCRIBE|DESC)(?:\s+FORMAT\s*=\s*(?:TRADITIONAL|JSON|TREE))?\s+((?:DELETE|UPDATE|INSERT|REPLACE|SELECT|TABLE|WITH)\b[\s\S]+)`,
    ),
    planOnly,
  ],
];
PATTERNS.mysql = MYSQL;
PATTERNS.mariadb = MYSQL;

function recognise(c: Chunk, dialect: NspDialect): Recogniser | undefined {
  if (dialect === 'sqlite') {
    const pragma = sqlitePragma(c.code);
    if (pragma) return { stmt: { ...pragma, text: statement('pragma', c.text).text } };
  }
  for (const [re, make] of PATTERNS[dialect]) {
    const m = re.exec(c.code);
    if (m) return make(m, c);
  }
  return undefined;
}

/** BigQuery's triple-quoted and raw strings are beyond the splitter's lexical rules. */
const UNSPLITTABLE: Partial<Record<NspDialect, RegExp>> = { bigquery: /'''|"""|\b[rRbB]{1,2}['"]/ };

/**
 * The statements of an input the parser refused as a whole, or undefined when some statement is
 * neither recognised nor parsable on its own (or none was recognised: then the refusal stands).
 * `parse` parses one statement's text and throws when it cannot.
 */
export function recoverStatements(sql: string, dialect: NspDialect, parse: (text: string) => SqlStatement[]): SqlStatement[] | undefined {
  if (UNSPLITTABLE[dialect]?.test(sql)) return undefined;
  const out: SqlStatement[] = [];
  let recognised = false;
  const tryParse = (text: string): SqlStatement[] | undefined => {
    try {
      return parse(text);
    } catch (err) {
      if (err instanceof RangeError) throw err;
      return undefined;
    }
  };
  for (const chunk of splitStatements(sql, dialect)) {
    const r = recognise(chunk, dialect);
    if (r && 'stmt' in r) {
      out.push(r.stmt);
      recognised = true;
      continue;
    }
    const parsed = tryParse(r ? r.reparse : chunk.text);
    if (!parsed) return undefined;
    if (r) recognised = true;
    out.push(...(r?.wrap ? r.wrap(parsed, chunk.text) : parsed));
  }
  return recognised ? out : undefined;
}
