// The one reader (src/audit/verified-trail.ts): only records that verify, the skipped lines named,
// and the follower that tail -f uses giving the same records as lines arrive.
import { describe, expect, it } from 'vitest';
import { sealRecord } from '../../src/audit/seal.js';
import { skippedNote, VerifiedFollower, verifiedTrailOf } from '../../src/audit/verified-trail.js';
import type { Finding } from '../../src/audit/verify-core.js';
import { bodyAt, chain, otherSigner, signer, toBytes } from '../audit/fixtures.js';

const good = chain(6);
const keys = { publicKeys: [signer.publicKeyPem] };
const forged = sealRecord({ ...bodyAt(6), decision: 'allow' }, { seq: 6, prevHash: good[5]!.record.hash }, otherSigner).line;
const afterForged = sealRecord(bodyAt(7), { seq: 7, prevHash: JSON.parse(forged).hash }, signer).line;
const lines = [...good.map((s) => s.line), forged, 'not json', afterForged];

describe('verifiedTrailOf', () => {
  it('reads the records that verify and names each skipped line once, with its finding', () => {
    const v = verifiedTrailOf(toBytes(lines), keys);
    expect(v.entries.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 9]);
    expect(v.skipped.map((f) => [f.line, f.class])).toEqual([
      [7, 'UNKNOWN_KEY'],
      [8, 'MALFORMED'],
    ]);
    expect(skippedNote(v.skipped, 'a.jsonl')).toMatch(/skipped 2 line\(s\) of a\.jsonl .*\(1 UNKNOWN_KEY, 1 MALFORMED; first: line 7/);
    expect(skippedNote([], 'a.jsonl')).toBeNull();
  });
});

describe('VerifiedFollower (audit tail -f)', () => {
  it('hands out the same records as lines arrive, one chunk at a time, and names what it skips', () => {
    const skipped: Finding[] = [];
    const late: Finding[] = [];
    const f = new VerifiedFollower(
      keys,
      (x) => late.push(x),
      (x) => skipped.push(x),
    );
    const got: number[] = [];
    const bytes = toBytes(lines);
    for (let at = 0; at < bytes.length;) {
      const end = Math.min(bytes.length, bytes.indexOf(0x0a, at + 100) + 1 || bytes.length);
      got.push(...f.feed(bytes.subarray(at, end)).map((e) => e.line));
      at = end;
    }
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 9]);
    expect(skipped.map((x) => [x.line, x.class])).toEqual([
      [7, 'UNKNOWN_KEY'],
      [8, 'MALFORMED'],
    ]);
    expect(late).toEqual([]);
  });
});
