// The one argument reader every spec is read with: options in every spelling (clusters, attached
// and `=` values, unique prefixes, single-dash long names, `--`), subcommands chosen by the first
// operand, operands and option values sorted by role, and the verbs that apply. It never guesses:
// what it cannot read (an undeclared option where the spec says so, a computed subcommand) comes
// back as `undecidable`, and the caller blocks.
import type { CommandInvocation, Role, RoleWord, Word } from '../core/ir.js';
import type { CommandSpec, OperandDecl, OptionDecl, ProgramSpec, Verb, VerbWhen } from './spec.js';

import { splitEnvString } from './split-string.js';

export type { RoleWord } from '../core/ir.js';

/** Most split strings (`env -S`) read inside one another (`env -S '-S "…"'`). */
export const MAX_SPLITS = 8;

/** The IR's invocation (core/ir.ts), with the spec and the declarations that read it. */
export interface Invocation extends CommandInvocation {
  spec: ProgramSpec;
  /** Every option given, by its first declared spelling (or as written when undeclared). */
  options: { name: string; decl?: OptionDecl; value?: Word }[];
  /** What the program does with its standard input (the deepest level that says). */
  stdin?: CommandSpec['stdin'];
  /** A bound of the reader was reached (split strings inside one another): the caller blocks as a limit. */
  limit?: string;
  /** `NAME=value` operands before the command (`env X=1 cmd`), for the command it runs. */
  assignments: { name: string; value: Word }[];
  /** The folder the command runs in: a word to resolve, null when not known; absent when unchanged. */
  cwd?: Word | null;
  /** The command is fed input only known at run time (`xargs`), and the words that stand for it. */
  fed: boolean;
  placeholders: string[];
  /** How many split strings were read inside one another. */
  splits: number;
}

