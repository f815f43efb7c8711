// The record bodies: what a decision, an outcome and a torn-tail recovery say. Pure: the clock,
// the event id and the actor are passed in. `seal` adds seq, prev_hash, hash, key_id and sig.
import { createHash } from 'node:crypto';
import type { Action, Decision, RuleMatch } from '../core/types.js';
import { canonicalize } from './canonical.js';
import { redactArgv, redactSecrets } from './redact.js';
import { FORMAT_VERSION } from './seal.js';
import { isoTime } from '../core/iso-time.js';

export interface Actor {
  /** The agent acting (e.g. `claude-code`), when known. */
  agent?: string;
  /** The human answerable for the agent (`human:<id>`), from --owner / SEATBELT_OWNER. */
  owner?: string;
  /** The OS user. */
  user: string;
  host: string;
  cwd: string;
  session?: string;
  pid?: number;
}

/** Everything but seq/prev_hash/hash/key_id/sig, which append fills in under the lock. */
export type RecordBody = Record<string, unknown>;

export type RecordType = 'decision' | 'outcome' | 'recovery' | 'inspection';

const GOVERNANCE_MODE = 'deterministic';

function header(type: RecordType, eventId: string, time: Date) {
  return { v: FORMAT_VERSION, type, event_id: eventId, time: isoTime(time), governance_mode: GOVERNANCE_MODE };
}

/**
 * The bytes the input digest is taken over: the argv as a JCS array of strings (so argument
 * boundaries count), the script or the SQL as UTF-8 text.
 */
export function inputText(action: Action): string {
  switch (action.kind) {
    case 'argv':
      return canonicalize(action.argv);
    case 'shell':
      return action.script;
    case 'sql':
      return action.sql;
    case 'tool':
      // The tool's name and its arguments, as a JCS array (so the boundary between them counts).
      return canonicalize([action.name, action.arguments]);
  }
}

export function inputDigest(action: Action): string {
  return createHash('sha256').update(inputText(action), 'utf8').digest('hex');
}

function recordedInput(action: Action): string | string[] {
  switch (action.kind) {
    case 'argv':
      return redactArgv(action.argv);
    case 'shell':
      return redactSecrets(action.script);
    case 'sql':
      return redactSecrets(action.sql);
    case 'tool':
      return redactSecrets(`${action.name} ${action.arguments}`);
  }
}

/**
 * What a decision made by the gateway (`seatbelt serve`, `seatbelt mcp proxy`) adds: where the tool
 * call came from. The owner, agent and session are the actor's; the owner is what the caller
 * asserted (X-Commit-Owner), not an authenticated identity.
 */
export interface GatewayFields {
  api: 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'mcp';
  request_id: string;
  tool: string;
  /** SHA-256 (hex) of the JCS of the tool call's arguments (of the raw text when they were not JSON). */
  arguments_sha256: string;
  tool_call_id?: string;
  model?: string;
  response_id?: string;
  approval_id?: string;
}

function cleanActor(a: Actor): Actor {
  // Drop unset optional fields; canonicalize would skip undefined anyway, but the record should
  // read the same when printed.
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as unknown as Actor;
}

export function decisionBody(a: {
  eventId: string;
  time: Date;
  action: Action;
  decision: Decision;
  actor: Actor;
  recordInput: boolean;
  gateway?: GatewayFields;
  /** SHA-256 (hex) of the operator's signed policy bundle in force (`seatbelt policy install`). */
  policyBundle?: string;
}): RecordBody {
  const { action, decision } = a;
  const isBlocking = (m: RuleMatch) => decision.blocking.some((b) => b === m || (b.ruleId === m.ruleId && b.evidence === m.evidence));
  return {
    ...header('decision', a.eventId, a.time),
    actor: cleanActor(a.actor),
    action: {
      kind: action.kind,
      input_sha256: inputDigest(action),
      ...(a.recordInput ? { input: recordedInput(action) } : {}),
      ...(action.kind === 'sql' ? { dialect: action.dialect } : {}),
    },
    decision: decision.decision,
    rules: decision.matches.map((m) => ({
      id: m.ruleId,
      risk: m.risk,
      reason: redactSecrets(m.reason),
      blocking: isBlocking(m),
      // Evidence quotes the input, so it is recorded only when the input is.
      ...(a.recordInput ? { evidence: redactSecrets(m.evidence) } : {}),
    })),
    // audit_mode allows everything; the record still says what safe_defaults would have blocked.
    ...(decision.wouldBlock ? { would_block: [...new Set(decision.wouldBlock.map((m) => m.ruleId))] } : {}),
    reason: redactSecrets(decision.reason),
    remediation: redactSecrets(decision.remediation),
    policy: { name: decision.policy.name, version: decision.policy.version, ...(a.policyBundle ? { bundle: a.policyBundle } : {}) },
    ...(decision.role ? { role: { name: decision.role.name, sha256: decision.role.sha256 } } : {}),
    ...(a.gateway ? { gateway: cleanGateway(a.gateway) } : {}),
  };
}

