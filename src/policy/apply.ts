// Policy + role + matches → Decision. The strictest match wins; the evidence travels with it.
// (Minimal: safe_defaults only. The policies issue extends this.)
import { RISK_RANK, type Analysis, type Decision, type PolicyRef, type RoleRef } from '../core/types.js';

export interface Policy {
  ref: PolicyRef;
}

export const SAFE_DEFAULTS: Policy = { ref: { name: 'safe_defaults', version: '1' } };

export function applyPolicy(analysis: Analysis, policy: Policy, role?: RoleRef): Decision {
  const matches = [...analysis.matches].sort((a, b) => RISK_RANK[b.risk] - RISK_RANK[a.risk]);
  const blocking = matches.filter((m) => RISK_RANK[m.risk] >= RISK_RANK.HIGH);
  const first = blocking[0];
  return {
    decision: first ? 'block' : 'allow',
    matches,
    blocking,
    reason: first ? first.reason : 'no rule matched',
    remediation: first ? first.remediation : '',
    policy: policy.ref,
    ...(role ? { role } : {}),
    analysis,
  };
}
