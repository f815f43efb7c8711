// Reading the end of a trail under the lock: the last complete record to link to, and any
// unacknowledged bytes after it (a torn write). Reads only the last few KB; this is the hot path.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { SeatbeltError } from '../core/error.js';

export interface TailLink {
  seq: number;
  hash: string;
}

/** Bytes after the last record that no record acknowledges. Kept in place, never rewritten. */
export interface Fragment {
  offset: number;
  /** Length of the fragment without a trailing newline. */
  length: number;
  sha256: string;
  /** True when the file already ends with '\n' (the fragment is a complete junk line). */
  terminated: boolean;
}

export interface Tail {
  last: TailLink | null;
  fragment: Fragment | null;
}

const FIRST_WINDOW = 4096;
/** Longest last record we are willing to look back for. */
const MAX_WINDOW = 64 * 1024 * 1024;
/** Most unacknowledged bytes we recover automatically; beyond that a human should look. */
export const MAX_FRAGMENT = 4 * 1024 * 1024;

const NL = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readTail(fd: number, size: number, file: string): Tail {
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const start = Math.max(0, size - window);
    const buf = Buffer.alloc(size - start);
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    if (got !== buf.length) throw new SeatbeltError('AUDIT', `${file} shrank while being read (expected ${buf.length} bytes, got ${got})`);
    const tail = scan(buf, start, file);
    if (tail !== null) return tail;
    if (window >= MAX_WINDOW) {
      throw new SeatbeltError('AUDIT', `cannot find the last record of ${file}: no line break in its last ${window} bytes`);
    }
  }
}

/** null: the window starts inside a line we need; read more. */
function scan(buf: Buffer, base: number, file: string): Tail | null {
  let end = buf.length; // scan [0, end); buf[end-1] is '\n' once the unterminated part is set aside
  let junkStart: number | null = null;
  if (end > 0 && buf[end - 1] !== NL) {
    const nl = buf.lastIndexOf(NL);
    if (nl === -1 && base > 0) return needMore(buf.length, file);
    junkStart = nl + 1;
    end = nl + 1;
  }
  while (end > 0) {
    const nl = end - 1;
    const prev = nl === 0 ? -1 : buf.lastIndexOf(NL, nl - 1);
    if (prev === -1 && base > 0) return needMore(junkStart === null ? 0 : buf.length - junkStart, file);
    const line = buf.subarray(prev + 1, nl);
    const link = linkable(line, file);
    if (link) return { last: link, fragment: fragmentOf(buf, base, junkStart, file) };
    if (line.length === 0 || line[0] !== 0x7b /* { */) {
      throw new SeatbeltError(
        'AUDIT',
        `${file} does not end with seatbelt records (unrecognised line at byte ${base + prev + 1}); ` +
          `seatbelt will not append to it. Check it with: seatbelt verify ${file}; to start a new trail, move it aside`,
      );
    }
    junkStart = prev + 1;
    end = prev + 1;
  }
  return { last: null, fragment: fragmentOf(buf, base, junkStart, file) };
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

function fragmentOf(buf: Buffer, base: number, junkStart: number | null, file: string): Fragment | null {
  if (junkStart === null) return null;
  const terminated = buf[buf.length - 1] === NL;
  const bytes = buf.subarray(junkStart, terminated ? buf.length - 1 : buf.length);
  if (bytes.length > MAX_FRAGMENT) throw tooMuchJunk(bytes.length, file);
  return {
    offset: base + junkStart,
    length: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    terminated,
  };
}

/** The seq and hash of a complete record line, or null when the line is not one. */
function linkable(line: Buffer, file: string): TailLink | null {
  if (line.length < 2 || line[0] !== 0x7b || line[line.length - 1] !== 0x7d) return null;
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(utf8.decode(line)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (r === null || typeof r !== 'object') return null;
  if (typeof r.v === 'number' && r.v !== 1) {
    throw new SeatbeltError('AUDIT', `${file} was written in audit format v${r.v}; this seatbelt writes v1 and will not append to it`);
  }
  if (r.v !== 1) return null;
  const { seq, hash } = r;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
  return { seq, hash };
}
