// OpenAI Responses refusal parts through the gateway (issue 14): a message's `refusal` content part
// is model text, inspected like output_text — streamed (response.refusal.delta/.done) and not — and
// each secret found is sealed as an inspection record the receipt lists. The official openai client
// against `seatbelt serve --dev` (the real binary), in front of the local fake upstream; the fake
// secrets are in formats the inspector knows (src/core/secret-formats.ts), none of them real.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { seatbelt } from '../e2e/helpers.js';
import { verifyReceipt } from '../../src/gateway/receipt.js';
import { SeatbeltError } from '../../src/core/error.js';
import { MalformedUpstream } from '../../src/gateway/apis/common.js';
import { openaiResponses } from '../../src/gateway/apis/openai-responses.js';
import { SseParser } from '../../src/gateway/http/sse.js';
import { AWS_KEY, SCENARIOS, type FakeUpstream } from './e2e-upstream.js';
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
const TEXT = SCENARIOS['refusal-secret']!.text!;
const REDACTED_REFUSAL = 'I will not use the key [REDACTED] you pasted.';
const WHERE = 'output[0].content[1].refusal';
const ENDED = /^I will not use the key \n\n\[seatbelt: the response was ended by rule gateway\.secret_in_output: .*aws-access-key/;

const gateways = redactAndEndGateways();
let up: FakeUpstream;
let t: Gateways['t'];
let redact: Gateway;
let end: Gateway;
beforeAll(() => ({ up, t, redact, end } = gateways));
/** Receipts of the responses that found a secret, checked against the trail at the end. */
const receipts: { gateway: Gateway; receipt: string }[] = [];

/** The refusal part of a message item, checked to be one. */
function refusalOf(item: OpenAI.Responses.ResponseOutputItem | undefined, c = 1): string {
  if (item?.type !== 'message') throw new Error(`not a message item: ${JSON.stringify(item)}`);
  const part = item.content[c];
  if (part?.type !== 'refusal') throw new Error(`not a refusal part: ${JSON.stringify(part)}`);
  return part.refusal;
}

describe('refusal parts through the gateway (redact)', () => {
  it('redacts a secret in a non-streamed refusal, leaves the output_text beside it as it is; the receipt lists the inspection', async () => {
    const { data, response } = await redact.client.responses.create({ model: 'refusal-secret', input: 'go', tools }).withResponse();
    expect(data.output.map((o) => o.type)).toEqual(['message', 'function_call']);
    const m = data.output[0]!;
    expect(m.type === 'message' && m.content).toEqual([
      { type: 'output_text', text: TEXT, annotations: [] },
      { type: 'refusal', refusal: REDACTED_REFUSAL },
    ]);
    expect(data.status).toBe('completed');
    expect(JSON.stringify(data)).not.toContain(AWS_KEY);
    const receipt = response.headers.get('x-seatbelt-receipt')!;
    const check = verifyReceipt(receipt, publicKeys(redact));
    expect(check.ok).toBe(true);
    // The inspection finding and the call's decision.
    if (check.ok) expect(check.records).toHaveLength(2);
    receipts.push({ gateway: redact, receipt });
  });

  it('redacts a secret split across streamed refusal deltas: in the deltas, the done events and the final response', async () => {
    expect(SCENARIOS['refusal-secret']!.textPiece).toBeLessThan(AWS_KEY.length); // the key arrives in pieces
    const s = redact.client.responses.stream({ model: 'refusal-secret', input: 'go', tools });
    let deltas = '';
    const done: string[] = [];
    const partsDone: unknown[] = [];
    const itemsDone: unknown[] = [];
    s.on('response.refusal.delta', (e) => (deltas += e.delta));
    s.on('response.refusal.done', (e) => done.push(e.refusal));
    s.on('response.content_part.done', (e) => partsDone.push(e.part));
    s.on('response.output_item.done', (e) => e.item.type === 'message' && itemsDone.push(e.item.content));
    const final = await s.finalResponse();
    expect(deltas).toBe(REDACTED_REFUSAL);
    expect(done).toEqual([REDACTED_REFUSAL]);
    expect(partsDone).toEqual([
      { type: 'output_text', text: TEXT, annotations: [] },
      { type: 'refusal', refusal: REDACTED_REFUSAL },
    ]);
    expect(itemsDone).toEqual([
      [
        { type: 'output_text', text: TEXT, annotations: [] },
        { type: 'refusal', refusal: REDACTED_REFUSAL },
      ],
    ]);
    expect(refusalOf(final.output[0])).toBe(REDACTED_REFUSAL);
    expect(final.output.map((o) => o.type)).toEqual(['message', 'function_call']);
    expect(JSON.stringify(final)).not.toContain(AWS_KEY);
  });

  it('passes a clean refusal unchanged, byte for byte (non-streamed)', async () => {
    const body = (base: string) =>
      fetch(`${base}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
        body: JSON.stringify({ model: 'refusal-clean', input: 'go' }),
      }).then((r) => r.text());
    const [via, direct] = await Promise.all([body(redact.gw.url), body(up.url)]);
    expect(via).toContain('naïve café');
    expect(JSON.stringify(JSON.parse(via).output)).toBe(JSON.stringify(JSON.parse(direct).output));
  });

  it('passes a clean refusal unchanged, byte for byte (streamed): the deltas add up to it, the done events and final item are the upstream’s', async () => {
    const [via, direct] = await Promise.all([rawEvents(redact.gw.url, 'refusal-clean'), rawEvents(up.url, 'refusal-clean')]);
    const refusal = (events: Record<string, any>[]) =>
      events
        .filter((e) => e.type === 'response.refusal.delta')
        .map((e) => e.delta)
        .join('');
    expect(refusal(via)).toBe(SCENARIOS['refusal-clean']!.refusal);
    const pick = (events: Record<string, any>[], type: string) =>
      events.filter((e) => e.type === type).map(({ sequence_number: _s, ...e }) => JSON.stringify(e));
    for (const type of ['response.content_part.added', 'response.refusal.done', 'response.content_part.done', 'response.output_item.done'])
      expect(pick(via, type), type).toEqual(pick(direct, type));
    const completed = (events: Record<string, any>[]) => JSON.stringify(events.find((e) => e.type === 'response.completed')!.response);
    expect(completed(via)).toBe(completed(direct));
  });
});

describe('refusal parts through the gateway (inspection action end)', () => {
  it('ends a non-streamed response at a secret in a refusal, nothing after it passed on', async () => {
    const { data, response } = await end.client.responses.create({ model: 'refusal-secret', input: 'go', tools }).withResponse();
    receipts.push({ gateway: end, receipt: response.headers.get('x-seatbelt-receipt')! });
    expect(data.status).toBe('incomplete');
    expect(data.incomplete_details?.reason).toBe('content_filter');
    expect(data.output.map((o) => o.type)).toEqual(['message']);
    expect(refusalOf(data.output[0])).toMatch(ENDED);
    expect(JSON.stringify(data)).not.toContain(AWS_KEY);
    expect(JSON.stringify(data)).not.toContain('you pasted');
  });

  it('ends a streamed response at a secret in a refusal: the refusal so far and a notice, its part and item closed, then response.incomplete', async () => {
    const events = await rawEvents(end.gw.url, 'refusal-secret');
    const types = events.map((e) => e.type);
    expect(types.slice(-5)).toEqual([
      'response.refusal.delta',
      'response.refusal.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(types).not.toContain('response.completed');
    expect(types.some((t) => t.startsWith('response.function_call'))).toBe(false);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events
      .filter((e) => e.type === 'response.refusal.delta')
      .map((e) => e.delta)
      .join('');
    expect(deltas).toMatch(ENDED);
    const doneEvent = events.find((e) => e.type === 'response.refusal.done')!;
    expect(doneEvent.refusal).toBe(deltas);
    expect(events.find((e) => e.type === 'response.content_part.done' && e.content_index === 1)!.part).toEqual({
      type: 'refusal',
      refusal: deltas,
    });
    const item = events.filter((e) => e.type === 'response.output_item.done').at(-1)!.item;
    expect(item).toMatchObject({
      type: 'message',
      status: 'incomplete',
      content: [
        { type: 'output_text', text: TEXT, annotations: [] },
        { type: 'refusal', refusal: deltas },
      ],
    });
    const incomplete = events.at(-1)!.response;
    expect(incomplete).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
    expect(incomplete.output).toEqual([item]);
    expect(JSON.stringify(events)).not.toContain(AWS_KEY);
    expect(JSON.stringify(events)).not.toContain('you pasted');
  });

  it('the official client reads the ended stream as an incomplete response', async () => {
    const final = await end.client.responses.stream({ model: 'refusal-secret', input: 'go', tools }).finalResponse();
    expect(final.status).toBe('incomplete');
    expect(final.output.map((o) => o.type)).toEqual(['message']);
    expect(refusalOf(final.output[0])).toMatch(ENDED);
    expect(JSON.stringify(final)).not.toContain(AWS_KEY);
  });
});

describe('the trail', () => {
  it('seals each refusal secret as an inspection record (where, kind, digest — never the secret), the receipts name them, and the trails verify', async () => {
    expect(await redact.gw.stop()).toBe(0);
    expect(await end.gw.stop()).toBe(0);
    for (const [g, action, count] of [
      [redact, 'redact', 2],
      [end, 'end', 3],
    ] as const) {
      const text = fs.readFileSync(path.join(g.cwd, 'audit.jsonl'), 'utf8');
      expect(text).not.toContain(AWS_KEY);
      const found = trail(g).filter((r) => r.type === 'inspection');
      // redact: non-streamed and streamed; end: non-streamed, raw streamed and SDK streamed.
      expect(found).toHaveLength(count);
      for (const r of found)
        expect(r).toMatchObject({
          where: WHERE,
          kind: 'aws-access-key',
          secret_sha256: AWS_SHA,
          rule: 'gateway.secret_in_output',
          action,
          gateway: { api: 'openai-responses' },
          actor: { owner: 'human:alice' },
        });
      await expectReceiptsAndTrail(
        g,
        receipts.filter((x) => x.gateway === g).map((x) => x.receipt),
        found,
        [WHERE],
        t.env,
      );
    }
    expect(receipts.map((r) => r.gateway === redact)).toEqual([true, false]);
  });
});

/** The adapter on its own: a trail that cannot seal, and upstream shapes that could carry refusal text past the inspector. */
describe('the Responses adapter and refusal parts', () => {
  const whole = (content: unknown) => ({ id: 'resp_1', output: [{ type: 'message', id: 'msg_1', role: 'assistant', content }] });

  it('a refusal secret that cannot be sealed fails the response (the server answers 503), non-streamed', async () => {
    await expect(openaiResponses.respond(whole([{ type: 'refusal', refusal: `k ${AWS_KEY}` }]), failing())).rejects.toMatchObject({
      code: 'AUDIT',
    });
  });

  it('a refusal secret that cannot be sealed stops the stream before the text around it is passed on', async () => {
    const s = openaiResponses.streamer(failing());
    let out = '';
    let failed: unknown;
    try {
      for (const e of await upstream('refusal-secret')) out += await s.event(e);
    } catch (err) {
      failed = err;
    }
    expect(failed).toBeInstanceOf(SeatbeltError);
    expect(out).not.toContain(AWS_KEY.slice(4));
    expect(out).not.toContain('you pasted');
  });

  it('refuses refusal parts whose refusal is not a string (a client would join an array into text)', async () => {
    await expect(openaiResponses.respond(whole([{ type: 'refusal', refusal: [AWS_KEY] }]), turn())).rejects.toBeInstanceOf(
      MalformedUpstream,
    );
  });

  it('inspects a refusal field wherever it appears in a part (a client may read it off any part)', async () => {
    const r = await openaiResponses.respond(whole([{ type: 'output_text', text: 'ok', refusal: `k ${AWS_KEY}`, annotations: [] }]), turn());
    expect(JSON.stringify(r.body)).not.toContain(AWS_KEY);
  });

  it("under end, a secret in a part's text ends it before its refusal field is passed on", async () => {
    const r = await openaiResponses.respond(
      whole([{ type: 'output_text', text: `k ${AWS_KEY}`, refusal: 'after the secret', annotations: [] }]),
      { ...turn(), inspection: 'end' },
    );
    expect(JSON.stringify(r.body)).not.toContain(AWS_KEY);
    expect(JSON.stringify(r.body)).not.toContain('after the secret');
  });

  const start = [
    { type: 'response.created', response: { id: 'resp_1', output: [] } },
    { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1', role: 'assistant', content: [] } },
  ];
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  for (const [name, before, bad] of [
    ['a refusal delta that is not a string', [], { type: 'response.refusal.delta', ...at, delta: [AWS_KEY] }],
    [
      'a refusal part added with its refusal',
      [],
      { type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: AWS_KEY } },
    ],
    [
      'a refusal part added with a text',
      [],
      { type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: '', text: AWS_KEY } },
    ],
    ['a content_index that is not a whole number', [], { type: 'response.refusal.delta', ...at, content_index: 0.5, delta: 'x' }],
    [
      'refusal deltas on an output_text part',
      [{ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } }],
      { type: 'response.refusal.delta', ...at, delta: 'x' },
    ],
    [
      'output_text deltas on a refusal part',
      [{ type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: '' } }],
      { type: 'response.output_text.delta', ...at, delta: 'x', logprobs: [] },
    ],
    ['a message part of another type', [], { type: 'response.content_part.added', ...at, part: { type: 'reasoning_text', text: '' } }],
    [
      'an item added with its refusal text',
      [],
      {
        type: 'response.output_item.added',
        output_index: 1,
        item: { type: 'message', id: 'msg_2', role: 'assistant', content: [{ type: 'refusal', refusal: AWS_KEY }] },
      },
    ],
  ] as const)
    it(`refuses a stream with ${name}, passing none of it`, async () => {
      const s = openaiResponses.streamer(turn());
      let out = '';
      for (const e of [...start, ...before]) out += await s.event({ event: e.type, data: JSON.stringify(e) });
      await expect(s.event({ event: bad.type, data: JSON.stringify(bad) })).rejects.toBeInstanceOf(MalformedUpstream);
      expect(out).not.toContain(AWS_KEY);
    });

  it('refuses refusal events on a reasoning item', async () => {
    const s = openaiResponses.streamer(turn());
    const events = [
      { type: 'response.created', response: { id: 'resp_1', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
    ];
    for (const e of events) await s.event({ event: e.type, data: JSON.stringify(e) });
    const bad = { type: 'response.refusal.delta', item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'x' };
    await expect(s.event({ event: bad.type, data: JSON.stringify(bad) })).rejects.toBeInstanceOf(MalformedUpstream);
  });
});

/** The fake upstream's events for a scenario, as the gateway's parser reads them. */
async function upstream(model: string) {
  const r = await fetch(`${up.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model, stream: true }) });
  const p = new SseParser();
  return [...p.push(new Uint8Array(await r.arrayBuffer())), ...p.end()];
}
