// Which shell rules can match a command. A rule that names the programs it judges (`programs`)
// meets only commands with one of those names; every other rule meets every command. Built from
// the rules' own declarations and kept in the rules' order, so the matches come out exactly as
// running every rule on every command makes them (test/rules/shell/rule-index.test.ts checks it).
import type { SimpleCommand } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';

export type RulesFor = (cmd: SimpleCommand) => readonly ShellRule[];

export function ruleIndex(rules: readonly ShellRule[]): RulesFor {
  const everyCommand = rules.filter((r) => r.programs === undefined);
  const byProgram = new Map<string, ShellRule[]>();
  for (const name of new Set(rules.flatMap((r) => r.programs ?? []))) {
    if (name !== name.toLowerCase()) throw new Error(`rule programs are lowercase: ${name}`);
    byProgram.set(
      name,
      rules.filter((r) => r.programs === undefined || r.programs.includes(name)),
    );
  }
  // A name computed at run time could be any program: every rule meets it. The key is lowercased
  // so a rule that compares names without case (`CURL`) still meets the command.
  return (cmd) => (cmd.name.static ? (byProgram.get(cmd.name.value.toLowerCase()) ?? everyCommand) : rules);
}

/** Every rule for every command: what the index must agree with. */
export const allRules =
  (rules: readonly ShellRule[]): RulesFor =>
  () =>
    rules;

/**
 * The index of a list that may change (SHELL_RULES is exported, and tests add a rule to it): made
 * again whenever the list no longer holds the rules it was made from.
 */
export function indexOfList(rules: readonly ShellRule[]): () => RulesFor {
  let made: readonly ShellRule[] = [];
  let index: RulesFor | undefined;
  return () => {
    if (!index || made.length !== rules.length || made.some((r, i) => r !== rules[i])) {
      made = [...rules];
      index = ruleIndex(made);
    }
    return index;
  };
}
