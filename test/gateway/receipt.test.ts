import { describe, expect, it } from 'vitest';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { signerFromPrivateKey } from '../../src/audit/key-format.js';
import { makeReceipt, signWith, verifyReceipt } from '../../src/gateway/receipt.js';
import { parseOwner } from '../../src/gateway/owner.js';

const { privateKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const signer = signerFromPrivateKey(privateKey);
const pub = createPublicKey(privateKey);
const records = [
  { id: '01936d7a-5f1e-7c2a-9b3d-4e5f6a7b8c9d', hash: 'a'.repeat(64) },
  { id: '01936d7a-5f1e-7c2a-8b3d-4e5f6a7b8c9e', hash: 'b'.repeat(64) },
];

describe('receipts', () => {
  const header = makeReceipt(records, signWith(signer), { requestId: 'req-1', time: new Date('2025-01-31T12:00:00.000Z') });

  it('is a header-safe value that verifies offline with the public key', () => {
    expect(header).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.SHA256:[A-Za-z0-9+/]{43}$/);
    expect(verifyReceipt(header, [other.publicKey, pub])).toEqual({
      ok: true,
      keyId: signer.keyId,
      time: '2025-01-31T12:00:00.000Z',
      records,
      requestId: 'req-1',
    });
  });

  it('fails under another key', () => {
    const r = verifyReceipt(header, [other.publicKey]);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toMatch(/not among the public keys/);
  });

  it('fails when any byte of the payload or signature changes', () => {
    const [v, payload, sig, key] = header.split('.') as [string, string, string, string];
    const text = Buffer.from(payload, 'base64url').toString('utf8');
    const tampered = Buffer.from(text.replace('a'.repeat(64), 'c'.repeat(64))).toString('base64url');
    expect(verifyReceipt([v, tampered, sig, key].join('.'), [pub])).toMatchObject({ ok: false, reason: /does not verify/ });
    const sigBytes = Buffer.from(sig, 'base64url');
    sigBytes[0]! ^= 1;
    expect(verifyReceipt([v, payload, sigBytes.toString('base64url'), key].join('.'), [pub])).toMatchObject({ ok: false });
    // A record signature (another domain) is not a receipt signature.
    const recordSig = Buffer.from(signer.sign(Buffer.concat([Buffer.from('seatbelt/v1/record\n'), Buffer.from(text)]))).toString(
      'base64url',
    );
    expect(verifyReceipt([v, payload, recordSig, key].join('.'), [pub])).toMatchObject({ ok: false, reason: /does not verify/ });
  });

  it('refuses a payload that is not canonical, and garbage, with a reason', () => {
    const [v, payload, , key] = header.split('.') as [string, string, string, string];
    const text = Buffer.from(payload, 'base64url').toString('utf8');
    const spaced = JSON.stringify(JSON.parse(text), null, 1);
    const sig = Buffer.from(signer.sign(Buffer.concat([Buffer.from('seatbelt/v1/receipt\n'), Buffer.from(spaced)]))).toString('base64url');
    expect(verifyReceipt([v, Buffer.from(spaced).toString('base64url'), sig, key].join('.'), [pub])).toMatchObject({
      ok: false,
      reason: /canonical/,
    });
    for (const bad of ['', 'v2.a.b.c', 'v1.a.b', 'v1.%%.b.SHA256:x', header + '.x'])
      expect(verifyReceipt(bad, [pub])).toMatchObject({ ok: false });
  });

  it('refuses to make a receipt for something that is not a record', () =>
    expect(() => makeReceipt([{ id: 'x', hash: 'y' }], signWith(signer))).toThrow(TypeError));
});

describe('X-Commit-Owner', () => {
  it.each([
    ['human:alice', 'human', 'alice'],
    [' service:ci-bot ', 'service', 'ci-bot'],
    [['human:a.b@example.com'], 'human', 'a.b@example.com'],
  ])('%j', (v, kind, id) => expect(parseOwner(v)).toEqual({ ok: true, owner: { value: `${kind}:${id}`, kind, id } }));

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['alice', 'malformed'],
    ['robot:alice', 'malformed'],
    ['human:', 'malformed'],
    ['human:al ice', 'malformed'],
    ['human:a\nb', 'malformed'],
    [['human:a', 'human:b'], 'malformed'],
  ])('%j is %s, naming the header', (v, code) => {
    const r = parseOwner(v as string | string[] | undefined);
    expect(r).toMatchObject({ ok: false, error: { header: 'X-Commit-Owner', code } });
    expect(!r.ok && r.error.message).toContain('X-Commit-Owner');
  });
});
