// node-sql-parser ASTs (MySQL, MariaDB, SQLite, T-SQL, BigQuery) → SqlStatement. Statement types
// this file does not know become `unknownStatement` failures: we never guess what a node means.
import type { SqlKind, SqlStatement } from '../../../core/ir.js';
import { hasOrTautology } from '../fold.js';
import { checkDepth } from '../limits.js';
import { nspColumnName, nspExpr, nspFunctionName, type NspExprContext } from './expr.js';
import type { NspDialect, NspParser } from './load.js';
import { unionShape } from '../injection.js';
import { nspCredentialRead } from './reads.js';
import { restriction, upsertEveryRow } from './rows.js';
import { failure, markFunction, objectName, statement } from '../statement.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);

interface Ctx {
  dialect: NspDialect;
  parser: NspParser;
  /** The whole input, the evidence of last resort. */
  source: string;
  /** The input is this one statement: its text is the source, no need to regenerate it. */
  single?: unknown;
  /** The database an earlier `USE` in the batch made current. */
  defaultDb?: string;
}

/** The statements of a parse result, unwrapping T-SQL's `{stmt}` and `{ast, go_next}` wrappers. */
export function topLevelNodes(ast: unknown, depth = 0): unknown[] {
  checkDepth(depth);
  if (Array.isArray(ast)) return ast.flatMap((a) => topLevelNodes(a, depth + 1));
  if (isNode(ast) && typeof ast.type !== 'string') {
    if ('stmt' in ast) return topLevelNodes(ast.stmt, depth + 1);
    if ('ast' in ast) return [...topLevelNodes(ast.ast, depth + 1), ...topLevelNodes(ast.go_next ?? [], depth + 1)];
  }
  return [ast];
}

function textOf(node: unknown, ctx: Ctx): string {
  if (node === ctx.single) return ctx.source;
  try {
    return ctx.parser.sqlify(node, { database: ctx.dialect });
  } catch {
    return ctx.source;
  }
}

/** `db.table` names from the many table-ish shapes (`{db, table}`, `{table: {table}}`, strings, `{schema: [...]}`). */
function tableNames(x: unknown, depth = 0): string[] {
  checkDepth(depth);
  if (typeof x === 'string') return [x.toLowerCase()];
  if (Array.isArray(x)) return x.flatMap((i) => tableNames(i, depth + 1));
  if (!isNode(x)) return [];
  if (typeof x.table === 'string') return [objectName(typeof x.db === 'string' ? x.db : undefined, x.table)];
  if (isNode(x.table)) return tableNames(x.table, depth + 1);
  if (x.type === 'column_ref') return [nspColumnName(x)?.toLowerCase() ?? ''].filter(Boolean);
  for (const k of ['schema', 'db', 'name', 'view', 'trigger', 'index']) {
    const v = x[k];
    if (typeof v === 'string') return [v.toLowerCase()];
    if (Array.isArray(v)) return v.map((p) => (isNode(p) && typeof p.value === 'string' ? p.value.toLowerCase() : '')).filter(Boolean);
    if (isNode(v)) return tableNames(v, depth + 1);
  }
  if (typeof x.value === 'string') return [x.value.toLowerCase()];
  return [];
}

const SIMPLE_KINDS: Record<string, SqlKind> = {
  show: 'show',
  desc: 'show',
  describe: 'show',
  explain: 'explain',
  transaction: 'transaction',
  use: 'set',
  declare: 'set',
  rename: 'alter',
  comment: 'alter',
  lock: 'other',
  analyze: 'other',
  unlock: 'other',
  if: 'other',
};

