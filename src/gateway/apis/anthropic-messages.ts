// Anthropic Messages (`POST /v1/messages`), streamed and not.
//
// A refused `tool_use` block is replaced, at the same index, by a `text` block carrying the
// refusal; `stop_reason` becomes `end_turn` when no tool_use block is left. Streamed, from the first
// tool_use block on every event is held until `message_delta` (so block indexes stay in order);
// then the calls are decided, the passing blocks are sent as they came, the others as text blocks.
// A secret in the text is redacted, or (inspection action `end`) the message ends after a notice
// naming the rule, with `stop_reason: "refusal"`. Thinking blocks are inspected like text (a
// redacted thinking block no longer matches its signature, so the API refuses it if it is sent
// back: the secret is not passed on either way); `redacted_thinking` is encrypted by the provider,
// opaque to the gateway, and passes as it is.
import type { ToolCall } from '../commit.js';
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

/** Tools whose calls come back to the caller as `tool_use` blocks (so the gate sees them), and server tools that only read. */
const CLIENT_TYPED_TOOL = /^(bash|text_editor|computer|memory)_\d+$/;
const READ_ONLY_SERVER_TOOL = /^(web_search|web_fetch)_\d+$/;

export const anthropicMessages: ApiAdapter = {
  name: 'anthropic-messages',
  path: '/v1/messages',

  readRequest(body) {
    const b = body as Json;
    const problems: string[] = [];
    if (b.mcp_servers !== undefined) problems.push('"mcp_servers" runs tools on the provider\'s side, where the gateway cannot gate them');
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
          const type = t.type;
          if (
            type !== undefined &&
            type !== 'custom' &&
            typeof type === 'string' &&
            !CLIENT_TYPED_TOOL.test(type) &&
            !READ_ONLY_SERVER_TOOL.test(type)
          ) {
            problems.push(`${at}.type ${JSON.stringify(type)} runs on the provider's side, where the gateway cannot gate it`);
            continue;
          }
          if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) problems.push(`${at}.name must match ${TOOL_NAME.source}`);
          else if (names.has(t.name)) problems.push(`${at}.name "${t.name}" is defined twice`);
          else names.add(t.name);
          if ((type === undefined || type === 'custom') && !isObject(t.input_schema))
            problems.push(`${at}.input_schema must be a JSON Schema object`);
          if (t.description !== undefined && typeof t.description !== 'string') problems.push(`${at}.description must be a string`);
        }
      }
    }
    return { info: { stream: b.stream === true, ...(typeof b.model === 'string' ? { model: b.model } : {}) }, problems };
  },

  errorBody(status, message, code) {
    const type =
      status === 400 || status === 413
        ? status === 413
          ? 'request_too_large'
          : 'invalid_request_error'
        : status === 403
          ? 'permission_error'
          : status === 404
            ? 'not_found_error'
            : status === 429
              ? 'rate_limit_error'
              : status === 503
                ? 'overloaded_error'
                : 'api_error';
    return { type: 'error', error: { type, message: `seatbelt (${code}): ${message}` } };
  },

  async respond(json, turn) {
    if (!isObject(json) || json.type !== 'message' || !Array.isArray(json.content))
      throw new MalformedUpstream('a message must have type "message" and a "content" array');
    turn.seen({
      ...(typeof json.id === 'string' ? { responseId: json.id } : {}),
      ...(typeof json.model === 'string' ? { model: json.model } : {}),
    });
    if (isObject(json.usage)) turn.usage(num(json.usage.input_tokens) + num(json.usage.output_tokens));
    const blocks = json.content.map((b) => {
      if (!isObject(b) || typeof b.type !== 'string') throw new MalformedUpstream('each content block must have a "type"');
      if (b.type === 'tool_use' && (typeof b.name !== 'string' || !isObject(b.input)))
        throw new MalformedUpstream('a tool_use block must have a name and an input object');
      return b;
    });
    let stop = json.stop_reason;
    const content: Json[] = [];
    let ended: SecretHit | undefined;
    for (const [i, b] of blocks.entries()) {
      const field = INSPECTED[b.type as string];
      if (!field || typeof b[field.text] !== 'string') {
        content.push(b);
        continue;
      }
      const r = inspectText(b[field.text] as string, turn.inspection, (f) => turn.secret({ ...f, where: `content[${i}].${field.text}` }));
      if (r.ended) {
        content.push({ ...b, [field.text]: r.text + secretNotice(r.ended) });
        ended = r.ended;
        break;
      }
      content.push({ ...b, [field.text]: r.text });
    }
    if (ended) return { body: { ...json, content: content.filter((b) => b.type !== 'tool_use'), stop_reason: 'refusal' }, held: [] };
    const uses = content.filter((b) => b.type === 'tool_use');
    if (!uses.length) return { body: { ...json, content }, held: [] };
    const s = await settle(uses.map(toCall), turn);
    let k = 0;
    const out = content.map((b) => {
      if (b.type !== 'tool_use') return b;
      const x = s.settled[k++]!;
      return x.pass ? b : { type: 'text', text: x.text! };
    });
    if (stop === 'tool_use' && !s.settled.some((x) => x.pass)) stop = 'end_turn';
    return { body: { ...json, content: out, stop_reason: stop }, held: s.held };
  },

  streamer(turn) {
    return new MessagesStreamer(turn);
  },
};

