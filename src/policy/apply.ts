// Policy + role + matches → Decision. An ordered union: every source of "block" (rule matches at or
// above the policy's risk, fail-closed findings, writes under read_only, role misses, implicit deny,
// guard findings) is collected, the strictest wins, and the evidence travels with it.
// Pure: the role's file is never read here; staleness and pin violations are passed in as values.
import {
  RISK_RANK,
  actionText as fullText,
  type AnalyzeContext,
  type Analysis,
  type Decision,
  type RoleRef,
  type RuleMatch,
} from '../core/types.js';
import { redactSecrets } from '../audit/redact.js';
import { implicitDenyMatch, readOnlyWriteMatch, roleChangedMatch, roleNotAllowedMatch, roleUncheckedMatch } from './findings.js';
import { POLICIES, SAFE_DEFAULTS, type Policy } from './policies.js';
import { pinViolationMatch, type PinViolation } from './pin.js';
import type { Role } from './role/role.js';
import { TOOL_RULE_IDS, toolMatch } from '../rules/tool/index.js';
import { checkRole } from './role/check.js';

export { SAFE_DEFAULTS, POLICIES, loadPolicy, type Policy, type PolicyName } from './policies.js';

export interface ApplyOptions {
  /** Where the guard runs: `./` and `~` in a role's folders mean these. Needed by roles with `paths`. */
  ctx?: AnalyzeContext;
  /** The role's file changed since it was loaded (`LoadedRole.isStale()`): fail closed. */
  roleChanged?: boolean;
  /** A refused attempt to loosen a pinned policy or role (`resolveSettings().violation`). */
  pinViolation?: PinViolation | null;
  /** Facts about the guard recorded with the decision that never block (an untrusted project file's ignored settings). */
  notices?: RuleMatch[];
}

function isRole(r: Role | RoleRef): r is Role {
  return 'file' in r && typeof r.file === 'object' && r.file !== null && Array.isArray(r.file.allow);
}

function groupOf(m: RuleMatch): number {
  return m.class === 'guard' ? 0 : m.class === 'fail_closed' ? 1 : 2;
}

/** Strictest first: risk, then guard findings, then fail-closed findings, then the order found. */
export function strictestFirst(matches: readonly RuleMatch[]): RuleMatch[] {
  return matches
    .map((m, i) => ({ m, i }))
    .sort((a, b) => RISK_RANK[b.m.risk] - RISK_RANK[a.m.risk] || groupOf(a.m) - groupOf(b.m) || a.i - b.i)
    .map((x) => x.m);
}

function actionText(a: Analysis): string {
  const t = fullText(a.action);
  return redactSecrets(t.length > 200 ? t.slice(0, 197) + '...' : t);
}

interface Outcome {
  blocking: RuleMatch[];
  /** Matches the policy step itself produced. */
  findings: RuleMatch[];
  /** Facts the policy step recorded that do not block (an unknown tool the policy allows). */
  notices: RuleMatch[];
  usedRules: string[];
}

/** A tool call the registry does not know: the policy says whether it blocks (as data, `blockUnknownTools`). */
function unknownToolFinding(policy: Policy, analysis: Analysis): RuleMatch | null {
  const a = analysis.action;
  if (a.kind !== 'tool' || !('unknown' in a.registry)) return null;
  const m = toolMatch(TOOL_RULE_IDS.unknownTool, actionText(analysis), `tool ${a.name}`, 'policy');
  return policy.blockUnknownTools
    ? m
    : { ...m, class: 'notice', reason: `tool ${a.name} is not in the tool registry; ${policy.ref.name} allows it` };
}

