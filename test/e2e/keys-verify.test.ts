// `seatbelt keys` and `seatbelt verify` through the real binary (bin/seatbelt → dist/seatbelt.mjs).
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { loadSigner } from '../../src/audit/keys.js';
import { bodyAt, otherSigner } from '../audit/fixtures.js';
import { seatbelt as spawnSeatbelt, tempHome } from './helpers.js';

/** The binary's result with text output (execa's Result type is generic over its options). */
async function seatbelt(args: string[], opts: { env: Record<string, string> }) {
  const r = await spawnSeatbelt(args, opts);
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A home with a key made by `keys init`, and a trail of `n` records signed with it. */
async function trail(n: number) {
  const t = tempHome();
  const init = await seatbelt(['keys', 'init'], { env: t.env });
  expect(init.exitCode).toBe(0);
  const { signer } = loadSigner({ home: t.home, autoCreate: false });
  for (let i = 0; i < n; i++) appendRecord(t.audit, bodyAt(i), signer);
  return t;
}

describe('seatbelt keys', () => {
  it('init creates the pair with safe modes; a second init refuses (78); --force replaces it', async () => {
    const t = tempHome();
    const r = await seatbelt(['keys', 'init'], { env: t.env });
    expect(r.exitCode).toBe(0);
    const keyId = /created signing key (SHA256:\S+)/.exec(r.stdout)![1]!;
    const priv = path.join(t.home, 'keys', 'private-key.pem');
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(t.home, 'keys')).mode & 0o777).toBe(0o700);

    const again = await seatbelt(['keys', 'init'], { env: t.env });
    expect(again.exitCode).toBe(78);
    expect(again.stderr).toMatch(/already exists.*--force/);

    const forced = await seatbelt(['keys', 'init', '--force'], { env: t.env });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).not.toContain(keyId);
  });

  it('show prints the PEM public key, an ssh-ed25519 line and the fingerprint', async () => {
    const t = tempHome();
    const none = await seatbelt(['keys', 'show'], { env: t.env });
    expect(none.exitCode).toBe(78);
    expect(none.stderr).toMatch(/seatbelt keys init/);
    const init = await seatbelt(['keys', 'init'], { env: t.env });
    const keyId = /created signing key (SHA256:\S+)/.exec(init.stdout)![1]!;
    const show = await seatbelt(['keys', 'show'], { env: t.env });
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toContain(readFileSync(path.join(t.home, 'keys', 'public-key.pem'), 'utf8'));
    expect(show.stdout).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ seatbelt$/m);
    expect(show.stdout).toContain(`fingerprint: ${keyId}`);
    const json = await seatbelt(['keys', 'show', '--json'], { env: t.env });
    expect(JSON.parse(json.stdout)).toMatchObject({ keyId });
  });

  it('a group-readable private key is refused: the command does not run (78), and the fix is named', async () => {
    const t = await trail(0);
    const { chmodSync } = await import('node:fs');
    const priv = path.join(t.home, 'keys', 'private-key.pem');
    chmodSync(priv, 0o640);
    const marker = path.join(t.dir, 'ran');
    const r = await seatbelt(['exec', '--', 'touch', marker], { env: t.env });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain(`chmod 600 ${priv}`);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('seatbelt verify', () => {
  it('exit 0 for an intact trail: summary, last hash and the truncation note', async () => {
    const t = await trail(5);
    const r = await seatbelt(['verify', t.audit], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`${t.audit}: 5 records (3 decisions, 0 recoveries): intact`);
    expect(r.stdout).toMatch(/last record: seq 4 hash [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/deleting the last records .* cannot be detected from the file alone/);
  });

  it('defaults to $SEATBELT_AUDIT, then $SEATBELT_HOME/audit.jsonl', async () => {
    const t = await trail(2);
    expect((await seatbelt(['verify'], { env: t.env })).exitCode).toBe(0);
    const { SEATBELT_AUDIT: _, ...noAuditEnv } = t.env;
    const r = await seatbelt(['verify'], { env: noAuditEnv });
    expect(r.exitCode).toBe(66); // the default trail is not there
    expect(r.stderr).toContain(path.join(t.home, 'audit.jsonl'));
  });

  it('exit 1 with one finding per line, and every finding (not just the first)', async () => {
    const t = await trail(6);
    const lines = readFileSync(t.audit, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"exit_code":0', '"exit_code":9');
    lines.splice(4, 1);
    writeFileSync(t.audit, lines.join('\n'));
    appendFileSync(t.audit, '{"torn');
    const r = await seatbelt(['verify', t.audit], { env: t.env });
    expect(r.exitCode).toBe(1);
    const findings = r.stdout.split('\n').filter((l) => l.startsWith('line '));
    expect(findings.map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual([
      'line 2 seq 1 HASH_MISMATCH',
      'line 5 seq 5 SEQ_GAP',
      'line 6 seq - TORN_TAIL',
    ]);
    expect(r.stdout).toMatch(/: 3 findings$/m);
  });

  it('--json gives {ok, records, findings:[{line, seq, class, detail}]}', async () => {
    const t = await trail(3);
    appendFileSync(t.audit, 'not json\n');
    const r = await seatbelt(['verify', t.audit, '--json'], { env: t.env });
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; records: number; findings: unknown[]; note: string };
    expect(report).toMatchObject({
      ok: false,
      records: 3,
      findings: [{ line: 4, seq: null, class: 'MALFORMED', detail: expect.stringMatching(/not JSON/) }],
    });
    expect(report.note).toMatch(/cannot be detected from the file alone/);
  });

  it('--pubkey: PEM or ssh-ed25519 line, repeatable; a key that did not sign → UNKNOWN_KEY (exit 1)', async () => {
    const t = await trail(2);
    const pem = path.join(t.home, 'keys', 'public-key.pem');
    const show = await seatbelt(['keys', 'show'], { env: t.env });
    const ssh = path.join(t.dir, 'key.pub');
    writeFileSync(ssh, /^ssh-ed25519 .*$/m.exec(show.stdout)![0]);
    const other = path.join(t.dir, 'other.pem');
    writeFileSync(other, otherSigner.publicKeyPem);
    expect((await seatbelt(['verify', t.audit, '--pubkey', pem], { env: t.env })).exitCode).toBe(0);
    expect((await seatbelt(['verify', t.audit, '--pubkey', ssh], { env: t.env })).exitCode).toBe(0);
    expect((await seatbelt(['verify', t.audit, '--pubkey', other, '--pubkey', ssh], { env: t.env })).exitCode).toBe(0);
    const wrong = await seatbelt(['verify', t.audit, '--pubkey', other], { env: t.env });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toMatch(/^line 1 seq 0 UNKNOWN_KEY /m);
  });

  it('records signed before `keys init --force` still verify by default (retired key kept)', async () => {
    const t = await trail(2);
    expect((await seatbelt(['keys', 'init', '--force'], { env: t.env })).exitCode).toBe(0);
    const { signer } = loadSigner({ home: t.home, autoCreate: false });
    appendRecord(t.audit, bodyAt(2), signer);
    expect((await seatbelt(['verify', t.audit], { env: t.env })).exitCode).toBe(0);
  });

  it('the common exit codes for everything but findings: 64 usage, 66 input missing, 78 keys', async () => {
    const t = await trail(1);
    const missing = await seatbelt(['verify', path.join(t.dir, 'nope.jsonl')], { env: t.env });
    expect(missing.exitCode).toBe(66);
    expect(missing.stderr).toMatch(/^seatbelt: verify: cannot read .*nope\.jsonl/);
    const bogus = await seatbelt(['verify', t.audit, '--bogus'], { env: t.env });
    expect(bogus.exitCode).toBe(64);
    expect(bogus.stderr).toMatch(/^seatbelt: unknown option '--bogus'\n\(see: seatbelt verify --help\)/);
    expect((await seatbelt(['verify', t.audit, 'extra-arg'], { env: t.env })).exitCode).toBe(64);
    const unreadableKey = await seatbelt(['verify', t.audit, '--pubkey', path.join(t.dir, 'nope.pem')], { env: t.env });
    expect(unreadableKey.exitCode).toBe(66);
    expect(unreadableKey.stderr).toMatch(/cannot read public key .*nope\.pem/);
    const badKey = await seatbelt(['verify', t.audit, '--pubkey', t.audit], { env: t.env });
    expect(badKey.exitCode).toBe(78);
    expect(badKey.stderr).toMatch(/not a PEM or ssh-ed25519 public key/);
    const noKeys = tempHome();
    const r = await seatbelt(['verify', t.audit], { env: noKeys.env });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/^seatbelt: .*no public key/);
    expect((await seatbelt(['verify', '--help'], { env: t.env })).exitCode).toBe(0);
    expect(existsSync(t.audit)).toBe(true);
  });

  it('an empty file is a finding (exit 1), not "intact"', async () => {
    const t = await trail(0);
    writeFileSync(t.audit, '');
    const r = await seatbelt(['verify', t.audit], { env: t.env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^line 0 seq - EMPTY /m);
  });
});
