// Appending one record to a trail: lock, read the tail, account for a torn tail with a signed
// recovery record, seal, write the whole line in one write(), check the count, fsync, unlock.
// Nothing already in the file is ever truncated or rewritten. Any failure to make the record
// durable is a SeatbeltError('AUDIT'): the caller must not run the command.
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { constants } from 'node:os';
import { SeatbeltError } from '../core/error.js';
import { recoveryBody, type RecordBody } from './envelope.js';
import { fsyncDir } from './durable.js';
import { acquireLock } from './lock.js';
import { GENESIS_HASH, sealRecord, type SealedRecord, type Signer } from './seal.js';
import { readTail, type Tail, type TailLink } from './tail.js';
import { eventStamp } from './uuid.js';

export type { SealedRecord, Signer } from './seal.js';

export const DEFAULT_LOCK_TIMEOUT_MS = 5000;

export interface AppendOptions {
  lockTimeoutMs?: number;
  /** Clock for a recovery record (tests); the record's own time is in its body. */
  now?: () => Date;
  /**
   * Runs after the record is durable and before the lock is released, so no other writer can
   * append in between (e.g. to install a rotated key). Its errors are rethrown as they are.
   */
  whileLocked?: (sealed: SealedRecord) => void;
  /** The deployment environment (prod, staging, dev) every v2 record written here carries. */
  environment?: string;
  /**
   * Create the trail's folder when it is missing (default true). Sessions pass true only for
   * seatbelt's own home: a mistyped `--audit /no/such/dir/a.jsonl` is an error, not a new tree.
   */
  createFolder?: boolean;
}

/**
 * What this process last appended to each trail, and the file as it stood after: when the file is
 * still exactly that (same inode, size, modification and change times, read under the lock), its
 * tail is the record written then and need not be read again (a long-lived writer such as
 * `seatbelt serve` appends many records; measured ~0.1 ms of CPU a record). Any other writer's
 * append, a torn write or an edit changes size or times, and the tail is read as usual.
 */
const lastAppend = new Map<string, { dev: number; ino: number; size: number; mtimeNs: bigint; ctimeNs: bigint; last: TailLink }>();

/** The sealed record, and the recovery record written before it when the tail was torn. */
export type AppendResult = SealedRecord & { recovered?: SealedRecord };

/**
 * `signer` may be a function: it is then called under the lock, so a key rotation (which installs
 * the new key under the same lock, after its key_rotation record) is never straddled.
 */
