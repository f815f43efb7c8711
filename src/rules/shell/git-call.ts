// `git` read the way git reads itself: global options (`-C dir`, `-c k=v`, `--git-dir=…`,
// `--work-tree …`, `--no-pager`, …) before the subcommand, inline aliases (`-c alias.x=…`)
// expanded, and the subcommand's own options in every spelling.
import type { SimpleCommand, Word } from '../../core/ir.js';
import { optionSpecFrom, parseOptions, type OptionSpec, type ParsedOptions } from './options.js';
import { nameOf } from './programs.js';
import { fromSpec, requiredSpec } from '../../catalogue/index.js';

export interface GitCall {
  sub: string;
  /** False when the subcommand word is computed at run time (`git $CMD …`). */
  subStatic: boolean;
  args: Word[];
  /** `-c key=value` settings given on the command line (keys lower-cased). */
  config: Map<string, string>;
}

/** Global options whose value may be the next word (`-C dir`, `--git-dir dir`): from git's catalogue spec (src/catalogue/specs/core-tools.ts). */
const globalWithValue = fromSpec(
  'git',
  (git): ReadonlySet<string> => new Set((git.options ?? []).filter((o) => o.value === 'required').flatMap((o) => o.names)),
);

/** The programs gitCall reads: a rule judging only through it names these (ShellRule.programs). */
export const GIT_PROGRAMS: readonly string[] = ['git', 'git-filter-repo'];

export function gitCall(cmd: SimpleCommand): GitCall | undefined {
  const n = nameOf(cmd);
  if (n === 'git-filter-repo') return { sub: 'filter-repo', subStatic: true, args: cmd.args, config: new Map() };
  if (n !== 'git') return undefined;
  const config = new Map<string, string>();
  const a = cmd.args;
  let i = 0;
  for (; i < a.length; i++) {
    const v = a[i]!.value;
    if (!v.startsWith('-')) break;
    const eq = v.indexOf('=');
    const name = eq > 0 && v.startsWith('--') ? v.slice(0, eq) : v;
    let value: string | undefined = eq > 0 && v.startsWith('--') ? v.slice(eq + 1) : undefined;
    if (/^-c.+/.test(v)) value = v.slice(2);
    else if (/^-C.+/.test(v)) continue;
    else if (value === undefined && globalWithValue().has(name)) value = a[++i]?.value;
    if ((name === '-c' || /^-c./.test(v)) && value !== undefined) {
      const k = value.indexOf('=');
      config.set((k >= 0 ? value.slice(0, k) : value).toLowerCase(), k >= 0 ? value.slice(k + 1) : 'true');
    }
  }
  const subWord = a[i];
  if (!subWord) return undefined;
  let sub = subWord.value;
  let args = a.slice(i + 1);
  // An alias given inline: `git -c alias.nuke='reset --hard' nuke`.
  const alias = config.get(`alias.${sub.toLowerCase()}`);
  if (alias !== undefined && !alias.startsWith('!')) {
    const parts = alias.split(/\s+/).filter(Boolean);
    sub = parts[0] ?? sub;
    args = [...parts.slice(1).map((p): Word => ({ value: p, static: true, raw: p })), ...args];
  }
  return { sub, subStatic: subWord.static, args, config };
}

/** A subcommand's options as git's parse-options reads them: its level of git's catalogue spec (src/catalogue/specs/core-tools.ts). */
export function gitGrammar(sub: string): OptionSpec {
  let grammar = grammars.get(sub);
  if (!grammar) {
    const level = requiredSpec('git').subcommands?.[sub];
    if (!level) throw new Error(`git's catalogue spec has no grammar for ${sub}`);
    grammars.set(sub, (grammar = optionSpecFrom(level)));
  }
  return grammar;
}
const grammars = new Map<string, OptionSpec>();

export function gitOptions(g: GitCall, spec: OptionSpec = {}): ParsedOptions {
  return parseOptions(g.args, spec);
}

/** Arguments computed at run time, before any `--` (after it they are paths): each may be any option. */
export function dynamicOptionWords(g: GitCall): Word[] {
  const dd = g.args.findIndex((w) => w.static && w.value === '--');
  return (dd < 0 ? g.args : g.args.slice(0, dd)).filter((w) => !w.static && !w.glob);
}
