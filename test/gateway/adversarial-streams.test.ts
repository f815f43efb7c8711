// Red-team regressions for the streamers and the argument reader: upstream event sequences that
// would make a client run a tool call other than the one the gate judged (or one it never saw).
// Each is refused (MalformedUpstream: the server ends the stream with an error, nothing of the call
// passed), or the call reaches the caller exactly as judged. The commit here blocks any call whose
// arguments mention `rm -rf`; nothing runs a tool call.
import { describe, expect, it } from 'vitest';
import type { ToolCall, ToolVerdict } from '../../src/gateway/commit.js';
import { MalformedUpstream, hasDuplicateKey, parseArguments, type ApiAdapter, type Turn } from '../../src/gateway/apis/common.js';
import { openaiChat } from '../../src/gateway/apis/openai-chat.js';
import { openaiResponses } from '../../src/gateway/apis/openai-responses.js';
import { anthropicMessages } from '../../src/gateway/apis/anthropic-messages.js';
import { SseParser, type SseEvent } from '../../src/gateway/http/sse.js';
import { defaultRegistry, lookupTool, resolveToolCall } from '../../src/gateway/registry.js';

const RECORD = { id: '01a24e5d-155f-738e-9ad8-5bcb20d5cba2', hash: 'a'.repeat(64) };
const BAD = 'rm -rf /';

function turn() {
  const judged: ToolCall[] = [];
  const t: Turn = {
    commit: async (c) => {
      judged.push(c);
      const verdict = JSON.stringify(c.arguments).includes('rm -rf') ? 'block' : 'allow';
      return { verdict, record: RECORD, ...(verdict === 'block' ? { ruleId: 'test.rm' } : {}) } as ToolVerdict;
    },
    seen: () => {},
    secret: () => {},
    usage: () => {},
    inspection: 'redact',
    maxHeld: 1 << 20,
  };
  return { t, judged };
}

const ev = (event: string | undefined, data: unknown): SseEvent => ({
  ...(event !== undefined ? { event } : {}),
  data: JSON.stringify(data),
});

async function run(api: ApiAdapter, events: SseEvent[]): Promise<{ out: string; judged: ToolCall[] }> {
  const { t, judged } = turn();
  const s = api.streamer(t);
  let out = '';
  for (const e of events) out += await s.event(e);
  return { out: out + (await s.end()), judged };
}

/** The events the caller receives, parsed back. */
function received(out: string): Record<string, unknown>[] {
  const p = new SseParser();
  return [...p.push(new TextEncoder().encode(out)), ...p.end()].filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
}

// --- Anthropic Messages ---

const A = {
  start: ev('message_start', {
    type: 'message_start',
    message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'm', usage: { input_tokens: 1, output_tokens: 0 } },
  }),
  tool: (index: number, input: unknown = {}) =>
    ev('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'bash', input },
    }),
  json: (index: number, partial: unknown) =>
    ev('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } }),
  stop: (index: number) => ev('content_block_stop', { type: 'content_block_stop', index }),
  delta: ev('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 9 },
  }),
  end: ev('message_stop', { type: 'message_stop' }),
};

describe('anthropic-messages stream: a tool_use block is judged as the client will read it', () => {
  const refuses = async (events: SseEvent[], why: RegExp) => {
    await expect(run(anthropicMessages, events)).rejects.toThrow(MalformedUpstream);
    await expect(run(anthropicMessages, events)).rejects.toThrow(why);
  };

  it('refuses an event whose name and data type differ (a "ping" carrying a tool_use block)', async () => {
    const sneaky = { ...A.tool(0, { command: BAD }), event: 'ping' };
    const { t } = turn();
    const s = anthropicMessages.streamer(t);
    await s.event(A.start);
    await expect(s.event(sneaky)).rejects.toThrow(/named "ping" carries "content_block_start"/);
  });

  it('refuses a delta for a block index that is not open (-1, 0.5, never started)', async () => {
    for (const index of [-1, 0.5, 1]) {
      const { t } = turn();
      const s = anthropicMessages.streamer(t);
      await s.event(A.start);
      await s.event(A.tool(0));
      await s.event(A.json(0, '{"command":"ls"}'));
      await expect(s.event(A.json(index, `{"command":"${BAD}"}`))).rejects.toThrow(MalformedUpstream);
    }
  });

  it('refuses a block index started twice, out of order, or after message_delta', async () => {
    await refuses([A.start, A.tool(0), A.json(0, `{"command":"${BAD}"}`), A.stop(0), A.tool(0)], /block 1 comes next/);
    await refuses([A.start, A.tool(1)], /block 0 comes next/);
    await refuses(
      [A.start, A.tool(0), A.json(0, '{"command":"ls"}'), A.stop(0), A.delta, A.json(0, `{"command":"${BAD}"}`)],
      /after message_delta/,
    );
  });

  it('refuses partial_json that is not a string (a client appends an array as its text)', async () => {
    await refuses([A.start, A.tool(0, { command: 'ls' }), A.json(0, [`{"command":"${BAD}"}`])], /string partial_json/);
  });

  it('refuses a message_start that already carries content', async () => {
    const start = JSON.parse(A.start.data);
    start.message.content = [{ type: 'tool_use', id: 'toolu_x', name: 'bash', input: { command: BAD } }];
    await refuses([ev('message_start', start)], /no content/);
  });

  it('refuses message_delta while a block is open', async () => {
    await refuses([A.start, A.tool(0), A.json(0, '{"command":"ls"}'), A.delta], /before every content block stopped/);
  });

  it('sends a passing call as judged: the start carries no input of its own, the input comes in one delta', async () => {
    const { out, judged } = await run(anthropicMessages, [
      A.start,
      A.tool(0, { command: BAD }),
      A.json(0, '{"command":'),
      A.json(0, '"ls"}'),
      A.stop(0),
      A.delta,
      A.end,
    ]);
    expect(judged.map((c) => c.arguments)).toEqual([{ command: 'ls' }]);
    expect(out).not.toContain('rm -rf');
    const deltas = received(out).filter((e) => e.type === 'content_block_delta');
    expect(deltas).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"command":"ls"}' } },
    ]);
    expect(received(out).find((e) => e.type === 'content_block_start')).toMatchObject({ content_block: { input: {} } });
  });
});

