// The tamper matrix: each way of damaging a trail gives exactly the finding (class and line) it
// should, and nothing else; verify never stops at the first finding.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { expectedHash, sealRecord } from '../../src/audit/seal.js';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoveryBody } from '../../src/audit/envelope.js';
import { merkle } from '../../src/audit/merkle.js';
import { rotationBody } from '../../src/audit/rotate.js';
import { verifyFile, verifyTrail, type VerifyReport } from '../../src/audit/verify.js';
import { actor, at, bodyAt, chain, eventId, otherSigner, signer, toBytes } from './fixtures.js';

const N = 8;
const good = chain(N);
const lines = () => good.map((r) => r.line);
const keys = { publicKeys: [signer.publicKeyPem] };
const check = (bytes: Uint8Array) => verifyTrail(bytes, keys);
/** [line, class] of every finding. */
const found = (r: VerifyReport) => r.findings.map((f) => [f.line, f.class]);

test('an intact trail verifies', () => {
  const r = check(toBytes(lines()));
  expect(r).toMatchObject({
    ok: true,
    records: N,
    decisions: 5,
    recoveries: 0,
    findings: [],
    lastSeq: N - 1,
    lastHash: good[N - 1]!.record.hash,
  });
});

describe('tamper matrix', () => {
  test('one byte changed inside a value → HASH_MISMATCH on that line', () => {
    const ls = lines();
    ls[3] = ls[3]!.replace('"reason":"no rule matched"', '"reason":"no rule matchee"');
    expect(ls[3]).not.toBe(lines()[3]);
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[4, 'HASH_MISMATCH']]);
    expect(r.findings[0]!.detail).toMatch(/signature fails too/);
  });

  test('a field edited (decision block → allow) → HASH_MISMATCH on that line', () => {
    const ls = lines();
    const rec = JSON.parse(ls[2]!) as Record<string, unknown>;
    expect(rec.decision).toBe('block');
    ls[2] = canonicalize({ ...rec, decision: 'allow' });
    expect(found(check(toBytes(ls)))).toEqual([[3, 'HASH_MISMATCH']]);
  });

  test('a field edited and its hash recomputed → one BAD_SIGNATURE there (the next link to it is a follow-on)', () => {
    // The forger can recompute a hash but not the signature, nor the next record's prev_hash.
    const { hash: _h, sig, ...rest } = good[2]!.record;
    const edited = { ...rest, decision: 'allow' };
    const forged = sealRecord(
      Object.fromEntries(Object.entries(edited).filter(([k]) => !['seq', 'prev_hash', 'key_id', 'alg'].includes(k))),
      { seq: 2, prevHash: rest.prev_hash as string },
      signer,
    );
    const ls = lines();
    // v3: the hash covers the signature, so the forger hashes the edited content with the old signature.
    const withOldSig = { ...forged.record, sig };
    ls[2] = canonicalize({ ...withOldSig, hash: expectedHash(withOldSig) });
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[3, 'BAD_SIGNATURE']]);
    expect(r.followOn).toEqual({ unlinked: 1, hiddenSeqs: 1 });
  });

  test('the hash field alone changed → one HASH_MISMATCH (signature still valid)', () => {
    const ls = lines();
    const rec = JSON.parse(ls[5]!) as Record<string, unknown>;
    ls[5] = canonicalize({ ...rec, hash: 'f'.repeat(64) });
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[6, 'HASH_MISMATCH']]);
    expect(r.findings[0]!.detail).toMatch(/only the hash field/);
  });

  test('a line deleted in the middle → SEQ_GAP where the gap shows', () => {
    const ls = lines();
    ls.splice(4, 1);
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[5, 'SEQ_GAP']]);
    expect(r.findings[0]).toMatchObject({ seq: 5, detail: expect.stringMatching(/seq 4 is missing/) });
  });

  test('the first lines deleted → SEQ_GAP on the new first line', () => {
    const r = check(toBytes(lines().slice(2)));
    expect(found(r)).toEqual([[1, 'SEQ_GAP']]);
    expect(r.findings[0]!.detail).toMatch(/seq 0\.\.1 are missing/);
  });

  test('two neighbouring lines swapped → one CHAIN_BREAK (out of order) on the line that moved ahead', () => {
    const ls = lines();
    [ls[3], ls[4]] = [ls[4]!, ls[3]!];
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[4, 'CHAIN_BREAK']]);
    expect(r.findings[0]).toMatchObject({ seq: 4, detail: expect.stringMatching(/out of order: seq 4 comes before seq 3/) });
  });

  test('two distant lines swapped → two CHAIN_BREAKs, one where each now stands', () => {
    const long = chain(40).map((s) => s.line);
    [long[5], long[30]] = [long[30]!, long[5]!];
    const r = check(toBytes(long));
    expect(found(r)).toEqual([
      [6, 'CHAIN_BREAK'],
      [31, 'CHAIN_BREAK'],
    ]);
  });

  test('one digit of a seq changed → one HASH_MISMATCH, no gaps or breaks after it', () => {
    const long = chain(20).map((s) => s.line);
    long[6] = long[6]!.replace('"seq":6,', '"seq":16,');
    const r = check(toBytes(long));
    expect(found(r)).toEqual([[7, 'HASH_MISMATCH']]);
  });

  test('a line duplicated → DUPLICATE on the copy', () => {
    const ls = lines();
    ls.splice(3, 0, ls[2]!);
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[4, 'DUPLICATE']]);
    expect(r.findings[0]).toMatchObject({ seq: 2, detail: expect.stringMatching(/same record as line 3/) });
  });

  test('a fork: two different records with the same seq and prev_hash → DUPLICATE', () => {
    const ls = lines();
    const fork = sealRecord(bodyAt(100), { seq: N - 1, prevHash: good[N - 2]!.record.hash }, signer);
    ls.push(fork.line);
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[N + 1, 'DUPLICATE']]);
    expect(r.findings[0]!.detail).toMatch(/fork: seq 7 is also line 8, a different record/);
  });

  test('a line forged and signed with another key → UNKNOWN_KEY', () => {
    const ls = lines();
    const forged = sealRecord(bodyAt(N), { seq: N, prevHash: good[N - 1]!.record.hash }, otherSigner);
    ls.push(forged.line);
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[N + 1, 'UNKNOWN_KEY']]);
    expect(r.findings[0]!.detail).toContain(otherSigner.keyId);
  });

  test('a line forged with another key but claiming the trusted key id → BAD_SIGNATURE', () => {
    const impostor = { ...otherSigner, keyId: signer.keyId };
    const forged = sealRecord(bodyAt(N), { seq: N, prevHash: good[N - 1]!.record.hash }, impostor);
    expect(found(check(toBytes([...lines(), forged.line])))).toEqual([[N + 1, 'BAD_SIGNATURE']]);
  });

  test('a forged line replacing one in the middle → one UNKNOWN_KEY there', () => {
    const ls = lines();
    ls[3] = sealRecord(bodyAt(3), { seq: 3, prevHash: good[2]!.record.hash }, otherSigner).line;
    expect(found(check(toBytes(ls)))).toEqual([[4, 'UNKNOWN_KEY']]);
  });

  test('a torn last line → TORN_TAIL (a crash, not tampering)', () => {
    const text = toBytes(lines()).toString('utf8') + good[0]!.line.slice(0, 40);
    const r = check(Buffer.from(text));
    expect(found(r)).toEqual([[N + 1, 'TORN_TAIL']]);
    expect(r.findings[0]!.detail).toMatch(/not tampering/);
    expect(r.records).toBe(N);
  });

  test('a complete last record without its newline → TORN_TAIL too (never acknowledged)', () => {
    const extra = sealRecord(bodyAt(N), { seq: N, prevHash: good[N - 1]!.record.hash }, signer);
    const r = check(Buffer.concat([toBytes(lines()), Buffer.from(extra.line)]));
    expect(found(r)).toEqual([[N + 1, 'TORN_TAIL']]);
    expect(r.findings[0]!.seq).toBe(N);
  });

  test('invalid UTF-8 → INVALID_UTF8 on that line, and no gap reported for it', () => {
    const bytes = toBytes(lines());
    const start = bytes.indexOf(Buffer.from(lines()[2]!));
    bytes[start + 30] = 0xff;
    const r = check(bytes);
    expect(found(r)).toEqual([[3, 'INVALID_UTF8']]);
    expect(r.findings[0]!.detail).toBe('invalid UTF-8 at byte 31 of the line');
  });

  test('a not-JSON line → MALFORMED', () => {
    const ls = lines();
    ls[5] = 'this is not json';
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[6, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toMatch(/^not JSON/);
  });

  test('an empty file → EMPTY', () => {
    const r = check(new Uint8Array(0));
    expect(r).toMatchObject({ ok: false, records: 0, lastHash: null });
    expect(found(r)).toEqual([[0, 'EMPTY']]);
  });

  test('several kinds of damage at once: every one is reported', () => {
    const ls = lines();
    ls[1] = ls[1]!.replace('"exit_code":0', '"exit_code":1'); // HASH_MISMATCH line 2
    ls.splice(5, 1); // seq 5 gone → SEQ_GAP on the line holding seq 6 (line 6)
    ls.push('{"half":'); // MALFORMED line 8 (terminated)
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([
      [2, 'HASH_MISMATCH'],
      [6, 'SEQ_GAP'],
      [8, 'MALFORMED'],
    ]);
  });
});

