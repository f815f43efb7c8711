// The records of a local trail that may be shipped: those that verify as part of its chain, with
// their bytes exactly as stored. A first read (`stream`) verifies the trail from the top, or from the
// record the ledger holds last, as it reads it; later reads (`next`, for --follow) verify only the
// lines appended since, continuing from the last record read, with the keys learned so far (a key
// rotation in the new lines is followed like verify follows it). `first` reads and verifies the
// whole trail at once (the OTLP export).
import * as fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { KeyWindow } from '../../audit/key-windows.js';
import { readRange } from '../../audit/read-range.js';
import type { ChainFields } from '../../audit/shape.js';
import { keyMap, nodeCrypto, type Finding } from '../../audit/verify.js';
import { READABLE_DESPITE, TrailVerifier, parseLine, splitLines, type Line } from '../../audit/verify-core.js';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { SeatbeltError } from '../../core/error.js';

export interface VerifiedLine {
  /** 1-based line number in the file. */
  line: number;
  record: ChainFields;
  /** The line's bytes, without the newline. */
  bytes: Uint8Array;
}

export interface TrailRead {
  /** Verified records, in file order. */
  records: VerifiedLine[];
  /** Findings of the lines read (a record with one is not in `records`; SEQ_GAP and TORN_TAIL leave it readable). */
  findings: Finding[];
  /** The first record's event id (the default log id), when the read started at the top. */
  firstEventId: string | null;
}

/**
 * A trail verified as it is read (`TrailSource.stream`): `slices` gives the records whose verdict is
 * final, in file order, a few thousand lines at a time, letting the event loop run in between (the
 * shipper's inserts go on meanwhile); `findings` are the findings so far, all of them once the
 * slices are done.
 */
export interface TrailStream {
  slices: AsyncIterable<VerifiedLine[]>;
  findings: () => Finding[];
  /** The line number of the first line read (1 from the top). */
  firstLine: number;
}

/** Lines whose bytes are kept for the verifier's verdict: far more than a run (RUN_MAX, 1024) it may hold back. */
const RECENT_LINES = 16_384;
/** Bytes read at a time. */
const WINDOW_BYTES = 4 << 20;

/** Lines verified between two turns of the event loop. */
const SLICE_LINES = 2048;

export interface TrailKeys {
  keys: KeyObject[];
  windows: KeyWindow[] | null;
}