/**
 * The operator's verdict on a held tool call (`seatbelt approve|deny`), as a decision record: the
 * action is the held call, the actor the operator (OS user, `--owner`), the policy `operator_approval`.
 */
export function approvalBody(a: {
  eventId: string;
  time: Date;
  actor: Actor;
  call: { name: string; arguments: string };
  verdict: 'approved' | 'denied';
  gateway: GatewayFields;
  recordInput: boolean;
}): RecordBody {
  const action: Action = { kind: 'tool', name: a.call.name, arguments: a.call.arguments, registry: { unknown: true } };
  const who = `${a.actor.user}${a.actor.owner ? ` (${a.actor.owner})` : ''}`;
  const reason = `${a.verdict} by the operator ${who} (approval ${a.gateway.approval_id ?? '?'})`;
  return {
    ...header('decision', a.eventId, a.time),
    actor: cleanActor(a.actor),
    action: { kind: 'tool', input_sha256: inputDigest(action), ...(a.recordInput ? { input: recordedInput(action) } : {}) },
    decision: a.verdict === 'approved' ? 'allow' : 'block',
    rules: a.verdict === 'denied' ? [{ id: 'gateway.approval_denied', risk: 'HIGH', reason: redactSecrets(reason), blocking: true }] : [],
    reason: redactSecrets(reason),
    remediation: '',
    policy: { name: 'operator_approval', version: '1' },
    gateway: cleanGateway(a.gateway),
  };
}

/**
 * A secret the gateway found in a model's output (`seatbelt serve`'s inspection stage): the rule,
 * the kind, what was done (redacted, or the response ended), where in the response, and the
 * SHA-256 of the secret — never the secret. The actor is the caller, as in its decisions.
 */
export function inspectionBody(a: {
  eventId: string;
  time: Date;
  actor: Actor;
  rule: string;
  kind: string;
  action: 'redact' | 'end';
  where: string;
  secretSha256: string;
  gateway: { api: GatewayFields['api']; request_id: string; model?: string; response_id?: string };
}): RecordBody {
  return {
    ...header('inspection', a.eventId, a.time),
    actor: cleanActor(a.actor),
    rule: a.rule,
    kind: a.kind,
    action: a.action,
    where: a.where,
    secret_sha256: a.secretSha256,
    gateway: Object.fromEntries(Object.entries(a.gateway).filter(([, v]) => v !== undefined)),
  };
}

function cleanGateway(g: GatewayFields): GatewayFields {
  return Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as unknown as GatewayFields;
}

export function outcomeBody(a: {
  eventId: string;
  time: Date;
  decisionEventId: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  error?: string;
}): RecordBody {
  return {
    ...header('outcome', a.eventId, a.time),
    decision_event_id: a.decisionEventId,
    exit_code: a.exitCode,
    signal: a.signal,
    duration_ms: Math.max(0, Math.round(a.durationMs)),
    ...(a.error !== undefined ? { error: redactSecrets(a.error) } : {}),
  };
}

/** A torn tail found by the next writer: the fragment stays in the file; this accounts for it. */
export function recoveryBody(a: {
  eventId: string;
  time: Date;
  atOffset: number;
  fragmentLength: number;
  fragmentSha256: string;
  actor?: unknown;
}): RecordBody {
  return {
    ...header('recovery', a.eventId, a.time),
    ...(a.actor !== undefined ? { actor: a.actor } : {}),
    reason: 'unterminated data after the last record (an interrupted write); kept in place and accounted for here',
    at_offset: a.atOffset,
    fragment_length: a.fragmentLength,
    fragment_sha256: a.fragmentSha256,
  };
}