describe('shape and form', () => {
  test('a JSON object that is not a record names every bad field', () => {
    const ls = lines();
    ls[2] = JSON.stringify({ v: 1, type: 'decision', seq: '2' });
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[3, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toContain('"seq" expected a non-negative integer, got "2"');
    expect(r.findings[0]!.detail).toContain('"hash" expected 64 hex chars, got nothing');
  });

  test('a record re-serialised (same values, other bytes) → MALFORMED, content still verifies', () => {
    const ls = lines();
    ls[2] = JSON.stringify(JSON.parse(ls[2]!), null, 0).replace('{"', '{ "');
    expect(found(check(toBytes(ls)))).toEqual([[3, 'MALFORMED']]);
  });

  test('a duplicate key (parsers disagree which wins) → MALFORMED', () => {
    const ls = lines();
    ls[2] = ls[2]!.replace('"decision":"block"', '"decision":"allow","decision":"block"');
    expect(found(check(toBytes(ls)))).toEqual([[3, 'MALFORMED']]);
  });

  test('an empty line → MALFORMED', () => {
    const ls = lines();
    ls.splice(3, 0, '');
    expect(found(check(toBytes(ls)))).toEqual([[4, 'MALFORMED']]);
  });

  test('a newer format version is named', () => {
    const ls = lines();
    ls.push(JSON.stringify({ v: 4, type: 'decision' }));
    expect(check(toBytes(ls)).findings[0]!.detail).toMatch(/unsupported audit format version 4 \(this seatbelt reads v1, v2 and v3\)/);
  });

  test('keys: PEM strings and KeyObjects; none matching → UNKNOWN_KEY on every line', () => {
    const r = verifyTrail(toBytes(lines()), { publicKeys: [otherSigner.publicKeyPem] });
    expect(r.findings.map((f) => f.class)).toEqual(Array(N).fill('UNKNOWN_KEY'));
    expect(() => verifyTrail(toBytes(lines()), { publicKeys: ['not a key'] })).toThrow(/public key #1/);
  });
});

test('any single byte changed anywhere in a trail is reported (property)', () => {
  const bytes = toBytes(lines().slice(0, 4));
  fc.assert(
    fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
      fc.pre(bytes[at] !== value);
      const copy = Buffer.from(bytes);
      copy[at] = value;
      const r = check(copy);
      expect(r.ok).toBe(false);
      expect(r.findings.length).toBeGreaterThan(0);
    }),
    { numRuns: 400 },
  );
});

