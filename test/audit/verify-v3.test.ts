// Audit format v3: the record hash covers the signature, so verify checks one signature per run of
// linked v3 records (its anchor) and the hash chain commits the rest to it. These tests pin the
// format (vectors), show that the default check finds exactly what checking every signature finds
// (tampered signatures, forged runs, random damage), that mixed and rotated trails verify, and that
// an intact trail costs the anchors' signatures, not one per record.
import { createHash, createPublicKey } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { rotationBody } from '../../src/audit/rotate.js';
import { canonicalBytes, DOMAIN, expectedHash, GENESIS_HASH, sealRecord, type SealedRecord, type Signer } from '../../src/audit/seal.js';
import { verifyTrail, type VerifyReport } from '../../src/audit/verify.js';
import { RUN_MAX } from '../../src/audit/verify-core.js';
import { actor, at, bodyAt, chain, eventId, otherSigner, PUBLIC, signer, toBytes } from './fixtures.js';

ed.hashes.sha512 = sha512;
const keys = { publicKeys: [signer.publicKeyPem] };
const found = (r: VerifyReport) => r.findings.map((f) => [f.line, f.class]);
/** Both checks over the same bytes: the default (anchors) and --every-signature. */
const both = (bytes: Uint8Array, o: { publicKeys: string[] } = keys) => ({
  anchors: verifyTrail(bytes, o),
  every: verifyTrail(bytes, { ...o, everySignature: true }),
});
/** The report without its signature counts: what must not depend on how many were checked. */
const verdict = ({ signatures: _s, ...rest }: VerifyReport) => rest;

/** Re-hash a record (v3: over its canonical bytes and its signature, whatever that signature is). */
const rehash = (r: Record<string, unknown>) => ({ ...r, hash: expectedHash(r) });

/** A chain of bodies sealed from `from` on, each linked to the one before. */
function sealFrom(bodies: Record<string, unknown>[], seq: number, prevHash: string, s: Signer = signer): SealedRecord[] {
  const out: SealedRecord[] = [];
  for (const body of bodies) {
    const sealed = sealRecord(body, { seq: seq++, prevHash }, s);
    out.push(sealed);
    prevHash = sealed.record.hash;
  }
  return out;
}

describe('v3 vectors', () => {
  test('a fixed key and record give this hash and signature, recomputed independently', () => {
    const [r0, r1] = chain(2);
    // The RFC 8032 test-1 key (fixtures.ts) and the first two records of the fixture trail.
    expect(r0!.record).toMatchObject({
      v: 3,
      alg: 'Ed25519',
      hash: '11471c907a1cb01994e000b3bf0174d75543d1713283489a650713e23a5e7afd',
      sig: 'mMzWQMa17uwVKbnkbN3lYILsF/Y4V04ct8d4HdosRwe0mQf5SnrNBgi9wWHBTdvhMIFuBvvkiUbCZeq1474ACQ==',
    });
    expect(r1!.record).toMatchObject({
      prev_hash: '11471c907a1cb01994e000b3bf0174d75543d1713283489a650713e23a5e7afd',
      hash: '61792ce06a4f7cfa1262cf34a991a8bae260179d9766ec18c300b7216602ba03',
      sig: 'zrC3okfRXwrDKmmukPmJVf36dZJ3jRg7QIBenY/mAG6YMyLV3e4kcjX0IBPZ1zvSF4ME2agkZDL4FsyjgxGtAQ==',
    });
    for (const s of [r0!, r1!]) {
      const message = Buffer.from(DOMAIN + canonicalBytes(s.record));
      const sig = Buffer.from(s.record.sig as string, 'base64');
      expect(ed.verify(sig, message, PUBLIC)).toBe(true);
      // SHA-256(0x00 ‖ DOMAIN ‖ canonical ‖ the 64 signature bytes): an RFC 6962 leaf over the signed bytes and the signature.
      expect(
        createHash('sha256')
          .update(Buffer.concat([Buffer.of(0), message, sig]))
          .digest('hex'),
      ).toBe(s.record.hash);
    }
  });

  test('v2 bodies are still sealed and verified by the v2 rule (the hash without the signature)', () => {
    const v2 = sealRecord({ ...bodyAt(0), v: 2 }, { seq: 0, prevHash: GENESIS_HASH }, signer);
    const message = Buffer.from(DOMAIN + canonicalBytes(v2.record));
    expect(
      createHash('sha256')
        .update(Buffer.concat([Buffer.of(0), message]))
        .digest('hex'),
    ).toBe(v2.record.hash);
    expect(verifyTrail(toBytes([v2.line]), keys)).toMatchObject({ ok: true, signatures: { checked: 1, committed: 0 } });
  });
});

