// The worker side of verify-parallel.ts: checks Ed25519 signatures of trail lines, a chunk at a
// time, and publishes one result per line in shared memory, one window of the file after another
// (each window a message). It uses the same canonical bytes and key fingerprints as verify, so a
// result can stand in for the main thread's own check.
// Built as its own small bundle (dist/verify-worker.mjs): a worker never loads the CLI.
import { verify as edVerify, type KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { fingerprint, parsePublicKey } from './keys.js';
import { canonicalBytes, hashCoversSignature, signingInput } from './seal.js';

/** Per-line results in `results` (Int32Array over shared memory). */
export const SIG = { PENDING: 0, VALID: 1, INVALID: 2, UNDECIDED: 3 } as const;
/** Claims per chunk in `claims`: who checks it (MAIN: inline in verifyTrail; MAIN_AHEAD: into `results`). */
export const CLAIM = { FREE: 0, WORKER: 1, MAIN: 2, MAIN_AHEAD: 3 } as const;

/** Sent once, as workerData. */
export interface VerifyWorkerData {
  publicKeys: string[];
  /** Check v3 records too (verify --every-signature); otherwise only v1 and v2 ones, whose hash does not cover the signature. */
  everySignature?: boolean;
}

/** One window of the file: a message per window. */
export interface VerifyWindow {
  bytes: SharedArrayBuffer;
  /** Start offset of each line, plus the file length at the end (Float64Array over shared memory). */
  starts: SharedArrayBuffer;
  results: SharedArrayBuffer;
  claims: SharedArrayBuffer;
  /** [next chunk for the workers, workers that failed, the main thread's cursor from the back] (Int32Array). */
  control: SharedArrayBuffer;
  chunkLines: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const V3_END = Buffer.from('"v":3}');
const V3_BEFORE_WOULD_BLOCK = Buffer.from('"v":3,"would_block":');

/** In JCS "v" is the last member but for would_block: a guess from the bytes (a wrong one only moves work to the main thread). */
function looksV3(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b.subarray(-V3_END.length).equals(V3_END) || b.lastIndexOf(V3_BEFORE_WOULD_BLOCK) !== -1;
}

/**
 * The signature verdict for one line; UNDECIDED whenever the main thread must look itself. A v3
 * record is left to the main thread unless every signature is wanted: one signature there vouches
 * for a whole run (verify-core.ts).
 */
export function checkLine(bytes: Uint8Array, keys: Map<string, KeyObject>, everySignature = true): number {
  if (!everySignature && looksV3(bytes)) return SIG.UNDECIDED; // before parsing it: most lines of a trail written today
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(utf8.decode(bytes)) as Record<string, unknown>;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return SIG.UNDECIDED;
  } catch {
    return SIG.UNDECIDED;
  }
  if (typeof record.key_id !== 'string' || typeof record.sig !== 'string') return SIG.UNDECIDED;
  if (!everySignature && hashCoversSignature(record.v)) return SIG.UNDECIDED;
  const key = keys.get(record.key_id);
  if (!key) return SIG.UNDECIDED;
  let canonical: string;
  try {
    canonical = canonicalBytes(record);
  } catch {
    return SIG.UNDECIDED;
  }
  return edVerify(null, signingInput(canonical), key, Buffer.from(record.sig, 'base64')) ? SIG.VALID : SIG.INVALID;
}

function run(d: VerifyWindow, keys: Map<string, KeyObject>, everySignature: boolean): void {
  const control = new Int32Array(d.control);
  try {
    const bytes = new Uint8Array(d.bytes);
    const starts = new Float64Array(d.starts);
    const results = new Int32Array(d.results);
    const claims = new Int32Array(d.claims);
    const lines = results.length;
    for (;;) {
      const chunk = Atomics.add(control, 0, 1);
      const first = chunk * d.chunkLines;
      if (first >= lines) return;
      if (Atomics.compareExchange(claims, chunk, CLAIM.FREE, CLAIM.WORKER) !== CLAIM.FREE) continue; // the main thread took it
      const last = Math.min(lines, first + d.chunkLines);
      for (let i = first; i < last; i++) {
        const start = starts[i]!;
        let end = starts[i + 1]!;
        if (end > start && bytes[end - 1] === 0x0a) end--; // the line without its newline
        Atomics.store(results, i, checkLine(bytes.subarray(start, end), keys, everySignature));
        Atomics.notify(results, i);
      }
    }
  } catch {
    // The main thread checks whatever is left itself.
    Atomics.add(control, 1, 1);
  }
}

if (workerData && (workerData as { seatbeltVerify?: boolean }).seatbeltVerify && parentPort) {
  const keys = new Map<string, KeyObject>();
  for (const pem of (workerData as VerifyWorkerData).publicKeys) {
    const key = parsePublicKey(pem);
    keys.set(fingerprint(key), key);
  }
  const every = (workerData as VerifyWorkerData).everySignature === true;
  parentPort.on('message', (w: VerifyWindow) => run(w, keys, every));
}