// --- OpenAI Responses ---

const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'bash', arguments: '', status: 'in_progress' };
const R = {
  created: ev('response.created', { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } }),
  added: (index: number, item: Record<string, unknown> = call) =>
    ev('response.output_item.added', { type: 'response.output_item.added', output_index: index, item }),
  args: (index: number, delta: unknown, itemId = 'fc_1') =>
    ev('response.function_call_arguments.delta', {
      type: 'response.function_call_arguments.delta',
      output_index: index,
      item_id: itemId,
      delta,
    }),
  done: (index: number, item: Record<string, unknown>) =>
    ev('response.output_item.done', { type: 'response.output_item.done', output_index: index, item }),
  completed: (output: unknown[]) =>
    ev('response.completed', { type: 'response.completed', response: { id: 'resp_1', status: 'completed', output } }),
};
const doneCall = (args: string, extra: Record<string, unknown> = {}) => ({ ...call, arguments: args, status: 'completed', ...extra });

describe('openai-responses stream: a function_call is judged as the client will read it', () => {
  const refuses = async (events: SseEvent[], why: RegExp) => {
    await expect(run(openaiResponses, events)).rejects.toThrow(MalformedUpstream);
    await expect(run(openaiResponses, events)).rejects.toThrow(why);
  };
  const ls = '{"command":"ls"}';
  const bad = `{"command":"${BAD}"}`;

  it('refuses a final output with a function_call the stream never announced', async () => {
    await refuses([R.created, R.completed([doneCall(bad)])], /did not announce/);
  });

  it('sends the final output with the call as judged, not as the terminal event restates it', async () => {
    const { out, judged } = await run(openaiResponses, [
      R.created,
      R.added(0),
      R.args(0, ls),
      R.done(0, doneCall(ls)),
      R.completed([doneCall(bad)]),
    ]);
    expect(judged.map((c) => c.arguments)).toEqual([{ command: 'ls' }]);
    expect(out).not.toContain('rm -rf');
    const completed = received(out).find((e) => e.type === 'response.completed') as { response: { output: { arguments: string }[] } };
    expect(completed.response.output[0]!.arguments).toBe(ls);
  });

  it('sends a passing call as judged: argument deltas that disagree with the done item never reach the caller', async () => {
    const { out } = await run(openaiResponses, [
      R.created,
      R.added(0),
      R.args(0, bad),
      R.done(0, doneCall(ls)),
      R.completed([doneCall(ls)]),
    ]);
    expect(out).not.toContain('rm -rf');
    const deltas = received(out).filter((e) => e.type === 'response.function_call_arguments.delta');
    expect(deltas.map((d) => d.delta)).toEqual([ls]);
  });

  it('refuses an output index added twice or out of order, and events for an item not open', async () => {
    await refuses(
      [R.created, R.added(0, { type: 'message', id: 'msg_1', role: 'assistant', content: [] }), R.added(0)],
      /item 1 comes next/,
    );
    await refuses([R.created, R.added(1)], /item 0 comes next/);
    await refuses([R.created, R.added(0), R.args(1, bad)], /not open/);
    await refuses([R.created, R.added(0), R.args(0, bad, 'fc_other')], /names item fc_other/);
    await refuses([R.created, R.added(0), R.args(0, ls), R.done(0, doneCall(ls)), R.args(0, bad)], /not open/);
  });

  it('refuses an item that ends as another type, name or call id than it began', async () => {
    const shell = { type: 'local_shell_call', id: 'fc_1', call_id: 'call_1', action: { type: 'exec', command: ['rm', '-rf', '/'] } };
    await refuses([R.created, R.added(0, { type: 'message', id: 'm', role: 'assistant', content: [] }), R.done(0, shell)], /type it began/);
    await refuses([R.created, R.added(0), R.args(0, bad), R.done(0, doneCall(bad, { name: 'notes' }))], /name and call_id/);
    await refuses([R.created, R.added(0), R.args(0, ls), R.done(0, doneCall(ls, { call_id: 'call_2' }))], /name and call_id/);
  });

  it('refuses non-string argument deltas, a response.created carrying output, and a name that differs from the type', async () => {
    await refuses([R.created, R.added(0), R.args(0, [bad])], /string delta/);
    await refuses(
      [ev('response.created', { type: 'response.created', response: { id: 'r', status: 'in_progress', output: [doneCall(bad)] } })],
      /must carry no output/,
    );
    await refuses([R.created, { ...R.added(0), event: 'response.in_progress' }], /differs from its name/);
  });

  it('refuses a call that never finished before the response did', async () => {
    await refuses([R.created, R.added(0), R.args(0, ls), R.completed([doneCall(ls)])], /before a function_call item was done/);
  });
});

