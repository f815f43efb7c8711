// Brace expansion (`rm -rf {a,b}` is `rm -rf a b`), bounded. The rules judge the words it makes
// (rules/shell/paths.ts); past the bounds those words would be a truncated list, so the IR
// reports the word as too large (limits.expansion_too_large) instead: a limit never lets part of
// a word through unjudged.
import type { Word } from '../../core/ir.js';

/** Most words one brace expansion may make. */
export const MAX_BRACE_WORDS = 64;
/** Most brace groups expanded one inside or after another (`{,}{,}{,}` is three rounds). */
export const MAX_BRACE_ROUNDS = 8;

/** A comma list in braces with no braces or `$` inside, not `${`. */
const GROUP = /(^|[^$])\{([^{}$]*,[^{}$]*)\}/;

export interface BraceWords {
  words: string[];
  /** False when a bound was reached: `words` is then only part of what the shell makes. */
  complete: boolean;
}

/** The words brace expansion makes of `word` (the word itself when it has no brace list). */
export function braceWords(word: Word): BraceWords {
  let out = [word.value];
  if (word.static || !word.value.includes('{')) return { words: out, complete: true };
  for (let round = 0; round < MAX_BRACE_ROUNDS; round++) {
    const next: string[] = [];
    let changed = false;
    for (const v of out) {
      const m = GROUP.exec(v);
      if (!m) {
        next.push(v);
        continue;
      }
      changed = true;
      const start = m.index + m[1]!.length;
      for (const alt of m[2]!.split(',')) next.push(v.slice(0, start) + alt + v.slice(start + m[2]!.length + 2));
    }
    if (next.length > MAX_BRACE_WORDS) return { words: next.slice(0, MAX_BRACE_WORDS), complete: false };
    out = next;
    if (!changed) return { words: out, complete: true };
  }
  return { words: out, complete: !out.some((v) => GROUP.test(v)) };
}
