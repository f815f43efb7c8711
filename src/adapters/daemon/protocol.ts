// The hook daemon's wire format (docs/daemon.md): one request line from the client, one answer
// line back, both JSON. The answer is signed with the trail's key over the request's digest and the
// client's nonce, so the client trusts only an answer made for this very request by the holder of
// the operator's key: whatever sits on the socket (an old daemon, another program) cannot answer for
// the daemon, replay an old answer, or have the daemon judge a different request.
import { createHash, type KeyObject, verify as verifySignature } from 'node:crypto';
import { canonicalize } from '../../audit/canonical.js';
import type { Signer } from '../../audit/seal.js';
import type { HookAnswer } from '../hooks/types.js';

export const PROTOCOL_VERSION = 1;
/** Prefixed to the signed bytes, so an answer's signature is never a record's or a receipt's. */
export const ANSWER_DOMAIN = 'seatbelt/v1/daemon-answer\n';
/** A request larger than this is not the daemon's (the hook's own cap is 1 MiB of payload). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface DaemonRequest {
  v: 1;
  /** Fresh random bytes (base64) from the client: the answer must name them. */
  nonce: string;
  /** The installed bundle's build id: a daemon of another build refuses, and exits. */
  build: string;
  /** envDigest() of the client's environment: the daemon serves only the environment it runs in. */
  env: string;
  /** The client's working folder (absolute). */
  cwd: string;
  /** The command line after `seatbelt` (`hook <host> [flags]`). */
  argv: string[];
  /** The hook payload, as read from the client's stdin. */
  stdin: string;
}

/** A signed answer: the hook's whole answer, bound to one request. */
export interface DaemonAnswer extends HookAnswer {
  v: 1;
  nonce: string;
  /** requestDigest() of the request line this answers. */
  request: string;
  /** Key id of the signing key. */
  key: string;
  /** Ed25519 over ANSWER_DOMAIN + JCS of the answer without `sig` (base64). */
  sig: string;
}

/** The daemon will not answer this request: the client decides without it. Never signed, never trusted for a decision. */
export interface DaemonDecline {
  v: 1;
  nonce: string;
  declined: 'stale-build' | 'other-environment' | 'unsupported' | 'bad-request';
  reason: string;
}

/**
 * Variables that do not take part in a decision: those a shell sets for its own bookkeeping as it
 * starts a program (the launcher is a shell script), which differ between two starts in the same
 * environment, and SEATBELT_DAEMON, which only makes bin/seatbelt run the client (as `--daemon` does).
 */
const NOT_JUDGED = new Set(['PWD', 'OLDPWD', 'SHLVL', '_', 'SEATBELT_DAEMON']);

/** SHA-256 (hex) of every environment variable but those above, sorted by name. */
export function envDigest(env: NodeJS.ProcessEnv): string {
  const h = createHash('sha256');
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || NOT_JUDGED.has(name)) continue;
    h.update(name).update('\0').update(value).update('\0');
  }
  return h.digest('hex');
}

/** SHA-256 (hex) of the request line exactly as sent (without its newline). */
export function requestDigest(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

function signingInput(unsigned: Omit<DaemonAnswer, 'sig'>): Buffer {
  return Buffer.concat([Buffer.from(ANSWER_DOMAIN, 'utf8'), Buffer.from(canonicalize(unsigned), 'utf8')]);
}

export function signAnswer(answer: HookAnswer, o: { nonce: string; requestLine: string; signer: Signer }): DaemonAnswer {
  const unsigned = {
    v: PROTOCOL_VERSION,
    nonce: o.nonce,
    request: requestDigest(o.requestLine),
    stdout: answer.stdout,
    stderr: answer.stderr,
    exitCode: answer.exitCode,
    key: o.signer.keyId,
  } as const;
  return { ...unsigned, sig: Buffer.from(o.signer.sign(signingInput(unsigned))).toString('base64') };
}

const DECLINES = new Set<DaemonDecline['declined']>(['stale-build', 'other-environment', 'unsupported', 'bad-request']);

/**
 * The client's check of an answer line: the hook answer when it is this request's, signed by `key`;
 * otherwise why not (a decline, or a line that must not be trusted).
 */
export function checkAnswer(
  line: string,
  o: { nonce: string; requestLine: string; key: KeyObject },
): { ok: true; answer: HookAnswer } | { ok: false; declined: boolean; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, declined: false, reason: 'the answer is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, declined: false, reason: 'the answer is not an object' };
  const a = json as Record<string, unknown>;
  if (typeof a.declined === 'string' && DECLINES.has(a.declined as DaemonDecline['declined']))
    return { ok: false, declined: true, reason: `${a.declined}: ${typeof a.reason === 'string' ? a.reason : ''}` };
  const problems: string[] = [];
  if (a.v !== PROTOCOL_VERSION) problems.push('v');
  if (a.nonce !== o.nonce) problems.push('nonce');
  if (a.request !== requestDigest(o.requestLine)) problems.push('request');
  for (const k of ['stdout', 'stderr', 'key', 'sig'] as const) if (typeof a[k] !== 'string') problems.push(k);
  if (!Number.isInteger(a.exitCode) || (a.exitCode as number) < 0 || (a.exitCode as number) > 255) problems.push('exitCode');
  const extra = Object.keys(a).filter((k) => !['v', 'nonce', 'request', 'stdout', 'stderr', 'exitCode', 'key', 'sig'].includes(k));
  if (extra.length) problems.push(...extra.map((k) => `unexpected ${k}`));
  if (problems.length) return { ok: false, declined: false, reason: `the answer is not this request's (${problems.join(', ')})` };
  const { sig, ...unsigned } = a as unknown as DaemonAnswer;
  const good = verifySignature(null, signingInput(unsigned), o.key, Buffer.from(sig, 'base64'));
  if (!good) return { ok: false, declined: false, reason: "the answer's signature does not verify with the trail's public key" };
  return { ok: true, answer: { stdout: unsigned.stdout, stderr: unsigned.stderr, exitCode: unsigned.exitCode } };
}

export function decline(nonce: string, declined: DaemonDecline['declined'], reason: string): DaemonDecline {
  return { v: PROTOCOL_VERSION, nonce, declined, reason };
}

/**
 * The request, validated at the daemon's boundary (every bad field named at once). Only a host
 * hook's command line is the daemon's: `hook <host> …`, never install/uninstall.
 */
export function validateRequest(
  json: unknown,
  hosts: readonly string[],
): { ok: true; request: DaemonRequest } | { ok: false; reason: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'the request is not a JSON object' };
  const r = json as Record<string, unknown>;
  const problems: string[] = [];
  if (r.v !== PROTOCOL_VERSION) problems.push(`v must be ${PROTOCOL_VERSION}`);
  for (const k of ['nonce', 'build', 'env', 'cwd', 'stdin'] as const) if (typeof r[k] !== 'string') problems.push(`${k} must be a string`);
  if (typeof r.nonce === 'string' && !/^[A-Za-z0-9+/]{22,88}={0,2}$/.test(r.nonce)) problems.push('nonce must be base64 of 16 to 64 bytes');
  if (typeof r.cwd === 'string' && !r.cwd.startsWith('/')) problems.push('cwd must be absolute');
  if (!Array.isArray(r.argv) || !r.argv.every((w) => typeof w === 'string')) problems.push('argv must be a list of strings');
  else if (r.argv[0] !== 'hook' || !hosts.includes(r.argv[1] as string)) problems.push('argv must be a host hook: hook <host> [flags]');
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  return { ok: true, request: r as unknown as DaemonRequest };
}