const isShort = (name: string): boolean => /^-[^-]$/.test(name);
const isOptionWord = (w: Word): boolean => w.static && w.value.length > 1 && w.value.startsWith('-') && w.value !== '--';
/** `env -`: a lone dash the spec declares as an option. */
const isDashOption = (w: Word, decls: OptionDecl[]): boolean => w.static && w.value === '-' && decls.some((d) => d.names.includes('-'));
/** `+cmd` where the spec declares a `+` option (`vim +42`); a word only known at run time counts when it is written that way. */
const isPlusWord = (w: Word, decls: OptionDecl[]): boolean => /^["']?\+/.test(w.raw) && decls.some((d) => d.names.includes('+'));

/** Reads `args` (the words after the program's name) with `spec`. */
export function readInvocation(spec: ProgramSpec, given: readonly Word[]): Invocation {
  // `tar xzf a.tgz`: an old-style first word is the cluster `-xzf`.
  const first = given[0];
  const args =
    spec.firstWordOptions && first?.static && /^[A-Za-z]+$/.test(first.value)
      ? [{ ...first, value: `-${first.value}` }, ...given.slice(1)]
      : given;
  const inv: Invocation = {
    spec,
    path: [],
    options: [],
    roles: [],
    commands: [],
    operands: [],
    verbs: [],
    harmless: false,
    assignments: [],
    fed: false,
    placeholders: [],
    splits: 0,
  };
  readLevel(spec, args, 0, inv, []);
  // `sudo -l cmd`, `xargs --show-limits`: an option that says no command runs wins.
  if (inv.options.some((o) => o.decl?.self)) inv.commands = [];
  // The deepest level on the path that has a verb says what the command does (`gh repo delete`
  // over `gh repo`; the program's own verb when no subcommand has one); verbs that depend on what
  // was given apply at every level on the path (`scale --all --replicas=0`).
  let level: CommandSpec | undefined = spec;
  let levelVerb: Verb | undefined;
  for (let depth = 0; level; depth++) {
    if (level.verb) levelVerb = level.verb;
    for (const w of level.when ?? []) if (holds(w, inv)) inv.verbs.push(w.verb);
    const name = inv.path[depth];
    level = name === undefined ? undefined : subcommandFor(level, name);
  }
  if (levelVerb) inv.verbs.unshift(levelVerb);
  return inv;
}

/**
 * The subcommand a name picks: its own entry, else the longest `prefix*` entry it starts with (`delete-*`), else `*`;
 * at a `caseInsensitive` level, by the name in lower case.
 */
export function subcommandFor(level: CommandSpec, given: string): CommandSpec | undefined {
  const subs = level.subcommands ?? {};
  // `redis-cli FlushAll`: names declared in lower case match whatever the case.
  const name = level.caseInsensitive ? given.toLowerCase() : given;
  if (Object.hasOwn(subs, name)) return subs[name];
  let best = '';
  for (const key of Object.keys(subs))
    if (key.length > 1 && key.endsWith('*') && name.startsWith(key.slice(0, -1)) && key.length > best.length) best = key;
  return best ? subs[best] : subs['*'];
}

function holds(w: VerbWhen, inv: Invocation): boolean {
  const given = (name: string, value?: string) =>
    inv.options.some(
      (o) =>
        (o.name === name || o.decl?.names.includes(name)) &&
        (value === undefined || (o.value !== undefined && new RegExp(value, 'i').test(o.value.value))),
    );
  const operand = (pattern: string) => {
    const re = new RegExp(pattern, 'i');
    return [...inv.operands, ...inv.roles.filter((r) => !r.option).map((r) => r.word)].some((x) => re.test(x.value));
  };
  if (!(w.options ?? []).every((o) => given(o.name, o.value))) return false;
  if (w.operand !== undefined && !operand(w.operand)) return false;
  const u = w.unless;
  return !u || !((u.options ?? []).some((o) => given(o.name, o.value)) || (u.operand !== undefined && operand(u.operand)));
}

function readLevel(level: CommandSpec, args: readonly Word[], from: number, inv: Invocation, inherited: OptionDecl[]): void {
  // Options of the outer levels (global options) may still come after a subcommand.
  const decls = [...(level.options ?? []), ...inherited];
  if (level.stdin) inv.stdin = level.stdin;
  if (level.cwd === 'unknown') inv.cwd = null;
  if (level.fed) {
    inv.fed = true;
    inv.placeholders.push(...(level.fed.placeholders ?? []));
  }
  let operandIndex = 0;
  // cross-env reads no options: a word is a variable it sets or the start of the command.
  let optionsOpen = level.assignments !== 'cross-env';
  for (let i = from; i < args.length; i++) {
    const w = args[i]!;
    if (optionsOpen && w.static && w.value === '--') {
      optionsOpen = false;
      // `gnome-terminal -- cmd`; `start-stop-daemon --exec prog -- args`.
      const last = inv.commands[inv.commands.length - 1];
      if (level.dashDash === 'command') {
        if (i + 1 < args.length) inv.commands.push(args.slice(i + 1));
        return;
      }
      if (level.dashDash === 'arguments' && last) {
        last.push(...args.slice(i + 1));
        return;
      }
      continue;
    }
    if (optionsOpen && isPlusWord(w, decls)) {
      const d = decls.find((x) => x.names.includes('+'))!;
      take(d, '+', { value: w.value.replace(/^\+/, ''), static: w.static, raw: w.raw }, args, i, inv);
      continue;
    }
    if (optionsOpen && isDashOption(w, decls)) {
      take(
        decls.find((x) => x.names.includes('-'))!,
        '-',
        undefined,
        args,
        i,
        inv,
      );
      continue;
    }
    if (optionsOpen && isOptionWord(w)) {
      const splitBefore = inv.options.length;
      const taken = readOption(level, decls, args, i, inv);
      if (taken < 0) return; // the rest of the words were consumed, or the invocation is undecidable
      // `env -S 'a b'`: the string's words are read as arguments again, in its place.
      const split = inv.options.slice(splitBefore).find((o) => o.decl?.split && o.value);
      if (split) {
        if (++inv.splits > MAX_SPLITS) {
          inv.limit ??= `${split.name} strings of ${inv.spec.names[0]} nested more than ${MAX_SPLITS} deep`;
          return;
        }
        return readLevel(level, [...splitEnvString(split.value!), ...args.slice(taken + 1)], 0, inv, inherited);
      }
      i = taken;
      continue;
    }
    if (optionsOpen && !w.static && /^["']?-|^\$/.test(w.raw) && level.unknown === 'block') {
      inv.undecidable ??= `${w.raw} may expand to options of ${inv.spec.names[0]} that cannot be seen`;
    }
    // `make SHELL=…`: a variable whose value has a role.
    const assigned = level.variables ? /^([A-Za-z_.][\w.]*)=/.exec(w.raw) : null;
    if (assigned && Object.hasOwn(level.variables!, assigned[1]!)) {
      inv.roles.push({ role: level.variables![assigned[1]!]!, word: valueOf(w, w.value.slice(w.value.indexOf('=') + 1)) });
      continue;
    }
    // `env X=1 cmd`, `sudo X=1 cmd`: assignments for the command, before it.
    if (level.assignments && operandIndex === 0 && w.static && assignmentName(w.value, level.assignments)) {
      inv.assignments.push(level.assignments === 'cross-env' ? crossEnvAssignment(w) : splitAssignment(w));
      if (level.optionsFirst) optionsOpen = false;
      continue;
    }
    // The first operand picks a subcommand.
    if (operandIndex === 0 && level.subcommands) {
      if (!w.static) {
        inv.undecidable ??= `the ${inv.spec.names[0]} subcommand ${w.raw} is only known when the command runs`;
        return;
      }
      const sub = subcommandFor(level, w.value);
      if (sub) {
        inv.path.push(w.value);
        readLevel(sub, args, i + 1, inv, decls);
        return;
      }
    }
    const role = roleAt(level, operandIndex++, inv);
    // `cross-env "r'm" -rf x`: the program takes quotes out of the words it runs; `nvm run 18 -e code`
    // runs node with the words.
    const unquoted = (words: readonly Word[]): Word[] => [
      ...(role?.program ?? []).map((value) => ({ value, static: true, raw: value })),
      ...(role?.unquote === 'cross-env' ? words.map(crossEnvUnquote) : words),
    ];
    // `proto run node 20 -- -e code`: the program is this word; its arguments come after `--`.
    if (role?.kind === 'command' && role.single) {
      inv.commands.push([w]);
      if (level.optionsFirst) optionsOpen = false;
      continue;
    }
    if (role?.kind === 'command') {
      // `mpirun -n 2 a : -n 2 b`: the separator ends this command; options and operands start again.
      const end = level.separator === undefined ? -1 : args.findIndex((a, k) => k > i && a.static && a.value === level.separator);
      if (end < 0) {
        inv.commands.push(unquoted(args.slice(i)));
        return;
      }
      inv.commands.push(unquoted(args.slice(i, end)));
      i = end;
      operandIndex = 0;
      optionsOpen = true;
      continue;
    }
    if (role?.rest === 'joined') {
      const rest = unquoted(args.slice(i));
      inv.roles.push({
        role,
        word: { value: rest.map((x) => x.value).join(' '), static: rest.every((x) => x.static), raw: rest.map((x) => x.raw).join(' ') },
      });
      return;
    }
    if (role) inv.roles.push({ role, word: w });
    else inv.operands.push(w);
    if (level.optionsFirst) optionsOpen = false;
  }
}

/**
 * A `NAME=value` word: a variable name, or (`any`) whatever comes before the `=` (`BASH_FUNC_ls%%`), or
 * (`cross-env`) word characters before an `=` anywhere in the word.
 */
function assignmentName(value: string, kind: 'names' | 'any' | 'cross-env'): boolean {
  if (kind === 'cross-env') return CROSS_ENV_SETTER.test(value);
  return kind === 'any' ? /^[^=-][^=]*=/.test(value) : /^[A-Za-z_][A-Za-z0-9_]*=/.test(value);
}

function splitAssignment(w: Word): { name: string; value: Word } {
  const eq = w.value.indexOf('=');
  return { name: w.value.slice(0, eq), value: valueOf(w, w.value.slice(eq + 1)) };
}

/** cross-env's pattern for a variable it sets (not anchored: `ls x=y` sets x to y). */
const CROSS_ENV_SETTER = /(\w+)=('(.*)'|"(.*)"|(.*))/;

/**
 * What cross-env sets for a word: the name its pattern finds, the value without one pair of quotes;
 * `$NAME` or `${NAME}` in the value is replaced from the environment when it runs, so such a value is not known.
 */
function crossEnvAssignment(w: Word): { name: string; value: Word } {
  const m = CROSS_ENV_SETTER.exec(w.value)!;
  const value = m[3] ?? m[4] ?? m[5] ?? '';
  return { name: m[1]!, value: { value, static: w.static && !/\$(\w|\{\w+\})/.test(value), raw: w.raw } };
}

/** cross-env's unquoting of the words it runs: `'` goes, `\'` and `\\` keep one character, `\` before `$` or `"` goes. */
function crossEnvUnquote(w: Word): Word {
  const value = w.value.replace(/\\\\|(\\)?'|([\\])(?=[$"\\])/g, (m) => (m === '\\\\' ? '\\' : m === "\\'" ? "'" : ''));
  return value === w.value ? w : { ...w, value };
}

function roleAt(level: CommandSpec, index: number, inv: Invocation): OperandDecl | undefined {
  // An option given may change what the operands are (`entr -s`).
  const ops = [...inv.options].reverse().find((o) => o.decl?.operands)?.decl?.operands ?? level.operands ?? [];
  if (index < ops.length) return ops[index];
  const last = ops[ops.length - 1];
  return last?.rest ? last : undefined;
}

/** Reads the option at `args[i]`; returns the index of its last word, or -1 when reading stops. */
function readOption(level: CommandSpec, decls: OptionDecl[], args: readonly Word[], i: number, inv: Invocation): number {
  const w = args[i]!;
  const v = w.value;
  // Whole-word spellings first: `--long`, `--long=value`, `-exec`, `-cmd`.
  const eq = v.indexOf('=');
  const head = eq > 0 ? v.slice(0, eq) : v;
  const whole = findDecl(decls, head, level.prefixes === true && v.startsWith('--'));
  if (whole === 'ambiguous') {
    inv.undecidable ??= `${head} is an ambiguous abbreviation for ${inv.spec.names[0]}`;
    return i;
  }
  if (whole) return take(whole, head, eq > 0 ? valueOf(w, v.slice(eq + 1)) : undefined, args, i, inv);
  // A long option, or a single-dash word where short options do not cluster: one undeclared option.
  if (v.startsWith('--') || level.clusters === false || !decls.some((d) => d.names.some(isShort))) {
    return undeclared(level, head, eq > 0 ? valueOf(w, v.slice(eq + 1)) : undefined, i, inv);
  }
  // A cluster of short options: `-rf`, `-ofile`, `-xvzf archive`.
  for (let j = 1; j < v.length; j++) {
    const name = `-${v[j]}`;
    const d = findDecl(decls, name, false);
    if (d === 'ambiguous' || !d) {
      const r = undeclared(level, name, undefined, i, inv);
      if (r < 0 || inv.undecidable) return r;
      continue;
    }
    if ((d.value ?? 'none') === 'none') {
      const r = take(d, name, undefined, args, i, inv);
      if (r < 0) return r;
      continue;
    }
    const rest = v.slice(j + 1);
    if (rest) return take(d, name, valueOf(w, rest), args, i, inv);
    return take(d, name, undefined, args, i, inv);
  }
  return i;
}

function valueOf(w: Word, text: string): Word {
  return { value: text, static: w.static, raw: w.raw };
}

function findDecl(decls: OptionDecl[], name: string, prefixes: boolean): OptionDecl | 'ambiguous' | undefined {
  const exact = decls.find((d) => d.names.includes(name));
  if (exact || !prefixes || name.length < 4) return exact;
  const hits = decls.filter((d) => d.names.some((n) => n.startsWith('--') && n.startsWith(name)));
  return hits.length === 1 ? hits[0] : hits.length > 1 ? 'ambiguous' : undefined;
}

function undeclared(level: CommandSpec, name: string, value: Word | undefined, i: number, inv: Invocation): number {
  if (level.unknown === 'block') {
    inv.undecidable ??= `${inv.spec.names[0]}: unknown option ${name}`;
    return -1;
  }
  inv.options.push({ name, ...(value ? { value } : {}) });
  return i;
}

/** Records a declared option and its value; returns the index of its last word, or -1 when it took the rest. */
function take(d: OptionDecl, name: string, attached: Word | undefined, args: readonly Word[], i: number, inv: Invocation): number {
  const shown = d.names[0] ?? name;
  if (d.harmless === true) inv.harmless = true;
  if (d.verb) inv.verbs.push(d.verb);
  if (d.rest) {
    const words = attached ? [attached, ...args.slice(i + 1)] : args.slice(i + 1);
    inv.options.push({ name: shown, decl: d });
    if (d.role?.kind === 'command') inv.commands.push(words);
    else if (d.role) for (const word of words) inv.roles.push({ role: d.role, word, option: shown });
    return -1;
  }
  const mode = d.value ?? 'none';
  let value = attached;
  let last = i;
  if (!value && mode === 'required' && i + 1 < args.length) value = args[(last = i + 1)];
  // minimist: the next word is the value unless it is an option; a word only known at run time may be either.
  if (!value && mode === 'next' && i + 1 < args.length) {
    const next = args[i + 1]!;
    if (!next.static) inv.undecidable ??= `${next.raw} may be the value of ${shown} or the word after it, only known when the command runs`;
    else if (!next.value.startsWith('-')) value = args[(last = i + 1)];
  }
  // `dotenv -v NAME=value`: a variable for the command it runs.
  if (d.assigns && value) {
    const m = /^(\w+)=([\s\S]*)$/.exec(value.value);
    if (m) inv.assignments.push({ name: m[1]!, value: valueOf(value, m[2]!) });
    else if (!value.static) inv.undecidable ??= `${shown} ${value.raw} sets a variable only known when the command runs`;
  }
  // `npx --node-options='--require x.js'`: the value is NODE_OPTIONS for the command it runs.
  if (d.sets && value) inv.assignments.push({ name: d.sets, value });
  // `--bind SRC DEST`: the words after the first are part of the value too.
  if (d.words && d.words > 1) last = Math.min(args.length - 1, last + d.words - 1);
  inv.options.push({ name: shown, decl: d, ...(value ? { value } : {}) });
  // `sudo -i` runs in the target user's home; `env -C dir` in dir (a second relative folder would be
  // relative to the first: not known).
  if (d.cwd === 'unknown') inv.cwd = null;
  else if (d.cwd === 'value' && value && inv.cwd !== null) inv.cwd = inv.cwd !== undefined && !value.value.startsWith('/') ? null : value;
  if (d.placeholder && value) inv.placeholders.push(value.value);
  // `--dry-run=none` runs for real; so may a value only known when the command runs.
  if (typeof d.harmless === 'object' && (!value || (value.static && !new RegExp(d.harmless.unless, 'i').test(value.value))))
    inv.harmless = true;
  if (value && d.role) {
    if (d.role.kind === 'command') inv.commands.push([value]);
    else inv.roles.push({ role: d.role, word: value, option: shown });
  }
  return last;
}

/** The role words of one kind (`paths`, `scripts`…), for the analysis and the rules. */
export function wordsWithRole<K extends Role['kind']>(
  inv: Pick<CommandInvocation, 'roles'>,
  kind: K,
): (RoleWord & { role: Extract<Role, { kind: K }> })[] {
  return inv.roles.filter((r): r is RoleWord & { role: Extract<Role, { kind: K }> } => r.role.kind === kind);
}
