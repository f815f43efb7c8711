// The API adapters' streamers on their own, with a turn that records what it was asked: inspection
// action `end` in each API's terms, a stream cut before its end, held arguments over the limit, and
// a trail that cannot seal (the error reaches the server, which fails closed).
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SeatbeltError } from '../../src/core/error.js';
import type { ToolCall, ToolVerdict } from '../../src/gateway/commit.js';
import { HeldTooLarge, type ApiAdapter, type Turn } from '../../src/gateway/apis/common.js';
import type { SecretFound } from '../../src/gateway/inspect.js';
import { openaiChat } from '../../src/gateway/apis/openai-chat.js';
import { openaiResponses } from '../../src/gateway/apis/openai-responses.js';
import { anthropicMessages } from '../../src/gateway/apis/anthropic-messages.js';
import { SseParser } from '../../src/gateway/http/sse.js';
import { AWS_KEY, SCENARIOS } from './e2e-upstream.js';

const RECORD = { id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba2', hash: 'a'.repeat(64) };

function turn(
  opts: {
    action?: 'redact' | 'end';
    maxHeld?: number;
    commit?: (c: ToolCall) => Promise<ToolVerdict>;
    secret?: (f: SecretFound & { where: string }) => void;
  } = {},
) {
  const calls: ToolCall[] = [];
  const secrets: (SecretFound & { where: string })[] = [];
  const t: Turn = {
    commit:
      opts.commit ??
      (async (c) => {
        calls.push(c);
        return { verdict: 'allow', record: RECORD } as ToolVerdict;
      }),
    seen: () => {},
    secret: (f) => {
      opts.secret?.(f);
      secrets.push(f);
    },
    usage: () => {},
    inspection: opts.action ?? 'redact',
    maxHeld: opts.maxHeld ?? 1 << 20,
  };
  return { t, calls, secrets };
}

/** The fake upstream's events for a scenario, as the gateway's parser reads them. */
async function upstreamEvents(path: string, scenario: string) {
  const { startFakeUpstream } = await import('./e2e-upstream.js');
  const up = await startFakeUpstream();
  try {
    const r = await fetch(`${up.url}${path}`, { method: 'POST', body: JSON.stringify({ model: scenario, stream: true }) });
    const p = new SseParser();
    return [...p.push(new Uint8Array(await r.arrayBuffer())), ...p.end()];
  } finally {
    await up.close();
  }
}

async function run(api: ApiAdapter, path: string, scenario: string, tt: Turn, cut?: number) {
  const events = await upstreamEvents(path, scenario);
  const s = api.streamer(tt);
  let out = '';
  for (const e of cut === undefined ? events : events.slice(0, cut)) out += await s.event(e);
  return out + (await s.end());
}

const APIS: [ApiAdapter, string][] = [
  [openaiChat, '/v1/chat/completions'],
  [openaiResponses, '/v1/responses'],
  [anthropicMessages, '/v1/messages'],
];

describe('streamers', () => {
  for (const [api, path] of APIS) {
    it(`${api.name}: inspection action end stops the stream at the secret, naming the rule`, async () => {
      const { t, secrets } = turn({ action: 'end' });
      const out = await run(api, path, 'secret', t);
      expect(out).not.toContain(AWS_KEY.slice(4));
      expect(out).toContain('gateway.secret_in_output');
      expect(out).not.toContain('keep it safe');
      // What the trail records: the kind, where, and the secret's digest (never the secret).
      const where = {
        'openai-chat': 'choices[0].delta.content',
        'openai-responses': 'output[0].content[0].text',
        'anthropic-messages': 'content[0].text',
      };
      expect(secrets).toEqual([
        { kind: 'aws-access-key', where: where[api.name], sha256: createHash('sha256').update(AWS_KEY).digest('hex') },
      ]);
      const ending = {
        'openai-chat': '"finish_reason":"content_filter"',
        'openai-responses': 'response.incomplete',
        'anthropic-messages': '"stop_reason":"refusal"',
      };
      expect(out).toContain(ending[api.name]);
    });

    it(`${api.name}: a secret that cannot be sealed stops the stream (the server fails closed), before the text around it is passed on`, async () => {
      for (const action of ['redact', 'end'] as const) {
        const events = await upstreamEvents(path, 'secret');
        const { t } = turn({
          action,
          secret: () => {
            throw new SeatbeltError('AUDIT', 'disk full');
          },
        });
        const s = api.streamer(t);
        let out = '';
        let failed: unknown;
        try {
          for (const e of events) out += await s.event(e);
          out += await s.end();
        } catch (err) {
          failed = err;
        }
        expect(failed, action).toBeInstanceOf(SeatbeltError);
        expect(out).not.toContain(AWS_KEY.slice(4));
        expect(out).not.toContain('keep it safe');
      }
    });

    it(`${api.name}: a stream cut before its end passes no tool call and ends with an error event`, async () => {
      const { t, calls } = turn();
      const events = await upstreamEvents(path, 'split-call');
      const cutAt = events.length - 3;
      const out = await run(api, path, 'split-call', t, cutAt);
      expect(calls).toEqual([]);
      expect(out).not.toContain('git status --short');
      expect(out).toMatch(/error/);
    });

    it(`${api.name}: arguments held past the limit end the stream (fail closed)`, async () => {
      const { t } = turn({ maxHeld: 10 });
      await expect(run(api, path, 'split-call', t)).rejects.toBeInstanceOf(HeldTooLarge);
    });

    it(`${api.name}: a trail that cannot seal fails the stream, no call passed`, async () => {
      const { t } = turn({
        commit: async () => {
          throw new SeatbeltError('AUDIT', 'disk full');
        },
      });
      await expect(run(api, path, 'one-call', t)).rejects.toMatchObject({ code: 'AUDIT' });
    });
  }

  it('the scenarios used here carry what the tests expect', () => {
    expect(SCENARIOS.secret!.text).toContain(AWS_KEY);
  });
});
