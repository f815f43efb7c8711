// RFC 3161 against a real time-stamping authority (openssl ts, from Debian's packages): seatbelt's
// request is answered, its check of the token agrees with `openssl ts -verify`, and a token for other
// bytes, from an untrusted CA, or damaged, is refused with the reason.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { timestampRequest, tokenOfResponse, verifyTimestamp, TimestampError } from '../../src/audit/tsa.js';
import { timestampAuthority } from './tsa-authority.js';

const tsa = timestampAuthority();
const other = timestampAuthority();
afterAll(() => {
  tsa.cleanup();
  other.cleanup();
});
const ca = new X509Certificate(readFileSync(tsa.caFile));
const enc = new TextEncoder();
const NOTE = enc.encode('seatbelt.trail/0190\n12\nAAAA\n\n\u2014 x sig\n');

describe('RFC 3161 time-stamps', () => {
  test('a token for the checkpoint verifies, and openssl agrees', () => {
    const before = Date.now();
    const { der, nonce } = timestampRequest(NOTE);
    const response = tsa.reply(der);
    const token = tokenOfResponse(response);
    const got = verifyTimestamp(token, NOTE, [ca]);
    expect(got.nonce).toBe(nonce);
    expect(got.policy).toBe('1.2.3.4.1');
    expect(got.tsa).toMatch(/seatbelt test TSA/);
    expect(got.time.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(got.time.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(tsa.opensslVerifies(NOTE, response)).toBe(true);
  });

  test('a token for other bytes is refused (and openssl refuses it too)', () => {
    const response = tsa.reply(timestampRequest(NOTE).der);
    const changed = enc.encode('seatbelt.trail/0190\n11\nAAAA\n\n\u2014 x sig\n');
    expect(() => verifyTimestamp(tokenOfResponse(response), changed, [ca])).toThrow(/message imprint differs/);
    expect(tsa.opensslVerifies(changed, response)).toBe(false);
  });

  test('a TSA whose CA the verifier does not trust is refused', () => {
    const response = other.reply(timestampRequest(NOTE).der);
    expect(() => verifyTimestamp(tokenOfResponse(response), NOTE, [ca])).toThrow(/does not chain to a trusted CA/);
  });

  test('every single-bit change anywhere in the token is refused with a reason', () => {
    const token = tokenOfResponse(tsa.reply(timestampRequest(NOTE).der));
    expect(() => verifyTimestamp(token, NOTE, [ca])).not.toThrow();
    for (let i = 0; i < token.length; i++) {
      const bad = Uint8Array.from(token);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => verifyTimestamp(bad, NOTE, [ca]), `byte ${i}`).toThrow(TimestampError);
    }
  });
});
