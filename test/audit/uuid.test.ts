import { describe, expect, test } from 'vitest';
import { eventStamp, uuidv7, UUIDV7_PATTERN, uuidv7Millis } from '../../src/audit/uuid.js';

describe('uuidv7', () => {
  test('RFC 9562 Appendix A.6 example', () => {
    // 2022-02-22T19:22:22.000Z = 0x017F22E279B0 ms; rand_a 0xCC3; rand_b 0x18C4DC0C0C07398F.
    const random = Uint8Array.from([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);
    expect(uuidv7(new Date('2022-02-22T19:22:22.000Z'), random)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  test('version and variant bits are forced whatever the randomness', () => {
    for (const fill of [0x00, 0xff]) {
      expect(uuidv7(new Date(0), new Uint8Array(10).fill(fill))).toMatch(UUIDV7_PATTERN);
    }
  });

  test('ids sort by time and differ within one millisecond', () => {
    const a = uuidv7(new Date(1_000));
    const b = uuidv7(new Date(2_000));
    expect(a < b).toBe(true);
    expect(uuidv7(new Date(5))).not.toBe(uuidv7(new Date(5)));
  });

  test('refuses an invalid date or too little randomness', () => {
    expect(() => uuidv7(new Date(Number.NaN))).toThrow(/valid date/);
    expect(() => uuidv7(new Date(-1))).toThrow(/valid date/);
    expect(() => uuidv7(new Date(0), new Uint8Array(9))).toThrow(/at least 10 bytes/);
  });
});

describe("eventStamp: ids of one process are strictly increasing, and the time is the id's", () => {
  test('many ids in one millisecond, and a clock that steps back, still increase', () => {
    const now = new Date('2025-06-01T00:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const { eventId, time } = eventStamp(i === 5_000 ? new Date(now.getTime() - 60_000) : now);
      expect(uuidv7Millis(eventId)).toBe(time.getTime());
      ids.push(eventId);
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every((id) => UUIDV7_PATTERN.test(id))).toBe(true);
  });

  test('a later clock reading starts from its own millisecond', () => {
    const later = new Date(Date.UTC(2030, 0, 1));
    expect(eventStamp(later).time.getTime()).toBe(later.getTime());
  });
});
