// `keys rotate`: a new key pair takes over from the current one.
//
//  1. The new private key is written beside the old one (`rotating-private-key.pem`, 0600, fsync'd).
//  2. A key_rotation record, signed by the OLD key, carrying the new public key and fingerprint,
//     is appended to the trail. Under the same trail lock, before any other writer can append:
//  3. keyring.json closes the old key's window (not_after = the record's time) and opens the new one;
//     the old public key is kept under keys/retired/ (so `verify` finds it without a keyring);
//  4. the new private key is renamed over the old one: the old private key is gone (retired by
//     deletion: nothing may sign with it again, and verifying needs only its public key).
// A crash after step 2 leaves the staged key and a record naming it: the next `keys rotate`
// finishes that rotation instead of starting another. A crash before it leaves a staged key no
// record names: it is discarded.
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { appendRecord } from './append.js';
import type { Actor } from './envelope.js';
import { KEY_ROTATION } from './key-windows.js';
import { homeKeyring, pemOf, writeHomeKeyring, type KeyringEntry } from './keyring.js';
import { fingerprint, fsyncDir, keyPaths, readPrivateKey, signerFromPrivateKey } from './keys.js';
import { FORMAT_VERSION } from './seal.js';
import { uuidv7 } from './uuid.js';
import { parseTrail } from './read.js';

export const STAGED_KEY_FILE = 'rotating-private-key.pem';

export interface RotateOptions {
  home: string;
  /** The trail that records the rotation. */
  audit: string;
  actor: Actor;
  reason?: string;
  now?: () => Date;
}

export interface RotateResult {
  oldKeyId: string;
  newKeyId: string;
  eventId: string;
  time: string;
  keyringPath: string;
  /** True when this call finished a rotation an earlier, interrupted call had recorded. */
  resumed: boolean;
}

export function rotationBody(o: { eventId: string; time: Date; actor: Actor; oldKeyId: string; newKey: KeyObject; reason: string }) {
  return {
    v: FORMAT_VERSION,
    type: KEY_ROTATION,
    event_id: o.eventId,
    time: o.time.toISOString(),
    governance_mode: 'deterministic',
    actor: o.actor,
    reason: o.reason,
    retired_key_id: o.oldKeyId,
    new_key: { key_id: fingerprint(o.newKey), alg: 'Ed25519', public_key_pem: pemOf(o.newKey) },
  };
}

export function rotateKeys(o: RotateOptions): RotateResult {
  const paths = keyPaths(o.home);
  const staged = join(paths.dir, STAGED_KEY_FILE);
  if (!fs.existsSync(paths.privateKeyPath))
    throw new SeatbeltError('CONFIG', `no signing key at ${paths.privateKeyPath} to rotate; create one with: seatbelt keys init`);
  const oldKey = readPrivateKey(paths.privateKeyPath);
  const oldSigner = signerFromPrivateKey(oldKey);
  mendPublicKey(o.home, oldKey);

  if (fs.existsSync(staged)) {
    const stagedKey = readPrivateKey(staged);
    const newKeyId = fingerprint(createPublicKey(stagedKey));
    const record = findRotation(o.audit, oldSigner.keyId, newKeyId);
    if (record) {
      const keyringPath = install(o.home, oldKey, stagedKey, record.time, record.eventId);
      return { oldKeyId: oldSigner.keyId, newKeyId, eventId: record.eventId, time: record.time, keyringPath, resumed: true };
    }
    fs.rmSync(staged); // an earlier rotation died before recording anything: its key was never used
  }

  const { privateKey: newKey, publicKey } = generateKeyPairSync('ed25519');
  writeStaged(staged, newKey);
  const time = (o.now ?? (() => new Date()))();
  const eventId = uuidv7(time);
  const body = rotationBody({
    eventId,
    time,
    actor: o.actor,
    oldKeyId: oldSigner.keyId,
    newKey: publicKey,
    reason: o.reason ?? 'key rotation',
  });
  let keyringPath = '';
  appendRecord(o.audit, body, oldSigner, {
    // Still holding the trail lock: no writer can sign with the old key after this record.
    whileLocked: () => {
      keyringPath = install(o.home, oldKey, newKey, body.time, eventId);
    },
  });
  return { oldKeyId: oldSigner.keyId, newKeyId: fingerprint(publicKey), eventId, time: body.time, keyringPath, resumed: false };
}

function writeStaged(path: string, key: KeyObject): void {
  const fd = fs.openSync(path, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, key.export({ format: 'pem', type: 'pkcs8' }).toString());
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDir(join(path, '..'));
}

/** The key_rotation record from `oldKeyId` to `newKeyId` in the trail, if an earlier run wrote it. */
function findRotation(audit: string, oldKeyId: string, newKeyId: string): { eventId: string; time: string } | null {
  if (!fs.existsSync(audit)) return null;
  const { entries } = parseTrail(fs.readFileSync(audit));
  for (const { record: r } of entries) {
    const nk = r.new_key as { key_id?: unknown } | undefined;
    if (
      r.type === KEY_ROTATION &&
      r.key_id === oldKeyId &&
      nk?.key_id === newKeyId &&
      typeof r.event_id === 'string' &&
      typeof r.time === 'string'
    ) {
      return { eventId: r.event_id, time: r.time };
    }
  }
  return null;
}

/** Steps 3 and 4: keyring, retired public key, then the new private key over the old one. */
function install(home: string, oldKey: KeyObject, newKey: KeyObject, time: string, eventId: string): string {
  const paths = keyPaths(home);
  const oldPub = createPublicKey(oldKey);
  const newPub = createPublicKey(newKey);
  const oldId = fingerprint(oldPub);
  const newId = fingerprint(newPub);
  const ring = homeKeyring(home);
  const keys: KeyringEntry[] = ring.keys.map((k) => (k.key_id === oldId ? { ...k, not_after: time, retired_by: eventId } : k));
  if (!keys.some((k) => k.key_id === newId)) keys.push({ key_id: newId, alg: 'Ed25519', public_key_pem: pemOf(newPub), not_before: time });
  const keyringPath = writeHomeKeyring(home, { ...ring, keys });

  fs.mkdirSync(paths.retiredDir, { recursive: true, mode: 0o700 });
  const stamp = time.replace(/[:.]/g, '-');
  const short = oldId
    .slice('SHA256:'.length)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);
  const retired = join(paths.retiredDir, `${stamp}-${short}.pem`);
  if (!fs.existsSync(retired)) fs.writeFileSync(retired, pemOf(oldPub), { mode: 0o644 });
  fsyncDir(paths.retiredDir);

  const tmpPub = `${paths.publicKeyPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmpPub, pemOf(newPub), { mode: 0o644 });
  fs.renameSync(join(paths.dir, STAGED_KEY_FILE), paths.privateKeyPath);
  fs.renameSync(tmpPub, paths.publicKeyPath);
  fsyncDir(paths.dir);
  return keyringPath;
}

/** A crash between the two renames leaves the old public key beside the new private key: mend it. */
function mendPublicKey(home: string, privateKey: KeyObject): void {
  const { publicKeyPath } = keyPaths(home);
  const pub = createPublicKey(privateKey);
  let current = '';
  try {
    current = fs.readFileSync(publicKeyPath, 'utf8');
  } catch {
    // missing: written below
  }
  if (current === pemOf(pub)) return;
  const tmp = `${publicKeyPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, pemOf(pub), { mode: 0o644 });
  fs.renameSync(tmp, publicKeyPath);
}
