// The checked-in table of every rule's risk (test/rules/rule-risks.json), and how a rule's own
// `block` examples must be decided: blocked by that rule, at that risk, under the policy whose
// threshold is that risk. The examples are judged at the table's risk, so a rule whose declared
// risk is raised or lowered fails here until the table is deliberately changed too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { RISK_RANK, type Analysis, type Risk } from '../../src/core/types.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { POLICIES, SAFE_DEFAULTS, type Policy } from '../../src/policy/policies.js';
import type { RuleInfo } from '../../src/rules/rule.js';
import { SHELL_RULES } from '../../src/rules/shell/index.js';
import { SQL_RULES } from '../../src/rules/sql/index.js';
import { TOOL_RULES } from '../../src/rules/tool/index.js';

export const RULE_RISKS_FILE = path.join(import.meta.dirname, 'rule-risks.json');

/** Every declared rule (shell, SQL and the gateway's tool packs), id → risk, sorted by id. */
export function declaredRisks(): Record<string, Risk> {
  const all: RuleInfo[] = [...SHELL_RULES, ...SQL_RULES, ...TOOL_RULES];
  return Object.fromEntries(all.map((r) => [r.id, r.risk] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function readRiskTable(): Record<string, Risk> {
  return JSON.parse(readFileSync(RULE_RISKS_FILE, 'utf8')) as Record<string, Risk>;
}

let table: Record<string, Risk> | undefined;
/**
 * The risk a rule's examples are judged at: the table's. A rule not in the table yet (a new pack)
 * falls back to its declared risk here; rule-risks.test.ts fails for it, listing it, until it is added.
 */
export function pinnedRisk(rule: RuleInfo): Risk {
  table ??= readRiskTable();
  return table[rule.id] ?? rule.risk;
}

/**
 * The policy whose threshold is this risk: safe_defaults for HIGH and CRITICAL, read_only for
 * MEDIUM, strict_prod for LOW (the highest threshold that still blocks it; on a tie, the policy
 * that adds the fewest blocks of its own).
 */
export function policyFor(risk: Risk): Policy {
  const extras = (p: Policy) => Number(p.implicitDeny) + Number(p.blockWrites);
  const candidates = Object.values(POLICIES).filter(
    (p) => !p.auditOnly && p.blockAtRisk !== null && RISK_RANK[p.blockAtRisk] <= RISK_RANK[risk],
  );
  candidates.sort((a, b) => RISK_RANK[b.blockAtRisk!] - RISK_RANK[a.blockAtRisk!] || extras(a) - extras(b));
  return candidates[0]!;
}

const summary = (ms: Array<{ ruleId: string; risk: Risk }>) => ms.map((m) => `${m.ruleId}:${m.risk}`);

/**
 * A `block` example of `rule`: under the policy whose threshold is the rule's (table) risk it is
 * blocked, with the rule among the blocking matches at that risk; under safe_defaults the rule
 * blocks exactly when that risk is HIGH or above.
 */
export function expectBlockedByRule(analysis: Analysis, rule: RuleInfo): void {
  const risk = pinnedRisk(rule);
  expect(rule.risk, `${rule.id} declares ${rule.risk} but test/rules/rule-risks.json says ${risk}`).toBe(risk);
  const policy = policyFor(risk);
  const d = applyPolicy(analysis, policy);
  expect(d.decision, `${policy.ref.name}: ${summary(d.matches).join(', ')}`).toBe('block');
  expect(
    summary(d.blocking.filter((m) => m.ruleId === rule.id)),
    `${policy.ref.name} blocking: ${summary(d.blocking).join(', ')}`,
  ).toContain(`${rule.id}:${risk}`);

  const safe = applyPolicy(analysis, SAFE_DEFAULTS);
  const blocksBySafeDefaults = safe.blocking.some((m) => m.ruleId === rule.id);
  expect(blocksBySafeDefaults, `safe_defaults blocking: ${summary(safe.blocking).join(', ')}`).toBe(RISK_RANK[risk] >= RISK_RANK.HIGH);
  if (blocksBySafeDefaults) expect(safe.decision).toBe('block');
}
