// The gateway end to end: the official openai and @anthropic-ai/sdk clients, pointed at
// `seatbelt serve --dev` (the real binary), in front of a local upstream that replays the APIs'
// response shapes. Tool calls are data here: the gateway decides, nothing executes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPublicKey } from 'node:crypto';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { verifyReceipt } from '../../src/gateway/receipt.js';
import { AWS_KEY, SCENARIOS, THINKING_SIGNATURE, startFakeUpstream, type FakeUpstream } from './e2e-upstream.js';
import { serve, type Served } from './e2e-serve.js';

let up: FakeUpstream;
let gw: Served;
let t: ReturnType<typeof tempHome>;
let cwd: string;
let openai: OpenAI;
let anthropic: Anthropic;

const API_KEY = 'sk-test-caller-key-0123456789abcdef';
const headers = { 'X-Commit-Owner': 'human:alice', 'X-Agent-Id': 'agent-7', 'X-Session-Id': 'sess-1' };

beforeAll(async () => {
  up = await startFakeUpstream();
  t = tempHome();
  cwd = path.join(t.dir, 'work');
  fs.mkdirSync(cwd);
  const config = path.join(cwd, 'gateway.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ registry: { tools: [{ name: 'send_payment', action: 'tier', risk: 'MEDIUM', approval: 'required' }] } }),
  );
  gw = await serve(['--upstream', up.url, '--port', '0', '--dev', '--config', config], {
    env: { HOME: t.dir, SEATBELT_HOME: t.home },
    cwd,
  });
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: API_KEY, defaultHeaders: headers, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gw.url, apiKey: API_KEY, defaultHeaders: headers, maxRetries: 0 });
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

