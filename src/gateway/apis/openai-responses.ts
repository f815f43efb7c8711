// OpenAI Responses (`POST /v1/responses`), streamed and not.
//
// A refused `function_call` output item is replaced, at the same output index, by an assistant
// `message` item whose `output_text` carries the refusal (the Responses API has no finish reason:
// the response stays `completed`). Streamed, from the first function_call item on every event is
// held until the terminal event (`response.completed`/`incomplete`/`failed`), so output indexes
// stay in order; the calls are then decided and the held events released, a refused call's events
// replaced by a message item's. Sequence numbers are renumbered. A secret in the text is redacted,
// or (inspection action `end`) the response ends as `response.incomplete` with
// `incomplete_details.reason: "content_filter"` after a notice naming the rule. The text inspected:
// a message's `output_text` and `refusal` parts and a reasoning item's `summary_text` and
// `reasoning_text` parts (streamed as output_text, refusal, reasoning_summary_text and
// reasoning_text deltas); a reasoning item's `encrypted_content` is the provider's, opaque to the
// gateway, and passes as it is.
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

/** Hosted tools that only read (their calls run at the provider and return no action to the caller). */
const HOSTED_READ_ONLY = new Set([
  'web_search',
  'web_search_preview',
  'web_search_2025_08_26',
  'web_search_preview_2025_03_11',
  'file_search',
]);
/** Output items that pass as they are: they ask the caller to run nothing. */
const INERT_ITEMS = new Set(['message', 'reasoning', 'web_search_call', 'file_search_call']);

export const openaiResponses: ApiAdapter = {
  name: 'openai-responses',
  path: '/v1/responses',

  readRequest(body) {
    const b = body as Json;
    const problems: string[] = [];
    if (b.background === true)
      problems.push('"background": true returns the output through GET /v1/responses/{id}, which the gateway does not gate');
    if (b.prompt !== undefined && b.prompt !== null)
      problems.push(
        '"prompt" (a stored prompt) may bring tools the gateway cannot check (hosted mcp, code_interpreter, …): send its tools in "tools"',
      );
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
          if (typeof t.type === 'string' && HOSTED_READ_ONLY.has(t.type)) continue;
          if (t.type !== 'function') {
            problems.push(`${at}.type ${JSON.stringify(t.type)} is not gated (function tools and read-only hosted search are)`);
            continue;
          }
          if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) problems.push(`${at}.name must match ${TOOL_NAME.source}`);
          else if (names.has(t.name)) problems.push(`${at}.name "${t.name}" is defined twice`);
          else names.add(t.name);
          if (t.parameters !== undefined && t.parameters !== null && !isObject(t.parameters))
            problems.push(`${at}.parameters must be a JSON Schema object`);
        }
      }
    }
    return { info: { stream: b.stream === true, ...(typeof b.model === 'string' ? { model: b.model } : {}) }, problems };
  },

  errorBody(_status, message, code) {
    return { error: { message: `seatbelt: ${message}`, type: 'seatbelt_error', param: null, code } };
  },

  async respond(json, turn) {
    if (!isObject(json) || !Array.isArray(json.output)) throw new MalformedUpstream('a response must have an "output" array');
    turn.seen({
      ...(typeof json.id === 'string' ? { responseId: json.id } : {}),
      ...(typeof json.model === 'string' ? { model: json.model } : {}),
    });
    if (isObject(json.usage) && typeof json.usage.total_tokens === 'number') turn.usage(json.usage.total_tokens);
    const items = json.output.map((it) => {
      if (!isObject(it) || typeof it.type !== 'string') throw new MalformedUpstream('each output item must have a "type"');
      checkItem(it);
      return it;
    });
    const out: Json[] = [];
    let ended: SecretHit | undefined;
    for (const [i, it] of items.entries()) {
      let item = it;
      for (const list of TEXT_LISTS[it.type as string] ?? []) {
        if (!Array.isArray(it[list])) continue;
        const parts: unknown[] = [];
        for (const [c, part] of (it[list] as unknown[]).entries()) {
          if (ended) break; // nothing after the secret is passed on
          if (!isObject(part)) {
            parts.push(part);
            continue;
          }
          let inspected: Json = part;
          for (const field of TEXT_FIELDS) {
            const text = part[field];
            if (typeof text !== 'string') continue;
            if (ended) {
              inspected = { ...inspected, [field]: '' }; // after the secret in this part's other field: not passed on
              continue;
            }
            const r = inspectText(text, turn.inspection, (f) => turn.secret({ ...f, where: `output[${i}].${list}[${c}].${field}` }));
            inspected = { ...inspected, [field]: r.ended ? r.text + secretNotice(r.ended) : r.text };
            ended = r.ended;
          }
          parts.push(inspected);
        }
        item = { ...item, [list]: parts };
      }
      out.push(item);
      if (ended) break;
    }
    if (ended)
      return {
        body: {
          ...json,
          status: 'incomplete',
          incomplete_details: { reason: 'content_filter' },
          output: out.filter((i) => i.type !== 'function_call'),
        },
        held: [],
      };
    const calls = out.filter((i) => i.type === 'function_call');
    if (!calls.length) return { body: { ...json, output: out }, held: [] };
    const s = await settle(calls.map(toCall), turn);
    let k = 0;
    const output = out.map((it) => {
      if (it.type !== 'function_call') return it;
      const x = s.settled[k++]!;
      return x.pass ? it : messageItem(`msg_seatbelt_${String(it.call_id ?? it.id ?? k)}`, x.text!, 'completed');
    });
    return { body: { ...json, output }, held: s.held };
  },

  streamer(turn) {
    return new ResponsesStreamer(turn);
  },
};

