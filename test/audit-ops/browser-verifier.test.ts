// The HTML report's verifier (noble, no node:crypto) against Node's verifyTrail: the same findings
// for the same bytes, over a tamper matrix. Runs the browser code in Node; the Chromium test runs
// the bundled page.
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { homeKeyring, keyringKeys, keyringWindows, exportPublicKeys } from '../../src/audit/keyring.js';
import { initKeys, keyPaths, loadSigner, readPrivateKey, signerFromPrivateKey } from '../../src/audit/keys.js';
import { rotateKeys } from '../../src/audit/rotate.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { verifiedTrailOf } from '../../src/audit/verified-trail.js';
import { keyIdOf, parseKeyFile, verifyTrailBytes } from '../../src/audit/browser/verifier.js';
import { createHash, createPublicKey } from 'node:crypto';
import { recoveryBody } from '../../src/audit/envelope.js';
import { canonicalize } from '../../src/audit/canonical.js';
import { expectedHash, sealRecord } from '../../src/audit/seal.js';
import { rotationBody } from '../../src/audit/rotate.js';
import { actor, at as atTime, bodyAt, chain, eventId, otherSigner, PUBLIC, signer, toBytes } from '../audit/fixtures.js';

const lines = chain(8).map((s) => s.line);
const flipSigByte = (line: string) => {
  const sig = Buffer.from((JSON.parse(line) as { sig: string }).sig, 'base64');
  sig[20]! ^= 0x40;
  return sig.toString('base64');
};
const withSig = (line: string, sig: string) => canonicalize({ ...(JSON.parse(line) as Record<string, unknown>), sig });
/** The line with its hash recomputed (what a forger without the key can do). */
const rehashed = (line: string) => {
  const r = JSON.parse(line) as Record<string, unknown>;
  return canonicalize({ ...r, hash: expectedHash(r) });
};
const forged = chain(8, otherSigner).map((s) => s.line);

