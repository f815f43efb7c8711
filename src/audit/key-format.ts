// Ed25519 key formats: the raw key, the SSH wire blob and its OpenSSH fingerprint (the key id),
// PEM and `ssh-ed25519` parsing, and a signer over node:crypto. Pure; no files.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import type { Signer } from './seal.js';

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new SeatbeltError('CONFIG', `expected an Ed25519 key, got ${publicKey.asymmetricKeyType ?? publicKey.type}`);
  }
  // As a JWK (`x`, base64url): exporting DER goes through OpenSSL's encoder framework, whose first
  // use costs ~0.5 ms of every process that signs (exec, hooks, sql); the raw key is the same 32 bytes.
  const x = publicKey.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new SeatbeltError('CONFIG', 'the Ed25519 key has no public part');
  return Buffer.from(x, 'base64url');
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** The SSH wire encoding of the public key (RFC 8709): string "ssh-ed25519", string key. */
export function sshWireBlob(publicKey: KeyObject): Buffer {
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(rawPublicKey(publicKey))]);
}

/** OpenSSH-style `SHA256:<base64 without padding>` of the ssh-ed25519 wire blob. */
export function fingerprint(publicKey: KeyObject): string {
  const kp = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  return `SHA256:${createHash('sha256').update(sshWireBlob(kp)).digest('base64').replace(/=+$/, '')}`;
}

/** `ssh-ed25519 AAAA… comment`, as in an authorized_keys or allowed_signers file. */
export function sshPublicKeyLine(publicKey: KeyObject, comment = 'seatbelt'): string {
  return `ssh-ed25519 ${sshWireBlob(publicKey).toString('base64')} ${comment}`;
}

/** A public key from PEM (SPKI) text or an `ssh-ed25519 AAAA…` line. Throws on anything else. */
export function parsePublicKey(text: string, label = 'public key'): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  const ssh = /^ssh-ed25519\s+([A-Za-z0-9+/]+=*)(?:\s.*)?$/s.exec(trimmed);
  try {
    if (ssh) {
      const blob = Buffer.from(ssh[1]!, 'base64');
      const expected = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), Buffer.alloc(4)]);
      expected.writeUInt32BE(32, expected.length - 4);
      if (blob.length !== expected.length + 32 || !blob.subarray(0, expected.length).equals(expected)) {
        throw new Error('not an ssh-ed25519 key blob');
      }
      key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: blob.subarray(expected.length).toString('base64url') },
        format: 'jwk',
      });
    } else {
      key = createPublicKey(trimmed);
    }
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${label}: not a PEM or ssh-ed25519 public key (${(err as Error).message})`, { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SeatbeltError('CONFIG', `${label}: expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  }
  return key;
}

export function signerFromPrivateKey(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  let pem: string | undefined;
  return {
    keyId: fingerprint(publicKey),
    // Exported when first asked for (checkpoints, the gateway): a decision never needs it, and the
    // export costs ~0.4 ms of every process's start.
    get publicKeyPem() {
      return (pem ??= publicKey.export({ format: 'pem', type: 'spki' }).toString());
    },
    sign: (data) => sign(null, data, privateKey),
  };
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from its 32-byte RFC 8032 seed (the trail's key file, tests, the worked example). */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError(`"seed" expected 32 bytes, got ${seed.length}`);
  // As a JWK: node makes the key from the raw seed, without OpenSSL's decoder framework (whose first
  // use costs ~0.5 ms of a process); `x` is derived from `d`, so none is given.
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url'), x: '' }, format: 'jwk' });
}

const PKCS8_PEM = /^-----BEGIN PRIVATE KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PRIVATE KEY-----\s*$/;

/**
 * A private key from PEM text. The form `keys init` writes (PKCS#8 holding an Ed25519 seed, 48 bytes)
 * is read here, straight from its seed; anything else (another key type, a key with its public part,
 * an encrypted key) is left to createPrivateKey, which says what it is not.
 */
export function privateKeyFromPem(pem: string): KeyObject {
  const body = PKCS8_PEM.exec(pem)?.[1];
  const der = body === undefined ? undefined : Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (der && der.length === 48 && der.subarray(0, 16).equals(PKCS8_ED25519_PREFIX)) return privateKeyFromSeed(der.subarray(16));
  return createPrivateKey(pem);
}
