// What a command name runs, as a script may change it: `hash -p /bin/rm ls` makes the shell run
// rm for `ls`; `enable -f lib.so name` loads a builtin from a shared library; an alias replaces a
// command word with its body (bash in a script after `shopt -s expand_aliases`, sh and zsh always).
// A hashed name is judged as the program it runs; a use of an alias is judged as the alias body
// with the rest of the command, as well as the command as written (whether aliases are expanded
// depends on the shell and its options, so both are judged); what is only known at run time, or
// a builtin loaded from a library, is refused.
import type { SimpleCommand, Word } from '../../core/ir.js';
import type { AstCommand } from './ast.js';
import type { IrBuilder, Scope } from './builder.js';
import type { State } from './state.js';
import { optionValues, scanOptions } from './options.js';
import { stdinOfRedirects } from './stdin.js';
import { undecidable } from './undecidable.js';
import { commandBasename } from './unwrap.js';

interface Table {
  /** `hash -p FILE NAME`: NAME → the program FILE names. */
  hashed: Map<string, string>;
  /** Every body an alias was given, in order. */
  aliases: Map<string, Word[]>;
}

const tables = new WeakMap<IrBuilder, Table>();

function tableOf(b: IrBuilder): Table {
  let t = tables.get(b);
  if (!t) tables.set(b, (t = { hashed: new Map(), aliases: new Map() }));
  return t;
}

/** A function body already walked that runs `name`: judged before the name was rebound. */
function usedInFunction(b: IrBuilder, name: string): boolean {
  return b.ir.commands.some((c) => c.name.value === name && c.context.some((k) => k.kind === 'function'));
}

function rebindFails(b: IrBuilder, reason: string, sc: SimpleCommand): void {
  b.fail(undecidable('parse.command_rebinding', reason, sc.text));
}

/** Records what `hash`, `enable` and `alias` rebind, or refuses what cannot be followed. */
export function rebind(b: IrBuilder, sc: SimpleCommand): void {
  const name = sc.name.value;
  if (name === 'hash') {
    const s = scanOptions(sc.args, { flags: 'lrdt', withArg: 'p', permute: true, lenient: true });
    const file = optionValues(s, 'p')[0];
    if (!file) return;
    const names = s.operands.map((i) => sc.args[i]!);
    if (!file.static || names.some((w) => !w.static)) {
      rebindFails(b, 'hash -p binds a command name to a program only known when the script runs', sc);
      return;
    }
    for (const w of names) {
      if (usedInFunction(b, w.value)) rebindFails(b, `hash -p rebinds ${w.value} after a function that runs it was defined`, sc);
      tableOf(b).hashed.set(w.value, commandBasename(file.value));
    }
  } else if (name === 'enable') {
    const s = scanOptions(sc.args, { flags: 'adnps', withArg: 'f', permute: true, lenient: true });
    if (optionValues(s, 'f').length || s.options.some((o) => o.name === 'f')) {
      rebindFails(b, 'enable -f loads a builtin from a shared library: what it runs cannot be read', sc);
    }
  } else if (name === 'alias') {
    for (const w of sc.args) {
      if (w.static && w.value.startsWith('-')) continue;
      const eq = w.value.indexOf('=');
      const aliasName = eq < 0 ? w.value : w.value.slice(0, eq);
      if (!/^[^\s$`'"\\=]+$/.test(aliasName)) {
        if (eq >= 0 || !w.static) rebindFails(b, `alias defines a name only known when the script runs (${w.raw})`, sc);
        continue;
      }
      if (eq < 0) continue; // `alias name` prints it
      const body: Word = { value: w.value.slice(eq + 1), static: w.static, raw: w.raw };
      const bodies = tableOf(b).aliases.get(aliasName) ?? [];
      bodies.push(body);
      tableOf(b).aliases.set(aliasName, bodies);
    }
  }
}

/** The program a command name runs after `hash -p` (a name with a `/` is never looked up). */
export function hashedName(b: IrBuilder, name: Word): Word {
  const target = name.static && !name.raw.includes('/') ? tables.get(b)?.hashed.get(name.value) : undefined;
  return target === undefined ? name : { ...name, value: target };
}

/** An unquoted command word an alias may replace (aliases never apply to quoted words). */
function aliasOf(t: Table, w: Word | undefined): Word[] | undefined {
  return w && w.static && w.raw === w.value ? t.aliases.get(w.value) : undefined;
}

/** True when the command's first word is an alias the script defined. */
export function mayBeAlias(b: IrBuilder, cmd: AstCommand): boolean {
  const t = tables.get(b);
  return !!t && !!aliasOf(t, cmd.words[0]?.word);
}

/**
 * The texts a command becomes when its first word is an alias: each body, then the rest of the
 * command as written (a body ending in a blank makes the next word an alias candidate too).
 */
function expansions(t: Table, cmd: AstCommand, skip: ReadonlySet<string>): { name: string; text: string | null }[] {
  const first = cmd.words[0]?.word;
  const bodies = first && !skip.has(first.value) ? aliasOf(t, first) : undefined;
  if (!first || !bodies) return [];
  const prefix = cmd.assignments.map((a) => `${a.name}=${a.value.word.raw}`);
  const redirects = cmd.redirects
    .filter((r) => !r.op.startsWith('<<') || r.op === '<<<')
    .map((r) => `${r.fd ?? ''}${r.op} ${r.target.word.raw}`);
  return bodies.map((body) => {
    if (!body.static) return { name: first.value, text: null };
    let rest = cmd.words.slice(1);
    let text = body.value;
    // `alias s='sudo '`: the word after a body ending in a blank is expanded too (once each).
    const seen = new Set([first.value]);
    while (/[ \t]$/.test(text) && rest[0]) {
      const next = aliasOf(t, rest[0].word);
      if (!next || seen.has(rest[0].word.value) || !next.at(-1)!.static) break;
      seen.add(rest[0].word.value);
      text += next.at(-1)!.value;
      rest = rest.slice(1);
    }
    return { name: first.value, text: [...prefix, text, ...rest.map((w) => w.word.raw), ...redirects].join(' ') };
  });
}

/**
 * Judges the uses of aliases in `cmd`: each expansion is walked as a script in the current shell,
 * from the state before the command; the state after is what both the command and its expansions
 * agree on.
 */
export function judgeAliasUse(b: IrBuilder, cmd: AstCommand, scope: Scope, before: State, after: State, parentId: number): void {
  const t = tables.get(b);
  if (!t) return;
  const skip = new Set(scope.aliasing ?? []);
  const ends: State[] = [];
  for (const e of expansions(t, cmd, skip)) {
    if (e.text === null) {
      b.fail(undecidable('parse.dynamic_script', `the alias ${e.name} has a body only known when the script runs`, cmd.text));
      continue;
    }
    const stdin = stdinOfRedirects(cmd.redirects) ?? scope.stdin;
    const inner: Scope = {
      context: [...scope.context, { kind: 'nested_script', detail: `alias ${e.name}` }],
      wrappers: scope.wrappers,
      parentId,
      nest: scope.nest + 1,
      outer: scope.outer,
      aliasing: [...skip, e.name],
      ...(stdin ? { stdin } : {}),
      ...(scope.changing ? { changing: scope.changing } : {}),
    };
    const state = before.fork();
    b.script(e.text, inner, state);
    ends.push(state);
  }
  if (ends.length) after.mergeWith(ends);
}
