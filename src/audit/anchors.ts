// Anchoring a checkpoint outside the machine. A time-stamp from an RFC 3161 authority proves the
// checkpoint existed at a time (so a key holder cannot later rewrite what it commits to without
// the stamp failing); an anchor command hands the note to whatever the operator keeps out of the
// agent's reach (a git remote, a WORM bucket, syslog), which proves a tail cut after it.
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { SeatbeltError } from '../core/error.js';
import { run } from '../run/spawn.js';
import { timestampRequest, tokenOfResponse, verifyTimestamp, TimestampError, type TimestampCheck } from './tsa.js';

/** Where a checkpoint's time-stamp token is kept: beside its note. */
export const tokenPath = (notePath: string): string => notePath.replace(/\.note$/, '') + '.tsr';

export function readCas(files: readonly string[]): X509Certificate[] {
  return files.map((f) => {
    try {
      return new X509Certificate(readFileSync(f));
    } catch (err) {
      throw new SeatbeltError('CONFIG', `cannot read the TSA's CA certificate ${f}: ${(err as Error).message}`, { cause: err });
    }
  });
}

/** Ask the authority to stamp the note, check the token, keep it beside the note. */
export async function anchorWithTsa(o: { url: string; notePath: string; note: string; cas: X509Certificate[]; timeoutMs?: number }) {
  const bytes = new TextEncoder().encode(o.note);
  const { der, nonce } = timestampRequest(bytes);
  let response: Response;
  try {
    response = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: Buffer.from(der),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new SeatbeltError('OUTPUT', `the time-stamping authority ${o.url} did not answer: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok) throw new SeatbeltError('OUTPUT', `the time-stamping authority ${o.url} answered HTTP ${response.status}`);
  let check: TimestampCheck;
  let token: Uint8Array;
  try {
    token = tokenOfResponse(new Uint8Array(await response.arrayBuffer()));
    check = verifyTimestamp(token, bytes, o.cas);
  } catch (err) {
    if (err instanceof TimestampError) throw new SeatbeltError('OUTPUT', `the time-stamp from ${o.url} does not hold: ${err.message}`);
    throw err;
  }
  if (check.nonce !== nonce) throw new SeatbeltError('OUTPUT', `the time-stamp from ${o.url} answers another request (nonce differs)`);
  const path = tokenPath(o.notePath);
  writeFileSync(path, token, { mode: 0o644 });
  return { path, time: check.time.toISOString(), tsa: check.tsa, serial: check.serial };
}

/** Check a kept token against its note; null when the note has none. */
export function checkKeptTimestamp(notePath: string, note: string, cas: X509Certificate[]): TimestampCheck | null {
  let token: Buffer;
  try {
    token = readFileSync(tokenPath(notePath));
  } catch {
    return null;
  }
  return verifyTimestamp(new Uint8Array(token), new TextEncoder().encode(note), cas);
}

/** Hand the note to the operator's command on stdin; its failure is reported, the checkpoint stays. */
export async function anchorWithCommand(command: string, note: string): Promise<void> {
  const r = await run('/bin/sh', ['-c', command], { input: note, capture: true, forwardSignals: false });
  if (r.exitCode !== 0) {
    const why = r.spawnError ?? (r.stderr?.toString('utf8').trim().split('\n').at(-1) || `exit ${r.exitCode}`);
    throw new SeatbeltError('OUTPUT', `the anchor command failed (${why})`);
  }
}
