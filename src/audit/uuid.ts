// UUIDv7 (RFC 9562 §5.7): a 48-bit Unix-millisecond timestamp, then randomness, so event ids sort
// by time and never collide across parallel writers. Within one process they are also strictly
// increasing (RFC 9562 §6.2 method 1: a 12-bit counter in rand_a, seeded at random each
// millisecond). Across concurrent writers they are not ordered: `seq` is the order of a trail.
import { randomBytes } from 'node:crypto';

const MAX_MS = 0xffff_ffff_ffff;

/** A UUIDv7 for `time`; `random` (at least 10 bytes) makes it deterministic for tests. */
export function uuidv7(time: Date, random: Uint8Array = randomBytes(10)): string {
  const ms = time.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS) {
    throw new RangeError(`"time" must be a valid date between 1970 and 10889, got ${String(time)}`);
  }
  if (random.length < 10) throw new RangeError(`"random" expected at least 10 bytes, got ${random.length}`);
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | (b[6]! & 0x0f); // version 7
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let last = { ms: -1, counter: 0 };

/**
 * A fresh event id and the record time that goes with it. Ids made by one process are strictly
 * increasing even when the clock stalls or steps back: within a millisecond a 12-bit counter counts
 * up; when it runs out (or the clock went back) the id keeps the last millisecond, or the next
 * one. The time returned is always the id's millisecond, so a record's `time` equals its id's.
 */
export function eventStamp(now: Date = new Date()): { eventId: string; time: Date } {
  let ms = Math.max(now.getTime(), last.ms);
  let counter: number;
  if (ms > last.ms) {
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff; // top bit clear: room to count up
  } else {
    counter = last.counter + 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    }
  }
  last = { ms, counter };
  const random = randomBytes(10);
  random[0] = (counter >> 8) & 0x0f; // rand_a: the counter (the version nibble is set by uuidv7)
  random[1] = counter & 0xff;
  const time = new Date(ms);
  return { eventId: uuidv7(time, random), time };
}

export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix milliseconds a UUIDv7 carries (its first 48 bits). Pure: no Buffer. */
export function uuidv7Millis(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