function baseStatement(node: Node, ctx: Ctx, exprCtx: NspExprContext): SqlStatement | undefined {
  const type = String(node.type).toLowerCase();
  const text = textOf(node, ctx);
  const kw = typeof node.keyword === 'string' ? node.keyword.toLowerCase() : undefined;
  switch (type) {
    case 'select': {
      const s = statement('select', text, { targets: tableNames(node.from) });
      const into = isNode(node.into) ? node.into : undefined;
      const intoKw = typeof into?.keyword === 'string' ? into.keyword.toUpperCase() : '';
      if (intoKw === 'OUTFILE' || intoKw === 'DUMPFILE') s.facts.serverFile = `SELECT … INTO ${intoKw}`;
      else if (into && typeof into.expr === 'string') s.facts.selectInto = true; // T-SQL creates a table
      if (typeof node.locking_read === 'string' && node.locking_read !== '') s.facts.locking = true;
      return s;
    }
    case 'insert':
    case 'replace': {
      const s = statement('insert', text, { targets: tableNames(node.table) });
      const upsert = upsertEveryRow(node, exprCtx);
      if (upsert) s.facts.upsertEveryRow = upsert;
      return s;
    }
    case 'update':
    case 'delete': {
      const r = restriction(node, type, exprCtx);
      const top = asArray(node.table).some((t) => isNode(t) && isNode(t.expr) && nspFunctionName(t.expr) === 'top');
      const targets = tableNames(node.table).filter((n) => n !== 'top');
      return statement(type, text, {
        targets: targets.length > 0 ? targets : tableNames(node.from),
        hasWhere: r.hasWhere,
        whereTautology: r.scope !== undefined,
        hasLimit: node.limit != null || top,
        ...(r.scope === 'rowIndependent' || r.scope === 'notNull' ? { facts: { rowScope: r.scope } } : {}),
      });
    }
    case 'truncate':
      return statement('truncate', text, { targets: tableNames(node.name), objectType: kw ?? 'table' });
    case 'drop':
      return statement('drop', text, { targets: tableNames(node.name), objectType: kw ?? 'unknown' });
    case 'alter': {
      const s = statement('alter', text, { targets: tableNames(node.table), objectType: kw ?? 'table' });
      const drops = asArray(node.expr).filter((e) => isNode(e) && String(e.action).toLowerCase() === 'drop');
      if (drops.length > 0) {
        s.facts.alterDrop = drops.map((e) => (isNode(e) ? String(e.resource ?? e.keyword ?? 'column').toLowerCase() : ''));
      }
      alterStorageFacts(node, s);
      return s;
    }
    case 'create': {
      if (kw === 'user' || kw === 'role') {
        return statement('role', text, { objectType: kw, facts: { roleAction: 'create', createsLogin: kw === 'user' } });
      }
      const s = statement('create', text, {
        targets: tableNames(node.table ?? node.view ?? node.database ?? node.index),
        objectType: kw ?? 'unknown',
      });
      // `CREATE OR REPLACE TABLE` drops the table it replaces, with its data.
      if (kw === 'table' && /replace/i.test(String(node.replace ?? ''))) s.facts.replacesTable = true;
      return s;
    }
    case 'grant':
      return grantStatement(node, text);
    case 'set':
      return setStatement(node, text);
    case 'call':
    case 'exec': {
      const callee = type === 'call' && isNode(node.expr) ? nspFunctionName(node.expr) : tableNames(node.module).join('.');
      const s = statement('call', text, { targets: [callee], facts: { callee } });
      markFunction(s, callee);
      if (callee.startsWith('@')) {
        // `EXEC @proc`: the procedure's name is a variable's run-time value.
        s.dynamic = true;
        s.facts.dynamicReason = `EXEC of the procedure named by ${callee}, known only at run time`;
      }
      return s;
    }
    case 'load_data':
      return statement('copy', text, { targets: tableNames(node.table), facts: { serverFile: 'LOAD DATA INFILE', copyDirection: 'from' } });
    case 'attach':
      return statement('pragma', text, { facts: { attach: isNode(node.expr) ? String(node.expr.value ?? '') : 'unknown' } });
    case 'assign':
      return undefined; // T-SQL's reading of words it does not know
    default: {
      const kind = SIMPLE_KINDS[type];
      return kind ? statement(kind, text, { facts: { statementType: type } }) : undefined;
    }
  }
}

