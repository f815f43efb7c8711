// Red-team regressions through the real binary: an upstream that answers with a redirect, makes up
// the gateway's own headers, or sends tool calls shaped to be read one way by the gate and another
// by the caller. A raw local upstream answers per scenario (the request's `model`); nothing runs a
// tool call. Scratch HOME, SEATBELT_HOME and trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { serve, type Served } from './e2e-serve.js';

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

const BAD = 'rm -rf /';
const sse = (events: [string | undefined, unknown][]) =>
  events.map(([name, data]) => `${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`).join('');

const chatCall = (command: string) =>
  JSON.stringify({
    id: 'chatcmpl-z',
    object: 'chat.completion',
    model: 'm',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_z', type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command }) } }],
        },
        finish_reason: 'tool_calls',
      },
    ],
  });
const chatStream = (command: string) =>
  [
    { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    {
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [{ index: 0, id: 'call_s', type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command }) } }],
          },
          finish_reason: null,
        },
      ],
    },
    { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ]
    .map((c) => `data: ${JSON.stringify({ id: 'chatcmpl-s', object: 'chat.completion.chunk', model: 'm', ...c })}\n\n`)
    .join('') + 'data: [DONE]\n\n';

const SCENARIOS: Record<string, Answer> = {
  // Compressed answers: the gateway decodes what it asked for and judges what is inside.
  'gzip-bad-call': { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zlib.gzipSync(chatCall(BAD)) },
  'br-good-call': {
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: zlib.brotliCompressSync(chatCall('ls -la')),
  },
  'gzip-stream-bad-call': {
    headers: { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' },
    body: zlib.gzipSync(chatStream(BAD)),
  },
  // An encoding it did not ask for cannot be read, so nothing of it is passed on.
  'unasked-encoding': { headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' }, body: chatCall(BAD) },
  'corrupt-gzip': { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from('not gzip at all') },
  redirect: { status: 307, headers: { location: 'http://127.0.0.1:9/v1/chat/completions' }, body: '' },
  'spoofed-headers': {
    headers: {
      'content-type': 'application/json',
      'x-seatbelt-request-id': 'made-up',
      'x-seatbelt-approval-id': '01a24e5d-155f-738e-9ad8-5bcb20d5cba2',
      'x-seatbelt-receipt': 'v1.made.up.SHA256:xxx',
    },
    body: JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
    }),
  },
  'duplicate-key': {
    headers: { 'content-type': 'application/json' },
    // The bytes a first-wins parser reads as rm -rf /, JSON.parse as ls.
    body: `{"id":"chatcmpl-2","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_d","type":"function","function":{"name":"bash","arguments":${JSON.stringify(`{"command":"${BAD}","command":"ls"}`)}}}]},"finish_reason":"tool_calls"}]}`,
  },
  'anthropic-ping': {
    headers: { 'content-type': 'text/event-stream' },
    body: sse([
      [
        'message_start',
        { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'm', usage: {} } },
      ],
      ['ping', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'bash', input: {} } }],
      ['ping', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: `{"command":"${BAD}"}` } }],
      ['ping', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 1 } }],
      ['message_stop', { type: 'message_stop' }],
    ]),
  },
  'responses-restated': {
    headers: { 'content-type': 'text/event-stream' },
    body: sse([
      ['response.created', { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } }],
      [
        'response.completed',
        {
          type: 'response.completed',
          response: {
            id: 'resp_1',
            status: 'completed',
            output: [{ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'bash', arguments: `{"command":"${BAD}"}` }],
          },
        },
      ],
    ]),
  },
};

let up: http.Server;
let upUrl: string;
const acceptEncoding: string[] = [];
let gw: Served;
let t: ReturnType<typeof tempHome>;

beforeAll(async () => {
  up = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      acceptEncoding.push(String(req.headers['accept-encoding']));
      const model = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string }).model ?? '';
      const a = SCENARIOS[model] ?? { status: 404, body: '{}' };
      res.writeHead(a.status ?? 200, a.headers ?? {});
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
  upUrl = `http://127.0.0.1:${(up.address() as AddressInfo).port}`;
  t = tempHome();
  expect((await seatbelt(['keys', 'init'], { env: t.env })).exitCode).toBe(0);
  fs.writeFileSync(path.join(t.dir, 'gateway.json'), JSON.stringify({ owners: ['human:*'], audit: 'trail.jsonl' }));
  gw = await serve(['--upstream', upUrl, '--port', '0', '--config', 'gateway.json'], { env: t.env, cwd: t.dir });
});

