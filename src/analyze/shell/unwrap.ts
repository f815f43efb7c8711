// Peels wrappers off a command, recursively (`sudo env X=1 nice -n 5 timeout 3 rm …` → `rm`),
// collecting what each wrapper changes: assignments, working folder, unknown input.
import type { Assignment, Undecidable, Word } from '../../core/ir.js';
import { undecidable } from './undecidable.js';
import { WRAPPERS } from './wrappers.js';

export interface Invocation {
  /** The command name: the basename of the word (`/usr/bin/rm` → `rm`), raw kept. */
  name: Word;
  /** The path the program was named by, when the word holds a `/` (`./build.sh`, `/opt/x/bin/tool`). */
  path?: Word;
  args: Word[];
  wrappers: string[];
  assignments: Assignment[];
  fed: boolean;
  placeholders: string[];
  /** Set when a wrapper moves the command: a folder word to resolve, or null when unknown. */
  cwd?: Word | null;
  undecidable: Undecidable[];
}

const MAX_WRAPPERS = 32;

/** `/usr/bin/rm` → `rm`; a word ending in `/` keeps its value. */
export function commandBasename(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash < 0 || slash === value.length - 1 ? value : value.slice(slash + 1);
}

export function nameWord(w: Word): Word {
  // zsh expands `=rm` to the path of rm: a command word `=name` runs name.
  const value = w.static && /^=[^=]/.test(w.value) ? w.value.slice(1) : w.value;
  const named: Word = { value: commandBasename(value), static: w.static, raw: w.raw };
  if (w.glob) named.glob = true;
  if (w.vars) named.vars = w.vars;
  return named;
}

/** Peels wrappers from `words` (name first, non-empty). */
export function peelWrappers(words: Word[], text: string): Invocation {
  const inv: Invocation = {
    name: nameWord(words[0]!),
    args: words.slice(1),
    wrappers: [],
    assignments: [],
    fed: false,
    placeholders: [],
    undecidable: [],
  };
  if (words[0]!.value.includes('/')) inv.path = words[0]!;
  for (let round = 0; round < MAX_WRAPPERS; round++) {
    if (!inv.name.static) return inv;
    const peel = Object.hasOwn(WRAPPERS, inv.name.value) ? WRAPPERS[inv.name.value] : undefined;
    if (!peel) return inv;
    const r = peel(inv.args);
    if (r.kind === 'self') return inv;
    if (r.kind === 'unknown') {
      inv.undecidable.push(
        undecidable(
          'parse.unknown_option',
          `unknown option ${r.option} of ${inv.name.value}: cannot tell where the wrapped command starts`,
          text,
        ),
      );
      return inv;
    }
    if (r.kind === 'blind') {
      inv.undecidable.push(undecidable('parse.blind_spot', r.reason, text));
      return inv;
    }
    if (r.kind === 'limit') {
      inv.undecidable.push(undecidable('limits.nesting_too_deep', r.reason, text));
      return inv;
    }
    const args = r.replaced ?? inv.args;
    if (r.at >= args.length) return inv;
    inv.wrappers.push(inv.name.value);
    const e = r.effects;
    if (e?.assignments) inv.assignments.push(...e.assignments);
    if (e?.fed) inv.fed = true;
    if (e?.placeholders) inv.placeholders.push(...e.placeholders);
    if (e && 'cwd' in e) {
      // A second relative folder would be relative to the first: give up rather than guess.
      const relativeAgain = inv.cwd !== undefined && e.cwd && !e.cwd.value.startsWith('/');
      inv.cwd = e.cwd === null || inv.cwd === null || relativeAgain ? null : e.cwd;
    }
    // `time A=1 cmd` assigns; after other wrappers a NAME=value word would be run as a program
    // and fail, so reading it as an assignment only over-approximates what runs.
    let at = r.at;
    while (at < args.length && args[at]!.static && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[at]!.raw)) {
      const w = args[at++]!;
      const eq = w.value.indexOf('=');
      inv.assignments.push({ name: w.value.slice(0, eq), value: { value: w.value.slice(eq + 1), static: true, raw: w.raw } });
    }
    if (at >= args.length) {
      // Only assignments after the wrapper (`time X=1`): no command runs.
      inv.name = { value: '', static: true, raw: '' };
      delete inv.path;
      inv.args = [];
      return inv;
    }
    inv.name = nameWord(args[at]!);
    if (args[at]!.value.includes('/')) inv.path = args[at]!;
    else delete inv.path;
    inv.args = args.slice(at + 1);
  }
  inv.undecidable.push(undecidable('limits.nesting_too_deep', `more than ${MAX_WRAPPERS} wrappers around one command`, text));
  return inv;
}
