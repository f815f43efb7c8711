// The gateway's HTTP server (node:http): routing, the four stages for each API request —
// admission, the upstream call, commitment and inspection (in the API adapter), the receipt — and
// pass-through for the other paths. Streams are relayed event by event with backpressure: the next
// upstream chunk is read only when the caller has taken the last one.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { SeatbeltError } from '../../core/error.js';
import { uuidv7 } from '../../audit/uuid.js';
import type { CallContext, Gate, ToolVerdict } from '../commit.js';
import { RECEIPT_HEADER, type ReceiptRecord } from '../receipt.js';
import { APPROVAL_HEADER, OwnerBudgets, admitOwner, estimateTokens, type Refusal } from '../admission.js';
import type { ServeConfig } from '../config.js';
import type { GatewayMetrics } from '../metrics.js';
import { SseParser, sseComment } from './sse.js';
import { passThroughRefusal } from './paths.js';
import {
  UpstreamUnreachable,
  callUpstream,
  discard,
  readLimited,
  relayHeaders,
  upstreamHeaders,
  upstreamUrl,
  type UpstreamResponse,
} from './upstream.js';
import { HeldTooLarge, MalformedUpstream, isObject, type ApiAdapter, type Turn } from '../apis/common.js';

export interface GatewayDeps {
  config: ServeConfig;
  gate: Gate;
  apis: ApiAdapter[];
  metrics: GatewayMetrics;
  /** The X-Seatbelt-Receipt value for these records. */
  receipt(records: ReceiptRecord[], requestId: string): string;
  /** One line per request (no header, no body). */
  log?(line: Record<string, unknown>): void;
  /** The owner assumed when the header is absent (--dev). */
  defaultOwner?: string;
}

export interface Gateway {
  server: http.Server;
  /** Stop accepting, let in-flight requests (streams included) finish, then resolve. */
  drain(): Promise<void>;
  inflight(): number;
}

type Kind = 'upstream_unreachable' | 'upstream_malformed' | 'audit_unavailable' | 'held_too_large' | 'not_found' | 'draining';

