// The gateway's rules about tool calls (src/gateway/): what the tool registry says of a call that
// carries no command to analyse, and the approval gate. A tool call that carries a shell command,
// an argv or SQL is judged by the shell and SQL packs instead; these rules only speak where no
// command exists or the call could not be read. Pure data: ids, risks, reasons, remediations, and
// examples (tool calls with the registry entry that applies), checked by test/gateway/commit-rules.test.ts.
import type { Risk, RuleMatch, ToolCallAction } from '../../core/types.js';
import type { RuleInfo } from '../rule.js';

/** A tool call as an example: its name, its arguments, and the registry entry that applies (none: unknown). */
export interface ToolCallExample {
  tool: string;
  arguments: unknown;
  /** A registry entry for the example (as in a registry file); absent: the default registry. */
  entry?: Record<string, unknown>;
  /** The policy the example is judged under; default safe_defaults. */
  policy?: string;
  /** For the approval rules: the state of the approval the call carries. */
  approval?: 'none' | 'pending' | 'denied' | 'used' | 'other_call';
}

export interface ToolRule extends RuleInfo {
  examples: { block: ToolCallExample[]; allow: ToolCallExample[] };
}

const tierRule = (risk: Risk, block: ToolCallExample[], allow: ToolCallExample[]): ToolRule => ({
  id: `gateway.tool_risk_${risk.toLowerCase()}`,
  risk,
  reason: `the tool is registered at risk ${risk} (a tool call with no command inside is judged by its registered risk)`,
  remediation: 'ask the operator to run it, or to register the tool at a lower risk under a policy that allows it',
  examples: { block, allow },
});

const payment = { name: 'send_payment', action: 'tier', risk: 'CRITICAL' };
const email = { name: 'send_email', action: 'tier', risk: 'HIGH' };
const ticket = { name: 'create_ticket', action: 'tier', risk: 'MEDIUM' };
const weather = { name: 'get_weather', action: 'tier', risk: 'LOW' };

