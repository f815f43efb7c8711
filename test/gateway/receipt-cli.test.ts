// `seatbelt receipt verify` through the real binary, on a receipt made by the gate in a scratch home.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapters/session.js';
import { openGate } from '../../src/gateway/commit.js';
import { defaultRegistry } from '../../src/gateway/registry.js';
import { seatbelt, tempHome } from '../e2e/helpers.js';

const t = tempHome();
afterAll(() => rmSync(t.dir, { recursive: true, force: true }));

describe('seatbelt receipt verify', () => {
  it('accepts a receipt under the home key, checks its records in the trail, and refuses a tampered one', async () => {
    const session = openSession({ audit: t.audit, cwd: t.dir }, t.env);
    const gate = openGate({ session, registry: defaultRegistry() });
    const v = await gate.commit({ name: 'bash', arguments: { command: 'ls' } }, { api: 'mcp', requestId: 'r1', owner: 'human:a' });
    const header = gate.receipt([v.record], { requestId: 'r1' });

    const ok = await seatbelt(['receipt', 'verify', header, '--audit', t.audit], { env: t.env });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`record ${v.record.id} hash ${v.record.hash}`);
    expect(ok.stdout).toContain(`every record is in ${t.audit}`);

    const pub = path.join(t.home, 'keys', 'public-key.pem');
    expect((await seatbelt(['receipt', 'verify', header, '--pubkey', pub, '--json'], { env: t.env })).stdout).toMatch(/"ok":true/);

    const [a, payload, sig, key] = header.split('.') as [string, string, string, string];
    const other = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"r1"', '"r2"')).toString('base64url');
    const bad = await seatbelt(['receipt', 'verify', [a, other, sig, key].join('.')], { env: t.env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/receipt NOT valid: the signature does not verify/);
    expect((await seatbelt(['receipt', 'verify', 'nonsense'], { env: t.env })).exitCode).toBe(1);
  });
});
