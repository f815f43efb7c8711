// Checkpoints through the real binary: sign one over a trail, check that later checkpoints extend
// it, prove a record's inclusion; and what a file alone cannot show — a cut tail, or history
// re-signed with the current key — is found against a checkpoint kept elsewhere. Notes are
// opened with @noble, independently of the code that signed them.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { afterAll, describe, expect, test } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { decisionBody } from '../../src/audit/envelope.js';
import { initKeys, loadSigner } from '../../src/audit/keys.js';
import { GENESIS_HASH, SEAL_FIELDS, sealRecord } from '../../src/audit/seal.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import { merkle, type Sha256 } from '../../src/audit/merkle.js';
import { openNote, parseVerifierKey } from '../../src/audit/note.js';
import { parseCheckpointText } from '../../src/audit/checkpoint.js';
import { checkTrailCheckpoint } from '../../src/audit/checkpoint-ops.js';
import type { Action, Decision } from '../../src/core/types.js';
import { seatbelt } from '../e2e/helpers.js';
import { timestampAuthority } from '../audit/tsa-authority.js';
import { checkKeptTimestamp, readCas } from '../../src/audit/anchors.js';

ed.hashes.sha512 = sha512;
const nobleHash: Sha256 = (...parts) => {
  const h = sha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
};
const noble = { sha256: nobleHash, verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => ed.verify(s, m, k) };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function allow(i: number): { action: Action; decision: Decision } {
  const action: Action = { kind: 'argv', argv: ['npm', 'test', String(i)] };
  return {
    action,
    decision: {
      decision: 'allow',
      matches: [],
      blocking: [],
      reason: 'no rule matched',
      remediation: '',
      policy: { name: 'safe_defaults', version: '1' },
      analysis: { action, matches: [], writes: false },
    } as unknown as Decision,
  };
}

