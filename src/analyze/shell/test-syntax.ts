// A syntax check for `[[ … ]]`: tree-sitter accepts conditional expressions bash rejects
// (`[[ -nn x ]]`, `[[ a ==b ]]`, `[[ x & y ]]`, `]]` glued to a word). bash parses `[[ ]]` when
// it reads the line, so a bad one stops the whole line; we must not pretend it runs.

/** Unary operators of `[[ … ]]` (and `test`). */
export const UNARY = new Set([
  '-a',
  '-b',
  '-c',
  '-d',
  '-e',
  '-f',
  '-g',
  '-h',
  '-k',
  '-p',
  '-r',
  '-s',
  '-t',
  '-u',
  '-w',
  '-x',
  '-G',
  '-L',
  '-N',
  '-O',
  '-S',
  '-z',
  '-n',
  '-o',
  '-v',
  '-R',
]);
/** Binary operators of `[[ … ]]`. */
export const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-ef', '-nt', '-ot']);

/** Splits the inside of `[[ … ]]` into words and operators, as bash's conditional lexer does. */
export function tokens(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const skipTo = (close: string, from: number): number => {
    const end = text.indexOf(close, from);
    return end < 0 ? -1 : end + close.length;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      out.push('\n');
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push(two);
      i += 2;
      continue;
    }
    if (out[out.length - 1] === '=~') {
      const end = regexEnd(text, i);
      if (end === null) return null;
      if (end > i) {
        out.push(text.slice(i, end));
        i = end;
        continue;
      }
    }
    if (ch === '&' || ch === '|' || ch === ';') return null;
    if (ch === '(' || ch === ')' || ch === '<' || ch === '>') {
      out.push(ch);
      i++;
      continue;
    }
    // A word: runs to a blank or an operator, over quotes and expansions.
    let j = i;
    // Closers owed inside `$(…)`, `$((…))` and `${…}`, whose own parentheses and braces nest.
    const owed: string[] = [];
    while (j < text.length) {
      const c = text[j]!;
      if (c === '\\') j += 2;
      else if (c === "'" || c === '"' || c === '`') {
        const end = skipTo(c, j + 1);
        if (end < 0) return null;
        j = end;
      } else if (c === '$' && (text[j + 1] === '(' || text[j + 1] === '{')) {
        owed.push(text[j + 1] === '(' ? ')' : '}');
        j += 2;
      } else if (owed.length && (c === '(' || c === '{')) {
        owed.push(c === '(' ? ')' : '}');
        j++;
      } else if (owed.length && c === owed[owed.length - 1]) {
        owed.pop();
        j++;
      } else if (!owed.length && (/\s/.test(c) || '&|()<>;'.includes(c))) break;
      else j++;
    }
    if (owed.length) return null;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * Where the regex after `=~` ends, read as bash reads it: `|` belongs to it, a parenthesised group
 * may hold anything (blanks, `&`, `;`), and outside groups a blank, `&`, `;`, `<`, `>` or an
 * unopened `)` ends it. Null when a group or a quote is never closed.
 */
function regexEnd(text: string, from: number): number | null {
  let depth = 0;
  let j = from;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '\\') j += 2;
    else if (c === "'" || c === '"' || c === '`') {
      const close = text.indexOf(c, j + 1);
      if (close < 0) return null;
      j = close + 1;
    } else if (c === '$' && text[j + 1] === '(') {
      const close = matchingParen(text, j + 1);
      if (close < 0) return null;
      j = close + 1;
    } else if (c === '(') {
      depth++;
      j++;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
      j++;
    } else if (depth === 0 && (/\s/.test(c) || '&;<>'.includes(c))) break;
    else j++;
  }
  return depth === 0 ? Math.min(j, text.length) : null;
}

/** The index of the `)` closing the `(` at `open`, over nested parentheses; -1 when there is none. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

/** True when `source` (the whole `[[ … ]]`) is a well-formed conditional command. */
export function isConditional(source: string): boolean {
  if (!/^\[\[\s/.test(source) || !/\s\]\]$/.test(source)) return false;
  const inner = source.slice(2, -2);
  // `[[ … z*\ ]]`: an escaped blank glues `]]` to the word, so the test never ends.
  if ((/\\*$/.exec(inner.replace(/\s+$/, ''))?.[0].length ?? 0) % 2 === 1) return false;
  const toks = tokens(inner);
  if (!toks || !toks.length) return false;
  let pos = 0;
  const peek = () => toks[pos];
  const word = (t: string | undefined) => t !== undefined && !['&&', '||', '(', ')', '<', '>', '\n'].includes(t);
  // Line breaks may stand around `&&`, `||` and the brackets, not inside a test.
  const skipBreaks = () => {
    while (toks[pos] === '\n') pos++;
  };

  // After `=~` the lexer read the regex as one word (see regexEnd).
  const regexAt = (): boolean => {
    if (!word(peek())) return false;
    pos++;
    return true;
  };

  const primary = (): boolean => {
    skipBreaks();
    const t = peek();
    if (t === '(') {
      pos++;
      if (!or()) return false;
      skipBreaks();
      if (peek() !== ')') return false;
      pos++;
      return true;
    }
    if (t === '!') {
      pos++;
      return primary();
    }
    if (t !== undefined && UNARY.has(t) && (toks[pos + 1] === '<' || toks[pos + 1] === '>')) return false;
    if (t !== undefined && UNARY.has(t) && word(toks[pos + 1])) {
      const next = toks[pos + 2];
      if (!(next !== undefined && (BINARY.has(next) || next === '<' || next === '>'))) {
        pos += 2;
        return true;
      }
    }
    if (!word(t)) return false;
    pos++;
    const op = peek();
    if (op !== undefined && (BINARY.has(op) || op === '<' || op === '>')) {
      pos++;
      if (op === '=~') return regexAt();
      if (!word(peek())) return false;
      pos++;
    }
    return true;
  };
  const and = (): boolean => {
    if (!primary()) return false;
    skipBreaks();
    while (peek() === '&&') {
      pos++;
      if (!primary()) return false;
      skipBreaks();
    }
    return true;
  };
  const or = (): boolean => {
    if (!and()) return false;
    while (peek() === '||') {
      pos++;
      if (!and()) return false;
    }
    return true;
  };
  const ok = or();
  skipBreaks();
  return ok && pos === toks.length;
}
