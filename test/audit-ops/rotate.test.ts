// Keys over time: rotation records signed by the old key, a keyring with validity windows, and
// KEY_NOT_VALID_AT for a key used after its retirement.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { homeKeyring, keyringKeys, keyringWindows, readHomeKeyring, validateKeyring, exportPublicKeys } from '../../src/audit/keyring.js';
import { initKeys, keyPaths, loadSigner, readPrivateKey, signerFromPrivateKey, fingerprint } from '../../src/audit/keys.js';
import { parseTrail } from '../../src/audit/read.js';
import { rotateKeys, rotationBody, STAGED_KEY_FILE } from '../../src/audit/rotate.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { openSession } from '../../src/adapters/session.js';
import { actor, bodyAt } from '../audit/fixtures.js';
import { scratchDir } from '../setup/scratch.js';

function setup() {
  const dir = scratchDir('seatbelt-rotate-');
  const home = path.join(dir, 'home');
  const audit = path.join(dir, 'audit.jsonl');
  initKeys({ home, force: false });
  return { dir, home, audit };
}

/** Appends a decision signed by the home's current key. */
function appendWithHomeKey(home: string, audit: string, i: number) {
  return appendRecord(audit, bodyAt(i * 3), loadSigner({ home, autoCreate: false }).signer);
}

const verifyHome = (home: string, audit: string) => {
  const ring = homeKeyring(home);
  return verifyTrail(fs.readFileSync(audit), { publicKeys: keyringKeys(ring), keyWindows: keyringWindows(ring) });
};

