// `seatbelt verify` through the real binary on v3 trails: one signature per run by default, every
// one with --every-signature, the same findings either way, and the report says which it did.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { canonicalize } from '../../src/audit/canonical.js';
import { loadSigner } from '../../src/audit/keys.js';
import { expectedHash } from '../../src/audit/seal.js';
import { bodyAt } from '../audit/fixtures.js';
import { seatbelt, tempHome } from './helpers.js';

async function trail(n: number) {
  const t = tempHome();
  expect((await seatbelt(['keys', 'init'], { env: t.env })).exitCode).toBe(0);
  const { signer } = loadSigner({ home: t.home, autoCreate: false });
  for (let i = 0; i < n; i++) appendRecord(t.audit, bodyAt(i), signer);
  return t;
}

describe('seatbelt verify on a v3 trail', () => {
  it('checks one signature per run and says the rest are committed; --every-signature checks them all', async () => {
    const t = await trail(6);
    expect(readFileSync(t.audit, 'utf8').split('\n')[0]).toContain('"v":3');
    const text = await seatbelt(['verify'], { env: t.env });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('1 signature checked; the other 5 records are committed by the hash chain to a checked signature');
    const json = JSON.parse((await seatbelt(['verify', '--json'], { env: t.env })).stdout) as { ok: boolean; signatures: unknown };
    expect(json).toMatchObject({ ok: true, signatures: { checked: 1, committed: 5 } });
    const every = await seatbelt(['verify', '--every-signature'], { env: t.env });
    expect(every.exitCode).toBe(0);
    expect(every.stdout).toMatch(/^6 signatures checked$/m);
  });

  it('a signature byte changed and its hash recomputed: the same BAD_SIGNATURE with and without --every-signature', async () => {
    const t = await trail(6);
    const lines = readFileSync(t.audit, 'utf8').trimEnd().split('\n');
    const r = JSON.parse(lines[2]!) as Record<string, unknown>;
    const sig = Buffer.from(r.sig as string, 'base64');
    sig[5]! ^= 0x01;
    const forged = { ...r, sig: sig.toString('base64') };
    lines[2] = canonicalize({ ...forged, hash: expectedHash(forged) });
    writeFileSync(t.audit, `${lines.join('\n')}\n`);
    for (const args of [
      ['verify', '--json'],
      ['verify', '--json', '--every-signature'],
    ]) {
      const got = await seatbelt(args, { env: t.env });
      expect(got.exitCode).toBe(1);
      const report = JSON.parse(got.stdout) as { findings: { line: number; class: string }[] };
      expect(report.findings.map((f) => [f.line, f.class])).toEqual([[3, 'BAD_SIGNATURE']]);
    }
  });
});
