// Peels wrappers off a command, recursively (`sudo env X=1 nice -n 5 timeout 3 rm …` → `rm`),
// collecting what each wrapper changes: assignments, working folder, unknown input. Which programs
// are wrappers, and how each reads its arguments, is catalogue data (`wrapper: true`, in
// src/catalogue/specs/wrappers.ts), read with the catalogue's one argument reader.
import type { Assignment, Undecidable, Word } from '../../core/ir.js';
import { specFor } from '../../catalogue/index.js';
import { readInvocation } from '../../catalogue/read.js';
import { undecidable } from './undecidable.js';

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
  /** A wrapper appends its input to the command's words (`xargs` without `-I`): fed-input.ts reads where it lands. */
  appendsInput?: boolean;
  /** Set when a wrapper moves the command: a folder word to resolve, or null when unknown. */
  cwd?: Word | null;
  undecidable: Undecidable[];
}

/** Most wrappers peeled off one command (`nice nice … rm`). */
export const MAX_WRAPPERS = 32;

/**
 * Words of the shell's grammar that run the command after them, not programs: zsh's `-` (argv[0]
 * with a dash) and `coproc`, whose compound form tree-sitter reads as plain words.
 */
function shellPrecommand(name: string, args: Word[]): { at: number } | { blind: string } | undefined {
  if (name === '-') return args.length ? { at: 0 } : undefined;
  if (name !== 'coproc') return undefined;
  if (args.slice(0, 2).some((w) => /[{(]/.test(w.raw)))
    return { blind: 'coproc with a compound command is read by the parser as plain words' };
  return args.length ? { at: 0 } : undefined;
}

interface Peeled {
  /** Where the wrapped command starts in `args`. */
  args: Word[];
  at: number;
  assignments?: Assignment[];
  fed?: boolean;
  placeholders?: string[];
  appendsInput?: boolean;
  cwd?: Word | null;
}

/** One wrapper peeled off: what it runs, nothing (it is the command), or why that cannot be known. */
function peelOne(name: string, args: Word[], text: string): Peeled | Undecidable | undefined {
  const pre = shellPrecommand(name, args);
  if (pre) return 'blind' in pre ? undecidable('parse.blind_spot', pre.blind, text) : { args, at: pre.at };
  const spec = specFor(name);
  if (!spec?.wrapper) return undefined;
  const inv = readInvocation(spec, args);
  if (inv.limit) return undecidable('limits.nesting_too_deep', inv.limit, text);
  if (inv.undecidable) return undecidable('parse.unknown_option', `${inv.undecidable}: cannot tell where the wrapped command starts`, text);
  const words = inv.commands[0];
  if (!words?.length) return undefined; // `sudo -l`, `env` alone: the wrapper is the command
  return {
    args: words,
    at: 0,
    assignments: inv.assignments,
    ...(inv.fed ? { fed: true, placeholders: inv.placeholders } : {}),
    // `xargs -I{}` puts its input where the placeholder is; without one it appends it.
    ...(inv.fed && !inv.options.some((o) => o.decl?.placeholder) ? { appendsInput: true } : {}),
    ...(inv.cwd !== undefined ? { cwd: inv.cwd } : {}),
  };
}

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
    const r = peelOne(inv.name.value, inv.args, text);
    if (!r) return inv;
    if ('ruleId' in r) {
      inv.undecidable.push(r);
      return inv;
    }
    const args = r.args;
    if (r.at >= args.length) return inv;
    inv.wrappers.push(inv.name.value);
    if (r.assignments) inv.assignments.push(...r.assignments);
    if (r.fed) inv.fed = true;
    if (r.appendsInput) inv.appendsInput = true;
    if (r.placeholders) inv.placeholders.push(...r.placeholders);
    if (r.cwd !== undefined) {
      // A second relative folder would be relative to the first: give up rather than guess.
      const relativeAgain = inv.cwd !== undefined && r.cwd && !r.cwd.value.startsWith('/');
      inv.cwd = r.cwd === null || inv.cwd === null || relativeAgain ? null : r.cwd;
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
