// Reading the end of a trail under the lock: the last complete record to link to, and any
// unacknowledged bytes after the last newline (a torn write). Reads only the last few KB; this is
// the hot path. What a record is, byte for byte, is verify's own rule (verify-core.ts parseLine):
// the writer links only to a line verify would read as a record.
import { createHash } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { readRange } from './read-range.js';
import { fingerprint, parsePublicKey } from './key-format.js';
import { FORMAT_VERSION } from './seal.js';
import { READ_VERSIONS } from './shape.js';
import { parseLine, type Line } from './verify-core.js';

export interface TailLink {
  seq: number;
  hash: string;
}

/**
 * The bytes after the last newline when they are not a complete record: one unfinished line that
 * no record acknowledges. Kept in place, never rewritten. Complete lines are never a fragment.
 */
export interface Fragment {
  offset: number;
  length: number;
  sha256: string;
}

export interface Tail {
  last: TailLink | null;
  fragment: Fragment | null;
  /** The last record is complete but its newline is missing: the writer adds it (completes the record). */
  unterminated: boolean;
}

const FIRST_WINDOW = 4096;
/** Longest last record we are willing to look back for. */
const MAX_WINDOW = 64 * 1024 * 1024;
/** Most unacknowledged bytes we recover automatically; beyond that a human should look. */
export const MAX_FRAGMENT = 4 * 1024 * 1024;

const NL = 0x0a;

export function readTail(fd: number, size: number, file: string): Tail {
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const start = Math.max(0, size - window);
    const buf = readRange(fd, start, size);
    if (buf.length !== size - start)
      throw new SeatbeltError('AUDIT', `${file} shrank while being read (expected ${size - start} bytes, got ${buf.length})`);
    const tail = scan(buf, start, file);
    if (tail !== null) return tail;
    if (window >= MAX_WINDOW) {
      throw new SeatbeltError('AUDIT', `cannot find the last record of ${file}: no line break in its last ${window} bytes`);
    }
  }
}

/** null: the window starts inside a line we need; read more. */
function scan(buf: Buffer, base: number, file: string): Tail | null {
  let end = buf.length; // scan [0, end); buf[end-1] is '\n' once the unfinished part is set aside
  let unfinished: number | null = null;
  if (end > 0 && buf[end - 1] !== NL) {
    const nl = buf.lastIndexOf(NL);
    if (nl === -1 && base > 0) return needMore(buf.length, file);
    unfinished = nl + 1;
    end = nl + 1;
    // A complete record that lost only its newline ran and was acknowledged: complete it, never retire it.
    const link = linkable(buf.subarray(unfinished), base + unfinished, file);
    if (link) return { last: link, fragment: null, unterminated: true };
  }
  while (end > 0) {
    const nl = end - 1;
    const prev = nl === 0 ? -1 : buf.lastIndexOf(NL, nl - 1);
    if (prev === -1 && base > 0) return needMore(unfinished === null ? 0 : buf.length - unfinished, file);
    const line = buf.subarray(prev + 1, nl);
    const link = linkable(line, base + prev + 1, file);
    if (link) return { last: link, fragment: fragmentOf(buf, base, unfinished, file), unterminated: false };
    if (line.length === 0 || line[0] !== 0x7b /* { */) {
      throw new SeatbeltError(
        'AUDIT',
        `${file} does not end with seatbelt records (unrecognised line at byte ${base + prev + 1}); ` +
          `seatbelt will not append to it. Check it with: seatbelt verify ${file}; to start a new trail, move it aside`,
      );
    }
    // A complete line that is not a record stays as it is (verify reports it); the link goes to
    // the record before it. A recovery never covers it.
    end = prev + 1;
  }
  return { last: null, fragment: fragmentOf(buf, base, unfinished, file), unterminated: false };
}

/** Ask for a bigger window, unless the unacknowledged bytes seen so far are already too many. */
function needMore(junkBytes: number, file: string): null {
  if (junkBytes > MAX_FRAGMENT) throw tooMuchJunk(junkBytes, file);
  return null;
}

function tooMuchJunk(bytes: number, file: string): SeatbeltError {
  return new SeatbeltError(
    'AUDIT',
    `${file} ends with ${bytes} bytes or more that are not seatbelt records; seatbelt will not append to it. ` +
      `Check it with: seatbelt verify ${file}`,
  );
}

function fragmentOf(buf: Buffer, base: number, start: number | null, file: string): Fragment | null {
  if (start === null) return null;
  const bytes = buf.subarray(start);
  if (bytes.length > MAX_FRAGMENT) throw tooMuchJunk(bytes.length, file);
  if (bytes[0] !== 0x7b /* { */)
    throw new SeatbeltError(
      'AUDIT',
      `${file} ends with an unfinished line that is not a seatbelt record (at byte ${base + start}); seatbelt will not append to it. ` +
        `Check it with: seatbelt verify ${file}`,
    );
  return { offset: base + start, length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const keyFromPem = (pem: string) => {
  const key = parsePublicKey(pem);
  return { keyId: fingerprint(key), key };
};

/** The seq and hash of a line verify reads as a record, or null when it is not one. */
function linkable(bytes: Buffer, offset: number, file: string): TailLink | null {
  if (bytes.length < 2 || bytes[0] !== 0x7b || bytes[bytes.length - 1] !== 0x7d) return null;
  const line: Line = { no: 0, offset, bytes, terminated: true };
  parseLine(line, { keyFromPem });
  if (!line.record) {
    // A record of a format this seatbelt does not know: a newer writer shares the file. Stop.
    let v: unknown;
    try {
      v = (JSON.parse(bytes.toString('utf8')) as { v?: unknown }).v;
    } catch {
      v = undefined;
    }
    if (typeof v === 'number' && !(READ_VERSIONS as readonly number[]).includes(v))
      throw new SeatbeltError(
        'AUDIT',
        `${file} was written in audit format v${v}; this seatbelt writes v${FORMAT_VERSION} and will not append to it`,
      );
    return null;
  }
  return { seq: line.record.seq, hash: line.record.hash };
}
