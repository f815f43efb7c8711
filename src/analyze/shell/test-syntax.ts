// A syntax check for `[[ … ]]`: tree-sitter accepts conditional expressions bash rejects
// (`[[ -nn x ]]`, `[[ a ==b ]]`, `[[ x & y ]]`, `]]` glued to a word). bash parses `[[ ]]` when
// it reads the line, so a bad one stops the whole line; we must not pretend it runs.

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-ef', '-nt', '-ot']);

/** Splits the inside of `[[ … ]]` into words and operators, as bash's conditional lexer does. */
function tokens(text: string): string[] | null {
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
    if (ch === '&' || ch === '|' || ch === ';') return null;
    if (ch === '(' || ch === ')' || ch === '<' || ch === '>') {
      out.push(ch);
      i++;
      continue;
    }
    // A word: runs to a blank or an operator, over quotes and expansions.
    let j = i;
    let depth = 0;
    while (j < text.length) {
      const c = text[j]!;
      if (c === '\\') j += 2;
      else if (c === "'" || c === '"' || c === '`') {
        const end = skipTo(c, j + 1);
        if (end < 0) return null;
        j = end;
      } else if (c === '$' && (text[j + 1] === '(' || text[j + 1] === '{')) {
        depth++;
        j += 2;
      } else if (depth > 0 && (c === ')' || c === '}')) {
        depth--;
        j++;
      } else if (depth === 0 && (/\s/.test(c) || '&|()<>;'.includes(c))) break;
      else j++;
    }
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
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

  // After `=~` bash reads the regex up to a blank, parentheses and `|` included.
  const regexAt = (): boolean => {
    let depth = 0;
    let any = false;
    while (pos < toks.length) {
      const t = toks[pos]!;
      if (t === '&&' || t === '||') break;
      if (t === '(') depth++;
      else if (t === ')') {
        if (depth === 0) break;
        depth--;
      }
      pos++;
      any = true;
    }
    return any && depth === 0;
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
