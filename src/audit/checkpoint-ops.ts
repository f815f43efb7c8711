// What the checkpoint commands do, over a trail on disk: sign a checkpoint of a trail that
// verifies, compare two checkpoints through the trail, prove one record's inclusion. Keys come
// from the keyring (or --pubkey/--keyring/--verifier-key), as for verify.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { loadSigner } from './keys.js';
import { verificationKeys } from './keyring.js';
import { verifyTrailParallel } from './verify-parallel.js';
import {
  checkpointVerifiers,
  checkTrailAgainst,
  openCheckpoint,
  signCheckpoint,
  trailMerkle,
  treeOfTrail,
  writeCheckpoint,
  type CheckpointStatus,
  type TrailTree,
} from './checkpoints.js';
import type { Checkpoint } from './checkpoint.js';
import { equalBytes } from './merkle.js';

export interface KeySources {
  home: string;
  pubkeyFiles?: string[];
  keyringFile?: string;
  verifierKeys?: string[];
}

function readTrailBytes(trail: string): Buffer {
  try {
    return readFileSync(trail);
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read ${trail}: ${(err as Error).message}`, { cause: err });
  }
}

/** The tree of a trail that verifies with the trusted keys; a trail with findings is refused. */
async function verifiedTree(trail: string, o: KeySources): Promise<{ tree: TrailTree; keys: KeyObject[] }> {
  const bytes = readTrailBytes(trail);
  const ring = verificationKeys({
    home: o.home,
    ...(o.keyringFile !== undefined ? { keyringFile: o.keyringFile } : {}),
    ...(o.pubkeyFiles?.length ? { pubkeyFiles: o.pubkeyFiles } : {}),
  });
  const report = await verifyTrailParallel(bytes, { publicKeys: ring.keys, keyWindows: ring.windows });
  if (!report.ok) {
    throw new SeatbeltError(
      'INPUT',
      `${trail} does not verify (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}): run seatbelt verify; a checkpoint is only made or checked over an intact trail`,
    );
  }
  return { tree: treeOfTrail(bytes), keys: ring.keys };
}

export async function createCheckpoint(o: KeySources & { trail: string }) {
  const { tree } = await verifiedTree(o.trail, o);
  const { signer } = loadSigner({ home: o.home, autoCreate: false });
  const made = signCheckpoint(tree, signer);
  const path = writeCheckpoint(o.trail, made.checkpoint.size, made.note);
  return {
    path,
    origin: made.checkpoint.origin,
    size: made.checkpoint.size,
    root: Buffer.from(made.checkpoint.root).toString('hex'),
    note: made.note,
    verifierKey: made.verifierKey,
  };
}

function opened(note: string, keys: KeyObject[], o: KeySources, label: string): Checkpoint {
  return openCheckpoint(note, checkpointVerifiers(note, keys, o.verifierKeys ?? []), label);
}

/** The trail against a checkpoint someone kept (verify --checkpoint). */
export async function checkTrailCheckpoint(o: KeySources & { trail: string; note: string }) {
  const { tree, keys } = await verifiedTree(o.trail, o);
  const c = opened(o.note, keys, o, 'checkpoint');
  const check = checkTrailAgainst(tree, c);
  return { ok: check.status === 'CONSISTENT', ...check, checkpointSize: c.size };
}

export async function compareCheckpoints(o: KeySources & { trail: string; older: string; newer: string }) {
  const { tree, keys } = await verifiedTree(o.trail, o);
  const a = opened(o.older, keys, o, 'first checkpoint');
  const b = opened(o.newer, keys, o, 'second checkpoint');
  const fail = (status: CheckpointStatus, detail: string) => ({ ok: false, status, detail });
  if (a.origin !== b.origin) return fail('OTHER_TRAIL', `the checkpoints are of two trails (${a.origin}, ${b.origin})`);
  if (a.size > b.size)
    return fail('REWRITTEN', `the first checkpoint (${a.size}) is larger than the second (${b.size}): give the older one first`);
  for (const [c, name] of [
    [a, 'first'],
    [b, 'second'],
  ] as const) {
    const check = checkTrailAgainst(tree, c);
    if (check.status !== 'CONSISTENT') return fail(check.status, `the trail against the ${name} checkpoint: ${check.detail}`);
  }
  const proof = a.size === 0 ? [] : trailMerkle.consistencyProof(tree.leaves.slice(0, b.size), Math.max(a.size, 1));
  const ok = a.size === 0 || trailMerkle.verifyConsistency(a.size, b.size, proof, a.root, b.root);
  if (!ok) return fail('REWRITTEN', 'the consistency proof between the checkpoints does not verify');
  return {
    ok: true,
    status: 'CONSISTENT' as CheckpointStatus,
    detail: `the tree of ${b.size} records extends the tree of ${a.size}`,
    proof: proof.map((p) => Buffer.from(p).toString('hex')),
  };
}

export async function proveRecord(o: KeySources & { trail: string; seq: number; checkpoint?: string }) {
  const { tree, keys } = await verifiedTree(o.trail, o);
  let size = tree.leaves.length;
  let root = trailMerkle.root(tree.leaves);
  if (o.checkpoint !== undefined) {
    const c = opened(o.checkpoint, keys, o, 'checkpoint');
    const check = checkTrailAgainst(tree, c);
    if (check.status !== 'CONSISTENT')
      throw new SeatbeltError('INPUT', `the trail does not hold the checkpoint's tree: ${check.status}: ${check.detail}`);
    size = c.size;
    root = c.root;
  }
  // A verified chain's seq is its position: record seq n is leaf n.
  const index = o.seq;
  if (index >= size) throw new SeatbeltError('INPUT', `no record with seq ${o.seq} in a tree of ${size} records`);
  const leaves = tree.leaves.slice(0, size);
  const proof = trailMerkle.inclusionProof(leaves, index);
  if (!equalBytes(trailMerkle.root(leaves), root) || !trailMerkle.verifyInclusion(leaves[index]!, index, size, proof, root)) {
    throw new SeatbeltError('INPUT', 'the inclusion proof does not verify');
  }
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  return { seq: o.seq, index, leaf: hex(leaves[index]!), size, root: hex(root), proof: proof.map(hex), origin: tree.origin };
}
