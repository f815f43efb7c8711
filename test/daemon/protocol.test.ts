// The hook daemon's wire format: a client trusts an answer only when it is signed by the trail's key
// for its very request and nonce; every other line is refused with the reason.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { signerFromPrivateKey } from '../../src/audit/key-format.js';
import { checkAnswer, decline, envDigest, signAnswer, validateRequest } from '../../src/adapters/daemon/protocol.js';
import { socketPath } from '../../src/adapters/daemon/socket-path.js';
import { HOSTS } from '../../src/adapters/hooks/types.js';

const pair = () => generateKeyPairSync('ed25519');
const trailKey = pair();
const signer = signerFromPrivateKey(trailKey.privateKey);
const nonce = randomBytes(24).toString('base64');
const requestLine = JSON.stringify({
  v: 1,
  nonce,
  build: 'ab'.repeat(12),
  env: 'e'.repeat(64),
  cwd: '/w',
  argv: ['hook', 'codex'],
  stdin: '{}',
});
const hookAnswer = { stdout: '', stderr: 'seatbelt blocked this command\n', exitCode: 2 };
const good = () => signAnswer(hookAnswer, { nonce, requestLine, signer });
const check = (answer: unknown, o: Partial<{ nonce: string; requestLine: string }> = {}) =>
  checkAnswer(typeof answer === 'string' ? answer : JSON.stringify(answer), { nonce, requestLine, key: trailKey.publicKey, ...o });

describe('daemon answers', () => {
  it('an answer signed for this request and nonce is trusted, as it was made', () => {
    expect(check(good())).toEqual({ ok: true, answer: hookAnswer });
  });

  const forged: [string, () => unknown, string][] = [
    ['its text changed after signing', () => ({ ...good(), exitCode: 0, stderr: '' }), 'signature'],
    [
      'signed by another key',
      () => signAnswer(hookAnswer, { nonce, requestLine, signer: signerFromPrivateKey(pair().privateKey) }),
      'signature',
    ],
    [
      'made for another nonce (a replay)',
      () => signAnswer(hookAnswer, { nonce: randomBytes(24).toString('base64'), requestLine, signer }),
      'nonce',
    ],
    [
      'made for another request',
      () => signAnswer(hookAnswer, { nonce, requestLine: requestLine.replace('codex', 'gemini'), signer }),
      'request',
    ],
    ['carrying a field the format has not', () => ({ ...good(), allow: true }), 'unexpected allow'],
    ['with an exit code out of range', () => ({ ...good(), exitCode: 300 }), 'exitCode'],
    ['without a signature', () => ({ ...good(), sig: undefined }), 'sig'],
    ['not JSON', () => 'allow', 'not JSON'],
    ['not an object', () => '[1]', 'not an object'],
  ];
  for (const [what, make, reason] of forged) {
    it(`an answer ${what} is refused`, () => {
      const r = check(make());
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.declined).toBe(false);
        expect(r.reason).toContain(reason);
      }
    });
  }

  it('a decline is told apart from an answer and never trusted as one', () => {
    const r = check(decline(nonce, 'stale-build', 'another build'));
    expect(r).toEqual({ ok: false, declined: true, reason: 'stale-build: another build' });
  });
});

describe('daemon requests', () => {
  const valid = {
    v: 1,
    nonce,
    build: 'ab'.repeat(12),
    env: 'e'.repeat(64),
    cwd: '/w',
    argv: ['hook', 'claude-code', '--policy', 'read_only'],
    stdin: '{}',
  };

  it('a host hook command line is the daemon’s', () => {
    expect(validateRequest(valid, HOSTS)).toEqual({ ok: true, request: valid });
  });

  it('every bad field is named at once', () => {
    const r = validateRequest({ v: 2, nonce: 'x', cwd: 'rel', argv: ['hook', 'install', 'claude-code'], stdin: 3 }, HOSTS);
    expect(r.ok).toBe(false);
    if (!r.ok)
      for (const part of [
        'v must be 1',
        'build must be a string',
        'env must be a string',
        'stdin must be a string',
        'nonce must be base64',
        'cwd must be absolute',
        'argv must be a host hook',
      ])
        expect(r.reason).toContain(part);
  });

  it('only a host hook: not its installer, not another command', () => {
    for (const argv of [['hook', 'install', 'claude-code'], ['exec', '--', 'true'], ['check', 'ls'], []])
      expect(validateRequest({ ...valid, argv }, HOSTS).ok).toBe(false);
  });
});

describe('the environment a daemon serves', () => {
  const env = { PATH: '/usr/bin', HOME: '/home/a', SEATBELT_POLICY: 'read_only' };

  it('any variable seatbelt could read changes the digest', () => {
    const base = envDigest(env);
    expect(envDigest({ ...env })).toBe(base);
    expect(envDigest({ ...env, SEATBELT_POLICY: 'audit_mode' })).not.toBe(base);
    expect(envDigest({ ...env, SEATBELT_AUDIT: '/tmp/x' })).not.toBe(base);
    expect(envDigest({ ...env, HOME: '/tmp' })).not.toBe(base);
    // names and values cannot be shifted into each other
    expect(envDigest({ AB: 'C' })).not.toBe(envDigest({ A: 'BC' }));
  });

  it("a shell's bookkeeping as it starts the launcher does not, nor the switch that chose the client", () => {
    expect(envDigest({ ...env, PWD: '/x', OLDPWD: '/y', SHLVL: '3', _: '/usr/bin/node' })).toBe(envDigest(env));
    expect(envDigest({ ...env, SEATBELT_DAEMON: '1' })).toBe(envDigest(env));
  });

  it('a socket path too long for a Unix socket is no socket (the hook decides in its own process)', () => {
    expect(socketPath('/h', 'a'.repeat(64))).toBe(`/h/daemon/${'a'.repeat(16)}.sock`);
    expect(socketPath(`/${'x'.repeat(100)}`, 'a'.repeat(64))).toBeNull();
  });
});
