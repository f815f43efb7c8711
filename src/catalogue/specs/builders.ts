// Small builders shared by the service families (secrets, ci-vcs, backup, services, packages), so
// their specs read as data: `destroys('deletes the vault')` is a (sub)command with that verb.
import type { CommandSpec, Effect, OptionDecl, Verb, VerbWhen } from '../spec.js';

export const SCRIPT = { kind: 'script' } as const;
export const COMMAND = { kind: 'command' } as const;

export const verb = (effect: Effect, why: string): { verb: Verb } => ({ verb: { effect, why } });
export const reads = (why: string): CommandSpec => verb('read', why);
export const writes = (why: string): CommandSpec => verb('write', why);
export const destroys = (why: string): CommandSpec => verb('destroy', why);
export const publishes = (why: string): CommandSpec => verb('publish', why);

/** A verb that applies when options are given (or an operand matches). */
export const when = (effect: Effect, why: string, options: VerbWhen['options'], operand?: string): VerbWhen => ({
  ...(options ? { options } : {}),
  ...(operand ? { operand } : {}),
  verb: { effect, why },
});

export const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
export const flag = (...names: string[]): OptionDecl => ({ names });
export const harmless = (...names: string[]): OptionDecl => ({ names, harmless: true });

/** The same level under several names (`rm`, `remove`, `delete`). */
export const aka = (names: string[], level: CommandSpec): Record<string, CommandSpec> => Object.fromEntries(names.map((n) => [n, level]));

/** A value only known at run time counts as the risky one. */
export const OR_DYNAMIC = '|.*\\$.*';

/**
 * Subcommands where anything not declared as reading changes something: every level with
 * subcommands and no verb of its own gets `'*'` (an unknown subcommand changes state: `docker image
 * frobnicate`), and every declared leaf without a verb gets `change` (`kubectl delete`, whose risky
 * forms `when` names). The read_only policy refuses what changes; the program's own rules judge how
 * much. A level with a verb keeps it for the subcommands it does not name.
 */
export function changingByDefault(subs: Record<string, CommandSpec>, why: string, star = true): Record<string, CommandSpec> {
  const out: Record<string, CommandSpec> = {};
  for (const [name, level] of Object.entries(subs)) {
    if (level.subcommands) out[name] = { ...level, subcommands: changingByDefault(level.subcommands, why, !level.verb) };
    else out[name] = level.verb ? level : { ...level, verb: { effect: 'change', why } };
  }
  if (star && !Object.hasOwn(out, '*')) out['*'] = { verb: { effect: 'change', why } };
  return out;
}
