// OpenAI Chat Completions (`POST /v1/chat/completions`), streamed and not.
//
// A refused tool call is removed from `message.tool_calls` and the refusal is appended to the
// assistant's `content`; `finish_reason` becomes `stop` when no call is left. Streamed, each tool
// call's argument fragments are held until the choice's `finish_reason` arrives; the calls that
// pass are then sent whole (one delta each, re-indexed from 0), the refusals as content deltas.
// A secret in the text is redacted, or (inspection action `end`) the choice ends with
// `finish_reason: "content_filter"` after a notice naming the rule.
import type { ToolCall, ToolVerdict } from '../commit.js';
import { TextInspector, inspectText, secretNotice, type SecretHit } from '../inspect.js';
import { formatSse, type SseEvent } from '../http/sse.js';
import {
  HeldTooLarge,
  MalformedUpstream,
  TOOL_NAME,
  eventJson,
  isObject,
  parseArguments,
  settle,
  type ApiAdapter,
  type Streamer,
  type Turn,
} from './common.js';

type Json = Record<string, unknown>;

export const openaiChat: ApiAdapter = {
  name: 'openai-chat',
  path: '/v1/chat/completions',

  readRequest(body) {
    const b = body as Json;
    const problems: string[] = [];
    if (b.functions !== undefined || b.function_call !== undefined)
      problems.push('the deprecated "functions"/"function_call" parameters are not gated: use "tools"');
    if (b.tools !== undefined) {
      if (!Array.isArray(b.tools)) problems.push('"tools" must be an array');
      else {
        const names = new Set<string>();
        for (const [i, t] of (b.tools as unknown[]).entries()) {
          const at = `tools[${i}]`;
          if (!isObject(t)) {
            problems.push(`${at} must be an object`);
            continue;
          }
          if (t.type !== 'function') {
            problems.push(`${at}.type must be "function" (got ${JSON.stringify(t.type)}): other tool kinds are not gated`);
            continue;
          }
          const f = t.function;
          if (!isObject(f)) {
            problems.push(`${at}.function must be an object`);
            continue;
          }
          if (typeof f.name !== 'string' || !TOOL_NAME.test(f.name)) problems.push(`${at}.function.name must match ${TOOL_NAME.source}`);
          else if (names.has(f.name)) problems.push(`${at}.function.name "${f.name}" is defined twice`);
          else names.add(f.name);
          if (f.parameters !== undefined && !isObject(f.parameters))
            problems.push(`${at}.function.parameters must be a JSON Schema object`);
          if (f.description !== undefined && typeof f.description !== 'string')
            problems.push(`${at}.function.description must be a string`);
        }
      }
    }
    return { info: { stream: b.stream === true, ...(typeof b.model === 'string' ? { model: b.model } : {}) }, problems };
  },

  errorBody(_status, message, code) {
    return { error: { message: `seatbelt: ${message}`, type: 'seatbelt_error', param: null, code } };
  },

  async respond(json, turn) {
    if (!isObject(json) || !Array.isArray(json.choices)) throw new MalformedUpstream('a chat completion must have a "choices" array');
    turn.seen({
      ...(typeof json.id === 'string' ? { responseId: json.id } : {}),
      ...(typeof json.model === 'string' ? { model: json.model } : {}),
    });
    const usage = isObject(json.usage) ? json.usage.total_tokens : undefined;
    if (typeof usage === 'number') turn.usage(usage);
    const checked = json.choices.map((c) => {
      if (!isObject(c) || !isObject(c.message)) throw new MalformedUpstream('each choice must have a "message" object');
      return { choice: c, message: c.message, calls: readCalls(c.message) };
    });
    const held: ToolVerdict[] = [];
    const choices = [];
    for (const [position, { choice, message, calls }] of checked.entries()) {
      const m: Json = { ...message };
      const at = `choices[${typeof choice.index === 'number' ? choice.index : position}].message`;
      let finish = choice.finish_reason;
      let ended: SecretHit | undefined;
      if (typeof m.content === 'string') {
        const r = inspectText(m.content, turn.inspection, (f) => turn.secret({ ...f, where: `${at}.content` }));
        m.content = r.ended ? r.text + secretNotice(r.ended) : r.text;
        ended = r.ended;
      }
      if (typeof m.refusal === 'string')
        m.refusal = inspectText(m.refusal, 'redact', (f) => turn.secret({ ...f, where: `${at}.refusal` })).text;
      if (ended) {
        // The response ends at the secret: nothing after it (no tool call) is passed on or decided.
        delete m.tool_calls;
        finish = 'content_filter';
      } else if (calls.length) {
        const s = await settle(
          calls.map((c) => c.call),
          turn,
        );
        held.push(...s.held);
        const passed = s.settled.flatMap((x, i) => (x.pass ? [calls[i]!.raw] : []));
        const texts = s.settled.flatMap((x) => (x.text ? [x.text] : []));
        if (passed.length) m.tool_calls = passed;
        else delete m.tool_calls;
        if (texts.length) m.content = [typeof m.content === 'string' && m.content ? m.content : '', ...texts].filter(Boolean).join('\n\n');
        if (finish === 'tool_calls' && !passed.length) finish = 'stop';
      }
      choices.push({ ...choice, message: m, finish_reason: finish });
    }
    return { body: { ...json, choices }, held };
  },

  streamer(turn) {
    return new ChatStreamer(turn);
  },
};

