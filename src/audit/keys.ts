// The signing key: an Ed25519 pair under $SEATBELT_HOME/keys/ (0700), the private key PKCS#8 PEM
// (0600, exclusive create), the public key beside it. Like OpenSSH, a private key that group or
// others can read is refused. The key id is the OpenSSH fingerprint of the public key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { fsyncDir } from './durable.js';
import { noteKeyReplaced } from './keyring.js';
import { fingerprint, parsePublicKey, privateKeyFromPem, signerFromPrivateKey } from './key-format.js';
import type { Signer } from './seal.js';
import { boundedMemo } from '../core/bounded-memo.js';

export { fsyncDir } from './durable.js';
export {
  fingerprint,
  parsePublicKey,
  privateKeyFromSeed,
  rawPublicKey,
  signerFromPrivateKey,
  sshPublicKeyLine,
  sshWireBlob,
} from './key-format.js';

export const PRIVATE_KEY_FILE = 'private-key.pem';
export const PUBLIC_KEY_FILE = 'public-key.pem';
/** Public keys replaced by `keys init --force`, kept so older records still verify. */
export const RETIRED_DIR = 'retired';

export function keyPaths(home: string) {
  const dir = join(home, 'keys');
  return {
    dir,
    privateKeyPath: join(dir, PRIVATE_KEY_FILE),
    publicKeyPath: join(dir, PUBLIC_KEY_FILE),
    retiredDir: join(dir, RETIRED_DIR),
  };
}

export interface KeyFiles {
  privateKeyPath: string;
  publicKeyPath: string;
  keyId: string;
}

/** Creates a key pair. Refuses to replace an existing private key unless `force`. */
export function initKeys(o: { home: string; force: boolean }): KeyFiles {
  const made = createKeyPair(o.home, o.force);
  // The keyring, when a rotation made one, is the one list verify trusts: it must name the new key.
  if (made && o.force) noteKeyReplaced(o.home, new Date());
  if (!made) {
    const { privateKeyPath } = keyPaths(o.home);
    throw new SeatbeltError(
      'CONFIG',
      `a signing key already exists at ${privateKeyPath}; use --force to replace it (its public key is kept in keys/${RETIRED_DIR}/ so older records still verify)`,
    );
  }
  return made;
}

/** The signer for `home`; creates a key on first use when `autoCreate`. */
export function loadSigner(o: { home: string; autoCreate: boolean }): {
  signer: Signer;
  created: boolean;
  privateKeyPath: string;
  publicKeyPath: string;
} {
  const { privateKeyPath, publicKeyPath } = keyPaths(o.home);
  let created = false;
  if (!fs.existsSync(privateKeyPath)) {
    refuseOrphanedPublicKey(o.home);
    if (!o.autoCreate) {
      throw new SeatbeltError('CONFIG', `no signing key at ${privateKeyPath}; create one with: seatbelt keys init`);
    }
    // Another process may win the race to create it; then we use theirs.
    created = createKeyPair(o.home, false) !== null;
  }
  const privateKey = readPrivateKey(privateKeyPath);
  return { signer: signerOf(privateKey), created, privateKeyPath, publicKeyPath };
}

/**
 * Parsing a key costs ~1 ms, which a long-lived process (the hook daemon, the gateway) would pay at
 * every session it opens: the same PEM text is the same key, so its key object and signer are kept.
 */
const parsePrivatePem = boundedMemo((pem: string) => privateKeyFromPem(pem), 4);
const signers = new WeakMap<KeyObject, Signer>();
function signerOf(key: KeyObject): Signer {
  let signer = signers.get(key);
  if (!signer) signers.set(key, (signer = signerFromPrivateKey(key)));
  return signer;
}

/** Reads the private key, refusing one that is not the caller's or that others can read. */
export function readPrivateKey(path: string): KeyObject {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot read the signing key ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new SeatbeltError('CONFIG', `signing key ${path} is not a regular file`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new SeatbeltError(
        'CONFIG',
        `signing key ${path} is accessible by group or others (mode ${mode}); seatbelt will not use it. Fix it with: chmod 600 ${path}`,
      );
    }
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) {
      throw new SeatbeltError('CONFIG', `signing key ${path} belongs to uid ${st.uid}, not to you (uid ${uid}); seatbelt will not use it`);
    }
    const pem = fs.readFileSync(fd, 'utf8');
    let key: KeyObject;
    try {
      key = parsePrivatePem(pem);
    } catch (err) {
      throw new SeatbeltError('CONFIG', `signing key ${path} is not a PEM private key (${(err as Error).message})`, { cause: err });
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new SeatbeltError('CONFIG', `signing key ${path} is ${key.asymmetricKeyType}, expected Ed25519`);
    }
    return key;
  } finally {
    fs.closeSync(fd);
  }
}