function checkItem(it: Json): void {
  if (it.type === 'function_call') {
    if (typeof it.name !== 'string' || typeof it.arguments !== 'string')
      throw new MalformedUpstream('a function_call item must have a name and string arguments');
    return;
  }
  if (!INERT_ITEMS.has(it.type as string)) throw new MalformedUpstream(`an output item of type ${JSON.stringify(it.type)} is not gated`);
  checkTexts(it);
}

/** The lists of text parts an item carries, each inspected (a reasoning item's encrypted_content is opaque). */
const TEXT_LISTS: Record<string, readonly ('content' | 'summary')[]> = { message: ['content'], reasoning: ['summary', 'content'] };

/** The fields of a part that carry model text (a refusal part's is `refusal`), each inspected wherever it appears. */
const TEXT_FIELDS = ['text', 'refusal'] as const;

/** True when a part's text fields are all strings (or absent). */
function textsAreStrings(p: Json): boolean {
  return TEXT_FIELDS.every((f) => p[f] === undefined || typeof p[f] === 'string');
}

/** True when a part carries text of its own. */
function partCarriesText(p: unknown): boolean {
  return isObject(p) && TEXT_FIELDS.some((f) => p[f]);
}

/**
 * An item's text parts are objects whose text (and refusal) is a string, in arrays: a client joins
 * whatever it is given (an array of strings becomes their text), so any other shape could carry a
 * secret past the inspector.
 */
function checkTexts(it: Json): void {
  for (const list of TEXT_LISTS[it.type as string] ?? []) {
    const parts = it[list];
    if (parts === undefined || parts === null) continue;
    if (!Array.isArray(parts)) throw new MalformedUpstream(`a ${String(it.type)} item's ${list} must be an array`);
    for (const p of parts)
      if (!isObject(p) || !textsAreStrings(p))
        throw new MalformedUpstream(`each part of a ${String(it.type)} item's ${list} must be an object whose text is a string`);
  }
}

/** True when an item carries text of its own (a streamed item's text comes only as deltas, which are inspected). */
function carriesText(it: Json): boolean {
  return (TEXT_LISTS[it.type as string] ?? []).some((list) => Array.isArray(it[list]) && it[list].some(partCarriesText));
}

/** A streamed text the gateway inspects: its item, where it sits in the item, and the events that carry it. */
interface TextStream {
  item: 'message' | 'reasoning';
  list: 'content' | 'summary';
  index: 'content_index' | 'summary_index';
  part: 'output_text' | 'refusal' | 'reasoning_text' | 'summary_text';
  /** The field of the part, and of the done event, that holds the text. */
  field: 'text' | 'refusal';
  delta: string;
  done: string;
  partAdded: string;
  partDone: string;
}

