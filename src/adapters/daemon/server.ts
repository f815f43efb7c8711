// The hook daemon (docs/daemon.md): a warm seatbelt that answers host hooks for the environment it
// was started in, so a hook does not pay seatbelt's start-up at every tool call. It judges exactly
// as `seatbelt hook <host>` would in a process of its own: the same command line and payload, the
// same environment (the client's must be identical), the client's working folder, a session opened
// afresh for each call (operator files re-read, keys reloaded), the decision sealed in the trail
// before it answers. Calls are taken one at a time (a call changes the process's working folder).
// Every answer is signed with the trail's key over the client's request and nonce (protocol.ts).
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { SeatbeltError } from '../../core/error.js';
import { loadSigner } from '../../audit/keys.js';
import { HOSTS } from '../hooks/types.js';
import { answerHook } from './answer-hook.js';
import { decline, MAX_REQUEST_BYTES, signAnswer, validateRequest, type DaemonAnswer, type DaemonDecline } from './protocol.js';
import { daemonDir, isPrivateFolder } from './socket-path.js';

export interface DaemonOptions {
  /** $SEATBELT_HOME of the environment served. */
  home: string;
  socket: string;
  /** envDigest() of this process's environment. */
  env: string;
  /** The build id of the seatbelt this daemon runs. */
  build: string;
  /** Exit after this long without a call (0: never). */
  idleExitMs: number;
  /** A client that does not send its whole request within this is cut off. */
  readTimeoutMs?: number;
}

/** The folder for sockets: created 0700, refused when it is not the account's own and private. */
function privateFolder(dir: string): void {
  let st;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    st = lstatSync(dir);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot make the daemon's folder ${dir}: ${(err as Error).message}`);
  }
  if (!isPrivateFolder(st))
    throw new SeatbeltError(
      'CONFIG',
      `${dir} must be a folder of yours that only you can open (mode 0700); the daemon will not listen there`,
    );
}

/** Listens on `socket`; a socket file that nobody answers on is a dead daemon's and is replaced. */
async function listen(server: net.Server, socket: string): Promise<'listening' | 'already-running'> {
  for (let attempt = 0; ; attempt++) {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen(socket, () => {
        server.off('error', resolve);
        resolve(null);
      });
    });
    if (!err) {
      chmodSync(socket, 0o600);
      return 'listening';
    }
    if (err.code !== 'EADDRINUSE' || attempt > 0) throw new SeatbeltError('CONFIG', `cannot listen on ${socket}: ${err.message}`);
    const alive = await new Promise<boolean>((resolve) => {
      const probe = net.connect(socket, () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (alive) return 'already-running';
    unlinkSync(socket);
  }
}

/** Reads one request line from a connection (capped, with a deadline). */
function readLine(conn: net.Socket, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (line: string | null): void => {
      clearTimeout(timer);
      conn.removeAllListeners('data');
      resolve(line);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    conn.on('data', (chunk: Buffer) => {
      const nl = chunk.indexOf(10);
      chunks.push(nl === -1 ? chunk : chunk.subarray(0, nl));
      size += chunk.length;
      if (nl !== -1) done(Buffer.concat(chunks).toString('utf8'));
      else if (size > MAX_REQUEST_BYTES) done(null);
    });
    conn.once('end', () => done(null));
    conn.once('error', () => done(null));
  });
}

/** Runs the daemon until it is idle for `idleExitMs`, told to stop, or asked by a newer build; resolves with an exit code. */
export async function runDaemon(o: DaemonOptions): Promise<number> {
  privateFolder(daemonDir(o.home));
  let queue: Promise<void> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const server = net.createServer((conn) => {
    resetIdle();
    void serve(conn);
  });
  const stop = (code: number): void => {
    clearTimeout(idle);
    server.close();
    try {
      unlinkSync(o.socket);
    } catch {
      /* already gone */
    }
    finish(code);
  };
  const resetIdle = (): void => {
    clearTimeout(idle);
    if (o.idleExitMs > 0) idle = setTimeout(() => stop(0), o.idleExitMs);
  };

  const answerFor = async (line: string): Promise<DaemonAnswer | DaemonDecline> => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return decline('', 'bad-request', 'the request is not JSON');
    }
    const nonce = typeof (json as { nonce?: unknown })?.nonce === 'string' ? (json as { nonce: string }).nonce : '';
    const valid = validateRequest(json, HOSTS);
    if (!valid.ok) return decline(nonce, 'bad-request', valid.reason);
    const r = valid.request;
    if (r.build !== o.build) {
      setImmediate(() => stop(0)); // a newer (or older) seatbelt is installed: this daemon is done
      return decline(nonce, 'stale-build', `this daemon runs build ${o.build}, the client ${r.build}`);
    }
    if (r.env !== o.env) return decline(nonce, 'other-environment', 'this daemon serves another environment');
    try {
      process.chdir(r.cwd);
    } catch (err) {
      return decline(nonce, 'bad-request', `cannot enter ${r.cwd}: ${(err as Error).message}`);
    }
    try {
      const answer = await answerHook(r.argv, r.stdin);
      if (!answer) return decline(nonce, 'unsupported', 'the command line makes no hook answer');
      // The key is read at each call, after the hook (whose session may have created it).
      const { signer } = loadSigner({ home: o.home, autoCreate: false });
      return signAnswer(answer, { nonce, requestLine: line, signer });
    } catch (err) {
      return decline(nonce, 'unsupported', `no signed answer: ${(err as Error).message}`);
    } finally {
      process.chdir('/');
    }
  };

  const serve = async (conn: net.Socket): Promise<void> => {
    conn.on('error', () => undefined); // a client that went away is not the daemon's problem
    const line = await readLine(conn, o.readTimeoutMs ?? 5_000);
    if (line === null) return void conn.destroy();
    // One call at a time: each runs in its client's working folder.
    const turn = queue.then(() => answerFor(line));
    queue = turn.then(
      () => undefined,
      () => undefined,
    );
    const answer = await turn.catch((err: unknown) => decline('', 'unsupported', (err as Error).message));
    conn.end(JSON.stringify(answer) + '\n');
    resetIdle();
  };

  process.chdir('/');
  const state = await listen(server, o.socket);
  if (state === 'already-running') {
    server.close();
    return 0;
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => stop(0));
  resetIdle();
  return finished;
}
