// The commitment stage: every tool call a model emits (or an MCP client sends) is resolved through
// the tool registry into an action, decided by the one session/govern path under the session's
// policy and role, and sealed with where it came from — before anything may execute it.
//
//   a command inside (shell, argv, SQL)  → judged by the engine like `seatbelt exec`/`sql`
//   a tier tool                           → judged by the policy on its registered risk
//   not in the registry                   → the policy decides (blockUnknownTools)
//   arguments unreadable                  → refused (gateway.malformed_arguments)
//   approval: required                    → held with an approval id until the operator approves;
//                                           the resubmission carrying that id runs once
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import type { Action, Decision, Risk, RuleMatch } from '../core/types.js';
import { canonicalize } from '../audit/canonical.js';
import { inspectionBody, type GatewayFields } from '../audit/envelope.js';
import { eventStamp } from '../audit/uuid.js';
import { readHomePublicKeys } from '../audit/keys.js';
import { uuidv7 } from '../audit/uuid.js';
import { OUTPUT_SECRET_RULE, type InspectAction, type SecretFound } from './inspect.js';
import { TOOL_RULE_IDS, toolMatch } from '../rules/tool/index.js';
import type { Session } from '../adapters/session.js';
import { checkApproval, consumeApproval, DEFAULT_APPROVAL_TTL_MS, findApprovalFor, sha256, storeRequest } from './approvals.js';
import { resolveToolCall, type ResolvedCall, type ToolRegistry } from './registry.js';
import { makeReceipt, signWith } from './receipt.js';

export interface CallContext {
  api: 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'mcp';
  /** The gateway's own id for the HTTP request (UUIDv7). */
  requestId: string;
  /** `human:<id>` | `service:<id>` (caller-asserted). */
  owner: string;
  agentId?: string;
  sessionId?: string;
  model?: string;
  /** The upstream's response id. */
  responseId?: string;
  /** A resubmission carrying an approval id. */
  approvalId?: string;
}

export interface ToolCall {
  id?: string;
  name: string;
  /** Parsed JSON, or the raw string if it was not JSON. */
  arguments: unknown;
}

export interface ToolVerdict {
  /** hold: approval required and not yet approved. */
  verdict: 'allow' | 'block' | 'hold';
  ruleId?: string;
  reason?: string;
  remediation?: string;
  risk?: Risk;
  approvalId?: string;
  /** The sealed trail record (event_id, hash). */
  record: { id: string; hash: string };
  /** The whole decision, for explain-style output. */
  decision: Decision;
}

export interface Gate {
  /** Decide and seal durably; throws SeatbeltError('AUDIT') if it cannot seal (the caller must then fail closed). */
  commit(call: ToolCall, ctx: CallContext): Promise<ToolVerdict>;
  /**
   * Seal a secret found in the output (rule, kind, where, what was done, its SHA-256 — never the
   * secret); throws SeatbeltError('AUDIT') if it cannot (the caller must then fail closed).
   */
  inspection(found: SecretFound & { where: string }, action: InspectAction, ctx: CallContext): { id: string; hash: string };
  /** The X-Seatbelt-Receipt value for these records, signed with the trail's key. */
  receipt(records: { id: string; hash: string }[], opts?: { requestId?: string }): string;
  readonly registry: ToolRegistry;
}

export interface GateOptions {
  session: Session;
  registry: ToolRegistry;
  /** How long a held call waits for the operator, and an approval stays usable. */
  approvalTtlMs?: number;
  now?: () => Date;
}

/** The arguments as the text they are judged and digested as: JCS of the JSON, or the raw string. */
export function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  try {
    return canonicalize(args === undefined ? {} : args);
  } catch {
    return String(args);
  }
}

function toAction(resolved: ResolvedCall, name: string, text: string): Action {
  switch (resolved.kind) {
    case 'unknown':
      return { kind: 'tool', name, arguments: text, registry: { unknown: true } };
    case 'malformed':
      return { kind: 'tool', name, arguments: text, registry: { malformed: resolved.reason } };
    case 'action': {
      const a = resolved.action;
      return a.kind === 'tier' ? { kind: 'tool', name, arguments: text, registry: { risk: a.risk } } : a;
    }
  }
}

