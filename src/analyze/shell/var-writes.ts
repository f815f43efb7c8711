// Which variables a piece of script may write, how often, and whether only numbers. A loop's
// iterations see what earlier ones wrote, and a function body runs whenever it is called: the
// walk forgets those variables there, but keeps counters that only ever get numbers (`i++`,
// `n=$((n+1))`), so arithmetic on them stays decided.
import type { AstWord, Stmt } from './ast.js';
import { arithmeticAssigns, integerValued } from './arith-eval.js';
import { DECLARATIONS } from './track.js';

export interface Writes {
  /** How often each variable is written; a write in a loop or function body counts twice. */
  counts: Map<string, number>;
  /** False for a variable that may get something other than a number. */
  integer: Map<string, boolean>;
  /** Something may write any variable (`eval`, `source`, a function call, a nameref). */
  anything: boolean;
}

/** Builtins that write the variables named in their arguments. */
const SETS_NAMED = new Set(['read', 'mapfile', 'readarray', 'getopts', 'unset', 'printf', 'wait']);
const ANYTHING = new Set(['eval', 'source', '.']);
const NUMERIC_RANGE = /^\{-?[0-9]+\.\.-?[0-9]+(\.\.-?[0-9]+)?\}$/;

const plain = (name: string) => name.replace(/\+$/, '').replace(/\[.*$/s, '');

export function writesOf(stmts: readonly Stmt[], functions: ReadonlySet<string> = new Set()): Writes {
  const out: Writes = { counts: new Map(), integer: new Map(), anything: false };
  const write = (name: string, integer: boolean, weight: number) => {
    if (!/^[A-Za-z_]\w*$/.test(name)) return;
    out.counts.set(name, (out.counts.get(name) ?? 0) + weight);
    if (!integer) out.integer.set(name, false);
    else if (!out.integer.has(name)) out.integer.set(name, true);
  };
  const evaluated = (words: readonly AstWord[], weight: number) => {
    for (const w of words)
      for (const e of w.evals ?? [])
        if (e.kind === 'arith' || e.kind === 'subscript') for (const n of arithmeticAssigns(e.text)) write(n, true, weight);
  };
  const visit = (s: Stmt, weight: number): void => {
    switch (s.t) {
      case 'cmd': {
        const c = s.cmd;
        evaluated([...c.assignments.map((a) => a.value), ...c.words, ...c.redirects.map((r) => r.target)], weight);
        if (!c.words.length) {
          for (const a of c.assignments) write(plain(a.name), a.name === plain(a.name) && integerValued(a.value.word.raw), weight);
          return;
        }
        const name = c.words[0]!.word.value;
        const args = c.words.slice(1).map((w) => w.word);
        if (!c.words[0]!.word.static || ANYTHING.has(name) || functions.has(name)) out.anything = true;
        else if (name === 'let') {
          for (const a of args) {
            if (!a.static) out.anything = true;
            else for (const n of arithmeticAssigns(a.value)) write(n, true, weight);
          }
        } else if (DECLARATIONS.has(name)) {
          if (args.some((a) => /^-[A-Za-z]*n/.test(a.value))) out.anything = true; // a nameref
          for (const a of args) {
            if (/^[-+]/.test(a.value)) continue;
            const eq = a.value.indexOf('=');
            const raw = a.raw.slice(a.raw.indexOf('=') + 1);
            write(plain(eq < 0 ? a.value : a.value.slice(0, eq)), eq > 0 && integerValued(raw), weight);
          }
        } else if (SETS_NAMED.has(name)) {
          for (const a of args) if (/^[A-Za-z_]\w*$/.test(a.value)) write(a.value, false, weight);
        }
        return;
      }
      case 'pipeline':
        return s.stages.forEach((x) => visit(x, weight));
      case 'list':
        return s.items.forEach((x) => visit(x, weight));
      case 'block':
        evaluated(s.words, weight);
        return s.body.forEach((x) => visit(x, weight));
      case 'if':
        s.clauses.forEach((c) => [...c.cond, ...c.body].forEach((x) => visit(x, weight)));
        return (s.elseBody ?? []).forEach((x) => visit(x, weight));
      case 'loop':
        if (s.variable)
          write(
            s.variable,
            s.words.every((w) => integerValued(w.word.raw) || NUMERIC_RANGE.test(w.word.raw)),
            2 * weight,
          );
        evaluated(s.words, 2 * weight);
        return [...s.cond, ...s.body].forEach((x) => visit(x, 2 * weight));
      case 'case':
        evaluated([s.word], weight);
        return s.items.forEach((i) => i.body.forEach((x) => visit(x, weight)));
      case 'function':
        return s.body.forEach((x) => visit(x, 2 * weight));
    }
  };
  stmts.forEach((s) => visit(s, 1));
  return out;
}
