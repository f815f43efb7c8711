// The receipt a gateway response carries (`X-Seatbelt-Receipt`): which trail records the response's
// decisions were sealed in (event ids and record hashes), signed with the trail's Ed25519 key, so a
// caller can later prove what the gateway decided — offline, with the public key alone.
//
//   header  = "v1." b64url(payload) "." b64url(signature) "." key_id
//   payload = JCS({ v: 1, time, records: [{ id, hash }…], request_id? })
//   signed  = "seatbelt/v1/receipt\n" || payload
//
// The domain prefix keeps a receipt's signature from ever being a record's (records sign
// "seatbelt/v1/record\n" || …). The key id is outside the payload: it only picks the key, and the
// signature fails under any other. The payload must be canonical JCS, so one receipt has one encoding.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from '../audit/canonical.js';
import { fingerprint } from '../audit/key-format.js';
import type { Signer } from '../audit/seal.js';
import { UUIDV7_PATTERN } from '../audit/uuid.js';

export const RECEIPT_HEADER = 'X-Seatbelt-Receipt';
export const RECEIPT_DOMAIN = 'seatbelt/v1/receipt\n';
/** More records than this, or a longer header, is refused when verifying (a header is not a trail). */
export const MAX_RECEIPT_RECORDS = 1000;
export const MAX_RECEIPT_LENGTH = 256 * 1024;

export interface ReceiptRecord {
  /** The record's event_id. */
  id: string;
  /** The record's hash (hex). */
  hash: string;
}

export interface ReceiptPayload {
  v: 1;
  time: string;
  records: ReceiptRecord[];
  request_id?: string;
}

export type ReceiptSign = (bytes: Uint8Array) => { keyId: string; sig: string };

/** A `ReceiptSign` over a trail signer (signature in base64). */
export function signWith(signer: Signer): ReceiptSign {
  return (bytes) => ({ keyId: signer.keyId, sig: Buffer.from(signer.sign(bytes)).toString('base64') });
}

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^SHA256:[A-Za-z0-9+/]{43}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

export function receiptSigningInput(payload: string): Buffer {
  return Buffer.concat([Buffer.from(RECEIPT_DOMAIN, 'utf8'), Buffer.from(payload, 'utf8')]);
}

/** The header value for these records. `sign` is given the domain-prefixed bytes; its `sig` is base64 or base64url. */
export function makeReceipt(records: ReceiptRecord[], sign: ReceiptSign, opts: { requestId?: string; time?: Date } = {}): string {
  for (const r of records) {
    if (!UUIDV7_PATTERN.test(r.id) || !HEX64.test(r.hash)) throw new TypeError(`not a record id and hash: ${JSON.stringify(r)}`);
  }
  const payload: ReceiptPayload = {
    v: 1,
    time: (opts.time ?? new Date()).toISOString(),
    records: records.map((r) => ({ id: r.id, hash: r.hash })),
    ...(opts.requestId !== undefined ? { request_id: opts.requestId } : {}),
  };
  const text = canonicalize(payload);
  const { keyId, sig } = sign(receiptSigningInput(text));
  const sigBytes = Buffer.from(sig.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return `v1.${Buffer.from(text, 'utf8').toString('base64url')}.${sigBytes.toString('base64url')}.${keyId}`;
}

export type ReceiptCheck =
  { ok: true; keyId: string; time: string; records: ReceiptRecord[]; requestId?: string } | { ok: false; reason: string };

/** Checks a header value against public keys (the trail's key, retired keys, a keyring's keys). Never throws. */
export function verifyReceipt(header: string, publicKeys: readonly KeyObject[]): ReceiptCheck {
  const fail = (reason: string): ReceiptCheck => ({ ok: false, reason });
  if (typeof header !== 'string') return fail('the receipt is not a string');
  const value = header.trim();
  if (value.length > MAX_RECEIPT_LENGTH) return fail(`the receipt is longer than ${MAX_RECEIPT_LENGTH} characters`);
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1')
    return fail('not a seatbelt receipt: expected v1.<payload>.<signature>.<key id> (an X-Seatbelt-Receipt header value)');
  const [, payloadB64, sigB64, keyId] = parts as [string, string, string, string];
  if (!B64URL.test(payloadB64) || !B64URL.test(sigB64)) return fail('the payload and signature must be base64url');
  if (!KEY_ID.test(keyId)) return fail(`the key id ${JSON.stringify(keyId.slice(0, 60))} is not a key fingerprint "SHA256:…"`);
  const sig = Buffer.from(sigB64, 'base64url');
  if (sig.length !== 64 || sig.toString('base64url') !== sigB64) return fail('the signature is not 64 bytes of canonical base64url');
  const payloadBytes = Buffer.from(payloadB64, 'base64url');
  if (payloadBytes.toString('base64url') !== payloadB64) return fail('the payload is not canonical base64url');
  const text = payloadBytes.toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return fail('the payload is not JSON');
  }
  let canonical: string;
  try {
    canonical = canonicalize(payload);
  } catch (err) {
    return fail(`the payload is not I-JSON: ${(err as Error).message}`);
  }
  if (canonical !== text) return fail('the payload is not in its canonical (JCS) form');
  const shape = payloadProblems(payload);
  if (shape) return fail(shape);
  const key = publicKeys.find((k) => safeFingerprint(k) === keyId);
  if (!key) return fail(`signed by ${keyId}, which is not among the public keys given`);
  if (!verify(null, receiptSigningInput(text), key, sig)) return fail(`the signature does not verify under ${keyId}`);
  const p = payload as ReceiptPayload;
  return { ok: true, keyId, time: p.time, records: p.records, ...(p.request_id !== undefined ? { requestId: p.request_id } : {}) };
}

function safeFingerprint(k: KeyObject): string | null {
  try {
    return fingerprint(k.type === 'private' ? createPublicKey(k) : k);
  } catch {
    return null;
  }
}

function payloadProblems(p: unknown): string | null {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'the payload is not a JSON object';
  const o = p as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['v', 'time', 'records', 'request_id'].includes(k)) return `the payload has an unknown field "${k}"`;
  if (o.v !== 1) return `unsupported receipt version ${JSON.stringify(o.v)}`;
  if (typeof o.time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(o.time)) return '"time" is not a UTC time';
  if ('request_id' in o && typeof o.request_id !== 'string') return '"request_id" is not a string';
  if (!Array.isArray(o.records)) return '"records" is not an array';
  if (o.records.length > MAX_RECEIPT_RECORDS) return `more than ${MAX_RECEIPT_RECORDS} records`;
  for (const [i, r] of o.records.entries()) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return `records[${i}] is not an object`;
    const rec = r as Record<string, unknown>;
    if (Object.keys(rec).length !== 2 || typeof rec.id !== 'string' || typeof rec.hash !== 'string')
      return `records[${i}] expected exactly { id, hash }`;
    if (!UUIDV7_PATTERN.test(rec.id)) return `records[${i}].id is not a UUIDv7 event id`;
    if (!HEX64.test(rec.hash)) return `records[${i}].hash is not 64 hex chars`;
  }
  return null;
}
