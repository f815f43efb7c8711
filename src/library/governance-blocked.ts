// What the library throws when it will not let something run: a refusal (GovernanceBlocked, the
// guard worked) and a decision that could not be recorded (AuditError, nothing ran either).
import { SeatbeltError } from '../core/error.js';
import type { Decision } from '../core/types.js';

/**
 * The guard refused the action. Nothing ran. The decision is sealed in the audit trail as
 * `eventId`; the message says the rule, the reason and what to do instead, so an agent that is
 * shown the message (a tool's error result) can act on it.
 */
export class GovernanceBlocked extends Error {
  /** The full decision, with every match and its evidence. */
  readonly decision: Decision;
  /** The rules that caused the refusal, strictest first. */
  readonly ruleIds: readonly string[];
  readonly reason: string;
  readonly remediation: string;
  /** The sealed decision record's event id: the proof of the refusal in the audit trail. */
  readonly eventId: string;

  constructor(decision: Decision, eventId: string) {
    super(refusalMessage(decision, eventId));
    this.name = 'GovernanceBlocked';
    this.decision = decision;
    this.ruleIds = decision.blocking.map((m) => m.ruleId);
    this.reason = decision.reason;
    this.remediation = decision.remediation;
    this.eventId = eventId;
  }
}

/** The decision could not be made durable in the audit trail, so nothing was allowed to run. */
export class AuditError extends SeatbeltError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AUDIT', message, options);
    this.name = 'AuditError';
  }
}

/** Like the CLI's refusal text, in lines an agent reads as its tool's error result. */
function refusalMessage(d: Decision, eventId: string): string {
  const lines = [`seatbelt refused this ${d.analysis.action.kind === 'sql' ? 'SQL' : 'command'}; it did not run.`];
  for (const m of d.blocking)
    lines.push(`rule: ${m.ruleId} (${m.risk}): ${m.reason}`, `remediation: ${m.remediation}`, `matched: ${m.evidence}`);
  if (d.blocking.length === 0) lines.push(`reason: ${d.reason}`, ...(d.remediation ? [`remediation: ${d.remediation}`] : []));
  lines.push(`policy: ${d.policy.name}${d.role ? `, role ${d.role.name}` : ''}`, `event: ${eventId}`);
  return lines.join('\n');
}
