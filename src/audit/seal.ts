// Sealing one record: link it (seq, prev_hash), name the key, hash and sign its canonical bytes.
// Pure apart from the signer. The exact rule is documented in docs/audit-format.md.
import { createHash } from 'node:crypto';
import { canonicalize } from './canonical.js';

/**
 * The version new records are written in; verify reads v1, v2 and v3 (src/audit/shape.ts). v3's
 * hash also covers the signature, so the next record's prev_hash commits to every byte of this one.
 */
export const FORMAT_VERSION = 3;
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

/** Whether a record of version `v` hashes its signature too (v3 on): its hash commits to every byte of the line. */
export const hashCoversSignature = (v: unknown): boolean => typeof v === 'number' && v >= 3;

/**
 * The record hash, an RFC 6962 leaf hash, in hex: SHA-256(0x00 || DOMAIN || canonical) for v1 and
 * v2, SHA-256(0x00 || DOMAIN || canonical || raw signature bytes) for v3 (`sig` given).
 */
export function recordHash(canonical: string, sig?: Uint8Array): string {
  const h = createHash('sha256').update(Buffer.of(0)).update(DOMAIN_BYTES).update(canonical, 'utf8');
  if (sig) h.update(sig);
  return h.digest('hex');
}

/** The hash a parsed record should carry, by its version (v3: the signature in its `sig` is hashed too). */
export function expectedHash(record: Record<string, unknown>): string {
  const canonical = canonicalBytes(record);
  return hashCoversSignature(record.v) ? recordHash(canonical, Buffer.from(String(record.sig), 'base64')) : recordHash(canonical);
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
  // v2 and v3 name the signature algorithm inside the signed bytes, so a later signer (post-quantum,
  // hybrid) can be added without a downgrade; v1 and v2 bodies (old fixtures) are sealed as they were.
  const alg = body.v === 1 ? {} : { alg: signer.alg ?? 'Ed25519' };
  const unsigned = { ...body, seq: link.seq, prev_hash: link.prevHash, key_id: signer.keyId, ...alg };
  const canonical = canonicalize(unsigned);
  const sigBytes = signer.sign(signingInput(canonical));
  // v3: the hash covers the signature, so whoever links to this record commits to all of it.
  const hash = hashCoversSignature(body.v) ? recordHash(canonical, sigBytes) : recordHash(canonical);
  const sig = Buffer.from(sigBytes).toString('base64');
  const record = { ...unsigned, hash, sig } as unknown as SealedRecord['record'];
  return { line: canonicalize(record), record };
}