export const TOOL_RULES: readonly ToolRule[] = [
  tierRule(
    'CRITICAL',
    [{ tool: 'send_payment', arguments: { amount: 100 }, entry: payment }],
    [{ tool: 'get_weather', arguments: { city: 'Oslo' }, entry: weather }],
  ),
  tierRule(
    'HIGH',
    [{ tool: 'send_email', arguments: { to: 'a@example.com' }, entry: email }],
    [{ tool: 'create_ticket', arguments: { title: 't' }, entry: ticket }],
  ),
  tierRule(
    'MEDIUM',
    [{ tool: 'create_ticket', arguments: { title: 't' }, entry: ticket, policy: 'read_only' }],
    [{ tool: 'create_ticket', arguments: { title: 't' }, entry: ticket }],
  ),
  tierRule(
    'LOW',
    [{ tool: 'get_weather', arguments: { city: 'Oslo' }, entry: weather, policy: 'strict_prod' }],
    [{ tool: 'get_weather', arguments: { city: 'Oslo' }, entry: weather }],
  ),
  {
    id: 'gateway.unknown_tool',
    risk: 'MEDIUM',
    reason: 'the tool is not in the tool registry, and this policy refuses tools it cannot judge',
    remediation: 'register the tool (its command pointer, or a risk tier) in the gateway registry file, or use a registered tool',
    examples: {
      block: [
        { tool: 'frobnicate', arguments: {}, policy: 'strict_prod' },
        { tool: 'frobnicate', arguments: {}, policy: 'read_only' },
      ],
      allow: [{ tool: 'frobnicate', arguments: {} }],
    },
  },
  {
    id: 'gateway.malformed_arguments',
    risk: 'HIGH',
    class: 'fail_closed',
    reason: 'the tool call arguments could not be read: not a JSON object, or the command is missing, ambiguous or of the wrong type',
    remediation: 'send the arguments as a JSON object with exactly one command field of the registered type',
    examples: {
      block: [
        { tool: 'bash', arguments: '{"command": "ls"' },
        { tool: 'bash', arguments: { cmd: 'ls', command: 'rm -rf ~' } },
        { tool: 'bash', arguments: { command: ['ls'] } },
        { tool: 'execute_sql', arguments: {} },
      ],
      allow: [
        { tool: 'bash', arguments: { command: 'ls -la' } },
        { tool: 'execute_sql', arguments: { query: 'SELECT 1' } },
      ],
    },
  },
  {
    id: 'gateway.approval_required',
    risk: 'HIGH',
    reason: 'the tool is registered as needing an operator approval for each call; the call is held until the operator decides',
    remediation: 'ask the operator to run `seatbelt approve <approval id>`, then resubmit the same call with the approval id',
    examples: {
      block: [{ tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW', approval: 'required' } }],
      allow: [{ tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW' } }],
    },
  },
  {
    id: 'gateway.approval_denied',
    risk: 'HIGH',
    reason: 'the operator denied this tool call',
    remediation: 'do not retry the call; ask the operator what to do instead',
    examples: {
      block: [
        { tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW', approval: 'required' }, approval: 'denied' },
      ],
      allow: [{ tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW' }, approval: 'denied' }],
    },
  },
  {
    id: 'gateway.approval_invalid',
    risk: 'HIGH',
    reason:
      'the approval id the call carries does not approve this call: unknown, expired, already used, or for another tool call or owner',
    remediation: 'resubmit the exact call the approval was given for, once; or resubmit without an approval id to ask for a new one',
    examples: {
      block: [
        { tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW', approval: 'required' }, approval: 'used' },
        {
          tool: 'send_payment',
          arguments: { amount: 5 },
          entry: { ...payment, risk: 'LOW', approval: 'required' },
          approval: 'other_call',
        },
      ],
      allow: [{ tool: 'send_payment', arguments: { amount: 5 }, entry: { ...payment, risk: 'LOW' }, approval: 'used' }],
    },
  },
];

const BY_ID: ReadonlyMap<string, ToolRule> = new Map(TOOL_RULES.map((r) => [r.id, r]));

export const TOOL_RULE_IDS = {
  unknownTool: 'gateway.unknown_tool',
  malformedArguments: 'gateway.malformed_arguments',
  approvalRequired: 'gateway.approval_required',
  approvalDenied: 'gateway.approval_denied',
  approvalInvalid: 'gateway.approval_invalid',
} as const;

export const tierRuleId = (risk: Risk): string => `gateway.tool_risk_${risk.toLowerCase()}`;

/** A match of one of these rules; `reason` may add what was found to the rule's own reason. */
export function toolMatch(id: string, evidence: string, detail?: string, cls?: RuleMatch['class']): RuleMatch {
  const rule = BY_ID.get(id);
  if (!rule) throw new TypeError(`unknown tool rule ${id}`);
  return {
    ruleId: rule.id,
    class: cls ?? rule.class ?? 'rule',
    risk: rule.risk,
    reason: detail ? `${rule.reason}: ${detail}` : rule.reason,
    remediation: rule.remediation,
    evidence,
  };
}

/**
 * What the registry's verdict on a tool call with no command inside means as matches: its risk
 * tier, or arguments that could not be read. A tool not in the registry has no match here; the
 * policy decides it (policy/apply.ts, `blockUnknownTools`).
 */
export function evaluateToolCall(action: ToolCallAction): RuleMatch[] {
  const evidence = `${action.name} ${action.arguments.length > 200 ? action.arguments.slice(0, 197) + '...' : action.arguments}`;
  const r = action.registry;
  if ('risk' in r) return [toolMatch(tierRuleId(r.risk), evidence, `tool ${action.name}`)];
  if ('malformed' in r) return [toolMatch(TOOL_RULE_IDS.malformedArguments, evidence, r.malformed)];
  return [];
}