export function openGate(opts: GateOptions): Gate {
  const { session, registry } = opts;
  const ttl = opts.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS;
  const now = opts.now ?? (() => new Date());
  let keys: KeyObject[] | undefined;
  // The keys a decision on an approval may be signed with: this home's, current and retired.
  const approvalKeys = (): KeyObject[] =>
    (keys ??= [createPublicKey(session.signer().publicKeyPem), ...readHomePublicKeys(session.home).map((k) => k.key)]);

  return {
    registry,
    receipt: (records, o = {}) => makeReceipt(records, signWith(session.signer()), o),
    inspection(found, action, ctx) {
      const { eventId, time } = eventStamp();
      const sealed = session.sealBody(
        inspectionBody({
          eventId,
          time,
          actor: session.actor({ owner: ctx.owner, agent: ctx.agentId, session: ctx.sessionId }),
          rule: OUTPUT_SECRET_RULE,
          kind: found.kind,
          action,
          where: found.where,
          secretSha256: found.sha256,
          gateway: {
            api: ctx.api,
            request_id: ctx.requestId,
            ...(ctx.model !== undefined ? { model: ctx.model } : {}),
            ...(ctx.responseId !== undefined ? { response_id: ctx.responseId } : {}),
          },
        }),
      );
      return { id: sealed.record.event_id, hash: sealed.record.hash };
    },
    async commit(call, ctx) {
      if (!ctx.owner) throw new SeatbeltError('INPUT', 'a tool call needs its commit owner (X-Commit-Owner: human:<id> or service:<id>)');
      const text = argumentsText(call.arguments);
      const argumentsSha256 = sha256(text);
      const resolved = resolveToolCall(registry, call.name, call.arguments, { dialect: session.resolved.settings.dialect });
      const action = toAction(resolved, call.name, text);
      const evidence = `${call.name} ${text.length > 200 ? text.slice(0, 197) + '...' : text}`;

      // The approval gate, for a readable call to a tool that needs one.
      const findings: RuleMatch[] = [];
      let newHold: string | undefined;
      let holdId: string | undefined;
      let usedApproval: string | undefined;
      if (resolved.kind === 'action' && resolved.entry.approval === 'required') {
        const callKey = { tool: call.name, argumentsSha256, owner: ctx.owner };
        // Without an id, the approval asked for this exact call (if any) answers: see findApprovalFor.
        const approvalId = ctx.approvalId ?? findApprovalFor(session.home, callKey, now())?.request.id;
        if (approvalId === undefined) {
          holdId = newHold = uuidv7(now(), randomBytes(10));
          findings.push(toolMatch(TOOL_RULE_IDS.approvalRequired, evidence, `approval id ${holdId}`));
        } else {
          usedApproval = approvalId;
          const st = checkApproval(session.home, approvalId, callKey, approvalKeys(), now());
          if (st.state === 'pending') {
            holdId = approvalId;
            findings.push(toolMatch(TOOL_RULE_IDS.approvalRequired, evidence, `approval ${holdId} is still pending`));
          } else if (st.state === 'denied') findings.push(toolMatch(TOOL_RULE_IDS.approvalDenied, evidence, `denied by ${st.by}`));
          else if (st.state === 'invalid') findings.push(toolMatch(TOOL_RULE_IDS.approvalInvalid, evidence, st.why));
          // Used before the decision, so two resubmissions racing cannot both run.
          else if (!consumeApproval(session.home, approvalId, now()))
            findings.push(toolMatch(TOOL_RULE_IDS.approvalInvalid, evidence, `approval ${approvalId} was already used`));
        }
      }
      const isHold = (d: Decision) =>
        holdId !== undefined && d.decision === 'block' && d.blocking.every((m) => m.ruleId === TOOL_RULE_IDS.approvalRequired);
      const gateway = (d: Decision): GatewayFields => {
        const approvalId = isHold(d) ? holdId : usedApproval;
        return {
          api: ctx.api,
          request_id: ctx.requestId,
          tool: call.name,
          arguments_sha256: argumentsSha256,
          ...(call.id !== undefined ? { tool_call_id: call.id } : {}),
          ...(ctx.model !== undefined ? { model: ctx.model } : {}),
          ...(ctx.responseId !== undefined ? { response_id: ctx.responseId } : {}),
          ...(approvalId !== undefined ? { approval_id: approvalId } : {}),
        };
      };
      const { decision, record } = await session.govern(action, {
        actor: { owner: ctx.owner, agent: ctx.agentId, session: ctx.sessionId },
        findings,
        gateway,
      });
      const sealed = { id: record.record.event_id, hash: record.record.hash };
      const first = decision.blocking[0];
      if (isHold(decision)) {
        if (newHold !== undefined) {
          const created = now();
          storeRequest(session.home, {
            format: 'seatbelt-approval',
            version: 1,
            id: newHold,
            tool: call.name,
            arguments: text,
            arguments_sha256: argumentsSha256,
            owner: ctx.owner,
            ...(ctx.agentId !== undefined ? { agent: ctx.agentId } : {}),
            api: ctx.api,
            request_id: ctx.requestId,
            hold_event_id: sealed.id,
            created: created.toISOString(),
            expires: new Date(created.getTime() + ttl).toISOString(),
            ttl_ms: ttl,
          });
        }
        return {
          verdict: 'hold',
          ruleId: TOOL_RULE_IDS.approvalRequired,
          reason: first!.reason,
          remediation: `ask the operator to run: seatbelt approve ${holdId}; then resubmit the same call with approval id ${holdId}`,
          risk: first!.risk,
          approvalId: holdId!,
          record: sealed,
          decision,
        };
      }
      if (decision.decision === 'block') {
        return {
          verdict: 'block',
          ruleId: first?.ruleId ?? 'policy.blocked',
          reason: decision.reason,
          remediation: decision.remediation,
          ...(first ? { risk: first.risk } : {}),
          record: sealed,
          decision,
        };
      }
      return { verdict: 'allow', record: sealed, decision };
    },
  };
}
