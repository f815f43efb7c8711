// Which shell rules can match a command. A rule that names the programs it judges (`programs`)
// meets only commands with one of those names; every other rule meets every command. Built from
// the rules' own declarations and kept in the rules' order, so the matches come out exactly as
// running every rule on every command makes them (test/rules/shell/rule-index.test.ts checks it).
import type { SimpleCommand } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';

export type RulesFor = (cmd: SimpleCommand) => readonly ShellRule[];

export function ruleIndex(rules: readonly ShellRule[]): RulesFor {
  const everyCommand = rules.filter((r) => r.programs === undefined);
  // Names are compared lowercased on both sides: a rule that tells `CURL` from `curl` still meets both.
  const programsOf = new Map(rules.map((r) => [r, r.programs?.map((p) => p.toLowerCase())]));
  const byProgram = new Map<string, ShellRule[]>();
  for (const name of new Set([...programsOf.values()].flatMap((p) => p ?? []))) {
    byProgram.set(
      name,
      rules.filter((r) => programsOf.get(r)?.includes(name) ?? true),
    );
  }
  // A name computed at run time could be any program: every rule meets it.
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
