// MySQL runs the inside of `/*! … */` comments as SQL (`/*!50000 … */` on servers from that
// version up; MariaDB also `/*M! … */`). Every other reader, node-sql-parser included, skips them.
// SQL labelled with another dialect may still reach a MySQL server (a wrong label, a proxy, a
// client shared between databases), so they are refused whatever the dialect. They are found the
// way MySQL reads the text — its strings, quoted names and comments — under both backslash modes
// (NO_BACKSLASH_ESCAPES moves where a string ends), so a `/*!` inside a string MySQL sees stays data.
import { blockCommentEnd, lineComment, quotedEnd, type LexRules } from './lexical.js';

const EXECUTABLE = /^\/\*M?!/;

const MYSQL_READING: LexRules[] = [
  { backslashEscapes: true, hashComments: true, nestedBlockComments: false, brackets: false },
  { backslashEscapes: false, hashComments: true, nestedBlockComments: false, brackets: false },
];

/** Where MySQL, lexing with these rules, starts a comment it executes. */
function executableStarts(sql: string, rules: LexRules): number[] {
  const found: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') i = quotedEnd(sql, i, rules);
    else if (lineComment(sql, i, rules, true)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      if (EXECUTABLE.test(sql.slice(i, i + 4))) found.push(i);
      i = blockCommentEnd(sql, i, false);
    } else i += 1;
  }
  return found;
}

/** The executable comments MySQL would find in the text (evidence: each one's start). */
export function executableComments(sql: string): string[] {
  if (!/\/\*M?!/.test(sql)) return []; // nothing to find: skip the scans
  const starts = new Set(MYSQL_READING.flatMap((rules) => executableStarts(sql, rules)));
  return [...starts].sort((a, b) => a - b).map((i) => sql.slice(i, Math.min(sql.length, blockCommentEnd(sql, i, false), i + 80)));
}
