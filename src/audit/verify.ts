// Verifying a trail in Node: the shared rules of verify-core.ts with node:crypto. `verifyTrail`
// takes bytes in memory; `verifyFile` streams a file through the same verifier in fixed-size
// reads, so memory stays flat however long the trail (verify-parallel.ts adds the other cores).
import * as nodeCryptoModule from 'node:crypto';
import { createHash, verify as edVerify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { fingerprint, parsePublicKey } from './keys.js';
import type { KeyWindow } from './key-windows.js';
import { merkle } from './merkle.js';
import type { ChainFields } from './shape.js';
import { LineSplitter, TrailVerifier, verifyBytes, type LeafSink, type VerifyCrypto, type VerifyReport } from './verify-core.js';

export { READABLE_DESPITE, TRUNCATION_NOTE, type Finding, type FindingClass, type LineInput, type VerifyReport } from './verify-core.js';

// crypto.hash (Node ≥ 20.12): a one-shot digest, several times cheaper than a Hash object for the
// short inputs of a trail (a record, two Merkle children).
const oneShot = (nodeCryptoModule as { hash?: (alg: string, data: Uint8Array, enc: 'hex') => string }).hash;

// Parts are joined in one reused buffer and the digest comes back as hex, decoded into a 32-byte
// array V8 keeps on its own heap: no buffer allocated outside it per hash (a million records hash
// two million times; that garbage, not the work, is what grew verify's memory).
let joined = Buffer.alloc(4096);
let view: Buffer | null = null; // base64Into's Buffer over the caller's scratch buffer
const NIB = new Int8Array(128);
for (let i = 0; i < 16; i++) NIB['0123456789abcdef'.charCodeAt(i)] = i;
function digestBytes(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (NIB[hex.charCodeAt(2 * i)]! << 4) | NIB[hex.charCodeAt(2 * i + 1)]!;
  return out;
}

export const nodeCrypto: VerifyCrypto = {
  sha256: (...parts) => {
    if (oneShot) {
      let n = 0;
      for (const p of parts) n += p.length;
      if (joined.length < n) joined = Buffer.alloc(n * 2);
      let at = 0;
      for (const p of parts) (joined.set(p, at), (at += p.length));
      return digestBytes(oneShot('sha256', joined.subarray(0, n), 'hex'));
    }
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return h.digest();
  },
  ...(oneShot ? { sha256Hex: (data: Uint8Array) => oneShot('sha256', data, 'hex') } : {}),
  base64Into: (s, into, at) => {
    if (view?.buffer !== into.buffer || view.byteOffset !== into.byteOffset)
      view = Buffer.from(into.buffer, into.byteOffset, into.byteLength);
    return view.write(s, at, 'base64');
  },
  verify: (sig, message, key) => edVerify(null, message, key as KeyObject, sig),
  keyFromPem: (pem) => {
    const key = parsePublicKey(pem);
    return { keyId: fingerprint(key), key };
  },
  fromBase64: (s) => Buffer.from(s, 'base64'),
};

/** The RFC 6962 tree over record hashes, kept leaf by leaf (O(log n) memory). */
export const newTree = (): LeafSink => merkle((...parts) => nodeCrypto.sha256(...parts)).builder();

export interface VerifyOptions {
  publicKeys: (string | KeyObject)[];
  /**
   * A signature result computed elsewhere (worker threads) for a 1-based line: true/false, or
   * undefined to have it checked here. Consulted only for records whose key is trusted.
   */
  signatureCheck?: (line: number) => boolean | undefined;
  /** Validity windows of the keys (a keyring): a record signed outside its key's window is KEY_NOT_VALID_AT. */
  keyWindows?: readonly KeyWindow[] | null;
  /** Every authentic record, in file order (the verified-records reader keeps those with no finding). */
  onRecord?: (line: number, record: ChainFields) => void;
  /** Compute the Merkle root over the chain (verify --json); a tree of the caller's watches it grow (verify --checkpoint). */
  merkleRoot?: boolean | LeafSink;
  /** Called as the file is read (verifyFile): bytes done, the file's size, lines seen (a progress bar). */
  onProgress?: (done: number, total: number, lines: number) => void;
  /** Check every record's signature (verify --every-signature), not one per run of v3 records. */
  everySignature?: boolean;
}

export function keyMap(publicKeys: (string | KeyObject)[]): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  publicKeys.forEach((k, i) => {
    const key = typeof k === 'string' ? parsePublicKey(k, `public key #${i + 1}`) : k;
    keys.set(fingerprint(key), key);
  });
  return keys;
}

export function coreOptions(o: VerifyOptions) {
  return {
    crypto: nodeCrypto,
    keys: keyMap(o.publicKeys),
    ...(o.keyWindows !== undefined ? { keyWindows: o.keyWindows } : {}),
    ...(o.signatureCheck ? { signatureCheck: o.signatureCheck } : {}),
    ...(o.onRecord ? { onRecord: o.onRecord } : {}),
    ...(o.merkleRoot ? { tree: typeof o.merkleRoot === 'object' ? o.merkleRoot : newTree() } : {}),
    ...(o.everySignature ? { everySignature: true } : {}),
  };
}

export function verifyTrail(bytes: Uint8Array, o: VerifyOptions): VerifyReport {
  return verifyBytes(bytes, coreOptions(o));
}

const READ_SIZE = 1 << 20;

/** Streams `file` through the verifier, one read buffer at a time. Throws on I/O errors. */
export function verifyFile(file: string, o: VerifyOptions): VerifyReport {
  const v = new TrailVerifier(coreOptions(o));
  const split = new LineSplitter((line) => v.push(line));
  const fd = fs.openSync(file, 'r');
  try {
    const size = o.onProgress ? fs.fstatSync(fd).size : 0;
    let done = 0;
    const buf = Buffer.alloc(READ_SIZE);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      split.feed(buf.subarray(0, n));
      done += n;
      o.onProgress?.(done, Math.max(size, done), v.linesSeen);
    }
  } finally {
    fs.closeSync(fd);
  }
  split.end();
  return v.finish();
}
