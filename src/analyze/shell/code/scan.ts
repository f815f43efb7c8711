// The capability scan: every use of a name that can run programs, change files, send signals,
// upload or evaluate code — by import, alias, attribute, reflection or computed name — must be a
// call one of the literal readers took apart (interpreter-code.ts for programs, file-calls.ts for
// files and signals), whose literals the shell rules then judge. Any other use cannot be decided
// and is reported; code with no such use is left alone.
import type { Language } from '../actions.js';
import { SYNTAX } from './syntax.js';
import { tokenize, type LexOptions, type Token } from './tokens.js';
import { own, type CapabilityTable, type Judge, type Use } from './table.js';
import { TABLES } from './tables.js';

export interface Span {
  start: number;
  end: number;
}

/** A file call the file-call reader took apart, and whether all its targets are literal. */
export interface FileSpan extends Span {
  literal: boolean;
}

/** Where the literal readers took calls apart (positions in the code). */
export interface Explained {
  shell: Span[];
  file: FileSpan[];
}

/** Fragments are parts of the code; nesting and the other readings of `/` multiply them, within bounds. */
const MAX_FRAGMENTS = 4096;

/** Attributes that describe a module; reading them is harmless whatever the module. */
const METADATA = new Set([
  '__version__',
  '__file__',
  '__name__',
  '__doc__',
  '__path__',
  '__package__',
  '__all__',
  'VERSION',
  'version',
  'version_info',
]);

/** Languages where `x['name']` reaches the member `name`. */
const COMPUTED_MEMBERS = new Set<Language>(['node', 'jxa', 'lua', 'groovy']);

interface Env {
  lang: Language;
  table: CapabilityTable;
  names: Map<string, string>;
  bound: Set<string>;
  explained: Explained;
  problems: Set<string>;
}

const within = (s: Span, start: number, end: number): boolean => s.start <= start && end <= s.end;

/** A token that ends an operand: what follows a member operator after it is a member of it. */
function isTerm(t: Token | undefined): boolean {
  if (!t) return false;
  return t.kind !== 'punct' || t.text === ')' || t.text === ']' || t.text === '}';
}

/** Why parts of this code cannot be decided (empty when every capability it uses was read). */
export function capabilityProblems(lang: Language, code: string, explained: Explained): string[] {
  const table = TABLES[lang];
  const problems = new Set<string>();
  const budget: NonNullable<LexOptions['budget']> = { forks: 8 };
  const lexed = tokenize(lang, code, { budget });
  lexed.problems.forEach((p) => problems.add(p));
  const names = new Map(Object.entries(table.globals));
  const declared = table.declarations?.(lexed.tokens, code);
  declared?.problems.forEach((p) => problems.add(p));
  for (const [k, v] of declared?.bindings ?? []) names.set(k, v);
  const env: Env = { lang, table, names, bound: mentioned(lexed.tokens, table, declared?.bindings), explained, problems };
  scanTokens(env, lexed.tokens, code, 0, declared?.skip ?? new Set());

  // Code inside strings and regexes, and the other readings of ambiguous `/`.
  const queue = lexed.fragments.map((f) => ({ ...f }));
  let read = 0;
  for (let n = 0; queue.length; n++) {
    read += queue[0]!.code.length;
    if (n >= MAX_FRAGMENTS || read > 16 * code.length + 65536) {
      problems.add('too much code inside strings to read');
      break;
    }
    const f = queue.shift()!;
    const inner = tokenize(lang, f.code, { lenient: true, division: f.division ?? false, budget });
    inner.problems.forEach((p) => problems.add(p));
    const local = table.declarations?.(inner.tokens, f.code);
    const scoped: Env = { ...env, names: new Map([...names, ...(local?.bindings ?? [])]) };
    local?.problems.forEach((p) => problems.add(p));
    scanTokens(scoped, inner.tokens, f.code, f.offset, local?.skip ?? new Set());
    queue.push(...inner.fragments.map((g) => ({ ...g, offset: g.offset + f.offset })));
  }
  return [...problems];
}

/** Modules and names the code mentions (`import pathlib`, `require('child_process')`, `child_process.x`). */
function mentioned(tokens: Token[], table: CapabilityTable, bindings: Map<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const v of bindings?.values() ?? []) {
    out.add(v);
    out.add(v.split('.')[0]!);
  }
  const loaders = Object.values(table.loaders ?? {});
  for (const t of tokens) {
    if (t.kind === 'name') out.add(table.normalize?.(t.value) ?? t.value);
    else if (t.kind === 'string' && !t.dynamic) for (const load of loaders) out.add(load(t.value));
  }
  return out;
}

