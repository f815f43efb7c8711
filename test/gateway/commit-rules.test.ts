// The gateway's tool rules (src/rules/tool/) by their own examples, through the gate: each block
// example is refused by that rule at its declared risk; each allow example is not refused by it.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession } from '../../src/adapters/session.js';
import { openGate } from '../../src/gateway/commit.js';
import { validateRegistry } from '../../src/gateway/registry.js';
import { decideHeld } from '../../src/gateway/approve.js';
import { TOOL_RULES, type ToolCallExample } from '../../src/rules/tool/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-tool-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Judges an example in a fresh home; the approval state is set up through the real flow first. */
async function judge(ex: ToolCallExample) {
  const home = path.join(dir, `h${n++}`);
  const session = openSession(
    { audit: path.join(home, 'audit.jsonl'), policy: ex.policy ?? 'safe_defaults', cwd: dir },
    { SEATBELT_HOME: home, HOME: dir },
  );
  const gate = openGate({ session, registry: validateRegistry({ tools: ex.entry ? [ex.entry] : [] }) });
  const ctx = { api: 'mcp' as const, requestId: 'r', owner: 'human:alice' };
  const call = { name: ex.tool, arguments: ex.arguments };
  let approvalId: string | undefined;
  if (ex.approval && ex.approval !== 'none') {
    // Held under an entry that needs approval, then decided; the example's own entry judges the resubmission.
    const asking = openGate({ session, registry: validateRegistry({ tools: [{ ...ex.entry, approval: 'required' }] }) });
    const other = ex.approval === 'other_call' ? { ...call, arguments: { other: true } } : call;
    approvalId = (await asking.commit(other, ctx)).approvalId!;
    if (ex.approval !== 'pending')
      decideHeld(session, approvalId, ex.approval === 'denied' ? 'denied' : 'approved', { user: 'op', host: 'h' });
    if (ex.approval === 'used') await asking.commit(other, { ...ctx, approvalId });
  }
  return gate.commit(call, { ...ctx, ...(approvalId ? { approvalId } : {}) });
}

describe.each(TOOL_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it.each(rule.examples.block.map((e) => [JSON.stringify(e), e] as const))('blocks %s', async (_l, ex) => {
    const v = await judge(ex);
    expect(v.verdict).not.toBe('allow');
    expect(v.decision.blocking.map((m) => `${m.ruleId}:${m.risk}`)).toContain(`${rule.id}:${rule.risk}`);
  });
  it.each(rule.examples.allow.map((e) => [JSON.stringify(e), e] as const))('allows %s', async (_l, ex) => {
    const v = await judge(ex);
    expect(v.decision.blocking.map((m) => m.ruleId)).not.toContain(rule.id);
  });
});
