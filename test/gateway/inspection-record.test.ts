// The trail's `inspection` record (a secret the gateway found in model output): what a well-formed
// one holds, and what the record checks refuse — the secret itself, a v1 record, a bad digest.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { inspectionBody } from '../../src/audit/envelope.js';
import { GENESIS_HASH, sealRecord } from '../../src/audit/seal.js';
import { signerFromPrivateKey } from '../../src/audit/key-format.js';
import { shapeProblems } from '../../src/audit/shape.js';
import { eventStamp } from '../../src/audit/uuid.js';

const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);

function body(over: Record<string, unknown> = {}) {
  const { eventId, time } = eventStamp();
  return {
    ...inspectionBody({
      eventId,
      time,
      actor: { user: 'op', host: 'h', cwd: '/srv', owner: 'human:alice', agent: undefined },
      rule: 'gateway.secret_in_output',
      kind: 'aws-access-key',
      action: 'redact',
      where: 'choices[0].message.content',
      secretSha256: 'ab'.repeat(32),
      gateway: { api: 'openai-chat', request_id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba2', model: undefined },
    }),
    ...over,
  };
}

const sealed = (b: Record<string, unknown>) => JSON.parse(sealRecord(b, { seq: 0, prevHash: GENESIS_HASH }, signer).line) as unknown;

describe('inspection records', () => {
  it('a sealed inspection record is well-formed (unset optional members left out)', () => {
    const r = sealed(body());
    expect(shapeProblems(r)).toEqual([]);
    expect(r).toMatchObject({ type: 'inspection', kind: 'aws-access-key', gateway: { api: 'openai-chat' } });
    expect(JSON.stringify(r)).not.toContain('"model"');
    expect(JSON.stringify(r)).not.toContain('"agent"');
  });

  it('refuses a member that is not in the format (e.g. the secret itself), a bad digest or action, a missing where', () => {
    expect(shapeProblems(sealed(body({ secret: 'AKIA...' })))).toContain('unknown field "secret"');
    expect(shapeProblems(sealed(body({ secret_sha256: 'AKIAZQ3DEXAMPLE7KEY9' }))).join()).toMatch(/secret_sha256.*64 hex/);
    expect(shapeProblems(sealed(body({ action: 'allow' }))).join()).toMatch(/"action" expected "redact" or "end"/);
    const { where: _w, ...noWhere } = body();
    expect(shapeProblems(sealed(noWhere)).join()).toMatch(/"where" expected a non-empty string/);
    expect(shapeProblems(sealed(body({ gateway: { api: 'openai-chat' } }))).join()).toMatch(/gateway.request_id" is missing/);
  });

  it('exists from format v2 on', () => {
    expect(shapeProblems(sealed(body({ v: 1 }))).join()).toMatch(/"inspection" records exist from v2 on/);
  });
});
