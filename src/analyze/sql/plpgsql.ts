// DO blocks and function bodies. PL/pgSQL is parsed with libpg-query's parsePlPgSQL and every SQL
// statement and expression inside is analysed as nested SQL. EXECUTE of a constant string is
// analysed too; EXECUTE of anything built at run time (`'DROP ' || t`, `format(…)`) is dynamic.
import type { SqlStatement } from '../../core/ir.js';
import { fold } from './fold.js';
import { checkDepth } from './limits.js';
import { defValue, pgExpr, unwrap } from './pg/expr.js';
import { pgStatementsFromSql, type PgCtx } from './pg/ir.js';
import { failure } from './statement.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Languages whose bodies run native code or programs on the server. */
function runsNativeCode(lang: string): boolean {
  return /u$/.test(lang) || ['c', 'internal', 'plsh', 'plr', 'pljava'].includes(lang);
}

/** PL/pgSQL nodes that execute a query text computed at run time, and the field holding it. */
const DYNAMIC: Record<string, string> = {
  PLpgSQL_stmt_dynexecute: 'query',
  PLpgSQL_stmt_dynfors: 'query',
  PLpgSQL_stmt_open: 'dynquery',
  PLpgSQL_stmt_return_query: 'dynquery',
};

/** `x := expr`, `rec.f[1] = expr` → `expr`. */
const ASSIGNMENT = /^\s*[A-Za-z_"][\w$"]*(\s*\.\s*[A-Za-z_"][\w$"]*)*(\s*\[[^\]]*\])*\s*:?=\s*([\s\S]*)$/;

function exprQuery(expr: unknown): { query: string; mode: number } | undefined {
  const u = unwrap(expr);
  if (!u || u[0] !== 'PLpgSQL_expr' || typeof u[1].query !== 'string') return undefined;
  return { query: u[1].query, mode: typeof u[1].parseMode === 'number' ? u[1].parseMode : 0 };
}

/** The SQL text a PL/pgSQL expression stands for, as a statement libpg-query can parse. */
function asStatement(query: string, mode: number): string | undefined {
  if (mode === 0) return query;
  if (mode === 2) return `SELECT ${query}`;
  const m = ASSIGNMENT.exec(query);
  return m ? `SELECT ${m[3]}` : undefined;
}

/** The value of a run-time query expression when it is a constant string, else undefined. */
function constantString(query: string, ctx: PgCtx): string | undefined {
  try {
    const stmt = ctx.lib.parseSync(`SELECT ${query}`).stmts?.[0]?.stmt;
    const select = unwrap(stmt);
    const target = select && Array.isArray(select[1].targetList) ? unwrap(select[1].targetList[0]) : undefined;
    const v = target ? fold(pgExpr(target[1].val), 'postgresql') : undefined;
    return typeof v === 'string' ? v : undefined;
  } catch (err) {
    if (err instanceof RangeError) throw err;
    return undefined;
  }
}

function dynamic(s: SqlStatement, query: string, via: string, ctx: PgCtx): void {
  const constant = constantString(query, ctx);
  if (constant !== undefined) {
    s.nested.push(...pgStatementsFromSql(constant, { ...ctx, nestDepth: ctx.nestDepth + 1 }, `EXECUTE in ${via}`));
    return;
  }
  s.dynamic = true;
  s.facts.dynamicReason = `EXECUTE ${query.replace(/\s+/g, ' ').slice(0, 80)} in ${via}: the SQL is built at run time`;
}

function walk(node: unknown, s: SqlStatement, via: string, ctx: PgCtx, depth: number): void {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) walk(n, s, via, ctx, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'PLpgSQL_expr') {
      const q = exprQuery(node);
      const sql = q && asStatement(q.query, q.mode);
      if (sql === undefined) s.nested.push(failure('parseError', `cannot read the PL/pgSQL expression in ${via}`, q?.query ?? ''));
      else s.nested.push(...pgStatementsFromSql(sql, { ...ctx, nestDepth: ctx.nestDepth + 1 }, via));
      continue;
    }
    const dynField = DYNAMIC[k];
    if (dynField && isNode(v)) {
      const q = exprQuery(v[dynField]);
      if (q) dynamic(s, q.query, via, ctx);
      for (const [k2, v2] of Object.entries(v)) if (k2 !== dynField) walk(v2, s, via, ctx, depth + 1);
      continue;
    }
    if (v && typeof v === 'object') walk(v, s, via, ctx, depth + 1);
  }
}

function analysePlpgsql(functionSql: string, s: SqlStatement, via: string, ctx: PgCtx): void {
  let tree: unknown;
  try {
    tree = ctx.lib.parsePlPgSQLSync(functionSql);
  } catch (err) {
    if (err instanceof RangeError) throw err;
    s.nested.push(
      failure('parseError', `PL/pgSQL cannot parse the ${via}: ${err instanceof Error ? err.message : String(err)}`, functionSql),
    );
    return;
  }
  walk(tree, s, via, ctx, 0);
}

function opaqueBody(s: SqlStatement, lang: string, via: string): void {
  if (runsNativeCode(lang)) s.facts.codeExecution = `LANGUAGE ${lang}`;
  else {
    s.dynamic = true;
    s.facts.dynamicReason = `a ${via} in LANGUAGE ${lang} cannot be analysed`;
  }
}

/** `DO [LANGUAGE l] $$ … $$`. */
export function doBody(s: SqlStatement, opts: Map<string, unknown>, ctx: PgCtx): void {
  const lang = opts.has('language') ? String(defValue(opts.get('language'))).toLowerCase() : 'plpgsql';
  const body = String(defValue(opts.get('as')));
  if (lang !== 'plpgsql') return opaqueBody(s, lang, 'DO body');
  let tag = 'seatbelt';
  while (body.includes(`$${tag}$`)) tag += '_';
  analysePlpgsql(`CREATE FUNCTION seatbelt_do() RETURNS void LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`, s, 'DO body', ctx);
}

/** `CREATE FUNCTION/PROCEDURE … LANGUAGE l AS '…'`: `raw` is the statement's own SQL text. */
export function functionBody(s: SqlStatement, raw: string, opts: Map<string, unknown>, ctx: PgCtx): void {
  const lang = opts.has('language') ? String(defValue(opts.get('language'))).toLowerCase() : 'sql';
  if (!opts.has('as')) return; // a SQL-standard body (BEGIN ATOMIC …) is parsed already: the generic walk sees it
  if (lang === 'plpgsql') return analysePlpgsql(raw, s, 'function body', ctx);
  if (lang === 'sql') {
    const as = opts.get('as');
    const u = unwrap(as);
    const bodies = u && u[0] === 'List' && Array.isArray(u[1].items) ? u[1].items.map((i) => String(defValue(i))) : [String(defValue(as))];
    for (const body of bodies) s.nested.push(...pgStatementsFromSql(body, { ...ctx, nestDepth: ctx.nestDepth + 1 }, 'function body'));
    return;
  }
  opaqueBody(s, lang, 'function body');
}
