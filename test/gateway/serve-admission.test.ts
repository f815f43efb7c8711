// Admission and start-up, through the real binary without --dev: the gateway refuses to start
// without a key and an owner policy (exit 78), and refuses requests before the upstream sees them —
// owner missing (400 naming X-Commit-Owner), owner not allowed, malformed tool definitions (403),
// body too large (413), over the request rate (429) — each in the API's own error format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { OwnerBudgets, admitOwner } from '../../src/gateway/admission.js';
import { validateServeConfig } from '../../src/gateway/config.js';
import { passThroughRefusal } from '../../src/gateway/http/paths.js';
import { startFakeUpstream, type FakeUpstream } from './e2e-upstream.js';
import { serve, type Served } from './e2e-serve.js';

let up: FakeUpstream;
let gw: Served;
let t: ReturnType<typeof tempHome>;
let cwd: string;

beforeAll(async () => {
  up = await startFakeUpstream();
  t = tempHome();
  cwd = path.join(t.dir, 'work');
  fs.mkdirSync(cwd);
  expect((await seatbelt(['keys', 'init'], { env: t.env })).exitCode).toBe(0);
  fs.writeFileSync(
    path.join(cwd, 'gateway.json'),
    JSON.stringify({ owners: ['human:*', 'service:ci'], audit: 'trail.jsonl', limits: { maxBodyBytes: 4096, requestsPerMinute: 5 } }),
  );
  gw = await serve(['--upstream', up.url, '--port', '0', '--config', 'gateway.json'], { env: t.env, cwd });
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gw.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('serve without --dev', () => {
  it('refuses to start without a signing key (exit 78)', async () => {
    const bare = tempHome();
    try {
      fs.writeFileSync(path.join(bare.dir, 'g.json'), JSON.stringify({ owners: ['human:*'] }));
      const r = await seatbelt(['serve', '--upstream', up.url, '--port', '0', '--config', path.join(bare.dir, 'g.json')], {
        env: bare.env,
        cwd: bare.dir,
      });
      expect(r.exitCode).toBe(78);
      expect(r.stderr).toMatch(/no signing key .*seatbelt keys init/);
    } finally {
      fs.rmSync(bare.dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without an owner policy (exit 78)', async () => {
    const r = await seatbelt(['serve', '--upstream', up.url, '--port', '0'], { env: t.env, cwd });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/no owner policy/);
  });

  it('refuses --dev on a non-loopback address (exit 64)', async () => {
    const r = await seatbelt(['serve', '--upstream', up.url, '--dev', '--host', '0.0.0.0'], { env: t.env, cwd });
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(/localhost only/);
  });

  it('answers 400 naming X-Commit-Owner when the header is missing, before the upstream', async () => {
    const before = up.seen.length;
    const r = await post('/v1/chat/completions', { model: 'plain', messages: [] });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { message: string } };
    expect(body.error.message).toContain('X-Commit-Owner');
    expect(r.headers.get('x-seatbelt-receipt')).toMatch(/^v1\./);
    expect(up.seen.length).toBe(before);
  });

  it("answers 403 in Anthropic's error format for an owner the policy does not allow", async () => {
    const r = await post('/v1/messages', { model: 'plain', messages: [], max_tokens: 5 }, { 'x-commit-owner': 'service:deploy-bot' });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
  });

  it('answers 403 for malformed tool definitions, naming each bad field', async () => {
    const r = await post(
      '/v1/chat/completions',
      { model: 'plain', messages: [], tools: [{ type: 'function', function: { name: 'bad name!' } }, { type: 'code_interpreter' }] },
      { 'x-commit-owner': 'human:alice' },
    );
    expect(r.status).toBe(403);
    const msg = ((await r.json()) as { error: { message: string } }).error.message;
    expect(msg).toContain('tools[0].function.name');
    expect(msg).toContain('tools[1].type');
  });

  it('refuses provider-side tools the gateway cannot gate (Responses: mcp; Messages: mcp_servers)', async () => {
    const a = await post(
      '/v1/responses',
      { model: 'plain', input: 'x', tools: [{ type: 'mcp', server_url: 'https://x' }] },
      { 'x-commit-owner': 'human:a' },
    );
    expect(a.status).toBe(403);
    const b = await post('/v1/messages', { model: 'plain', messages: [], max_tokens: 5, mcp_servers: [] }, { 'x-commit-owner': 'human:a' });
    expect(b.status).toBe(403);
  });

  it('refuses to pass through a path the upstream could read as a gated API, or one returning ungated model output', async () => {
    const before = up.seen.length;
    for (const [method, p] of [
      ['POST', '/v1//chat/completions'],
      ['POST', '/v1/chat%2Fcompletions'],
      ['POST', '/openai/deployments/gpt/chat/completions'],
      ['GET', '/v1/responses/resp_123'],
      ['POST', '/v1/messages/batches'],
    ] as const) {
      const r = await fetch(`${gw.url}${p}`, {
        method,
        headers: { 'x-commit-owner': 'human:a', 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(r.status, `${method} ${p}`).toBe(404);
    }
    expect(up.seen.length).toBe(before);
    const a = await post('/v1/responses', { model: 'plain', input: 'x', background: true }, { 'x-commit-owner': 'human:a' });
    expect(a.status).toBe(403);
  });

  it('answers 413 for a body over the limit', async () => {
    const r = await post(
      '/v1/chat/completions',
      { model: 'plain', messages: [{ role: 'user', content: 'x'.repeat(5000) }] },
      { 'x-commit-owner': 'human:bob' },
    );
    expect(r.status).toBe(413);
  });

  it('answers 429 with Retry-After past the per-owner request rate, and other owners still pass', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await post('/v1/chat/completions', { model: 'plain', messages: [] }, { 'x-commit-owner': 'human:carol' })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const other = await post('/v1/chat/completions', { model: 'plain', messages: [] }, { 'x-commit-owner': 'service:ci' });
    expect(other.status).toBe(200);
  });
});

describe('admission units', () => {
  it('takes human:dev only as the --dev fallback, and matches owner patterns', () => {
    expect(admitOwner(undefined, undefined, 'human:dev')).toEqual({ owner: 'human:dev' });
    expect(admitOwner(undefined, ['*'])).toMatchObject({ status: 400, code: 'owner_missing' });
    expect(admitOwner('robot:x', ['*'])).toMatchObject({ status: 400, code: 'owner_malformed' });
    expect(admitOwner('human:alice', ['service:*'])).toMatchObject({ status: 403 });
    expect(admitOwner('human:alice', ['human:*'])).toEqual({ owner: 'human:alice' });
  });

  it('refills the per-owner budgets over time and charges reported usage', () => {
    let now = 0;
    const b = new OwnerBudgets({ requestsPerMinute: 2, tokensPerMinute: 100 }, () => now);
    expect(b.admit('human:a', 10)).toBeUndefined();
    expect(b.admit('human:a', 10)).toBeUndefined();
    expect(b.admit('human:a', 10)).toMatchObject({ code: 'rate_limited', retryAfter: 30 });
    now = 30_000;
    expect(b.admit('human:a', 10)).toBeUndefined();
    b.charge('human:a', 200);
    now = 60_000;
    expect(b.admit('human:a', 10)).toMatchObject({ code: 'token_budget' });
  });

  it('passes plain paths that carry no model output', () => {
    expect(passThroughRefusal('/v1/models')).toBeNull();
    expect(passThroughRefusal('/v1/embeddings')).toBeNull();
    expect(passThroughRefusal('/v1/messages/count_tokens')).toBeNull();
    expect(passThroughRefusal('/v1/models/')).toMatch(/plain form/);
    expect(passThroughRefusal('/v1/completions')).toMatch(/model output/);
  });

  it('lists every bad field of a serve config', () => {
    expect(() =>
      validateServeConfig({
        upstream: 'ftp://x',
        owners: ['root'],
        limits: { maxBodyBytes: -1, nope: 1 },
        inspection: { action: 'shout' },
        extra: 1,
      }),
    ).toThrow(/"upstream".*"owners\[0\]".*limits\.maxBodyBytes|unknown field "extra"/);
  });
});
