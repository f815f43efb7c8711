// Shared test material: a fixed key (the RFC 8032 test-1 seed, public and well known: a test key),
// a fixed clock and deterministic event ids, so records are byte-for-byte reproducible.
import { createHash } from 'node:crypto';
import type { Action, Decision, RuleMatch } from '../../src/core/types.js';
import { decisionBody, outcomeBody, type Actor, type RecordBody } from '../../src/audit/envelope.js';
import { privateKeyFromSeed, signerFromPrivateKey } from '../../src/audit/keys.js';
import { GENESIS_HASH, sealRecord, type SealedRecord, type Signer } from '../../src/audit/seal.js';
import { uuidv7 } from '../../src/audit/uuid.js';

export const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
export const SEED = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
export const PUBLIC = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
export const OTHER_SEED = hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');

export const signer: Signer = signerFromPrivateKey(privateKeyFromSeed(SEED));
export const otherSigner: Signer = signerFromPrivateKey(privateKeyFromSeed(OTHER_SEED));

export const T0 = new Date('2025-01-01T00:00:00.000Z');
export const at = (i: number) => new Date(T0.getTime() + i * 1000);
/** Deterministic randomness for event ids: sha256 of a label. */
export const rnd = (label: string) => createHash('sha256').update(label).digest().subarray(0, 10);
export const eventId = (i: number) => uuidv7(at(i), rnd(`event ${i}`));

export const actor: Actor = { agent: 'test-agent', owner: 'human:alice', user: 'alice', host: 'build-1', cwd: '/work/project', pid: 4242 };

export const RM_ROOT: RuleMatch = {
  ruleId: 'filesystem.recursive_delete_root',
  class: 'rule',
  risk: 'CRITICAL',
  reason: 'recursively deletes the root folder',
  remediation: 'name the folder you mean to delete, inside your project',
  evidence: 'rm -rf /',
};

export function decisionFor(action: Action, blocked: boolean): Decision {
  const matches = blocked ? [RM_ROOT] : [];
  return {
    decision: blocked ? 'block' : 'allow',
    matches,
    blocking: matches,
    reason: blocked ? RM_ROOT.reason : 'no rule matched',
    remediation: blocked ? RM_ROOT.remediation : '',
    policy: { name: 'safe_defaults', version: '1' },
    analysis: { action, matches, writes: blocked },
  };
}

/** The i-th body of a plain test trail: decisions, with an outcome after every allowed one. */
export function bodyAt(i: number): RecordBody {
  if (i % 3 === 1) {
    return outcomeBody({ eventId: eventId(i), time: at(i), decisionEventId: eventId(i - 1), exitCode: 0, signal: null, durationMs: 12 });
  }
  const blocked = i % 3 === 2;
  const action: Action = blocked ? { kind: 'argv', argv: ['rm', '-rf', '/'] } : { kind: 'argv', argv: ['echo', `hello ${i}`] };
  return decisionBody({ eventId: eventId(i), time: at(i), action, decision: decisionFor(action, blocked), actor, recordInput: false });
}

/** Seals `n` records into a chain, in memory. */
export function chain(n: number, s: Signer = signer): SealedRecord[] {
  const out: SealedRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const sealed = sealRecord(bodyAt(i), { seq: i, prevHash }, s);
    out.push(sealed);
    prevHash = sealed.record.hash;
  }
  return out;
}

export const toBytes = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