describe('signatures checked on an intact trail: the anchors, not every record', () => {
  test(`one per run of ${RUN_MAX} records under one key, and the last record`, () => {
    const n = 2 * RUN_MAX + 500;
    const r = verifyTrail(toBytes(chain(n).map((s) => s.line)), keys);
    expect(r).toMatchObject({ ok: true, records: n, signatures: { checked: 3, committed: n - 3 } });
    // --every-signature: all of them, and the same verdict.
    const every = verifyTrail(toBytes(chain(n).map((s) => s.line)), { ...keys, everySignature: true });
    expect(every.signatures).toEqual({ checked: n, committed: 0 });
    expect(verdict(every)).toEqual(verdict(r));
  });

  test('a short trail: only its last record', () => {
    expect(verifyTrail(toBytes(chain(8).map((s) => s.line)), keys).signatures).toEqual({ checked: 1, committed: 7 });
  });
});

describe('tampering with a v3 trail: the findings of checking every signature', () => {
  const N = 40;
  const good = chain(N);
  const lines = () => good.map((s) => s.line);

  test('one byte of a signature in the middle changed → HASH_MISMATCH of that record (its hash covers the signature)', () => {
    const ls = lines();
    const rec = JSON.parse(ls[20]!) as Record<string, unknown>;
    const sig = Buffer.from(rec.sig as string, 'base64');
    sig[10]! ^= 0x01;
    ls[20] = canonicalize({ ...rec, sig: sig.toString('base64') });
    const { anchors, every } = both(toBytes(ls));
    expect(found(anchors)).toEqual([[21, 'HASH_MISMATCH']]);
    expect(anchors.findings[0]!.detail).toMatch(/the signature fails too: the record's content or its signature was changed/);
    expect(verdict(anchors)).toEqual(verdict(every));
  });

  test('the same with its hash recomputed → BAD_SIGNATURE of that record (the next link to it is a follow-on)', () => {
    const ls = lines();
    const rec = JSON.parse(ls[20]!) as Record<string, unknown>;
    const sig = Buffer.from(rec.sig as string, 'base64');
    sig[10]! ^= 0x01;
    ls[20] = canonicalize(rehash({ ...rec, sig: sig.toString('base64') }));
    const { anchors, every } = both(toBytes(ls));
    expect(found(anchors)).toEqual([[21, 'BAD_SIGNATURE']]);
    expect(anchors.followOn).toEqual({ unlinked: 1, hiddenSeqs: 1 });
    expect(verdict(anchors)).toEqual(verdict(every));
  });

  test.each([
    ['a short trail', 40, 24],
    ['a forged run longer than a run', 2 * RUN_MAX + 100, RUN_MAX - 10],
  ])('a forged run with recomputed hashes and links (%s) → BAD_SIGNATURE on every forged line, as --every-signature', (_, n, from) => {
    const base = n === N ? good : chain(n);
    const ls = base.map((s) => s.line);
    // Without the key: record `from` (a decision) edited, it and every later record re-hashed and re-linked, old signatures kept.
    let prev = base[from - 1]!.record.hash;
    for (let i = from; i < n; i++) {
      const rec = JSON.parse(ls[i]!) as Record<string, unknown>;
      const edited = rehash({ ...rec, ...(i === from ? { reason: 'nothing to see' } : {}), prev_hash: prev });
      ls[i] = canonicalize(edited);
      prev = edited.hash;
    }
    const { anchors, every } = both(toBytes(ls));
    expect(found(anchors)).toEqual(Array.from({ length: n - from }, (_, k) => [from + k + 1, 'BAD_SIGNATURE']));
    expect(verdict(anchors)).toEqual(verdict(every));
  });

  test('a record signed with another key but claiming the trusted key id, inside a run → BAD_SIGNATURE there only', () => {
    const impostor = { ...otherSigner, keyId: signer.keyId };
    const ls = lines();
    const forged = sealRecord(bodyAt(10), { seq: 10, prevHash: good[9]!.record.hash }, impostor);
    ls[10] = forged.line;
    const { anchors, every } = both(toBytes(ls));
    expect(found(anchors)).toEqual([[11, 'BAD_SIGNATURE']]);
    expect(verdict(anchors)).toEqual(verdict(every));
  });

  test('random damage: the default check and --every-signature always agree (property)', () => {
    type Op =
      | { kind: 'flip'; at: number; value: number }
      | { kind: 'resign'; i: number }
      | { kind: 'sigFrom'; i: number; j: number }
      | { kind: 'forgeFrom'; i: number }
      | { kind: 'delete' | 'duplicate'; i: number }
      | { kind: 'swap'; i: number; j: number };
    const idx = fc.nat({ max: N - 1 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: 1_000_000 }), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('resign' as const), i: idx }),
      fc.record({ kind: fc.constant('sigFrom' as const), i: idx, j: idx }),
      fc.record({ kind: fc.constant('forgeFrom' as const), i: idx }),
      fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), i: idx }),
      fc.record({ kind: fc.constant('swap' as const), i: idx, j: idx }),
    );
    const apply = (ls: string[], o: Op): string[] => {
      const i = 'i' in o ? Math.min(o.i, ls.length - 1) : 0;
      const rec = () => JSON.parse(ls[i]!) as Record<string, unknown>;
      switch (o.kind) {
        case 'flip': {
          const bytes = Buffer.from(ls.join('\n'));
          bytes[o.at % bytes.length] = o.value;
          return bytes.toString('latin1').split('\n');
        }
        case 'resign': // another key's signature under the trusted key id, hash recomputed
          return ls.map((l, k) =>
            k === i ? canonicalize(rehash({ ...rec(), sig: Buffer.from(otherSigner.sign(Buffer.from('x'))).toString('base64') })) : l,
          );
        case 'sigFrom': // another record's signature, hash recomputed
          return ls.map((l, k) =>
            k === i ? canonicalize(rehash({ ...rec(), sig: (JSON.parse(ls[Math.min(o.j, ls.length - 1)]!) as { sig: string }).sig })) : l,
          );
        case 'forgeFrom': {
          const out = [...ls];
          let prev: string | null = null;
          for (let k = i; k < out.length; k++) {
            let r: Record<string, unknown>;
            try {
              r = JSON.parse(out[k]!) as Record<string, unknown>;
            } catch {
              break;
            }
            const edited = rehash({ ...r, ...(k === i ? { reason: 'forged' } : {}), ...(prev ? { prev_hash: prev } : {}) });
            out[k] = canonicalize(edited);
            prev = edited.hash;
          }
          return out;
        }
        case 'delete':
          return ls.filter((_, k) => k !== i);
        case 'duplicate':
          return [...ls.slice(0, i + 1), ls[i]!, ...ls.slice(i + 1)];
        case 'swap': {
          const out = [...ls];
          const j = Math.min(o.j, ls.length - 1);
          [out[i], out[j]] = [out[j]!, out[i]!];
          return out;
        }
      }
    };
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 3 }), (ops) => {
        let ls = lines();
        for (const o of ops) ls = apply(ls, o);
        const bytes = Buffer.from(ls.map((l) => `${l}\n`).join(''), 'latin1');
        const { anchors, every } = both(bytes);
        expect(verdict(anchors)).toEqual(verdict(every));
        expect(anchors.signatures.checked).toBeLessThanOrEqual(every.signatures.checked);
      }),
      { numRuns: 150 },
    );
  });
});

