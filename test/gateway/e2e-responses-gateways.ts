// Two gateways for the Responses inspection suites (e2e-reasoning, e2e-refusal): `seatbelt serve
// --dev` (the real binary) in front of the local fake upstream, one redacting secrets and one ending
// the response, each in its own scratch home, with the official openai client; and the readers the
// suites share (the gateway's trail, its public keys, a stream's raw SSE events).
import { afterAll, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import OpenAI from 'openai';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { SeatbeltError } from '../../src/core/error.js';
import type { Turn } from '../../src/gateway/apis/common.js';
import { verifyReceipt } from '../../src/gateway/receipt.js';
import { SseParser } from '../../src/gateway/http/sse.js';
import { startFakeUpstream, type FakeUpstream } from './e2e-upstream.js';
import { serve, type Served } from './e2e-serve.js';

export const API_KEY = 'sk-test-caller-key-0123456789abcdef';
export const headers = { 'X-Commit-Owner': 'human:alice', 'X-Agent-Id': 'agent-7' };

export interface Gateway {
  gw: Served;
  cwd: string;
  client: OpenAI;
}

export interface Gateways {
  up: FakeUpstream;
  t: ReturnType<typeof tempHome>;
  redact: Gateway;
  end: Gateway;
}

/** Registers the suite's beforeAll/afterAll; the returned object is filled in by its beforeAll. */
export function redactAndEndGateways(): Gateways {
  const g = {} as Gateways;
  const start = async (name: string, config: unknown): Promise<Gateway> => {
    const cwd = path.join(g.t.dir, name);
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, 'gateway.json'), JSON.stringify(config));
    const gw = await serve(['--upstream', g.up.url, '--port', '0', '--dev', '--config', path.join(cwd, 'gateway.json')], {
      env: { HOME: g.t.dir, SEATBELT_HOME: path.join(g.t.home, name) },
      cwd,
    });
    return { gw, cwd, client: new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: API_KEY, defaultHeaders: headers, maxRetries: 0 }) };
  };
  beforeAll(async () => {
    g.up = await startFakeUpstream();
    g.t = tempHome();
    g.redact = await start('redact', {});
    g.end = await start('end', { inspection: { action: 'end' } });
  });
  afterAll(async () => {
    await g.redact?.gw.stop();
    await g.end?.gw.stop();
    await g.up?.close();
    if (g.t) fs.rmSync(g.t.dir, { recursive: true, force: true });
  });
  return g;
}

export function publicKeys(g: Gateway) {
  return fs
    .readdirSync(g.cwd)
    .filter((f) => f.endsWith('.pub'))
    .map((f) => createPublicKey(fs.readFileSync(path.join(g.cwd, f))));
}

export function trail(g: Gateway): Record<string, any>[] {
  return fs
    .readFileSync(path.join(g.cwd, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

/** The SSE events of a streamed response, raw from `base` (the gateway or the upstream itself). */
export async function rawEvents(base: string, model: string): Promise<Record<string, any>[]> {
  const r = await fetch(`${base}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
    body: JSON.stringify({ model, input: 'go', stream: true }),
  });
  const p = new SseParser();
  return [...p.push(new Uint8Array(await r.arrayBuffer())), ...p.end()].flatMap((e) =>
    e.data.startsWith('{') ? [JSON.parse(e.data)] : [],
  );
}

/**
 * Each receipt verifies under the gateway's keys and lists exactly the findings at `where` among
 * `found` (the trail's inspection records); then `seatbelt verify` accepts the gateway's trail.
 */
export async function expectReceiptsAndTrail(
  g: Gateway,
  receipts: string[],
  found: Record<string, any>[],
  where: string[],
  env: Record<string, string>,
) {
  for (const receipt of receipts) {
    const check = verifyReceipt(receipt, publicKeys(g));
    if (!check.ok) throw new Error(check.reason);
    const listed = check.records.map((x) => x.id);
    expect(found.filter((r) => listed.includes(r.event_id)).map((r) => r.where)).toEqual(where);
  }
  const pubs = fs.readdirSync(g.cwd).filter((f) => f.endsWith('.pub'));
  const v = await seatbelt(['verify', path.join(g.cwd, 'audit.jsonl'), ...pubs.flatMap((p) => ['--pubkey', path.join(g.cwd, p)])], {
    env,
  });
  expect(v.exitCode, v.stdout + v.stderr).toBe(0);
}

/** A turn for the adapter on its own (no tool call expected); `secret` receives each finding. */
export function turn(secret: Turn['secret'] = () => {}): Turn {
  return {
    commit: async () => {
      throw new Error('no call expected');
    },
    seen: () => {},
    secret,
    usage: () => {},
    inspection: 'redact',
    maxHeld: 1 << 20,
  };
}

/** A turn whose trail cannot seal a finding. */
export const failing = (): Turn =>
  turn(() => {
    throw new SeatbeltError('AUDIT', 'disk full');
  });
