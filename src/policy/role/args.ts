// Reads a command's words the way a role rule needs them: which are flags (in every spelling),
// which are option values, which are positional arguments. When in doubt it errs towards
// "this is a flag" or "this is a positional" — both are checked, never skipped.
import type { Word } from '../../core/ir.js';

export interface FlagToken {
  word: Word;
  /** The option as written, before any `=value` (`--force`, `-rf`, `-name`). */
  name: string;
  /** Single-dash words: each letter as its own spelling (`-rf` → `-r`, `-f`), up to a value-taking letter. */
  shorts: string[];
  /** Every letter of a single-dash word, ignoring value options: for conservative forbidding. */
  allShorts: string[];
}

export interface ReadArgs {
  flags: FlagToken[];
  /** Positional words in order (after `--` too). */
  positionals: Word[];
  /** Words consumed as the value of a value option (`-n kube-system`). */
  values: Word[];
  /** Dynamic words anywhere (they may expand to flags, several words, anything). */
  dynamic: Word[];
}

const NUMERIC = /^-\d+$/;

export function readArgs(args: readonly Word[], valueOptions: ReadonlySet<string>): ReadArgs {
  const out: ReadArgs = { flags: [], positionals: [], values: [], dynamic: [] };
  let endOfOptions = false;
  const take = (v: Word) => {
    out.values.push(v);
    if (!v.static) out.dynamic.push(v);
  };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static) out.dynamic.push(w);
    if (endOfOptions || !v.startsWith('-') || v === '-') {
      out.positionals.push(w);
      continue;
    }
    if (v === '--') {
      endOfOptions = true;
      continue;
    }
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : v;
    const takesNext = eq < 0 && i + 1 < args.length;
    if (v.startsWith('--') || valueOptions.has(name)) {
      // Long option, or a single-dash long option the tool declares (`find -name`, `terraform -var`).
      out.flags.push({ word: w, name, shorts: [], allShorts: [] });
      if (valueOptions.has(name) && takesNext) take(args[++i]!);
      continue;
    }
    const all = letters(name);
    const shorts: string[] = [];
    let consumesNext = false;
    if (NUMERIC.test(name)) shorts.push(name);
    else {
      for (let j = 1; j < name.length; j++) {
        const s = '-' + name[j];
        shorts.push(s);
        if (valueOptions.has(s)) {
          consumesNext = j === name.length - 1 && eq < 0; // `-n5`, `-C/dir`: the rest is the value
          break;
        }
      }
    }
    out.flags.push({ word: w, name, shorts, allShorts: all });
    if (consumesNext && takesNext) take(args[++i]!);
  }
  return out;
}

function letters(name: string): string[] {
  return [...name.slice(1)].map((c) => '-' + c);
}

/** True when the flag is one of the forbidden spellings, or abbreviates a forbidden long option. */
export function isForbidden(f: FlagToken, forbid: readonly string[]): boolean {
  if (forbid.includes(f.name)) return true;
  if (f.name.startsWith('--')) {
    // getopt_long accepts any unambiguous prefix: `--forc` is `--force`.
    return f.name.length > 2 && forbid.some((x) => x.startsWith('--') && x.startsWith(f.name));
  }
  return f.allShorts.some((s) => forbid.includes(s));
}

/** True when every spelling the flag carries is in the allow list. */
export function isAllowed(f: FlagToken, allow: readonly string[]): boolean {
  if (allow.includes(f.name)) return true;
  if (f.name.startsWith('--') || f.shorts.length === 0) return false;
  return f.shorts.every((s) => allow.includes(s));
}
