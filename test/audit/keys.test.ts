import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fingerprint, initKeys, keyPaths, loadSigner, parsePublicKey, readHomePublicKeys, sshPublicKeyLine } from '../../src/audit/keys.js';
import { privateKeyFromPem } from '../../src/audit/key-format.js';
import { SeatbeltError } from '../../src/core/error.js';

let home: string;
beforeEach(() => {
  home = join(fs.mkdtempSync(join(tmpdir(), 'seatbelt-keys-')), 'home');
});
afterEach(() => fs.rmSync(join(home, '..'), { recursive: true, force: true }));

const mode = (p: string) => fs.statSync(p).mode & 0o777;
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SeatbeltError);
    expect((err as SeatbeltError).code).toBe('CONFIG');
    return (err as Error).message;
  }
  throw new Error('expected a CONFIG error');
}

describe('initKeys', () => {
  test('creates a 0700 folder, a 0600 PKCS#8 private key and the public key beside it', () => {
    const made = initKeys({ home, force: false });
    const paths = keyPaths(home);
    expect(made.privateKeyPath).toBe(paths.privateKeyPath);
    expect(mode(paths.dir)).toBe(0o700);
    expect(mode(made.privateKeyPath)).toBe(0o600);
    expect(fs.readFileSync(made.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const pub = parsePublicKey(fs.readFileSync(made.publicKeyPath, 'utf8'));
    expect(made.keyId).toBe(fingerprint(pub));
    expect(made.keyId).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fs.readdirSync(paths.dir).sort()).toEqual(['private-key.pem', 'public-key.pem']); // no temp files left
  });

  test('tightens a key folder that already existed with a wider mode', () => {
    fs.mkdirSync(join(home, 'keys'), { recursive: true, mode: 0o755 });
    fs.chmodSync(join(home, 'keys'), 0o755);
    initKeys({ home, force: false });
    expect(mode(join(home, 'keys'))).toBe(0o700);
  });

  test('refuses to overwrite without force, and leaves the key alone', () => {
    const first = initKeys({ home, force: false });
    const pem = fs.readFileSync(first.privateKeyPath, 'utf8');
    expect(configError(() => initKeys({ home, force: false }))).toMatch(/already exists.*--force/);
    expect(fs.readFileSync(first.privateKeyPath, 'utf8')).toBe(pem);
  });

  test('force replaces the key and keeps the old public key for verifying older records', () => {
    const first = initKeys({ home, force: false });
    const second = initKeys({ home, force: true });
    expect(second.keyId).not.toBe(first.keyId);
    expect(mode(second.privateKeyPath)).toBe(0o600);
    const trusted = readHomePublicKeys(home).map((k) => fingerprint(k.key));
    expect(trusted).toEqual([second.keyId, first.keyId]);
  });
});

describe('loadSigner', () => {
  test('without a key: refuses unless autoCreate, which creates one once', () => {
    expect(configError(() => loadSigner({ home, autoCreate: false }))).toMatch(/no signing key at .*seatbelt keys init/);
    const a = loadSigner({ home, autoCreate: true });
    expect(a.created).toBe(true);
    expect(mode(a.privateKeyPath)).toBe(0o600);
    const b = loadSigner({ home, autoCreate: true });
    expect(b.created).toBe(false);
    expect(b.signer.keyId).toBe(a.signer.keyId);
    expect(b.signer.publicKeyPem).toBe(fs.readFileSync(b.publicKeyPath, 'utf8'));
  });

  test.each([0o640, 0o604, 0o644, 0o660])('refuses a private key with mode %o, saying how to fix it', (bad) => {
    const { privateKeyPath } = initKeys({ home, force: false });
    fs.chmodSync(privateKeyPath, bad);
    const msg = configError(() => loadSigner({ home, autoCreate: true }));
    expect(msg).toContain(`chmod 600 ${privateKeyPath}`);
    expect(msg).toContain(`mode 0${bad.toString(8)}`);
  });

  test('refuses a key that is not Ed25519, or not a key', () => {
    const { privateKeyPath } = initKeys({ home, force: false });
    fs.rmSync(privateKeyPath);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    fs.writeFileSync(privateKeyPath, rsa, { mode: 0o600 });
    expect(configError(() => loadSigner({ home, autoCreate: false }))).toMatch(/is rsa, expected Ed25519/);
    fs.writeFileSync(privateKeyPath, 'garbage');
    expect(configError(() => loadSigner({ home, autoCreate: false }))).toMatch(/not a PEM private key/);
  });

  test('signs verifiably with the public key on disk', async () => {
    const { signer, publicKeyPath } = loadSigner({ home, autoCreate: true });
    const { verify } = await import('node:crypto');
    const data = Buffer.from('hello');
    expect(verify(null, data, parsePublicKey(fs.readFileSync(publicKeyPath, 'utf8')), signer.sign(data))).toBe(true);
  });
});

describe('public key formats', () => {
  test('the ssh-ed25519 line parses back to the same key', () => {
    const { publicKeyPath } = initKeys({ home, force: false });
    const key = parsePublicKey(fs.readFileSync(publicKeyPath, 'utf8'));
    const line = sshPublicKeyLine(key);
    expect(line).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=* seatbelt$/);
    expect(fingerprint(parsePublicKey(line))).toBe(fingerprint(key));
  });

  test('refuses what is not an Ed25519 public key', () => {
    expect(configError(() => parsePublicKey('ssh-ed25519 AAAA'))).toMatch(/not a PEM or ssh-ed25519/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(configError(() => parsePublicKey(rsa, 'k.pem'))).toMatch(/k\.pem: expected an Ed25519 key, got rsa/);
  });

  const sshKeygen = (() => {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
      return true;
    } catch (err) {
      return (err as { status?: number }).status !== undefined; // exists, just complained about -?
    }
  })();

  test.skipIf(!sshKeygen)('the fingerprint is the one ssh-keygen -l prints', () => {
    const { publicKeyPath, keyId } = initKeys({ home, force: false });
    const sshFile = join(home, 'key.pub');
    fs.writeFileSync(sshFile, `${sshPublicKeyLine(parsePublicKey(fs.readFileSync(publicKeyPath, 'utf8')))}\n`);
    const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', sshFile], { encoding: 'utf8' });
    expect(out.split(' ')[1]).toBe(keyId);
  });
});

