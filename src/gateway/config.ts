// The serve configuration: where the upstream is, where to listen, which owners may call, the
// per-owner limits, what inspection does, and the tool registry (a file or inline). Validated once,
// here, collecting every bad field; flags override the file, the file overrides the defaults.
import fs from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../core/error.js';
import type { InspectAction } from './inspect.js';

export interface ServeLimits {
  /** Largest request body read from a caller. */
  maxBodyBytes: number;
  /** Largest non-streamed upstream body read; a larger one is a 502. */
  maxResponseBytes: number;
  /** Requests per owner per minute (a token bucket of that size, refilled continuously). */
  requestsPerMinute: number;
  /** Model tokens per owner per minute: the request's estimate at admission, the upstream's usage after. */
  tokensPerMinute: number;
  /** Largest part of one stream held back at once (tool-call arguments, a private key block); more ends the stream. */
  maxHeldBytes: number;
  /** Time allowed for the upstream to answer (headers), in milliseconds. */
  upstreamTimeoutMs: number;
}

export interface ServeConfig {
  upstream: string;
  host: string;
  port: number;
  dev: boolean;
  strictPaths: boolean;
  policy?: string;
  role?: string;
  audit?: string;
  /** Owners allowed to call: exact ids (`human:alice`), a kind (`human:*`), or `*`. Required without --dev. */
  owners?: string[];
  /** A registry file (relative to the config file), or the registry inline. */
  registry?: string | Record<string, unknown>;
  limits: ServeLimits;
  inspection: { action: InspectAction };
  /** The file this came from, if any (relative paths are resolved against its folder). */
  file?: string;
}

export interface ServeFlags {
  upstream?: string;
  port?: string | number;
  host?: string;
  dev?: boolean;
  config?: string;
  strictPaths?: boolean;
  policy?: string;
  role?: string;
  audit?: string;
}

export const DEFAULT_LIMITS: ServeLimits = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxResponseBytes: 32 * 1024 * 1024,
  requestsPerMinute: 600,
  tokensPerMinute: 2_000_000,
  maxHeldBytes: 4 * 1024 * 1024,
  upstreamTimeoutMs: 600_000,
};

const KEYS = ['upstream', 'host', 'port', 'strictPaths', 'policy', 'role', 'audit', 'owners', 'registry', 'limits', 'inspection'];
const OWNER_PATTERN = /^(?:\*|(?:human|service):(?:\*|[A-Za-z0-9._@+-]{1,128}))$/;

