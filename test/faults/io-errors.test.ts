// The disk fails: ENOSPC and EIO on the audit file's write() and fsync(), a short write, and a
// real full filesystem. In each case the command must not run (it would create a marker file),
// exit 74 with a message that says why, and the trail already on disk must stay intact.
//
// Faults are injected into the real binary: an LD_PRELOAD shim (fault-shim.c, compiled here with
// the system C compiler) fails write()/fsync() on the audit file only; a full disk is a real tmpfs
// mounted for the test (needs root/CAP_SYS_ADMIN). Where the machine cannot do either, the test
// says so and is skipped; /dev/full stands in for a full disk (it refuses every write with ENOSPC).
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatbelt } from '../e2e/helpers.js';
import { appendRecord } from '../../src/audit/append.js';
import { outcomeBody } from '../../src/audit/envelope.js';
import { loadSigner } from '../../src/audit/keys.js';
import { sealRecord } from '../../src/audit/seal.js';
import { eventStamp } from '../../src/audit/uuid.js';
import { keyedHome, verifyFile, type Home } from './support.js';

const SHIM_SRC = path.join(import.meta.dirname, 'fault-shim.c');
const env = (h: Home, extra: Record<string, string> = {}) => ({ SEATBELT_HOME: h.home, SEATBELT_AUDIT: h.audit, HOME: h.dir, ...extra });
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

let shim: string | null = null;
beforeAll(() => {
  const out = path.join(keyedHome().dir, 'fault-shim.so');
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-O2', '-o', out, SHIM_SRC, '-ldl'], { encoding: 'utf8' });
  shim = cc.status === 0 ? out : null;
  if (!shim) console.warn(`io-errors: no C compiler (${cc.error?.message ?? cc.stderr}); the LD_PRELOAD fault tests are skipped`);
});

/** A home with a trail of two executed commands (four records), and the trail's bytes. */
async function homeWithTrail(): Promise<{ h: Home; before: Buffer }> {
  const h = keyedHome();
  for (let i = 0; i < 2; i++) expect((await seatbelt(['exec', '--', 'true'], { env: env(h) })).exitCode).toBe(0);
  return { h, before: readFileSync(h.audit) };
}

async function expectRefusedAndIntact(h: Home, before: Buffer, extraEnv: Record<string, string>, why: RegExp) {
  const marker = path.join(h.dir, 'ran');
  const r = await seatbelt(['exec', '--', 'touch', marker], { env: env(h, extraEnv) });
  expect(existsSync(marker)).toBe(false);
  expect(r.exitCode).toBe(74);
  expect(r.stderr).toMatch(/refus/i);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(STACK);
  // What was on disk before is still there, byte for byte.
  const after = readFileSync(h.audit);
  expect(after.subarray(0, before.length).equals(before)).toBe(true);
  return after;
}

describe('write() and fsync() failures on the audit file (LD_PRELOAD shim)', () => {
  const cases: { name: string; fault: Record<string, string>; why: RegExp; leavesBytes: boolean }[] = [
    { name: 'write fails with EIO', fault: { FAULT_WRITE: 'EIO' }, why: /I\/O error|EIO/, leavesBytes: false },
    { name: 'write fails with ENOSPC', fault: { FAULT_WRITE: 'ENOSPC' }, why: /no space|ENOSPC/, leavesBytes: false },
    { name: 'write fails with EDQUOT', fault: { FAULT_WRITE: 'EDQUOT' }, why: /quota|EDQUOT/, leavesBytes: false },
    { name: 'fsync fails with EIO', fault: { FAULT_FSYNC: 'EIO' }, why: /I\/O error|EIO/, leavesBytes: true },
    { name: 'a short write', fault: { FAULT_SHORT: '1' }, why: /short write|disk full/, leavesBytes: true },
  ];
  for (const c of cases) {
    it(`${c.name}: refused with exit 74, nothing runs, the trail stays intact and verifies`, async (ctx) => {
      if (!shim) return ctx.skip();
      const { h, before } = await homeWithTrail();
      const after = await expectRefusedAndIntact(h, before, { LD_PRELOAD: shim, FAULT_PATH: h.audit, ...c.fault }, c.why);
      if (!c.leavesBytes) expect(after.equals(before)).toBe(true);
      // The next writer on a healthy disk carries on: a recovery record accounts for any torn bytes.
      expect((await seatbelt(['exec', '--', 'true'], { env: env(h) })).exitCode).toBe(0);
      const report = verifyFile(h);
      expect(report.findings).toEqual([]);
      if (c.name === 'a short write') expect(report.recoveries).toBe(1);
    });
  }
});

