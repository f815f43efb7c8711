// docs/audit-format.md's worked example, recomputed from the page itself: the code blocks are
// parsed, and every value is re-derived independently (@noble for hashes and signatures, and
// OpenSSL when present), then compared with what the library builds for the same inputs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, test } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { decisionBody } from '../../src/audit/envelope.js';
import { fingerprint, parsePublicKey, privateKeyFromSeed, signerFromPrivateKey, sshPublicKeyLine } from '../../src/audit/keys.js';
import { GENESIS_HASH, sealRecord } from '../../src/audit/seal.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { decisionFor } from './fixtures.js';

ed.hashes.sha512 = sha512;
const doc = fs.readFileSync(new URL('../../docs/audit-format.md', import.meta.url), 'utf8');

/** The code blocks whose info string names them, e.g. ```text example-hash. */
function block(name: string): string {
  const m = new RegExp('```\\w+ ' + name + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!m) throw new Error(`docs/audit-format.md has no block named ${name}`);
  return m[1]!;
}
const hexBytes = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const enc = new TextEncoder();
const DOMAIN = 'seatbelt/v1/record\n';

describe('the worked example in docs/audit-format.md', () => {
  const seed = hexBytes(block('example-seed'));
  const body = JSON.parse(block('example-body')) as Record<string, unknown>;
  const canonical = block('example-canonical');
  const line = block('example-line');

  test('the public key and key id follow from the seed', () => {
    const pub = ed.getPublicKey(seed);
    expect(Buffer.from(pub).toString('hex')).toBe(block('example-public-key'));
    const key = parsePublicKey(block('example-public-key-pem'));
    expect(Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url').equals(Buffer.from(pub))).toBe(true);
    expect(sshPublicKeyLine(key)).toBe(block('example-ssh'));
    // The fingerprint, by hand: SHA-256 of the SSH wire blob, unpadded base64.
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.from(pub)]);
    expect(`SHA256:${Buffer.from(sha256(blob)).toString('base64').replace(/=+$/, '')}`).toBe(block('example-key-id'));
    expect(fingerprint(key)).toBe(block('example-key-id'));
  });

  test('the canonical bytes are the JCS of the body with seq 0, genesis prev_hash and the key id', () => {
    const unsigned = { ...body, seq: 0, prev_hash: '0'.repeat(64), key_id: block('example-key-id') };
    expect(canonicalize(unsigned)).toBe(canonical);
    expect(Buffer.byteLength(canonical)).toBe(Number(/\((?:one line, )?(\d+) bytes/.exec(doc)![1]));
  });

  test('the hash is SHA-256(0x00 || domain || canonical), the signature Ed25519(domain || canonical)', () => {
    const message = enc.encode(DOMAIN + canonical);
    expect(Buffer.from(sha256(new Uint8Array([0, ...message]))).toString('hex')).toBe(block('example-hash'));
    const sig = Buffer.from(block('example-signature'), 'base64');
    expect(Buffer.from(ed.sign(message, seed)).equals(sig)).toBe(true); // Ed25519 is deterministic
    expect(ed.verify(sig, message, ed.getPublicKey(seed))).toBe(true);
  });

  test('the line is the JCS of the whole record and verifies', () => {
    const record = {
      ...body,
      seq: 0,
      prev_hash: '0'.repeat(64),
      key_id: block('example-key-id'),
      hash: block('example-hash'),
      sig: block('example-signature'),
    };
    expect(canonicalize(record)).toBe(line);
    const report = verifyTrail(Buffer.from(`${line}\n`), { publicKeys: [block('example-public-key-pem')] });
    expect(report).toMatchObject({ ok: true, records: 1, decisions: 1, lastHash: block('example-hash') });
  });

  test('the library builds exactly this record from the inputs the page names', () => {
    const time = new Date('2025-01-01T00:00:00.000Z');
    const eventId = uuidv7(time, hexBytes('0123456789abcdef0123'));
    const action = { kind: 'argv' as const, argv: ['rm', '-rf', '/'] };
    const actor = body.actor as { user: string; host: string; cwd: string };
    const built = decisionBody({ eventId, time, action, decision: decisionFor(action, true), actor, recordInput: false });
    // New records are v3; the same body as v1 is the page's v1 example, byte for byte.
    expect(built.v).toBe(3);
    const v1 = { ...built, v: 1 };
    expect(v1).toEqual(body);
    const sealed = sealRecord(v1, { seq: 0, prevHash: GENESIS_HASH }, signerFromPrivateKey(privateKeyFromSeed(seed)));
    expect(sealed.line).toBe(line);
  });

  test('the same record in v2: alg and environment signed, the library builds exactly it, and it verifies', () => {
    const time = new Date('2025-01-01T00:00:00.000Z');
    const eventId = uuidv7(time, hexBytes('0123456789abcdef0123'));
    const action = { kind: 'argv' as const, argv: ['rm', '-rf', '/'] };
    const actor = body.actor as { user: string; host: string; cwd: string };
    const built = decisionBody({ eventId, time, action, decision: decisionFor(action, true), actor, recordInput: false });
    const sealed = sealRecord(
      { ...built, v: 2, environment: 'prod' },
      { seq: 0, prevHash: GENESIS_HASH },
      signerFromPrivateKey(privateKeyFromSeed(seed)),
    );
    const canonical2 = block('example-v2-canonical');
    expect(sealed.line).toBe(block('example-v2-line'));
    expect(sealed.record.hash).toBe(block('example-v2-hash'));
    // Independently: @noble over the page's canonical bytes.
    const message = enc.encode(DOMAIN + canonical2);
    expect(Buffer.from(sha256(new Uint8Array([0, ...message]))).toString('hex')).toBe(block('example-v2-hash'));
    expect(ed.verify(Buffer.from(block('example-v2-signature'), 'base64'), message, ed.getPublicKey(seed))).toBe(true);
    expect(JSON.parse(canonical2)).toMatchObject({ v: 2, alg: 'Ed25519', environment: 'prod' });
    const report = verifyTrail(Buffer.from(`${block('example-v2-line')}\n`), { publicKeys: [block('example-public-key-pem')] });
    expect(report).toMatchObject({ ok: true, records: 1 });
  });

  test('the same record in v3: the hash covers the signature, the library builds exactly it, and it verifies', () => {
    const time = new Date('2025-01-01T00:00:00.000Z');
    const eventId = uuidv7(time, hexBytes('0123456789abcdef0123'));
    const action = { kind: 'argv' as const, argv: ['rm', '-rf', '/'] };
    const actor = body.actor as { user: string; host: string; cwd: string };
    const built = decisionBody({ eventId, time, action, decision: decisionFor(action, true), actor, recordInput: false });
    const sealed = sealRecord(
      { ...built, environment: 'prod' },
      { seq: 0, prevHash: GENESIS_HASH },
      signerFromPrivateKey(privateKeyFromSeed(seed)),
    );
    const canonical3 = block('example-v3-canonical');
    expect(sealed.line).toBe(block('example-v3-line'));
    expect(sealed.record.hash).toBe(block('example-v3-hash'));
    // Independently: @noble over the page's canonical bytes; the signature as in v2, the hash over it too.
    const message = enc.encode(DOMAIN + canonical3);
    const sig = Buffer.from(block('example-v3-signature'), 'base64');
    expect(sig.length).toBe(64);
    expect(Buffer.from(ed.sign(message, seed)).equals(sig)).toBe(true);
    expect(Buffer.from(sha256(new Uint8Array([0, ...message, ...sig]))).toString('hex')).toBe(block('example-v3-hash'));
    // Without the signature it would be the v2 rule's hash: not this one.
    expect(Buffer.from(sha256(new Uint8Array([0, ...message]))).toString('hex')).not.toBe(block('example-v3-hash'));
    expect(JSON.parse(canonical3)).toEqual({ ...JSON.parse(block('example-v2-canonical')), v: 3 });
    expect(canonicalize({ ...JSON.parse(canonical3), hash: block('example-v3-hash'), sig: block('example-v3-signature') })).toBe(
      block('example-v3-line'),
    );
    const report = verifyTrail(Buffer.from(`${block('example-v3-line')}\n`), { publicKeys: [block('example-public-key-pem')] });
    expect(report).toMatchObject({ ok: true, records: 1, signatures: { checked: 1, committed: 0 } });
    expect(doc).toContain(`"prev_hash":"${block('example-v3-hash')}"`);
  });

  const hasOpenssl = (() => {
    try {
      return /OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
    } catch {
      return false;
    }
  })();

  test.skipIf(!hasOpenssl)("OpenSSL agrees, following the page's own recipe", () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-doc-'));
    try {
      fs.writeFileSync(join(dir, 'pub.pem'), `${block('example-public-key-pem')}\n`);
      fs.writeFileSync(join(dir, 'msg.bin'), DOMAIN + canonical);
      fs.writeFileSync(join(dir, 'sig.bin'), Buffer.from(block('example-signature'), 'base64'));
      const out = execFileSync(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'msg.bin', '-sigfile', 'sig.bin'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(out).toMatch(/Signature Verified Successfully/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
