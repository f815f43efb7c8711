// Issue 17: anyone who can write to the trail, with no key, appends a forged decision and a
// fragment; the next exec recovers the fragment. verify must say so, and every reader — audit tail,
// show, stats, export (and the signed export), report, the MCP audit_trail tool — must read only
// the records that verify, and say how many lines it skipped and why. Through bin/seatbelt.
import { execa } from 'execa';
import * as fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { initKeys, keyPaths, loadSigner } from '../../src/audit/keys.js';
import { rotateKeys } from '../../src/audit/rotate.js';
import { sealRecord } from '../../src/audit/seal.js';
import { openSession } from '../../src/adapters/session.js';
import { TOOLS } from '../../src/adapters/mcp/tools.js';
import { actor, bodyAt, otherSigner } from '../audit/fixtures.js';
import { BIN, tempHome } from '../e2e/helpers.js';
import { ensureBuilt } from './build.js';

let t: ReturnType<typeof tempHome>;
let forgedId: string;
let realAllows: number;

function sb(args: string[], env: Record<string, string> = {}) {
  return execa(BIN, args, { env: { PATH: process.env.PATH!, ...t.env, ...env }, extendEnv: false, reject: false, stdin: 'ignore' });
}

beforeAll(async () => {
  ensureBuilt();
  t = tempHome();
  expect((await sb(['exec', '--agent', 'a', '--', 'true'])).exitCode).toBe(0);
  expect((await sb(['exec', '--agent', 'a', '--', 'rm', '-rf', '/'])).exitCode).toBe(77);
  // The forger: no key, so the line is signed by some other key (or not at all), chained to the end.
  const lines = fs.readFileSync(t.audit, 'utf8').trim().split('\n');
  const last = JSON.parse(lines.at(-1)!) as { seq: number; hash: string };
  const forged = sealRecord({ ...bodyAt(0), decision: 'allow' }, { seq: last.seq + 1, prevHash: last.hash }, otherSigner);
  forgedId = forged.record.event_id;
  fs.appendFileSync(t.audit, `${forged.line}\n{"torn`);
  // The next exec recovers the fragment (only it) and goes on.
  expect((await sb(['exec', '--agent', 'a', '--', 'true'])).exitCode).toBe(0);
  realAllows = 2;
}, 120_000);

afterAll(() => fs.rmSync(t.dir, { recursive: true, force: true }));

describe('a forged line and a fragment, recovered by the next exec', () => {
  it('verify reports the forged line; the recovery covers the fragment alone', async () => {
    const r = await sb(['verify', '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { line: number; class: string }[]; recoveries: number };
    expect(report.findings.map((f) => f.class)).toEqual(['UNKNOWN_KEY']);
    expect(report.recoveries).toBe(1);
  });

  it('audit tail shows only verified records and says what it skipped', async () => {
    const r = await sb(['audit', 'tail', '--json', '-n', '100']);
    expect(r.exitCode).toBe(0);
    const records = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_id: string; type: string });
    expect(records.map((x) => x.event_id)).not.toContain(forgedId);
    expect(records.filter((x) => x.type === 'recovery')).toHaveLength(1);
    expect(r.stderr).toMatch(/skipped 1 line\(s\) .* do not verify as part of the chain \(1 UNKNOWN_KEY/);
  });

  it('audit show does not find the forged record', async () => {
    const r = await sb(['audit', 'show', forgedId]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/no record with event id/);
  });

  it('audit stats does not count the forged decision', async () => {
    const r = await sb(['audit', 'stats', '--by', 'decision', '--json']);
    const rows = (JSON.parse(r.stdout) as { rows: { key: string; total: number }[] }).rows;
    expect(rows.find((x) => x.key === 'allow')?.total).toBe(realAllows);
    expect(r.stderr).toMatch(/skipped 1 line/);
  });

  it('audit export refuses; with --force the export and its signature leave the forged line out', async () => {
    const out = path.join(t.dir, 'export.csv');
    expect((await sb(['audit', 'export', '--csv', '--out', out])).exitCode).toBe(1);
    const forced = await sb(['audit', 'export', '--csv', '--out', out, '--force']);
    expect(forced.exitCode).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv).not.toContain(forgedId);
    expect(csv.split('\r\n').filter((l) => l.includes(',allow,'))).toHaveLength(realAllows);
    const sig = JSON.parse(fs.readFileSync(`${out}.sig`, 'utf8')) as { source: { findings: number } };
    expect(sig.source.findings).toBe(1);
    expect((await sb(['audit', 'verify-export', out])).exitCode).toBe(0);
  });

  it('audit report draws its figures from verified records only', async () => {
    const out = path.join(t.dir, 'report.html');
    const r = await sb(['audit', 'report', '--html', '--out', out]);
    expect(r.exitCode).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toContain(forgedId);
    expect(html).toMatch(/"verification":\{"ok":false/);
  });

  it('the MCP audit_trail tool returns verified records and names the skipped line', async () => {
    const session = await openSession({ audit: t.audit }, { ...t.env, PATH: process.env.PATH! });
    const tool = TOOLS.find((x) => x.name === 'audit_trail')!;
    const res = (await tool.run({ limit: 100 }, session)) as {
      records: { event_id: string }[];
      skipped_lines: number;
      skipped: { class: string }[];
    };
    expect(res.records.map((x) => x.event_id)).not.toContain(forgedId);
    expect(res.skipped_lines).toBe(1);
    expect(res.skipped[0]!.class).toBe('UNKNOWN_KEY');
  });
});

describe('keys: verify trusts exactly the keyring', () => {
  it('a public key dropped in the key folder but absent from keyring.json is not trusted', async () => {
    const home = path.join(t.dir, 'home2');
    const audit = path.join(t.dir, 'audit2.jsonl');
    initKeys({ home, force: false });
    appendRecord(audit, bodyAt(0), loadSigner({ home, autoCreate: false }).signer);
    rotateKeys({ home, audit, actor }); // makes keys/keyring.json
    fs.writeFileSync(path.join(keyPaths(home).retiredDir, `2020-01-01T00-00-00-000Z-planted.pem`), otherSigner.publicKeyPem);
    appendRecord(audit, bodyAt(3), otherSigner);
    const r = await sb(['verify', audit, '--json'], { SEATBELT_HOME: home });
    expect(r.exitCode).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { class: string; line: number }[] }).findings).toEqual([
      expect.objectContaining({ line: 3, class: 'UNKNOWN_KEY' }),
    ]);
  });
});

describe('v2 and v3 records name their algorithm and, when the operator set one, the environment', () => {
  it('SEATBELT_ENVIRONMENT=staging: every record the exec writes says so, signed; the CSV has the column', async () => {
    const audit = path.join(t.dir, 'env.jsonl');
    expect((await sb(['exec', '--audit', audit, '--', 'true'], { SEATBELT_ENVIRONMENT: 'staging' })).exitCode).toBe(0);
    const records = fs
      .readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.type, r.v, r.alg, r.environment])).toEqual([
      ['decision', 3, 'Ed25519', 'staging'],
      ['outcome', 3, 'Ed25519', 'staging'],
    ]);
    expect((await sb(['verify', audit])).exitCode).toBe(0);
    const csv = (await sb(['audit', 'export', '--csv', '--audit', audit])).stdout.split('\r\n');
    expect(csv[0]!.split(',').at(-1)).toBe('environment');
    expect(csv[1]!.split(',').at(-1)).toBe('staging');
    expect((await sb(['exec', '--audit', audit, '--', 'true'], { SEATBELT_ENVIRONMENT: 'laptop' })).exitCode).toBe(78);
  });
});
