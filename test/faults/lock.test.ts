// Lock problems: a lock left by a dead process is taken over; a lock held by a live process that
// never lets go ends in a refusal after a bounded wait (exit 74, nothing runs), never a hang.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seatbelt } from '../e2e/helpers.js';
import { keyedHome, verifyFile, type Home } from './support.js';

const live: number[] = [];
afterEach(() => {
  for (const pid of live.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function livePid(): number {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  live.push(child.pid!);
  return child.pid!;
}

function writeLock(h: Home, content: string, ageMs = 0): string {
  const lock = `${h.audit}.lock`;
  writeFileSync(lock, content);
  if (ageMs) {
    const t = (Date.now() - ageMs) / 1000;
    utimesSync(lock, t, t);
  }
  return lock;
}

const env = (h: Home) => ({ SEATBELT_HOME: h.home, SEATBELT_AUDIT: h.audit, HOME: h.dir });
const info = (pid: number, host = hostname()) => JSON.stringify({ pid, host, started: new Date().toISOString(), nonce: 'test' });

describe('a lock whose holder is gone is taken over', () => {
  const cases: Record<string, (h: Home) => string> = {
    'a dead pid on this host': (h) => writeLock(h, info(deadPid())),
    'an empty lock file (crashed between create and write), old': (h) => writeLock(h, '', 60_000),
    'an unreadable lock file, old': (h) => writeLock(h, '\u0000garbage{', 60_000),
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const h = keyedHome();
      const lock = make(h);
      const marker = path.join(h.dir, 'ran');
      const r = await seatbelt(['exec', '--', 'touch', marker], { env: env(h) });
      expect({ exit: r.exitCode, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
      expect(existsSync(marker)).toBe(true);
      expect(existsSync(lock)).toBe(false); // taken over, then released
      const report = verifyFile(h);
      expect(report.findings).toEqual([]);
      expect(report.decisions).toBe(1);
    });
  }
});

describe('a lock that is never released', () => {
  const cases: Record<string, () => string> = {
    'held by a live process on this host': () => info(livePid()),
    'held by a process on another host (cannot be judged stale)': () => info(deadPid(), 'some-other-host.example'),
  };
  for (const [name, content] of Object.entries(cases)) {
    it(`${name}: refused after a bounded wait, nothing runs, exit 74`, { timeout: 60_000 }, async () => {
      const h = keyedHome();
      // One record first, so there is a trail to keep intact.
      expect((await seatbelt(['exec', '--', 'true'], { env: env(h) })).exitCode).toBe(0);
      const before = readFileSync(h.audit);
      const held = content();
      const lock = writeLock(h, held);
      const marker = path.join(h.dir, 'ran');
      const r = await seatbelt(['exec', '--', 'touch', marker], { env: env(h) });
      expect(r.exitCode).toBe(74);
      expect(existsSync(marker)).toBe(false);
      expect(r.stderr).toMatch(/lock/);
      expect(r.stderr).toContain(lock);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(readFileSync(h.audit)).toEqual(before);
      // Still there and untouched: the holder's lock is never rewritten or taken.
      expect(existsSync(lock)).toBe(true);
      expect(readFileSync(lock, 'utf8')).toBe(held);
    });
  }
});
