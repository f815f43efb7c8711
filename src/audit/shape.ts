// The shape of a record, v1, v2 and v3, checked field by field so a MALFORMED finding names every bad
// field (`"seq" expected a non-negative integer, got "3"`). A record is exactly the fields
// docs/audit-format.md lists for its type and version: an unknown field is MALFORMED (nothing
// unsigned-by-contract can ride along in a signed line). Integrity (hash, signature, links) is
// verify's business; this only says whether the line is a record at all. Pure: the HTML report's
// in-browser verifier and the writer share it.
import { ENVIRONMENTS } from '../core/environment.js';
import { UUIDV7_PATTERN, uuidv7Millis } from './uuid.js';

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Format versions this code reads; it writes the last. */
export const READ_VERSIONS = [1, 2, 3] as const;
export type FormatVersion = (typeof READ_VERSIONS)[number];

/** Signature algorithms a v2 or v3 record may name in `alg`. */
export const SIGNATURE_ALGS = ['Ed25519'] as const;

export type RecordType = 'decision' | 'outcome' | 'recovery' | 'key_rotation' | 'inspection';
const TYPES: readonly RecordType[] = ['decision', 'outcome', 'recovery', 'key_rotation', 'inspection'];

export interface ChainFields {
  v: FormatVersion;
  type: RecordType;
  event_id: string;
  seq: number;
  time: string;
  prev_hash: string;
  hash: string;
  key_id: string;
  sig: string;
  alg?: string;
  environment?: string;
  [k: string]: unknown;
}

/** Required (true) and optional (false) members, by record type and version. */
type Fields = Record<string, boolean>;

const COMMON_V1: Fields = {
  v: true,
  type: true,
  event_id: true,
  seq: true,
  time: true,
  governance_mode: true,
  prev_hash: true,
  key_id: true,
  hash: true,
  sig: true,
};
const COMMON_V2: Fields = { ...COMMON_V1, alg: true, environment: false };

const BY_TYPE: Record<RecordType, { v1: Fields; v2: Fields }> = {
  decision: {
    v1: {
      actor: true,
      action: true,
      decision: true,
      rules: true,
      reason: true,
      remediation: true,
      policy: true,
      role: false,
      would_block: false,
    },
    // gateway: set when the decision was taken for a model API gateway's tool call (src/gateway).
    // (Approval records of `seatbelt approve/deny` get their own type here when their format is documented.)
    v2: {
      actor: true,
      action: true,
      decision: true,
      rules: true,
      reason: true,
      remediation: true,
      policy: true,
      role: false,
      would_block: false,
      gateway: false,
    },
  },
  outcome: {
    v1: { decision_event_id: true, exit_code: true, signal: true, duration_ms: true, error: false },
    v2: { decision_event_id: true, exit_code: true, signal: true, duration_ms: true, error: false },
  },
  recovery: {
    v1: { reason: true, at_offset: true, fragment_length: true, fragment_sha256: true, actor: false },
    v2: { reason: true, at_offset: true, fragment_length: true, fragment_sha256: true, actor: false },
  },
  key_rotation: {
    v1: { actor: true, reason: true, retired_key_id: true, new_key: true },
    v2: { actor: true, reason: true, retired_key_id: true, new_key: true },
  },
  // A secret the gateway found in model output (v2 on, like the gateway; a v1 record of this type is refused below).
  inspection: {
    v1: {},
    v2: { actor: true, rule: true, kind: true, action: true, where: true, secret_sha256: true, gateway: true },
  },
};

/** Every member a record of each type and version may have. */
const RECORD_FIELDS = Object.fromEntries(
  Object.entries(BY_TYPE).map(([t, f]) => [t, { v1: { ...COMMON_V1, ...f.v1 }, v2: { ...COMMON_V2, ...f.v2 } }]),
) as Record<RecordType, { v1: Fields; v2: Fields }>;

const ACTOR: Fields = { user: true, host: true, cwd: true, agent: false, owner: false, session: false, pid: false };
const ACTION: Fields = { kind: true, input_sha256: true, input: false, dialect: false };
const RULE: Fields = { id: true, risk: true, reason: true, blocking: false, evidence: false };
// bundle: SHA-256 of the operator's signed policy bundle in force (docs/fleet.md).
const POLICY: Fields = { name: true, version: true, bundle: false };
const ROLE: Fields = { name: true, sha256: true };
const NEW_KEY: Fields = { key_id: true, alg: true, public_key_pem: true };
const INSPECTION_GATEWAY: Fields = { api: true, request_id: true, model: false, response_id: false };
const GATEWAY: Fields = {
  api: true,
  request_id: true,
  tool: true,
  arguments_sha256: false,
  tool_call_id: false,
  model: false,
  response_id: false,
  approval_id: false,
};

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * 64 bytes in canonical base64 are 85 characters, one whose 4 unused low bits are zero (A, Q, g
 * or w), then "==". Written without Buffer so the HTML report's in-browser verifier shares it.
 */
