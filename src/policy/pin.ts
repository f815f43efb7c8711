// Pinning: the operator fixes policy and role (user config or signed policy bundle `"pin": true`,
// or SEATBELT_PIN=1 in an environment the agent does not control); afterwards flags, environment and the project config
// (which the agent can write) may only make the guard stricter. A loosening is refused: the pinned
// values stay in force and the action is blocked with `policy.pin_violation`, sealed like any block.
import type { RuleMatch } from '../core/types.js';
import { POLICY_RULE_IDS } from './findings.js';
import { isAtLeastAsStrict, type PolicyName } from './policies.js';

export type SettingSource = 'flag' | 'env' | 'project' | 'bundle' | 'user' | 'default';

export interface PolicyAndRole {
  policy: PolicyName;
  /** A role name, or an absolute path to a role file; null for none. */
  role: string | null;
}

export interface PinViolation {
  /** Where the pin came from. */
  pinnedBy: 'bundle' | 'user' | 'env';
  pinned: PolicyAndRole;
  requested: PolicyAndRole;
  /** Where each loosened value came from. */
  from: { policy?: SettingSource; role?: SettingSource };
  message: string;
}

/** No role under these policies means "nothing runs": adding a role there loosens. */
const DENY_WITHOUT_ROLE: readonly PolicyName[] = ['strict_prod', 'strict_whitelist'];

/**
 * Why `requested` would let through something `pinned` blocks, or null when it does not. Exact
 * where it can be, conservative where it cannot: a different role is a loosening unless identical
 * (roles are not compared rule by rule).
 */
export function loosening(pinned: PolicyAndRole, requested: PolicyAndRole): { policy?: string; role?: string } | null {
  if (pinned.policy === 'audit_mode') return null; // nothing is looser than allowing everything
  if (DENY_WITHOUT_ROLE.includes(requested.policy) && requested.role === null) return null; // nothing runs at all
  const out: { policy?: string; role?: string } = {};
  if (!isAtLeastAsStrict(requested.policy, pinned.policy)) {
    out.policy = `policy ${requested.policy} is not at least as strict as the pinned ${pinned.policy}`;
  }
  if (pinned.role !== null && requested.role !== pinned.role) {
    out.role =
      requested.role === null ? `removing the pinned role ${pinned.role}` : `role ${requested.role} instead of the pinned ${pinned.role}`;
  } else if (pinned.role === null && requested.role !== null && DENY_WITHOUT_ROLE.includes(pinned.policy)) {
    out.role = `adding role ${requested.role} where the pinned ${pinned.policy} runs nothing without a role`;
  }
  return out.policy || out.role ? out : null;
}

export function checkPin(
  pinnedBy: 'bundle' | 'user' | 'env',
  pinned: PolicyAndRole,
  requested: PolicyAndRole,
  sources: { policy: SettingSource; role: SettingSource },
): PinViolation | null {
  const l = loosening(pinned, requested);
  if (!l) return null;
  const from: PinViolation['from'] = {};
  if (l.policy) from.policy = sources.policy;
  if (l.role) from.role = sources.role;
  const what = [l.policy && `${l.policy} (from ${sources.policy})`, l.role && `${l.role} (from ${sources.role})`]
    .filter(Boolean)
    .join('; ');
  return { pinnedBy, pinned, requested, from, message: `refused to loosen the pinned guard: ${what}` };
}

export function pinViolationMatch(v: PinViolation): RuleMatch {
  const where =
    v.pinnedBy === 'bundle'
      ? "the operator's signed policy bundle ($SEATBELT_HOME/policy/bundle.json)"
      : v.pinnedBy === 'user'
        ? 'the user config ($SEATBELT_HOME/config.json)'
        : 'SEATBELT_PIN=1';
  return {
    ruleId: POLICY_RULE_IDS.pinViolation,
    class: 'guard',
    risk: 'HIGH',
    reason: v.message,
    remediation: `policy ${v.pinned.policy}${v.pinned.role ? ` and role ${v.pinned.role}` : ''} are pinned by ${where}; drop the override, or ask the operator to change the pin`,
    evidence: `requested policy=${v.requested.policy} role=${v.requested.role ?? 'none'}; pinned policy=${v.pinned.policy} role=${v.pinned.role ?? 'none'}`,
  };
}
