// Sealing one record: link it (seq, prev_hash), name the key, hash and sign its canonical bytes.
// Pure apart from the signer. The exact rule is documented in docs/audit-format.md.
import { createHash } from 'node:crypto';
import { canonicalize } from './canonical.js';

/** The version new records are written in; verify reads v1 and v2 (src/audit/shape.ts). */
export const FORMAT_VERSION = 2;
/** Domain separation: these bytes prefix everything that is hashed or signed. */
export const DOMAIN = 'seatbelt/v1/record\n';
/** prev_hash of the first record of a file. */
export const GENESIS_HASH = '0'.repeat(64);
/** Fields `seal` fills in; a body must not carry them. */
export const SEAL_FIELDS = ['seq', 'prev_hash', 'hash', 'key_id', 'sig', 'alg'] as const;

export interface Signer {
  /** OpenSSH-style fingerprint of the public key (`SHA256:…`). */
  keyId: string;
  /** The signature algorithm a v2 record names (`alg`); Ed25519 when absent. */
  alg?: 'Ed25519';
  publicKeyPem: string;
  sign(data: Uint8Array): Uint8Array;
}

export interface SealedRecord {
  /** The line as written to the file, without its trailing newline: the JCS of `record`. */
  line: string;
  record: Record<string, unknown> & { event_id: string; seq: number; hash: string };
}

const DOMAIN_BYTES = Buffer.from(DOMAIN, 'utf8');

/** The canonical bytes of a record: JCS of everything but `hash` and `sig`. */
export function canonicalBytes(record: Record<string, unknown>): string {
  const { hash: _hash, sig: _sig, ...rest } = record;
  return canonicalize(rest);
}

/** What is signed: DOMAIN || canonical. */
export function signingInput(canonical: string): Buffer {
  return Buffer.concat([DOMAIN_BYTES, Buffer.from(canonical, 'utf8')]);
}

/** The record hash: an RFC 6962 leaf hash, SHA-256(0x00 || DOMAIN || canonical), in hex. */
export function recordHash(canonical: string): string {
  return createHash('sha256').update(Buffer.of(0)).update(DOMAIN_BYTES).update(canonical, 'utf8').digest('hex');
}

export function sealRecord(body: Record<string, unknown>, link: { seq: number; prevHash: string }, signer: Signer): SealedRecord {
  for (const f of SEAL_FIELDS) {
    if (f in body) throw new TypeError(`record body must not set "${f}" (it is filled in when sealed)`);
  }
  if (typeof body.event_id !== 'string') throw new TypeError('"event_id" expected a string');
  if (!Number.isSafeInteger(link.seq) || link.seq < 0) throw new TypeError(`"seq" expected a non-negative integer, got ${link.seq}`);
  if (!/^[0-9a-f]{64}$/.test(link.prevHash)) {
    throw new TypeError(`"prevHash" expected 64 hex chars, got ${link.prevHash.length}`);
  }
  // v2 names the signature algorithm inside the signed bytes, so a later signer (post-quantum,
  // hybrid) can be added without a downgrade; v1 bodies (old fixtures) are sealed as they were.
  const alg = body.v === 1 ? {} : { alg: signer.alg ?? 'Ed25519' };
  const unsigned = { ...body, seq: link.seq, prev_hash: link.prevHash, key_id: signer.keyId, ...alg };
  const canonical = canonicalize(unsigned);
  const hash = recordHash(canonical);
  const sig = Buffer.from(signer.sign(signingInput(canonical))).toString('base64');
  const record = { ...unsigned, hash, sig } as unknown as SealedRecord['record'];
  return { line: canonicalize(record), record };
}
