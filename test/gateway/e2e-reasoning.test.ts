// OpenAI Responses reasoning items through the gateway (issue 14): a reasoning item's summary_text
// and reasoning_text parts are model text, inspected like output_text — streamed and not — and each
// secret found is sealed as an inspection record the receipt lists. Its encrypted_content is the
// provider's, opaque to the gateway, and passes as it is. The official openai client against
// `seatbelt serve --dev` (the real binary), in front of the local fake upstream; the fake secrets
// are in formats the inspector knows (src/core/secret-formats.ts), none of them real.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { seatbelt } from '../e2e/helpers.js';
import { verifyReceipt } from '../../src/gateway/receipt.js';
import { inspectText } from '../../src/gateway/inspect.js';
import { SeatbeltError } from '../../src/core/error.js';
import { MalformedUpstream } from '../../src/gateway/apis/common.js';
import { openaiResponses } from '../../src/gateway/apis/openai-responses.js';
import { SseParser } from '../../src/gateway/http/sse.js';
import { AWS_KEY, ENCRYPTED, SCENARIOS, type FakeUpstream } from './e2e-upstream.js';
import {
  API_KEY,
  headers,
  publicKeys,
  rawEvents,
  redactAndEndGateways,
  trail,
  type Gateway,
  type Gateways,
  expectReceiptsAndTrail,
  turn,
  failing,
} from './e2e-responses-gateways.js';

const tools = [{ type: 'function' as const, name: 'bash', parameters: { type: 'object' }, strict: false }];
const AWS_SHA = createHash('sha256').update(AWS_KEY).digest('hex');
const SUMMARY = SCENARIOS['reasoning-secret']!.reasoning!.summary;
const REDACTED_SUMMARY = 'The user pasted [REDACTED] as their key; I will not repeat it.';

const gateways = redactAndEndGateways();
let up: FakeUpstream;
let t: Gateways['t'];
let redact: Gateway;
let end: Gateway;
beforeAll(() => ({ up, t, redact, end } = gateways));
/** Receipts of the responses that found a secret, checked against the trail at the end. */
const receipts: { gateway: Gateway; receipt: string }[] = [];

