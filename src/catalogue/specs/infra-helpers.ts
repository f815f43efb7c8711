// Small builders shared by the infrastructure families (containers, kubernetes, iac, clouds), so
// their specs read as data: `destroy('deletes the cluster')` is a subcommand with that verb.
import type { CommandSpec, Effect, OptionDecl, Verb } from '../spec.js';

export const verb = (effect: Effect, why: string): Verb => ({ effect, why });

/** A (sub)command with a verb, and anything else it declares. */
const level =
  (effect: Effect) =>
  (why: string, rest: CommandSpec = {}): CommandSpec => ({ ...rest, verb: { effect, why } });
export const read = level('read');
export const write = level('write');
export const destroy = level('destroy');
export const credential = level('credential');
export const privilege = level('privilege');
export const publish = level('publish');

/** Options that take a value, one declaration per spelling group (`['-n', '--namespace']`). */
export const valued = (...groups: (string | string[])[]): OptionDecl[] =>
  groups.map((g) => ({ names: typeof g === 'string' ? [g] : g, value: 'required' as const }));

/** Flags, one declaration per spelling group. */
export const flags = (...groups: (string | string[])[]): OptionDecl[] => groups.map((g) => ({ names: typeof g === 'string' ? [g] : g }));

/** `--help`/`--version` and the like: given, nothing runs. */
export const harmless = (...groups: (string | string[])[]): OptionDecl[] =>
  groups.map((g) => ({ names: typeof g === 'string' ? [g] : g, harmless: true }));

/** The same spec under several names (`rm`, `remove`, `delete`). */
export const aliases = (names: string[], spec: CommandSpec): Record<string, CommandSpec> => Object.fromEntries(names.map((n) => [n, spec]));

/** A word computed when the command runs (`$(docker ps -aq)`, `` `…` ``, `$IDS`): it may name everything. */
export const COMPUTED = '^\\$|`';

/** `--dry-run`, `--dry-run=client|server` change nothing; `--dry-run=none|false` runs for real. */
export const dryRun = (...names: string[]): OptionDecl => ({
  names: names.length ? names : ['--dry-run'],
  value: 'optional',
  harmless: { unless: '^(none|false|f|0|no)$' },
});

/**
 * The spec with unique abbreviations of long options accepted at every level (Python's argparse and
 * optparse, Ruby's OptionParser: `--comm` is `--command`), so an abbreviation is read as the option.
 */
export function abbreviable<T extends CommandSpec>(spec: T): T {
  const seen = new Map<CommandSpec, CommandSpec>();
  const copy = (level: CommandSpec): CommandSpec => {
    const done = seen.get(level);
    if (done) return done;
    const out: CommandSpec = { ...level, prefixes: true };
    seen.set(level, out);
    if (level.subcommands) out.subcommands = Object.fromEntries(Object.entries(level.subcommands).map(([k, v]) => [k, copy(v)]));
    return out;
  };
  return copy(spec) as T;
}
