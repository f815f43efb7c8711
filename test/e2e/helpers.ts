// Spawns the real binary with a private SEATBELT_HOME so tests never touch the user's keys or trail.
// It refuses to spawn a bin/seatbelt whose bundle is older than the sources (see test/setup/bundle.ts).
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { assertFreshBundle } from '../setup/bundle.js';

export { assertFreshBundle } from '../setup/bundle.js';

export const BIN = path.resolve(import.meta.dirname, '../../bin/seatbelt');

/** Folders tempHome made in this test file: removed when the file's tests are done (after their own afterAll). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempHome(): { dir: string; home: string; audit: string; env: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-e2e-'));
  made.push(dir);
  const home = path.join(dir, 'seatbelt-home');
  const audit = path.join(dir, 'audit.jsonl');
  return { dir, home, audit, env: { SEATBELT_HOME: home, SEATBELT_AUDIT: audit, HOME: dir } };
}

export interface Ran {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function seatbelt(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<Ran> {
  assertFreshBundle();
  const r = await execa(BIN, args, {
    env: opts.env ?? {},
    reject: false,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' }),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