function isCanonicalSignature(sig: string): boolean {
  return /^[A-Za-z0-9+/]{85}[AQgw]==$/.test(sig);
}

/** Members of `o` the spec does not list, and listed required members that are missing. */
function members(o: Record<string, unknown>, spec: Fields, at: string, p: string[]): void {
  for (const k in o) if (!Object.hasOwn(spec, k)) p.push(`unknown field "${at}${k}"`);
  // Missing top-level members are named by the type checks below; nested ones here.
  if (at) for (const [k, required] of Object.entries(spec)) if (required && !(k in o)) p.push(`"${at}${k}" is missing`);
}

/** Every problem with `r` as a record; empty when it is well-formed. */
export function shapeProblems(r: unknown): string[] {
  if (!isObject(r)) return [`expected a JSON object, got ${Array.isArray(r) ? 'an array' : show(r)}`];
  const p: string[] = [];
  const need = (field: string, ok: boolean, expected: string) => {
    if (!ok) p.push(`"${field}" expected ${expected}, got ${field in r ? show(r[field]) : 'nothing'}`);
  };
  if (typeof r.v === 'number' && !(READ_VERSIONS as readonly number[]).includes(r.v))
    return [
      `unsupported audit format version ${r.v} (this seatbelt reads v${READ_VERSIONS.slice(0, -1).join(', v')} and v${READ_VERSIONS.at(-1)})`,
    ];
  need('v', r.v === 1 || r.v === 2 || r.v === 3, '1, 2 or 3');
  const type = TYPES.includes(r.type as RecordType) ? (r.type as RecordType) : null;
  need('type', type !== null, '"decision", "outcome", "recovery", "key_rotation" or "inspection"');
  need('event_id', isString(r.event_id) && UUIDV7_PATTERN.test(r.event_id), 'a UUIDv7');
  need('seq', isCount(r.seq), 'a non-negative integer');
  need('time', isString(r.time) && ISO_MS.test(r.time), 'a UTC time like 2025-01-31T12:00:00.000Z');
  // The event id carries the time (its first 48 bits, in ms): they must agree, so neither can be
  // moved without the other.
  if (isString(r.time) && ISO_MS.test(r.time) && isString(r.event_id) && UUIDV7_PATTERN.test(r.event_id)) {
    const idMs = uuidv7Millis(r.event_id);
    if (idMs !== Date.parse(r.time)) p.push(`"time" ${r.time} is not the time of "event_id" (${new Date(idMs).toISOString()})`);
  }
  need('governance_mode', r.governance_mode === 'deterministic', '"deterministic"');
  need('prev_hash', isString(r.prev_hash) && HEX64.test(r.prev_hash), '64 hex chars');
  need('hash', isString(r.hash) && HEX64.test(r.hash), '64 hex chars');
  need('key_id', isString(r.key_id) && r.key_id.startsWith('SHA256:'), 'a key fingerprint "SHA256:…"');
  // Canonical base64 only: otherwise unused low bits of the last character could change a byte of
  // the line without changing the signature.
  need('sig', isString(r.sig) && isCanonicalSignature(r.sig), 'a base64 Ed25519 signature (64 bytes)');
  if (r.v === 2 || r.v === 3) {
    need('alg', (SIGNATURE_ALGS as readonly unknown[]).includes(r.alg), `one of ${SIGNATURE_ALGS.map((a) => `"${a}"`).join(', ')}`);
    if ('environment' in r)
      need('environment', (ENVIRONMENTS as readonly unknown[]).includes(r.environment), ENVIRONMENTS.map((e) => `"${e}"`).join(', '));
  }
  if (type === null || (r.v !== 1 && r.v !== 2 && r.v !== 3)) return p;
  // v3 has exactly v2's fields: only what its hash covers changed (the signature too).
  members(r, RECORD_FIELDS[type][r.v === 1 ? 'v1' : 'v2'], '', p);

  const nested = (field: string, spec: Fields, required: boolean) => {
    const v = r[field];
    if (v === undefined && !required) return;
    if (!isObject(v)) return void need(field, false, 'an object');
    members(v, spec, `${field}.`, p);
  };
  if ('actor' in r || type === 'decision' || type === 'key_rotation' || type === 'inspection') {
    nested('actor', ACTOR, true);
    if (isObject(r.actor)) {
      const a = r.actor;
      for (const k of ['user', 'host', 'cwd', 'agent', 'owner', 'session'])
        if (k in a && !isString(a[k])) p.push(`"actor.${k}" expected a string, got ${show(a[k])}`);
      if ('pid' in a && !isCount(a.pid)) p.push(`"actor.pid" expected a non-negative integer, got ${show(a.pid)}`);
    }
  }
  if (type === 'decision') {
    const action = r.action;
    nested('action', ACTION, true);
    if (isObject(action)) {
      // `tool`: a model API gateway's tool call (v2 on; the gateway came with v2).
      const kinds = r.v === 1 ? ['argv', 'shell', 'sql'] : ['argv', 'shell', 'sql', 'tool'];
      need('action.kind', kinds.includes(action.kind as string), kinds.join(', '));
      need('action.input_sha256', isString(action.input_sha256) && HEX64.test(action.input_sha256), '64 hex chars');
      if ('input' in action && !(isString(action.input) || (Array.isArray(action.input) && action.input.every(isString))))
        p.push(`"action.input" expected a string or an array of strings, got ${show(action.input)}`);
      if ('dialect' in action && !isString(action.dialect)) p.push(`"action.dialect" expected a string, got ${show(action.dialect)}`);
    }
    need('decision', r.decision === 'allow' || r.decision === 'block', '"allow" or "block"');
    need('rules', Array.isArray(r.rules), 'an array');
    if (Array.isArray(r.rules)) {
      r.rules.forEach((rule: unknown, i) => {
        if (!isObject(rule)) return void p.push(`"rules[${i}]" expected an object, got ${show(rule)}`);
        members(rule, RULE, `rules[${i}].`, p);
        for (const k of ['id', 'risk', 'reason', 'evidence'])
          if (k in rule && !isString(rule[k])) p.push(`"rules[${i}].${k}" expected a string, got ${show(rule[k])}`);
        if ('blocking' in rule && typeof rule.blocking !== 'boolean')
          p.push(`"rules[${i}].blocking" expected true or false, got ${show(rule.blocking)}`);
      });
    }
    need('reason', isString(r.reason), 'a string');
    need('remediation', isString(r.remediation), 'a string');
    if (isObject(r.policy)) members(r.policy, POLICY, 'policy.', p);
    need('policy', isObject(r.policy) && isString(r.policy.name) && isString(r.policy.version), 'an object with name and version');
    if (isObject(r.policy) && 'bundle' in r.policy && !(isString(r.policy.bundle) && HEX64.test(r.policy.bundle)))
      p.push(`"policy.bundle" expected 64 hex chars, got ${show(r.policy.bundle)}`);
    nested('role', ROLE, false);
    if ('would_block' in r) need('would_block', Array.isArray(r.would_block) && r.would_block.every(isString), 'an array of rule ids');
    nested('gateway', GATEWAY, false);
    if (isObject(r.gateway)) {
      for (const k of Object.keys(GATEWAY))
        if (k in r.gateway && !isString(r.gateway[k])) p.push(`"gateway.${k}" expected a string, got ${show(r.gateway[k])}`);
    }
  } else if (type === 'inspection') {
    if (r.v === 1) p.push('"inspection" records exist from v2 on');
    for (const k of ['rule', 'kind', 'where']) need(k, isString(r[k]) && r[k] !== '', 'a non-empty string');
    need('action', r.action === 'redact' || r.action === 'end', '"redact" or "end"');
    need('secret_sha256', isString(r.secret_sha256) && HEX64.test(r.secret_sha256), '64 hex chars');
    nested('gateway', INSPECTION_GATEWAY, true);
    if (isObject(r.gateway))
      for (const k of Object.keys(INSPECTION_GATEWAY))
        if (k in r.gateway && !isString(r.gateway[k])) p.push(`"gateway.${k}" expected a string, got ${show(r.gateway[k])}`);
  } else if (type === 'outcome') {
    need('decision_event_id', isString(r.decision_event_id) && UUIDV7_PATTERN.test(r.decision_event_id), 'a UUIDv7');
    need('exit_code', r.exit_code === null || (typeof r.exit_code === 'number' && Number.isSafeInteger(r.exit_code)), 'an integer or null');
    need('signal', r.signal === null || isString(r.signal), 'a string or null');
    need('duration_ms', isCount(r.duration_ms), 'a non-negative integer');
    if ('error' in r) need('error', isString(r.error), 'a string');
  } else if (type === 'recovery') {
    need('reason', isString(r.reason), 'a string');
    need('at_offset', isCount(r.at_offset), 'a non-negative integer');
    need('fragment_length', isCount(r.fragment_length) && r.fragment_length > 0, 'a positive integer');
    need('fragment_sha256', isString(r.fragment_sha256) && HEX64.test(r.fragment_sha256), '64 hex chars');
  } else if (type === 'key_rotation') {
    // `keys rotate` (src/audit/rotate.ts): signed by the retiring key, naming its successor.
    const nk = r.new_key;
    nested('new_key', NEW_KEY, true);
    need(
      'new_key',
      isObject(nk) && isString(nk.key_id) && nk.key_id.startsWith('SHA256:') && isString(nk.public_key_pem) && nk.alg === 'Ed25519',
      'an object with key_id "SHA256:…", alg "Ed25519" and public_key_pem',
    );
    need('reason', isString(r.reason), 'a string');
    need('retired_key_id', r.retired_key_id === r.key_id, `the record's own key_id (${show(r.key_id)})`);
  }
  return p;
}