export function appendRecord(file: string, body: RecordBody, signerOrGet: Signer | (() => Signer), opts: AppendOptions = {}): AppendResult {
  const lockTimeoutMs = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const dir = dirname(file);
  if (opts.createFolder === false) {
    if (!exists(dir))
      throw new SeatbeltError(
        'IO',
        `the folder of the audit file ${file} does not exist (${dir}); create it first, or check --audit / SEATBELT_AUDIT for a typo`,
      );
  } else {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw auditError(err, `cannot create the folder of the audit trail ${file}`);
    }
  }
  // A key that cannot be used is a configuration error (exit 78), not an audit failure: find out
  // before the lock. Under the lock it is asked again (cheap when unchanged) to pick up a rotation.
  if (typeof signerOrGet === 'function') signerOrGet();
  const release = acquireLock(`${file}.lock`, lockTimeoutMs);
  let fd: number | undefined;
  let result: AppendResult;
  try {
    const opened = openTrail(file);
    fd = opened.fd;
    const created = opened.created;
    const st = fs.fstatSync(fd, { bigint: true });
    // /dev/null or a pipe would "accept" records and keep none: fail closed.
    if (!st.isFile()) throw new SeatbeltError('AUDIT', `the audit trail ${file} is not a regular file`);
    const known = lastAppend.get(file);
    lastAppend.delete(file);
    const tail: Tail =
      known &&
      known.dev === Number(st.dev) &&
      known.ino === Number(st.ino) &&
      known.size === Number(st.size) &&
      known.mtimeNs === st.mtimeNs &&
      known.ctimeNs === st.ctimeNs
        ? { last: known.last, fragment: null, unterminated: false }
        : readTail(fd, Number(st.size), file);
    const signer = typeof signerOrGet === 'function' ? signerOrGet() : signerOrGet;

    let link = tail.last ? { seq: tail.last.seq + 1, prevHash: tail.last.hash } : { seq: 0, prevHash: GENESIS_HASH };
    let text = '';
    let recovered: SealedRecord | undefined;
    const env = <T extends RecordBody>(b: T): T =>
      opts.environment !== undefined && b.v !== 1 ? { ...b, environment: opts.environment } : b;
    // A complete record that lost only its newline is completed: the newline, then the next record.
    if (tail.unterminated) text = '\n';
    if (tail.fragment) {
      const { eventId, time } = eventStamp(opts.now?.() ?? new Date());
      const f = tail.fragment;
      recovered = sealRecord(
        env(
          recoveryBody({
            eventId,
            time,
            atOffset: f.offset,
            fragmentLength: f.length,
            fragmentSha256: f.sha256,
            actor: body.actor,
          }),
        ),
        link,
        signer,
      );
      // The fragment (one unfinished line) stays as its own line: end it, then account for it.
      text = `\n${recovered.line}\n`;
      link = { seq: link.seq + 1, prevHash: recovered.record.hash };
    }
    const sealed = sealRecord(env(body), link, signer);
    const data = Buffer.from(`${text}${sealed.line}\n`, 'utf8');
    const written = fs.writeSync(fd, data); // O_APPEND: lands at the end whatever the offset
    if (written !== data.length) {
      throw new SeatbeltError('AUDIT', `short write to ${file}: ${written} of ${data.length} bytes (disk full?)`);
    }
    fs.fsyncSync(fd);
    if (created) fsyncDir(dir);
    result = recovered ? { ...sealed, recovered } : sealed;
    const after = fs.fstatSync(fd, { bigint: true });
    if (after.size === st.size + BigInt(data.length))
      lastAppend.set(file, {
        dev: Number(after.dev),
        ino: Number(after.ino),
        size: Number(after.size),
        mtimeNs: after.mtimeNs,
        ctimeNs: after.ctimeNs,
        last: { seq: sealed.record.seq, hash: sealed.record.hash },
      });
  } catch (err) {
    closeQuietly(fd);
    release();
    throw auditError(err, `cannot append to the audit trail ${file}`);
  }
  closeQuietly(fd);
  try {
    opts.whileLocked?.(result);
  } finally {
    release();
  }
  return result;
}

/** Read and append, never create: the one open of an existing trail. */
const APPEND_EXISTING = fs.constants.O_RDWR | fs.constants.O_APPEND;

/**
 * One open when the trail exists (every append but the first). Only a trail this call created
 * (O_EXCL, 0600) needs its folder fsync'd; when another writer creates it in between, or the path
 * is a link to a file not there yet, the last resort is the 'a+' open as it has always been.
 */
function openTrail(file: string): { fd: number; created: boolean } {
  try {
    return { fd: fs.openSync(file, APPEND_EXISTING), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    return { fd: fs.openSync(file, 'ax+', 0o600), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return { fd: fs.openSync(file, 'a+'), created: false };
}

/** False only when nothing is there; a file where the folder should be fails later, as an audit error. */
function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}

function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    fs.closeSync(fd);
  } catch {
    // already fsync'd (or already failing)
  }
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'I/O error',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'the path is a folder',
  EFBIG: 'file too large',
};

function osErrorName(errno: number): string | undefined {
  const n = Math.abs(errno);
  return Object.entries(constants.errno).find(([, v]) => v === n)?.[0];
}

function auditError(err: unknown, what: string): SeatbeltError {
  if (err instanceof SeatbeltError) return err.code === 'AUDIT' ? err : new SeatbeltError('AUDIT', err.message, { cause: err });
  const e = err as NodeJS.ErrnoException;
  // libuv names some errors UNKNOWN (EDQUOT among them); the errno still says which.
  if (e.code === 'UNKNOWN' && typeof e.errno === 'number') e.code = osErrorName(e.errno) ?? e.code;
  const why = (e.code && ERRNO_TEXT[e.code]) ?? e.message ?? String(err);
  return new SeatbeltError('AUDIT', `${what}: ${why}${e.code ? ` (${e.code})` : ''}`, { cause: err });
}
