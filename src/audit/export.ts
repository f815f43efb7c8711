// Signed exports: a detached signature (`FILE.sig`, JSON) over the exact bytes of an exported file.
// The signature covers a statement, not only the bytes: the file's SHA-256 and size, when and by
// which key it was made, and the state of the trail it came from. Format: docs/audit-format.md.
import { createHash, verify as edVerify, type KeyObject } from 'node:crypto';
import { canonicalize } from './canonical.js';
import { keyValidityFindings, type KeyWindow } from './key-windows.js';
import { fingerprint, parsePublicKey } from './keys.js';
import type { Signer } from './seal.js';

export const EXPORT_SIG_FORMAT = 'seatbelt-export-signature';
/** Domain separation: an export signature can never pass for a record signature, or the reverse. */
export const EXPORT_DOMAIN = 'seatbelt/v1/export\n';

/** The trail an export was taken from, as verified when it was made. */
export interface ExportSource {
  records: number;
  last_seq: number | null;
  last_hash: string | null;
  /** Integrity findings in the trail when exported (0 unless the export was forced). */
  findings: number;
}

export interface ExportSignature {
  format: typeof EXPORT_SIG_FORMAT;
  v: 1;
  alg: 'Ed25519';
  domain: typeof EXPORT_DOMAIN;
  key_id: string;
  created: string;
  /** What was exported (`text/csv`). */
  media_type: string;
  size: number;
  sha256: string;
  rows: number;
  source: ExportSource;
  /** The filters the export applied, as given on the command line. */
  filters?: Record<string, string>;
  /** Base64 Ed25519 signature over EXPORT_DOMAIN || JCS(this object without `sig`). */
  sig: string;
}

export type Statement = Omit<ExportSignature, 'sig'>;

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function signingBytes(statement: Statement): Buffer {
  return Buffer.concat([Buffer.from(EXPORT_DOMAIN, 'utf8'), Buffer.from(canonicalize(statement), 'utf8')]);
}

export function signExport(
  bytes: Uint8Array,
  signer: Signer,
  o: { created: Date; mediaType: string; rows: number; source: ExportSource; filters?: Record<string, string> },
): ExportSignature {
  const statement: Statement = {
    format: EXPORT_SIG_FORMAT,
    v: 1,
    alg: 'Ed25519',
    domain: EXPORT_DOMAIN,
    key_id: signer.keyId,
    created: o.created.toISOString(),
    media_type: o.mediaType,
    size: bytes.length,
    sha256: sha256Hex(bytes),
    rows: o.rows,
    source: o.source,
    ...(o.filters && Object.keys(o.filters).length ? { filters: o.filters } : {}),
  };
  const sig = Buffer.from(signer.sign(signingBytes(statement))).toString('base64');
  return { ...statement, sig };
}

/** The .sig file's text: the signature object, pretty-printed (whitespace is not signed). */
export const sigFileText = (s: ExportSignature): string => JSON.stringify(s, null, 2) + '\n';

export type ExportProblemClass =
  'MALFORMED_SIGNATURE' | 'SIZE_MISMATCH' | 'DIGEST_MISMATCH' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'KEY_NOT_VALID_AT';