/** The trail's bytes from `from` to its end (a file shorter than `from` lost records: refused). */
function readFileFrom(file: string, from: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError('IO', code === 'ENOENT' ? `no audit file at ${file}` : `cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < from)
      throw new SeatbeltError(
        'INPUT',
        `${file} shrank from ${from} to ${size} bytes: records were removed (check with: seatbelt verify ${file})`,
      );
    return readRange(fd, from, size);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a trail from the top, then (`next`) what was appended since. Only whole lines are read, and
 * a trailing line that is not a record waits for the next read (a recovery record may follow it).
 */
export class TrailSource {
  private offset = 0;
  private lines = 0;
  private readonly keys: Map<string, unknown>;

  constructor(
    readonly file: string,
    private readonly trust: TrailKeys,
  ) {
    this.keys = keyMap(trust.keys);
  }

  /** The whole trail, verified on every core. */
  async first(): Promise<TrailRead> {
    const bytes = readFileFrom(this.file, 0);
    const end = this.wholeLinesEnd(bytes);
    const body = bytes.subarray(0, end);
    const candidates: { line: number; record: ChainFields }[] = [];
    const { verifyTrailParallel } = await import('../../audit/verify-parallel.js');
    const report = await verifyTrailParallel(body, {
      publicKeys: this.trust.keys,
      keyWindows: this.trust.windows,
      onRecord: (line, record) => candidates.push({ line, record }),
    });
    // The keys a rotation handed over are trusted from here on (the next reads start after it).
    for (const c of candidates) this.learnKey(c.record);
    const lines = splitLines(body);
    this.offset = end;
    this.lines = lines.length;
    const records = this.keep(candidates, report.findings, lines);
    return { records, findings: report.findings, firstEventId: records[0]?.line === 1 ? records[0].record.event_id : null };
  }

  /** The event id the first line names, unverified (null when it is not a JSON record). */
  firstLineEventId(): string | null {
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const nl = buf.subarray(0, n).indexOf(0x0a);
      const r = JSON.parse(buf.subarray(0, nl === -1 ? n : nl).toString('utf8')) as { event_id?: unknown; seq?: unknown };
      return r.seq === 0 && typeof r.event_id === 'string' ? r.event_id : null;
    } catch {
      return null;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * The trail from the top (`after` null), or from the record at `after.seq` when that record is
   * there with `after.hash` (null when it is not: read from the top), verified as it is read.
   *
   * A trail whose first record read hashes its signature (v3) is verified here, on this thread, in
   * slices: one signature per run of records, so the thread keeps up, and the records go out while
   * the rest is read. An older trail (a signature to check on every record) is verified on every
   * core first (verify-parallel), then handed over at once.
   *
   * A record is handed over once the verifier has judged a later record, when every finding about
   * it has been made (its own, and the out-of-order check the next record settles); the findings
   * only the end of the file can make (a gap, a link to a record that never came) cannot concern a
   * record that continues the chain, which is all a shipper sends. The last one goes at the end.
   */
  stream(after: { seq: number; hash: string } | null): TrailStream | null {
    const fd = openTrail(this.file);
    let size: number;
    let end: number;
    let start = 0;
    let before = 0;
    let v3: boolean;
    try {
      size = fs.fstatSync(fd).size;
      end = this.wholeLinesEndOf(fd, size);
      if (after) {
        const found = recordFromTheBack(fd, end, after.seq, after.hash);
        if (found === null) return null;
        start = found;
        before = newlinesBefore(fd, start);
      }
      v3 = hashesSignature(readRange(fd, start, Math.min(end, start + (64 << 10))));
    } finally {
      fs.closeSync(fd);
    }
    const self = this;
    // Read from a record in the middle, the verifier sees it come after a gap: the link to the record
    // before it is the caller's to check (the ledger holds that one).
    const own = (f: Finding) => !(after && f.class === 'SEQ_GAP' && f.line === before + 1);
    let findings: Finding[] = [];
    const done = (read: { findings: Finding[]; lines: number }) => {
      findings = read.findings.filter(own);
      self.offset = end;
      self.lines = before + read.lines;
    };
    const onFinding = (f: Finding) => void (own(f) && findings.push(f));
    const slices = v3
      ? this.sliced(start, end, before, onFinding, done)
      : this.whole(readFileFrom(this.file, 0).subarray(start, end), before, done);
    return { slices, findings: () => findings, firstLine: before + 1 };
  }

  /**
   * Verifies the bytes [start, end) of the trail (after `before` lines) on this thread, slice by
   * slice, read in windows: memory holds a few windows, however long the trail.
   */
  private async *sliced(
    start: number,
    end: number,
    before: number,
    onFinding: (f: Finding) => void,
    done: (read: { findings: Finding[]; lines: number }) => void,
  ): AsyncGenerator<VerifiedLine[]> {
    const held: VerifiedLine[] = [];
    const bad = new Set<number>();
    let ready: VerifiedLine[] = [];
    // The bytes of the lines pushed lately: the verifier judges a line within a run's length of it.
    const recent = new Map<number, Uint8Array>();
    const v = new TrailVerifier({
      crypto: nodeCrypto,
      keys: keyMap(this.trust.keys),
      ...(this.trust.windows ? { keyWindows: this.trust.windows } : {}),
      onFinding: (f) => {
        if (!READABLE_DESPITE.has(f.class)) bad.add(f.line);
        onFinding(f);
      },
      onRecord: (line, record) => {
        // Every record before this one has been judged for good.
        for (const h of held.splice(0)) if (!bad.has(h.line)) ready.push(h);
        const bytes = recent.get(line);
        if (!bytes) throw new Error(`ship: line ${line} was judged after its bytes were let go`);
        held.push({ line, record, bytes });
      },
    });
    const handOver = (lines: VerifiedLine[]): VerifiedLine[] => {
      for (const l of lines) this.learnKey(l.record);
      return lines;
    };
    let no = before;
    let lines = 0;
    for (const w of lineWindows(this.file, start, end)) {
      let at = 0;
      while (at < w.bytes.length) {
        for (let n = 0; n < SLICE_LINES && at < w.bytes.length; n++) {
          const nl = w.bytes.indexOf(0x0a, at);
          const e = nl === -1 ? w.bytes.length : nl;
          const bytes = w.bytes.subarray(at, e);
          no++;
          lines++;
          recent.set(no, bytes);
          if (recent.size > RECENT_LINES) recent.delete(no - RECENT_LINES);
          v.push({ no, offset: w.base + at, bytes, terminated: nl !== -1 });
          at = e + 1;
        }
        if (ready.length) {
          const out = handOver(ready);
          ready = [];
          yield out;
        }
        await yieldToIo();
      }
    }
    const report = v.finish();
    for (const h of held.splice(0)) if (!bad.has(h.line)) ready.push(h);
    done({ findings: report.findings, lines });
    if (ready.length) yield handOver(ready);
  }

  /** Verifies `body` on every core, then hands over its verified records at once. */
  private async *whole(
    body: Uint8Array,
    before: number,
    done: (read: { findings: Finding[]; lines: number }) => void,
  ): AsyncGenerator<VerifiedLine[]> {
    const candidates: { line: number; record: ChainFields }[] = [];
    const { verifyTrailParallel } = await import('../../audit/verify-parallel.js');
    const report = await verifyTrailParallel(body, {
      publicKeys: this.trust.keys,
      keyWindows: this.trust.windows,
      onRecord: (line, record) => candidates.push({ line, record }),
    });
    const findings = report.findings.map((f) => ({ ...f, line: f.line === 0 ? 0 : f.line + before }));
    for (const c of candidates) {
      c.line += before;
      this.learnKey(c.record);
    }
    const lines = splitLines(body).map((l) => ({ ...l, no: l.no + before }));
    done({ findings, lines: lines.length });
    yield this.keep(candidates, findings, lines, before);
  }

  /** The lines appended since the last read, verified against the keys known so far. */
  next(): TrailRead {
    const bytes = readFileFrom(this.file, this.offset);
    const end = this.wholeLinesEnd(bytes);
    if (end === 0) return { records: [], findings: [], firstEventId: null };
    const body = bytes.subarray(0, end);
    const candidates: { line: number; record: ChainFields }[] = [];
    const v = new TrailVerifier({
      crypto: nodeCrypto,
      keys: this.keys,
      ...(this.trust.windows ? { keyWindows: this.trust.windows } : {}),
      onRecord: (line, record) => candidates.push({ line, record }),
    });
    const lines = splitLines(body);
    for (const l of lines) v.push(l);
    const report = v.finish();
    // Seen alone, the new lines start after a gap; the link to the record before them is checked by the caller (and the ledger).
    const firstLine = candidates[0]?.line;
    const base = this.lines;
    const findings = report.findings
      .filter((f) => !(f.class === 'SEQ_GAP' && f.line === firstLine))
      .map((f) => ({ ...f, line: f.line === 0 ? 0 : f.line + base }));
    for (const c of candidates) c.line += base;
    this.offset += end;
    this.lines += lines.length;
    const shifted = lines.map((l) => ({ ...l, no: l.no + base }));
    return { records: this.keep(candidates, findings, shifted, base), findings, firstEventId: null };
  }

  private learnKey(r: ChainFields): void {
    if (r.type !== 'key_rotation') return;
    const nk = r.new_key as { key_id: string; public_key_pem: string };
    if (!this.keys.has(nk.key_id)) this.keys.set(nk.key_id, nodeCrypto.keyFromPem(nk.public_key_pem).key);
  }

  /** Where the read stops: after the last whole line, and before a trailing line that is not (yet) a record. */
  private wholeLinesEnd(bytes: Uint8Array): number {
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) return 0;
    const start = end >= 2 ? bytes.lastIndexOf(0x0a, end - 2) + 1 : 0;
    const last: Line = { no: 0, offset: start, bytes: bytes.subarray(start, end - 1), terminated: true };
    parseLine(last, nodeCrypto);
    return last.record ? end : start;
  }

  /** wholeLinesEnd of the file, from its last window (grown while the last line does not fit). */
  private wholeLinesEndOf(fd: number, size: number): number {
    for (let n = 1 << 20; ; n *= 2) {
      const from = Math.max(0, size - n);
      const tail = readRange(fd, from, size);
      const last = tail.lastIndexOf(0x0a);
      if (from === 0 || (last > 0 && tail.lastIndexOf(0x0a, last - 1) !== -1)) return from + this.wholeLinesEnd(tail);
    }
  }

  private keep(
    candidates: { line: number; record: ChainFields }[],
    findings: Finding[],
    lines: { no: number; bytes: Uint8Array }[],
    base = 0,
  ): VerifiedLine[] {
    const bad = new Set(findings.filter((f) => !READABLE_DESPITE.has(f.class)).map((f) => f.line));
    return candidates.filter((c) => !bad.has(c.line)).map((c) => ({ ...c, bytes: lines[c.line - base - 1]!.bytes }));
  }
}

/** Whether the first line of `body` is a record whose hash covers its signature (v3 on). */
function hashesSignature(body: Uint8Array): boolean {
  const nl = body.indexOf(0x0a);
  try {
    const v = (JSON.parse(Buffer.from(body.buffer, body.byteOffset, nl === -1 ? body.length : nl).toString('utf8')) as { v?: unknown }).v;
    return typeof v === 'number' && v >= 3;
  } catch {
    return false;
  }
}

function openTrail(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError('IO', code === 'ENOENT' ? `no audit file at ${file}` : `cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** The lines before byte `offset` (a line start), counted a window at a time. */
function newlinesBefore(fd: number, offset: number): number {
  let n = 0;
  for (let from = 0; from < offset; from += WINDOW_BYTES) {
    const w = readRange(fd, from, Math.min(offset, from + WINDOW_BYTES));
    for (let at = w.indexOf(0x0a); at !== -1; at = w.indexOf(0x0a, at + 1)) n++;
  }
  return n;
}

/**
 * Where the record `seq` with `hash` starts, searched from `end` back (seqs grow line by line, so
 * it is found after parsing only what follows it); null when it is not there. Reads a window from
 * the end, twice as large each time the search reaches the window's cut first line.
 */
function recordFromTheBack(fd: number, end: number, seq: number, hash: string): number | null {
  for (let n = 1 << 20; ; n *= 2) {
    const from = Math.max(0, end - n);
    const bytes = readRange(fd, from, end);
    let lineEnd = bytes.length - 1; // the newline that ends the last line
    while (lineEnd > 0) {
      const nl = bytes.lastIndexOf(0x0a, lineEnd - 1);
      if (nl === -1 && from > 0) break; // this line may start before the window
      const lineStart = nl + 1;
      let r: { seq?: unknown; hash?: unknown } | null = null;
      try {
        r = JSON.parse(bytes.subarray(lineStart, lineEnd).toString('utf8')) as { seq?: unknown; hash?: unknown };
      } catch {
        r = null;
      }
      if (r && typeof r.seq === 'number') {
        if (r.seq === seq && r.hash === hash) return from + lineStart;
        if (r.seq < seq) return null;
      }
      lineEnd = lineStart - 1;
    }
    if (from === 0) return null;
  }
}

/** The bytes [start, end) of the file (whole lines) in windows of whole lines, each a buffer of its own. */
function* lineWindows(file: string, start: number, end: number): Generator<{ base: number; bytes: Buffer }> {
  const fd = openTrail(file);
  try {
    let at = start;
    while (at < end) {
      let w = readRange(fd, at, Math.min(end, at + WINDOW_BYTES));
      if (w.length === 0) return; // the file shrank: what was read is all there is
      if (at + w.length < end) {
        let cut = w.lastIndexOf(0x0a) + 1;
        // One line longer than a window: read on until it ends.
        for (let more = WINDOW_BYTES * 2; cut === 0 && at + w.length < end; more *= 2) {
          w = readRange(fd, at, Math.min(end, at + more));
          cut = w.lastIndexOf(0x0a) + 1;
        }
        if (cut > 0) w = w.subarray(0, cut);
      }
      yield { base: at, bytes: w };
      at += w.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}
