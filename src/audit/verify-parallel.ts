// verify on every core, streaming, for trails whose signatures are checked record by record: v1
// and v2 (their hash does not cover the signature) and --every-signature. (A v3 trail needs one
// signature per run, verify-core.ts: the main thread alone, without the workers' memory.) Checking
// Ed25519 signatures is then most of verifying a trail, so worker threads check them ahead of the main thread, which runs the one streaming verifier
// (parsing, hashes, links, findings: the same code and the same report) and takes each line's
// signature result from shared memory instead of checking it again.
//
// The file is read in windows of whole lines (4 MiB), each copied once into shared memory; the
// next window is read and handed to the workers while the main thread works through the current
// one, so at most two windows are in memory however long the trail. Within a window, chunks of
// lines are claimed, never shared: the workers take them from the front; the main thread checks an
// unclaimed chunk itself when it gets there, and instead of waiting for a worker it takes chunks
// from the back. It checks any line whose result does not come (a failed or stuck worker).
import { existsSync } from 'node:fs';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { coreOptions, keyMap, verifyFile, verifyTrail, type VerifyOptions, type VerifyReport } from './verify.js';
import { hashCoversSignature, TrailVerifier } from './verify-core.js';
import { CLAIM, SIG, checkLine, type VerifyWindow } from './verify-worker.js';

export interface ParallelOptions extends Omit<VerifyOptions, 'signatureCheck'> {
  /**
   * Worker threads; default: one fewer than the cores (the main thread is the last). Measured on 2
   * cores: 0.6× the time of one thread when the other core is free, ~1.15× when the machine is
   * saturated by other work (the workers' own overhead, no core to gain).
   */
  threads?: number;
  /** Below this many bytes, workers cost more than they save. */
  minBytes?: number;
  /** The worker bundle (default: verify-worker.mjs beside this bundle, when there is one). */
  worker?: string;
  /** Bytes per window (default 4 MiB; tests use small ones). */
  windowBytes?: number;
  /** Called as lines are verified with the bytes done, the total and the lines seen (a progress bar). */
  onProgress?: (done: number, total: number, lines: number) => void;
}

const CHUNK_LINES = 256;
/** How long the main thread waits for one line's result before checking it itself. */
const PATIENCE_MS = 2_000;
const WINDOW_BYTES = 4 << 20;

/** Where the worker bundle is: next to the running bundle (dist/), or null when running from source. */
function workerScript(): string | null {
  const here = import.meta.url;
  if (!here.startsWith('file:')) return null;
  const candidate = fileURLToPath(new URL('./verify-worker.mjs', here));
  return existsSync(candidate) ? candidate : null;
}

/** Whole lines [start, end) of the trail, then what is left after the last newline (at the end only). */
interface Window {
  /** File offset of the first byte. */
  base: number;
  /** Number of lines before this window. */
  linesBefore: number;
  bytes: Uint8Array;
  starts: number[];
}

type WindowSource = () => { window: Window | null; rest: { offset: number; bytes: Uint8Array } | null };

function lineStartsOf(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start < bytes.length) {
    starts.push(start);
    const nl = bytes.indexOf(0x0a, start);
    start = nl === -1 ? bytes.length : nl + 1;
  }
  starts.push(bytes.length);
  return starts;
}

/**
 * Windows of whole lines read from an open file straight into shared memory. Two buffers take
 * turns (the workers may still read one window while the next is filled), so memory holds two
 * windows however long the file; a line longer than a window gets a buffer of its own.
 */