describe('keys rotate', () => {
  it('rotates across several keys; every record verifies under the key valid when it was written', () => {
    const { home, audit } = setup();
    const ids = [loadSigner({ home, autoCreate: false }).signer.keyId];
    let n = 0;
    for (let r = 0; r < 3; r++) {
      appendWithHomeKey(home, audit, n++);
      appendWithHomeKey(home, audit, n++);
      const res = rotateKeys({ home, audit, actor });
      expect(res.oldKeyId).toBe(ids.at(-1));
      ids.push(res.newKeyId);
      expect(loadSigner({ home, autoCreate: false }).signer.keyId).toBe(res.newKeyId);
    }
    appendWithHomeKey(home, audit, n++);
    expect(new Set(ids).size).toBe(4);

    const report = verifyHome(home, audit);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.records).toBe(6 + 3 + 1);

    // The rotation records: signed by the old key, carrying the new public key and fingerprint.
    const rotations = parseTrail(fs.readFileSync(audit)).entries.filter((e) => e.record.type === 'key_rotation');
    expect(rotations.map((e) => e.record.key_id)).toEqual(ids.slice(0, 3));
    rotations.forEach((e, i) => {
      const nk = e.record.new_key as { key_id: string; public_key_pem: string };
      expect(nk.key_id).toBe(ids[i + 1]);
      expect(fingerprint(createPublicKey(nk.public_key_pem))).toBe(nk.key_id);
      expect(e.record.retired_key_id).toBe(ids[i]);
    });

    // The keyring: one window per key, each closed by the next one's opening.
    const ring = readHomeKeyring(home)!;
    validateKeyring(ring);
    expect(ring.keys.map((k) => k.key_id)).toEqual(ids);
    for (let i = 0; i < 3; i++) {
      expect(ring.keys[i]!.not_after).toBe(rotations[i]!.record.time);
      expect(ring.keys[i + 1]!.not_before).toBe(rotations[i]!.record.time);
      expect(ring.keys[i]!.retired_by).toBe(rotations[i]!.record.event_id);
    }
    expect(ring.keys[3]!.not_after).toBeUndefined();
  });

  it('retires the old private key: deleted, its public key kept; the new one is 0600', () => {
    const { home, audit } = setup();
    const { privateKeyPath, retiredDir } = keyPaths(home);
    const oldPem = fs.readFileSync(privateKeyPath, 'utf8');
    const { oldKeyId } = rotateKeys({ home, audit, actor });
    expect(fs.readFileSync(privateKeyPath, 'utf8')).not.toBe(oldPem);
    expect(fs.statSync(privateKeyPath).mode & 0o777).toBe(0o600);
    const kept = fs.readdirSync(path.join(home, 'keys'), { recursive: true }).map(String);
    for (const f of kept) {
      const p = path.join(home, 'keys', f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p, 'utf8'), f).not.toContain(oldPem.trim().split('\n')[1]);
    }
    expect(fs.readdirSync(retiredDir).map((f) => fingerprint(createPublicKey(fs.readFileSync(path.join(retiredDir, f), 'utf8'))))).toEqual([
      oldKeyId,
    ]);
    expect(fs.existsSync(path.join(home, 'keys', STAGED_KEY_FILE))).toBe(false);
  });

  it('reports a record signed with the retired key after the rotation: KEY_NOT_VALID_AT', () => {
    const { home, audit } = setup();
    appendWithHomeKey(home, audit, 0);
    // An attacker (or a stale process) that kept the old private key.
    const stolen = signerFromPrivateKey(readPrivateKey(keyPaths(home).privateKeyPath));
    rotateKeys({ home, audit, actor });
    appendWithHomeKey(home, audit, 1);
    appendRecord(audit, bodyAt(6), stolen); // line 4
    appendWithHomeKey(home, audit, 3);

    const report = verifyHome(home, audit);
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([[4, 'KEY_NOT_VALID_AT']]);
    expect(report.findings[0]!.detail).toMatch(/key_rotation record on line 2/);
    expect(report.ok).toBe(false);
  });

  it('uses the keyring windows where the trail has no rotation record (another trail)', () => {
    const { dir, home, audit } = setup();
    const other = path.join(dir, 'other.jsonl');
    const stolen = signerFromPrivateKey(readPrivateKey(keyPaths(home).privateKeyPath));
    appendRecord(other, bodyAt(0), stolen); // before the rotation: fine
    const { time } = rotateKeys({ home, audit, actor });
    const lateTime = new Date(Date.parse(time) + 60_000);
    const late = { ...bodyAt(3), time: lateTime.toISOString(), event_id: uuidv7(lateTime) };
    appendRecord(other, late, stolen); // after the key's window closed
    const report = verifyHome(home, other);
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([[2, 'KEY_NOT_VALID_AT']]);
    expect(report.findings[0]!.detail).toContain(`after the key was retired at ${time}`);
  });

  it('finishes a rotation that was recorded but not installed (a crash after the record)', () => {
    const { home, audit } = setup();
    const oldKey = readPrivateKey(keyPaths(home).privateKeyPath);
    const old = signerFromPrivateKey(oldKey);
    // Simulate: staged key written, record appended, then the process died.
    const { privateKey } = newKeyPair();
    const staged = path.join(home, 'keys', STAGED_KEY_FILE);
    fs.writeFileSync(staged, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const newId = fingerprint(createPublicKey(privateKey));
    appendRecord(
      audit,
      rotationBody({
        eventId: uuidv7(new Date('2025-03-01T00:00:00.000Z')),
        time: new Date('2025-03-01T00:00:00.000Z'),
        actor,
        oldKeyId: old.keyId,
        newKey: createPublicKey(privateKey),
        reason: 'test',
      }),
      old,
    );
    const res = rotateKeys({ home, audit, actor });
    expect(res).toMatchObject({ resumed: true, oldKeyId: old.keyId, newKeyId: newId, time: '2025-03-01T00:00:00.000Z' });
    expect(loadSigner({ home, autoCreate: false }).signer.keyId).toBe(newId);
    expect(parseTrail(fs.readFileSync(audit)).entries).toHaveLength(1); // no second rotation record
    appendWithHomeKey(home, audit, 1);
    expect(verifyHome(home, audit).findings).toEqual([]);
  });

  it('discards a staged key that no record names (a crash before the record)', () => {
    const { home, audit } = setup();
    const { privateKey } = newKeyPair();
    fs.writeFileSync(path.join(home, 'keys', STAGED_KEY_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const res = rotateKeys({ home, audit, actor });
    expect(res.resumed).toBe(false);
    expect(res.newKeyId).not.toBe(fingerprint(createPublicKey(privateKey)));
    expect(verifyHome(home, audit).ok).toBe(true);
  });

  it('a session that decided before a rotation signs the outcome with the new key (no stale key)', async () => {
    const { dir, home, audit } = setup();
    const session = openSession({ audit, cwd: dir }, { SEATBELT_HOME: home, HOME: dir });
    const { record } = await session.govern({ kind: 'argv', argv: ['echo', 'hi'] });
    const { newKeyId } = rotateKeys({ home, audit, actor }); // while "the command runs"
    const outcome = session.sealOutcome(record.record.event_id, { exitCode: 0, signal: null, durationMs: 5 });
    expect(outcome.record.key_id).toBe(newKeyId);
    expect(verifyHome(home, audit).findings).toEqual([]);
  });

  it('refuses without a key, and with a key others can read', () => {
    const dir = scratchDir('seatbelt-rotate-');
    expect(() => rotateKeys({ home: path.join(dir, 'none'), audit: path.join(dir, 'a.jsonl'), actor })).toThrow(/no signing key/);
    const { home, audit } = setup();
    fs.chmodSync(keyPaths(home).privateKeyPath, 0o644);
    expect(() => rotateKeys({ home, audit, actor })).toThrow(/chmod 600/);
  });
});

describe('keyring', () => {
  it('export-pub gives every key with fingerprint, window, status and ssh line, and validates', () => {
    const { home, audit } = setup();
    rotateKeys({ home, audit, actor });
    const out = exportPublicKeys(home, new Date('2025-05-01T00:00:00.000Z'));
    validateKeyring(out);
    expect(out.keys.map((k) => k.status)).toEqual(['retired', 'active']);
    for (const k of out.keys) {
      expect(k.fingerprint).toBe(k.key_id);
      expect(k.ssh_public_key).toMatch(/^ssh-ed25519 AAAA/);
      expect(k.public_key_pem).toContain('BEGIN PUBLIC KEY');
    }
  });

  it('is made up from the key files before any rotation (open-ended current key)', () => {
    const { home } = setup();
    const ring = homeKeyring(home);
    expect(ring.keys).toHaveLength(1);
    expect(ring.keys[0]).toMatchObject({ not_before: '1970-01-01T00:00:00.000Z' });
    expect(ring.keys[0]!.not_after).toBeUndefined();
  });

  it('stays consistent when keys init --force replaces a rotated key, and rotation goes on', () => {
    const { home, audit } = setup();
    const first = rotateKeys({ home, audit, actor });
    initKeys({ home, force: true });
    const forced = loadSigner({ home, autoCreate: false }).signer.keyId;
    const ring = homeKeyring(home);
    validateKeyring(ring);
    expect(ring.keys.map((k) => [k.key_id, k.not_after !== undefined])).toEqual([
      [first.oldKeyId, true],
      [first.newKeyId, true],
      [forced, false],
    ]);
    const second = rotateKeys({ home, audit, actor });
    expect(second.oldKeyId).toBe(forced);
    appendWithHomeKey(home, audit, 1);
    expect(verifyHome(home, audit).findings).toEqual([]);
  });

  it('rejects a keyring naming every bad field', () => {
    const { home } = setup();
    const good = homeKeyring(home);
    const bad = { format: 'x', version: 2, keys: [{ ...good.keys[0]!, key_id: 'SHA256:wrong', not_before: 'yesterday', alg: 'RSA' }] };
    expect(() => validateKeyring(bad)).toThrow(
      /"format" expected.*"version" expected.*alg expected "Ed25519".*not_before expected a UTC time.*key_id is "SHA256:wrong", but its public key's fingerprint is/,
    );
  });
});

function newKeyPair() {
  return generateKeyPairSync('ed25519');
}