export interface ExportVerification {
  ok: boolean;
  problems: { class: ExportProblemClass; detail: string }[];
  /** The parsed signature file, when it could be read. */
  signature?: ExportSignature;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Fingerprints are slow to derive (a DER export each time); a caller checking many files reuses them. */
const keyIds = new WeakMap<KeyObject, string>();
function keyIdOf(key: KeyObject): string {
  let id = keyIds.get(key);
  if (id === undefined) keyIds.set(key, (id = fingerprint(key)));
  return id;
}

function shapeProblems(s: Record<string, unknown>): string[] {
  const p: string[] = [];
  const need = (f: string, ok: boolean, what: string) => ok || p.push(`"${f}" expected ${what}, got ${JSON.stringify(s[f])}`);
  need('format', s.format === EXPORT_SIG_FORMAT, `"${EXPORT_SIG_FORMAT}"`);
  need('v', s.v === 1, '1');
  need('alg', s.alg === 'Ed25519', '"Ed25519"');
  need('domain', s.domain === EXPORT_DOMAIN, JSON.stringify(EXPORT_DOMAIN));
  need('key_id', typeof s.key_id === 'string' && s.key_id.startsWith('SHA256:'), 'a key fingerprint "SHA256:…"');
  need('created', typeof s.created === 'string' && !Number.isNaN(Date.parse(s.created)), 'a UTC time');
  need('size', Number.isSafeInteger(s.size) && (s.size as number) >= 0, 'a byte count');
  need('sha256', typeof s.sha256 === 'string' && HEX64.test(s.sha256), '64 hex chars');
  // 64 bytes in canonical base64: the last character's 4 unused bits are zero, so no other
  // spelling of the same signature passes (a changed byte must never verify).
  need(
    'sig',
    typeof s.sig === 'string' && /^[A-Za-z0-9+/]{85}[AQgw]==$/.test(s.sig),
    'a base64 Ed25519 signature (88 characters, canonical)',
  );
  return p;
}

/**
 * Checks `bytes` against the detached signature `sigBytes` with the trusted `publicKeys` (and,
 * given a keyring's windows, that the key was valid when the export was made). Returns ok:false
 * with every problem found; never throws on bad input.
 */
export function verifyExport(
  bytes: Uint8Array,
  sigBytes: Uint8Array,
  publicKeys: readonly (string | KeyObject)[],
  o: { windows?: readonly KeyWindow[] | null } = {},
): ExportVerification {
  const problems: ExportVerification['problems'] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(sigBytes));
  } catch (err) {
    return {
      ok: false,
      problems: [{ class: 'MALFORMED_SIGNATURE', detail: `the signature file is not JSON (${(err as Error).message})` }],
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problems: [{ class: 'MALFORMED_SIGNATURE', detail: 'the signature file is not a JSON object' }] };
  }
  const shape = shapeProblems(parsed as Record<string, unknown>);
  if (shape.length) return { ok: false, problems: [{ class: 'MALFORMED_SIGNATURE', detail: shape.join('; ') }] };
  const signature = parsed as ExportSignature;
  if (signature.size !== bytes.length)
    problems.push({ class: 'SIZE_MISMATCH', detail: `the file has ${bytes.length} bytes; the signature covers ${signature.size}` });
  const digest = sha256Hex(bytes);
  if (digest !== signature.sha256)
    problems.push({
      class: 'DIGEST_MISMATCH',
      detail: `the file's SHA-256 is ${digest}; the signature covers ${signature.sha256}: the file was changed`,
    });
  const keys = new Map<string, KeyObject>();
  for (const k of publicKeys) {
    const key = typeof k === 'string' ? parsePublicKey(k) : k;
    keys.set(keyIdOf(key), key);
  }
  const key = keys.get(signature.key_id);
  const { sig, ...statement } = signature;
  if (!key) problems.push({ class: 'UNKNOWN_KEY', detail: `signed by ${signature.key_id}, which is not among the trusted public keys` });
  else if (!edVerify(null, signingBytes(statement), key, Buffer.from(sig, 'base64'))) {
    problems.push({
      class: 'BAD_SIGNATURE',
      detail: `the signature does not verify under ${signature.key_id}: the signature file was changed or forged`,
    });
  } else if (o.windows) {
    const ref = { line: 0, seq: 0, time: signature.created, type: 'export', key_id: signature.key_id, trusted: true };
    for (const f of keyValidityFindings([ref], o.windows)) problems.push({ class: 'KEY_NOT_VALID_AT', detail: f.detail });
  }
  return { ok: problems.length === 0, problems, signature };
}