const OUTPUT_TEXT: TextStream = {
  item: 'message',
  list: 'content',
  index: 'content_index',
  part: 'output_text',
  field: 'text',
  delta: 'response.output_text.delta',
  done: 'response.output_text.done',
  partAdded: 'response.content_part.added',
  partDone: 'response.content_part.done',
};
const REFUSAL: TextStream = {
  ...OUTPUT_TEXT,
  part: 'refusal',
  field: 'refusal',
  delta: 'response.refusal.delta',
  done: 'response.refusal.done',
};
const REASONING_TEXT: TextStream = {
  ...OUTPUT_TEXT,
  item: 'reasoning',
  part: 'reasoning_text',
  delta: 'response.reasoning_text.delta',
  done: 'response.reasoning_text.done',
};
const SUMMARY_TEXT: TextStream = {
  item: 'reasoning',
  list: 'summary',
  index: 'summary_index',
  part: 'summary_text',
  field: 'text',
  delta: 'response.reasoning_summary_text.delta',
  done: 'response.reasoning_summary_text.done',
  partAdded: 'response.reasoning_summary_part.added',
  partDone: 'response.reasoning_summary_part.done',
};
const TEXT_EVENTS = new Map<string, TextStream>(
  [OUTPUT_TEXT, REFUSAL, REASONING_TEXT, SUMMARY_TEXT].flatMap((s) => [
    [s.delta, s],
    [s.done, s],
  ]),
);

/**
 * The stream an event carries text of, if any: a content part's by the type of its item, and on a
 * message by the type of the part (output_text or refusal).
 */
function textStreamOf(type: string, item: Json | undefined, part: unknown): TextStream | undefined {
  const s = TEXT_EVENTS.get(type);
  if (s) return s;
  if (type === SUMMARY_TEXT.partAdded || type === SUMMARY_TEXT.partDone) return SUMMARY_TEXT;
  if (type === OUTPUT_TEXT.partAdded || type === OUTPUT_TEXT.partDone) {
    if (item?.type === 'reasoning') return REASONING_TEXT;
    if (item?.type === 'message') return isObject(part) && part.type === 'refusal' ? REFUSAL : OUTPUT_TEXT;
  }
  return undefined;
}

/** The part a text event names, whatever its kind (output_text and refusal parts share a message's content). */
function partKey(s: TextStream, output: unknown, index: unknown): string {
  return `output[${String(output)}].${s.list}[${String(index)}]`;
}

function whereOf(s: TextStream, output: unknown, index: unknown): string {
  return `${partKey(s, output, index)}.${s.field}`;
}

function partOf(s: TextStream, text: string): Json {
  return s.part === 'output_text' ? { type: s.part, text, annotations: [] } : { type: s.part, [s.field]: text };
}

function deltaOf(s: TextStream, at: Json, delta: string): Json {
  return { type: s.delta, ...at, delta, ...(s.part === 'output_text' ? { logprobs: [] } : {}) };
}

function doneOf(s: TextStream, at: Json, text: string): Json {
  return { type: s.done, ...at, [s.field]: text, ...(s.part === 'output_text' ? { logprobs: [] } : {}) };
}

function toCall(it: Json): ToolCall {
  const id = typeof it.call_id === 'string' ? it.call_id : typeof it.id === 'string' ? it.id : undefined;
  return { ...(id ? { id } : {}), name: it.name as string, arguments: parseArguments(it.arguments) };
}