describe('mixed and rotated trails', () => {
  test('a v2 trail continued in v3 is one chain: intact, the v2 records each checked, the v3 ones by their anchor', () => {
    const v2 = sealFrom(
      Array.from({ length: 5 }, (_, i) => ({ ...bodyAt(i), v: 2 })),
      0,
      GENESIS_HASH,
    );
    const v3 = sealFrom(
      Array.from({ length: 10 }, (_, i) => bodyAt(5 + i)),
      5,
      v2[4]!.record.hash,
    );
    expect(v3[0]!.record).toMatchObject({ v: 3, prev_hash: v2[4]!.record.hash });
    const { anchors, every } = both(toBytes([...v2, ...v3].map((s) => s.line)));
    expect(anchors).toMatchObject({ ok: true, records: 15, signatures: { checked: 5 + 1, committed: 9 } });
    expect(verdict(anchors)).toEqual(verdict(every));
  });

  test('a key rotation inside a v3 trail, verified with only the first key: the rotation and the last record are the anchors', () => {
    const before = chain(6);
    const rot = sealRecord(
      rotationBody({
        eventId: eventId(6),
        time: at(6),
        actor,
        oldKeyId: signer.keyId,
        newKey: createPublicKey(otherSigner.publicKeyPem),
        reason: 'test',
      }),
      { seq: 6, prevHash: before[5]!.record.hash },
      signer,
    );
    const after = sealFrom(
      Array.from({ length: 5 }, (_, i) => bodyAt(7 + i)),
      7,
      rot.record.hash,
      otherSigner,
    );
    const bytes = toBytes([...before, rot, ...after].map((s) => s.line));
    const { anchors, every } = both(bytes);
    expect(anchors).toMatchObject({ ok: true, records: 12, signatures: { checked: 2, committed: 10 } });
    expect([...anchors.keysUsed].sort()).toEqual([signer.keyId, otherSigner.keyId].sort());
    expect(verdict(anchors)).toEqual(verdict(every));
    // A forged record after the rotation (the old key's id, another key's signature): found as with every signature.
    const forged = sealRecord(bodyAt(12), { seq: 12, prevHash: after[4]!.record.hash }, { ...otherSigner, keyId: signer.keyId });
    const damaged = both(Buffer.concat([bytes, toBytes([forged.line])]));
    expect(found(damaged.anchors)).toEqual([[13, 'BAD_SIGNATURE']]);
    expect(verdict(damaged.anchors)).toEqual(verdict(damaged.every));
  });
});
