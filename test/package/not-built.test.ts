// A checkout before `npm ci` has no dist/ (it is built, not committed): bin/seatbelt says so and
// exits 78, without a stack trace.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('an unbuilt checkout: "seatbelt: not built — run npm ci", exit 78', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-unbuilt-'));
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  const r = spawnSync(path.join(dir, 'bin', 'seatbelt'), ['check', '--shell', 'ls'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir },
  });
  expect(r.status).toBe(78);
  expect(r.stderr).toBe('seatbelt: not built — run npm ci\n');
  expect(r.stdout).toBe('');
});
