// Envelope vectors with a fixed key and clock. Every hash is recomputed with @noble/hashes and
// every signature verified with @noble/ed25519: an implementation independent of node:crypto.
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, test } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { decisionBody, outcomeBody } from '../../src/audit/envelope.js';
import { privateKeyFromSeed, rawPublicKey, signerFromPrivateKey } from '../../src/audit/keys.js';
import { DOMAIN, GENESIS_HASH, sealRecord } from '../../src/audit/seal.js';
import { actor, at, chain, decisionFor, eventId, hex, PUBLIC, SEED, signer } from './fixtures.js';

ed.hashes.sha512 = sha512;
const enc = new TextEncoder();
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** An independent fingerprint: noble's public key in the SSH wire format, hashed by noble. */
function nobleFingerprint(seed: Uint8Array): string {
  const pub = ed.getPublicKey(seed);
  const str = (b: Uint8Array) => {
    const out = new Uint8Array(4 + b.length);
    new DataView(out.buffer).setUint32(0, b.length);
    out.set(b, 4);
    return out;
  };
  const blob = new Uint8Array([...str(enc.encode('ssh-ed25519')), ...str(pub)]);
  return `SHA256:${b64(sha256(blob)).replace(/=+$/, '')}`;
}

// RFC 8032 §7.1 test vectors: secret (seed), public key, message, signature.
const RFC8032: [string, string, string, string][] = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
  [
    '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  ],
];

describe('RFC 8032 Ed25519 vectors through node:crypto (seed → PKCS#8 DER)', () => {
  test.each(RFC8032)('seed %s', (seed, pub, msg, sig) => {
    const key = privateKeyFromSeed(hex(seed));
    expect(rawPublicKey(createPublicKey(key)).toString('hex')).toBe(pub);
    expect(sign(null, hex(msg), key).toString('hex')).toBe(sig);
    expect(ed.verify(hex(sig), hex(msg), hex(pub))).toBe(true);
  });
});

describe('sealed records', () => {
  const records = chain(9);

  test('the key id is the OpenSSH fingerprint of the public key', () => {
    expect(signer.keyId).toBe(nobleFingerprint(SEED));
    expect(Buffer.from(ed.getPublicKey(SEED)).toString('hex')).toBe(Buffer.from(PUBLIC).toString('hex'));
  });

  test.each(records.map((r, i) => [i, r] as const))('record %i: hash and signature recomputed independently', (i, sealed) => {
    const { hash, sig, ...unsigned } = sealed.record;
    const canonical = canonicalize(unsigned);
    const message = new Uint8Array([...enc.encode(DOMAIN), ...enc.encode(canonical)]);
    // v3: the hash covers the raw signature bytes too (an RFC 6962 leaf over DOMAIN ‖ canonical ‖ sig).
    const sigBytes = Buffer.from(sig as string, 'base64');
    expect(sealed.record.v).toBe(3);
    expect(hash).toBe(Buffer.from(sha256(new Uint8Array([0, ...message, ...sigBytes]))).toString('hex'));
    expect(ed.verify(sigBytes, message, PUBLIC)).toBe(true);
    // The line is the JCS form of the whole record, and links to the one before.
    expect(sealed.line).toBe(canonicalize(sealed.record));
    expect(sealed.record.seq).toBe(i);
    expect(sealed.record.prev_hash).toBe(i === 0 ? GENESIS_HASH : records[i - 1]!.record.hash);
    expect(sealed.record.key_id).toBe(signer.keyId);
  });

  test('a signature does not verify for another message or key', () => {
    const { hash: _h, sig, ...unsigned } = records[2]!.record;
    const message = enc.encode(DOMAIN + canonicalize({ ...unsigned, seq: 99 }));
    expect(ed.verify(Buffer.from(sig as string, 'base64'), message, PUBLIC)).toBe(false);
    expect(
      ed.verify(Buffer.from(sig as string, 'base64'), enc.encode(DOMAIN + canonicalize(unsigned)), ed.getPublicKey(new Uint8Array(32))),
    ).toBe(false);
  });

  test('seal refuses a body that sets sealed fields, and a malformed prev hash', () => {
    expect(() => sealRecord({ event_id: 'x', seq: 3 }, { seq: 0, prevHash: GENESIS_HASH }, signer)).toThrow(/must not set "seq"/);
    expect(() => sealRecord({ event_id: 'x' }, { seq: 0, prevHash: 'abc' }, signer)).toThrow(/"prevHash" expected 64 hex chars, got 3/);
  });
});

