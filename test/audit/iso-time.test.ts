// isoTime writes an instant exactly as Date#toISOString does (src/core/iso-time.ts), without V8's
// date cache: compared with toISOString on the edges of days, months, leap years and centuries, on
// random instants across 1970-9999, and past its range, where it defers to toISOString.
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/core/iso-time.js';

const same = (ms: number) => expect(isoTime(new Date(ms)), String(ms)).toBe(new Date(ms).toISOString());

describe('isoTime', () => {
  it('writes the edges of days, months and leap years as toISOString', () => {
    for (const y of [1970, 1971, 1972, 1999, 2000, 2001, 2024, 2026, 2100, 2400, 2401, 9999]) {
      for (let m = 0; m < 12; m++) {
        const first = Date.UTC(y, m, 1);
        for (const ms of [first, first - 1, first + 1, first + 86_399_999, Date.UTC(y, m + 1, 0, 23, 59, 59, 999)]) {
          if (ms >= 0) same(ms);
        }
      }
      same(Date.UTC(y, 1, 28, 12));
      same(Date.UTC(y, 1, 29, 12)); // Feb 29 in a leap year, Mar 1 otherwise
    }
    same(0);
    same(253_402_300_799_999);
  });

  it('writes random instants of 1970-9999 as toISOString', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) same(Math.floor(next() * 253_402_300_800_000));
    for (let i = 0; i < 2_000; i++) same(Date.now() + Math.floor((next() - 0.5) * 1e11));
  });

  it('defers to toISOString outside 1970-9999, and fails as it does on an invalid date', () => {
    for (const ms of [-1, -86_400_000, 253_402_300_800_000, 8.64e15, -8.64e15]) same(ms);
    expect(() => isoTime(new Date(NaN))).toThrow(RangeError);
  });
});
