// C2SP signed notes (c2sp.org/signed-note) with Ed25519 signatures, the format transparency logs
// sign checkpoints in, byte-compatible with Go's golang.org/x/mod/sumdb/note: text, a blank line,
// then `— <key name> base64(key id || signature)` lines. Verifier keys are `name+hash+base64(0x01||key)`.
// Pure: Ed25519 and SHA-256 are injected (node:crypto in the CLI, @noble in tests and the browser).
import type { Sha256 } from './merkle.js';

export interface NoteCrypto {
  sha256: Sha256;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export interface NoteVerifier {
  name: string;
  /** The key id: the first four bytes of SHA-256(name || 0x0A || 0x01 || key), big-endian. */
  id: number;
  publicKey: Uint8Array;
}

export interface NoteSignature {
  name: string;
  id: number;
  /** The signature bytes after the key id. */
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

export class NoteError extends Error {}

const ED25519 = 0x01;
const DASH = '\u2014 ';
const enc = new TextEncoder();
const MAX_SIGNATURES = 100;

export function keyIdOf(sha256: Sha256, name: string, publicKey: Uint8Array): number {
  const h = sha256(enc.encode(`${name}\n`), Uint8Array.of(ED25519), publicKey);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/** Key names are non-empty and hold no spaces or `+` (the spec's rule; `+` separates the verifier key's parts). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

/** The verifier key string: `name+hash+base64(0x01 || public key)`. */
export function verifierKey(sha256: Sha256, name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`key name "${name}" must be non-empty and hold no spaces or "+"`);
  const body = toBase64(concat(Uint8Array.of(ED25519), publicKey));
  return `${name}+${hex8(keyIdOf(sha256, name, publicKey))}+${body}`;
}

export function parseVerifierKey(sha256: Sha256, key: string): NoteVerifier {
  const parts = key.split('+');
  // The base64 may itself contain `+`: name and hash are the first two parts, the rest is the key.
  if (parts.length < 3) throw new NoteError('verifier key: expected name+hash+key');
  const [name, hash] = parts as [string, string];
  const raw = parts.slice(2).join('+');
  if (!isValidKeyName(name)) throw new NoteError('verifier key: invalid key name');
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new NoteError('verifier key: the hash must be 8 lower-case hex digits');
  const bytes = strictBase64(raw);
  if (!bytes || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new NoteError('verifier key: expected an Ed25519 key (0x01 and 32 bytes)');
  const publicKey = bytes.subarray(1);
  const id = keyIdOf(sha256, name, publicKey);
  if (hex8(id) !== hash) throw new NoteError('verifier key: the hash does not match the name and key');
  return { name, id, publicKey };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Canonical standard base64 only (no whitespace, no other padding), so a note has one spelling. */
export function strictBase64(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return toBase64(bytes) === s ? bytes : null;
}

/** Sign `text` (which must end in a newline) with one Ed25519 key; returns the whole note. */
export function signNote(
  text: string,
  key: { name: string; publicKey: Uint8Array; sign: (message: Uint8Array) => Uint8Array },
  sha256: Sha256,
): string {
  checkText(text);
  if (!isValidKeyName(key.name)) throw new NoteError(`key name "${key.name}" must be non-empty and hold no spaces or "+"`);
  const id = keyIdOf(sha256, key.name, key.publicKey);
  const sig = key.sign(enc.encode(text));
  const blob = toBase64(concat(Uint8Array.of(id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff), sig));
  return `${text}\n${DASH}${key.name} ${blob}\n`;
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('note text must end in a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError('note text must not hold control characters');
}

export function parseNote(note: string): ParsedNote {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError('malformed note: control characters');
  if (!note.endsWith('\n')) throw new NoteError('malformed note: it must end in a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed note: too many signatures');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(DASH)) throw new NoteError('malformed note: a signature line must start with "— "');
    const rest = line.slice(DASH.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const blob = space > 0 ? strictBase64(rest.slice(space + 1)) : null;
    if (!isValidKeyName(name) || !blob || blob.length < 5) throw new NoteError('malformed note: bad signature line');
    const id = ((blob[0]! << 24) | (blob[1]! << 16) | (blob[2]! << 8) | blob[3]!) >>> 0;
    signatures.push({ name, id, signature: blob.subarray(4) });
  }
  return { text, signatures };
}

/**
 * Open a note: its text, when at least one signature from a known key verifies and none from a
 * known key fails (signatures from unknown keys are ignored, as the spec says).
 */
export function openNote(
  note: string,
  verifiers: readonly NoteVerifier[],
  crypto: NoteCrypto,
): { text: string; verifiedBy: NoteVerifier[] } {
  const parsed = parseNote(note);
  const message = enc.encode(parsed.text);
  const verifiedBy: NoteVerifier[] = [];
  for (const sig of parsed.signatures) {
    const v = verifiers.find((k) => k.name === sig.name && k.id === sig.id);
    if (!v) continue;
    if (sig.signature.length !== 64 || !crypto.verify(sig.signature, message, v.publicKey)) {
      throw new NoteError(`the signature by ${v.name} does not verify`);
    }
    if (!verifiedBy.includes(v)) verifiedBy.push(v);
  }
  if (!verifiedBy.length) throw new NoteError('no signature by a known key');
  return { text: parsed.text, verifiedBy };
}
