// The upstream client: node:http / node:https with keep-alive connections. The caller's headers go
// upstream untouched — Authorization and x-api-key included — except hop-by-hop headers and the
// gateway's own (X-Commit-Owner, X-Agent-Id, X-Session-Id, X-Seatbelt-*), which are for the gateway.
// Nothing here logs a header.
//
// Not fetch: measured with the gateway in its own process (bench/README.md), Node 20's fetch
// (undici, web streams) added ~0.9 ms to a proxied request where node:http adds ~0.35 ms, and
// loading it grew the gateway's RSS by ~10 MB. The gateway reads bodies, so it asks for the
// encodings it can decode (gzip, deflate, br) and decodes them; the caller receives identity.
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);
const GATEWAY_ONLY = new Set(['x-commit-owner', 'x-agent-id', 'x-session-id']);
/** What the gateway can decode; the caller's own Accept-Encoding is not passed on (it receives identity). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

export function upstreamHeaders(h: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k) || GATEWAY_ONLY.has(k) || k.startsWith('x-seatbelt-') || k === 'accept-encoding') continue;
    out[k] = v;
  }
  out['accept-encoding'] = ACCEPT_ENCODING;
  return out;
}

/**
 * The upstream's response headers to relay: the body is passed on decoded, so no length or
 * encoding; and none of the gateway's own (a receipt, request id or approval id the upstream made up).
 */
export function relayHeaders(h: IncomingHttpHeaders, opts: { keepLength?: boolean } = {}): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    if (HOP_BY_HOP.has(k) && !(opts.keepLength && k === 'content-length')) continue;
    if (k === 'content-encoding' || k === 'set-cookie' || k.startsWith('x-seatbelt-')) continue;
    out[k] = v;
  }
  return out;
}

/** The upstream URL for a request path: `upstream` may end in /v1, like an SDK's base URL. */
export function upstreamUrl(upstream: string, pathAndQuery: string): string {
  const base = new URL(upstream);
  const basePath = base.pathname.replace(/\/+$/, '');
  let p = pathAndQuery;
  if (basePath.endsWith('/v1') && (p === '/v1' || p.startsWith('/v1/') || p.startsWith('/v1?'))) p = p.slice(3);
  return `${base.origin}${basePath}${p}`;
}

export class UpstreamUnreachable extends Error {}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, decoded (content-encoding removed). Errors (a reset, a bad compressed stream, the abort) surface when it is read. */
  body: Readable;
}

// One pool of kept-alive connections per protocol for the gateway's life.
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

/** Sends the request; resolves with the response head. Never follows a redirect (the caller sees it as it is). */
export function callUpstream(
  url: string,
  init: { method: string; headers: OutgoingHttpHeaders; body?: Buffer | Readable; signal: AbortSignal },
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new UpstreamUnreachable(`the upstream URL ${url} is not a URL`));
    }
    const proto = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!proto) return reject(new UpstreamUnreachable(`the upstream URL ${url} is not http or https`));
    const headers = { ...init.headers };
    if (Buffer.isBuffer(init.body)) headers['content-length'] = init.body.length;
    let settled = false;
    const req = proto.request(target, {
      method: init.method,
      headers,
      agent: agents[target.protocol as 'http:' | 'https:'],
      signal: init.signal,
    });
    req.once('error', (err: NodeJS.ErrnoException) => {
      if (settled) return; // after the head: the body stream carries the error
      settled = true;
      reject(new UpstreamUnreachable(`the upstream did not answer: ${err.code ?? err.message}`));
    });
    req.once('response', (res: IncomingMessage) => {
      settled = true;
      const body = decoded(res);
      // Whoever reads the body sees its error; one that nobody reads (a reset while a decision is
      // being sealed, a body left unread) must not be an uncaught 'error' that stops the gateway.
      body.on('error', () => {});
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
    });
    if (init.body === undefined) req.end();
    else if (Buffer.isBuffer(init.body)) req.end(init.body);
    else
      pipeline(init.body, req, (err) => {
        if (err && !settled) req.destroy(err);
      });
  });
}

/** The body without its content-encoding; an encoding the gateway did not ask for fails when read (a 502, nothing forwarded). */
function decoded(res: IncomingMessage): Readable {
  const enc = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (enc === 'identity' || enc === '') return res;
  const decoder =
    enc === 'gzip' || enc === 'x-gzip'
      ? zlib.createGunzip()
      : enc === 'deflate'
        ? zlib.createInflate()
        : enc === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) {
    res.resume();
    const why = new Error(`the upstream used the content-encoding "${enc}", which the gateway did not ask for`);
    return new Readable({
      read() {
        this.destroy(why);
      },
    });
  }
  // pipeline destroys both sides on an error (a reset upstream, a corrupt stream) and the error is the decoder's.
  return pipeline(res, decoder, () => {}) as Readable;
}

/** Reads a whole body, refusing past `max` bytes (null when larger). */
export async function readLimited(body: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Stops reading a body the gateway will not pass on (the connection is not reused). */
export function discard(body: Readable): void {
  body.destroy();
}