describe('a full disk', () => {
  const mounts: string[] = [];
  let reason = '';
  /** A fresh 64 KiB tmpfs, or null when this machine does not let us mount one. */
  function smallDisk(): string | null {
    const dir = path.join(keyedHome().dir, 'mnt');
    mkdirSync(dir);
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { encoding: 'utf8' });
    if (r.status !== 0) {
      reason = (r.error?.message ?? r.stderr).trim();
      return null;
    }
    mounts.push(dir);
    return dir;
  }
  afterAll(() => {
    for (const m of mounts) spawnSync('umount', ['-l', m]);
  });

  /** Fills the file system, then frees `pages` pages of 4 KiB. Returns the filler's path. */
  function fill(mnt: string, pages: number): string {
    const filler = path.join(mnt, 'filler');
    const fd = openSync(filler, 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(4096, 0x2e));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    ftruncateSync(fd, Math.max(0, fstatSync(fd).size - pages * 4096));
    closeSync(fd);
    return filler;
  }

  /** Appends one valid outcome record, padded so the trail ends exactly on a page boundary. */
  function padToPage(h: Home): void {
    const { signer } = loadSigner({ home: h.home, autoCreate: false });
    const lines = readFileSync(h.audit, 'utf8').trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { seq: number; hash: string; event_id: string };
    const link = { seq: last.seq + 1, prevHash: last.hash };
    // A real stamp: verify checks that a record's time is its event id's.
    const { eventId, time } = eventStamp();
    const body = (error: string) =>
      outcomeBody({
        eventId,
        time,
        decisionEventId: last.event_id,
        exitCode: 1,
        signal: null,
        durationMs: 1,
        error,
      });
    const size = statSync(h.audit).size;
    const probe = Buffer.byteLength(sealRecord(body(''), link, signer).line) + 1;
    appendRecord(h.audit, body('x'.repeat((4096 - ((size + probe) % 4096)) % 4096)), signer);
    expect(statSync(h.audit).size % 4096).toBe(0);
  }

  async function trailOn(mnt: string): Promise<{ h: Home; before: Buffer }> {
    const h0 = keyedHome();
    const h: Home = { ...h0, audit: path.join(mnt, 'audit.jsonl') };
    for (let i = 0; i < 2; i++) expect((await seatbelt(['exec', '--', 'true'], { env: env(h) })).exitCode).toBe(0);
    padToPage(h);
    return { h, before: readFileSync(h.audit) };
  }

  it('a real full tmpfs, with room for the lock but not the record: refused (74), nothing runs, the trail stays intact', async (ctx) => {
    const mnt = smallDisk();
    if (!mnt) {
      console.warn(`io-errors: cannot mount a tmpfs here (${reason}); the /dev/full test stands in`);
      return ctx.skip();
    }
    const { h, before } = await trailOn(mnt);
    const filler = fill(mnt, 1);
    const after = await expectRefusedAndIntact(h, before, {}, /no space|ENOSPC/);
    expect(after.equals(before)).toBe(true);
    rmSync(filler);
    expect((await seatbelt(['exec', '--', 'true'], { env: env(h) })).exitCode).toBe(0);
    expect(verifyFile(h).findings).toEqual([]);
  });

  it('a real full tmpfs, no room even for the lock: refused (74), nothing runs, and the next command after space returns runs', async (ctx) => {
    const mnt = smallDisk();
    if (!mnt) return ctx.skip();
    const { h, before } = await trailOn(mnt);
    const filler = fill(mnt, 0);
    const after = await expectRefusedAndIntact(h, before, {}, /no space|ENOSPC/);
    expect(after.equals(before)).toBe(true);
    // The lock it could not write is not left behind (the next writer would wait for it to age).
    expect(existsSync(`${h.audit}.lock`)).toBe(false);
    rmSync(filler);
    const marker = path.join(h.dir, 'ran-later');
    const r = await seatbelt(['exec', '--', 'touch', marker], { env: env(h) });
    expect({ exit: r.exitCode, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
    expect(verifyFile(h).findings).toEqual([]);
  });

  it('/dev/full as the audit file: refused (74), nothing runs', async () => {
    const h = keyedHome();
    symlinkSync('/dev/full', h.audit);
    const marker = path.join(h.dir, 'ran');
    const r = await seatbelt(['exec', '--', 'touch', marker], { env: env(h) });
    expect(existsSync(marker)).toBe(false);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/not a regular file|no space|ENOSPC/);
    expect(r.stderr).not.toMatch(STACK);
  });
});
