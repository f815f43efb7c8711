// The bounds the SQL analyser works within. Anything past them is refused (fail closed), never
// analysed halfway.

/** Largest input analysed, in UTF-8 bytes. Larger input is refused: split it. */
export const MAX_SQL_BYTES = 256 * 1024;

/** Deepest AST / expression nesting our own walkers follow. */
export const MAX_DEPTH = 400;

/** Deepest chain of SQL inside SQL (`DO` bodies holding `EXECUTE '…'` holding …). */
export const MAX_NESTING = 8;

/** Thrown by our walkers past MAX_DEPTH; caught by analyzeSql and turned into `sql.too_deep`. */
export class TooDeepError extends Error {
  constructor() {
    super(`nesting deeper than ${MAX_DEPTH} levels`);
    this.name = 'TooDeepError';
  }
}

export function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) throw new TooDeepError();
}