function enforce(policy: Policy, analysis: Analysis, base: RuleMatch[], role: Role | RoleRef | undefined, ctx?: AnalyzeContext): Outcome {
  const threshold = policy.blockAtRisk === null ? Infinity : RISK_RANK[policy.blockAtRisk];
  const blocking = base.filter(
    (m) => m.class === 'guard' || m.class === 'fail_closed' || (m.class !== 'notice' && RISK_RANK[m.risk] >= threshold),
  );
  const findings: RuleMatch[] = [];
  const notices: RuleMatch[] = [];
  let usedRules: string[] = [];
  if (policy.blockWrites && analysis.writes) findings.push(readOnlyWriteMatch(actionText(analysis)));
  const unknownTool = unknownToolFinding(policy, analysis);
  if (unknownTool) (unknownTool.class === 'notice' ? notices : findings).push(unknownTool);
  if (role && isRole(role)) {
    const check = checkRole(role.file, analysis, ctx);
    for (const miss of check.misses) findings.push(roleNotAllowedMatch(role.ref.name, { ...miss, evidence: redactSecrets(miss.evidence) }));
    usedRules = [...check.used];
  } else if (!role && policy.implicitDeny) findings.push(implicitDenyMatch(policy.ref.name, actionText(analysis)));
  return { blocking: [...blocking, ...findings], findings, notices, usedRules };
}

export function applyPolicy(analysis: Analysis, policy: Policy, role?: Role | RoleRef, opts: ApplyOptions = {}): Decision {
  const base = [...analysis.matches];
  // Undecidable parts of the shell IR block even if the dispatcher did not turn them into matches.
  for (const u of analysis.shell?.undecidable ?? []) {
    if (!base.some((m) => m.ruleId === u.ruleId)) {
      base.push({
        ruleId: u.ruleId,
        class: 'fail_closed',
        risk: 'HIGH',
        reason: u.reason,
        remediation: 'rewrite the command so it can be read statically',
        evidence: u.evidence,
      });
    }
  }
  const roleRef = role ? (isRole(role) ? role.ref : role) : undefined;
  const guard: RuleMatch[] = [];
  if (opts.pinViolation) guard.push(pinViolationMatch(opts.pinViolation));
  if (role && !isRole(role)) guard.push(roleUncheckedMatch(role.name));
  const rolePath = role && 'path' in role && typeof role.path === 'string' ? role.path : undefined;
  if (roleRef && opts.roleChanged) guard.push(roleChangedMatch(roleRef.name, rolePath));
  const all = [...guard, ...base];

  let blocking: RuleMatch[];
  let findings: RuleMatch[];
  let notices: RuleMatch[];
  let usedRules: string[];
  let wouldBlock: RuleMatch[] | undefined;
  if (policy.auditOnly) {
    const shadow = enforce(SAFE_DEFAULTS, analysis, all, role, opts.ctx);
    blocking = all.filter((m) => m.class === 'guard');
    findings = shadow.findings;
    notices = shadow.notices;
    usedRules = shadow.usedRules;
    wouldBlock = strictestFirst(shadow.blocking);
  } else {
    ({ blocking, findings, notices, usedRules } = enforce(policy, analysis, all, role, opts.ctx));
  }
  blocking = strictestFirst(blocking);
  const first = blocking[0];
  return {
    decision: first ? 'block' : 'allow',
    matches: [...strictestFirst([...all, ...findings]), ...notices, ...(opts.notices ?? [])],
    blocking,
    reason: first ? first.reason : allowReason(policy, all, usedRules, roleRef, wouldBlock),
    remediation: first ? first.remediation : '',
    ...(wouldBlock ? { wouldBlock } : {}),
    policy: policy.ref,
    ...(roleRef ? { role: roleRef } : {}),
    analysis,
  };
}

function allowReason(policy: Policy, matches: RuleMatch[], used: string[], role: RoleRef | undefined, wouldBlock?: RuleMatch[]): string {
  if (wouldBlock) {
    return wouldBlock.length
      ? `${policy.ref.name}: allowed, but safe_defaults would have blocked (${[...new Set(wouldBlock.map((m) => m.ruleId))].join(', ')})`
      : `${policy.ref.name}: allowed; nothing would have blocked`;
  }
  const parts: string[] = [];
  if (role) parts.push(`allowed by role ${role.name}${used.length ? ` (${used.join(', ')})` : ''}`);
  if (matches.length) parts.push(`${matches.length} match${matches.length === 1 ? '' : 'es'} below what ${policy.ref.name} blocks`);
  return parts.length ? parts.join('; ') : 'no rule matched';
}

/** All five templates, for tables and `config show`. */
export const ALL_POLICIES = Object.values(POLICIES);
