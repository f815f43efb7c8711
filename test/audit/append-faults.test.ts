// Faults the file system would rarely give us on demand (disk full, I/O error, a short write),
// injected by wrapping node:fs: each one must be an AUDIT error, and nothing may be truncated.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const faults = vi.hoisted(() => ({
  write: null as null | 'ENOSPC' | 'short',
  fsync: null as null | 'EIO',
  open: null as null | 'EACCES' | 'EROFS',
}));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
  const isTrail = (p: unknown) => typeof p === 'string' && p.endsWith('audit.jsonl');
  const trailFds = new Set<number>();
  const wrapped = {
    ...real,
    openSync: ((p: string, flags: string, mode?: number) => {
      if (isTrail(p) && faults.open) throw errno(faults.open);
      const fd = real.openSync(p, flags, mode);
      if (isTrail(p)) trailFds.add(fd);
      return fd;
    }) as typeof real.openSync,
    closeSync: ((fd: number) => {
      trailFds.delete(fd);
      real.closeSync(fd);
    }) as typeof real.closeSync,
    writeSync: ((fd: number, data: Uint8Array, ...rest: unknown[]) => {
      if (trailFds.has(fd) && faults.write === 'ENOSPC') throw errno('ENOSPC');
      if (trailFds.has(fd) && faults.write === 'short') {
        return (real.writeSync as (fd: number, d: Uint8Array) => number)(fd, data.subarray(0, 10));
      }
      return (real.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    }) as typeof real.writeSync,
    fsyncSync: ((fd: number) => {
      if (trailFds.has(fd) && faults.fsync) throw errno(faults.fsync);
      real.fsyncSync(fd);
    }) as typeof real.fsyncSync,
  };
  return { ...wrapped, default: wrapped };
});

const fs = await import('node:fs');
const { appendRecord } = await import('../../src/audit/append.js');
const { verifyTrail } = await import('../../src/audit/verify.js');
const { bodyAt, signer } = await import('./fixtures.js');

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-faults-'));
  file = join(dir, 'audit.jsonl');
  faults.write = faults.fsync = faults.open = null;
  appendRecord(file, bodyAt(0), signer);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectAudit(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toMatchObject({ name: 'SeatbeltError', code: 'AUDIT' });
  expect((caught as Error).message).toMatch(message);
}

describe('faults while appending', () => {
  test.each([
    ['disk full on write', () => (faults.write = 'ENOSPC'), /no space left on the device \(ENOSPC\)/],
    ['fsync I/O error', () => (faults.fsync = 'EIO'), /I\/O error \(EIO\)/],
    ['permission denied on open', () => (faults.open = 'EACCES'), /permission denied \(EACCES\)/],
    ['read-only file system', () => (faults.open = 'EROFS'), /read-only file system \(EROFS\)/],
    ['a short write', () => (faults.write = 'short'), /short write .* 10 of \d+ bytes/],
  ])('%s → AUDIT, lock released, earlier records intact', (_, inject, message) => {
    const before = fs.readFileSync(file);
    inject();
    expectAudit(() => appendRecord(file, bodyAt(1), signer), message);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    const after = fs.readFileSync(file);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    // Once the fault clears, the next append continues (recovering a short write's fragment).
    faults.write = faults.fsync = faults.open = null;
    appendRecord(file, bodyAt(2), signer);
    const report = verifyTrail(fs.readFileSync(file), { publicKeys: [signer.publicKeyPem] });
    expect(report.findings).toEqual([]);
  });

  test('the short write left a fragment that the next append accounted for', () => {
    faults.write = 'short';
    expectAudit(() => appendRecord(file, bodyAt(1), signer), /short write/);
    faults.write = null;
    const r = appendRecord(file, bodyAt(2), signer);
    expect(r.recovered?.record).toMatchObject({ type: 'recovery', fragment_length: 10 });
  });
});