describe('decision and outcome bodies', () => {
  const argv = ['curl', '-H', 'Authorization: Bearer abcdefghijkl1234', 'https://u:hunter2@x.io'];
  const action = { kind: 'argv' as const, argv };

  test('by default the input is a digest only: no input, no evidence', () => {
    const body = decisionBody({ eventId: eventId(0), time: at(0), action, decision: decisionFor(action, true), actor, recordInput: false });
    expect(body).toMatchObject({
      v: 3,
      type: 'decision',
      event_id: eventId(0),
      time: '2025-01-01T00:00:00.000Z',
      governance_mode: 'deterministic',
      actor,
      decision: 'block',
      rules: [{ id: 'filesystem.recursive_delete_root', risk: 'CRITICAL', reason: 'recursively deletes the root folder', blocking: true }],
      policy: { name: 'safe_defaults', version: '1' },
    });
    expect(body.action).toEqual({ kind: 'argv', input_sha256: createHash('sha256').update(JSON.stringify(argv)).digest('hex') });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(JSON.stringify(body)).not.toContain('rm -rf');
  });

  test('--record-input stores the input with secrets redacted, and the evidence', () => {
    const body = decisionBody({ eventId: eventId(0), time: at(0), action, decision: decisionFor(action, true), actor, recordInput: true });
    const a = body.action as { input: string[] };
    expect(a.input).toEqual(['curl', '-H', 'Authorization: Bearer [REDACTED]', 'https://u:[REDACTED]@x.io']);
    expect((body.rules as { evidence: string }[])[0]!.evidence).toBe('rm -rf /');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  test('--record-input: a token only the shell rules used to know (hf_) is redacted in action.input too (issue 17)', () => {
    const token = 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH';
    const shell = { kind: 'shell' as const, script: `HF_TOKEN=${token} huggingface-cli upload repo .` };
    const body = decisionBody({
      eventId: eventId(5),
      time: at(5),
      action: shell,
      decision: decisionFor(shell, false),
      actor,
      recordInput: true,
    });
    expect((body.action as { input: string }).input).toBe('HF_TOKEN=[REDACTED] huggingface-cli upload repo .');
    expect(JSON.stringify(body)).not.toContain(token);
  });

  test('shell and SQL inputs: digest of the UTF-8 text; SQL carries its dialect; role recorded', () => {
    const shell = { kind: 'shell' as const, script: 'echo ünïcode' };
    const b1 = decisionBody({
      eventId: eventId(1),
      time: at(1),
      action: shell,
      decision: decisionFor(shell, false),
      actor,
      recordInput: false,
    });
    expect((b1.action as { input_sha256: string }).input_sha256).toBe(createHash('sha256').update('echo ünïcode', 'utf8').digest('hex'));
    const sql = { kind: 'sql' as const, sql: 'SELECT 1', dialect: 'postgresql' as const };
    const decision = { ...decisionFor(sql, false), role: { name: 'reader', sha256: 'ab'.repeat(32) } };
    const b2 = decisionBody({ eventId: eventId(2), time: at(2), action: sql, decision, actor, recordInput: true });
    expect(b2.action).toMatchObject({ kind: 'sql', dialect: 'postgresql', input: 'SELECT 1' });
    expect(b2.role).toEqual({ name: 'reader', sha256: 'ab'.repeat(32) });
    expect(b2.rules).toEqual([]);
  });

  test('outcome: exit code or signal, whole milliseconds, linked to the decision', () => {
    expect(
      outcomeBody({ eventId: eventId(3), time: at(3), decisionEventId: eventId(2), exitCode: null, signal: 'SIGTERM', durationMs: 12.6 }),
    ).toEqual({
      v: 3,
      type: 'outcome',
      event_id: eventId(3),
      time: at(3).toISOString(),
      governance_mode: 'deterministic',
      decision_event_id: eventId(2),
      exit_code: null,
      signal: 'SIGTERM',
      duration_ms: 13,
    });
  });

  test('a signer built from a PEM key signs like the seed key', () => {
    const pem = privateKeyFromSeed(SEED).export({ format: 'pem', type: 'pkcs8' }).toString();
    const again = signerFromPrivateKey(createPrivateKey(pem));
    expect(again.keyId).toBe(signer.keyId);
    expect(b64(again.sign(enc.encode('x')))).toBe(b64(signer.sign(enc.encode('x'))));
  });
});
