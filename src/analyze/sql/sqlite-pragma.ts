// node-sql-parser's SQLite grammar has no PRAGMA. A lone PRAGMA is common and harmless to read
// (`PRAGMA table_info(t)`), so a single PRAGMA statement — and nothing else, not even a comment —
// is recognised by this tiny grammar. Anything more falls back to the parser's error (refused).
import type { SqlStatement } from '../../core/ir.js';
import { statement } from './statement.js';

const VALUE = String.raw`([A-Za-z0-9_.+-]+|'(?:[^']|'')*')`;
const PRAGMA = new RegExp(
  String.raw`^\s*PRAGMA\s+(?:([A-Za-z_]\w*)\s*\.\s*)?([A-Za-z_]\w*)\s*(?:=\s*${VALUE}|\(\s*${VALUE}\s*\))?\s*;?\s*$`,
  'i',
);

/** Pragmas whose argument names what to read, rather than a value to set. */
const READERS = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_info',
  'index_xinfo',
  'index_list',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
  'pragma_list',
  'function_list',
  'module_list',
  'collation_list',
  'database_list',
  'compile_options',
]);

export function sqlitePragma(sql: string): SqlStatement | undefined {
  const m = PRAGMA.exec(sql);
  if (!m) return undefined;
  const name = (m[2] ?? '').toLowerCase();
  const value = m[3] ?? m[4];
  const s = statement('pragma', sql, { targets: m[1] ? [m[1].toLowerCase()] : [] });
  if (value === undefined) return s;
  if (!READERS.has(name)) s.facts.pragmaWrite = true;
  const setTo = value.replace(/^'|'$/g, '').toLowerCase();
  if (name === 'writable_schema' && !/^(0|off|false|no)$/.test(setTo)) s.facts.writableSchema = true;
  return s;
}
