// The commitment stage through the public API: a real session (scratch home, key and trail), the
// default engine, the gate; every verdict sealed, and the trail verifies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession, type Session } from '../../src/adapters/session.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { readHomePublicKeys } from '../../src/audit/keys.js';
import { openGate, type CallContext, type Gate } from '../../src/gateway/commit.js';
import { validateRegistry } from '../../src/gateway/registry.js';
import { decideHeld } from '../../src/gateway/approve.js';
import { listApprovals } from '../../src/gateway/approvals.js';
import { verifyReceipt } from '../../src/gateway/receipt.js';
import { showRecord, tailLine, type Paint } from '../../src/adapters/cli/audit-print.js';

const id = (s: string) => s;
const plainPaint: Paint = { red: id, green: id, yellow: id, dim: id, bold: id };

let dir: string;
const open = (policy = 'safe_defaults'): { session: Session; gate: Gate } => {
  const session = openSession(
    { audit: path.join(dir, 'audit.jsonl'), policy, cwd: dir, recordInput: true },
    {
      SEATBELT_HOME: path.join(dir, 'home'),
      HOME: dir,
    },
  );
  const registry = validateRegistry({
    tools: [
      { name: 'send_email', action: 'tier', risk: 'HIGH' },
      { name: 'create_ticket', action: 'tier', risk: 'MEDIUM' },
      { name: 'send_payment', action: 'tier', risk: 'LOW', approval: 'required' },
      { name: 'deploy', action: 'shell', pointer: '/script', approval: 'required' },
    ],
  });
  return { session, gate: openGate({ session, registry }) };
};
const ctx = (over: Partial<CallContext> = {}): CallContext => ({
  api: 'openai-chat',
  requestId: '01936d7a-5f1e-7c2a-9b3d-4e5f6a7b8c9d',
  owner: 'human:alice',
  agentId: 'agent-7',
  sessionId: 's-1',
  model: 'gpt-test',
  ...over,
});
const trail = () =>
  readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);
const verifies = () => {
  const keys = readHomePublicKeys(path.join(dir, 'home')).map((k) => k.key);
  return verifyTrail(readFileSync(path.join(dir, 'audit.jsonl')), { publicKeys: keys });
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-gate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openGate().commit', () => {
  it('allows a harmless shell tool call and seals it with the gateway fields and the caller as actor', async () => {
    const { gate } = open();
    const v = await gate.commit({ id: 'call_1', name: 'bash', arguments: { command: 'ls -la' } }, ctx({ responseId: 'resp_9' }));
    expect(v.verdict).toBe('allow');
    const [rec] = trail();
    expect(rec!.event_id).toBe(v.record.id);
    expect(rec!.hash).toBe(v.record.hash);
    expect(rec!.action).toMatchObject({ kind: 'shell', input: 'ls -la' });
    expect(rec!.actor).toMatchObject({ owner: 'human:alice', agent: 'agent-7', session: 's-1' });
    expect(rec!.gateway).toEqual({
      api: 'openai-chat',
      request_id: '01936d7a-5f1e-7c2a-9b3d-4e5f6a7b8c9d',
      tool: 'bash',
      arguments_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      tool_call_id: 'call_1',
      model: 'gpt-test',
      response_id: 'resp_9',
    });
    expect(verifies().ok).toBe(true);
    const shown = showRecord({ line: 1, record: rec! }, undefined, plainPaint);
    expect(shown).toMatch(
      /gateway +openai-chat tool bash, request 01936d7a-5f1e-7c2a-9b3d-4e5f6a7b8c9d, call call_1, model gpt-test, response resp_9/,
    );
    expect(shown).toContain('(owner caller-asserted)');
    expect(tailLine({ line: 1, record: rec! }, plainPaint)).toContain('shell bash via openai-chat');
  });

  it('refuses a destructive command by the engine rule, judged by structure not by the tool name', async () => {
    const { gate } = open();
    const v = await gate.commit({ name: 'run_shell_command', arguments: { command: 'rm -rf ~' } }, ctx());
    expect(v).toMatchObject({ verdict: 'block', risk: 'CRITICAL' });
    expect(v.decision.blocking.map((m) => m.ruleId)).toContain('filesystem.recursive_delete_home');
    expect(v.remediation).not.toBe('');
    const sql = await gate.commit({ name: 'execute_sql', arguments: { query: 'DROP TABLE users' } }, ctx());
    expect(sql.verdict).toBe('block');
    expect(trail().map((r) => r.decision)).toEqual(['block', 'block']);
  });

  it('judges tier tools by their registered risk under the policy', async () => {
    const { gate } = open();
    expect(await gate.commit({ name: 'send_email', arguments: { to: 'x' } }, ctx())).toMatchObject({
      verdict: 'block',
      ruleId: 'gateway.tool_risk_high',
    });
    expect((await gate.commit({ name: 'create_ticket', arguments: {} }, ctx())).verdict).toBe('allow');
    const strict = open('read_only').gate;
    expect((await strict.commit({ name: 'create_ticket', arguments: {} }, ctx())).verdict).toBe('block');
  });

  it('unknown tools follow the policy: safe_defaults allows and records, strict_prod refuses', async () => {
    const safe = await open().gate.commit({ name: 'get_weather', arguments: { city: 'Oslo' } }, ctx());
    expect(safe.verdict).toBe('allow');
    expect(trail()[0]!.rules).toEqual([expect.objectContaining({ id: 'gateway.unknown_tool', blocking: false })]);
    const strict = await open('strict_prod').gate.commit({ name: 'get_weather', arguments: { city: 'Oslo' } }, ctx());
    expect(strict.verdict).toBe('block');
    expect(strict.decision.blocking.map((m) => m.ruleId)).toContain('gateway.unknown_tool');
  });

  it('refuses malformed arguments with a rule id, under safe_defaults', async () => {
    const { gate } = open();
    for (const args of ['{"command": "ls"', { cmd: 'ls', command: 'rm -rf ~' }, { command: 42 }]) {
      const v = await gate.commit({ name: 'bash', arguments: args }, ctx());
      expect(v, JSON.stringify(args)).toMatchObject({ verdict: 'block', ruleId: 'gateway.malformed_arguments' });
    }
    expect(trail().every((r) => r.action.kind === 'tool')).toBe(true);
  });

  it('refuses a call without an owner', async () => {
    await expect(open().gate.commit({ name: 'bash', arguments: { command: 'ls' } }, ctx({ owner: '' }))).rejects.toThrow(/X-Commit-Owner/);
  });

  it('signs receipts that verify offline with the home key', async () => {
    const { gate } = open();
    const v = await gate.commit({ name: 'bash', arguments: { command: 'ls' } }, ctx());
    const header = gate.receipt([v.record], { requestId: 'r1' });
    const keys = readHomePublicKeys(path.join(dir, 'home')).map((k) => k.key);
    expect(verifyReceipt(header, keys)).toMatchObject({ ok: true, records: [v.record], requestId: 'r1' });
  });
});