interface RawCall {
  raw: Json;
  call: ToolCall;
}

function readCalls(message: Json): RawCall[] {
  if (message.function_call !== undefined && message.function_call !== null)
    throw new MalformedUpstream('a legacy "function_call" in a response (the gateway gates "tool_calls" only)');
  if (message.tool_calls === undefined || message.tool_calls === null) return [];
  if (!Array.isArray(message.tool_calls)) throw new MalformedUpstream('"tool_calls" must be an array');
  return message.tool_calls.map((t) => {
    if (
      !isObject(t) ||
      t.type !== 'function' ||
      !isObject(t.function) ||
      typeof t.function.name !== 'string' ||
      typeof t.function.arguments !== 'string'
    )
      throw new MalformedUpstream('each tool call must be { id, type: "function", function: { name, arguments } }');
    return {
      raw: t,
      call: { ...(typeof t.id === 'string' ? { id: t.id } : {}), name: t.function.name, arguments: parseArguments(t.function.arguments) },
    };
  });
}

interface PendingCall {
  id?: string;
  name: string;
  args: string;
}

interface ChoiceState {
  text: TextInspector;
  refusal: TextInspector;
  calls: Map<number, PendingCall>;
  held: number;
  closed: boolean;
  wroteText: boolean;
}

class ChatStreamer implements Streamer {
  private readonly choices = new Map<number, ChoiceState>();
  private envelope: Json = {};
  private sawDone = false;

  constructor(private readonly turn: Turn) {}

  async event(e: SseEvent): Promise<string> {
    if (this.sawDone) return '';
    if (e.data.trim() === '[DONE]') {
      this.sawDone = true;
      return (await this.closeAll('the upstream stream ended before the tool call was complete')) + 'data: [DONE]\n\n';
    }
    const j = eventJson(e);
    // The upstream's own error event, alone: a client that reads past `error` must find no choices in it.
    if (j.error !== undefined) return `data: ${JSON.stringify({ error: j.error })}\n\n`;
    if (!Array.isArray(j.choices)) throw new MalformedUpstream('a chat completion chunk must have a "choices" array');
    const { choices, usage, ...envelope } = j;
    this.envelope = envelope;
    this.turn.seen({
      ...(typeof j.id === 'string' ? { responseId: j.id } : {}),
      ...(typeof j.model === 'string' ? { model: j.model } : {}),
    });
    if (isObject(usage) && typeof usage.total_tokens === 'number') this.turn.usage(usage.total_tokens);
    if (choices.length === 0) return formatSse(e); // the usage chunk
    let out = '';
    for (const c of choices) {
      if (!isObject(c) || typeof c.index !== 'number') throw new MalformedUpstream('each chunk choice must have an "index"');
      if (c.delta !== undefined && !isObject(c.delta)) throw new MalformedUpstream('a chunk "delta" must be an object');
      for (const chunk of await this.choice(c, c.index)) out += this.write(chunk);
    }
    return out;
  }

  private state(index: number): ChoiceState {
    let s = this.choices.get(index);
    if (!s) {
      s = {
        text: new TextInspector(this.turn.inspection, this.turn.maxHeld, (f) =>
          this.turn.secret({ ...f, where: `choices[${index}].delta.content` }),
        ),
        refusal: new TextInspector('redact', this.turn.maxHeld, (f) =>
          this.turn.secret({ ...f, where: `choices[${index}].delta.refusal` }),
        ),
        calls: new Map(),
        held: 0,
        closed: false,
        wroteText: false,
      };
      this.choices.set(index, s);
    }
    return s;
  }

