// A local fake model API for the gateway's tests: node:http, replaying the response shapes the real
// APIs send (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages), streamed and not. The
// request's `model` names the scenario. Streamed events are written in two pieces each, so the
// gateway sees events split across reads. Tool calls here are data: nothing ever runs them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  id: string;
  name: string;
  args: string;
}

export interface Scenario {
  text?: string;
  calls?: Call[];
  /** Split each call's arguments into pieces of this many characters (streamed). */
  argPiece?: number;
  /** Split the text into pieces of this many characters (streamed). */
  textPiece?: number;
  /** Answer with this raw body instead (a malformed upstream). */
  raw?: string;
  /** Milliseconds between streamed events (a slow model). */
  delayMs?: number;
  /** Anthropic only: a thinking block first (streamed as thinking_delta in pieces of textPiece, then its signature). */
  thinking?: string;
  /** Anthropic only: a redacted_thinking block (the provider's encrypted data), before the rest. */
  redactedThinking?: string;
  /**
   * OpenAI Responses only: a reasoning item first, with these summary parts (streamed as
   * reasoning_summary_text deltas in pieces of textPiece), its reasoning_text parts and its
   * encrypted_content.
   */
  reasoning?: { summary: string[]; text?: string[]; encrypted?: string };
  /** OpenAI Responses only: the message carries this refusal part after its text (streamed as refusal deltas in pieces of textPiece). */
  refusal?: string;
}

/** The signature the fake provider puts on a thinking block. */
export const THINKING_SIGNATURE = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds';

export const AWS_KEY = 'AKIA' + 'ZQ3DEXAMPLE7KEY9';
/** A reasoning item's encrypted_content (the provider's, opaque): it happens to hold a GitHub-token-shaped run. */
export const ENCRYPTED = 'gAAAAABo+' + 'ghp_' + 'Zq3Dexample0Token1Fake2Value3Abcd4Efgh' + '==';

export const SCENARIOS: Record<string, Scenario> = {
  plain: { text: 'Hello from the model.' },
  'one-call': { calls: [{ id: 'call_ls', name: 'bash', args: '{"command":"ls -la src"}' }] },
  'split-call': {
    text: 'Listing.',
    calls: [{ id: 'call_split', name: 'bash', args: '{"command": "git status --short && ls -la src"}' }],
    argPiece: 2,
  },
  parallel: {
    calls: [
      { id: 'call_a', name: 'bash', args: '{"command":"ls src"}' },
      { id: 'call_b', name: 'execute_sql', args: '{"query":"SELECT id FROM users WHERE id = 1"}' },
    ],
    argPiece: 5,
  },
  mixed: {
    text: 'Running two commands.',
    calls: [
      { id: 'call_ok', name: 'bash', args: '{"command":"ls -la"}' },
      { id: 'call_bad', name: 'bash', args: '{"command":"rm -rf /"}' },
    ],
    argPiece: 3,
  },
  refused: { calls: [{ id: 'call_bad', name: 'bash', args: '{"command":"rm -rf /"}' }], argPiece: 4 },
  secret: { text: `Your key is ${AWS_KEY} — keep it safe.`, textPiece: 3 },
  'secret-thinking': {
    thinking: `The user's key is ${AWS_KEY}; I should not repeat it.`,
    redactedThinking: `EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB0URj${AWS_KEY}`,
    text: 'Done thinking.',
    textPiece: 4,
  },
  held: { calls: [{ id: 'call_pay', name: 'send_payment', args: '{"to":"acme","amount":100}' }] },
  // Anthropic's text editor tool: writes to guarded places (refused) beside everyday edits and a view (passed).
  editor: {
    calls: [
      { id: 'toolu_cfg', name: 'str_replace_based_edit_tool', args: '{"command":"create","path":".seatbelt.json","file_text":"{}"}' },
      {
        id: 'toolu_ssh',
        name: 'str_replace_based_edit_tool',
        args: '{"command":"str_replace","path":"~/.ssh/authorized_keys","old_str":"","new_str":"ssh-ed25519 AAAA attacker"}',
      },
      {
        id: 'toolu_hook',
        name: 'str_replace_based_edit_tool',
        args: '{"command":"insert","path":".git/hooks/pre-commit","insert_line":0,"insert_text":"exit 0"}',
      },
      { id: 'toolu_src', name: 'str_replace_based_edit_tool', args: '{"command":"create","path":"src/app.ts","file_text":"export {};"}' },
      { id: 'toolu_view', name: 'str_replace_based_edit_tool', args: '{"command":"view","path":"README.md"}' },
    ],
    argPiece: 7,
  },
  // OpenAI Responses reasoning items: a secret in a summary (and a token-shaped string in the opaque encrypted_content).
  'reasoning-secret': {
    reasoning: {
      summary: [`The user pasted ${AWS_KEY} as their key; I will not repeat it.`, 'Then list the files.'],
      encrypted: ENCRYPTED,
    },
    text: 'Done.',
    calls: [{ id: 'call_ls', name: 'bash', args: '{"command":"ls -la src"}' }],
    textPiece: 3,
  },
  'reasoning-clean': {
    reasoning: {
      summary: ['**Planning** — list `src/` first; naïve café ✓.\n\nAKIA alone is only a prefix.', 'Second  part,\ttabs kept.'],
    },
    text: 'Done.',
    textPiece: 5,
  },
  'reasoning-text-secret': { reasoning: { summary: [], text: [`raw chain: key=${AWS_KEY} end`] }, text: 'Done.', textPiece: 3 },
  // OpenAI Responses refusal parts: a secret in a refusal (after a clean output_text part), and a clean one.
  'refusal-secret': {
    text: 'I cannot do that.',
    refusal: `I will not use the key ${AWS_KEY} you pasted.`,
    calls: [{ id: 'call_ls', name: 'bash', args: '{"command":"ls -la src"}' }],
    textPiece: 3,
  },
  'refusal-clean': { refusal: 'I can’t help with **that** — naïve café ✓.\n\nAKIA alone is only a prefix.\tTabs kept.', textPiece: 5 },
  malformed: { raw: 'this is not the API {' },
  slow: { text: 'one two three four five six seven eight nine ten', textPiece: 4, delayMs: 40 },
};

