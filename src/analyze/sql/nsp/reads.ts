// The tables and columns a node-sql-parser statement reads, for the credential check
// (credentials.ts), with the statement's subqueries, CTEs and the queries of CREATE … AS and views.
// `defaultDb` is the database a `USE` earlier in the batch made current (`USE mysql; … FROM user`).
import { credentialFunction, credentialRead, type ColumnRead, type TableRead } from '../credentials.js';
import { checkDepth } from '../limits.js';
import { nspColumnName } from './refs.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

const lower = (x: unknown) => (typeof x === 'string' && x !== '' ? x.toLowerCase() : undefined);

/** A function's name (`{ name: [{ value }] }` or a string), lower-case. */
function functionName(node: Node): string {
  const n = node.name;
  if (typeof n === 'string') return n.toLowerCase();
  const parts = isNode(n) && Array.isArray(n.name) ? n.name : [];
  const last = parts[parts.length - 1];
  return isNode(last) && typeof last.value === 'string' ? last.value.toLowerCase() : '';
}

interface Reads {
  tables: TableRead[];
  columns: ColumnRead[];
  functions: string[];
}

function collect(node: unknown, defaultDb: string | undefined, out: Reads, depth: number): void {
  checkDepth(depth);
  if (Array.isArray(node)) {
    for (const n of node) collect(n, defaultDb, out, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  if (node.type === 'column_ref') {
    const name = nspColumnName(node);
    if (name) out.columns.push({ name: name.toLowerCase(), ...(lower(node.table) ? { qualifier: lower(node.table) } : {}) });
    return;
  }
  if (node.type === 'function') {
    const args = isNode(node.args) && Array.isArray(node.args.value) ? node.args.value : [];
    const found = credentialFunction(
      functionName(node),
      args.map((a) => (isNode(a) && typeof a.value === 'string' ? a.value : undefined)),
    );
    if (found) out.functions.push(found);
  } else if (typeof node.table === 'string' && !('column' in node)) {
    // A table in a FROM, JOIN or target list: `{ db, schema, table, as }`.
    const db = lower(node.db) ?? (node.schema == null ? defaultDb : undefined);
    const parts = [db, lower(node.schema), node.table.toLowerCase()].filter((p): p is string => p !== undefined);
    out.tables.push({ parts, ...(lower(node.as) ? { alias: lower(node.as) } : {}) });
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') collect(v, defaultDb, out, depth + 1);
}

/** The credential a statement reads, or undefined. */
export function nspCredentialRead(node: unknown, defaultDb: string | undefined): string | undefined {
  const reads: Reads = { tables: [], columns: [], functions: [] };
  collect(node, defaultDb, reads, 0);
  return reads.functions[0] ?? credentialRead(reads.tables, reads.columns);
}
