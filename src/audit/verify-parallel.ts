// verifyTrail on every core. Checking Ed25519 signatures is ~85% of verifying a trail, so worker
// threads check them ahead of the main thread, which runs the one verifyTrail (parsing, hashes,
// links, findings: the same code and the same report) and takes each line's signature result
// from shared memory instead of checking it again. Chunks of lines are claimed, never shared: the
// workers take them from the front; the main thread checks an unclaimed chunk itself when it gets
// there, and instead of waiting for a worker it takes chunks from the back. It checks any line
// whose result does not come (a failed or stuck worker).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { fingerprint, parsePublicKey } from './keys.js';
import { verifyTrail, type VerifyOptions, type VerifyReport } from './verify.js';
import { CLAIM, SIG, checkLine, type VerifyWorkerData } from './verify-worker.js';

export interface ParallelOptions {
  publicKeys: (string | KeyObject)[];
  /** Key validity windows (a keyring), passed through to verifyTrail. */
  keyWindows?: VerifyOptions['keyWindows'];
  /**
   * Worker threads; default: one fewer than the cores (the main thread is the last). Measured on 2
   * cores: 0.6× the time of one thread when the other core is free, ~1.15× when the machine is
   * saturated by other work (the workers' own overhead, no core to gain).
   */
  threads?: number;
  /** Below this many lines, workers cost more than they save. */
  minLines?: number;
  /** The worker bundle (default: verify-worker.mjs beside this bundle, when there is one). */
  worker?: string;
}

const CHUNK_LINES = 256;
/** How long the main thread waits for one line's result before checking it itself. */
const PATIENCE_MS = 2_000;

/** Where the worker bundle is: next to the running bundle (dist/), or null when running from source. */
function workerScript(): string | null {
  const here = import.meta.url;
  if (!here.startsWith('file:')) return null;
  const candidate = fileURLToPath(new URL('./verify-worker.mjs', here));
  return existsSync(candidate) ? candidate : null;
}

export async function verifyTrailParallel(bytes: Uint8Array, o: ParallelOptions): Promise<VerifyReport> {
  const threads = Math.max(0, Math.min(o.threads ?? availableParallelism() - 1, 16));
  const script = o.worker ?? workerScript();
  const starts = lineStarts(bytes);
  const lines = starts.length - 1;
  if (threads === 0 || script === null || lines < (o.minLines ?? 2_000))
    return verifyTrail(bytes, { publicKeys: o.publicKeys, keyWindows: o.keyWindows });

  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  const startsBuf = new SharedArrayBuffer(starts.length * 8);
  new Float64Array(startsBuf).set(starts);
  const resultsBuf = new SharedArrayBuffer(Math.max(1, lines) * 4);
  const chunks = Math.ceil(lines / CHUNK_LINES);
  const claimsBuf = new SharedArrayBuffer(Math.max(1, chunks) * 4);
  const controlBuf = new SharedArrayBuffer(12);
  const publicKeys = o.publicKeys.map((k) => (typeof k === 'string' ? k : k.export({ format: 'pem', type: 'spki' }).toString()));
  const data: VerifyWorkerData & { seatbeltVerify: true } = {
    seatbeltVerify: true,
    bytes: shared,
    starts: startsBuf,
    results: resultsBuf,
    claims: claimsBuf,
    control: controlBuf,
    chunkLines: CHUNK_LINES,
    publicKeys,
  };
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: data, stdout: false, stderr: true }));
  const exited = workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
  for (const w of workers) w.on('error', () => {}); // a failed worker only means the main thread checks more

  const results = new Int32Array(resultsBuf);
  const claims = new Int32Array(claimsBuf);
  const control = new Int32Array(controlBuf);
  Atomics.store(control, 2, chunks); // the main thread's cursor, from the back
  const keys = new Map<string, KeyObject>();
  o.publicKeys.forEach((k, n) => {
    const key = typeof k === 'string' ? parsePublicKey(k, `public key #${n + 1}`) : k;
    keys.set(fingerprint(key), key);
  });
  /** Takes the last unclaimed chunk and checks it here; false when none is left. */
  const stealFromBack = (): boolean => {
    for (;;) {
      const chunk = Atomics.sub(control, 2, 1) - 1;
      if (chunk < 0) return false;
      if (Atomics.compareExchange(claims, chunk, CLAIM.FREE, CLAIM.MAIN_AHEAD) !== CLAIM.FREE) continue;
      const last = Math.min(lines, (chunk + 1) * CHUNK_LINES);
      for (let i = chunk * CHUNK_LINES; i < last; i++) {
        let end = starts[i + 1]!;
        if (end > starts[i]! && bytes[end - 1] === 0x0a) end--;
        Atomics.store(results, i, checkLine(bytes.subarray(starts[i]!, end), keys));
      }
      return true;
    }
  };
  const signatureCheck = (lineNo: number): boolean | undefined => {
    const i = lineNo - 1;
    const chunk = Math.floor(i / CHUNK_LINES);
    for (let waited = 0; ;) {
      const r = Atomics.load(results, i);
      if (r === SIG.VALID) return true;
      if (r === SIG.INVALID) return false;
      if (r === SIG.UNDECIDED) return undefined;
      // Not done: take the chunk if nobody has, check it here if it is ours or the workers failed.
      const claim = Atomics.compareExchange(claims, chunk, CLAIM.FREE, CLAIM.MAIN);
      if (claim === CLAIM.FREE || claim === CLAIM.MAIN) return undefined;
      if (Atomics.load(control, 1) >= threads || waited >= PATIENCE_MS) {
        Atomics.store(claims, chunk, CLAIM.MAIN); // its worker is stuck or gone: the rest of the chunk is ours
        return undefined;
      }
      if (stealFromBack()) continue; // useful work instead of waiting
      Atomics.wait(results, i, SIG.PENDING, 50);
      waited += 50;
    }
  };
  try {
    return verifyTrail(bytes, { publicKeys: o.publicKeys, keyWindows: o.keyWindows, signatureCheck });
  } finally {
    Atomics.store(control, 0, chunks); // no more chunks for anyone
    await Promise.all(workers.map((w) => w.terminate()));
    await Promise.all(exited);
  }
}

/** Start offset of every line as verifyTrail splits them, and the length at the end. */
export function lineStarts(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts: number[] = [];
  let start = 0;
  while (start < buf.length) {
    starts.push(start);
    const nl = buf.indexOf(0x0a, start);
    start = nl === -1 ? buf.length : nl + 1;
  }
  starts.push(buf.length);
  return starts;
}
