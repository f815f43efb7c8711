// The commands an agent or its host runs at every call — exec, check, sql and the host hooks — on
// their own: the same commands, flags, help and exit codes as in the whole CLI (main.ts), without
// the rest of it. bin/seatbelt starts these four from a start-up snapshot of this bundle
// (dist/seatbelt-agent.cjs, scripts/snapshot.mjs), and every other command from the whole CLI's: a
// smaller heap to deserialise at each call (exec −4 ms, a hook −3 ms, measured; bench/README.md).
import { defineCli } from './program.js';
import { registerExec } from './exec.js';
import { registerCheck } from './check.js';
import { registerSql } from './sql.js';
import { registerHook } from './hook.js';

// For the start-up snapshot's builder (scripts/snapshot.mjs), as main.ts exports them.
export { warmUp } from './warm-up.js';
export { exitWith } from './program.js';
export { underCacheFlags } from './baseline-compiler.js';

/** What this bundle runs: bin/seatbelt's list of the commands it starts from this bundle's snapshot. */
export const AGENT_COMMANDS = ['exec', 'check', 'sql', 'hook'] as const;

export const { buildProgram, main } = defineCli([registerExec, registerCheck, registerSql, registerHook]);