/** Validates a parsed config file; throws SeatbeltError('CONFIG') listing every bad field. */
export function validateServeConfig(json: unknown, where = 'serve config'): Partial<ServeConfig> {
  const bad: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SeatbeltError('CONFIG', `${where}: expected a JSON object`);
  const o = json as Record<string, unknown>;
  const out: Partial<ServeConfig> = {};
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) bad.push(`unknown field "${k}" (known: ${KEYS.join(', ')})`);
  if (o.upstream !== undefined) {
    if (typeof o.upstream === 'string' && validUrl(o.upstream)) out.upstream = o.upstream;
    else bad.push('"upstream" must be an http(s) URL');
  }
  if (o.host !== undefined) {
    if (typeof o.host === 'string' && o.host) out.host = o.host;
    else bad.push('"host" must be a non-empty string');
  }
  if (o.port !== undefined) {
    if (validPort(o.port)) out.port = o.port as number;
    else bad.push('"port" must be an integer from 0 to 65535');
  }
  if (o.strictPaths !== undefined) {
    if (typeof o.strictPaths === 'boolean') out.strictPaths = o.strictPaths;
    else bad.push('"strictPaths" must be true or false');
  }
  for (const k of ['policy', 'role', 'audit'] as const) {
    if (o[k] === undefined || o[k] === null) continue;
    if (typeof o[k] === 'string' && o[k]) out[k] = o[k];
    else bad.push(`"${k}" must be a non-empty string`);
  }
  if (o.owners !== undefined) {
    if (!Array.isArray(o.owners) || o.owners.length === 0) bad.push('"owners" must be a non-empty array of owner patterns');
    else {
      o.owners.forEach((p, i) => {
        if (typeof p !== 'string' || !OWNER_PATTERN.test(p))
          bad.push(`"owners[${i}]" must be human:<id>, service:<id>, human:*, service:* or *`);
      });
      out.owners = o.owners as string[];
    }
  }
  if (o.registry !== undefined) {
    if (
      (typeof o.registry === 'string' && o.registry) ||
      (typeof o.registry === 'object' && o.registry !== null && !Array.isArray(o.registry))
    )
      out.registry = o.registry as ServeConfig['registry'];
    else bad.push('"registry" must be a file path or an object (the registry itself)');
  }
  if (o.limits !== undefined) {
    if (typeof o.limits !== 'object' || o.limits === null || Array.isArray(o.limits)) bad.push('"limits" must be an object');
    else {
      const l = o.limits as Record<string, unknown>;
      const limits: Partial<ServeLimits> = {};
      for (const [k, v] of Object.entries(l)) {
        if (!(k in DEFAULT_LIMITS)) bad.push(`unknown field "limits.${k}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
        else if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) bad.push(`"limits.${k}" must be a positive integer`);
        else limits[k as keyof ServeLimits] = v;
      }
      out.limits = { ...DEFAULT_LIMITS, ...limits };
    }
  }
  if (o.inspection !== undefined) {
    const i = o.inspection as Record<string, unknown> | null;
    if (typeof i !== 'object' || i === null || (i.action !== 'redact' && i.action !== 'end') || Object.keys(i).some((k) => k !== 'action'))
      bad.push('"inspection" must be { "action": "redact" } or { "action": "end" }');
    else out.inspection = { action: i.action };
  }
  if (bad.length) throw new SeatbeltError('CONFIG', `${where}: ${bad.join('; ')}`);
  return out;
}

export function readServeConfig(file: string): Partial<ServeConfig> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot read the serve config ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${file}: not valid JSON (${(err as Error).message})`);
  }
  const c = validateServeConfig(json, file);
  const dir = path.dirname(path.resolve(file));
  if (typeof c.registry === 'string') c.registry = path.resolve(dir, c.registry);
  if (c.audit) c.audit = path.resolve(dir, c.audit);
  return { ...c, file: path.resolve(file) };
}

/** Flags over the file over the defaults. Throws SeatbeltError('USAGE') for a bad flag. */
export function resolveServeConfig(flags: ServeFlags): ServeConfig {
  const file = flags.config ? readServeConfig(flags.config) : {};
  const bad: string[] = [];
  const upstream = flags.upstream ?? file.upstream;
  if (!upstream) bad.push('--upstream URL is required (or "upstream" in --config)');
  else if (!validUrl(upstream)) bad.push(`--upstream must be an http(s) URL, got ${JSON.stringify(upstream)}`);
  const port = flags.port !== undefined ? Number(flags.port) : (file.port ?? 8443);
  if (!validPort(port)) bad.push(`--port must be an integer from 0 to 65535, got ${JSON.stringify(flags.port)}`);
  const dev = flags.dev === true;
  const host = flags.host ?? file.host ?? '127.0.0.1';
  if (dev && !isLoopback(host)) bad.push(`--dev listens on localhost only; --host ${host} is not a loopback address`);
  if (bad.length) throw new SeatbeltError('USAGE', bad.join('; '));
  const out: ServeConfig = {
    upstream: upstream!.replace(/\/+$/, ''),
    host,
    port,
    dev,
    strictPaths: flags.strictPaths ?? file.strictPaths ?? false,
    limits: file.limits ?? { ...DEFAULT_LIMITS },
    inspection: file.inspection ?? { action: 'redact' },
  };
  const policy = flags.policy ?? file.policy;
  const role = flags.role ?? file.role;
  const audit = flags.audit ?? file.audit;
  if (policy) out.policy = policy;
  if (role) out.role = role;
  if (audit) out.audit = audit;
  if (file.owners) out.owners = file.owners;
  if (file.registry) out.registry = file.registry;
  if (file.file) out.file = file.file;
  return out;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function validUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

function validPort(p: unknown): boolean {
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65535;
}
