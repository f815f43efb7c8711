// The upstream client: Node's fetch (undici). The caller's headers go upstream untouched —
// Authorization and x-api-key included — except hop-by-hop headers and the gateway's own
// (X-Commit-Owner, X-Agent-Id, X-Session-Id, X-Seatbelt-*), which are for the gateway. Nothing
// here logs a header.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

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

export function upstreamHeaders(h: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k) || GATEWAY_ONLY.has(k) || k.startsWith('x-seatbelt-')) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  }
  return out;
}

/**
 * The upstream's response headers to relay: fetch has already decoded the body, so no length or
 * encoding; and none of the gateway's own (a receipt, request id or approval id the upstream made up).
 */
export function relayHeaders(h: Headers, opts: { keepLength?: boolean } = {}): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  h.forEach((v, k) => {
    if (HOP_BY_HOP.has(k) && !(opts.keepLength && k === 'content-length')) return;
    if (k === 'content-encoding' || k === 'set-cookie' || k.startsWith('x-seatbelt-')) return;
    out[k] = v;
  });
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

export async function callUpstream(
  url: string,
  init: { method: string; headers: Headers; body?: Uint8Array | AsyncIterable<Uint8Array>; signal: AbortSignal },
): Promise<Response> {
  try {
    return await fetch(url, {
      method: init.method,
      headers: init.headers,
      signal: init.signal,
      redirect: 'manual',
      ...(init.body !== undefined ? { body: init.body as BodyInit, duplex: 'half' } : {}),
    } as RequestInit);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new UpstreamUnreachable(`the upstream did not answer: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
}

/** Reads a whole body, refusing past `max` bytes (null when larger). */
export async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
