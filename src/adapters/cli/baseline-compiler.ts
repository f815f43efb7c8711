// V8's baseline compiler (Sparkplug) turns a function's bytecode into machine code once the function
// has run for a while. A snapshot run of one command is over before that pays back: it compiled ~4 ms
// of `exec -- true`, and as much of `check`, `sql` and a host hook (measured), so the snapshots start
// with it off (scripts/snapshot.mjs, SNAPSHOT_FLAGS). A command that runs the same functions
// thousands of times (a `check --jsonl` batch, a scan, the MCP server) turns it back on: a batch
// of 2,000 lines is 7% faster with it. V8 takes a code cache only under the flags it was made with,
// so the parsers' caches, made with it off, are compiled with it off again (underCacheFlags).
import { setFlagsFromString } from 'node:v8';

const OFF = '--no-sparkplug';
let turnedOn = false;

/** Turns the baseline compiler back on for the rest of this process, where it started off. */
export function startBaselineCompiler(): void {
  if (turnedOn || !process.execArgv.includes(OFF)) return;
  setFlagsFromString('--sparkplug');
  turnedOn = true;
}

/**
 * Runs `compile` (a script compiled with a code cache of scripts/package-code-cache.mjs) under the
 * flags the cache was made with, and restores this process's.
 */
export function underCacheFlags<T>(compile: () => T): T {
  if (!turnedOn) return compile();
  setFlagsFromString(OFF);
  try {
    return compile();
  } finally {
    setFlagsFromString('--sparkplug');
  }
}
