// Checkpoints of a trail on disk: the tree over its records' hashes, signed as a C2SP checkpoint by
// the trail's key and kept in `<trail>.checkpoints/<size>.note` (anchors beside it), and the checks
// that compare a trail with a checkpoint someone kept: the records it committed to are all still
// there, unchanged (else TRUNCATED or REWRITTEN).
import { createHash, createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { checkpointText, parseCheckpointText, trailOrigin, type Checkpoint } from './checkpoint.js';
import { rawPublicKey } from './key-format.js';
import { equalBytes, merkle, type Sha256 } from './merkle.js';
import { NoteError, keyIdOf, openNote, parseNote, parseVerifierKey, signNote, verifierKey, type NoteVerifier } from './note.js';
import type { Signer } from './seal.js';
import { createOnce } from './durable.js';

export const nodeSha256: Sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

export const trailMerkle = merkle(nodeSha256);

/** The leaves of a trail: its records' hashes, in file order, and its origin. The caller has verified the trail. */
export interface TrailTree {
  origin: string;
  leaves: Uint8Array[];
}

export function treeOfTrail(bytes: Uint8Array): TrailTree {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const leaves: Uint8Array[] = [];
  let origin = '';
  const end = text.lastIndexOf('\n');
  for (const line of text.slice(0, end + 1).split('\n')) {
    if (!line) continue;
    let r: { hash?: unknown; event_id?: unknown };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue; // a line that is not a record (verify reports it) is not a leaf
    }
    if (typeof r.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.hash)) continue;
    if (!origin && typeof r.event_id === 'string') origin = trailOrigin(r.event_id);
    leaves.push(new Uint8Array(Buffer.from(r.hash, 'hex')));
  }
  return { origin, leaves };
}

export const checkpointDir = (trail: string): string => `${trail}.checkpoints`;
const noteName = (size: number) => `${String(size).padStart(12, '0')}.note`;

/** Sign the checkpoint of the whole tree with the trail's key. */
export function signCheckpoint(tree: TrailTree, signer: Signer): { checkpoint: Checkpoint; note: string; verifierKey: string } {
  if (!tree.leaves.length) throw new SeatbeltError('INPUT', 'the trail has no records to checkpoint');
  return signCheckpointOf({ origin: tree.origin, size: tree.leaves.length, root: trailMerkle.root(tree.leaves) }, signer);
}

/** Sign a checkpoint as a C2SP note named by its origin; also its verifier key. */
export function signCheckpointOf(checkpoint: Checkpoint, signer: Signer): { checkpoint: Checkpoint; note: string; verifierKey: string } {
  const publicKey = new Uint8Array(rawPublicKey(createPublicKey(signer.publicKeyPem)));
  const note = signNote(checkpointText(checkpoint), { name: checkpoint.origin, publicKey, sign: (m) => signer.sign(m) }, nodeSha256);
  return { checkpoint, note, verifierKey: verifierKey(nodeSha256, checkpoint.origin, publicKey) };
}

/** Write a checkpoint note (durably) beside the trail; returns its path. One already written for the same size is kept. */
export function writeCheckpoint(trail: string, size: number, note: string): string {
  const dir = checkpointDir(trail);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, noteName(size));
  createOnce(path, note, 0o644);
  return path;
}

/** The newest checkpoint note kept beside a trail, if any. */
export function latestCheckpointPath(trail: string): string | null {
  let names: string[];
  try {
    names = fs.readdirSync(checkpointDir(trail)).filter((n) => /^[0-9]{12}\.note$/.test(n));
  } catch {
    return null;
  }
  names.sort();
  return names.length ? join(checkpointDir(trail), names.at(-1)!) : null;
}

