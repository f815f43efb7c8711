// The hook client (dist/daemon-client.cjs): what bin/seatbelt runs for `seatbelt hook <host>` when
// the host's environment sets SEATBELT_DAEMON=1 (docs/daemon.md). It is small on purpose — node's
// own start-up and a few modules — because it runs at every tool call. It reads the payload, asks
// the daemon for this environment, and prints the answer only when the answer verifies with the
// trail's public key for this very request and nonce. In every other case — no daemon yet, another
// build, a slow or unreadable payload, an answer that does not verify — it decides as before, in
// this process, with the whole seatbelt: the daemon can make a hook faster, never change its answer.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { seatbeltHome } from '../../audit/paths.js';
import { parsePublicKey } from '../../audit/key-format.js';
import { HOSTS } from '../hooks/types.js';
import { restoreLaunchEnvironment } from '../cli/launch-environment.js';
import { bundleBuildId } from './build-id.js';
import { checkAnswer, envDigest, PROTOCOL_VERSION, type DaemonRequest } from './protocol.js';
import { isPrivateFolder, socketPath } from './socket-path.js';

/** The hook's own cap on its payload: a larger one is the stand-alone hook's to refuse. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Hosts write the payload at once; a slower one is read by the stand-alone hook, under its own deadline. */
const READ_DEADLINE_MS = 2_000;
/** A decision takes milliseconds; a daemon that has not answered in this is not waited for. */
const ANSWER_DEADLINE_MS = 5_000;

type Asked =
  | { kind: 'answer'; stdout: string; stderr: string; exitCode: number }
  | { kind: 'absent'; folder: string }
  | { kind: 'declined' }
  | { kind: 'untrusted'; reason: string };

/** What was read of stdin: all of it, or a start and the stream still open. */
interface Payload {
  bytes: Buffer;
  complete: boolean;
}

function readPayload(stdin: Readable): Promise<Payload> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (complete: boolean): void => {
      clearTimeout(timer);
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      if (!complete) stdin.pause();
      resolve({ bytes: Buffer.concat(chunks), complete });
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) done(false);
    };
    const onEnd = (): void => done(true);
    const onError = (): void => done(false);
    const timer = setTimeout(() => done(false), READ_DEADLINE_MS);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
  });
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** One request to the daemon and its answer line; `absent` when nothing listens on the socket. */
function exchange(socket: string, line: string): Promise<{ line: string } | { absent: true } | { failed: string }> {
  return new Promise((resolve) => {
    const conn = net.connect(socket);
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (r: { line: string } | { absent: true } | { failed: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => settle({ failed: `no answer within ${ANSWER_DEADLINE_MS / 1000}s` }), ANSWER_DEADLINE_MS);
    conn.on('connect', () => conn.write(line + '\n'));
    conn.on('data', (c: Buffer) => chunks.push(c));
    conn.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const nl = text.indexOf('\n');
      settle(nl === -1 ? { failed: 'the answer ended early' } : { line: text.slice(0, nl) });
    });
    conn.on('error', (err: NodeJS.ErrnoException) =>
      settle(err.code === 'ENOENT' || err.code === 'ECONNREFUSED' ? { absent: true } : { failed: err.message }),
    );
  });
}

async function askDaemon(dist: string, argv: string[], payload: string): Promise<Asked> {
  const env = envDigest(process.env);
  const home = seatbeltHome(process.env);
  const socket = socketPath(home, env);
  const build = bundleBuildId(path.join(dist, 'seatbelt.cjs'));
  if (!socket || !build) return { kind: 'declined' };
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return { kind: 'declined' }; // a working folder that is gone: the stand-alone hook says what it says
  }
  const nonce = randomBytes(24).toString('base64');
  const request: DaemonRequest = { v: PROTOCOL_VERSION, nonce, build, env, cwd, argv, stdin: payload };
  const requestLine = JSON.stringify(request);
  const got = await exchange(socket, requestLine);
  if ('absent' in got) return { kind: 'absent', folder: path.dirname(socket) };
  if ('failed' in got) return { kind: 'untrusted', reason: got.failed };
  let key;
  try {
    const file = path.join(home, 'keys', 'public-key.pem');
    key = parsePublicKey(readFileSync(file, 'utf8'), file);
  } catch (err) {
    return { kind: 'untrusted', reason: `no public key to check it with (${(err as Error).message})` };
  }
  const checked = checkAnswer(got.line, { nonce, requestLine, key });
  if (checked.ok) return { kind: 'answer', ...checked.answer };
  return checked.declined ? { kind: 'declined' } : { kind: 'untrusted', reason: checked.reason };
}

/**
 * Starts the daemon for this environment in the background (it exits by itself when idle), once
 * the home exists and its daemon folder is private (as the daemon requires): a folder it would
 * refuse to listen in must not cost every call a doomed start.
 */
function startDaemon(bin: string, folder: string): void {
  const { spawn } = createRequire(bin)('node:child_process') as typeof import('node:child_process');
  try {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return;
    }
    if (!isPrivateFolder(lstatSync(folder))) return;
    // The small-heap flags bin/seatbelt gives a long-lived process (see there).
    const flags = ['--max-semi-space-size=1', '--heap-growing-percent=10'];
    spawn(process.execPath, [...flags, bin, 'daemon'], { detached: true, stdio: 'ignore', env: process.env, cwd: '/' }).unref();
  } catch {
    /* the next call tries again; this one is decided here */
  }
}

/** The whole seatbelt in this process, reading the payload read so far and then the rest of stdin. */
function standalone(bin: string, argv: string[], read: Payload | null, stdin: Readable): void {
  if (read) {
    const replay = new PassThrough();
    replay.write(read.bytes);
    if (read.complete) replay.end();
    else stdin.pipe(replay).on('error', () => undefined);
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => replay });
  }
  process.argv[1] = bin; // the CLI finds itself (and the hook installer names itself) by this path
  const { load } = createRequire(bin)(bin) as {
    load(): { exports: { main(a: string[]): Promise<number>; exitWith(r: Promise<number>): void } };
  };
  const { exports } = load();
  exports.exitWith(exports.main(argv));
}

export async function runClient(): Promise<void> {
  restoreLaunchEnvironment(process.env); // before the environment is digested or passed on
  const argv = process.argv.slice(2);
  const dist = path.dirname(path.resolve(process.argv[1]!));
  const bin = path.join(dist, '..', 'bin', 'seatbelt');
  const stdin = process.stdin;
  if (stdin.isTTY || argv[0] !== 'hook' || !HOSTS.includes(argv[1] as (typeof HOSTS)[number])) return standalone(bin, argv, null, stdin);
  const read = await readPayload(stdin);
  const payload = read.complete ? utf8(read.bytes) : null;
  if (payload === null) return standalone(bin, argv, read, stdin);
  const asked = await askDaemon(dist, argv, payload);
  if (asked.kind === 'answer') {
    process.stdout.write(asked.stdout);
    process.stderr.write(asked.stderr);
    process.exitCode = asked.exitCode;
    return;
  }
  if (asked.kind === 'absent') startDaemon(bin, asked.folder);
  if (asked.kind === 'untrusted')
    process.stderr.write(`seatbelt: the hook daemon's answer was not used (${asked.reason}); decided here instead\n`);
  standalone(bin, argv, read, stdin);
}
