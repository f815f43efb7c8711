// The signed policy bundle's pure core: validation names every bad field, the signature covers the
// domain-separated JCS of everything but `sig`, and a record's `policy.bundle` is a checked field.
import { createPublicKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_DOMAIN,
  BUNDLE_FORMAT,
  bundleHash,
  bundleProblems,
  signBundle,
  signedBytes,
  verifyBundle,
} from '../../src/policy/bundle.js';
import { canonicalize } from '../../src/audit/canonical.js';
import { privateKeyFromSeed } from '../../src/audit/keys.js';
import { shapeProblems } from '../../src/audit/shape.js';
import { OTHER_SEED, SEED, signer } from '../audit/fixtures.js';

const content = {
  format: BUNDLE_FORMAT,
  created: '2025-01-01T00:00:00.000Z',
  settings: { policy: 'strict_whitelist', role: 'lister', pin: true },
  roles: {
    lister: {
      name: 'lister',
      description: 'list files',
      allow: [{ id: 'files.list', command: 'ls', match: ['ls -la'], notMatch: ['rm -rf dist'] }],
    },
  },
} as const;
const publicKey = createPublicKey(privateKeyFromSeed(SEED));

describe('policy bundle', () => {
  it('signs the domain-prefixed JCS of the bundle without sig, and verifies against the signing key only', () => {
    const b = signBundle(structuredClone(content) as never, signer);
    const { sig: _sig, ...unsigned } = b;
    expect(signedBytes(b).toString('utf8')).toBe(BUNDLE_DOMAIN + canonicalize(unsigned));
    expect(() => verifyBundle(b, publicKey)).not.toThrow();
    expect(bundleHash(b)).toMatch(/^[0-9a-f]{64}$/);
    expect(() => verifyBundle(b, createPublicKey(privateKeyFromSeed(OTHER_SEED)))).toThrow(/not by the pinned operator key/);
    const changed = { ...b, settings: { ...b.settings, policy: 'strict_prod' } };
    expect(() => verifyBundle(changed as never, publicKey)).toThrow(/does not verify/);
    // A signature over the bare JCS (no domain) is not a bundle signature.
    const bare = sign(null, Buffer.from(canonicalize(unsigned)), privateKeyFromSeed(SEED)).toString('base64');
    expect(() => verifyBundle({ ...b, sig: bare }, publicKey)).toThrow(/does not verify/);
  });

  it('names every bad field at once', () => {
    const paths = bundleProblems({
      format: 'v0',
      created: 'yesterday',
      settings: { policy: 'loose', audit: '/tmp/a.jsonl', role: '../r.json' },
      roles: { Bad: {}, lister: { name: 'other', allow: [] } },
      key_id: 'k',
      sig: '',
      extra: 1,
    }).map((p) => p.path);
    for (const p of [
      'extra',
      'format',
      'created',
      'key_id',
      'sig',
      'settings.policy',
      'settings.audit',
      'settings.role',
      'roles.Bad',
      'roles.lister.name',
    ])
      expect(paths).toContain(p);
    expect(bundleProblems(signBundle(structuredClone(content) as never, signer))).toEqual([]);
  });

  it('a decision record may name the bundle in force as policy.bundle (64 hex), nothing else', () => {
    const record = {
      v: 2,
      type: 'decision',
      event_id: '01941f29-7c00-7123-8567-89abcdef0123',
      seq: 0,
      time: '2025-01-01T00:00:00.000Z',
      governance_mode: 'deterministic',
      prev_hash: '0'.repeat(64),
      hash: '1'.repeat(64),
      key_id: signer.keyId,
      alg: 'Ed25519',
      sig: 'A'.repeat(85) + 'A==',
      actor: { user: 'u', host: 'h', cwd: '/' },
      action: { kind: 'argv', input_sha256: '2'.repeat(64) },
      decision: 'allow',
      rules: [],
      reason: '',
      remediation: '',
      policy: { name: 'strict_whitelist', version: '1', bundle: 'a'.repeat(64) },
    };
    expect(shapeProblems(record)).toEqual([]);
    expect(shapeProblems({ ...record, policy: { ...record.policy, bundle: 'nope' } })).toEqual([
      '"policy.bundle" expected 64 hex chars, got "nope"',
    ]);
    expect(shapeProblems({ ...record, policy: { ...record.policy, other: 1 } })).toEqual(['unknown field "policy.other"']);
  });
});
