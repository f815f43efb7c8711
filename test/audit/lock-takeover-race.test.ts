// The race a stale-lock takeover must survive: writer A sees a stale lock (its holder is dead) and
// decides to remove it; before A takes the short "breaker" lock, writer B has already replaced the
// stale lock with its own, live one. A must re-read the lock under the breaker, see that it is no
// longer the stale lock it judged, and leave it alone; removing it would let A and B both append
// at once. The interleaving is made deterministic by wrapping node:fs: B's lock is written at the
// moment A creates the breaker.
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const race = vi.hoisted(() => ({ rivalLock: null as null | { path: string; content: string }, breakersTaken: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const wrapped = {
    ...real,
    openSync: ((p: string, flags: string, mode?: number) => {
      if (typeof p === 'string' && p.endsWith('.lock.break') && flags === 'wx') {
        race.breakersTaken++;
        // Writer B wins the race just before A takes the breaker: the stale lock is now B's.
        if (race.rivalLock) {
          real.writeFileSync(race.rivalLock.path, race.rivalLock.content);
          race.rivalLock = null;
        }
      }
      return real.openSync(p, flags, mode);
    }) as typeof real.openSync,
  };
  return { ...wrapped, default: wrapped };
});

const fs = await import('node:fs');
const { appendRecord } = await import('../../src/audit/append.js');
const { bodyAt, signer } = await import('./fixtures.js');

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const lockContent = (pid: number, nonce: string) => JSON.stringify({ pid, host: hostname(), started: new Date().toISOString(), nonce });

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-lockrace-'));
  file = join(dir, 'audit.jsonl');
  lock = `${file}.lock`;
  appendRecord(file, bodyAt(0), signer);
  race.rivalLock = null;
  race.breakersTaken = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('taking over a stale audit lock', () => {
  test('without a rival, the stale lock is taken over and the record appended (the setup works)', () => {
    fs.writeFileSync(lock, lockContent(deadPid(), 'stale'));
    appendRecord(file, bodyAt(1), signer, { lockTimeoutMs: 2000 });
    expect(race.breakersTaken).toBe(1);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(fs.existsSync(lock)).toBe(false);
  });

  test('a lock replaced by a live writer between the stale read and the breaker is left alone', () => {
    fs.writeFileSync(lock, lockContent(deadPid(), 'stale'));
    // B is alive (this very process), so once its lock is in place nobody may take it over.
    const rival = lockContent(process.pid, 'rival-writer-b');
    race.rivalLock = { path: lock, content: rival };
    const before = fs.readFileSync(file);
    expect(() => appendRecord(file, bodyAt(1), signer, { lockTimeoutMs: 300 })).toThrow(/timed out .* waiting for the audit lock/);
    expect(race.breakersTaken).toBe(1);
    expect(fs.readFileSync(lock, 'utf8')).toBe(rival); // B still holds its lock
    expect(fs.readFileSync(file)).toEqual(before); // and A appended nothing beside it
    expect(fs.existsSync(`${lock}.break`)).toBe(false);
  });
});