test('the last base64 character of a signature cannot be swapped for an equivalent one', () => {
  const ls = lines();
  const rec = JSON.parse(ls[0]!) as { sig: string };
  // 64 bytes = 86 base64 chars + "==": the last char carries 2 bits, 4 are ignored by lenient decoders.
  const last = rec.sig[85]!;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
  const forged = rec.sig.slice(0, 85) + twin + rec.sig.slice(86);
  expect(Buffer.from(forged, 'base64').equals(Buffer.from(rec.sig, 'base64'))).toBe(true);
  ls[0] = ls[0]!.replace(rec.sig, forged);
  expect(found(check(toBytes(ls)))).toEqual([[1, 'MALFORMED']]);
});

describe('issue 17: what a line is, and who may sign it', () => {
  const forgedDecision = () => {
    // Written by someone without the key: any key will do, the trusted one is not available to them.
    const body = { ...bodyAt(N), decision: 'allow' };
    return sealRecord(body, { seq: N, prevHash: good[N - 1]!.record.hash }, otherSigner).line;
  };

  test('a forged line and a fragment covered by one recovery (an old writer) → the forged line, the fragment and the recovery are findings', () => {
    const base = toBytes(lines());
    const forged = forgedDecision();
    const fragment = '{"torn';
    const offset = base.length;
    const fragmentBytes = Buffer.from(`${forged}\n${fragment}`);
    const recovery = sealRecord(
      recoveryBody({
        eventId: eventId(50),
        time: at(50),
        atOffset: offset,
        fragmentLength: fragmentBytes.length,
        fragmentSha256: createHash('sha256').update(fragmentBytes).digest('hex'),
      }),
      { seq: N + 1, prevHash: JSON.parse(forged).hash },
      signer,
    );
    const r = check(Buffer.concat([base, fragmentBytes, Buffer.from(`\n${recovery.line}\n`)]));
    expect(r.ok).toBe(false);
    expect(found(r)).toEqual([
      [N + 1, 'UNKNOWN_KEY'],
      [N + 2, 'MALFORMED'],
      [N + 3, 'CHAIN_BREAK'],
    ]);
    expect(r.findings[2]!.detail).toMatch(/a recovery covers one unfinished line, never complete lines/);
    expect(r.decisions).toBe(5); // the forged decision is not counted
  });

  test('a complete record without its final newline → TORN_TAIL, and the record still counts', () => {
    const extra = sealRecord(bodyAt(N), { seq: N, prevHash: good[N - 1]!.record.hash }, signer);
    const r = check(Buffer.concat([toBytes(lines()), Buffer.from(extra.line)]));
    expect(found(r)).toEqual([[N + 1, 'TORN_TAIL']]);
    expect(r).toMatchObject({ records: N + 1, lastSeq: N, lastHash: extra.record.hash });
    expect(r.findings[0]!.detail).toMatch(/next append completes it/);
  });

  test('a UTF-8 byte order mark at the start of a line → MALFORMED (never stripped)', () => {
    const ls = lines();
    ls[3] = `\uFEFF${ls[3]}`;
    const r = check(toBytes(ls));
    expect(found(r)).toEqual([[4, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toMatch(/byte order mark/);
  });

  test('an unknown field, even correctly signed → MALFORMED naming it', () => {
    const body = { ...bodyAt(N), note: 'rides along' };
    const extra = sealRecord(body, { seq: N, prevHash: good[N - 1]!.record.hash }, signer);
    const r = check(toBytes([...lines(), extra.line]));
    expect(found(r)).toEqual([[N + 1, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toContain('unknown field "note"');
  });

  test('a time that is not the event id time → MALFORMED', () => {
    const body = { ...bodyAt(N), time: at(N + 5).toISOString() };
    const extra = sealRecord(body, { seq: N, prevHash: good[N - 1]!.record.hash }, signer);
    const r = check(toBytes([...lines(), extra.line]));
    expect(found(r)).toEqual([[N + 1, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toMatch(/"time" .* is not the time of "event_id"/);
  });

  test('a v2 record without alg, or naming an unknown one → MALFORMED', () => {
    const withAlg = (alg: string | undefined) => {
      const r = { ...(JSON.parse(good[0]!.line) as Record<string, unknown>) };
      if (alg === undefined) delete r.alg;
      else r.alg = alg;
      return canonicalize(r);
    };
    for (const alg of [undefined, 'ML-DSA-65']) {
      const r = check(toBytes([withAlg(alg), ...lines().slice(1)]));
      expect(found(r)).toEqual([[1, 'MALFORMED']]);
      expect(r.findings[0]!.detail).toContain('"alg" expected one of "Ed25519"');
    }
  });

  test('v1 and v2 records (old trails) still verify, and a trail may hold every version', () => {
    const v1 = sealRecord({ ...bodyAt(0), v: 1 }, { seq: 0, prevHash: '0'.repeat(64) }, signer);
    expect(v1.record.alg).toBeUndefined();
    const v2 = sealRecord({ ...bodyAt(1), v: 2 }, { seq: 1, prevHash: v1.record.hash }, signer);
    expect(v2.record).toMatchObject({ v: 2, alg: 'Ed25519' });
    const v3 = sealRecord(bodyAt(2), { seq: 2, prevHash: v2.record.hash }, signer);
    expect(v3.record).toMatchObject({ v: 3, alg: 'Ed25519' });
    expect(check(toBytes([v1.line, v2.line, v3.line]))).toMatchObject({ ok: true, records: 3 });
  });

  test('the environment is signed and limited to prod, staging and dev', () => {
    const ok = sealRecord({ ...bodyAt(0), environment: 'prod' }, { seq: 0, prevHash: '0'.repeat(64) }, signer);
    expect(check(toBytes([ok.line])).ok).toBe(true);
    const odd = sealRecord({ ...bodyAt(0), environment: 'laptop' }, { seq: 0, prevHash: '0'.repeat(64) }, signer);
    expect(check(toBytes([odd.line])).findings[0]!.detail).toContain('"environment" expected "prod", "staging", "dev"');
  });

  test('a key_rotation whose new_key.key_id is not its PEM fingerprint → MALFORMED', () => {
    const body = rotationBody({
      eventId: eventId(N),
      time: at(N),
      actor,
      oldKeyId: signer.keyId,
      newKey: createPublicKey(otherSigner.publicKeyPem),
      reason: 'test',
    });
    (body.new_key as { key_id: string }).key_id = signer.keyId;
    const rot = sealRecord(body, { seq: N, prevHash: good[N - 1]!.record.hash }, signer);
    const r = check(toBytes([...lines(), rot.line]));
    expect(found(r)).toEqual([[N + 1, 'MALFORMED']]);
    expect(r.findings[0]!.detail).toMatch(/new_key.key_id.*fingerprint is/);
  });

  test('given only the first key, verify follows a key_rotation it signed to the next key', () => {
    const rot = sealRecord(
      rotationBody({
        eventId: eventId(N),
        time: at(N),
        actor,
        oldKeyId: signer.keyId,
        newKey: createPublicKey(otherSigner.publicKeyPem),
        reason: 'test',
      }),
      { seq: N, prevHash: good[N - 1]!.record.hash },
      signer,
    );
    const after = sealRecord(bodyAt(N + 1), { seq: N + 1, prevHash: rot.record.hash }, otherSigner);
    const r = check(toBytes([...lines(), rot.line, after.line]));
    expect(r).toMatchObject({ ok: true, records: N + 2 });
    expect(r.keysUsed.sort()).toEqual([signer.keyId, otherSigner.keyId].sort());
    // The old key after its own rotation is not valid; a rotation signed by an untrusted key is not followed.
    const late = sealRecord(bodyAt(N + 2), { seq: N + 2, prevHash: after.record.hash }, signer);
    expect(found(check(toBytes([...lines(), rot.line, after.line, late.line])))).toEqual([[N + 3, 'KEY_NOT_VALID_AT']]);
    const byStranger = sealRecord(
      rotationBody({
        eventId: eventId(N),
        time: at(N),
        actor,
        oldKeyId: otherSigner.keyId,
        newKey: createPublicKey(signer.publicKeyPem),
        reason: 'x',
      }),
      { seq: N, prevHash: good[N - 1]!.record.hash },
      otherSigner,
    );
    const r2 = verifyTrail(toBytes([...lines(), byStranger.line]), { publicKeys: [signer.publicKeyPem] });
    expect(found(r2)).toEqual([[N + 1, 'UNKNOWN_KEY']]);
  });

  test('verify --json carries the RFC 6962 root of the chain (the record hashes are the leaves)', () => {
    const r = verifyTrail(toBytes(lines()), { ...keys, merkleRoot: true });
    const leaves = good.map((s) => Uint8Array.from(Buffer.from(s.record.hash, 'hex')));
    const expected = merkle((...p) => new Uint8Array(createHash('sha256').update(Buffer.concat(p)).digest())).root(leaves);
    expect(r.merkleRoot).toBe(Buffer.from(expected).toString('hex'));
    expect(r.treeSize).toBe(N);
  });

  test('the streaming reader (verifyFile, small reads) says exactly what verifyTrail says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatbelt-verify-file-'));
    try {
      const ls = lines();
      ls.splice(3, 1);
      const bytes = Buffer.concat([toBytes(ls), Buffer.from('{"torn')]);
      const file = join(dir, 'a.jsonl');
      writeFileSync(file, bytes);
      expect(verifyFile(file, keys)).toEqual(check(bytes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