const ask = [{ role: 'user' as const, content: 'list the files' }];
const chatTools = [
  { type: 'function' as const, function: { name: 'bash', parameters: { type: 'object', properties: { command: { type: 'string' } } } } },
  {
    type: 'function' as const,
    function: { name: 'execute_sql', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
  },
  { type: 'function' as const, function: { name: 'send_payment', parameters: { type: 'object' } } },
];
const respTools = chatTools.map((t) => ({
  type: 'function' as const,
  name: t.function.name,
  parameters: t.function.parameters,
  strict: false,
}));
const anthTools = chatTools.map((t) => ({ name: t.function.name, input_schema: t.function.parameters as Anthropic.Tool.InputSchema }));

function publicKeys() {
  return fs
    .readdirSync(cwd)
    .filter((f) => f.endsWith('.pub'))
    .map((f) => createPublicKey(fs.readFileSync(path.join(cwd, f))));
}

describe('OpenAI Chat Completions through the gateway', () => {
  it('passes an allowed tool call (non-streamed) with a receipt that verifies', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'one-call', messages: ask, tools: chatTools }).withResponse();
    expect(data.choices[0]!.finish_reason).toBe('tool_calls');
    expect(data.choices[0]!.message.tool_calls?.map((c) => (c.type === 'function' ? c.function.arguments : ''))).toEqual([
      '{"command":"ls -la src"}',
    ]);
    const receipt = response.headers.get('x-seatbelt-receipt')!;
    const check = verifyReceipt(receipt, publicKeys());
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.records).toHaveLength(1);
  });

  it('reassembles a tool call whose arguments arrive in many chunks (streamed)', async () => {
    const stream = openai.chat.completions.stream({ model: 'split-call', messages: ask, tools: chatTools });
    const final = await stream.finalChatCompletion();
    const m = final.choices[0]!.message;
    expect(m.content).toBe('Listing.');
    expect(m.tool_calls).toHaveLength(1);
    const c = m.tool_calls![0]!;
    expect(c.type === 'function' && c.function.arguments).toBe('{"command": "git status --short && ls -la src"}');
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('passes parallel tool calls (streamed), each whole and indexed from 0', async () => {
    const final = await openai.chat.completions.stream({ model: 'parallel', messages: ask, tools: chatTools }).finalChatCompletion();
    const calls = final.choices[0]!.message.tool_calls!;
    expect(calls.map((c) => c.id)).toEqual(['call_a', 'call_b']);
    expect(calls.map((c) => (c.type === 'function' ? JSON.parse(c.function.arguments) : null))).toEqual([
      { command: 'ls src' },
      { query: 'SELECT id FROM users WHERE id = 1' },
    ]);
  });

  for (const stream of [false, true]) {
    it(`removes a refused call and keeps the allowed one (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const final = stream
        ? await openai.chat.completions.stream({ model: 'mixed', messages: ask, tools: chatTools }).finalChatCompletion()
        : await openai.chat.completions.create({ model: 'mixed', messages: ask, tools: chatTools });
      const m = final.choices[0]!.message;
      expect(m.tool_calls?.map((c) => c.id)).toEqual(['call_ok']);
      expect(m.content).toMatch(/^Running two commands\./);
      expect(m.content).toMatch(/seatbelt refused the tool call bash \(call_bad\): rule [a-z_.]+/);
      expect(m.content).toMatch(/Remediation: /);
      expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    });

    it(`ends with finish_reason stop when every call is refused (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const final = stream
        ? await openai.chat.completions.stream({ model: 'refused', messages: ask, tools: chatTools }).finalChatCompletion()
        : await openai.chat.completions.create({ model: 'refused', messages: ask, tools: chatTools });
      expect(final.choices[0]!.message.tool_calls ?? []).toEqual([]);
      expect(final.choices[0]!.finish_reason).toBe('stop');
      expect(final.choices[0]!.message.content).toContain('seatbelt refused');
    });

    it(`answers 502 for a malformed upstream response and forwards nothing (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const err = await (
        stream
          ? openai.chat.completions.create({ model: 'malformed', messages: ask, stream: true }).then(async (s) => {
              for await (const _ of s) void _;
            })
          : openai.chat.completions.create({ model: 'malformed', messages: ask })
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      expect(String((err as Error).message)).not.toContain('this is not the API');
    });
  }

  it('on a stream, the header receipt covers the decisions made before the first byte; the final SSE comment covers all', async () => {
    const r = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
      body: JSON.stringify({ model: 'mixed', stream: true, messages: ask, tools: chatTools }),
    });
    expect(r.headers.get('trailer')?.toLowerCase()).toBe('x-seatbelt-receipt');
    const start = verifyReceipt(r.headers.get('x-seatbelt-receipt')!, publicKeys());
    const text = await r.text();
    const final = verifyReceipt(/^: seatbelt-receipt (\S+)$/m.exec(text)![1]!, publicKeys());
    expect(final.ok && final.records.length).toBe(2);
    // The header went out with the first byte: it holds some prefix of the decisions (timing decides how many).
    if (!start.ok || !final.ok) throw new Error('a receipt did not verify');
    expect(final.records.slice(0, start.records.length)).toEqual(start.records);
    expect(final.ok && final.requestId).toBe(r.headers.get('x-seatbelt-request-id'));
  });

  it('redacts a secret split across streamed chunks', async () => {
    const final = await openai.chat.completions.stream({ model: 'secret', messages: ask }).finalChatCompletion();
    const text = final.choices[0]!.message.content!;
    expect(text).not.toContain(AWS_KEY);
    expect(text).not.toContain(AWS_KEY.slice(4, 12));
    expect(text).toBe('Your key is [REDACTED] — keep it safe.');
  });

  it('holds a call that needs approval: 202 with the approval id, and no tool call', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'held', messages: ask, tools: chatTools }).withResponse();
    expect(response.status).toBe(202);
    const info = (data as unknown as { seatbelt: { approval_ids: string[] } }).seatbelt;
    expect(info.approval_ids).toHaveLength(1);
    expect(response.headers.get('x-seatbelt-approval-id')).toBe(info.approval_ids[0]);
    expect(data.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(data.choices[0]!.message.content).toContain(`X-Seatbelt-Approval: ${info.approval_ids[0]}`);
  });
  it('passes the held call once the operator approves and the caller resubmits with X-Seatbelt-Approval', async () => {
    const { data } = await openai.chat.completions.create({ model: 'held', messages: ask, tools: chatTools }).withResponse();
    const id = (data as unknown as { seatbelt: { approval_ids: string[] } }).seatbelt.approval_ids[0]!;
    const devHome = /SEATBELT_HOME=(\S+) seatbelt approve/.exec(gw.stderr())![1]!;
    const audit = path.join(cwd, 'audit.jsonl');
    const ok = await seatbelt(['approve', id, '--owner', 'human:operator', '--audit', audit], {
      env: { HOME: t.dir, SEATBELT_HOME: devHome },
    });
    expect(ok.exitCode, ok.stderr).toBe(0);
    const again = { headers: { 'X-Seatbelt-Approval': id } };
    const { data: passed, response } = await openai.chat.completions
      .create({ model: 'held', messages: ask, tools: chatTools }, again)
      .withResponse();
    expect(response.status).toBe(200);
    expect(passed.choices[0]!.message.tool_calls?.map((c) => c.id)).toEqual(['call_pay']);
    // An approval is good for one call.
    const reused = await openai.chat.completions.create({ model: 'held', messages: ask, tools: chatTools }, again);
    expect(reused.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(reused.choices[0]!.message.content).toMatch(/seatbelt refused the tool call send_payment/);
  });
});

describe('OpenAI Responses through the gateway', () => {
  it('reassembles a streamed function call and keeps the output indexes in order', async () => {
    const final = await openai.responses.stream({ model: 'split-call', input: 'list', tools: respTools }).finalResponse();
    const calls = final.output.filter((o) => o.type === 'function_call');
    expect(calls.map((c) => c.type === 'function_call' && c.arguments)).toEqual(['{"command": "git status --short && ls -la src"}']);
    expect(final.output_text).toBe('Listing.');
  });

  for (const stream of [false, true]) {
    it(`replaces a refused call by a message item (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const final = stream
        ? await openai.responses.stream({ model: 'mixed', input: 'run', tools: respTools }).finalResponse()
        : await openai.responses.create({ model: 'mixed', input: 'run', tools: respTools });
      expect(final.output.map((o) => o.type)).toEqual(['message', 'function_call', 'message']);
      const call = final.output[1]!;
      expect(call.type === 'function_call' && call.call_id).toBe('call_ok');
      const refusal = final.output[2]!;
      expect(refusal.type === 'message' && refusal.content[0]!.type === 'output_text' && refusal.content[0]!.text).toMatch(
        /seatbelt refused the tool call bash \(call_bad\)/,
      );
    });
  }

  it('redacts a secret split across streamed deltas, also in the final response', async () => {
    const s = openai.responses.stream({ model: 'secret', input: 'key?' });
    let deltas = '';
    s.on('response.output_text.delta', (e) => (deltas += e.delta));
    const final = await s.finalResponse();
    expect(deltas).toBe('Your key is [REDACTED] — keep it safe.');
    expect(JSON.stringify(final)).not.toContain(AWS_KEY);
  });
});

