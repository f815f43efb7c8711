// A signed policy bundle: the operator's guard settings, role files and trusted project configs in
// one JSON document, signed with the operator's Ed25519 key, so a fleet of machines that pin that
// key load exactly what the operator signed (docs/fleet.md "Signed policy"). The signature covers
// a domain-separated canonical encoding (`seatbelt/v1/policy-bundle\n` + the JCS of the bundle
// without `sig`), so it can never be mistaken for a record's or a receipt's. Pure: no files.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { canonicalize } from '../audit/canonical.js';
import { fingerprint } from '../audit/key-format.js';
import type { Signer } from '../audit/seal.js';
import { configProblems, type ConfigFile } from './config.js';
import { describe, formatProblems, roleProblems, type Problem } from './role/validate.js';
import type { RoleFile } from './role/role.js';

export const BUNDLE_FORMAT = 'seatbelt/policy-bundle/1';
export const BUNDLE_DOMAIN = 'seatbelt/v1/policy-bundle\n';

/**
 * The user-config settings a bundle may carry: those that say how actions are judged. Paths and
 * identities of one machine (audit, keys, owner, agent, ship, checkpoint, …) stay in its own config.
 */
export const BUNDLE_SETTINGS = ['policy', 'role', 'dialect', 'recordInput', 'environment', 'pin', 'trusted'] as const;
export type BundleSettings = Pick<ConfigFile, (typeof BUNDLE_SETTINGS)[number]>;

/** What the operator signs. */
export interface BundleContent {
  format: typeof BUNDLE_FORMAT;
  /** When it was signed (UTC, ms): a machine refuses a bundle older than the one it has. */
  created: string;
  settings: BundleSettings;
  /** Role files by name (each as its file holds it). */
  roles: Record<string, RoleFile>;
}

export interface PolicyBundle extends BundleContent {
  /** The signing key's fingerprint (`SHA256:…`). */
  key_id: string;
  /** Base64 Ed25519 signature over BUNDLE_DOMAIN + JCS(bundle without sig). */
  sig: string;
}

const ROLE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TOP = ['format', 'created', 'settings', 'roles', 'key_id', 'sig'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem with `json` as a signed bundle (shape only; the signature is verifyBundle's). */
export function bundleProblems(json: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (p: string, expected: string, found: unknown) => problems.push({ path: p, expected, found: describe(found) });
  if (!isObject(json)) {
    add('(root)', 'a JSON object', json);
    return problems;
  }
  for (const k of Object.keys(json)) if (!TOP.includes(k)) add(k, `no such field (known: ${TOP.join(', ')})`, json[k]);
  if (json.format !== BUNDLE_FORMAT) add('format', JSON.stringify(BUNDLE_FORMAT), json.format);
  if (typeof json.created !== 'string' || !ISO_MS.test(json.created) || Number.isNaN(Date.parse(json.created)))
    add('created', 'a UTC time like 2025-01-31T12:00:00.000Z', json.created);
  if (typeof json.key_id !== 'string' || !/^SHA256:[A-Za-z0-9+/]{43}$/.test(json.key_id))
    add('key_id', 'a key fingerprint "SHA256:…"', json.key_id);
  if (typeof json.sig !== 'string' || !/^[A-Za-z0-9+/]{85}[AQgw]==$/.test(json.sig))
    add('sig', 'a base64 Ed25519 signature (64 bytes)', json.sig);
  problems.push(...settingsProblems(json.settings));
  const roles = json.roles;
  if (!isObject(roles)) add('roles', 'an object of role files by name', roles);
  else {
    for (const [name, role] of Object.entries(roles)) {
      if (!ROLE_NAME.test(name)) add(`roles.${name}`, 'a role name (lower-case letters, digits, "_", "-")', name);
      for (const p of roleProblems(role)) problems.push({ ...p, path: `roles.${name}.${p.path}` });
      if (isObject(role) && typeof role.name === 'string' && role.name !== name) add(`roles.${name}.name`, JSON.stringify(name), role.name);
    }
  }
  // A role the settings name by name must travel with the bundle or ship with seatbelt; the
  // installer checks the shipped names (files), so only a name is required here.
  if (isObject(json.settings) && typeof json.settings.role === 'string' && !ROLE_NAME.test(json.settings.role))
    add('settings.role', 'a role name (a path names a file on one machine only)', json.settings.role);
  return problems;
}

function settingsProblems(settings: unknown): Problem[] {
  if (!isObject(settings)) return [{ path: 'settings', expected: 'an object of guard settings', found: describe(settings) }];
  const out: Problem[] = [];
  for (const k of Object.keys(settings))
    if (!(BUNDLE_SETTINGS as readonly string[]).includes(k))
      out.push({ path: `settings.${k}`, expected: `a guard setting (one of ${BUNDLE_SETTINGS.join(', ')})`, found: describe(settings[k]) });
  const known = Object.fromEntries(Object.entries(settings).filter(([k]) => (BUNDLE_SETTINGS as readonly string[]).includes(k)));
  for (const p of configProblems(known, 'user')) out.push({ ...p, path: `settings.${p.path}` });
  return out;
}

/** Asserts `json` is a well-formed bundle; otherwise CONFIG naming every bad field. */
export function validateBundle(json: unknown, source = 'policy bundle'): asserts json is PolicyBundle {
  const problems = bundleProblems(json);
  if (problems.length === 0) return;
  const n = problems.length;
  throw new SeatbeltError(
    'CONFIG',
    `${source} is not a valid policy bundle (${n} problem${n === 1 ? '' : 's'}):\n${formatProblems(problems)}`,
  );
}

/** The bytes the signature covers. */
export function signedBytes(bundle: BundleContent & { key_id: string }): Buffer {
  const { sig: _sig, ...content } = bundle as PolicyBundle;
  return Buffer.concat([Buffer.from(BUNDLE_DOMAIN, 'utf8'), Buffer.from(canonicalize(content), 'utf8')]);
}

/** SHA-256 (hex) of the JCS of the whole signed bundle: what every decision record names. */
export function bundleHash(bundle: PolicyBundle): string {
  return createHash('sha256').update(canonicalize(bundle), 'utf8').digest('hex');
}

export function signBundle(content: BundleContent, signer: Signer): PolicyBundle {
  const unsigned = { ...content, key_id: signer.keyId };
  const sig = Buffer.from(signer.sign(signedBytes(unsigned))).toString('base64');
  const bundle = { ...unsigned, sig };
  validateBundle(bundle, 'the signed bundle');
  return bundle;
}

/**
 * Throws CONFIG unless `bundle` was signed by `pinned` and is unchanged since. The key id is
 * checked first only to say which key signed it; the signature decides.
 */
export function verifyBundle(bundle: PolicyBundle, pinned: KeyObject, source = 'policy bundle'): void {
  const key = pinned.type === 'private' ? createPublicKey(pinned) : pinned;
  const pinnedId = fingerprint(key);
  if (bundle.key_id !== pinnedId)
    throw new SeatbeltError('CONFIG', `${source} is signed by ${bundle.key_id}, not by the pinned operator key ${pinnedId}; refused`);
  let ok = false;
  try {
    ok = verify(null, signedBytes(bundle), key, Buffer.from(bundle.sig, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new SeatbeltError('CONFIG', `${source}: the signature does not verify (the bundle was changed after signing); refused`);
}
