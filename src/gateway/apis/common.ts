// What the three API adapters share: the turn (one request's context: commit a tool call, inspect
// text), how a set of verdicts is settled into what reaches the caller, and the words a caller
// reads in place of a call that did not pass.
import type { ToolCall, ToolVerdict } from '../commit.js';
import type { InspectAction, SecretFound } from '../inspect.js';
import type { SseEvent } from '../http/sse.js';

export type ApiName = 'openai-chat' | 'openai-responses' | 'anthropic-messages';

/** One request, as an adapter sees it. */
export interface Turn {
  /** Decide and seal one tool call (the gate, bound to this request's context). Throws SeatbeltError('AUDIT') when it cannot seal. */
  commit(call: ToolCall): Promise<ToolVerdict>;
  /** The upstream's response id and model, once known (recorded with every decision after). */
  seen(info: { responseId?: string; model?: string }): void;
  /**
   * A secret found in the output, before the text around it is passed on: counted and sealed in the
   * trail (kind, where, digest — never the secret). Throws SeatbeltError('AUDIT') when it cannot seal.
   */
  secret(found: SecretFound & { where: string }): void;
  /** The token usage the upstream reported (budget). */
  usage(tokens: number): void;
  inspection: InspectAction;
  /** Largest part of one stream held back at once. */
  maxHeld: number;
}

/** A request body, read by the adapter: what admission needs. */
export interface RequestInfo {
  model?: string;
  stream: boolean;
}

/** The upstream answered with something that is not its API: a 502, nothing forwarded. */
export class MalformedUpstream extends Error {}

/** A stream whose held part grew past the limit: ended, fail closed. */
export class HeldTooLarge extends Error {}

/** Turns the upstream's events into the caller's; returns SSE text to write. */
export interface Streamer {
  /** Throws MalformedUpstream for an event that is not this API's (before anything is written: a 502). */
  event(e: SseEvent): Promise<string>;
  /** The upstream stream ended (with or without its terminal event). */
  end(): Promise<string>;
  /** An error event in the API's own terms, to end a stream that cannot go on. */
  errorEvent(message: string, type: string): string;
}

export interface ApiAdapter {
  name: ApiName;
  path: string;
  /** Reads the request: model, stream, and the problems with its tool definitions (a 403 when any). */
  readRequest(body: unknown): { info: RequestInfo; problems: string[] };
  /** The API's error body. */
  errorBody(status: number, message: string, code: string): unknown;
  /** Decides every tool call of a non-streamed response and returns what the caller receives; throws MalformedUpstream. */
  respond(json: unknown, turn: Turn): Promise<{ body: unknown; held: ToolVerdict[] }>;
  streamer(turn: Turn): Streamer;
}

export interface Settled {
  call: ToolCall;
  verdict: ToolVerdict;
  /** The call reaches the caller. */
  pass: boolean;
  /** What the caller reads instead (for a call that does not pass). */
  text?: string;
}

/**
 * Decides the calls of one message in order. When any call is held for approval, no call of that
 * message passes (the caller resubmits the whole request with the approval id; a call that passed
 * now would then run twice).
 */
export async function settle(calls: ToolCall[], turn: Turn): Promise<{ settled: Settled[]; held: ToolVerdict[] }> {
  const verdicts: ToolVerdict[] = [];
  for (const call of calls) verdicts.push(await turn.commit(call));
  const held = verdicts.filter((v) => v.verdict === 'hold');
  const settled = calls.map((call, i): Settled => {
    const verdict = verdicts[i]!;
    if (verdict.verdict === 'block') return { call, verdict, pass: false, text: refusalText(call, verdict) };
    if (verdict.verdict === 'hold') return { call, verdict, pass: false, text: heldText(call, verdict) };
    if (held.length) return { call, verdict, pass: false, text: withheldText(call, held) };
    return { call, verdict, pass: true };
  });
  return { settled, held };
}

const label = (call: ToolCall) => `${call.name}${call.id ? ` (${call.id})` : ''}`;

export function refusalText(call: ToolCall, v: ToolVerdict): string {
  return (
    `[seatbelt refused the tool call ${label(call)}: rule ${v.ruleId ?? 'unknown'}${v.risk ? ` (${v.risk})` : ''}` +
    `${v.reason ? ` — ${v.reason}` : ''}.${v.remediation ? ` Remediation: ${v.remediation}.` : ''} Trail record ${v.record.id}.]`
  );
}

export function heldText(call: ToolCall, v: ToolVerdict): string {
  const id = v.approvalId ?? '?';
  return (
    `[seatbelt held the tool call ${label(call)} for approval (rule ${v.ruleId ?? 'gateway.approval_required'}): ` +
    `an operator decides with \`seatbelt approve ${id}\` or \`seatbelt deny ${id}\`; then resubmit this request with the header X-Seatbelt-Approval: ${id}. Trail record ${v.record.id}.]`
  );
}

export function withheldText(call: ToolCall, held: ToolVerdict[]): string {
  const ids = held.map((h) => h.approvalId ?? '?').join(', ');
  return `[seatbelt withheld the tool call ${label(call)} while another call of this response awaits approval (${ids}); resubmit with X-Seatbelt-Approval once decided.]`;
}

/**
 * Tool-call arguments as the gate takes them: parsed JSON, or the raw string when it is not JSON.
 * Text with a key twice in one object stays a string (so a registered tool refuses it as
 * malformed): JSON.parse keeps the last value, other parsers the first, and the caller's parser
 * must not run a value the gate never judged.
 */
export function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw;
  }
  return hasDuplicateKey(raw) ? raw : parsed;
}

/** Whether valid JSON text has an object with the same key twice (keys compared decoded). */
export function hasDuplicateKey(json: string): boolean {
  const objects: (Set<string> | null)[] = []; // null: an array
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const keys = objects[objects.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      objects.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      objects.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      objects.pop();
      expectKey = false;
    } else if (c === ',') expectKey = !!objects[objects.length - 1];
  }
  return false;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON of an event's data; MalformedUpstream when it is not a JSON object. */
export function eventJson(e: SseEvent): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(e.data);
  } catch {
    throw new MalformedUpstream('an event is not JSON');
  }
  if (!isObject(v)) throw new MalformedUpstream('an event is not a JSON object');
  return v;
}

export const TOOL_NAME = /^[A-Za-z0-9_-]{1,128}$/;