export function createGateway(deps: GatewayDeps): Gateway {
  const { config, metrics } = deps;
  const budgets = new OwnerBudgets(config.limits);
  const byPath = new Map(deps.apis.map((a) => [a.path, a]));
  let inflight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    inflight++;
    metrics.inflight.inc({}, 1);
    const done = () => {
      inflight--;
      metrics.inflight.inc({}, -1);
      if (draining && inflight === 0) idle?.();
    };
    res.once('close', done);
    handle(req, res).catch((err: unknown) => {
      // A bug must not leave the caller hanging or leak a stack: a plain 500, logged.
      deps.log?.({ error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'seatbelt: internal error', type: 'seatbelt_error' } }, {});
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 0; // streams may run long; the upstream timeout bounds the wait for headers

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t0 = performance.now();
    const requestId = uuidv7(new Date(), randomBytes(10));
    res.setHeader('x-seatbelt-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      req.resume();
      return sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ok', inflight: inflight - 1 }, {});
    }
    if (req.method === 'GET' && url.pathname === '/metrics') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    const api = req.method === 'POST' ? byPath.get(url.pathname.replace(/\/+$/, '')) : undefined;
    const label = api?.name ?? 'passthrough';
    res.once('finish', () => metrics.requests.inc({ api: label, status: String(res.statusCode) }));
    if (draining) {
      req.resume();
      return sendJson(
        res,
        503,
        { error: { message: 'seatbelt: the gateway is shutting down', type: 'seatbelt_error', code: 'draining' } },
        { 'retry-after': '1' },
      );
    }
    if (!api) return passThrough(req, res, url, requestId);
    return apiRequest(api, req, res, url, requestId, t0);
  }

  function refuse(api: ApiAdapter, res: ServerResponse, r: Refusal, requestId: string): void {
    metrics.admissions.inc({ reason: r.code });
    sendJson(res, r.status, api.errorBody(r.status, r.message, r.code), {
      [RECEIPT_HEADER]: deps.receipt([], requestId),
      ...(r.retryAfter ? { 'retry-after': String(r.retryAfter) } : {}),
    });
  }

  function fail(api: ApiAdapter, res: ServerResponse, kind: Kind, message: string, requestId: string, records: ReceiptRecord[] = []): void {
    const status = kind === 'audit_unavailable' || kind === 'draining' ? 503 : kind === 'not_found' ? 404 : 502;
    if (kind.startsWith('upstream') || kind === 'held_too_large') metrics.upstreamErrors.inc({ kind });
    sendJson(res, status, api.errorBody(status, message, kind), { [RECEIPT_HEADER]: safeReceipt(records, requestId) });
  }

  function safeReceipt(records: ReceiptRecord[], requestId: string): string {
    try {
      return deps.receipt(records, requestId);
    } catch {
      return 'unavailable';
    }
  }

  async function apiRequest(
    api: ApiAdapter,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
    t0: number,
  ): Promise<void> {
    // Admission.
    const who = admitOwner(req.headers['x-commit-owner'], config.owners, deps.defaultOwner);
    if ('status' in who) {
      req.resume();
      return refuse(api, res, who, requestId);
    }
    const owner = who.owner;
    const body = await readBody(req, config.limits.maxBodyBytes);
    if (body === null)
      return refuse(
        api,
        res,
        { status: 413, code: 'body_too_large', message: `the request body is larger than ${config.limits.maxBodyBytes} bytes` },
        requestId,
      );
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
    if (!isObject(json))
      return refuse(api, res, { status: 400, code: 'bad_json', message: 'the request body must be a JSON object' }, requestId);
    const { info, problems } = api.readRequest(json);
    if (problems.length)
      return refuse(
        api,
        res,
        { status: 403, code: 'tools_malformed', message: `tool definitions refused: ${problems.join('; ')}` },
        requestId,
      );
    const estimate = estimateTokens(body.length);
    const over = budgets.admit(owner, estimate);
    if (over) return refuse(api, res, over, requestId);

    // The upstream.
    const ctx: CallContext = {
      api: api.name,
      requestId,
      owner,
      ...header(req, 'x-agent-id', 'agentId'),
      ...header(req, 'x-session-id', 'sessionId'),
      ...header(req, APPROVAL_HEADER, 'approvalId'),
      ...(info.model ? { model: info.model } : {}),
    };
    const records: ReceiptRecord[] = [];
    const decisions: string[] = [];
    let used = 0;
    const turn: Turn = {
      commit: async (call) => {
        const v: ToolVerdict = await deps.gate.commit(call, { ...ctx });
        records.push({ id: v.record.id, hash: v.record.hash });
        decisions.push(`${call.name}:${v.verdict}${v.ruleId ? `:${v.ruleId}` : ''}`);
        metrics.decisions.inc({ verdict: v.verdict, rule: v.ruleId ?? 'none' });
        return v;
      },
      seen: (i) => {
        if (i.responseId && !ctx.responseId) ctx.responseId = i.responseId;
        if (i.model) ctx.model = i.model;
      },
      secret: (found) => {
        metrics.secrets.inc({ kind: found.kind, action: config.inspection.action });
        records.push(deps.gate.inspection(found, config.inspection.action, { ...ctx }));
        decisions.push(`inspection:${found.kind}:${found.where}`);
      },
      usage: (n) => (used = n),
      inspection: config.inspection.action,
      maxHeld: config.limits.maxHeldBytes,
    };
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const timer = setTimeout(() => abort.abort(), config.limits.upstreamTimeoutMs);
    const tUp = performance.now();
    let up: UpstreamResponse;
    try {
      up = await callUpstream(upstreamUrl(config.upstream, url.pathname + url.search), {
        method: 'POST',
        headers: upstreamHeaders(req.headers),
        body,
        signal: abort.signal,
      });
    } catch (err) {
      clearTimeout(timer);
      if (err instanceof UpstreamUnreachable) return fail(api, res, 'upstream_unreachable', err.message, requestId);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const finish = (status: number, upstreamMs: number, addedMs: number) => {
      metrics.upstreamLatency.observe({ api: api.name }, upstreamMs / 1000);
      metrics.addedLatency.observe({ api: api.name }, Math.max(0, addedMs) / 1000);
      if (used > estimate) budgets.charge(owner, used - estimate);
      deps.log?.({ request_id: requestId, owner, api: api.name, status, ms: Math.round(performance.now() - t0), decisions });
    };

    // Not an answer of the API: a redirect would send the caller's client (which follows it) past the gate.
    if (up.status < 200 || (up.status >= 300 && up.status < 400)) {
      discard(up.body);
      return fail(api, res, 'upstream_malformed', `the upstream answered ${up.status}, not the API's response`, requestId);
    }
    // The upstream's own error (4xx/5xx in its API's format): relayed as it is, bounded.
    if (up.status >= 300) {
      const errBody = await readUpstream(up.body, config.limits.maxResponseBytes);
      if (errBody instanceof UpstreamUnreachable) return fail(api, res, 'upstream_unreachable', errBody.message, requestId);
      if (errBody === null) return fail(api, res, 'upstream_malformed', 'the upstream error body is too large', requestId);
      res.writeHead(up.status, {
        ...relayHeaders(up.headers),
        'content-length': String(errBody.length),
        [RECEIPT_HEADER]: deps.receipt([], requestId),
      });
      res.end(errBody);
      return finish(up.status, performance.now() - tUp, 0);
    }

    const type = String(up.headers['content-type'] ?? '');
    if (type.includes('text/event-stream')) return stream(api, res, up, turn, records, requestId, t0, tUp, finish);

    // Non-streamed: the whole body is one message; decide, inspect, then answer.
    const raw = await readUpstream(up.body, config.limits.maxResponseBytes);
    const upstreamMs = performance.now() - tUp;
    if (raw instanceof UpstreamUnreachable) return fail(api, res, 'upstream_unreachable', raw.message, requestId);
    if (raw === null)
      return fail(
        api,
        res,
        'upstream_malformed',
        `the upstream response is larger than ${config.limits.maxResponseBytes} bytes`,
        requestId,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(api, res, 'upstream_malformed', 'the upstream response is not JSON', requestId);
    }
    let answer: { body: unknown; held: ToolVerdict[] };
    try {
      answer = await api.respond(parsed, turn);
    } catch (err) {
      if (err instanceof MalformedUpstream)
        return fail(api, res, 'upstream_malformed', `the upstream response is malformed: ${err.message}`, requestId);
      if (err instanceof SeatbeltError && err.code === 'AUDIT')
        return fail(
          api,
          res,
          'audit_unavailable',
          'the decision could not be sealed in the trail; no tool call is passed on',
          requestId,
          records,
        );
      throw err;
    }
    const held = answer.held.flatMap((h) => (h.approvalId ? [h.approvalId] : []));
    const out = held.length
      ? {
          ...(answer.body as object),
          seatbelt: { status: 'approval_required', approval_ids: held, resubmit_header: 'X-Seatbelt-Approval' },
        }
      : answer.body;
    const status = held.length ? 202 : 200;
    sendJson(res, status, out, {
      ...relayHeaders(up.headers),
      [RECEIPT_HEADER]: deps.receipt(records, requestId),
      ...(held.length ? { 'x-seatbelt-approval-id': held.join(', ') } : {}),
    });
    finish(status, upstreamMs, performance.now() - t0 - upstreamMs);
  }

  async function stream(
    api: ApiAdapter,
    res: ServerResponse,
    up: UpstreamResponse,
    turn: Turn,
    records: ReceiptRecord[],
    requestId: string,
    t0: number,
    tUp: number,
    finish: (status: number, upstreamMs: number, addedMs: number) => void,
  ): Promise<void> {
    const streamer = api.streamer(turn);
    const parser = new SseParser();
    const chunks = up.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let upstreamFirst = 0;
    let started = false;
    const start = () => {
      started = true;
      res.writeHead(200, {
        ...relayHeaders(up.headers),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        // What was decided before the first byte (usually nothing); the full receipt follows as a trailer and a final SSE comment.
        [RECEIPT_HEADER]: deps.receipt([...records], requestId),
        trailer: RECEIPT_HEADER,
      });
      res.flushHeaders();
      finish(200, upstreamFirst, performance.now() - t0 - upstreamFirst);
    };
    try {
      for (;;) {
        const { done, value } = await nextChunk(chunks);
        if (!upstreamFirst) upstreamFirst = performance.now() - tUp;
        let out = '';
        for (const e of done ? parser.end() : parser.push(value)) out += await streamer.event(e);
        if (done) out += await streamer.end();
        if (out) {
          if (!started) start();
          if (!res.write(out)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
          if (res.destroyed) {
            discard(up.body);
            return;
          }
        }
        if (done) break;
      }
    } catch (err) {
      discard(up.body);
      const [kind, message] =
        err instanceof MalformedUpstream
          ? (['upstream_malformed', `the upstream stream is malformed: ${err.message}`] as const)
          : err instanceof HeldTooLarge
            ? (['held_too_large', err.message] as const)
            : err instanceof SeatbeltError && err.code === 'AUDIT'
              ? (['audit_unavailable', 'the decision could not be sealed in the trail; no tool call is passed on'] as const)
              : (['upstream_unreachable', `the upstream stream failed: ${(err as Error).message}`] as const);
      if (!started) {
        if (!(
          err instanceof MalformedUpstream ||
          err instanceof HeldTooLarge ||
          err instanceof SeatbeltError ||
          err instanceof UpstreamUnreachable
        ))
          throw err;
        return fail(api, res, kind, message, requestId, records);
      }
      if (kind.startsWith('upstream') || kind === 'held_too_large') metrics.upstreamErrors.inc({ kind });
      if (!res.destroyed) res.write(streamer.errorEvent(message, kind));
    }
    if (!started) start();
    if (res.destroyed) return;
    const receipt = safeReceipt(records, requestId);
    res.write(sseComment(`seatbelt-receipt ${receipt}`));
    res.addTrailers({ [RECEIPT_HEADER]: receipt });
    res.end();
  }

  async function passThrough(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const refusal = config.strictPaths ? 'only the gated APIs are served (--strict-paths)' : passThroughRefusal(url.pathname);
    if (refusal) {
      req.resume();
      metrics.admissions.inc({ reason: 'path_not_gated' });
      return sendJson(
        res,
        404,
        {
          error: {
            message: `seatbelt: ${req.method} ${url.pathname} is not passed through: ${refusal}`,
            type: 'seatbelt_error',
            code: 'not_found',
          },
        },
        { [RECEIPT_HEADER]: deps.receipt([], requestId) },
      );
    }
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    let up: UpstreamResponse;
    try {
      up = await callUpstream(upstreamUrl(config.upstream, url.pathname + url.search), {
        method: req.method ?? 'GET',
        headers: upstreamHeaders(req.headers),
        ...(hasBody ? { body: req } : {}),
        signal: abort.signal,
      });
    } catch (err) {
      if (!(err instanceof UpstreamUnreachable)) throw err;
      if (!hasBody) req.resume();
      return sendJson(
        res,
        502,
        { error: { message: `seatbelt: ${err.message}`, type: 'seatbelt_error', code: 'upstream_unreachable' } },
        {},
      );
    }
    res.writeHead(up.status, { ...relayHeaders(up.headers), [RECEIPT_HEADER]: deps.receipt([], requestId) });
    try {
      for await (const chunk of up.body as AsyncIterable<Buffer>) {
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        if (res.destroyed) break;
      }
    } catch {
      res.destroy();
      return;
    } finally {
      discard(up.body);
    }
    res.end();
  }

  return {
    server,
    inflight: () => inflight,
    drain: () =>
      new Promise<void>((resolve) => {
        draining = true;
        server.close();
        server.closeIdleConnections();
        // Once nothing is in flight, the keep-alive connections left are idle: close them too.
        const finished = () => {
          server.closeAllConnections();
          resolve();
        };
        if (inflight === 0) return finished();
        idle = finished;
      }),
  };
}

function header(req: IncomingMessage, name: string, key: string): Record<string, string> {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? { [key]: s.trim().slice(0, 256) } : {};
}

/** A whole upstream body (null past `max` bytes); a body cut off or undecodable is UpstreamUnreachable. */
async function readUpstream(body: UpstreamResponse['body'], max: number): Promise<Buffer | null | UpstreamUnreachable> {
  try {
    return await readLimited(body, max);
  } catch (err) {
    return new UpstreamUnreachable(`the upstream response failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The next chunk of an upstream stream; its failures (reset, abort, undecodable) are UpstreamUnreachable. */
async function nextChunk(chunks: AsyncIterator<Buffer>): Promise<IteratorResult<Buffer>> {
  try {
    return await chunks.next();
  } catch (err) {
    throw new UpstreamUnreachable((err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.once('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number | string[] | undefined>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
