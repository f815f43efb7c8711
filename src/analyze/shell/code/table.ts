// The shape of a language's capability table: which names reach process execution, file changes,
// signals, network uploads or evaluation, and how each use is judged. The scan (scan.ts) reads
// code against it; one table per language lives next to this file.
import type { Language } from '../actions.js';
import { argsAt, type Arg } from '../code-lexer.js';
import type { Token } from './tokens.js';

/**
 * How one use of a name is judged:
 * - `read`: it cannot change anything (reading files and the network is fine);
 * - `shell`: it runs a program; allowed when the shell-call reader took the call apart (its literal
 *   script or argv is then judged like any other command);
 * - `file`: it deletes, writes, moves, copies, changes modes or signals; allowed when the file-call
 *   reader took the call apart with literal targets (judged as the equivalent shell command);
 * - `block`: it can run code or reach the system in ways no reader follows;
 * - a problem of its own.
 */
export type Verdict = 'read' | 'shell' | 'file' | 'block' | { problem: string };

export interface Use {
  /** The canonical name (`os.system`, `child_process.execSync`), or the member name for methods. */
  name: string;
  tokens: Token[];
  /** Index of the reference's first and last token. */
  first: number;
  last: number;
  /** The code the tokens are positioned in. */
  code: string;
  lang: Language;
  /** Canonical names bound in this code (`import pathlib`, `require('fs')`). */
  bound: ReadonlySet<string>;
}

export type Judge = Verdict | ((use: Use) => Verdict);

export interface Declarations {
  /** Local name → canonical name (`o` → `os` after `import os as o`). */
  bindings: Map<string, string>;
  /** Token indexes the declarations consumed (the names they mention are not uses). */
  skip: Set<number>;
  problems: string[];
}

export interface CheckContext {
  tokens: Token[];
  code: string;
  problem(what: string): void;
  /** Some reader took apart the call whose name spans these positions. */
  explained(start: number, end: number): boolean;
  bound: ReadonlySet<string>;
}

export interface CapabilityTable {
  /** Names bound before any import: builtins, and modules the language provides without one. */
  globals: Record<string, string>;
  /** Canonical names → judge; the shortest prefix of a member chain with a judge decides. */
  members: Record<string, Judge>;
  /** Canonical prefixes whose unlisted members act, and which must not escape as values. */
  strict: string[];
  /** Canonical names that stand for the global object: their members are globals (`globalThis.process`). */
  transparent?: string[];
  /** Module names that mean the module even as a member (`os.path.os`, `logging.os`, `Object::File`). */
  reentry?: string[];
  /** Package roots whose qualified names are their last part (`java.nio.file.Files` is `Files`). */
  qualified?: string[];
  /** Member names that act whatever the receiver (`p.unlink()`, `x.__globals__`). */
  methods: Record<string, Judge>;
  /** Calls that load a module by name: a literal name gives its canonical name; anything else blocks. */
  loaders?: Record<string, (spec: string) => string>;
  /** Import statements and the like. */
  declarations?(tokens: Token[], code: string): Declarations;
  /** Strings or symbols that name something callable (`array_map('system', …)`, `:system`). */
  callableStrings?: ReadonlySet<string>;
  /** Only symbols name callables (Ruby): a plain string is text. */
  callableSymbolsOnly?: boolean;
  /** Rules of the language the tables cannot express (`$f()`, `&$code`, PowerShell's command words). */
  check?(ctx: CheckContext): void;
  /** Names compare in lower case; namespaces (`\system`, `CORE::system`) are dropped. */
  normalize?(name: string): string;
}

/** A table entry by name; never one inherited from Object (`toString`, `constructor`, `__proto__`). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The same judge for several members of one prefix. */
export function each(prefix: string, names: string, judge: Judge): Record<string, Judge> {
  const out: Record<string, Judge> = {};
  for (const n of names.split(/\s+/).filter(Boolean)) out[prefix ? `${prefix}.${n}` : n] = judge;
  return out;
}

/** The arguments of the call right after a use (parenthesised, or bare for Perl/Ruby), or null. */
export function callArgs(use: Use): Arg[] | null {
  const next = use.tokens[use.last + 1];
  if (next?.text === '(') return argsAt(use.code, next.end, use.lang, /^$/).value;
  if ((use.lang === 'perl' || use.lang === 'ruby') && next && next.kind !== 'punct' && !next.newline) {
    return argsAt(use.code, next.start, use.lang, /^\s*(?:;|\n|\bor\b|\band\b|\|\||&&|\bif\b|\bunless\b|\}|$)/).value;
  }
  return null;
}

export const positional = (args: Arg[]): Arg[] => args.filter((a) => a.kind !== 'keyword');

export function keyword(args: Arg[], name: string): Arg | undefined {
  const k = args.find((a): a is Extract<Arg, { kind: 'keyword' }> => a.kind === 'keyword' && a.name === name);
  return k?.value;
}

/** A string literal's value, or null. */
export function literal(a: Arg | undefined): string | null {
  return a?.kind === 'string' && !a.dynamic ? a.value : null;
}

/** A file mode (`'w'`, `'a+'`, `'>'`) that writes; an unknown mode counts as writing. */
export function writesMode(a: Arg | undefined): boolean {
  if (!a) return false;
  const v = literal(a);
  return v === null || /[wax+>]/.test(v);
}

export const BLOCK: Verdict = 'block';
