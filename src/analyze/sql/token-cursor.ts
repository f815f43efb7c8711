// What the plain SQL readers share (pg/plain-parse.ts, nsp/plain-mysql.ts): a sticky match, the
// signal that a text is beyond a reader's subset, and a cursor over a reader's tokens.

/** The match of sticky `re` at `i` (no copy of the rest of the text: the scan stays linear). */
export function at(re: RegExp, s: string, i: number): string | null {
  re.lastIndex = i;
  return re.exec(s)?.[0] ?? null;
}

/** Blanks between tokens: neither reader takes a comment, `\f` or `\v` (each parser has its own). */
export const BLANKS = /[ \t\n\r]*/y;

/**
 * Declines a text with anything but printable ASCII, tabs and line breaks, or with a backslash: byte
 * offsets stay character offsets, and no string escape is left to read.
 */
export function plainAscii(sql: string): void {
  if (!/^[\t\n\r\x20-\x5b\x5d-\x7e]*$/.test(sql)) decline();
}

/** Thrown where a text leaves a plain reader's subset; the reader then gives the text to the parser. */
export class Declined extends Error {}

export function decline(): never {
  throw new Declined();
}

/** What `read` returns, or undefined when it declines. */
export function unlessDeclined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof Declined) return undefined;
    throw err;
  }
}

/** A word carries its `key` (the form the grammar compares: lower- or upper-case), an operator its `op`. */
export interface CursorToken {
  kind: string;
  key?: string;
  op?: string;
}

/** Reads tokens front to back; a token other than the one required declines. */
export class TokenCursor<T extends CursorToken> {
  protected i = 0;
  constructor(protected readonly tokens: T[]) {}

  protected get t(): T {
    return this.tokens[this.i]!;
  }
  protected isWord(key: string, ahead = 0): boolean {
    const t = this.tokens[this.i + ahead];
    return t?.kind === 'word' && t.key === key;
  }
  protected isOp(op: string): boolean {
    const t = this.t;
    return t.kind === 'op' && t.op === op;
  }
  /** The next token, which must be the word `key`. */
  protected word(key: string): T {
    if (!this.isWord(key)) decline();
    return this.tokens[this.i++]!;
  }
  protected takeWord(key: string): boolean {
    if (!this.isWord(key)) return false;
    this.i++;
    return true;
  }
  /** The next token, which must be the operator `op`. */
  protected op(op: string): T {
    if (!this.isOp(op)) decline();
    return this.tokens[this.i++]!;
  }
  protected takeOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }
  /** `item`, one or more times, separated by commas. */
  protected list<U>(item: () => U): U[] {
    const out = [item()];
    while (this.takeOp(',')) out.push(item());
    return out;
  }
}
