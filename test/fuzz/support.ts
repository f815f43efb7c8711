// Shared pieces of the fuzz tests: the number of runs (bounded by default, more with
// SEATBELT_FUZZ_RUNS), a library session that decides without sealing, and a hang guard.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openSession, type Session } from '../../src/adapters/session.js';
import type { Action, Decision } from '../../src/core/types.js';

/** Runs per property: the default keeps the suite fast; SEATBELT_FUZZ_RUNS=N asks for N. */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.SEATBELT_FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? n : defaultRuns;
}

/** A session with a private home; `check` never seals, so no key is needed. */
export function fuzzSession(): Session {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true })); // called at a test file's top level
  const env = { SEATBELT_HOME: path.join(dir, 'home'), HOME: dir };
  return openSession({ audit: path.join(dir, 'audit.jsonl'), autoKeys: false, cwd: dir }, env);
}

export class Hang extends Error {}

/** The decision, or a Hang error when it takes longer than `ms` (an async hang guard). */
export async function decideWithin(session: Session, action: Action, ms = 5_000): Promise<Decision> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`no decision within ${ms} ms for ${JSON.stringify(action).slice(0, 200)}`)), ms);
  });
  try {
    return await Promise.race([session.check(action), hang]);
  } finally {
    clearTimeout(timer);
  }
}

export const shell = (script: string): Action => ({ kind: 'shell', script });

/** Single-quotes a string for a POSIX shell. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
