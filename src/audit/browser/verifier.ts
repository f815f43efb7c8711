// The in-browser verifier of the HTML report: verify's own line and chain rules
// (src/audit/verify-core.ts, shared with `seatbelt verify`) with the crypto of @noble/ed25519 and
// @noble/hashes instead of node:crypto, so an auditor's browser checks the trail without Node and
// every fix to the rules lands in both. A test runs both over the tamper matrix and requires the
// same findings.
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { KeyWindow } from '../key-windows.js';
import { merkle } from '../merkle.js';
import { READABLE_DESPITE, TrailVerifier, type Finding as CoreFinding, type VerifyCrypto, type VerifyReport } from '../verify-core.js';

ed.hashes.sha512 = sha512;

export { DOMAIN } from '../verify-core.js';
const enc = new TextEncoder();

export interface BrowserKey extends Partial<KeyWindow> {
  keyId: string;
  publicKey: Uint8Array;
}

export type Finding = CoreFinding;

/** verify's report, and the records that verify as part of the chain (no finding on their line), in file order, for the report's figures. */
export interface BrowserVerifyReport extends VerifyReport {
  entries: { line: number; record: Record<string, unknown> }[];
}

// ---- bytes --------------------------------------------------------------------------------

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s.replace(/\s+/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

// ---- keys ---------------------------------------------------------------------------------

const SPKI_ED25519 = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function sshString(b: Uint8Array): Uint8Array {
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, b.length);
  return concat(len, b);
}

/** OpenSSH `SHA256:<base64, no padding>` of the ssh-ed25519 wire blob: the key id seatbelt uses. */
export function keyIdOf(raw: Uint8Array): string {
  const blob = concat(sshString(enc.encode('ssh-ed25519')), sshString(raw));
  return `SHA256:${toBase64(sha256(blob)).replace(/=+$/, '')}`;
}

function rawFromPem(pem: string): Uint8Array {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) throw new Error('no "BEGIN PUBLIC KEY" block');
  const der = fromBase64(m[1]!);
  if (der.length !== 44 || !SPKI_ED25519.every((b, i) => der[i] === b)) throw new Error('not an Ed25519 public key (SPKI)');
  return der.subarray(12);
}

function rawFromSsh(line: string): Uint8Array {
  const blob = fromBase64(line.trim().split(/\s+/)[1] ?? '');
  const head = sshString(enc.encode('ssh-ed25519'));
  if (blob.length !== head.length + 36 || !head.every((b, i) => blob[i] === b)) throw new Error('not an ssh-ed25519 key');
  return blob.subarray(head.length + 4);
}

/**
 * The keys in a dropped file: a keyring (`seatbelt keys export-pub`, with validity windows), one or
 * more PEM public keys, or ssh-ed25519 lines. Throws with a message saying what it is not.
 */
export function parseKeyFile(text: string): BrowserKey[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const json = JSON.parse(trimmed) as { keys?: unknown };
    if (!Array.isArray(json.keys)) throw new Error('a JSON key file must have a "keys" array (the output of seatbelt keys export-pub)');
    return json.keys.map((k: Record<string, unknown>, i: number) => {
      if (typeof k.public_key_pem !== 'string') throw new Error(`keys[${i}].public_key_pem: expected a PEM string`);
      const publicKey = rawFromPem(k.public_key_pem);
      const keyId = keyIdOf(publicKey);
      if (typeof k.key_id === 'string' && k.key_id !== keyId)
        throw new Error(`keys[${i}]: key_id ${k.key_id} is not the fingerprint of its public key (${keyId})`);
      const out: BrowserKey = { keyId, publicKey, key_id: keyId };
      if (typeof k.not_before === 'string') out.not_before = k.not_before;
      if (typeof k.not_after === 'string') out.not_after = k.not_after;
      return out;
    });
  }
  const keys: BrowserKey[] = [];
  for (const m of trimmed.matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g)) {
    const publicKey = rawFromPem(m[0]);
    keys.push({ keyId: keyIdOf(publicKey), publicKey });
  }
  for (const line of trimmed.split('\n')) {
    if (line.startsWith('ssh-ed25519 ')) {
      const publicKey = rawFromSsh(line);
      keys.push({ keyId: keyIdOf(publicKey), publicKey });
    }
  }
  if (keys.length === 0) throw new Error('no public key found (expected PEM, ssh-ed25519 or a seatbelt keyring)');
  return keys;
}

/** True when the text looks like a key file rather than a trail. */
export function looksLikeKeyFile(text: string): boolean {
  const t = text.trimStart();
  return (
    t.startsWith('-----BEGIN') ||
    t.startsWith('ssh-ed25519 ') ||
    (t.startsWith('{') && /"keys"\s*:/.test(t.slice(0, 4096)) && !/"prev_hash"/.test(t.slice(0, 4096)))
  );
}

// ---- the verifier -------------------------------------------------------------------------

const nobleSha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = sha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
};

export const browserCrypto: VerifyCrypto = {
  sha256: nobleSha256,
  verify: (sig, message, key) => ed.verify(sig, message, key as Uint8Array, { zip215: false }),
  keyFromPem: (pem) => {
    const raw = rawFromPem(pem);
    return { keyId: keyIdOf(raw), key: raw };
  },
  fromBase64,
};

export interface VerifyOptions {
  /** Called now and then with the number of lines checked, so the page can show progress. */
  onProgress?: (done: number, total: number) => void;
  /** Yield to the event loop every this many lines (keeps the page responsive). */
  chunk?: number;
}

export async function verifyTrailBytes(
  bytes: Uint8Array,
  keys: readonly BrowserKey[],
  o: VerifyOptions = {},
): Promise<BrowserVerifyReport> {
  const windows = keys
    .filter((k): k is BrowserKey & KeyWindow => typeof k.not_before === 'string')
    .map((k) => ({ key_id: k.keyId, not_before: k.not_before, not_after: k.not_after ?? null }));
  const candidates: { line: number; record: Record<string, unknown> }[] = [];
  const v = new TrailVerifier({
    crypto: browserCrypto,
    keys: new Map<string, unknown>(keys.map((k) => [k.keyId, k.publicKey])),
    keyWindows: windows,
    tree: merkle(nobleSha256).builder(),
    onRecord: (line, record) => candidates.push({ line, record }),
  });
  let total = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) total++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) total++;
  const chunk = o.chunk ?? 200;
  let start = 0;
  let no = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    v.push({ no: ++no, offset: start, bytes: bytes.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
    if (no % chunk === 0) {
      o.onProgress?.(no, total);
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  o.onProgress?.(total, total);
  const report = v.finish();
  const unreadable = new Set(report.findings.filter((f) => !READABLE_DESPITE.has(f.class)).map((f) => f.line));
  return { ...report, entries: candidates.filter((e) => !unreadable.has(e.line)) };
}
