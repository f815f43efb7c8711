// The matches the policy step itself produces (they are not rule-pack rules): a role miss, a write
// under read_only, an implicit deny, a pin violation, a role file that changed. They travel in the
// decision like any rule match, so the envelope names them.
import type { RuleMatch } from '../core/types.js';
import type { RoleMiss } from './role/check.js';
import { UNDECIDABLE } from '../analyze/shell/undecidable.js';
import { SQL_FAIL_CLOSED_RULE_IDS } from '../rules/sql/index.js';
import { ENGINE_FAIL_CLOSED_IDS } from '../engine/fail-closed-ids.js';

export const POLICY_RULE_IDS = {
  roleNotAllowed: 'role.not_allowed',
  roleChanged: 'role.changed',
  roleUnchecked: 'role.unchecked',
  readOnlyWrite: 'policy.read_only_write',
  implicitDeny: 'policy.implicit_deny',
  pinViolation: 'policy.pin_violation',
} as const;

/** Findings about the guard itself (not the command): they block under every policy, audit_mode included. */
export const GUARD_RULE_IDS: readonly string[] = [POLICY_RULE_IDS.pinViolation, POLICY_RULE_IDS.roleChanged, POLICY_RULE_IDS.roleUnchecked];

/**
 * True for findings that block under every policy, audit_mode included: the guard's own findings,
 * and every `self_protection.` rule (the agent changing or bypassing what guards it) — except the
 * notice that an untrusted project file's settings were ignored, which is recorded and never blocks.
 */
/** Recorded with each decision while an untrusted project file's loosening settings are ignored (project-trust.ts). */
export const UNTRUSTED_PROJECT_CONFIG = 'self_protection.untrusted_project_config';

export function isGuardFinding(ruleId: string): boolean {
  return GUARD_RULE_IDS.includes(ruleId) || (ruleId.startsWith('self_protection.') && ruleId !== UNTRUSTED_PROJECT_CONFIG);
}

/** Ids the analysers use for "could not decide", listed by the analysers themselves. */
const FAIL_CLOSED_IDS: ReadonlySet<string> = new Set([
  ...Object.values(UNDECIDABLE),
  ...SQL_FAIL_CLOSED_RULE_IDS,
  ...ENGINE_FAIL_CLOSED_IDS,
]);

/** Findings that mean "the analysis could not decide": they block under every policy but audit_mode. */
export function isFailClosed(ruleId: string): boolean {
  return (
    FAIL_CLOSED_IDS.has(ruleId) ||
    /^(parse|limits|undecidable|internal)\./.test(ruleId) ||
    /^(shell|sql)\.(parse|limits|undecidable|unknown|dynamic)/.test(ruleId) ||
    /(^|\.)(parse_error|internal_error|undecidable|unknown_node|too_large|too_deep|timeout)($|\.|_)/.test(ruleId)
  );
}

export function roleNotAllowedMatch(roleName: string, miss: RoleMiss): RuleMatch {
  return {
    ruleId: POLICY_RULE_IDS.roleNotAllowed,
    class: 'policy',
    risk: 'MEDIUM',
    reason: `not allowed by role ${roleName}: ${miss.why}`,
    remediation: `run only what role ${roleName} allows (seatbelt roles show ${roleName}), or ask the operator to extend the role`,
    evidence: miss.evidence,
  };
}

export function roleChangedMatch(roleName: string, path?: string): RuleMatch {
  return {
    ruleId: POLICY_RULE_IDS.roleChanged,
    class: 'guard',
    risk: 'HIGH',
    reason: `the file of role ${roleName} changed since it was loaded; decisions fail closed until it is reloaded`,
    remediation: 'restart or reload the guard so the role is read and checked again',
    evidence: path ?? roleName,
  };
}

export function roleUncheckedMatch(roleName: string): RuleMatch {
  return {
    ruleId: POLICY_RULE_IDS.roleUnchecked,
    class: 'guard',
    risk: 'HIGH',
    reason: `role ${roleName} was named but its rules were not loaded, so nothing can be allowed by it`,
    remediation: 'load the role with loadRole()/loadRoleChecked() and pass it to the policy',
    evidence: roleName,
  };
}

export function readOnlyWriteMatch(evidence: string): RuleMatch {
  return {
    ruleId: POLICY_RULE_IDS.readOnlyWrite,
    class: 'policy',
    risk: 'MEDIUM',
    reason: 'the read_only policy refuses anything that writes (files, git history, SQL other than SELECT/EXPLAIN/SHOW)',
    remediation: 'run a read-only command, or ask the operator for a policy that allows writes',
    evidence,
  };
}

export function implicitDenyMatch(policyName: string, evidence: string): RuleMatch {
  return {
    ruleId: POLICY_RULE_IDS.implicitDeny,
    class: 'policy',
    risk: 'MEDIUM',
    reason: `the ${policyName} policy runs only what a role allows, and no role is set`,
    remediation: 'set a role (--role NAME, SEATBELT_ROLE, or "role" in the config) that allows this',
    evidence,
  };
}