/** Verifiers for a checkpoint: every trusted key under the checkpoint's own origin, plus given verifier keys. */
export function checkpointVerifiers(note: string, keys: readonly KeyObject[], verifierKeys: readonly string[] = []): NoteVerifier[] {
  const { text } = parseNote(note);
  const origin = text.split('\n')[0]!;
  const out: NoteVerifier[] = verifierKeys.map((k) => parseVerifierKey(nodeSha256, k));
  for (const key of keys) {
    const publicKey = new Uint8Array(rawPublicKey(key));
    if (origin && !/[\s+]/u.test(origin)) out.push({ name: origin, id: keyIdOf(nodeSha256, origin, publicKey), publicKey });
  }
  return out;
}

const noteCrypto = {
  sha256: nodeSha256,
  verify: (sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array) =>
    edVerify(
      null,
      msg,
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }),
      sig,
    ),
};

/** Open and parse a checkpoint note; throws SeatbeltError('INPUT') naming what is wrong. */
export function openCheckpoint(note: string, verifiers: readonly NoteVerifier[], label: string): Checkpoint {
  try {
    const { text } = openNote(note, verifiers, noteCrypto);
    return parseCheckpointText(text);
  } catch (err) {
    if (err instanceof NoteError) throw new SeatbeltError('INPUT', `${label}: ${err.message}`);
    throw err;
  }
}

export type CheckpointStatus = 'CONSISTENT' | 'TRUNCATED' | 'REWRITTEN' | 'OTHER_TRAIL';

export interface CheckpointCheck {
  status: CheckpointStatus;
  detail: string;
  /** The consistency proof from the checkpoint's size to the trail's, when consistent (hex). */
  proof?: string[];
  root: string;
  size: number;
}

/** Does this trail still hold exactly the tree the checkpoint commits to, and only add to it? */
export function checkTrailAgainst(tree: TrailTree, c: Checkpoint): CheckpointCheck {
  const watch = checkpointWatch(c);
  for (const leaf of tree.leaves) watch.tree.push(leaf);
  const check = watch.result(tree.origin || null);
  if (check.status !== 'CONSISTENT') return check;
  // The proof an auditor can check with the two roots alone.
  const proof = trailMerkle.consistencyProof(tree.leaves, c.size);
  return { ...check, proof: proof.map((p) => Buffer.from(p).toString('hex')) };
}

/**
 * A tree that watches itself grow past a checkpoint's size while verify streams the trail: the root
 * at that size must be the checkpoint's (else REWRITTEN), and the trail must reach it (else TRUNCATED).
 * Equal roots over the same leaves are the consistency proof.
 */
export function checkpointWatch(c: Checkpoint) {
  const tree = trailMerkle.builder();
  let atSize: Uint8Array | null = c.size === 0 ? tree.root() : null;
  return {
    tree: {
      push(leaf: Uint8Array) {
        tree.push(leaf);
        if (tree.size === c.size) atSize = tree.root();
      },
      root: () => tree.root(),
      get size() {
        return tree.size;
      },
    },
    /** `origin`: the trail's own (from its first record), null for an empty trail. */
    result(origin: string | null): CheckpointCheck {
      const size = tree.size;
      const root = Buffer.from(tree.root()).toString('hex');
      const mine = origin;
      if (mine !== null && mine !== c.origin) {
        return { status: 'OTHER_TRAIL', detail: `the checkpoint is of ${c.origin}, this trail is ${mine}`, root, size };
      }
      if (atSize === null) {
        return {
          status: 'TRUNCATED',
          detail: `the checkpoint commits to ${c.size} records and the trail holds ${size}: ${c.size - size} were cut`,
          root,
          size,
        };
      }
      if (!equalBytes(atSize, c.root)) {
        return {
          status: 'REWRITTEN',
          detail: `the first ${c.size} records no longer hash to the checkpoint's root: history was rewritten`,
          root,
          size,
        };
      }
      return {
        status: 'CONSISTENT',
        detail: `the trail holds the ${c.size} records of the checkpoint unchanged, and ${size - c.size} after them`,
        root,
        size,
      };
    },
  };
}
