// The SQL rule packs, in one list the analyser runs over every statement.
import type { SqlStatement } from '../../core/ir.js';
import type { RuleMatch } from '../../core/types.js';
import { CHANGE_RULES } from './changes.js';
import { CREDENTIAL_RULES } from './credentials.js';
import { DESTRUCTIVE_RULES } from './destructive.js';
import { FAIL_CLOSED_RULES } from './fail-closed.js';
import { INJECTION_RULES } from './injection.js';
import { matchRules, type DetailedSqlRule } from './match.js';
import { PRIVILEGE_RULES } from './privileges.js';
import { SERVER_RULES } from './server.js';

export const SQL_RULES: readonly DetailedSqlRule[] = [
  ...FAIL_CLOSED_RULES,
  ...DESTRUCTIVE_RULES,
  ...PRIVILEGE_RULES,
  ...CREDENTIAL_RULES,
  ...SERVER_RULES,
  ...INJECTION_RULES,
  ...CHANGE_RULES,
];

/** Rules that mean "the analysis could not decide": a policy should treat them as fail-closed. */
export const SQL_FAIL_CLOSED_RULE_IDS: readonly string[] = FAIL_CLOSED_RULES.map((r) => r.id);

export function matchSqlRules(stmts: readonly SqlStatement[]): RuleMatch[] {
  return matchRules(SQL_RULES, stmts);
}