describe('privateKeyFromPem', () => {
  // The form `keys init` writes is read from its seed; the key must be the one OpenSSL reads.
  const sameKey = (a: KeyObject, b: KeyObject) =>
    expect(createPublicKey(a).export({ format: 'der', type: 'spki' })).toEqual(createPublicKey(b).export({ format: 'der', type: 'spki' }));

  test('reads an Ed25519 PKCS#8 PEM as OpenSSL does, however its base64 is wrapped', () => {
    for (let i = 0; i < 20; i++) {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const key = privateKeyFromPem(pem);
      sameKey(key, createPrivateKey(pem));
      const body = pem.split('\n').slice(1, -2).join('');
      const rewrapped = `-----BEGIN PRIVATE KEY-----\r\n${body.slice(0, 10)}\r\n${body.slice(10)}\r\n-----END PRIVATE KEY-----\r\n`;
      sameKey(privateKeyFromPem(rewrapped), key);
      expect(verify(null, Buffer.from('x'), createPublicKey(createPrivateKey(pem)), sign(null, Buffer.from('x'), key))).toBe(true);
    }
  });

  test('leaves every other PEM to OpenSSL: other key types, and text that is not a key', () => {
    const ed448 = generateKeyPairSync('ed448').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(privateKeyFromPem(ed448).asymmetricKeyType).toBe('ed448');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(privateKeyFromPem(rsa).asymmetricKeyType).toBe('rsa');
    expect(() => privateKeyFromPem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow();
    expect(() => privateKeyFromPem('not a key')).toThrow();
  });
});