describe('approvals', () => {
  const pay = { name: 'send_payment', arguments: { amount: 5, to: 'bob' } };

  it('holds, then runs the approved resubmission once, for the same call and owner only', async () => {
    const { session, gate } = open();
    const held = await gate.commit(pay, ctx());
    expect(held).toMatchObject({ verdict: 'hold', ruleId: 'gateway.approval_required' });
    const id = held.approvalId!;
    expect(held.remediation).toContain(`seatbelt approve ${id}`);
    expect(trail()[0]!.gateway.approval_id).toBe(id);
    expect(listApprovals(session.home).map((a) => [a.request.id, a.state])).toEqual([[id, 'pending']]);

    // Still pending: held again under the same id, no new approval.
    expect(await gate.commit(pay, ctx({ approvalId: id }))).toMatchObject({ verdict: 'hold', approvalId: id });
    expect(listApprovals(session.home)).toHaveLength(1);

    decideHeld(session, id, 'approved', { user: 'operator', host: 'h', owner: 'human:ops' });
    expect(trail().at(-1)).toMatchObject({
      decision: 'allow',
      policy: { name: 'operator_approval' },
      actor: { user: 'operator', owner: 'human:ops' },
      gateway: { approval_id: id, tool: 'send_payment' },
    });

    // Another call, another owner: not approved by it.
    expect(await gate.commit({ ...pay, arguments: { amount: 5000, to: 'bob' } }, ctx({ approvalId: id }))).toMatchObject({
      verdict: 'block',
      ruleId: 'gateway.approval_invalid',
    });
    expect(await gate.commit(pay, ctx({ approvalId: id, owner: 'human:mallory' }))).toMatchObject({ ruleId: 'gateway.approval_invalid' });

    const ran = await gate.commit(pay, ctx({ approvalId: id }));
    expect(ran.verdict).toBe('allow');
    expect(trail().at(-1)!.gateway.approval_id).toBe(id);
    const again = await gate.commit(pay, ctx({ approvalId: id }));
    expect(again).toMatchObject({ verdict: 'block', ruleId: 'gateway.approval_invalid' });
    expect(again.reason).toMatch(/already used/);
    expect(verifies().ok).toBe(true);
  });

  it('a caller that cannot carry the id (MCP) is held under one id, and the identical call runs once when approved', async () => {
    const { session, gate } = open();
    const id = (await gate.commit(pay, ctx())).approvalId!;
    expect(await gate.commit(pay, ctx())).toMatchObject({ verdict: 'hold', approvalId: id });
    expect(listApprovals(session.home)).toHaveLength(1);
    decideHeld(session, id, 'approved', { user: 'operator', host: 'h' });
    expect((await gate.commit(pay, ctx({ owner: 'human:mallory' }))).verdict).toBe('hold');
    expect((await gate.commit(pay, ctx())).verdict).toBe('allow');
    // Used: the next identical call asks again.
    const next = await gate.commit(pay, ctx());
    expect(next.verdict).toBe('hold');
    expect(next.approvalId).not.toBe(id);
  });

  it('a denied call is refused, and can be decided only once', async () => {
    const { session, gate } = open();
    const id = (await gate.commit(pay, ctx())).approvalId!;
    decideHeld(session, id, 'denied', { user: 'operator', host: 'h' });
    expect(() => decideHeld(session, id, 'approved', { user: 'operator', host: 'h' })).toThrow(/denied/);
    expect(await gate.commit(pay, ctx({ approvalId: id }))).toMatchObject({ verdict: 'block', ruleId: 'gateway.approval_denied' });
    expect(await gate.commit(pay, ctx())).toMatchObject({ verdict: 'block', ruleId: 'gateway.approval_denied' });
  });

  it('an approval does not lift the engine: an approved destructive command is still refused', async () => {
    const { gate } = open();
    const v = await gate.commit({ name: 'deploy', arguments: { script: 'rm -rf /' } }, ctx());
    expect(v.verdict).toBe('block');
    expect(v.ruleId).not.toBe('gateway.approval_required');
  });

  it('an unknown or made-up approval id is refused', async () => {
    const { gate } = open();
    expect(await gate.commit(pay, ctx({ approvalId: '01936d7a-5f1e-7c2a-9b3d-4e5f6a7b8c9d' }))).toMatchObject({
      ruleId: 'gateway.approval_invalid',
    });
    expect(await gate.commit(pay, ctx({ approvalId: '../../etc/passwd' }))).toMatchObject({ ruleId: 'gateway.approval_invalid' });
  });
});