function messageItem(id: string, text: string, status: string): Json {
  return { type: 'message', id, status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
}

interface CallState {
  index: number;
  item: Json;
  args: string;
  /** Its output_item.done arrived: `item` is the whole call, as judged. */
  done: boolean;
  verdict?: { pass: boolean; text?: string };
}

/** Events a function_call item may have between its output_item.added and .done. */
const CALL_EVENTS = new Set([
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.output_item.done',
]);

/** Events that name an output item (and must name an open one). */
const ITEM_EVENT =
  /^response\.(output_item|function_call_arguments|content_part|output_text|refusal|reasoning_text|reasoning_summary_part|reasoning_summary_text)\./;

class ResponsesStreamer implements Streamer {
  private started = false;
  private finished = false;
  private numbered = false;
  private seq = 0;
  private snapshot: Json = {};
  private queue: Json[] | undefined;
  private held = 0;
  private readonly calls = new Map<number, CallState>();
  private readonly text = new Map<string, TextInspector>();
  private readonly emitted = new Map<string, string>();
  /** The kind of each streamed part, fixed by the first event that names it. */
  private readonly kinds = new Map<string, TextStream>();
  private readonly added = new Map<number, Json>();
  private readonly closed = new Set<number>();
  private readonly done: Json[] = [];

  constructor(private readonly turn: Turn) {}

  async event(e: SseEvent): Promise<string> {
    if (this.finished) return '';
    const j = eventJson(e);
    const type = j.type;
    // Clients dispatch on the data's type, some on the event's name: they must agree.
    if (typeof type !== 'string' || (e.event !== undefined && e.event !== type))
      throw new MalformedUpstream(`an event's type ${JSON.stringify(type)} is missing or differs from its name ${JSON.stringify(e.event)}`);
    if (!this.started) {
      if (type === 'error') return formatSse(e);
      if (!type.startsWith('response.') || !isObject(j.response))
        throw new MalformedUpstream('a response stream must begin with a response.* event carrying the response');
      this.started = true;
      this.numbered = typeof j.sequence_number === 'number';
    }
    const terminal = type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed';
    // A client's snapshot starts from response.created: output arrives only as items, which are gated.
    if (
      !terminal &&
      isObject(j.response) &&
      j.response.output !== undefined &&
      !(Array.isArray(j.response.output) && !j.response.output.length)
    )
      throw new MalformedUpstream(`${type} must carry no output (items come as output_item events)`);
    if (isObject(j.response)) {
      this.snapshot = j.response;
      const r = j.response;
      this.turn.seen({
        ...(typeof r.id === 'string' ? { responseId: r.id } : {}),
        ...(typeof r.model === 'string' ? { model: r.model } : {}),
      });
    }
    if (terminal) return this.finish(j);
    if (j.output_index !== undefined || ITEM_EVENT.test(type)) this.checkItemEvent(type, j);
    const call = typeof j.output_index === 'number' ? this.calls.get(j.output_index) : undefined;
    if (call) {
      if (type === 'response.function_call_arguments.delta') {
        if (typeof j.delta !== 'string') throw new MalformedUpstream('function_call_arguments.delta needs a string delta');
        call.args += j.delta;
        this.held += j.delta.length;
        if (this.held > this.turn.maxHeld) throw new HeldTooLarge(`a tool call's arguments exceed ${this.turn.maxHeld} bytes`);
      }
      if (type === 'response.function_call_arguments.done') {
        if (typeof j.arguments !== 'string') throw new MalformedUpstream('function_call_arguments.done needs string arguments');
        call.args = j.arguments;
      }
      if (type === 'response.output_item.done') {
        const item = j.item as Json;
        if (typeof item.arguments !== 'string' || item.name !== call.item.name || item.call_id !== call.item.call_id)
          throw new MalformedUpstream('a function_call item must end with string arguments, under the name and call_id it began with');
        call.item = item;
        call.args = item.arguments;
        call.done = true;
      }
    }
    if (this.queue) {
      this.queue.push(j);
      return '';
    }
    return this.render(j);
  }

  /**
   * Items come in order (0, 1, …), each added once and done once, and an event names an item that
   * is open. A client appends items as they are added and finds an event's item by its
   * output_index, so any other index could feed a held call arguments the gate never read; an item
   * ends as the type it began as (a message must not end as a local_shell_call).
   */
  private checkItemEvent(type: string, j: Json): void {
    const index = j.output_index;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new MalformedUpstream(`${type} needs a whole-number output_index`);
    if (type === 'response.output_item.added') {
      if (index !== this.added.size) throw new MalformedUpstream(`output_item.added ${index} where item ${this.added.size} comes next`);
      if (!isObject(j.item) || typeof j.item.type !== 'string') throw new MalformedUpstream('output_item.added needs an item');
      this.added.set(index, j.item);
      if (j.item.type === 'function_call') {
        if (typeof j.item.name !== 'string') throw new MalformedUpstream('a function_call item needs a name');
        this.calls.set(index, { index, item: j.item, args: '', done: false });
        this.queue ??= [];
      } else if (!INERT_ITEMS.has(j.item.type))
        throw new MalformedUpstream(`an output item of type ${JSON.stringify(j.item.type)} is not gated`);
      checkTexts(j.item);
      if (carriesText(j.item)) throw new MalformedUpstream('output_item.added must carry no text (text comes as delta events)');
      return;
    }
    const added = this.added.get(index);
    if (!added || this.closed.has(index)) throw new MalformedUpstream(`${type} for output item ${index}, which is not open`);
    if (this.calls.has(index) && !CALL_EVENTS.has(type)) throw new MalformedUpstream(`${type} on a function_call item`);
    if (j.item_id !== undefined && j.item_id !== added.id)
      throw new MalformedUpstream(`${type} names item ${String(j.item_id)} at ${index}`);
    if (type === 'response.output_item.done') {
      if (!isObject(j.item) || j.item.type !== added.type) throw new MalformedUpstream('an output item must end as the type it began as');
      checkTexts(j.item);
      this.closed.add(index);
    }
    // A text event names a part of an item of its kind by a whole number (a client ignores text
    // events on an item of another type, and finds the part by that index).
    const s = this.calls.has(index) ? undefined : textStreamOf(type, added, j.part);
    if (s) {
      if (added.type !== s.item) throw new MalformedUpstream(`${type} on a ${String(added.type)} item`);
      const at = j[s.index];
      if (typeof at !== 'number' || !Number.isInteger(at) || at < 0) throw new MalformedUpstream(`${type} needs a whole-number ${s.index}`);
      if (type === s.delta && typeof j.delta !== 'string') throw new MalformedUpstream(`${type} needs a string delta`);
      if (type === s.partAdded || type === s.partDone) {
        // The part's type says which field a client reads its text from: it must be the stream's.
        if (!isObject(j.part) || j.part.type !== s.part || !textsAreStrings(j.part))
          throw new MalformedUpstream(`${type} needs a ${s.part} part whose text is a string`);
        if (type === s.partAdded && partCarriesText(j.part))
          throw new MalformedUpstream(`${type} must carry no text (text comes as delta events)`);
      }
      // One part is one kind of text: refusal deltas on an output_text part (or the reverse) would
      // be inspected apart from the text they join in a client.
      const key = partKey(s, index, at);
      const kind = this.kinds.get(key);
      if (kind && kind !== s) throw new MalformedUpstream(`${type} on ${key}, a ${kind.part} part`);
      this.kinds.set(key, s);
    }
  }

  private emit(j: Json): string {
    const out = this.numbered ? { ...j, sequence_number: this.seq++ } : j;
    return formatSse({ event: out.type as string, data: JSON.stringify(out) });
  }

  private render(j: Json): string {
    if (this.finished) return '';
    const type = j.type as string;
    const index = typeof j.output_index === 'number' ? j.output_index : -1;
    const call = this.calls.get(index);
    if (call?.verdict && !call.verdict.pass) return this.renderRefused(j, call);
    if (call?.verdict?.pass) return this.renderPassed(j, call);
    const stream = call ? undefined : textStreamOf(type, this.added.get(index), j.part);
    if (stream) return this.renderText(j, stream);
    if (type === 'response.output_item.done' && isObject(j.item)) {
      const item = this.cleanItem(j.item, index);
      this.done.push(item);
      return this.emit({ ...j, item });
    }
    return this.emit(j);
  }

  /** One event of an inspected text (a delta, its done event, its part added or done): as inspected. */
  private renderText(j: Json, s: TextStream): string {
    const where = whereOf(s, j.output_index, j[s.index]);
    const at = { item_id: j.item_id, output_index: j.output_index, [s.index]: j[s.index] };
    switch (j.type) {
      case s.delta: {
        let insp = this.text.get(where);
        if (!insp) {
          insp = new TextInspector(this.turn.inspection, this.turn.maxHeld, (f) => this.turn.secret({ ...f, where }));
          this.text.set(where, insp);
        }
        const r = insp.push(j.delta as string);
        this.emitted.set(where, (this.emitted.get(where) ?? '') + r.text);
        if (r.ended) return this.endBySecret(j, s, r.text, r.ended);
        return r.text ? this.emit({ ...j, delta: r.text }) : '';
      }
      case s.done: {
        const insp = this.text.get(where);
        let out = '';
        if (insp) {
          // What the inspector still holds is released as a last delta before the done event.
          const r = insp.flush();
          this.emitted.set(where, (this.emitted.get(where) ?? '') + r.text);
          if (r.ended) return this.endBySecret(j, s, r.text, r.ended);
          if (r.text) out += this.emit(deltaOf(s, at, r.text));
        }
        return out + this.emit({ ...j, [s.field]: this.emittedOr(where, j[s.field]) });
      }
      case s.partDone:
        return isObject(j.part) && typeof j.part[s.field] === 'string'
          ? this.emit({ ...j, part: { ...j.part, [s.field]: this.emittedOr(where, j.part[s.field]) } })
          : this.emit(j);
      default:
        return this.emit(j);
    }
  }

  /** A text as the caller received it in deltas; one never streamed is redacted whole. */
  private emittedOr(where: string, text: unknown): string {
    return this.emitted.get(where) ?? (typeof text === 'string' ? inspectText(text, 'redact').text : '');
  }

  /** A final item as the caller receives it: text as emitted, a refused call as a message. */
  private cleanItem(item: Json, index: number): Json {
    const call = this.calls.get(index);
    if (call?.verdict) return call.verdict.pass ? call.item : messageItem(this.refusedId(call), call.verdict.text!, 'completed');
    let out = item;
    for (const list of TEXT_LISTS[item.type as string] ?? []) {
      const parts = item[list];
      if (!Array.isArray(parts)) continue;
      // Every text field of every part, whatever its type: a field never streamed is redacted whole.
      out = {
        ...out,
        [list]: parts.map((p, i) => {
          if (!isObject(p)) return p;
          let clean = p;
          for (const field of TEXT_FIELDS)
            if (typeof p[field] === 'string')
              clean = { ...clean, [field]: this.emittedOr(`output[${index}].${list}[${i}].${field}`, p[field]) };
          return clean;
        }),
      };
    }
    return out;
  }

  /** The parts of one list of an item as emitted so far, in order, each of its kind. */
  private partsSoFar(streams: readonly TextStream[], output: number): Json[] {
    const parts: { i: number; part: Json }[] = [];
    for (const s of streams) {
      const prefix = `output[${output}].${s.list}[`;
      for (const [k, text] of this.emitted) {
        if (!k.startsWith(prefix)) continue;
        const i = parseInt(k.slice(prefix.length), 10);
        if (k === whereOf(s, output, i) && this.kinds.get(partKey(s, output, i)) === s) parts.push({ i, part: partOf(s, text) });
      }
    }
    return parts.sort((a, b) => a.i - b.i).map((p) => p.part);
  }

  private refusedId(call: CallState): string {
    return `msg_seatbelt_${String(call.item.call_id ?? call.item.id ?? call.index)}`;
  }

  /** A passing call is sent as it was judged: added (no arguments yet), its arguments in one delta, done. */
  private renderPassed(j: Json, call: CallState): string {
    const at = { item_id: call.item.id, output_index: call.index };
    switch (j.type) {
      case 'response.output_item.added':
        return this.emit({ type: j.type, output_index: call.index, item: { ...call.item, arguments: '', status: 'in_progress' } });
      case 'response.output_item.done':
        this.done.push(call.item);
        return (
          this.emit({ type: 'response.function_call_arguments.delta', ...at, delta: call.args }) +
          this.emit({ type: 'response.function_call_arguments.done', ...at, arguments: call.args }) +
          this.emit({ type: j.type, output_index: call.index, item: call.item })
        );
      default:
        return ''; // the upstream's argument events: their sum is in the done item, as judged
    }
  }

  private renderRefused(j: Json, call: CallState): string {
    const id = this.refusedId(call);
    const text = call.verdict!.text!;
    const at = { item_id: id, output_index: call.index, content_index: 0 };
    switch (j.type) {
      case 'response.output_item.added':
        return this.emit({
          type: 'response.output_item.added',
          output_index: call.index,
          item: { ...messageItem(id, '', 'in_progress'), content: [] },
        });
      case 'response.output_item.done': {
        const item = messageItem(id, text, 'completed');
        this.done.push(item);
        return (
          this.emit({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } }) +
          this.emit({ type: 'response.output_text.delta', ...at, delta: text, logprobs: [] }) +
          this.emit({ type: 'response.output_text.done', ...at, text, logprobs: [] }) +
          this.emit({ type: 'response.content_part.done', ...at, part: { type: 'output_text', text, annotations: [] } }) +
          this.emit({ type: 'response.output_item.done', output_index: call.index, item })
        );
      }
      default:
        return ''; // argument deltas and the like: the call is not passed on
    }
  }

  /** Ends the stream at a secret: the text so far and a notice, its part and item closed, then response.incomplete. */
  private endBySecret(j: Json, s: TextStream, released: string, hit: SecretHit): string {
    const output = j.output_index as number;
    const where = whereOf(s, output, j[s.index]);
    const text = (this.emitted.get(where) ?? '') + secretNotice(hit);
    this.emitted.set(where, text);
    const at = { item_id: j.item_id, output_index: output, [s.index]: j[s.index] };
    const base = this.added.get(output) ?? { type: s.item, id: j.item_id };
    const item =
      s.item === 'message'
        ? { ...base, status: 'incomplete', content: this.partsSoFar([OUTPUT_TEXT, REFUSAL], output) }
        : {
            ...base,
            status: 'incomplete',
            summary: this.partsSoFar([SUMMARY_TEXT], output),
            ...(s === REASONING_TEXT || Array.isArray(base.content) ? { content: this.partsSoFar([REASONING_TEXT], output) } : {}),
          };
    const out =
      (released ? this.emit(deltaOf(s, at, released)) : '') +
      this.emit(deltaOf(s, at, secretNotice(hit))) +
      this.emit(doneOf(s, at, text)) +
      this.emit({ type: s.partDone, ...at, part: partOf(s, text) }) +
      this.emit({ type: 'response.output_item.done', output_index: output, item }) +
      this.emit({
        type: 'response.incomplete',
        response: {
          ...this.snapshot,
          status: 'incomplete',
          incomplete_details: { reason: 'content_filter' },
          output: [...this.done, item],
        },
      });
    this.finished = true;
    return out;
  }

  /** The terminal event: decide the calls, release what waited, and send the final response as the caller got it. */
  private async finish(j: Json): Promise<string> {
    const r = isObject(j.response) ? j.response : {};
    if (isObject(r.usage) && typeof r.usage.total_tokens === 'number') this.turn.usage(r.usage.total_tokens);
    const calls = [...this.calls.values()].sort((a, b) => a.index - b.index);
    if (calls.some((c) => !c.done)) throw new MalformedUpstream('the response ended before a function_call item was done');
    // The final output is what clients run (finalResponse()): every item in it must be one the stream announced.
    const final = Array.isArray(r.output) ? r.output : [];
    for (const [i, it] of final.entries()) {
      if (!isObject(it) || typeof it.type !== 'string') throw new MalformedUpstream('each output item must have a "type"');
      checkItem(it);
      if (it.type === 'function_call' && !this.calls.has(i))
        throw new MalformedUpstream(`the final output has a function_call at ${i} that the stream did not announce`);
    }
    if (calls.length) {
      const s = await settle(
        calls.map((c) => toCall({ ...c.item, arguments: c.args })),
        this.turn,
      );
      s.settled.forEach((x, i) => (calls[i]!.verdict = { pass: x.pass, ...(x.text ? { text: x.text } : {}) }));
    }
    const queued = this.queue ?? [];
    this.queue = undefined;
    let out = '';
    for (const q of queued) out += this.render(q);
    if (this.finished) return out;
    const output = Array.isArray(r.output) ? r.output.map((it, i) => (isObject(it) ? this.cleanItem(it, i) : it)) : r.output;
    this.finished = true;
    return out + this.emit({ ...j, response: { ...r, output } });
  }

  async end(): Promise<string> {
    if (this.finished) return '';
    this.finished = true;
    return this.errorEvent('the upstream stream ended before the response was complete', 'upstream_error');
  }

  errorEvent(message: string, type: string): string {
    const out = {
      type: 'error',
      code: type,
      message: `seatbelt: ${message}`,
      param: null,
      ...(this.numbered ? { sequence_number: this.seq++ } : {}),
    };
    return formatSse({ event: 'error', data: JSON.stringify(out) });
  }
}