/** Storage engines that lose the rows they are given: at once (BLACKHOLE) or at the next restart (MEMORY). */
const DISCARDING_ENGINES: Record<string, string> = {
  blackhole: 'ENGINE=BLACKHOLE discards every row the table holds and every row written to it',
  memory: 'ENGINE=MEMORY keeps the rows only until the server restarts',
  heap: 'ENGINE=HEAP (MEMORY) keeps the rows only until the server restarts',
};

/** MySQL `ALTER TABLE` clauses that empty the table without saying DELETE: an engine that discards rows, TRUNCATE PARTITION. */
function alterStorageFacts(node: Node, s: SqlStatement): void {
  for (const e of asArray(node.expr).filter(isNode)) {
    const engine =
      String(e.resource ?? '').toLowerCase() === 'engine' ? DISCARDING_ENGINES[String(e.engine ?? '').toLowerCase()] : undefined;
    if (engine) s.facts.discardingEngine = engine;
    if (String(e.action).toLowerCase() === 'truncate' && String(e.resource).toLowerCase() === 'partition') {
      const parts = asArray(e.partitions).map((p) => (isNode(p) && isNode(p.expr) ? nspColumnName(p.expr) : undefined));
      s.facts.truncatePartitions = parts.includes('*') ? 'all' : parts.filter((p): p is string => Boolean(p));
    }
  }
}

/** Variables whose change alters how MySQL reads the statements that follow. */
const LEXING_VARIABLES = new Set(['sql_mode', 'character_set_client', 'character_set_connection']);

/** `SET [GLOBAL|SESSION] v = …`, `SET @@GLOBAL.v = …`: server-wide scopes and lexing changes. */
function setStatement(node: Node, text: string): SqlStatement {
  const s = statement('set', text);
  const keyword = typeof node.keyword === 'string' ? node.keyword.toLowerCase() : '';
  for (const e of asArray(node.expr)) {
    const left = isNode(e) && isNode(e.left) ? e.left : {};
    const parts = [left.name, ...asArray(left.members)].map((p) => String(p ?? '').toLowerCase());
    const scope = parts.length > 1 ? parts[0] : keyword;
    const variable = parts[parts.length - 1] ?? '';
    if (scope === 'global' || scope === 'persist' || scope === 'persist_only')
      s.facts.serverConfig = `SET ${scope.toUpperCase()} ${variable}`;
    if (LEXING_VARIABLES.has(variable)) s.facts.changesSqlMode = true;
  }
  return s;
}

function privName(o: unknown): string {
  const p = isNode(o) && isNode(o.priv) ? o.priv.value : undefined;
  return typeof p === 'string' ? p.toLowerCase() : '';
}

function grantStatement(node: Node, text: string): SqlStatement {
  const revoke = String(node.to_from ?? '').toUpperCase() === 'FROM';
  const privileges = asArray(node.objects).map(privName);
  const levels = isNode(node.on) ? asArray(node.on.priv_level) : [];
  const grantees = asArray(node.user_or_roles).map((u) => (isNode(u) && isNode(u.name) ? String(u.name.value ?? '').toLowerCase() : ''));
  const s = statement(revoke ? 'revoke' : 'grant', text, {
    targets: levels.map((l) => (isNode(l) ? objectName(String(l.prefix ?? ''), String(l.name ?? '')) : '')),
  });
  s.facts.privileges = privileges;
  if (privileges.some((p) => p === 'all' || p === 'all privileges')) s.facts.grantAll = true;
  if (node.keyword === 'role') s.facts.grantRoles = privileges;
  if (levels.some((l) => isNode(l) && l.name === '*')) s.facts.grantOnAll = true;
  if (grantees.includes('public')) s.facts.grantToPublic = true;
  const w = isNode(node.with) ? String(node.with.value ?? '') : '';
  if (/grant option/i.test(w)) s.facts.grantOption = true;
  return s;
}

/**
 * Facts from anywhere inside a statement: dangerous function calls, injection shapes in every
 * SELECT, and statements nested inside (trigger bodies, T-SQL IF branches, CTEs).
 */