function scanTokens(env: Env, tokens: Token[], code: string, offset: number, skip: Set<number>): void {
  const { table, lang } = env;
  const syn = SYNTAX[lang];
  const key = (n: string): string => table.normalize?.(n) ?? n;
  const problem = (what: string): void => void env.problems.add(what);
  const strict = (c: string): boolean => table.strict.some((p) => c === p || c.startsWith(`${p}.`));
  const transparent = (c: string): boolean => table.transparent?.includes(c) ?? false;
  const qualified = (c: string): boolean => table.qualified?.some((q) => c === q || c.startsWith(`${q}.`)) ?? false;
  const isMember = (t: Token | undefined): boolean => t?.kind === 'punct' && syn.member.includes(t.text);
  const explainedAny = (start: number, end: number): boolean =>
    env.explained.shell.some((s) => within(s, start + offset, end + offset)) ||
    env.explained.file.some((s) => within(s, start + offset, end + offset));

  const apply = (judge: Judge, use: Use): void => {
    const verdict = typeof judge === 'function' ? judge(use) : judge;
    const last = use.tokens[use.last]!;
    // Readers match the name itself: `system` in `CORE::system`, `exec` in `\\exec`.
    const end = last.end + offset;
    const start = end - last.text.replace(/^[\s\S]*(?:::|\\)/, '').length;
    if (verdict === 'read') return;
    if (verdict === 'shell') {
      if (!env.explained.shell.some((s) => within(s, start, end)))
        problem(
          `${use.name} used in a way the analyser cannot read (through an alias, as a value, or with arguments it cannot take apart)`,
        );
    } else if (verdict === 'file') {
      const call = env.explained.file.find((s) => within(s, start, end));
      if (!call) problem(`${use.name} used in a way the analyser cannot follow`);
      else if (!call.literal) problem(`${use.name} on a target that is not a literal`);
    } else if (verdict === 'block') problem(`${use.name} can run code or reach the system in ways the analyser cannot follow`);
    else problem(verdict.problem);
  };
  const useOf = (name: string, first: number, last: number): Use => ({ name, tokens, first, last, code, lang, bound: env.bound });

  const consumed = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (skip.has(i) || consumed.has(i)) continue;
    const t = tokens[i]!;
    if (t.kind === 'command') {
      if (!env.explained.shell.some((s) => within(s, t.start + offset, t.end + offset)))
        problem(`a shell command the analyser could not read: ${t.text.slice(0, 60)}`);
      continue;
    }
    if (t.kind === 'string') {
      if (
        table.callableStrings?.has(key(t.value)) &&
        !t.dynamic &&
        (t.symbol || !table.callableSymbolsOnly) &&
        !explainedAny(t.start, t.end)
      )
        problem(`${t.symbol ? ':' : ''}${t.value} names something that can be called by name`);
      continue;
    }
    if (t.kind !== 'name') continue;
    if (isMember(tokens[i - 1])) {
      const judge = own(table.methods, key(t.value));
      if (judge !== undefined) apply(judge, useOf(t.value, i, i));
      // `x.os.system`, `::File.delete`: a module reached as a member, or a member with no receiver, is the module.
      if (!table.reentry?.includes(key(t.value)) && isTerm(tokens[i - 2])) continue;
    }
    if (t.sigil && !(lang === 'perl' && t.sigil === '&')) continue; // a variable, not a name the language binds
    const head = env.names.get(key(t.value));
    if (head === undefined) continue;
    // Follow the member chain to the first prefix the table judges: `os.path.join` stops at `os.path`.
    let canonical = head;
    let last = i;
    let judge: Judge | undefined = own(table.members, canonical);
    let handled = false;
    while (judge === undefined) {
      const next = tokens[last + 1];
      const load = own(table.loaders, canonical);
      if (load && next?.text === '(') {
        const spec = tokens[last + 2];
        if (spec?.kind === 'string' && !spec.dynamic && tokens[last + 3]?.text === ')') {
          canonical = load(spec.value);
          last += 3;
          judge = own(table.members, canonical);
          continue;
        }
        problem(`${canonical}(…) of a name only known when the code runs`);
        handled = true;
        break;
      }
      const member = tokens[last + 2];
      const extend = (m: string): string => {
        if (table.reentry?.includes(m)) return env.names.get(m) ?? m; // `logging.os` is os
        return transparent(canonical) || qualified(canonical) ? (env.names.get(m) ?? `${canonical}.${m}`) : `${canonical}.${m}`;
      };
      if (isMember(next) && member?.kind === 'name' && !member.sigil) {
        canonical = extend(key(member.value));
        last += 2;
        judge = own(table.members, canonical);
        continue;
      }
      if (lang === 'ruby' && next?.text === '[') {
        canonical = `${canonical}.[]`; // `Dir['*']` is `Dir.[]('*')`
        judge = own(table.members, canonical);
        break;
      }
      const computed = next?.text === '[' && member?.kind === 'string' && !member.dynamic && tokens[last + 3]?.text === ']';
      if (computed && COMPUTED_MEMBERS.has(lang)) {
        canonical = extend(key(member.value));
        last += 3;
        judge = own(table.members, canonical);
        continue;
      }
      if ((isMember(next) || next?.text === '[') && (strict(canonical) || transparent(canonical))) {
        problem(`${canonical}: a member chosen when the code runs`);
        handled = true;
      }
      break;
    }
    for (let k = i; k <= last; k++) consumed.add(k);
    if (handled) continue;
    if (judge !== undefined) apply(judge, useOf(canonical, i, last));
    else if (last > i && METADATA.has(tokens[last]!.value))
      continue; // `boto3.__version__`
    else if (table.strict.includes(canonical) || transparent(canonical))
      problem(`${canonical} used as a value: what it is used for cannot be followed`);
    else if (strict(canonical)) problem(`${canonical} is not known to be harmless: it may run code or change the system`);
  }
  table.check?.({ tokens, code, problem, explained: explainedAny, bound: env.bound });
}
