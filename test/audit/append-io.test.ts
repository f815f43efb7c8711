// What one append costs the file system (issue 19): one open of the trail, one fsync of the file
// per record, the folder fsync'd only when the trail is created, and the lock created once and
// released without a second open. node:fs is wrapped to count the calls; the records themselves
// are checked by verify, and a lock taken over meanwhile (replaced, or rewritten in place) is
// never removed by the writer it was taken from.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const io = vi.hoisted(() => ({ opens: [] as string[], fsyncs: [] as string[], reads: [] as string[] }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const paths = new Map<number, string>();
  const wrapped = {
    ...real,
    openSync: ((p: string, flags: string | number, mode?: number) => {
      io.opens.push(String(p)); // every attempt, failed ones too
      const fd = real.openSync(p, flags, mode);
      paths.set(fd, String(p));
      return fd;
    }) as typeof real.openSync,
    closeSync: ((fd: number) => {
      paths.delete(fd);
      real.closeSync(fd);
    }) as typeof real.closeSync,
    fsyncSync: ((fd: number) => {
      io.fsyncs.push(paths.get(fd) ?? `fd ${fd}`);
      real.fsyncSync(fd);
    }) as typeof real.fsyncSync,
    readFileSync: ((p: unknown, ...rest: unknown[]) => {
      if (typeof p === 'string') io.reads.push(p);
      return (real.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof real.readFileSync,
  };
  return { ...wrapped, default: wrapped };
});

const fs = await import('node:fs');
const { appendRecord } = await import('../../src/audit/append.js');
const { verifyTrail } = await import('../../src/audit/verify.js');
const { bodyAt, signer } = await import('./fixtures.js');

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-append-io-'));
  file = join(dir, 'audit.jsonl');
  lock = `${file}.lock`;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function counted(fn: () => void): { opens: string[]; fsyncs: string[]; reads: string[] } {
  io.opens = [];
  io.fsyncs = [];
  io.reads = [];
  fn();
  return { opens: io.opens, fsyncs: io.fsyncs, reads: io.reads };
}

const verify = () => verifyTrail(fs.readFileSync(file), { publicKeys: [signer.publicKeyPem] }).findings;

describe('the I/O of one append', () => {
  test('creating the trail: the file and its folder are fsync’d', () => {
    const c = counted(() => appendRecord(file, bodyAt(0), signer));
    expect(c.opens.filter((p) => p === file)).toHaveLength(2); // the plain open finds nothing, then the exclusive create
    expect(c.fsyncs).toEqual([file, dir]);
    expect(verify()).toEqual([]);
  });

  test('an existing trail: one open, one fsync of the file, none of the folder; the lock is opened once', () => {
    appendRecord(file, bodyAt(0), signer);
    for (let i = 1; i <= 3; i++) {
      const c = counted(() => appendRecord(file, bodyAt(i), signer));
      expect(c.opens).toEqual([lock, file]);
      expect(c.fsyncs).toEqual([file]);
      expect(c.reads).toEqual([]);
      expect(fs.existsSync(lock)).toBe(false);
    }
    expect(verify()).toEqual([]);
  });

  test('a torn tail: the recovery and the record still cost one open and one fsync', () => {
    appendRecord(file, bodyAt(0), signer);
    fs.appendFileSync(file, '{"v":2,"half a rec');
    const c = counted(() => expect(appendRecord(file, bodyAt(1), signer).recovered).toBeDefined());
    expect(c.opens.filter((p) => p === file)).toHaveLength(1);
    expect(c.fsyncs).toEqual([file]);
    expect(verify()).toEqual([]);
  });
});

describe('releasing the lock removes only our own', () => {
  const rival = JSON.stringify({ pid: process.pid, host: 'rival', started: 'now', nonce: 'rival' });

  test('a lock replaced while we held it (removed and created anew) stays', () => {
    appendRecord(file, bodyAt(0), signer, {
      whileLocked: () => {
        fs.unlinkSync(lock);
        fs.writeFileSync(lock, rival, { flag: 'wx' });
      },
    });
    expect(fs.readFileSync(lock, 'utf8')).toBe(rival);
  });

  test('a lock rewritten in place while we held it stays', () => {
    appendRecord(file, bodyAt(0), signer, { whileLocked: () => fs.writeFileSync(lock, rival) });
    expect(fs.readFileSync(lock, 'utf8')).toBe(rival);
  });

  test('a lock already gone is no error, and the record stands', () => {
    appendRecord(file, bodyAt(0), signer, { whileLocked: () => fs.unlinkSync(lock) });
    expect(fs.existsSync(lock)).toBe(false);
    expect(verify()).toEqual([]);
  });
});
