// `seatbelt audit …` and `seatbelt keys rotate|export-pub` end to end, through bin/seatbelt.
import { execa, type ResultPromise } from 'execa';
import * as fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { keyPaths, readPrivateKey, signerFromPrivateKey } from '../../src/audit/keys.js';
import { bodyAt } from '../audit/fixtures.js';
import { BIN, tempHome } from '../e2e/helpers.js';
import { ensureBuilt } from './build.js';

const ANSI = /\u001b\[/;
let t: ReturnType<typeof tempHome>;

/** Runs bin/seatbelt with only the variables given (no FORCE_COLOR or NO_COLOR leaking in). */
function sb(args: string[], env: Record<string, string> = {}) {
  return execa(BIN, args, { env: { PATH: process.env.PATH!, ...t.env, ...env }, extendEnv: false, reject: false, stdin: 'ignore' });
}

beforeAll(async () => {
  ensureBuilt();
  t = tempHome();
  expect((await sb(['exec', '--agent', 'agent-a', '--', 'true'])).exitCode).toBe(0);
  expect((await sb(['exec', '--agent', 'agent-b', '--', 'rm', '-rf', '/'])).exitCode).toBe(77);
  expect((await sb(['exec', '--agent', 'agent-a', '--shell', 'exit 3'])).exitCode).toBe(3);
  expect((await sb(['exec', '--agent', 'agent-b', '--', 'rm', '-rf', '/'])).exitCode).toBe(77);
}, 120_000);

describe('audit tail / show / stats', () => {
  it('tail prints one line per record, plain when stdout is not a terminal', async () => {
    const r = await sb(['audit', 'tail']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(6); // 4 decisions + 2 outcomes
    expect(lines.filter((l) => l.includes('BLOCK'))).toHaveLength(2);
    expect(lines[0]).toMatch(/#0\s+ALLOW\s+agent-a\s+argv/);
    expect(lines[1]).toMatch(/ran\s+exit 0 after \d+ ms\s+for event/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('colours only when asked, and NO_COLOR wins', async () => {
    expect((await sb(['audit', 'tail'], { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    expect((await sb(['audit', 'tail'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
  });

  it('tail -n, --json and the filters', async () => {
    expect((await sb(['audit', 'tail', '-n', '2'])).stdout.split('\n')).toHaveLength(2);
    const blocks = (await sb(['audit', 'tail', '--json', '--decision', 'block'])).stdout.split('\n').map((l) => JSON.parse(l));
    expect(blocks.map((b) => [b.seq, b.decision, b.actor.agent])).toEqual([
      [2, 'block', 'agent-b'],
      [5, 'block', 'agent-b'],
    ]);
    const a = (await sb(['audit', 'tail', '--json', '--actor', 'agent-a'])).stdout.split('\n').map((l) => JSON.parse(l));
    expect(a.map((b) => b.type)).toEqual(['decision', 'outcome', 'decision', 'outcome']);
    expect((await sb(['audit', 'tail', '--since', '1h'])).stdout.split('\n')).toHaveLength(6);
    expect((await sb(['audit', 'tail', '--until', '2000-01-01'])).stdout).toBe('');
    const bad = await sb(['audit', 'tail', '--since', 'yesterday']);
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr).toMatch(/--since: expected a duration like 24h/);
  });

  it('show prints one record with its outcome; --json; unknown ids exit 65', async () => {
    const [first] = (await sb(['audit', 'tail', '--json', '-n', '6'])).stdout.split('\n').map((l) => JSON.parse(l));
    const r = await sb(['audit', 'show', first.event_id]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/decision\s+allow/);
    expect(r.stdout).toMatch(/outcome\s+exit 0 after/);
    expect(r.stdout).toContain(`key         ${first.key_id}`.replace(/ +/, ' ').split(' ')[0]);
    const j = JSON.parse((await sb(['audit', 'show', first.event_id, '--json'])).stdout);
    expect(j.record.hash).toBe(first.hash);
    expect(j.outcome.decision_event_id).toBe(first.event_id);
    expect((await sb(['audit', 'show', '01234567-89ab-7cde-8f01-23456789abcd'])).exitCode).toBe(65);
  });

  it('stats by rule, decision, actor; --json; a bad --by exits 64', async () => {
    const byRule = JSON.parse((await sb(['audit', 'stats', '--by', 'rule', '--json'])).stdout);
    const root = byRule.rows.find((r: { key: string }) => r.key === 'filesystem.recursive_delete_root');
    expect(root).toEqual({ key: 'filesystem.recursive_delete_root', total: 2, allow: 0, block: 2 });
    const byActor = JSON.parse((await sb(['audit', 'stats', '--by', 'actor', '--json'])).stdout);
    expect(byActor.rows).toEqual([
      { key: 'agent-a', total: 2, allow: 2, block: 0 },
      { key: 'agent-b', total: 2, allow: 0, block: 2 },
    ]);
    const text = (await sb(['audit', 'stats'])).stdout;
    expect(text).toMatch(/DECISION\s+TOTAL\s+ALLOW\s+BLOCK/);
    expect(text).toMatch(/4 decisions/);
    expect((await sb(['audit', 'stats', '--by', 'color'])).exitCode).toBe(64);
  });

  it('tail --follow prints records as they are appended', async () => {
    const child: ResultPromise = execa(BIN, ['audit', 'tail', '-f', '-n', '0', '--json'], {
      env: { PATH: process.env.PATH!, ...t.env },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
    await new Promise((r) => setTimeout(r, 500));
    expect((await sb(['exec', '--agent', 'follower', '--', 'true'])).exitCode).toBe(0);
    for (let i = 0; i < 50 && seen.split('\n').filter(Boolean).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(0);
    const records = seen
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => x.type)).toEqual(['decision', 'outcome']);
    expect(records[0].actor.agent).toBe('follower');
  });
});

describe('audit export / verify-export', () => {
  it('exports a signed CSV that verifies, and fails on a changed byte of the CSV or the signature', async () => {
    const out = path.join(t.dir, 'export.csv');
    const r = await sb(['audit', 'export', '--csv', '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('export.csv.sig');
    const csv = fs.readFileSync(out);
    expect(csv.toString().split('\r\n')[0]).toMatch(/^line,seq,time,type,event_id,/);
    const sig = JSON.parse(fs.readFileSync(`${out}.sig`, 'utf8'));
    expect(sig).toMatchObject({
      format: 'seatbelt-export-signature',
      alg: 'Ed25519',
      domain: 'seatbelt/v1/export\n',
      media_type: 'text/csv',
    });

    const ok = await sb(['audit', 'verify-export', out]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/valid: \d+ bytes, \d+ rows, signed by SHA256:/);

    const changed = Buffer.from(csv);
    changed[changed.length - 5] = changed[changed.length - 5]! ^ 0x01;
    fs.writeFileSync(path.join(t.dir, 'changed.csv'), changed);
    fs.copyFileSync(`${out}.sig`, path.join(t.dir, 'changed.csv.sig'));
    const bad = await sb(['audit', 'verify-export', path.join(t.dir, 'changed.csv')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('DIGEST_MISMATCH');

    const forgedSig = { ...sig, rows: sig.rows + 1 };
    fs.writeFileSync(path.join(t.dir, 'forged.sig'), JSON.stringify(forgedSig));
    const forged = await sb(['audit', 'verify-export', out, '--sig', path.join(t.dir, 'forged.sig'), '--json']);
    expect(forged.exitCode).toBe(1);
    expect(JSON.parse(forged.stdout).problems.map((p: { class: string }) => p.class)).toEqual(['BAD_SIGNATURE']);
  });

  it('refuses to sign an export of a trail with findings, unless --force (recorded in the signature)', async () => {
    const broken = path.join(t.dir, 'broken.jsonl');
    const lines = fs.readFileSync(t.audit, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"exit_code":0', '"exit_code":1');
    fs.writeFileSync(broken, lines.join('\n'));
    const out = path.join(t.dir, 'broken.csv');
    const r = await sb(['audit', 'export', '--audit', broken, '--out', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/line 2 seq 1 HASH_MISMATCH/);
    expect(fs.existsSync(out)).toBe(false);
    expect((await sb(['audit', 'export', '--audit', broken, '--out', out, '--force'])).exitCode).toBe(0);
    const v = await sb(['audit', 'verify-export', out]);
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toMatch(/had 1 integrity findings when exported/);
  });

  it('writes CSV to stdout unsigned without --out', async () => {
    const r = await sb(['audit', 'export', '--decision', 'block']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(r.stderr).toMatch(/unsigned/);
  });
});

describe('keys rotate / export-pub, and verify across keys', () => {
  it('rotates; the trail still verifies; a record signed with the retired key is KEY_NOT_VALID_AT', async () => {
    const before = path.join(t.dir, 'export.csv');
    const old = signerFromPrivateKey(readPrivateKey(keyPaths(t.env.SEATBELT_HOME!).privateKeyPath));
    const r = await sb(['keys', 'rotate', '--reason', 'quarterly']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`old key:  ${old.keyId} (private key deleted`);
    expect((await sb(['exec', '--', 'true'])).exitCode).toBe(0);
    expect((await sb(['keys', 'rotate', '--json'])).exitCode).toBe(0);
    expect((await sb(['exec', '--', 'true'])).exitCode).toBe(0);

    const v = await sb(['verify']);
    expect(v.stdout).toMatch(/intact/);
    expect(v.exitCode).toBe(0);

    const keysFile = path.join(t.dir, 'keys.json');
    expect((await sb(['keys', 'export-pub', '--out', keysFile])).exitCode).toBe(0);
    const exported = JSON.parse(fs.readFileSync(keysFile, 'utf8'));
    expect(exported.keys.map((k: { status: string }) => k.status)).toEqual(['retired', 'retired', 'active']);
    expect(exported.keys[0].key_id).toBe(old.keyId);
    expect((await sb(['verify', '--keyring', keysFile])).exitCode).toBe(0);
    // An auditor elsewhere: no seatbelt home at all, only the trail and the exported keys.
    const elsewhere = { SEATBELT_HOME: path.join(t.dir, 'no-such-home'), HOME: t.dir };
    expect((await sb(['verify', '--keyring', keysFile, t.audit], elsewhere)).exitCode).toBe(0);
    expect((await sb(['audit', 'verify-export', before, '--keyring', keysFile], elsewhere)).exitCode).toBe(0);
    // The export made before the rotations still verifies: its key was valid when it was signed.
    expect((await sb(['audit', 'verify-export', before, '--keyring', keysFile])).exitCode).toBe(0);

    const rotations = (await sb(['audit', 'tail', '--json'])).stdout
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => x.type === 'key_rotation');
    expect(rotations).toHaveLength(2);
    expect(rotations[0].key_id).toBe(old.keyId);
    expect(rotations[0].reason).toBe('quarterly');

    appendRecord(t.audit, bodyAt(0), old);
    const bad = await sb(['verify', '--keyring', keysFile]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/KEY_NOT_VALID_AT signed by SHA256:\S+, which the key_rotation record on line \d+/);
    expect((await sb(['verify'])).stdout).toContain('KEY_NOT_VALID_AT');
  });

  it('writes an HTML report', async () => {
    const out = path.join(t.dir, 'report.html');
    const r = await sb(['audit', 'report', '--html', '--out', out]);
    expect(r.exitCode).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('id="seatbelt-summary"');
    expect(html).toMatch(/"verification":\{"ok":false,"records":\d+,"findingCount":1/); // the record signed by a retired key
    // Elsewhere, without keys: the report is still made, and says seatbelt did not check the trail.
    const bare = await sb(['audit', 'report', '--audit', t.audit, '--out', path.join(t.dir, 'bare.html')], {
      SEATBELT_HOME: path.join(t.dir, 'none'),
      HOME: t.dir,
    });
    expect(bare.exitCode).toBe(0);
    expect(bare.stderr).toMatch(/not checking .* before reporting/);
    expect(fs.readFileSync(path.join(t.dir, 'bare.html'), 'utf8')).toContain('"verification":null');
  });
});
