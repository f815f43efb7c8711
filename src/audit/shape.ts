// The shape of a v1 record, checked field by field so a MALFORMED finding names every bad field
// (`"seq" expected a non-negative integer, got "3"`). Integrity (hash, signature, links) is
// verify's business; this only says whether the line is a record at all.
import { UUIDV7_PATTERN } from './uuid.js';

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type RecordType = 'decision' | 'outcome' | 'recovery' | 'key_rotation';

export interface ChainFields {
  v: 1;
  type: RecordType;
  event_id: string;
  seq: number;
  prev_hash: string;
  hash: string;
  key_id: string;
  sig: string;
  [k: string]: unknown;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * 64 bytes in canonical base64 are 85 characters, one whose 4 unused low bits are zero (A, Q, g
 * or w), then "==". Written without Buffer so the HTML report's in-browser verifier shares it.
 */
function isCanonicalSignature(sig: string): boolean {
  return /^[A-Za-z0-9+/]{85}[AQgw]==$/.test(sig);
}

/** Every problem with `r` as a v1 record; empty when it is well-formed. */
export function shapeProblems(r: unknown): string[] {
  if (!isObject(r)) return [`expected a JSON object, got ${Array.isArray(r) ? 'an array' : show(r)}`];
  const p: string[] = [];
  const need = (field: string, ok: boolean, expected: string) => {
    if (!ok) p.push(`"${field}" expected ${expected}, got ${field in r ? show(r[field]) : 'nothing'}`);
  };
  if (typeof r.v === 'number' && r.v !== 1) return [`unsupported audit format version ${r.v} (this seatbelt reads v1)`];
  need('v', r.v === 1, '1');
  need(
    'type',
    r.type === 'decision' || r.type === 'outcome' || r.type === 'recovery' || r.type === 'key_rotation',
    '"decision", "outcome", "recovery" or "key_rotation"',
  );
  need('event_id', typeof r.event_id === 'string' && UUIDV7_PATTERN.test(r.event_id), 'a UUIDv7');
  need('seq', isCount(r.seq), 'a non-negative integer');
  need('time', typeof r.time === 'string' && ISO_MS.test(r.time), 'a UTC time like 2025-01-31T12:00:00.000Z');
  need('governance_mode', r.governance_mode === 'deterministic', '"deterministic"');
  need('prev_hash', typeof r.prev_hash === 'string' && HEX64.test(r.prev_hash), '64 hex chars');
  need('hash', typeof r.hash === 'string' && HEX64.test(r.hash), '64 hex chars');
  need('key_id', typeof r.key_id === 'string' && r.key_id.startsWith('SHA256:'), 'a key fingerprint "SHA256:…"');
  // Canonical base64 only: otherwise unused low bits of the last character could change a byte of
  // the line without changing the signature.
  need('sig', typeof r.sig === 'string' && BASE64.test(r.sig) && isCanonicalSignature(r.sig), 'a base64 Ed25519 signature (64 bytes)');
  if (r.type === 'decision') {
    const action = r.action;
    need('actor', isObject(r.actor), 'an object');
    need('action', isObject(action) && ['argv', 'shell', 'sql'].includes(action.kind as string), 'an object with kind argv, shell or sql');
    if (isObject(action)) {
      need('action.input_sha256', typeof action.input_sha256 === 'string' && HEX64.test(action.input_sha256), '64 hex chars');
    }
    need('decision', r.decision === 'allow' || r.decision === 'block', '"allow" or "block"');
    need('rules', Array.isArray(r.rules), 'an array');
    need('reason', typeof r.reason === 'string', 'a string');
    need('remediation', typeof r.remediation === 'string', 'a string');
    need(
      'policy',
      isObject(r.policy) && typeof r.policy.name === 'string' && typeof r.policy.version === 'string',
      'an object with name and version',
    );
  } else if (r.type === 'outcome') {
    need('decision_event_id', typeof r.decision_event_id === 'string' && UUIDV7_PATTERN.test(r.decision_event_id), 'a UUIDv7');
    need('exit_code', r.exit_code === null || (typeof r.exit_code === 'number' && Number.isSafeInteger(r.exit_code)), 'an integer or null');
    need('signal', r.signal === null || typeof r.signal === 'string', 'a string or null');
    need('duration_ms', isCount(r.duration_ms), 'a non-negative integer');
  } else if (r.type === 'recovery') {
    need('at_offset', isCount(r.at_offset), 'a non-negative integer');
    need('fragment_length', isCount(r.fragment_length) && r.fragment_length > 0, 'a positive integer');
    need('fragment_sha256', typeof r.fragment_sha256 === 'string' && HEX64.test(r.fragment_sha256), '64 hex chars');
  } else if (r.type === 'key_rotation') {
    // `keys rotate` (src/audit/rotate.ts): signed by the retiring key, naming its successor.
    const nk = r.new_key;
    need(
      'new_key',
      isObject(nk) && typeof nk.key_id === 'string' && nk.key_id.startsWith('SHA256:') && typeof nk.public_key_pem === 'string',
      'an object with key_id "SHA256:…" and public_key_pem',
    );
    need('retired_key_id', r.retired_key_id === r.key_id, `the record's own key_id (${show(r.key_id)})`);
  }
  return p;
}
