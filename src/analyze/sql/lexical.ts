// Lexical checks the parsers cannot make for us, run before parsing:
// - Outside MySQL and BigQuery a backslash does not escape a quote, yet node-sql-parser reads
//   `'a\'; DROP TABLE t; -- '` as one string. Such literals are refused: the parser and the
//   database would disagree on where the string ends.
// The scanner only finds literals and comments; it never splits statements. MySQL's executable
// comments (`/*! … */`) are found by executable-comment.ts, whatever the dialect.
import type { Dialect } from '../../core/types.js';

export interface LexicalFinding {
  kind: 'backslashQuote';
  why: string;
  evidence: string;
}

/** True when a quoted literal (quotes included) would end elsewhere if `\` escaped characters. */
export function backslashChangesEnd(literal: string): boolean {
  const quote = literal[0];
  let i = 1;
  while (i < literal.length) {
    const c = literal[i];
    if (c === '\\') i += 2;
    else if (c === quote && literal[i + 1] === quote && i + 1 < literal.length - 1) i += 2;
    else if (c === quote) return i !== literal.length - 1;
    else i += 1;
  }
  return true; // never closed under backslash rules
}

export interface LexRules {
  backslashEscapes: boolean;
  hashComments: boolean;
  nestedBlockComments: boolean;
  brackets: boolean;
}

const RULES: Record<Exclude<Dialect, 'postgresql'>, LexRules> = {
  mysql: { backslashEscapes: true, hashComments: true, nestedBlockComments: false, brackets: false },
  mariadb: { backslashEscapes: true, hashComments: true, nestedBlockComments: false, brackets: false },
  bigquery: { backslashEscapes: true, hashComments: true, nestedBlockComments: false, brackets: false },
  sqlite: { backslashEscapes: false, hashComments: false, nestedBlockComments: false, brackets: true },
  transactsql: { backslashEscapes: false, hashComments: false, nestedBlockComments: true, brackets: true },
};

export function quotedEnd(sql: string, start: number, rules: LexRules): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\\' && rules.backslashEscapes && quote !== '`') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

export function blockCommentEnd(sql: string, start: number, nested: boolean): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth = nested ? depth + 1 : 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth <= 0) return i;
    } else i += 1;
  }
  return sql.length;
}

/** MySQL needs a space after `--` (`1--1` is arithmetic); elsewhere `--` always starts a comment. */
export function lineComment(sql: string, i: number, rules: LexRules, mysql: boolean): boolean {
  if (sql[i] === '#') return rules.hashComments;
  if (!sql.startsWith('--', i)) return false;
  return !mysql || i + 2 >= sql.length || /\s/.test(sql[i + 2] ?? '');
}

/** Lexical findings for the node-sql-parser dialects (PostgreSQL uses its own scanner). */
export function scanLexical(sql: string, dialect: Exclude<Dialect, 'postgresql'>): LexicalFinding[] {
  const rules = RULES[dialect];
  const mysql = dialect === 'mysql' || dialect === 'mariadb';
  if (rules.backslashEscapes) return []; // MySQL, MariaDB, BigQuery: the parser escapes with backslashes too
  const findings: LexicalFinding[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(sql, i, rules);
      const literal = sql.slice(i, end);
      if (!rules.backslashEscapes && c !== '`' && backslashChangesEnd(literal)) {
        findings.push({
          kind: 'backslashQuote',
          why: `a backslash before a quote in ${literal.slice(0, 40)}: ${dialect} does not treat it as an escape, the parser does, so they disagree on where the string ends`,
          evidence: literal,
        });
      }
      i = end;
    } else if (c === '[' && rules.brackets) {
      const end = sql.indexOf(']', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (lineComment(sql, i, rules, mysql)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      i = blockCommentEnd(sql, i, rules.nestedBlockComments);
    } else i += 1;
  }
  return findings;
}

export interface Chunk {
  /** The statement's text as written. */
  text: string;
  /** The same with comments replaced by a space: what a recogniser reads. */
  code: string;
}

/**
 * The input cut at semicolons outside strings, quoted names and comments, by the dialect's own
 * lexical rules. Used only after the parser has refused the whole input: every piece is then
 * recognised or parsed on its own, so a wrong cut can only make a piece unreadable (refused).
 */
export function splitStatements(sql: string, dialect: Exclude<Dialect, 'postgresql'>): Chunk[] {
  const rules = RULES[dialect];
  const mysql = dialect === 'mysql' || dialect === 'mariadb';
  const chunks: Chunk[] = [];
  let text = '';
  let code = '';
  const flush = () => {
    if (code.trim() !== '') chunks.push({ text: text.trim(), code: code.trim() });
    text = '';
    code = '';
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    let end = i + 1;
    let isComment = false;
    if (c === "'" || c === '"' || c === '`') end = quotedEnd(sql, i, rules);
    else if (c === '[' && rules.brackets) {
      const close = sql.indexOf(']', i);
      end = close < 0 ? sql.length : close + 1;
    } else if (lineComment(sql, i, rules, mysql)) {
      const nl = sql.indexOf('\n', i);
      end = nl < 0 ? sql.length : nl + 1;
      isComment = true;
    } else if (sql.startsWith('/*', i)) {
      end = blockCommentEnd(sql, i, rules.nestedBlockComments);
      isComment = true;
    } else if (c === ';') {
      flush();
      i += 1;
      continue;
    }
    text += sql.slice(i, end);
    code += isComment ? ' ' : sql.slice(i, end);
    i = end;
  }
  flush();
  return chunks;
}
