// Checkpoints made by the writer itself, every N records or T seconds (the operator's
// `checkpoint: {every, seconds}`), under the trail's lock, so no other writer appends meanwhile.
// The tree grows from where the last checkpoint left it (its frontier, kept in state.json), and
// only the records since then are read — each checked (hash, link, seq, signature by a key of this
// home) before it becomes a leaf: a line the writer did not seal is never committed to.
import { createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { trailOrigin } from './checkpoint.js';
import { readRange } from './read-range.js';
import { checkpointDir, signCheckpointOf, trailMerkle, writeCheckpoint } from './checkpoints.js';
import { fingerprint } from './keys.js';
import { canonicalBytes, expectedHash, GENESIS_HASH, signingInput, type SealedRecord, type Signer } from './seal.js';

export interface CheckpointSchedule {
  /** A checkpoint once this many records were added since the last one. */
  every?: number;
  /** A checkpoint when the last one is older than this, and records were added since. */
  seconds?: number;
}

interface State {
  format: 'seatbelt-checkpoint-state';
  origin: string;
  size: number;
  /** Where the next unread line starts. */
  offset: number;
  last_hash: string;
  frontier: { size: number; hash: string }[];
  time: string;
}

const statePath = (trail: string) => join(checkpointDir(trail), 'state.json');

function readState(trail: string): State | null {
  try {
    const s = JSON.parse(fs.readFileSync(statePath(trail), 'utf8')) as State;
    return s.format === 'seatbelt-checkpoint-state' ? s : null;
  } catch {
    return null;
  }
}

export type AutoCheckpoint = { made: string } | { skipped: string } | null;

/** Called under the lock right after `sealed` was made durable; null when no checkpoint is due. */
export function checkpointIfDue(o: {
  trail: string;
  sealed: SealedRecord;
  signer: Signer;
  schedule: CheckpointSchedule;
  keys: readonly KeyObject[];
  now: Date;
}): AutoCheckpoint {
  const size = o.sealed.record.seq + 1;
  const state = readState(o.trail);
  const since = size - (state?.size ?? 0);
  const byCount = o.schedule.every !== undefined && since >= o.schedule.every;
  const byTime =
    o.schedule.seconds !== undefined && since > 0 && (!state || o.now.getTime() - Date.parse(state.time) >= o.schedule.seconds * 1000);
  if (!byCount && !byTime) return null;

  const start = state?.offset ?? 0;
  const fd = fs.openSync(o.trail, 'r');
  let bytes: Buffer;
  try {
    bytes = readRange(fd, start, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
  const keys = new Map([...o.keys, createPublicKey(o.signer.publicKeyPem)].map((k) => [fingerprint(k), k]));
  const tree = trailMerkle.builder((state?.frontier ?? []).map((f) => ({ size: f.size, hash: Buffer.from(f.hash, 'hex') })));
  let origin = state?.origin ?? '';
  let last = state?.last_hash ?? GENESIS_HASH;
  const complete = bytes.lastIndexOf(0x0a) + 1;
  for (const line of bytes.subarray(0, complete).toString('utf8').split('\n')) {
    if (!line) continue;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a torn fragment that a recovery record accounts for
    }
    const canonical = canonicalBytes(r);
    const key = keys.get(String(r.key_id));
    const ok =
      r.seq === tree.size &&
      r.prev_hash === last &&
      r.hash === expectedHash(r) &&
      key !== undefined &&
      typeof r.sig === 'string' &&
      edVerify(null, signingInput(canonical), key, Buffer.from(r.sig, 'base64'));
    if (!ok) return { skipped: `record at seq ${tree.size} does not verify; no checkpoint until the trail is checked (seatbelt verify)` };
    if (!origin) origin = trailOrigin(String(r.event_id));
    tree.push(Buffer.from(r.hash as string, 'hex'));
    last = r.hash as string;
  }
  if (tree.size !== size) return { skipped: `the trail holds ${tree.size} records where ${size} were expected` };
  const made = signCheckpointOf({ origin, size, root: tree.root() }, o.signer);
  const path = writeCheckpoint(o.trail, size, made.note);
  const next: State = {
    format: 'seatbelt-checkpoint-state',
    origin,
    size,
    offset: start + complete,
    last_hash: last,
    frontier: tree.frontier().map((f) => ({ size: f.size, hash: Buffer.from(f.hash).toString('hex') })),
    time: o.now.toISOString(),
  };
  const tmp = `${statePath(o.trail)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next), { mode: 0o600 });
  fs.renameSync(tmp, statePath(o.trail));
  return { made: path };
}
