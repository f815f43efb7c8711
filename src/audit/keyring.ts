// The keyring: every public key that ever signed this home's trails, with the window in which it
// was valid. `keys rotate` keeps it in $SEATBELT_HOME/keys/keyring.json; `keys export-pub` hands
// it to an auditor; verify, verify-export and the HTML report read it. Format: docs/audit-format.md.
import type { KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SeatbeltError } from '../core/error.js';
import type { KeyWindow } from './key-windows.js';
import { fingerprint, fsyncDir, keyPaths, parsePublicKey, readHomePublicKeys, sshPublicKeyLine } from './keys.js';

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_FORMAT = 'seatbelt-keyring';
/** not_before of a key whose start the keyring cannot know (it predates the keyring). */
export const UNKNOWN_START = '1970-01-01T00:00:00.000Z';

export interface KeyringEntry {
  key_id: string;
  alg: 'Ed25519';
  public_key_pem: string;
  not_before: string;
  /** Absent while the key is active. */
  not_after?: string;
  /** The event id of the key_rotation record that retired it. */
  retired_by?: string;
}

export interface Keyring {
  format: typeof KEYRING_FORMAT;
  version: 1;
  keys: KeyringEntry[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const keyringPath = (home: string): string => join(keyPaths(home).dir, KEYRING_FILE);

/** Checks a keyring, collecting every bad field; key ids must be the fingerprints of their keys. */
export function validateKeyring(json: unknown, label = 'keyring'): asserts json is Keyring {
  const bad: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SeatbeltError('CONFIG', `${label}: expected a JSON object`);
  const k = json as Record<string, unknown>;
  if (k.format !== KEYRING_FORMAT) bad.push(`"format" expected "${KEYRING_FORMAT}", got ${JSON.stringify(k.format)}`);
  if (k.version !== 1) bad.push(`"version" expected 1, got ${JSON.stringify(k.version)}`);
  if (!Array.isArray(k.keys) || k.keys.length === 0) bad.push('"keys" expected a non-empty array');
  const open: string[] = [];
  (Array.isArray(k.keys) ? k.keys : []).forEach((e: unknown, i) => {
    const at = `keys[${i}]`;
    if (typeof e !== 'object' || e === null) return void bad.push(`${at} expected an object`);
    const entry = e as Record<string, unknown>;
    if (entry.alg !== 'Ed25519') bad.push(`${at}.alg expected "Ed25519", got ${JSON.stringify(entry.alg)}`);
    if (typeof entry.not_before !== 'string' || !ISO.test(entry.not_before))
      bad.push(`${at}.not_before expected a UTC time, got ${JSON.stringify(entry.not_before)}`);
    if (entry.not_after !== undefined && (typeof entry.not_after !== 'string' || !ISO.test(entry.not_after)))
      bad.push(`${at}.not_after expected a UTC time, got ${JSON.stringify(entry.not_after)}`);
    if (typeof entry.not_before === 'string' && typeof entry.not_after === 'string' && entry.not_after < entry.not_before)
      bad.push(`${at}: not_after is before not_before`);
    if (entry.not_after === undefined) open.push(String(entry.key_id));
    if (typeof entry.public_key_pem !== 'string') return void bad.push(`${at}.public_key_pem expected a PEM string`);
    try {
      const id = fingerprint(parsePublicKey(entry.public_key_pem, `${at}.public_key_pem`));
      if (entry.key_id !== id) bad.push(`${at}.key_id is ${JSON.stringify(entry.key_id)}, but its public key's fingerprint is ${id}`);
    } catch (err) {
      bad.push((err as Error).message);
    }
  });
  if (open.length > 1) bad.push(`more than one key without not_after (active): ${open.join(', ')}`);
  if (bad.length) throw new SeatbeltError('CONFIG', `${label}: ${bad.join('; ')}`);
}

export function readKeyring(path: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new SeatbeltError(e.code ? 'IO' : 'CONFIG', `cannot read the keyring ${path}: ${e.message}`, { cause: err });
  }
  validateKeyring(json, path);
  return json;
}

/** The home's keyring, or null when no rotation has made one yet. */
export function readHomeKeyring(home: string): Keyring | null {
  const path = keyringPath(home);
  return fs.existsSync(path) ? readKeyring(path) : null;
}

/** A retired/ file name from `keys init --force` or `keys rotate`: `<ISO with - for : and .>-<id>.pem`. */
function retiredAt(name: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : undefined;
}

/**
 * The keyring of `home`: keyring.json when there is one, exactly (a public key lying in the key
 * folder but absent from it is not trusted), else one made up from the key files (the current key
 * open-ended, keys that `keys init --force` retired closed at their retirement).
 */
export function homeKeyring(home: string): Keyring {
  const stored = readHomeKeyring(home);
  if (stored) {
    // A key the keyring still has open but that `keys init --force` has since retired is closed then.
    const ends = new Map(
      readHomePublicKeys(home)
        .slice(1)
        .map((f) => [fingerprint(f.key), retiredAt(f.path.split('/').pop() ?? '')] as const)
        .filter((e): e is readonly [string, string] => e[1] !== undefined),
    );
    return {
      ...stored,
      keys: stored.keys.map((k) => (k.not_after === undefined && ends.has(k.key_id) ? { ...k, not_after: ends.get(k.key_id)! } : k)),
    };
  }
  // readHomePublicKeys lists the current key first, then retired/ by name.
  const files = readHomePublicKeys(home).map((f, i) => ({
    key: f.key,
    key_id: fingerprint(f.key),
    end: i === 0 ? undefined : retiredAt(f.path.split('/').pop() ?? ''),
  }));
  const keys: KeyringEntry[] = [];
  const known = new Set<string>();
  for (const f of files) {
    if (known.has(f.key_id)) continue;
    known.add(f.key_id);
    const entry: KeyringEntry = { key_id: f.key_id, alg: 'Ed25519', public_key_pem: pemOf(f.key), not_before: UNKNOWN_START };
    if (f.end) entry.not_after = f.end;
    keys.push(entry);
  }
  if (keys.length === 0)
    throw new SeatbeltError('CONFIG', `no public key under ${keyPaths(home).dir}; create one with: seatbelt keys init`);
  return { format: KEYRING_FORMAT, version: 1, keys };
}

export const pemOf = (key: KeyObject): string => key.export({ format: 'pem', type: 'spki' }).toString();

export function keyringKeys(k: Keyring): KeyObject[] {
  return k.keys.map((e, i) => parsePublicKey(e.public_key_pem, `keys[${i}]`));
}

export function keyringWindows(k: Keyring): KeyWindow[] {
  return k.keys.map((e) => ({ key_id: e.key_id, not_before: e.not_before, not_after: e.not_after ?? null }));
}

/** Writes keyring.json atomically (temp file, fsync, rename, fsync the folder). */
export function writeHomeKeyring(home: string, k: Keyring): string {
  validateKeyring(k);
  const path = keyringPath(home);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeFileSync(fd, JSON.stringify(k, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path);
  fsyncDir(keyPaths(home).dir);
  return path;
}

export interface ExportedKey extends KeyringEntry {
  fingerprint: string;
  status: 'active' | 'retired';
  ssh_public_key: string;
}

export interface ExportedKeyring {
  format: typeof KEYRING_FORMAT;
  version: 1;
  exported_at: string;
  keys: ExportedKey[];
}

/** What an auditor needs to verify offline: every public key, its fingerprint and window. */
export function exportPublicKeys(home: string, now: Date): ExportedKeyring {
  const ring = homeKeyring(home);
  return {
    format: KEYRING_FORMAT,
    version: 1,
    exported_at: now.toISOString(),
    keys: ring.keys.map((e) => ({
      ...e,
      fingerprint: e.key_id,
      status: e.not_after ? 'retired' : 'active',
      ssh_public_key: sshPublicKeyLine(parsePublicKey(e.public_key_pem), `seatbelt ${e.key_id}`),
    })),
  };
}

/**
 * After `keys init --force` replaced the key of a home that has a keyring: the old key's window
 * closes now and the new key's opens, so the keyring stays the one list verify trusts.
 */
export function noteKeyReplaced(home: string, now: Date): void {
  const stored = readHomeKeyring(home);
  if (!stored) return; // no keyring yet: it is derived from the key files
  const current = readHomePublicKeys(home)[0];
  if (!current) return;
  const id = fingerprint(current.key);
  if (stored.keys.some((k) => k.key_id === id)) return;
  const at = now.toISOString();
  const keys = stored.keys.map((k) => (k.not_after === undefined ? { ...k, not_after: at } : k));
  keys.push({ key_id: id, alg: 'Ed25519', public_key_pem: pemOf(current.key), not_before: at });
  writeHomeKeyring(home, { ...stored, keys });
}

/** Keys and windows from --keyring/--pubkey files or, by default, from the home. */
export function verificationKeys(o: { home: string; keyringFile?: string; pubkeyFiles?: string[] }): {
  keys: KeyObject[];
  windows: KeyWindow[] | null;
} {
  if (o.keyringFile) {
    const ring = readKeyring(o.keyringFile);
    return { keys: keyringKeys(ring), windows: keyringWindows(ring) };
  }
  if (o.pubkeyFiles?.length) {
    return {
      keys: o.pubkeyFiles.map((p) => {
        let text: string;
        try {
          text = fs.readFileSync(p, 'utf8');
        } catch (err) {
          throw new SeatbeltError('IO', `cannot read public key ${p}: ${(err as Error).message}`, { cause: err });
        }
        return parsePublicKey(text, p);
      }),
      windows: null,
    };
  }
  const ring = homeKeyring(o.home);
  return { keys: keyringKeys(ring), windows: keyringWindows(ring) };
}
