// UUIDv7 (RFC 9562 §5.7): a 48-bit Unix-millisecond timestamp, then randomness, so event ids sort
// by time and never collide across parallel writers.
import { randomBytes } from 'node:crypto';

/** A UUIDv7 for `time`; `random` (at least 10 bytes) makes it deterministic for tests. */
export function uuidv7(time: Date, random: Uint8Array = randomBytes(10)): string {
  const ms = time.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0xffff_ffff_ffff) {
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

export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