function scanInside(node: unknown, s: SqlStatement, ctx: Ctx, exprCtx: NspExprContext, nestDepth: number, depth = 0): void {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) scanInside(n, s, ctx, exprCtx, nestDepth, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  if ('ast' in node && depth > 0) {
    for (const inner of topLevelNodes(node.ast)) {
      if (isNode(inner) && inner.type === 'select') scanInside(inner, s, ctx, exprCtx, nestDepth, depth + 1);
      else s.nested.push(...buildOne(inner, ctx, nestDepth + 1, 'nested statement'));
    }
    return;
  }
  if (node.type === 'function') {
    markFunction(s, nspFunctionName(node));
  }
  if (node.type === 'select') selectShapes(node, s, exprCtx);
  for (const [k, v] of Object.entries(node))
    if (k !== 'loc' && v && typeof v === 'object') scanInside(v, s, ctx, exprCtx, nestDepth, depth + 1);
}

function selectShapes(node: Node, s: SqlStatement, exprCtx: NspExprContext): void {
  for (const clause of [node.where, node.having]) {
    if (clause != null && hasOrTautology(nspExpr(clause, exprCtx), exprCtx.dialect)) s.facts.orTautology = true;
  }
  if (node._next == null || node.set_op == null) return;
  const branches: { tables: string[]; columns: { isNull: boolean; name?: string }[] }[] = [];
  for (let b: unknown = node, i = 0; isNode(b) && i < 1000; b = b._next, i++) {
    const columns = asArray(b.columns).map((c) => {
      const e = isNode(c) && isNode(c.expr) ? c.expr : undefined;
      const name = e?.type === 'column_ref' ? nspColumnName(e) : undefined;
      return { isNull: e?.type === 'null', ...(name ? { name } : {}) };
    });
    branches.push({ tables: tableNames(b.from), columns });
  }
  Object.assign(s.facts, unionShape(branches));
}

function buildOne(node: unknown, ctx: Ctx, nestDepth: number, via?: string): SqlStatement[] {
  const exprCtx: NspExprContext = { dialect: ctx.dialect };
  if (!isNode(node) || typeof node.type !== 'string') {
    return [failure('unknownStatement', 'the parser returned a statement shape seatbelt does not know', ctx.source)];
  }
  const s = baseStatement(node, ctx, exprCtx);
  if (!s) {
    const why =
      node.type === 'assign' ? `the ${ctx.dialect} parser did not recognise this statement` : `unknown statement type '${node.type}'`;
    return [failure('unknownStatement', why, textOf(node, ctx))];
  }
  if (via) s.facts.via = via;
  if (node.type === 'use' && typeof node.db === 'string') ctx.defaultDb = node.db.toLowerCase();
  scanInside(node, s, ctx, exprCtx, nestDepth);
  if (node.type !== 'explain') {
    const credential = nspCredentialRead(node, ctx.defaultDb);
    if (credential) s.facts.credentialRead = credential;
  }
  if (exprCtx.ambiguous) s.facts.ambiguous = exprCtx.ambiguous;
  return [s];
}

export function buildNspStatements(ast: unknown, dialect: NspDialect, parser: NspParser, source: string): SqlStatement[] {
  const nodes = topLevelNodes(ast);
  const ctx: Ctx = { dialect, parser, source, ...(nodes.length === 1 ? { single: nodes[0] } : {}) };
  return markSqlModeChanges(nodes.flatMap((n) => buildOne(n, ctx, 0)));
}

/** A sql_mode change (e.g. NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT) changes how MySQL reads what follows. */
export function markSqlModeChanges(out: SqlStatement[]): SqlStatement[] {
  out.forEach((s, i) => {
    if (s.facts.changesSqlMode && i < out.length - 1) {
      s.facts.ambiguous =
        'changing sql_mode or the client character set changes how MySQL reads the statements after it, which the parser cannot follow';
    }
  });
  return out;
}