/** name → trail bytes. Mirrors the tamper matrix of issue 2. */
const matrix: Record<string, Buffer> = {
  intact: toBytes(lines),
  'one byte changed': (() => {
    const b = toBytes(lines);
    const at = b.indexOf('"decision":"allow"') + 13;
    b[at] = 'A'.charCodeAt(0);
    return b;
  })(),
  'a field edited': toBytes(lines.map((l, i) => (i === 2 ? l.replace('"block"', '"allow"') : l))),
  'hash field edited': toBytes(lines.map((l, i) => (i === 4 ? l.replace(/"hash":"[0-9a-f]/, '"hash":"f') : l))),
  'line deleted': toBytes(lines.filter((_, i) => i !== 3)),
  'lines swapped': toBytes([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]),
  'line duplicated': toBytes([...lines.slice(0, 4), lines[3]!, ...lines.slice(4)]),
  'forged with another key': toBytes([...lines.slice(0, 5), forged[5]!, ...lines.slice(6)]),
  'torn last line': Buffer.concat([toBytes(lines), Buffer.from(lines[0]!.slice(0, 40))]),
  'invalid UTF-8': Buffer.concat([toBytes(lines.slice(0, 3)), Buffer.from([0xff, 0xfe, 0x0a]), toBytes(lines.slice(3))]),
  'not JSON': toBytes([...lines.slice(0, 3), 'hello', ...lines.slice(3)]),
  'reformatted JSON': toBytes(lines.map((l, i) => (i === 1 ? JSON.stringify(JSON.parse(l), null, 1).replace(/\n/g, '') : l))),
  'signature spelled differently (unused base64 bits)': toBytes(
    // The 86th character carries 2 bits of the signature and 4 unused ones: set one unused bit.
    lines.map((l, i) =>
      i === 6
        ? l.replace(
            /"sig":"([A-Za-z0-9+/]{85})([AQgw])==/,
            (_, head: string, c: string) => `"sig":"${head}${String.fromCharCode(c.charCodeAt(0) + 1)}==`,
          )
        : l,
    ),
  ),
  empty: Buffer.alloc(0),
  // Issue 17.
  'forged line and fragment, then a recovery for the fragment only': (() => {
    const forgedLine = sealRecord({ ...bodyAt(8), decision: 'allow' }, { seq: 8, prevHash: chain(8)[7]!.record.hash }, otherSigner).line;
    const base = toBytes(lines);
    const at = base.length + forgedLine.length + 1;
    const fragment = Buffer.from('{"torn');
    const recovery = sealRecord(
      recoveryBody({
        eventId: eventId(60),
        time: atTime(60),
        atOffset: at,
        fragmentLength: fragment.length,
        fragmentSha256: createHash('sha256').update(fragment).digest('hex'),
      }),
      { seq: 9, prevHash: JSON.parse(forgedLine).hash },
      signer,
    );
    return Buffer.concat([base, Buffer.from(`${forgedLine}\n`), fragment, Buffer.from(`\n${recovery.line}\n`)]);
  })(),
  'a complete last record without its newline': Buffer.concat([toBytes(lines.slice(0, 7)), Buffer.from(lines[7]!)]),
  'a byte order mark at a line start': toBytes(lines.map((l, i) => (i === 2 ? `\uFEFF${l}` : l))),
  'an unknown field, correctly signed': toBytes([
    ...lines,
    sealRecord({ ...bodyAt(8), note: 'x' }, { seq: 8, prevHash: chain(8)[7]!.record.hash }, signer).line,
  ]),
  'two distant lines swapped': toBytes([lines[0]!, lines[6]!, ...lines.slice(2, 6), lines[1]!, lines[7]!]),
  // v3: the hash covers the signature.
  'a signature byte changed': toBytes(lines.map((l, i) => (i === 3 ? withSig(l, flipSigByte(l)) : l))),
  'a signature byte changed and the hash recomputed': toBytes(lines.map((l, i) => (i === 3 ? rehashed(withSig(l, flipSigByte(l))) : l))),
  'a run re-hashed and re-linked after an edit': (() => {
    const out = [...lines];
    let prev = chain(8)[3]!.record.hash;
    for (let i = 4; i < out.length; i++) {
      const r = JSON.parse(out[i]!) as Record<string, unknown>;
      const edited = { ...r, prev_hash: prev, ...(i === 5 ? { exit_code: 1 } : {}) };
      out[i] = rehashed(canonicalize(edited));
      prev = (JSON.parse(out[i]!) as { hash: string }).hash;
    }
    return toBytes(out);
  })(),
  'a v2 trail continued in v3': (() => {
    const v2 = sealRecord({ ...bodyAt(0), v: 2 }, { seq: 0, prevHash: '0'.repeat(64) }, signer);
    const v3 = sealRecord(bodyAt(1), { seq: 1, prevHash: v2.record.hash }, signer);
    const v3b = sealRecord(bodyAt(2), { seq: 2, prevHash: v3.record.hash }, signer);
    return toBytes([v2.line, v3.line, v3b.line]);
  })(),
};

const summary = (f: { line: number; class: string }[]) => f.map((x) => `${x.line}:${x.class}`).sort();

describe('in-browser verifier agrees with verifyTrail', () => {
  const browserKeys = parseKeyFile(signer.publicKeyPem);

  it('derives the same key id (OpenSSH fingerprint) as Node', () => {
    expect(keyIdOf(PUBLIC)).toBe(signer.keyId);
    expect(browserKeys.map((k) => k.keyId)).toEqual([signer.keyId]);
  });

  for (const [name, bytes] of Object.entries(matrix)) {
    it(name, async () => {
      const node = verifyTrail(bytes, { publicKeys: [signer.publicKeyPem] });
      const browser = await verifyTrailBytes(bytes, browserKeys);
      expect(summary(browser.findings)).toEqual(summary(node.findings));
      expect(browser.ok).toBe(node.ok);
      expect(browser.records).toBe(node.records);
      expect(browser.lastHash).toBe(node.lastHash);
      expect(browser.signatures).toEqual(node.signatures);
      if (name === 'intact' || name === 'a v2 trail continued in v3') expect(node.ok).toBe(true);
      else expect(node.ok).toBe(false);
      // The records the page draws its figures from are exactly those the CLI readers read.
      expect(browser.entries.map((e) => e.line)).toEqual(
        verifiedTrailOf(bytes, { publicKeys: [signer.publicKeyPem] }).entries.map((e) => e.line),
      );
    });
  }

  it('given only the first key, follows a key_rotation to the next key (as verify does)', async () => {
    const good = chain(8);
    const rot = sealRecord(
      rotationBody({
        eventId: eventId(8),
        time: atTime(8),
        actor,
        oldKeyId: signer.keyId,
        newKey: createPublicKey(otherSigner.publicKeyPem),
        reason: 't',
      }),
      { seq: 8, prevHash: good[7]!.record.hash },
      signer,
    );
    const after = sealRecord(bodyAt(9), { seq: 9, prevHash: rot.record.hash }, otherSigner);
    const bytes = toBytes([...lines, rot.line, after.line]);
    const browser = await verifyTrailBytes(bytes, browserKeys);
    expect(browser).toMatchObject({ ok: true, records: 10 });
    expect(verifyTrail(bytes, { publicKeys: [signer.publicKeyPem] }).ok).toBe(true);
  });

  it('agrees across a rotated trail with a keyring, and on a retired key used after rotation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-bv-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const home = path.join(dir, 'home');
    const audit = path.join(dir, 'audit.jsonl');
    initKeys({ home, force: false });
    const current = () => loadSigner({ home, autoCreate: false }).signer;
    appendRecord(audit, bodyAt(0), current());
    const stolen = signerFromPrivateKey(readPrivateKey(keyPaths(home).privateKeyPath));
    rotateKeys({ home, audit, actor });
    appendRecord(audit, bodyAt(3), current());
    rotateKeys({ home, audit, actor });
    appendRecord(audit, bodyAt(6), current());
    const ring = homeKeyring(home);
    const keyringText = JSON.stringify(exportPublicKeys(home, new Date()));
    const clean = fs.readFileSync(audit);
    appendRecord(audit, bodyAt(9), stolen);
    const tampered = fs.readFileSync(audit);
    for (const [bytes, ok] of [
      [clean, true],
      [tampered, false],
    ] as const) {
      const node = verifyTrail(bytes, { publicKeys: keyringKeys(ring), keyWindows: keyringWindows(ring) });
      const browser = await verifyTrailBytes(bytes, parseKeyFile(keyringText));
      expect(node.ok).toBe(ok);
      expect(summary(browser.findings)).toEqual(summary(node.findings));
    }
    expect(summary(verifyTrail(tampered, { publicKeys: keyringKeys(ring), keyWindows: keyringWindows(ring) }).findings)).toEqual([
      '6:KEY_NOT_VALID_AT',
    ]);
  });
});

describe('key files the page accepts', () => {
  it('reads PEM, ssh-ed25519 and keyring JSON; refuses a keyring whose key_id lies', () => {
    const ssh = `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), PUBLIC]).toString('base64')} test`;
    expect(parseKeyFile(ssh)[0]!.keyId).toBe(signer.keyId);
    const ring = {
      format: 'seatbelt-keyring',
      version: 1,
      keys: [{ key_id: signer.keyId, alg: 'Ed25519', public_key_pem: signer.publicKeyPem, not_before: '2024-01-01T00:00:00.000Z' }],
    };
    expect(parseKeyFile(JSON.stringify(ring))[0]).toMatchObject({ keyId: signer.keyId, not_before: '2024-01-01T00:00:00.000Z' });
    expect(() => parseKeyFile(JSON.stringify({ ...ring, keys: [{ ...ring.keys[0], key_id: otherSigner.keyId }] }))).toThrow(
      /not the fingerprint/,
    );
    expect(() => parseKeyFile('hello')).toThrow(/no public key found/);
  });
});