// --- OpenAI Chat Completions ---

describe('openai-chat stream', () => {
  const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ev(undefined, { id: 'c1', object: 'chat.completion.chunk', model: 'm', choices: [choice], ...extra });
  const badCall = { index: 0, id: 'call_x', type: 'function', function: { name: 'bash', arguments: `{"command":"${BAD}"}` } };

  it('passes an upstream error event alone: a client that reads past `error` finds no choices in it', async () => {
    const e = chunk({ index: 0, delta: { tool_calls: [badCall] }, finish_reason: 'tool_calls' }, { error: { message: 'boom' } });
    const { out, judged } = await run(openaiChat, [e]);
    expect(judged).toEqual([]);
    expect(out).not.toContain('rm -rf');
    expect(received(out)).toEqual([{ error: { message: 'boom' } }]);
  });

  it("drops a choice's own message/tool_calls (only the delta carries calls, and they are judged)", async () => {
    const { out } = await run(openaiChat, [
      chunk({
        index: 0,
        delta: { content: 'Listing the files. ' },
        message: { tool_calls: [badCall] },
        tool_calls: [badCall],
        finish_reason: null,
      }),
      chunk({ index: 0, delta: {}, finish_reason: 'stop' }),
    ]);
    expect(out).toContain('Listing the');
    expect(out).not.toContain('rm -rf');
  });
});

// --- arguments: what the gate reads is what any parser reads ---

describe('tool-call arguments', () => {
  it('text with a key twice stays unparsed (JSON.parse keeps the last, other parsers the first)', () => {
    const dup = `{"command":"${BAD}","command":"ls"}`;
    expect(hasDuplicateKey(dup)).toBe(true);
    expect(parseArguments(dup)).toBe(dup);
    expect(hasDuplicateKey('{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}],"d":"\\"x\\":1,\\"x\\""}')).toBe(false);
    expect(hasDuplicateKey('{"a":[{"x":1,"x":2}]}')).toBe(true);
    expect(hasDuplicateKey('{"\\u0063ommand":"ls","command":"x"}')).toBe(true); // the same key, escaped
    expect(parseArguments('{"command":"ls"}')).toEqual({ command: 'ls' });
    expect(resolveToolCall(defaultRegistry(), 'bash', parseArguments(dup))).toMatchObject({ kind: 'malformed' });
  });

  it('a member beside the pointed one that differs only by case or compatibility form is malformed', () => {
    const reg = defaultRegistry();
    expect(resolveToolCall(reg, 'bash', { command: 'ls', Command: BAD })).toMatchObject({ kind: 'malformed' });
    expect(resolveToolCall(reg, 'bash', { cmd: 'ls', COMMAND: BAD })).toMatchObject({ kind: 'malformed' });
    expect(resolveToolCall(reg, 'execute_sql', { sql: 'SELECT 1', ſql: 'DROP TABLE users' })).toMatchObject({ kind: 'malformed' });
    expect(resolveToolCall(reg, 'bash', { command: 'ls', timeout: 5 })).toMatchObject({ kind: 'action' });
  });
});

describe('tool names and requests', () => {
  it('a tool name that is a registry name but for case, compatibility form, spaces or invisible marks is that tool', () => {
    const reg = defaultRegistry();
    for (const name of ['BASH', 'bash ', ' bash', 'ｂａｓｈ', 'ba\u200bsh', 'bash\u00a0', 'execute\u2060_sql'])
      expect(lookupTool(reg, name)?.name, JSON.stringify(name)).toMatch(/^(bash|execute_sql)$/);
    expect(resolveToolCall(reg, 'bash\u200b', { command: BAD })).toMatchObject({ kind: 'action', action: { kind: 'shell', script: BAD } });
    expect(lookupTool(reg, 'bash2')).toBeUndefined();
  });

  it('refuses a Responses request naming a stored prompt (its tools cannot be checked)', () => {
    expect(openaiResponses.readRequest({ model: 'm', prompt: { id: 'pmpt_1' } }).problems.join()).toMatch(/"prompt"/);
    expect(openaiResponses.readRequest({ model: 'm', input: 'hi' }).problems).toEqual([]);
  });
});