function fileWindows(fd: number, size: number, windowBytes: number): WindowSource {
  let offset = 0; // next byte of the file to read
  let lines = 0;
  let carry: Uint8Array = new Uint8Array(0); // the start of a line cut by the last window's end
  const buffers = [new SharedArrayBuffer(windowBytes), new SharedArrayBuffer(windowBytes)];
  let turn = 0;
  return () => {
    let room = windowBytes;
    for (;;) {
      const sab = room === windowBytes ? buffers[turn++ % 2]! : new SharedArrayBuffer(room);
      const buf = new Uint8Array(sab);
      buf.set(carry, 0);
      const want = Math.max(0, Math.min(room - carry.length, size - offset));
      let got = 0;
      while (got < want) {
        const n = fs.readSync(fd, buf, carry.length + got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      const length = carry.length + got;
      const base = offset - carry.length;
      offset += got;
      const atEnd = got === 0 || offset >= size;
      if (length === 0) return { window: null, rest: null }; // (lastIndexOf(-1) would search the stale buffer)
      const cut = buf.lastIndexOf(0x0a, length - 1) + 1;
      if (cut === 0 && !atEnd) {
        carry = buf.slice(0, length); // one line longer than the window: read more into a bigger one
        room = Math.max(room * 2, length * 2);
        continue;
      }
      carry = buf.slice(cut, length);
      const rest = atEnd && carry.length > 0 ? { offset: base + cut, bytes: carry } : null;
      if (cut === 0) return { window: null, rest };
      const bytes = buf.subarray(0, cut);
      const starts = lineStartsOf(bytes);
      const w = { base, linesBefore: lines, bytes, starts };
      lines += starts.length - 1;
      return { window: w, rest };
    }
  };
}

/**
 * Whether worker threads can pay: only when signatures are checked record by record, i.e. v1 and
 * v2 trails (their hash does not cover the signature) or --every-signature. A trail that starts in
 * v3 is checked one signature per run by the main thread alone (measured at 100,000 records: the
 * workers only add their memory). A v2 trail continued in v3 keeps them for its v2 part.
 */
function workersPay(head: Uint8Array, o: ParallelOptions): boolean {
  if (o.everySignature) return true;
  const nl = head.indexOf(0x0a);
  try {
    return !hashCoversSignature((JSON.parse(new TextDecoder().decode(nl === -1 ? head : head.subarray(0, nl))) as { v?: unknown }).v);
  } catch {
    return true;
  }
}

function fileHead(fd: number): Uint8Array {
  const buf = Buffer.alloc(64 << 10);
  return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
}

export async function verifyFileParallel(file: string, o: ParallelOptions): Promise<VerifyReport> {
  const threads = Math.max(0, Math.min(o.threads ?? availableParallelism() - 1, 16));
  const script = o.worker ?? workerScript();
  const size = fs.statSync(file).size;
  if (threads === 0 || script === null || size < (o.minBytes ?? 2 << 20)) {
    return verifyFile(file, o);
  }
  const fd = fs.openSync(file, 'r');
  try {
    if (!workersPay(fileHead(fd), o)) return verifyFile(file, o);
    return await runWindows(fileWindows(fd, size, o.windowBytes ?? WINDOW_BYTES), size, threads, script, o);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same over bytes already in memory (tests, and callers that hold the trail). */
export async function verifyTrailParallel(bytes: Uint8Array, o: ParallelOptions & { minLines?: number }): Promise<VerifyReport> {
  const threads = Math.max(0, Math.min(o.threads ?? availableParallelism() - 1, 16));
  const script = o.worker ?? workerScript();
  const lines = countLines(bytes);
  if (threads === 0 || script === null || lines < (o.minLines ?? 2_000) || !workersPay(bytes.subarray(0, 64 << 10), o))
    return verifyTrail(bytes, o);
  const windowBytes = o.windowBytes ?? WINDOW_BYTES;
  const complete = bytes.lastIndexOf(0x0a) + 1; // whole lines end here; after it, an unfinished one
  let offset = 0;
  let linesBefore = 0;
  const source: WindowSource = () => {
    if (offset >= complete) {
      const rest = complete < bytes.length && offset < bytes.length ? { offset: complete, bytes: bytes.subarray(complete) } : null;
      offset = bytes.length;
      return { window: null, rest };
    }
    let cut = bytes.lastIndexOf(0x0a, Math.min(complete, offset + windowBytes) - 1) + 1;
    if (cut <= offset) cut = bytes.indexOf(0x0a, offset) + 1; // a line longer than the window
    const shared = new Uint8Array(new SharedArrayBuffer(cut - offset));
    shared.set(bytes.subarray(offset, cut));
    const starts = lineStartsOf(shared);
    const w = { base: offset, linesBefore, bytes: shared, starts };
    linesBefore += starts.length - 1;
    offset = cut;
    return { window: w, rest: null };
  };
  return runWindows(source, bytes.length, threads, script, o);
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) n++;
  return n;
}

interface Posted {
  w: Window;
  results: Int32Array;
  claims: Int32Array;
  control: Int32Array;
  chunks: number;
}

async function runWindows(next: WindowSource, total: number, threads: number, script: string, o: ParallelOptions): Promise<VerifyReport> {
  const publicKeys = o.publicKeys.map((k) => (typeof k === 'string' ? k : k.export({ format: 'pem', type: 'spki' }).toString()));
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(script, {
        workerData: { seatbeltVerify: true, publicKeys, everySignature: o.everySignature === true },
        stdout: false,
        stderr: true,
        // A worker only parses one line at a time: a small heap keeps verify's memory flat (one
        // that runs out only means the main thread checks the rest itself).
        resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 24 },
      }),
  );
  const exited = workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
  for (const w of workers) w.on('error', () => {}); // a failed worker only means the main thread checks more
  const keys = keyMap(o.publicKeys) as Map<string, KeyObject>;

  const post = (w: Window): Posted => {
    const lines = w.starts.length - 1;
    const chunks = Math.ceil(lines / CHUNK_LINES);
    const startsBuf = new SharedArrayBuffer(w.starts.length * 8);
    new Float64Array(startsBuf).set(w.starts);
    const msg: VerifyWindow = {
      bytes: w.bytes.buffer as SharedArrayBuffer,
      starts: startsBuf,
      results: new SharedArrayBuffer(Math.max(1, lines) * 4),
      claims: new SharedArrayBuffer(Math.max(1, chunks) * 4),
      control: new SharedArrayBuffer(12),
      chunkLines: CHUNK_LINES,
    };
    const control = new Int32Array(msg.control);
    Atomics.store(control, 2, chunks); // the main thread's cursor, from the back
    for (const worker of workers) worker.postMessage(msg);
    return { w, results: new Int32Array(msg.results), claims: new Int32Array(msg.claims), control, chunks };
  };

  let current: Posted | null = null;
  const v = new TrailVerifier({ ...coreOptions(o), signatureCheck: (lineNo) => (current ? signatureOf(current, lineNo) : undefined) });

  /** Takes the last unclaimed chunk of `p` and checks it here; false when none is left. */
  const stealFromBack = (p: Posted): boolean => {
    for (;;) {
      const chunk = Atomics.sub(p.control, 2, 1) - 1;
      if (chunk < 0) return false;
      if (Atomics.compareExchange(p.claims, chunk, CLAIM.FREE, CLAIM.MAIN_AHEAD) !== CLAIM.FREE) continue;
      const last = Math.min(p.w.starts.length - 1, (chunk + 1) * CHUNK_LINES);
      for (let i = chunk * CHUNK_LINES; i < last; i++) {
        let end = p.w.starts[i + 1]!;
        if (end > p.w.starts[i]! && p.w.bytes[end - 1] === 0x0a) end--;
        Atomics.store(p.results, i, checkLine(p.w.bytes.subarray(p.w.starts[i]!, end), keys, o.everySignature === true));
      }
      return true;
    }
  };
  const signatureOf = (p: Posted, lineNo: number): boolean | undefined => {
    const i = lineNo - 1 - p.w.linesBefore;
    if (i < 0 || i >= p.w.starts.length - 1) return undefined;
    const chunk = Math.floor(i / CHUNK_LINES);
    for (let waited = 0; ;) {
      const r = Atomics.load(p.results, i);
      if (r === SIG.VALID) return true;
      if (r === SIG.INVALID) return false;
      if (r === SIG.UNDECIDED) return undefined;
      // Not done: take the chunk if nobody has, check it here if it is ours or the workers failed.
      const claim = Atomics.compareExchange(p.claims, chunk, CLAIM.FREE, CLAIM.MAIN);
      if (claim === CLAIM.FREE || claim === CLAIM.MAIN) return undefined;
      if (Atomics.load(p.control, 1) >= threads || waited >= PATIENCE_MS) {
        Atomics.store(p.claims, chunk, CLAIM.MAIN); // its worker is stuck or gone: the rest of the chunk is ours
        return undefined;
      }
      if (stealFromBack(p)) continue; // useful work instead of waiting
      Atomics.wait(p.results, i, SIG.PENDING, 50);
      waited += 50;
    }
  };

  try {
    let got = next();
    let posted = got.window ? post(got.window) : null;
    let rest = got.rest;
    while (posted) {
      const nextGot = rest ? { window: null, rest } : next();
      const nextPosted = nextGot.window ? post(nextGot.window) : null; // the workers start on it while we finish this one
      rest = nextGot.rest;
      current = posted;
      const { w } = posted;
      for (let i = 0; i + 1 < w.starts.length; i++) {
        const s = w.starts[i]!;
        const e = w.starts[i + 1]! - 1; // without the newline: every line of a window is terminated
        v.push({ no: w.linesBefore + i + 1, offset: w.base + s, bytes: w.bytes.subarray(s, e), terminated: true });
        if ((i & 1023) === 1023) o.onProgress?.(w.base + e + 1, total, v.linesSeen);
      }
      Atomics.store(posted.control, 0, posted.chunks); // no more chunks of this window for anyone
      o.onProgress?.(w.base + w.bytes.length, total, v.linesSeen);
      current = null;
      posted = nextPosted;
    }
    if (rest) {
      const linesSoFar = v.linesSeen;
      v.push({ no: linesSoFar + 1, offset: rest.offset, bytes: rest.bytes, terminated: false });
    }
    o.onProgress?.(total, total, v.linesSeen);
    return v.finish();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await Promise.all(exited);
  }
}
