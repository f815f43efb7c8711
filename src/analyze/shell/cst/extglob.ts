// Extended globs (`@(bin|share)`, `!(*.txt)`, `+(x)`): bash reads them as one pattern word when
// extglob is on (set by an earlier line or the shell's profile); tree-sitter reads `@` and a
// subshell and reports an error. When a script fails to parse only because of them, it is parsed
// again with each group masked as a plain word of the same length, so every offset stays put and
// the converter reads the original text. Without extglob bash refuses the line, so reading the
// group as a glob never misses what runs. The word then carries a glob at least as wide as the
// group (`@(a|b)` → `{a,b}`, anything else → `*`) for the rules that judge paths.
import type { Parser, Tree } from 'web-tree-sitter';
import { parseBash } from '../parser.js';
import type { WordBuilder } from './words.js';

/** One group: an operator, then `(…)` holding plain pattern text and `|` (no blanks, quotes or expansions). */
const GROUP = /[?*+@!]\(([^()\s'"`$\\;&<>{}]+)\)/g;

/** True when unquoted word text holds an extglob group. */
export function hasExtglob(text: string): boolean {
  GROUP.lastIndex = 0;
  return GROUP.test(text);
}

/** The script with every unquoted extglob group replaced by `_` characters (same length), or null when there is none. */
function masked(text: string): string | null {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (c === "'" || c === '"' || c === '`') {
      // Quoted text is no pattern: copy it as it is.
      const end = c === "'" ? text.indexOf(c, i + 1) : closingQuote(text, i);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (text.startsWith('$((', i) || text.startsWith('((', i) || text.startsWith('$[', i)) {
      // Arithmetic is no pattern either (`$((a*(b)))`, `$[!(x)]`): copy it to its closing bracket.
      const stop = closingBracket(text, text[i] === '$' ? i + 1 : i);
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else {
      GROUP.lastIndex = i;
      const m = GROUP.exec(text);
      if (m && m.index === i && text[i - 1] !== '$') {
        out += '_'.repeat(m[0].length);
        i += m[0].length;
        changed = true;
      } else {
        out += c;
        i++;
      }
    }
  }
  return changed ? out : null;
}

/** The index just past the bracket closing the one at `open` (`(` or `[`, nesting), or the end of the text. */
function closingBracket(text: string, open: number): number {
  const close = text[open] === '[' ? ']' : ')';
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === text[open]) depth++;
    else if (text[k] === close && --depth === 0) return k + 1;
  }
  return text.length;
}

function closingQuote(text: string, open: number): number {
  for (let k = open + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === text[open]) return k;
  }
  return -1;
}

/**
 * Parses `text`; when the tree has errors and the script holds extglob groups, parses it again with
 * the groups masked and keeps that tree if it has none. Null when the step budget ran out.
 */
export function parseReadingExtglob(parser: Parser, text: string, maxSteps: number): Tree | null {
  const tree = parseBash(parser, text, maxSteps);
  if (!tree?.rootNode.hasError) return tree;
  const other = masked(text);
  if (other === null) return tree;
  const again = parseBash(parser, other, maxSteps);
  if (!again || again.rootNode.hasError) {
    again?.delete();
    return tree;
  }
  tree.delete();
  return again;
}

/** Unquoted word text with extglob groups written as the glob they are judged as. */
export function extglobText(b: WordBuilder, text: string, plain: (b: WordBuilder, text: string) => void): void {
  GROUP.lastIndex = 0;
  let pos = 0;
  for (let m = GROUP.exec(text); m; m = GROUP.exec(text)) {
    plain(b, text.slice(pos, m.index));
    const alts = m[1]!.split('|');
    if (m[0][0] === '@' && alts.length > 1) b.literal(`{${alts.join(',')}}`, true);
    else if (m[0][0] === '@') b.literal(alts[0]!, true);
    else b.literal('*', true);
    pos = m.index + m[0].length;
  }
  plain(b, text.slice(pos));
}
