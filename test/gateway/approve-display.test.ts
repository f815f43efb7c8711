// What the operator reads before approving (`seatbelt approve --list`, through the binary): every
// argument of the held call — the model could put a long member first (JCS sorts keys) to push the
// recipient past a cut — and nothing the model or caller wrote can drive the terminal (escapes,
// C1 controls, bidirectional overrides are shown as \u escapes).
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { canonicalize } from '../../src/audit/canonical.js';
import { sha256, storeRequest } from '../../src/gateway/approvals.js';

const t = tempHome();
afterAll(() => fs.rmSync(t.dir, { recursive: true, force: true }));

describe('seatbelt approve --list', () => {
  it('shows every argument, with control and format characters escaped', async () => {
    const args = canonicalize({ aaa_note: 'x'.repeat(600), amount: 100000, to: 'attacker\u202e', memo: 'ok\u009b2K\u001b[2Kfine' });
    const created = new Date();
    storeRequest(t.home, {
      format: 'seatbelt-approval',
      version: 1,
      id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba2',
      tool: 'send_payment',
      arguments: args,
      arguments_sha256: sha256(args),
      owner: 'human:alice',
      agent: 'agent\u009b31m\u200bx',
      api: 'openai-chat',
      request_id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba3',
      hold_event_id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba4',
      created: created.toISOString(),
      expires: new Date(created.getTime() + 3_600_000).toISOString(),
      ttl_ms: 3_600_000,
    });
    const r = await seatbelt(['approve', '--list'], { env: t.env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('"to":"attacker\\u202e"');
    expect(r.stdout).toContain('"amount":100000');
    expect(r.stdout).toContain('ok\\u009b2K\\u001b[2Kfine');
    expect(r.stdout).toContain('agent agent\\u009b31m\\u200bx');
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\u200b\u202e\u001b]/);
  });
});
