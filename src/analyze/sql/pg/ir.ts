// libpg-query parse trees → SqlStatement. Statements nested anywhere (data-modifying CTEs, rule
// actions, COPY queries, PREPARE, EXPLAIN ANALYZE, function and DO bodies) become `nested`.
import type { SqlStatement } from '../../../core/ir.js';
import { MAX_NESTING, checkDepth } from '../limits.js';
import { strings, unwrap } from './expr.js';
import { pgFacts } from './facts.js';
import { PG_KINDS, isPgStatementType } from './kinds.js';
import { pgCredentialRead } from './reads.js';
import type { PgLib, PgParseResult } from './load.js';
import { markSetConfig } from './security.js';
import { selectShapes } from './select.js';
import { failure, markFunction, statement } from '../statement.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

export interface PgCtx {
  lib: PgLib;
  /** How many SQL-inside-SQL layers deep we are (DO bodies, EXECUTE of constants). */
  nestDepth: number;
}

/** Parses SQL text with the real PostgreSQL grammar and builds its statements. */
export function pgStatementsFromSql(sql: string, ctx: PgCtx, via?: string): SqlStatement[] {
  if (ctx.nestDepth > MAX_NESTING) return [failure('tooDeep', `SQL nested more than ${MAX_NESTING} levels deep`, sql)];
  let result: PgParseResult;
  try {
    result = ctx.lib.parseSync(sql);
  } catch (err) {
    if (err instanceof RangeError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    if (/memory exhausted|stack depth limit/i.test(why)) return [failure('tooDeep', `the SQL is nested too deeply to parse (${why})`, sql)];
    return [failure('parseError', `PostgreSQL cannot parse this: ${why}`, sql)];
  }
  return pgStatementsFromParse(sql, result, ctx, via);
}

/** The statements of a parse result of `sql` (libpg-query's, or the plain parser's same tree). */
export function pgStatementsFromParse(sql: string, result: PgParseResult, ctx: PgCtx, via?: string): SqlStatement[] {
  const bytes = Buffer.from(sql, 'utf8');
  const out = (result.stmts ?? []).map((raw) => {
    const start = raw.stmt_location ?? 0;
    const text = bytes.subarray(start, raw.stmt_len ? start + raw.stmt_len : bytes.length).toString('utf8');
    return buildPg(raw.stmt, text, ctx, via);
  });
  markBatchFacts(out);
  return out;
}

/** Facts that need the whole batch: EXECUTE of a statement prepared elsewhere; lexing changes. */
function markBatchFacts(stmts: SqlStatement[]): void {
  const prepared = new Set<string>();
  stmts.forEach((s, i) => {
    const { statementType, prepared: name, changesLexing } = s.facts;
    if (statementType === 'PrepareStmt' && name !== undefined) prepared.add(name);
    if (statementType === 'ExecuteStmt' && !prepared.has(String(name))) {
      s.dynamic = true;
      s.facts.dynamicReason = `EXECUTE of prepared statement "${String(name)}", whose text is not in this input`;
    }
    if (changesLexing && i < stmts.length - 1) {
      s.facts.ambiguous = `${changesLexing} changes how the statements after it are read`;
    }
  });
}

const VIA: Record<string, string> = {
  withClause: 'data-modifying CTE',
  actions: 'rule action',
  query: 'nested statement',
  sql_body: 'function body',
  schemaElts: 'CREATE SCHEMA',
  action: 'nested statement',
};

/** Walks a statement body: nested statements, dangerous function calls, SELECT shapes. */
function walk(node: unknown, s: SqlStatement, raw: string, ctx: PgCtx, via: string, depth: number): void {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) walk(n, s, raw, ctx, via, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  const u = unwrap(node);
  if (u && isPgStatementType(u[0])) {
    if (u[0] === 'SelectStmt') selectShapes(u[1], s);
    else {
      s.nested.push(buildPg(node, raw, { ...ctx, nestDepth: ctx.nestDepth + 1 }, via));
      return;
    }
  }
  if (u && u[0] === 'FuncCall') {
    markFunction(s, strings(u[1].funcname).join('.'));
    markSetConfig(s, u[1]);
  }
  for (const [k, v] of Object.entries(node)) {
    if (v && typeof v === 'object') walk(v, s, raw, ctx, VIA[k] ?? via, depth + 1);
  }
}

/** No generic walk into these: their inner statements are handled by pgFacts (or never run). */
const NO_WALK = new Set(['ExplainStmt']);

/** Builds one statement; `text` is the raw SQL it came from (the enclosing statement's, when nested). */
export function buildPg(node: unknown, text: string, ctx: PgCtx, via?: string): SqlStatement {
  if (ctx.nestDepth > MAX_NESTING) return failure('tooDeep', `SQL nested more than ${MAX_NESTING} levels deep`, text);
  const u = unwrap(node);
  if (!u) return failure('unknownStatement', 'the PostgreSQL parser returned a statement shape seatbelt does not know', text);
  const [type, b] = u;
  const kind = PG_KINDS[type];
  if (!kind) return failure('unknownStatement', `seatbelt does not know the PostgreSQL statement ${type}`, text);
  const s = statement(kind, text, { facts: { statementType: type, ...(via ? { via } : {}) } });
  pgFacts(type, b, s, text, ctx);
  const credential = pgCredentialRead(type, b);
  if (credential) s.facts.credentialRead = credential;
  if (type === 'SelectStmt') selectShapes(b, s);
  if (!NO_WALK.has(type)) {
    for (const [k, v] of Object.entries(b)) {
      if (v && typeof v === 'object') walk(v, s, text, ctx, VIA[k] ?? 'nested statement', 1);
    }
  }
  return s;
}