describe('reasoning summaries through the gateway (redact)', () => {
  it('the fake encrypted_content holds a token-shaped run the inspector would find (so passing it as it is means something)', () => {
    expect(inspectText(ENCRYPTED, 'redact').found).toEqual(['github-token']);
  });

  it('redacts a secret in a non-streamed summary, leaves the other summary and encrypted_content as they are; the receipt lists the inspection', async () => {
    const { data, response } = await redact.client.responses
      .create({ model: 'reasoning-secret', input: 'go', tools, include: ['reasoning.encrypted_content'] })
      .withResponse();
    expect(data.output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call']);
    const r = data.output[0]!;
    if (r.type !== 'reasoning') throw new Error('not a reasoning item');
    expect(r.summary).toEqual([
      { type: 'summary_text', text: REDACTED_SUMMARY },
      { type: 'summary_text', text: SUMMARY[1] },
    ]);
    expect(r.encrypted_content).toBe(ENCRYPTED);
    expect(data.status).toBe('completed');
    const receipt = response.headers.get('x-seatbelt-receipt')!;
    const check = verifyReceipt(receipt, publicKeys(redact));
    expect(check.ok).toBe(true);
    // The inspection finding and the call's decision.
    if (check.ok) expect(check.records).toHaveLength(2);
    receipts.push({ gateway: redact, receipt });
  });

  it('redacts a secret split across streamed summary deltas: in the deltas, the done events and the final response', async () => {
    const s = redact.client.responses.stream({ model: 'reasoning-secret', input: 'go', tools });
    let deltas = '';
    const done: string[] = [];
    const partsDone: string[] = [];
    s.on('response.reasoning_summary_text.delta', (e) => e.summary_index === 0 && (deltas += e.delta));
    s.on('response.reasoning_summary_text.done', (e) => done.push(e.text));
    s.on('response.reasoning_summary_part.done', (e) => partsDone.push(e.part.text));
    const final = await s.finalResponse();
    expect(deltas).toBe(REDACTED_SUMMARY);
    expect(done).toEqual([REDACTED_SUMMARY, SUMMARY[1]]);
    expect(partsDone).toEqual([REDACTED_SUMMARY, SUMMARY[1]]);
    const r = final.output[0]!;
    expect(r.type === 'reasoning' && r.summary.map((p) => p.text)).toEqual([REDACTED_SUMMARY, SUMMARY[1]]);
    expect(JSON.stringify(final)).not.toContain(AWS_KEY);
    expect(final.output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call']);
  });

  it('redacts a secret split across streamed reasoning_text deltas (raw reasoning content)', async () => {
    const s = redact.client.responses.stream({ model: 'reasoning-text-secret', input: 'go' });
    let deltas = '';
    s.on('response.reasoning_text.delta', (e) => (deltas += e.delta));
    const final = await s.finalResponse();
    expect(deltas).toBe('raw chain: key=[REDACTED] end');
    const r = final.output[0]!;
    expect(r.type === 'reasoning' && r.content?.map((p) => p.text)).toEqual(['raw chain: key=[REDACTED] end']);
    expect(JSON.stringify(final)).not.toContain(AWS_KEY);
  });

  it('passes a clean summary unchanged, byte for byte (non-streamed)', async () => {
    const body = (base: string) =>
      fetch(`${base}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
        body: JSON.stringify({ model: 'reasoning-clean', input: 'go' }),
      }).then((r) => r.json() as Promise<{ output: unknown[] }>);
    const [via, direct] = await Promise.all([body(redact.gw.url), body(up.url)]);
    expect(JSON.stringify(via.output)).toBe(JSON.stringify(direct.output));
  });

  it('passes a clean summary unchanged, byte for byte (streamed): the deltas add up to it, the done events and final item are the upstream’s', async () => {
    const [via, direct] = await Promise.all([rawEvents(redact.gw.url, 'reasoning-clean'), rawEvents(up.url, 'reasoning-clean')]);
    const texts = (events: Record<string, any>[]) => {
      const out: string[] = [];
      for (const e of events)
        if (e.type === 'response.reasoning_summary_text.delta') out[e.summary_index] = (out[e.summary_index] ?? '') + e.delta;
      return out;
    };
    const summary = SCENARIOS['reasoning-clean']!.reasoning!.summary;
    expect(texts(via)).toEqual(summary);
    const pick = (events: Record<string, any>[], type: string) =>
      events.filter((e) => e.type === type).map(({ sequence_number: _s, ...e }) => JSON.stringify(e));
    for (const type of [
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ])
      expect(pick(via, type), type).toEqual(pick(direct, type));
    const completed = (events: Record<string, any>[]) => JSON.stringify(events.find((e) => e.type === 'response.completed')!.response);
    expect(completed(via)).toBe(completed(direct));
  });
});

describe('reasoning summaries through the gateway (inspection action end)', () => {
  for (const stream of [false, true]) {
    it(`ends the response at a secret in a summary, nothing after it passed on (${stream ? 'streamed' : 'non-streamed'})`, async () => {
      const params = { model: 'reasoning-secret', input: 'go', tools };
      const final = stream
        ? await end.client.responses.stream(params).finalResponse()
        : await end.client.responses
            .create(params)
            .withResponse()
            .then(({ data, response }) => {
              receipts.push({ gateway: end, receipt: response.headers.get('x-seatbelt-receipt')! });
              return data;
            });
      expect(final.status).toBe('incomplete');
      expect(final.incomplete_details?.reason).toBe('content_filter');
      expect(final.output.map((o) => o.type)).toEqual(['reasoning']);
      const r = final.output[0]!;
      if (r.type !== 'reasoning') throw new Error('not a reasoning item');
      expect(r.summary).toHaveLength(1);
      expect(r.summary[0]!.text).toMatch(
        /^The user pasted \n\n\[seatbelt: the response was ended by rule gateway\.secret_in_output: .*aws-access-key/,
      );
      expect(JSON.stringify(final)).not.toContain(AWS_KEY);
      expect(JSON.stringify(final)).not.toContain('list the files');
    });
  }
});

describe('the trail', () => {
  it('seals each summary secret as an inspection record (where, kind, digest — never the secret), the receipts name them, and the trails verify', async () => {
    expect(await redact.gw.stop()).toBe(0);
    expect(await end.gw.stop()).toBe(0);
    for (const [g, action] of [
      [redact, 'redact'],
      [end, 'end'],
    ] as const) {
      const text = fs.readFileSync(path.join(g.cwd, 'audit.jsonl'), 'utf8');
      expect(text).not.toContain(AWS_KEY);
      const found = trail(g).filter((r) => r.type === 'inspection');
      const at = (where: string) => found.filter((r) => r.where === where && r.secret_sha256 === AWS_SHA && r.kind === 'aws-access-key');
      // redact: non-streamed and streamed summary, streamed reasoning_text; end: non-streamed and streamed summary.
      expect(at('output[0].summary[0].text')).toHaveLength(2);
      expect(at('output[0].content[0].text')).toHaveLength(action === 'redact' ? 1 : 0);
      for (const r of found)
        expect(r).toMatchObject({
          rule: 'gateway.secret_in_output',
          action,
          gateway: { api: 'openai-responses' },
          actor: { owner: 'human:alice' },
        });
      // The encrypted_content's token-shaped run was never inspected, so never recorded.
      expect(found.some((r) => r.kind === 'github-token')).toBe(false);
      await expectReceiptsAndTrail(
        g,
        receipts.filter((x) => x.gateway === g).map((x) => x.receipt),
        found,
        ['output[0].summary[0].text'],
        t.env,
      );
    }
    expect(receipts.map((r) => r.gateway === redact)).toEqual([true, false]);
  });
});

/** The adapter on its own: a trail that cannot seal, and upstream shapes that could carry text past the inspector. */
describe('the Responses adapter and reasoning items', () => {
  const whole = (summary: unknown) => ({ id: 'resp_1', output: [{ type: 'reasoning', id: 'rs_1', summary }] });

  it('a summary secret that cannot be sealed fails the response (the server answers 503), non-streamed', async () => {
    await expect(openaiResponses.respond(whole([{ type: 'summary_text', text: `k ${AWS_KEY}` }]), failing())).rejects.toMatchObject({
      code: 'AUDIT',
    });
  });

  it('a summary secret that cannot be sealed stops the stream before the text around it is passed on', async () => {
    const s = openaiResponses.streamer(failing());
    let out = '';
    let failed: unknown;
    try {
      for (const e of await upstream('reasoning-secret')) out += await s.event(e);
    } catch (err) {
      failed = err;
    }
    expect(failed).toBeInstanceOf(SeatbeltError);
    expect(out).not.toContain(AWS_KEY.slice(4));
    expect(out).not.toContain('as their key');
  });

  it('refuses summary parts whose text is not a string (a client would join an array into text)', async () => {
    await expect(openaiResponses.respond(whole([{ type: 'summary_text', text: [AWS_KEY] }]), turn())).rejects.toBeInstanceOf(
      MalformedUpstream,
    );
    await expect(openaiResponses.respond(whole('text'), turn())).rejects.toBeInstanceOf(MalformedUpstream);
  });

  const start = [
    { type: 'response.created', response: { id: 'resp_1', output: [] } },
    { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
  ];
  const at = { item_id: 'rs_1', output_index: 0, summary_index: 0 };
  for (const [name, bad] of [
    ['a delta that is not a string', { type: 'response.reasoning_summary_text.delta', ...at, delta: [AWS_KEY] }],
    ['a part added with text', { type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: AWS_KEY } }],
    [
      'a summary_index that is not a whole number',
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0.5, delta: 'x' },
    ],
    [
      'an item added with its summary text',
      {
        type: 'response.output_item.added',
        output_index: 1,
        item: { type: 'reasoning', id: 'rs_2', summary: [{ type: 'summary_text', text: AWS_KEY }] },
      },
    ],
  ] as const)
    it(`refuses a stream with ${name}, passing none of it`, async () => {
      const s = openaiResponses.streamer(turn());
      let out = '';
      for (const e of start) out += await s.event({ event: e.type, data: JSON.stringify(e) });
      await expect(s.event({ event: bad.type, data: JSON.stringify(bad) })).rejects.toBeInstanceOf(MalformedUpstream);
      expect(out).not.toContain(AWS_KEY);
    });

  it('refuses summary text events on a message item', async () => {
    const s = openaiResponses.streamer(turn());
    const events = [
      { type: 'response.created', response: { id: 'resp_1', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1', role: 'assistant', content: [] } },
    ];
    for (const e of events) await s.event({ event: e.type, data: JSON.stringify(e) });
    const bad = { type: 'response.reasoning_summary_text.delta', item_id: 'msg_1', output_index: 0, summary_index: 0, delta: 'x' };
    await expect(s.event({ event: bad.type, data: JSON.stringify(bad) })).rejects.toBeInstanceOf(MalformedUpstream);
  });
});

/** The fake upstream's events for a scenario, as the gateway's parser reads them. */
async function upstream(model: string) {
  const r = await fetch(`${up.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model, stream: true }) });
  const p = new SseParser();
  return [...p.push(new Uint8Array(await r.arrayBuffer())), ...p.end()];
}
