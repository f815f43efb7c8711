// The writers' lock: `<file>.lock`, created exclusively ('wx+'), holding {pid, host, started, nonce}.
// A lock whose pid is dead on this host is stale and is taken over under a second, short-lived
// "breaker" lock, which re-reads the lock before removing it: two takers cannot both remove a
// live lock, and a lock re-created in the meantime is left alone.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { SeatbeltError } from '../core/error.js';
import { isoTime } from '../core/iso-time.js';

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
  nonce?: string;
}

/** A lock file that exists but never got its content (a crash between create and write). */
const EMPTY_LOCK_GRACE_MS = 2000;
const MAX_BACKOFF_MS = 20;

// Made on first use: the CLI's start-up snapshot (scripts/snapshot.mjs) is built where
// SharedArrayBuffer does not exist.
let sleeper: Int32Array | undefined;
/** Synchronous sleep: the append path is synchronous from lock to fsync. */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, ms);
}

export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: alive, another user's
  }
}

interface Holder {
  raw: string;
  info: LockInfo | null;
  mtimeMs: number;
}

function readHolder(path: string): Holder | null {
  try {
    const raw = fs.readFileSync(path, 'utf8');
    const mtimeMs = fs.statSync(path).mtimeMs;
    return { raw, info: parseInfo(raw), mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function parseInfo(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && Number.isSafeInteger(v.pid) && typeof v.host === 'string' && typeof v.started === 'string') {
      return v as LockInfo;
    }
  } catch {
    // fall through
  }
  return null;
}

/** Stale: its owner is a dead process on this host, or it never got content and is old. */
function isStale(h: Holder, now: number): boolean {
  if (h.info === null) return now - h.mtimeMs > EMPTY_LOCK_GRACE_MS;
  return h.info.host === hostname() && !pidAlive(h.info.pid);
}

function describe(h: Holder | null): string {
  if (h === null) return 'a writer that has since released it';
  if (h.info === null) return 'an unreadable lock file';
  return `pid ${h.info.pid} on host ${h.info.host} since ${h.info.started}`;
}

/** The open lock file, or null when it already exists. The caller closes it. */
function tryCreate(path: string, content: string, flags: 'wx' | 'wx+' = 'wx'): number | null {
  let fd: number;
  try {
    fd = fs.openSync(path, flags, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  try {
    const n = fs.writeSync(fd, content);
    if (n !== Buffer.byteLength(content)) throw Object.assign(new Error('short write of the lock file'), { code: 'ENOSPC' });
  } catch (err) {
    // A lock we could not fill (disk full) must not stay behind: the next writer would wait for it.
    fs.closeSync(fd);
    fs.rmSync(path, { force: true });
    throw err;
  }
  return fd;
}

/** Removes the lock if it is still byte-for-byte the stale one we saw. True when it is gone. */
function breakStale(path: string, stale: Holder): boolean {
  const breaker = `${path}.break`;
  const mine = JSON.stringify(lockInfo());
  const fd = tryCreate(breaker, mine);
  if (fd === null) {
    const other = readHolder(breaker);
    if (other !== null && isStale(other, Date.now())) fs.rmSync(breaker, { force: true });
    return false;
  }
  fs.closeSync(fd);
  try {
    const now = readHolder(path);
    if (now === null) return true;
    if (now.raw !== stale.raw) return false;
    fs.unlinkSync(path);
    return true;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function lockInfo(): LockInfo {
  return { pid: process.pid, host: hostname(), started: isoTime(new Date()), nonce: randomBytes(8).toString('hex') };
}

/**
 * Takes the lock at `path`, waiting with bounded, jittered backoff up to `timeoutMs`.
 * Returns the release function. Throws SeatbeltError('AUDIT') on timeout or I/O error.
 */
export function acquireLock(path: string, timeoutMs: number): () => void {
  const content = JSON.stringify(lockInfo());
  const deadline = Date.now() + timeoutMs;
  let backoff = 1;
  let last: Holder | null = null;
  try {
    for (;;) {
      const fd = tryCreate(path, content, 'wx+'); // read back at release
      if (fd !== null) {
        let released = false;
        return () => {
          if (!released) release(path, content, fd);
          released = true;
        };
      }
      last = readHolder(path);
      if (last === null) {
        if (Date.now() >= deadline) break;
        continue; // released between our create and our read
      }
      const now = Date.now();
      if (isStale(last, now) && breakStale(path, last)) continue;
      if (now >= deadline) break;
      sleepSync(Math.min(deadline - now, backoff * (0.5 + Math.random())));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  } catch (err) {
    throw new SeatbeltError('AUDIT', `cannot take the audit lock ${path}: ${(err as Error).message}`, { cause: err });
  }
  throw new SeatbeltError(
    'AUDIT',
    `timed out after ${timeoutMs} ms waiting for the audit lock ${path}, held by ${describe(last)}; ` +
      `if that process is gone, remove ${path}`,
  );
}

/**
 * Only remove our own lock: if it was (wrongly) taken over, the new holder keeps it. Ours is the
 * file still open as `fd` (a takeover removes it and creates another, and an inode held open is
 * never reused) with our content, read through that fd: no second open of the lock.
 */
function release(path: string, content: string, fd: number): void {
  let ours = false;
  try {
    const held = fs.fstatSync(fd, { bigint: true });
    const there = fs.statSync(path, { bigint: true });
    if (held.ino === there.ino && held.dev === there.dev) {
      const want = Buffer.from(content);
      const got = Buffer.alloc(want.length + 1);
      ours = fs.readSync(fd, got, 0, got.length, 0) === want.length && want.equals(got.subarray(0, want.length));
    }
  } catch {
    // gone already, or unreadable: not ours to remove
  }
  try {
    fs.closeSync(fd);
    if (ours) fs.unlinkSync(path);
  } catch {
    // The record is already durable; a lock we cannot remove is reported by the next writer.
  }
}