/** The blocks whose text is inspected: the member holding it and the delta that streams it. */
const INSPECTED: Record<string, { text: 'text' | 'thinking'; delta: 'text_delta' | 'thinking_delta' }> = {
  text: { text: 'text', delta: 'text_delta' },
  thinking: { text: 'thinking', delta: 'thinking_delta' },
};

interface InspectedBlock {
  insp: TextInspector;
  text: 'text' | 'thinking';
  delta: 'text_delta' | 'thinking_delta';
}

function toCall(b: Json): ToolCall {
  return { ...(typeof b.id === 'string' ? { id: b.id } : {}), name: b.name as string, arguments: b.input };
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

interface HeldBlock {
  index: number;
  block: Json;
  json: string;
  verdict?: { pass: boolean; text?: string };
}

class MessagesStreamer implements Streamer {
  private readonly text = new Map<number, InspectedBlock>();
  /** From the first tool_use block on, every event waits here until message_delta. */
  private queue: { e: SseEvent; j: Json }[] | undefined;
  private readonly blocks = new Map<number, HeldBlock>();
  private held = 0;
  private started = false;
  private finished = false;
  private usage: Json = { output_tokens: 0 };
  /** Blocks come in order (0, 1, …), each started once and stopped once, all before message_delta. */
  private nextIndex = 0;
  private readonly open = new Set<number>();
  private delivered = false;

  constructor(private readonly turn: Turn) {}

  async event(e: SseEvent): Promise<string> {
    if (this.finished) return '';
    const j = eventJson(e);
    const type = j.type;
    // The SDKs dispatch on the event's name, other clients on its data's type: they must agree.
    if (e.event !== undefined && e.event !== type)
      throw new MalformedUpstream(`an event named ${JSON.stringify(e.event)} carries ${JSON.stringify(type)}`);
    if (!this.started) {
      if (type === 'error' || type === 'ping') return formatSse(e);
      if (type !== 'message_start' || !isObject(j.message)) throw new MalformedUpstream('a message stream must begin with message_start');
      const m = j.message;
      // The SDK starts its message from this one: content arrives only as blocks, which are gated.
      if (m.content !== undefined && !(Array.isArray(m.content) && m.content.length === 0))
        throw new MalformedUpstream('message_start must carry no content (blocks come as content_block_start)');
      this.started = true;
      this.turn.seen({
        ...(typeof m.id === 'string' ? { responseId: m.id } : {}),
        ...(typeof m.model === 'string' ? { model: m.model } : {}),
      });
      if (isObject(m.usage)) this.usage = m.usage;
      return formatSse(e);
    }
    if (typeof type === 'string' && type.startsWith('content_block_')) this.checkBlockEvent(type, j);
    switch (type) {
      case 'content_block_start': {
        if (!isObject(j.content_block)) throw new MalformedUpstream('content_block_start needs a content_block');
        const index = j.index as number;
        if (j.content_block.type === 'tool_use') {
          if (typeof j.content_block.name !== 'string') throw new MalformedUpstream('a tool_use block needs a name');
          this.blocks.set(index, { index, block: j.content_block, json: '' });
          this.queue ??= [];
        }
        const field = INSPECTED[j.content_block.type as string];
        if (field) {
          const where = `content[${index}].${field.text}`;
          const insp = new TextInspector(this.turn.inspection, this.turn.maxHeld, (f) => this.turn.secret({ ...f, where }));
          this.text.set(index, { insp, ...field });
        }
        return this.pass(e, j);
      }
      case 'content_block_delta': {
        if (!isObject(j.delta)) throw new MalformedUpstream('content_block_delta needs a delta');
        const tool = this.blocks.get(j.index as number);
        if (tool) {
          // A client appends whatever partial_json is (an array becomes its text): only strings are read.
          if (j.delta.type !== 'input_json_delta' || typeof j.delta.partial_json !== 'string')
            throw new MalformedUpstream('a tool_use block takes only input_json_delta with a string partial_json');
          tool.json += j.delta.partial_json;
          this.held += j.delta.partial_json.length;
          if (this.held > this.turn.maxHeld) throw new HeldTooLarge(`a tool call's input exceeds ${this.turn.maxHeld} bytes`);
        }
        return this.pass(e, j);
      }
      case 'message_delta':
        if (this.delivered) throw new MalformedUpstream('a second message_delta');
        if (this.open.size) throw new MalformedUpstream('message_delta before every content block stopped');
        this.delivered = true;
        return this.finish(e, j);
      case 'message_stop':
      case 'content_block_stop':
      case 'error':
        return this.pass(e, j);
      default:
        return this.pass(e, j); // new event types pass (the SDKs ignore those they do not know)
    }
  }

  /**
   * A block event must name, by a whole number, the next block (start) or an open one (delta,
   * stop), before message_delta. The SDK appends blocks as they start and finds a delta's block
   * with `content.at(index)` (-1 is the last one, 0.5 the first), so any other index could feed a
   * held tool block arguments the gate never read.
   */
  private checkBlockEvent(type: string, j: Json): void {
    const index = j.index;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new MalformedUpstream(`${type} needs a whole-number index`);
    if (this.delivered) throw new MalformedUpstream(`${type} after message_delta`);
    if (type === 'content_block_start') {
      if (index !== this.nextIndex) throw new MalformedUpstream(`content_block_start ${index} where block ${this.nextIndex} comes next`);
      this.nextIndex++;
      this.open.add(index);
      return;
    }
    if (!this.open.has(index)) throw new MalformedUpstream(`${type} for block ${index}, which is not open`);
    if (type === 'content_block_stop') this.open.delete(index);
  }

  /** Now or later (when a tool_use block is being held). */
  private pass(e: SseEvent, j: Json): string {
    if (this.queue) {
      this.queue.push({ e, j });
      return '';
    }
    return this.render(e, j);
  }

  /** An event as the caller receives it: text inspected, tool blocks as decided. */
  private render(e: SseEvent, j: Json): string {
    if (this.finished) return '';
    const index = typeof j.index === 'number' ? j.index : -1;
    const tool = this.blocks.get(index);
    if (tool?.verdict && !tool.verdict.pass) {
      if (j.type === 'content_block_start')
        return sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      if (j.type === 'content_block_delta') return '';
      if (j.type === 'content_block_stop')
        return (
          sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: tool.verdict.text } }) +
          formatSse(e)
        );
    }
    if (tool?.verdict?.pass) {
      // A passing call is sent as it was judged: its start, its input in one delta (as read), its stop.
      const streamed = tool.json.trim() !== '';
      if (j.type === 'content_block_start')
        return sse('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { ...tool.block, input: streamed ? {} : (tool.block.input ?? {}) },
        });
      if (j.type === 'content_block_delta') return '';
      if (j.type === 'content_block_stop')
        return (
          (streamed
            ? sse('content_block_delta', {
                type: 'content_block_delta',
                index,
                delta: { type: 'input_json_delta', partial_json: tool.json },
              })
            : '') + formatSse(e)
        );
    }
    const block = this.text.get(index);
    if (block && j.type === 'content_block_start' && isObject(j.content_block)) {
      // Text a block starts with (the API sends none) is inspected like a delta's.
      const first = j.content_block[block.text];
      if (typeof first !== 'string' || first === '') return formatSse(e);
      const r = block.insp.push(first);
      const start = sse('content_block_start', { ...j, content_block: { ...j.content_block, [block.text]: '' } });
      if (r.ended) return start + this.endBySecret(index, r.text, r.ended);
      return start + (r.text ? this.delta(index, block, r.text) : '');
    }
    if (
      block &&
      j.type === 'content_block_delta' &&
      isObject(j.delta) &&
      j.delta.type === block.delta &&
      typeof j.delta[block.text] === 'string'
    ) {
      const r = block.insp.push(j.delta[block.text] as string);
      if (r.ended) return this.endBySecret(index, r.text, r.ended);
      return r.text ? sse('content_block_delta', { ...j, delta: { ...j.delta, [block.text]: r.text } }) : '';
    }
    if (block && j.type === 'content_block_stop') {
      const r = block.insp.flush();
      if (r.ended) return this.endBySecret(index, r.text, r.ended);
      return (r.text ? this.delta(index, block, r.text) : '') + formatSse(e);
    }
    if (j.type === 'message_delta' && isObject(j.usage)) this.usage = { ...this.usage, ...j.usage };
    if (j.type === 'message_stop') this.finished = true;
    return formatSse(e);
  }

  /** A delta of an inspected block's own kind (text_delta or thinking_delta). */
  private delta(index: number, block: InspectedBlock, text: string): string {
    return sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: block.delta, [block.text]: text } });
  }

  private endBySecret(index: number, released: string, hit: SecretHit): string {
    this.finished = true;
    const block = this.text.get(index) ?? { text: 'text' as const, delta: 'text_delta' as const };
    return (
      sse('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: block.delta, [block.text]: released + secretNotice(hit) },
      }) +
      sse('content_block_stop', { type: 'content_block_stop', index }) +
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: 'refusal', stop_sequence: null },
        usage: { output_tokens: num(this.usage.output_tokens) },
      }) +
      sse('message_stop', { type: 'message_stop' })
    );
  }

  /** message_delta: the tool blocks are complete; decide them, then release what waited. */
  private async finish(e: SseEvent, j: Json): Promise<string> {
    if (isObject(j.usage)) this.turn.usage(num(this.usage.input_tokens) + num(j.usage.output_tokens));
    const tools = [...this.blocks.values()].sort((a, b) => a.index - b.index);
    let delta = j;
    if (tools.length) {
      const calls = tools.map((t) => toCall({ ...t.block, input: t.json.trim() === '' ? (t.block.input ?? {}) : parseArguments(t.json) }));
      const s = await settle(calls, this.turn);
      s.settled.forEach((x, i) => (tools[i]!.verdict = { pass: x.pass, ...(x.text ? { text: x.text } : {}) }));
      if (isObject(j.delta) && j.delta.stop_reason === 'tool_use' && !s.settled.some((x) => x.pass))
        delta = { ...j, delta: { ...j.delta, stop_reason: 'end_turn' } };
    }
    const queued = this.queue ?? [];
    this.queue = undefined;
    let out = '';
    for (const q of queued) out += this.render(q.e, q.j);
    if (this.finished) return out;
    return out + (delta === j ? this.render(e, j) : this.render({ event: 'message_delta', data: JSON.stringify(delta) }, delta));
  }

  async end(): Promise<string> {
    if (this.finished) return '';
    // The stream was cut before message_delta: held tool blocks are not passed on.
    const cut = this.queue !== undefined;
    this.queue = undefined;
    let out = '';
    for (const [index, block] of this.text) {
      const r = block.insp.flush();
      if (r.text) out += this.delta(index, block, r.text);
    }
    return (
      out + (cut || !this.started ? this.errorEvent('the upstream stream ended before the message was complete', 'upstream_error') : '')
    );
  }

  errorEvent(message: string, type: string): string {
    return sse('error', { type: 'error', error: { type: 'api_error', message: `seatbelt (${type}): ${message}` } });
  }
}

function sse(event: string, data: unknown): string {
  return formatSse({ event, data: JSON.stringify(data) });
}