export interface FakeUpstream {
  url: string;
  /** Requests seen: path, headers, body. */
  seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const seen: FakeUpstream['seen'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      seen.push({ path, headers: req.headers, body });
      if (req.method === 'GET' && path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }] }));
        return;
      }
      let json: { model?: string; stream?: boolean };
      try {
        json = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const name = json.model ?? 'plain';
      const s = SCENARIOS[name];
      if (!s) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no scenario ${name}`, type: 'invalid_request_error' } }));
        return;
      }
      const stream = json.stream === true;
      if (s.raw !== undefined) {
        res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
        res.end(stream ? `data: ${s.raw}\n\n` : s.raw);
        return;
      }
      const api =
        path === '/v1/chat/completions' ? chat : path === '/v1/responses' ? responses : path === '/v1/messages' ? messages : undefined;
      if (!api) {
        res.writeHead(404).end();
        return;
      }
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(api.whole(s, name)));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      void writeEvents(res, api.events(s, name), s.delayMs ?? 0);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeEvents(res: http.ServerResponse, events: string[], delayMs: number): Promise<void> {
  for (const e of events) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const cut = Math.max(1, Math.floor(e.length / 2));
    res.write(e.slice(0, cut));
    await new Promise((r) => setImmediate(r));
    res.write(e.slice(cut));
  }
  res.end();
}

function pieces(s: string, n: number | undefined): string[] {
  if (!n) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}

const data = (j: unknown) => `data: ${JSON.stringify(j)}\n\n`;
const named = (event: string, j: unknown) => `event: ${event}\ndata: ${JSON.stringify(j)}\n\n`;

const chat = {
  whole(s: Scenario, model: string) {
    const calls = s.calls ?? [];
    return {
      id: 'chatcmpl-fake1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: s.text ?? null,
            refusal: null,
            ...(calls.length
              ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } })) }
              : {}),
          },
          logprobs: null,
          finish_reason: calls.length ? 'tool_calls' : 'stop',
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
      system_fingerprint: 'fp_fake',
    };
  },
  events(s: Scenario, model: string): string[] {
    const env = { id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: 1_700_000_000, model, system_fingerprint: 'fp_fake' };
    const chunk = (delta: unknown, finish: string | null = null) =>
      data({ ...env, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const out = [chunk({ role: 'assistant', content: '', refusal: null })];
    for (const t of s.text ? pieces(s.text, s.textPiece) : []) out.push(chunk({ content: t }));
    (s.calls ?? []).forEach((c, i) => {
      out.push(chunk({ tool_calls: [{ index: i, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
      for (const a of pieces(c.args, s.argPiece)) out.push(chunk({ tool_calls: [{ index: i, function: { arguments: a } }] }));
    });
    out.push(chunk({}, s.calls?.length ? 'tool_calls' : 'stop'));
    out.push('data: [DONE]\n\n');
    return out;
  },
};

const responses = {
  whole(s: Scenario, model: string) {
    const output: unknown[] = [];
    if (s.reasoning)
      output.push({
        type: 'reasoning',
        id: 'rs_fake1',
        summary: s.reasoning.summary.map((text) => ({ type: 'summary_text', text })),
        ...(s.reasoning.text ? { content: s.reasoning.text.map((text) => ({ type: 'reasoning_text', text })) } : {}),
        ...(s.reasoning.encrypted ? { encrypted_content: s.reasoning.encrypted } : {}),
        status: 'completed',
      });
    if (s.text || s.refusal)
      output.push({
        type: 'message',
        id: 'msg_fake1',
        status: 'completed',
        role: 'assistant',
        content: [
          ...(s.text ? [{ type: 'output_text', text: s.text, annotations: [] }] : []),
          ...(s.refusal ? [{ type: 'refusal', refusal: s.refusal }] : []),
        ],
      });
    for (const c of s.calls ?? [])
      output.push({ type: 'function_call', id: `fc_${c.id}`, call_id: c.id, name: c.name, arguments: c.args, status: 'completed' });
    return {
      id: 'resp_fake1',
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      model,
      output,
      usage: { input_tokens: 20, output_tokens: 10, total_tokens: 30 },
    };
  },
  events(s: Scenario, model: string): string[] {
    let seq = 0;
    const ev = (j: Record<string, unknown>) => named(j.type as string, { ...j, sequence_number: seq++ });
    const base = { id: 'resp_fake1', object: 'response', created_at: 1_700_000_000, model, output: [] as unknown[] };
    const out = [
      ev({ type: 'response.created', response: { ...base, status: 'in_progress' } }),
      ev({ type: 'response.in_progress', response: { ...base, status: 'in_progress' } }),
    ];
    const whole = responses.whole(s, model);
    let index = 0;
    if (s.reasoning) {
      const r = s.reasoning;
      const item = { item_id: 'rs_fake1', output_index: index };
      out.push(ev({ type: 'response.output_item.added', output_index: index, item: { type: 'reasoning', id: 'rs_fake1', summary: [] } }));
      (r.text ?? []).forEach((text, c) => {
        const at = { ...item, content_index: c };
        out.push(ev({ type: 'response.content_part.added', ...at, part: { type: 'reasoning_text', text: '' } }));
        for (const t of pieces(text, s.textPiece)) out.push(ev({ type: 'response.reasoning_text.delta', ...at, delta: t }));
        out.push(ev({ type: 'response.reasoning_text.done', ...at, text }));
        out.push(ev({ type: 'response.content_part.done', ...at, part: { type: 'reasoning_text', text } }));
      });
      r.summary.forEach((text, k) => {
        const at = { ...item, summary_index: k };
        out.push(ev({ type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } }));
        for (const t of pieces(text, s.textPiece)) out.push(ev({ type: 'response.reasoning_summary_text.delta', ...at, delta: t }));
        out.push(ev({ type: 'response.reasoning_summary_text.done', ...at, text }));
        out.push(ev({ type: 'response.reasoning_summary_part.done', ...at, part: { type: 'summary_text', text } }));
      });
      out.push(ev({ type: 'response.output_item.done', output_index: index, item: whole.output[index] }));
      index++;
    }
    if (s.text || s.refusal) {
      const at = { item_id: 'msg_fake1', output_index: index, content_index: 0 };
      out.push(
        ev({
          type: 'response.output_item.added',
          output_index: index,
          item: { type: 'message', id: 'msg_fake1', status: 'in_progress', role: 'assistant', content: [] },
        }),
      );
      if (s.text) {
        out.push(ev({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } }));
        for (const t of pieces(s.text, s.textPiece)) out.push(ev({ type: 'response.output_text.delta', ...at, delta: t, logprobs: [] }));
        out.push(ev({ type: 'response.output_text.done', ...at, text: s.text, logprobs: [] }));
        out.push(ev({ type: 'response.content_part.done', ...at, part: { type: 'output_text', text: s.text, annotations: [] } }));
      }
      if (s.refusal) {
        const r = { ...at, content_index: s.text ? 1 : 0 };
        out.push(ev({ type: 'response.content_part.added', ...r, part: { type: 'refusal', refusal: '' } }));
        for (const t of pieces(s.refusal, s.textPiece)) out.push(ev({ type: 'response.refusal.delta', ...r, delta: t }));
        out.push(ev({ type: 'response.refusal.done', ...r, refusal: s.refusal }));
        out.push(ev({ type: 'response.content_part.done', ...r, part: { type: 'refusal', refusal: s.refusal } }));
      }
      out.push(ev({ type: 'response.output_item.done', output_index: index, item: whole.output[index] }));
      index++;
    }
    for (const c of s.calls ?? []) {
      const id = `fc_${c.id}`;
      out.push(
        ev({
          type: 'response.output_item.added',
          output_index: index,
          item: { type: 'function_call', id, call_id: c.id, name: c.name, arguments: '', status: 'in_progress' },
        }),
      );
      for (const a of pieces(c.args, s.argPiece))
        out.push(ev({ type: 'response.function_call_arguments.delta', item_id: id, output_index: index, delta: a }));
      out.push(ev({ type: 'response.function_call_arguments.done', item_id: id, output_index: index, arguments: c.args }));
      out.push(ev({ type: 'response.output_item.done', output_index: index, item: whole.output[index] }));
      index++;
    }
    out.push(ev({ type: 'response.completed', response: whole }));
    return out;
  },
};

const messages = {
  whole(s: Scenario, model: string) {
    const content: unknown[] = [];
    if (s.thinking) content.push({ type: 'thinking', thinking: s.thinking, signature: THINKING_SIGNATURE });
    if (s.redactedThinking) content.push({ type: 'redacted_thinking', data: s.redactedThinking });
    if (s.text) content.push({ type: 'text', text: s.text });
    for (const c of s.calls ?? []) content.push({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.args) });
    return {
      id: 'msg_fake1',
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: s.calls?.length ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 10 },
    };
  },
  events(s: Scenario, model: string): string[] {
    const out = [
      named('message_start', {
        type: 'message_start',
        message: {
          id: 'msg_fake1',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 20, output_tokens: 1 },
        },
      }),
      named('ping', { type: 'ping' }),
    ];
    let index = 0;
    if (s.thinking) {
      out.push(
        named('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
      );
      for (const t of pieces(s.thinking, s.textPiece))
        out.push(named('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: t } }));
      out.push(
        named('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: THINKING_SIGNATURE },
        }),
      );
      out.push(named('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    }
    if (s.redactedThinking) {
      out.push(
        named('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'redacted_thinking', data: s.redactedThinking },
        }),
      );
      out.push(named('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    }
    if (s.text) {
      out.push(named('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const t of pieces(s.text, s.textPiece))
        out.push(named('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } }));
      out.push(named('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    }
    for (const c of s.calls ?? []) {
      out.push(
        named('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} },
        }),
      );
      for (const a of pieces(c.args, s.argPiece))
        out.push(
          named('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: a } }),
        );
      out.push(named('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    }
    out.push(
      named('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: s.calls?.length ? 'tool_use' : 'end_turn', stop_sequence: null },
        usage: { output_tokens: 10 },
      }),
    );
    out.push(named('message_stop', { type: 'message_stop' }));
    return out;
  },
};
