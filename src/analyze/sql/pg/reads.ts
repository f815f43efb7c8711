// The tables and columns a PostgreSQL statement reads, for the credential check (credentials.ts).
// Statements nested inside (data-modifying CTEs, function bodies) are built and checked on their
// own; subqueries, CTEs and the queries of CREATE … AS, views, COPY and cursors are this one's.
import { credentialRead, type ColumnRead, type TableRead } from '../credentials.js';
import { checkDepth } from '../limits.js';
import { isPgStatementType } from './kinds.js';
import { strings, unwrap } from './expr.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** A RangeVar's body (`relation` fields hold it unwrapped) as a table read. */
function tableOf(b: Node): TableRead {
  const parts = [b.catalogname, b.schemaname, b.relname].filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase());
  const alias = isNode(b.alias) && typeof b.alias.aliasname === 'string' ? b.alias.aliasname.toLowerCase() : undefined;
  return { parts, ...(alias ? { alias } : {}) };
}

const bareRangeVar = (x: unknown): x is Node => isNode(x) && typeof x.relname === 'string';

function collect(node: unknown, tables: TableRead[], columns: ColumnRead[], depth: number): void {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) collect(n, tables, columns, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  const u = unwrap(node);
  // Node types are capitalised; anything else is an unwrapped body (`withClause: { ctes }`, `relation`).
  if (!u || !/^[A-Z]/.test(u[0])) return visit(node, tables, columns, depth);
  const [type, b] = u;
  if (isPgStatementType(type) && type !== 'SelectStmt') return; // a statement of its own
  if (type === 'RangeVar') tables.push(tableOf(b));
  else if (type === 'ColumnRef') {
    const fields = asArray(b.fields);
    const names = strings(fields).map((n) => n.toLowerCase());
    const star = fields.some((f) => unwrap(f)?.[0] === 'A_Star');
    const qualifier = star ? names[names.length - 1] : names[names.length - 2];
    columns.push({ name: star ? '*' : (names[names.length - 1] ?? ''), ...(qualifier !== undefined ? { qualifier } : {}) });
  }
  visit(b, tables, columns, depth);
}

function visit(b: Node, tables: TableRead[], columns: ColumnRead[], depth: number): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === 'relation' && bareRangeVar(v)) tables.push(tableOf(v));
    else if (v && typeof v === 'object') collect(v, tables, columns, depth + 1);
  }
}

/** The credential a statement (its type and body) reads, or undefined. */
export function pgCredentialRead(type: string, b: Node): string | undefined {
  if (type === 'ExplainStmt') return undefined; // plans a query without returning its rows
  const tables: TableRead[] = [];
  const columns: ColumnRead[] = [];
  visit(b, tables, columns, 0);
  // `COPY pg_authid [(cols)] TO …` copies the columns listed, every column without a list.
  if (type === 'CopyStmt' && b.relation != null && !b.is_from) {
    const listed = strings(b.attlist).map((n) => n.toLowerCase());
    columns.push(...(b.attlist == null ? [{ name: '*' }] : listed.map((name) => ({ name }))));
  }
  return credentialRead(tables, columns, true);
}