function trail(records: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-checkpoint-'));
  dirs.push(dir);
  const home = path.join(dir, 'home');
  const audit = path.join(dir, 'audit.jsonl');
  initKeys({ home, force: false });
  const env = { SEATBELT_HOME: home, SEATBELT_AUDIT: audit, HOME: dir };
  const add = (from: number, count: number) => {
    const { signer } = loadSigner({ home, autoCreate: false });
    for (let i = from; i < from + count; i++) {
      const t = new Date(Date.parse('2026-01-05T10:00:00Z') + i * 1000);
      const { action, decision } = allow(i);
      const actor = { user: 'ci', host: 'runner', cwd: '/build', pid: 7 };
      appendRecord(audit, decisionBody({ eventId: uuidv7(t), time: t, action, decision, actor, recordInput: false }), signer);
    }
  };
  add(0, records);
  return { dir, home, audit, env, add };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('seatbelt checkpoint', () => {
  test('signs the tree of an intact trail as a C2SP checkpoint that @noble opens with the printed verifier key', async () => {
    const t = trail(9);
    const r = await seatbelt(['checkpoint', '--json'], { env: t.env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const made = JSON.parse(r.stdout) as { path: string; size: number; root: string; note: string; verifierKey: string; origin: string };
    expect(made.size).toBe(9);
    expect(readdirSync(`${t.audit}.checkpoints`)).toEqual(['000000000009.note']);
    expect(readFileSync(made.path, 'utf8')).toBe(made.note);
    const first = JSON.parse(lines(t.audit)[0]!) as { event_id: string };
    expect(made.origin).toBe(`seatbelt.trail/${first.event_id}`);
    // Independently: open the note with @noble, and recompute the root over the records' hashes.
    const { text } = openNote(made.note, [parseVerifierKey(nobleHash, made.verifierKey)], noble);
    const c = parseCheckpointText(text);
    const leaves = lines(t.audit).map((l) => Uint8Array.from(Buffer.from((JSON.parse(l) as { hash: string }).hash, 'hex')));
    expect(Buffer.from(c.root).toString('hex')).toBe(Buffer.from(merkle(nobleHash).root(leaves)).toString('hex'));
    expect(made.root).toBe(Buffer.from(c.root).toString('hex'));
  });

  test('a later checkpoint extends an earlier one, and proofs of inclusion verify', async () => {
    const t = trail(5);
    const a = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: t.env })).stdout) as { path: string };
    t.add(5, 8);
    const b = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: t.env })).stdout) as { path: string; root: string };
    const r = await seatbelt(['checkpoint', 'verify', a.path, b.path], { env: t.env });
    expect(r.stdout).toMatch(/CONSISTENT: the tree of 13 records extends the tree of 5/);
    expect(r.exitCode).toBe(0);
    // The wrong order is refused.
    expect((await seatbelt(['checkpoint', 'verify', b.path, a.path], { env: t.env })).exitCode).toBe(1);

    const p = await seatbelt(['prove', '3', '--checkpoint', a.path, '--json'], { env: t.env });
    expect(p.exitCode).toBe(0);
    const proof = JSON.parse(p.stdout) as { size: number; leaf: string; proof: string[]; root: string };
    expect(proof.size).toBe(5);
    expect(proof.leaf).toBe((JSON.parse(lines(t.audit)[3]!) as { hash: string }).hash);
    const m = merkle(nobleHash);
    const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
    expect(m.verifyInclusion(unhex(proof.leaf), 3, 5, proof.proof.map(unhex), unhex(proof.root))).toBe(true);
    const now = JSON.parse((await seatbelt(['prove', '12', '--json'], { env: t.env })).stdout) as { size: number; root: string };
    expect(now).toMatchObject({ size: 13, root: b.root });
    expect((await seatbelt(['prove', '13'], { env: t.env })).exitCode).toBe(65);
  });

  test('a cut tail is TRUNCATED against the checkpoint, though the shorter file verifies on its own', async () => {
    const t = trail(10);
    const note = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: t.env })).stdout).note as string;
    writeFileSync(t.audit, lines(t.audit).slice(0, 7).join('\n') + '\n');
    expect((await seatbelt(['verify'], { env: t.env })).exitCode).toBe(0);
    const check = await checkTrailCheckpoint({ trail: t.audit, home: t.home, note });
    expect(check).toMatchObject({ ok: false, status: 'TRUNCATED' });
    expect(check.detail).toMatch(/commits to 10 records and the trail holds 7/);
    const notePath = `${t.audit}.checkpoints/000000000010.note`;
    const v = await seatbelt(['verify', '--checkpoint', notePath], { env: t.env });
    expect(v.stdout).toMatch(/checkpoint .*: TRUNCATED: the checkpoint commits to 10 records and the trail holds 7/);
    expect(v.exitCode).toBe(1);
    const j = JSON.parse((await seatbelt(['verify', '--checkpoint', notePath, '--json'], { env: t.env })).stdout);
    expect(j).toMatchObject({ ok: false, checkpoint: { status: 'TRUNCATED', size: 7 } });
  });

  test('history re-signed with the current key is REWRITTEN against the checkpoint', async () => {
    const t = trail(6);
    const note = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: t.env })).stdout).note as string;
    // The key holder rewrites record 2 and re-seals every record after it: the file verifies.
    const { signer } = loadSigner({ home: t.home, autoCreate: false });
    let prev = GENESIS_HASH;
    const out = lines(t.audit).map((line, seq) => {
      const body = JSON.parse(line) as Record<string, unknown>;
      for (const f of [...SEAL_FIELDS, 'hash']) delete body[f];
      if (seq === 2) (body.actor as { cwd: string }).cwd = '/somewhere-else';
      const sealed = sealRecord(body, { seq, prevHash: prev }, signer);
      prev = sealed.record.hash;
      return sealed.line;
    });
    writeFileSync(t.audit, out.join('\n') + '\n');
    const check = await checkTrailCheckpoint({ trail: t.audit, home: t.home, note });
    expect(check).toMatchObject({ ok: false, status: 'REWRITTEN' });
    const v = await seatbelt(['verify', '--checkpoint', `${t.audit}.checkpoints/000000000006.note`], { env: t.env });
    expect(v.stdout).toMatch(/: intact\n/);
    expect(v.stdout).toMatch(/REWRITTEN: the first 6 records no longer hash to the checkpoint's root/);
    expect(v.exitCode).toBe(1);
    // An untouched trail is consistent with it.
    const fresh = trail(6);
    const n2 = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: fresh.env })).stdout).note as string;
    fresh.add(6, 2);
    expect(await checkTrailCheckpoint({ trail: fresh.audit, home: fresh.home, note: n2 })).toMatchObject({
      ok: true,
      status: 'CONSISTENT',
    });
  });

  test('a checkpoint signed by a key the verifier does not trust is refused; a damaged trail is not checkpointed', async () => {
    const t = trail(3);
    const other = trail(3);
    const note = JSON.parse((await seatbelt(['checkpoint', '--json'], { env: other.env })).stdout).note as string;
    await expect(checkTrailCheckpoint({ trail: t.audit, home: t.home, note })).rejects.toThrow(/no signature by a known key/);
    writeFileSync(t.audit, readFileSync(t.audit, 'utf8').replace('"cwd":"/build"', '"cwd":"/bxild"'));
    const r = await seatbelt(['checkpoint'], { env: t.env });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/does not verify/);
  });

  test('anchors: a real RFC 3161 authority stamps the checkpoint, and an anchor command receives it on stdin', async () => {
    const t = trail(4);
    const tsa = timestampAuthority();
    const served = await tsa.serve();
    try {
      const sink = path.join(t.dir, 'anchored.note');
      const r = await seatbelt(['checkpoint', '--json', '--tsa', served.url, '--tsa-ca', tsa.caFile, '--anchor-cmd', `cat > '${sink}'`], {
        env: { ...t.env, PATH: process.env.PATH ?? '/usr/bin:/bin' },
      });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const made = JSON.parse(r.stdout) as { path: string; note: string; anchors: { tsa: { path: string; tsa: string } } };
      expect(readFileSync(sink, 'utf8')).toBe(made.note);
      expect(made.anchors.tsa.path).toBe(made.path.replace(/\.note$/, '.tsr'));
      expect(made.anchors.tsa.tsa).toMatch(/seatbelt test TSA/);
      // The kept token checks against the note, agrees with openssl, and not against another note.
      expect(checkKeptTimestamp(made.path, made.note, readCas([tsa.caFile]))?.time).toBeInstanceOf(Date);
      const response = Buffer.concat([
        Buffer.from([0x30, 0x82]),
        Buffer.alloc(2),
        Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]),
        readFileSync(made.anchors.tsa.path),
      ]);
      response.writeUInt16BE(response.length - 4, 2);
      expect(tsa.opensslVerifies(new TextEncoder().encode(made.note), response)).toBe(true);
      expect(() => checkKeptTimestamp(made.path, made.note.replace('\n4\n', '\n5\n'), readCas([tsa.caFile]))).toThrow(/imprint/);
      const v = await seatbelt(['verify', '--checkpoint', made.path, '--tsa-ca', tsa.caFile], { env: t.env });
      expect(v.stdout).toMatch(/CONSISTENT/);
      expect(v.stdout).toMatch(/checkpoint time-stamp: 20\d\d-.* by .*seatbelt test TSA/);
      expect(v.exitCode).toBe(0);
      // A CA that did not vouch for this TSA: the stamp does not hold.
      const stranger = timestampAuthority();
      const bad = await seatbelt(['verify', '--checkpoint', made.path, '--tsa-ca', stranger.caFile], { env: t.env });
      stranger.cleanup();
      expect(bad.exitCode).toBe(65);
      expect(bad.stderr).toMatch(/time-stamp does not hold: .*trusted CA/);
      // A failing anchor is an error, and the checkpoint is kept.
      t.add(4, 1);
      const failed = await seatbelt(['checkpoint', '--anchor-cmd', 'exit 3'], { env: t.env });
      expect(failed.exitCode).toBe(73);
      expect(failed.stderr).toMatch(/anchor command failed/);
      expect(readdirSync(`${t.audit}.checkpoints`).filter((n) => n.endsWith('.note'))).toEqual(['000000000004.note', '000000000005.note']);
      expect((await seatbelt(['checkpoint', '--tsa', served.url], { env: t.env })).exitCode).toBe(64);
    } finally {
      await served.close();
      tsa.cleanup();
    }
  });

  test('the writer makes checkpoints on the operator’s schedule, each consistent with the trail, growing from the last', async () => {
    const t = trail(0);
    writeFileSync(path.join(t.home, 'config.json'), JSON.stringify({ checkpoint: { every: 3 } }));
    for (let i = 0; i < 4; i++) {
      const r = await seatbelt(['exec', '--', 'true'], { env: { ...t.env, PATH: process.env.PATH ?? '/usr/bin:/bin' }, cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
    }
    // 4 runs: 8 records (decision and outcome each); checkpoints at 3 and 6.
    const notes = readdirSync(`${t.audit}.checkpoints`).filter((n) => n.endsWith('.note'));
    expect(notes).toEqual(['000000000003.note', '000000000006.note']);
    for (const n of notes) {
      const v = await seatbelt(['verify', '--checkpoint', `${t.audit}.checkpoints/${n}`], { env: t.env });
      expect(v.stdout).toMatch(/CONSISTENT/);
      expect(v.exitCode).toBe(0);
    }
    const a = `${t.audit}.checkpoints/000000000003.note`;
    const b = `${t.audit}.checkpoints/000000000006.note`;
    expect((await seatbelt(['checkpoint', 'verify', a, b], { env: t.env })).exitCode).toBe(0);
    // The agent cannot remove or rewrite the checkpoints (the trail lies outside seatbelt's home here).
    for (const script of [`rm -rf '${t.audit}.checkpoints'`, `echo x > '${t.audit}.checkpoints/state.json'`]) {
      const r = await seatbelt(['check', '--shell', script], { env: t.env, cwd: t.dir });
      expect(r.exitCode, script).toBe(77);
      expect(r.stdout + r.stderr).toMatch(/self_protection\.guarded_path/);
    }
    // A project file cannot set the schedule (it is the operator's).
    writeFileSync(path.join(t.dir, '.seatbelt.json'), JSON.stringify({ checkpoint: { every: 1 } }));
    const p = await seatbelt(['check', '--', 'true'], { env: t.env, cwd: t.dir });
    expect(p.stderr).toMatch(/"checkpoint" here: it is set only in the user config/);
  });
});
