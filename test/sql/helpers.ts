// Spawning the real binary for the SQL end-to-end tests (SEATBELT_TEST_BIN may point at another build).
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertFreshBundle } from '../setup/bundle.js';
import { scratchDir } from '../setup/scratch.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = process.env.SEATBELT_TEST_BIN ?? path.join(ROOT, 'bin/seatbelt');
export const BUNDLE = process.env.SEATBELT_TEST_BUNDLE ?? path.join(ROOT, 'dist/seatbelt.mjs');

export function tempHome(): { dir: string; audit: string; env: Record<string, string> } {
  const dir = scratchDir('seatbelt-sql-');
  const audit = path.join(dir, 'audit.jsonl');
  return { dir, audit, env: { SEATBELT_HOME: path.join(dir, 'home'), SEATBELT_AUDIT: audit, HOME: dir } };
}

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function seatbelt(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<Run> {
  if (process.env.SEATBELT_TEST_BIN === undefined) assertFreshBundle(); // another build is the caller's to keep current
  const r = await execa(BIN, args, {
    env: opts.env ?? {},
    reject: false,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

export function records(audit: string): Array<Record<string, unknown>> {
  return readFileSync(audit, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