/** The public key of `home` and every retired one: what `verify` trusts by default. */
export function readHomePublicKeys(home: string): { path: string; key: KeyObject }[] {
  const { publicKeyPath, privateKeyPath, retiredDir } = keyPaths(home);
  const out: { path: string; key: KeyObject }[] = [];
  if (fs.existsSync(publicKeyPath)) {
    out.push({ path: publicKeyPath, key: parsePublicKey(fs.readFileSync(publicKeyPath, 'utf8'), publicKeyPath) });
  } else if (fs.existsSync(privateKeyPath)) {
    out.push({ path: privateKeyPath, key: createPublicKey(readPrivateKey(privateKeyPath)) });
  }
  if (fs.existsSync(retiredDir)) {
    for (const name of fs
      .readdirSync(retiredDir)
      .filter((n) => n.endsWith('.pem'))
      .sort()) {
      const p = join(retiredDir, name);
      out.push({ path: p, key: parsePublicKey(fs.readFileSync(p, 'utf8'), p) });
    }
  }
  return out;
}

function ensureKeyDir(home: string): string {
  const { dir } = keyPaths(home);
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // tighten a folder that existed before us
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot create the key folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return dir;
}

/** Writes `data` to a fresh temporary file beside `finalPath` (exclusive create, `mode`), fsync'd. */
function writeTemp(finalPath: string, data: string, mode: number): string {
  const tmp = `${finalPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}

/**
 * Generates and stores a key pair. Returns null when a private key exists and `force` is false.
 * The private key appears atomically and complete: written to a 'wx' temp file, then hard-linked
 * into place (link fails if the name exists), so concurrent first runs end with one key.
 */
function createKeyPair(home: string, force: boolean): KeyFiles | null {
  const dir = ensureKeyDir(home);
  const { privateKeyPath, publicKeyPath, retiredDir } = keyPaths(home);
  if (!force && fs.existsSync(privateKeyPath)) return null;
  if (!force) refuseOrphanedPublicKey(home);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = fingerprint(publicKey);
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  try {
    const tmp = writeTemp(privateKeyPath, privatePem, 0o600);
    try {
      if (force) {
        retirePublicKey(home);
        fs.renameSync(tmp, privateKeyPath);
      } else {
        try {
          fs.linkSync(tmp, privateKeyPath);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
          // No hard links on this file system: fall back to a direct exclusive create.
          writeExclusive(privateKeyPath, privatePem);
        }
      }
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    fs.renameSync(writeTemp(publicKeyPath, publicPem, 0o644), publicKeyPath);
    fsyncDir(dir);
    if (fs.existsSync(retiredDir)) fsyncDir(retiredDir);
  } catch (err) {
    if (err instanceof SeatbeltError) throw err;
    throw new SeatbeltError('CONFIG', `cannot write the signing key in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return { privateKeyPath, publicKeyPath, keyId };
}

/**
 * A public key without its private key means the private key was lost or moved: the records it
 * signed verify only with that public key. Making a new pair would overwrite it (and the trail
 * would stop verifying), so refuse and say how to restore or rotate.
 */
function refuseOrphanedPublicKey(home: string): void {
  const { privateKeyPath, publicKeyPath, retiredDir } = keyPaths(home);
  if (fs.existsSync(privateKeyPath) || !fs.existsSync(publicKeyPath)) return;
  throw new SeatbeltError(
    'CONFIG',
    `the signing key ${privateKeyPath} is missing but its public key ${publicKeyPath} is there; seatbelt will not replace it, or the records it signed would stop verifying. ` +
      `Restore the private key from your backup to ${privateKeyPath} (mode 0600), or start a new key with: seatbelt keys init --force ` +
      `(the old public key is kept in ${retiredDir}/ so the older records still verify)`,
  );
}

function writeExclusive(path: string, data: string): void {
  const fd = fs.openSync(path, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Keeps the current public key under retired/, named by time and fingerprint. */
function retirePublicKey(home: string): void {
  const { privateKeyPath, publicKeyPath, retiredDir } = keyPaths(home);
  let pem: string | null = null;
  if (fs.existsSync(publicKeyPath)) pem = fs.readFileSync(publicKeyPath, 'utf8');
  else if (fs.existsSync(privateKeyPath)) {
    try {
      pem = createPublicKey(createPrivateKey(fs.readFileSync(privateKeyPath, 'utf8')))
        .export({ format: 'pem', type: 'spki' })
        .toString();
    } catch {
      pem = null; // an unreadable old key has nothing worth keeping
    }
  }
  if (pem === null) return;
  const id = fingerprint(parsePublicKey(pem, publicKeyPath))
    .slice('SHA256:'.length)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.mkdirSync(retiredDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(join(retiredDir, `${stamp}-${id}.pem`), pem, { flag: 'wx', mode: 0o644 });
}