afterAll(async () => {
  await gw?.stop();
  await new Promise((r) => up?.close(r));
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

const post = (p: string, model: string, stream = false) =>
  fetch(`${gw.url}${p}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json', 'x-commit-owner': 'human:alice' },
    body: JSON.stringify({ model, stream, messages: [] }),
  });

describe('serve against a hostile upstream', () => {
  it('answers a redirect with 502, never relaying its Location (the client would follow it past the gate)', async () => {
    const r = await post('/v1/chat/completions', 'redirect');
    expect(r.status).toBe(502);
    expect(r.headers.get('location')).toBeNull();
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('upstream_malformed');
  });

  it("never relays the upstream's X-Seatbelt-* headers (request id, approval id, receipt)", async () => {
    const r = await post('/v1/chat/completions', 'spoofed-headers');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-seatbelt-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(r.headers.get('x-seatbelt-approval-id')).toBeNull();
    expect(r.headers.get('x-seatbelt-receipt')).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.SHA256:/);
    const v = await seatbelt(
      ['receipt', 'verify', r.headers.get('x-seatbelt-receipt')!, '--pubkey', path.join(t.home, 'keys', 'public-key.pem')],
      {
        env: t.env,
      },
    );
    expect(v.exitCode, v.stdout + v.stderr).toBe(0);
  });

  it('refuses arguments with a key twice (a first-wins parser would run the other value)', async () => {
    const r = await post('/v1/chat/completions', 'duplicate-key');
    const body = (await r.json()) as { choices: { message: { content: string; tool_calls?: unknown }; finish_reason: string }[] };
    expect(body.choices[0]!.message.tool_calls).toBeUndefined();
    expect(body.choices[0]!.message.content).toContain('gateway.malformed_arguments');
    expect(body.choices[0]!.finish_reason).toBe('stop');
  });

  it("ends an Anthropic stream whose 'ping' events carry a tool_use block; the call never reaches the caller", async () => {
    const r = await post('/v1/messages', 'anthropic-ping', true);
    const text = await r.text();
    expect(text).not.toContain('rm -rf');
    expect(text).not.toContain('tool_use"');
    expect(text).toMatch(/upstream_malformed.*named \\"ping\\" carries/); // a 502 when nothing was sent yet, else an error event
  });

  it('decodes a compressed answer before judging it (gzip, br, a gzip stream); the caller receives identity', async () => {
    const bad = await post('/v1/chat/completions', 'gzip-bad-call');
    expect(bad.status).toBe(200);
    const b = (await bad.json()) as { choices: { message: { content: string; tool_calls?: unknown } }[] };
    expect(b.choices[0]!.message.tool_calls).toBeUndefined();
    expect(b.choices[0]!.message.content).toMatch(/^\[seatbelt refused the tool call bash \(call_z\)/);
    const good = await post('/v1/chat/completions', 'br-good-call');
    expect(good.headers.get('content-encoding')).toBeNull();
    const g = (await good.json()) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
    expect(JSON.parse(g.choices[0]!.message.tool_calls[0]!.function.arguments)).toEqual({ command: 'ls -la' });
    const s = await post('/v1/chat/completions', 'gzip-stream-bad-call', true);
    const text = await s.text();
    expect(text).not.toContain('rm -rf');
    expect(text).toContain('seatbelt refused the tool call bash (call_s)');
    // The caller's Accept-Encoding is not passed on: the gateway asks for what it can decode.
    expect(acceptEncoding.at(-1)).toBe('gzip, deflate, br');
  });

  it('answers 502 for an encoding it did not ask for, or a body that does not decode; nothing is relayed', async () => {
    for (const model of ['unasked-encoding', 'corrupt-gzip']) {
      const r = await post('/v1/chat/completions', model);
      expect(r.status, model).toBe(502);
      const text = await r.text();
      expect(text).not.toContain('rm -rf');
      expect(text).toContain('upstream_unreachable');
    }
  });

  it('ends a Responses stream whose final output restates a call it never streamed', async () => {
    const r = await post('/v1/responses', 'responses-restated', true);
    const text = await r.text();
    expect(text).not.toContain('rm -rf');
    expect(text).not.toContain('response.completed');
    expect(text).toMatch(/did not announce/);
  });
});
