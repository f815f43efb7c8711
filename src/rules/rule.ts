// The shape every rule has: an id, a risk, a one-line reason, a remediation, its own examples
// (checked by the tests) and a pure predicate over the IR.
import type { ShellIr, SimpleCommand, SqlStatement } from '../core/ir.js';
import type { Dialect, Risk } from '../core/types.js';

export interface RuleInfo {
  /** Stable id, `pack.name` (e.g. `filesystem.recursive_delete_root`). */
  id: string;
  risk: Risk;
  reason: string;
  remediation: string;
  /** `guard` for rules about the guard itself (self-protection); `fail_closed` for "cannot decide"; default `rule`. */
  class?: 'rule' | 'guard' | 'fail_closed';
}

export interface ShellRule extends RuleInfo {
  /** Shell scripts this rule must block, and look-alikes it must allow. */
  examples: { block: string[]; allow: string[] };
  /**
   * The programs this rule can match, when it judges only some (command names, compared without case): `match`
   * is then called only for a command whose literal name is one of them (src/rules/shell/rule-index.ts).
   * Absent: the rule meets every command. Give it only when `match` is false for every other name.
   */
  programs?: readonly string[];
  /** True when this command matches. Pure: no I/O. */
  match(cmd: SimpleCommand, ir: ShellIr): boolean;
  /** What the match was judged on beyond the command's text (a resolved target), added to the evidence. */
  detail?(cmd: SimpleCommand, ir: ShellIr): string | undefined;
}

export interface SqlExample {
  sql: string;
  dialect?: Dialect;
}

export interface SqlRule extends RuleInfo {
  examples: { block: (string | SqlExample)[]; allow: (string | SqlExample)[] };
  match(stmt: SqlStatement): boolean;
}