describe('Anthropic Messages through the gateway', () => {
  it('reassembles a streamed tool_use input split across many deltas', async () => {
    const final = await anthropic.messages.stream({ model: 'split-call', max_tokens: 100, messages: ask, tools: anthTools }).finalMessage();
    expect(final.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    const use = final.content[1]!;
    expect(use.type === 'tool_use' && use.input).toEqual({ command: 'git status --short && ls -la src' });
    expect(final.stop_reason).toBe('tool_use');
  });

  for (const stream of [false, true]) {
    it(`replaces a refused tool_use by a text block (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const final = stream
        ? await anthropic.messages.stream({ model: 'mixed', max_tokens: 100, messages: ask, tools: anthTools }).finalMessage()
        : await anthropic.messages.create({ model: 'mixed', max_tokens: 100, messages: ask, tools: anthTools });
      expect(final.content.map((b) => b.type)).toEqual(['text', 'tool_use', 'text']);
      const refusal = final.content[2]!;
      expect(refusal.type === 'text' && refusal.text).toMatch(/seatbelt refused the tool call bash \(call_bad\): rule /);
      expect(final.stop_reason).toBe('tool_use');
    });

    it(`stops with end_turn when every call is refused (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const final = stream
        ? await anthropic.messages.stream({ model: 'refused', max_tokens: 100, messages: ask, tools: anthTools }).finalMessage()
        : await anthropic.messages.create({ model: 'refused', max_tokens: 100, messages: ask, tools: anthTools });
      expect(final.content.map((b) => b.type)).toEqual(['text']);
      expect(final.stop_reason).toBe('end_turn');
    });
  }

  for (const stream of [true, false]) {
    it(`judges the text editor tool's writes by their path: guarded places refused, everyday edits passed (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const params = {
        model: 'editor',
        max_tokens: 100,
        messages: ask,
        tools: [{ type: 'text_editor_20250728' as const, name: 'str_replace_based_edit_tool' as const }],
      };
      const final = stream ? await anthropic.messages.stream(params).finalMessage() : await anthropic.messages.create(params);
      const passed = final.content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
      expect(passed).toEqual(['toolu_src', 'toolu_view']);
      const refusals = final.content.flatMap((b) => (b.type === 'text' ? [b.text] : []));
      expect(refusals).toHaveLength(3);
      expect(refusals[0]).toMatch(/str_replace_based_edit_tool \(toolu_cfg\): rule self_protection\.guarded_path/);
      expect(refusals[1]).toMatch(
        /str_replace_based_edit_tool \(toolu_ssh\): rule (secrets\.authorized_keys_write|persistence\.ssh_access)/,
      );
      expect(refusals[2]).toMatch(/str_replace_based_edit_tool \(toolu_hook\): rule self_protection\.guarded_path/);
      expect(final.stop_reason).toBe('tool_use');
    });
  }

  it('answers 502 in its own error format for a malformed upstream', async () => {
    const err = await anthropic.messages.create({ model: 'malformed', max_tokens: 10, messages: ask }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(502);
    expect((err as { error?: { type?: string } }).error?.type).toBe('error');
  });

  it('redacts a secret split across streamed text deltas', async () => {
    const final = await anthropic.messages.stream({ model: 'secret', max_tokens: 100, messages: ask }).finalMessage();
    expect(final.content[0]!.type === 'text' && final.content[0]!.text).toBe('Your key is [REDACTED] — keep it safe.');
  });

  for (const stream of [true, false]) {
    it(`redacts a secret in a thinking block, passes redacted_thinking as it is (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const params = {
        model: 'secret-thinking',
        max_tokens: 2000,
        thinking: { type: 'enabled' as const, budget_tokens: 1024 },
        messages: ask,
      };
      const final = stream ? await anthropic.messages.stream(params).finalMessage() : await anthropic.messages.create(params);
      expect(final.content.map((b) => b.type)).toEqual(['thinking', 'redacted_thinking', 'text']);
      const [thinking, redacted, text] = final.content;
      expect(thinking!.type === 'thinking' && thinking!.thinking).toBe("The user's key is [REDACTED]; I should not repeat it.");
      expect(thinking!.type === 'thinking' && thinking!.signature).toBe(THINKING_SIGNATURE);
      // Encrypted by the provider: opaque to the gateway, passed on unchanged (documented).
      expect(redacted!.type === 'redacted_thinking' && redacted!.data).toBe(SCENARIOS['secret-thinking']!.redactedThinking);
      expect(text!.type === 'text' && text!.text).toBe('Done thinking.');
    });
  }
});

describe('the gateway around the APIs', () => {
  it('passes GET /v1/models through, with the caller key untouched and its own headers kept back', async () => {
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-model']);
    const last = up.seen.at(-1)!;
    expect(last.path).toBe('/v1/models');
    expect(last.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(last.headers['x-commit-owner']).toBeUndefined();
  });

  it('serves /healthz and Prometheus /metrics with decisions by verdict and rule', async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(text).toMatch(/seatbelt_gateway_decisions_total\{verdict="allow",rule="none"\} \d+/);
    expect(text).toMatch(/seatbelt_gateway_decisions_total\{verdict="block",rule="[^"]+"\} \d+/);
    expect(text).toMatch(/seatbelt_gateway_added_latency_seconds_bucket\{api="openai-chat",le="0.005"\} \d+/);
    expect(text).toMatch(/seatbelt_gateway_requests_total\{api="openai-chat",status="502"\} \d+/);
  });

  it('finishes an in-flight stream on SIGTERM, then exits 0', async () => {
    const stream = await openai.chat.completions.create({ model: 'slow', messages: ask, stream: true });
    let text = '';
    let stopping: Promise<number | null> | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text && !stopping) stopping = gw.stop();
    }
    expect(text).toBe('one two three four five six seven eight nine ten');
    expect(await stopping).toBe(0);
  });

  it('records owner, agent, tool and response id, never the caller key; the trail verifies after SIGTERM', async () => {
    expect(await gw.stop()).toBe(0);
    const audit = path.join(cwd, 'audit.jsonl');
    const trail = fs.readFileSync(audit, 'utf8');
    expect(trail).not.toContain(API_KEY);
    const records = trail
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Every secret the gateway redacted is a sealed inspection record: rule, kind, where, its digest — never the secret.
    expect(trail).not.toContain(AWS_KEY);
    const found = records.filter((r) => r.type === 'inspection');
    const digest = createHash('sha256').update(AWS_KEY).digest('hex');
    const seen = (api: string, where: string) =>
      found.some((r) => r.gateway.api === api && r.where === where && r.secret_sha256 === digest && r.kind === 'aws-access-key');
    expect(seen('openai-chat', 'choices[0].delta.content')).toBe(true);
    expect(seen('openai-responses', 'output[0].content[0].text')).toBe(true);
    expect(seen('anthropic-messages', 'content[0].text')).toBe(true);
    expect(seen('anthropic-messages', 'content[0].thinking')).toBe(true);
    for (const r of found) {
      expect(r).toMatchObject({ rule: 'gateway.secret_in_output', action: 'redact', actor: { owner: 'human:alice', agent: 'agent-7' } });
      expect(r.gateway.request_id).toMatch(/^[0-9a-f]{8}-/);
    }
    const refused = records.find((r) => JSON.stringify(r).includes('call_bad'));
    expect(JSON.stringify(refused)).toContain('human:alice');
    expect(JSON.stringify(refused)).toContain('agent-7');
    expect(JSON.stringify(refused)).toContain('chatcmpl-fake1');
    const pubs = fs.readdirSync(cwd).filter((f) => f.endsWith('.pub'));
    const r = await seatbelt(['verify', audit, ...pubs.flatMap((p) => ['--pubkey', path.join(cwd, p)])], { env: t.env });
    expect(r.stdout + r.stderr).toMatch(/intact|ok/i);
    expect(r.exitCode).toBe(0);
  });
});