  private async choice(c: Json, index: number): Promise<Json[]> {
    const st = this.state(index);
    if (st.closed) return [];
    const d: Json = { ...((c.delta as Json | undefined) ?? {}) };
    const out: Json[] = [];
    if (d.function_call !== undefined && d.function_call !== null) throw new MalformedUpstream('a legacy "function_call" delta');
    if (typeof d.content === 'string' && d.content !== '') {
      const r = st.text.push(d.content);
      if (r.ended) return this.endBySecret(index, st, { ...d, content: r.text }, r.ended);
      if (r.text) {
        d.content = r.text;
        st.wroteText = true;
      } else delete d.content;
    }
    if (typeof d.refusal === 'string' && d.refusal !== '') d.refusal = st.refusal.push(d.refusal).text;
    if (d.tool_calls !== undefined && d.tool_calls !== null) {
      if (!Array.isArray(d.tool_calls)) throw new MalformedUpstream('"tool_calls" in a delta must be an array');
      for (const t of d.tool_calls) {
        if (!isObject(t) || typeof t.index !== 'number') throw new MalformedUpstream('each tool call delta must have an "index"');
        const f = isObject(t.function) ? t.function : {};
        const p = st.calls.get(t.index) ?? { name: '', args: '' };
        if (typeof t.id === 'string') p.id = t.id;
        if (typeof f.name === 'string') p.name += f.name;
        if (typeof f.arguments === 'string') {
          p.args += f.arguments;
          st.held += f.arguments.length;
        }
        st.calls.set(t.index, p);
      }
      if (st.held > this.turn.maxHeld) throw new HeldTooLarge(`a tool call's arguments exceed ${this.turn.maxHeld} bytes`);
    }
    delete d.tool_calls;
    if (c.finish_reason === null || c.finish_reason === undefined) {
      // Only the delta carries calls; a choice's own `message`/`tool_calls` (not the API's) are not passed.
      const { message: _m, tool_calls: _t, function_call: _f, ...rest } = c;
      if (Object.keys(d).length || c.logprobs) out.push({ ...rest, delta: d });
      return out;
    }
    // The choice is complete: release the held text, decide the calls, then finish.
    const f = st.text.flush();
    const rf = st.refusal.flush();
    if (rf.text) d.refusal = (typeof d.refusal === 'string' ? d.refusal : '') + rf.text;
    if (f.ended) return this.endBySecret(index, st, { ...d, content: (typeof d.content === 'string' ? d.content : '') + f.text }, f.ended);
    const pending = [...st.calls.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    const calls: ToolCall[] = pending.map((p) => ({ ...(p.id ? { id: p.id } : {}), name: p.name, arguments: parseArguments(p.args) }));
    const s = calls.length ? await settle(calls, this.turn) : { settled: [], held: [] };
    const texts = s.settled.flatMap((x) => (x.text ? [x.text] : []));
    const passed = s.settled.flatMap((x, i) => (x.pass ? [pending[i]!] : []));
    let content = (typeof d.content === 'string' ? d.content : '') + f.text;
    if (texts.length) content += (st.wroteText || content ? '\n\n' : '') + texts.join('\n\n');
    if (content) d.content = content;
    else delete d.content;
    if (Object.keys(d).length) out.push({ index, delta: d, finish_reason: null });
    if (passed.length)
      out.push({
        index,
        delta: {
          tool_calls: passed.map((p, i) => ({
            index: i,
            ...(p.id ? { id: p.id } : {}),
            type: 'function',
            function: { name: p.name, arguments: p.args },
          })),
        },
        finish_reason: null,
      });
    const finish = c.finish_reason === 'tool_calls' && !passed.length ? 'stop' : c.finish_reason;
    out.push({ index, delta: {}, finish_reason: finish, ...(c.logprobs !== undefined ? { logprobs: c.logprobs } : {}) });
    st.closed = true;
    return out;
  }

  private endBySecret(index: number, st: ChoiceState, d: Json, hit: SecretHit): Json[] {
    st.closed = true;
    return [
      { index, delta: { ...d, content: `${typeof d.content === 'string' ? d.content : ''}${secretNotice(hit)}` }, finish_reason: null },
      { index, delta: {}, finish_reason: 'content_filter' },
    ];
  }

  private write(choice: Json): string {
    return `data: ${JSON.stringify({ ...this.envelope, choices: [choice] })}\n\n`;
  }

  /** Choices never finished: their text is released, their calls are not (the stream was cut). */
  private async closeAll(why: string): Promise<string> {
    let out = '';
    let cut = false;
    for (const [index, st] of this.choices) {
      if (st.closed) continue;
      st.closed = true;
      const f = st.text.flush();
      if (f.text || f.ended)
        out += this.write({ index, delta: { content: f.text + (f.ended ? secretNotice(f.ended) : '') }, finish_reason: null });
      if (st.calls.size) cut = true;
    }
    if (cut) out += this.errorEvent(why, 'upstream_error');
    return out;
  }

  async end(): Promise<string> {
    if (this.sawDone) return '';
    return this.closeAll('the upstream stream ended before the response was complete');
  }

  errorEvent(message: string, type: string): string {
    return `data: ${JSON.stringify({ error: { message: `seatbelt: ${message}`, type, param: null, code: type } })}\n\n`;
  }
}
