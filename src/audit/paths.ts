// Where seatbelt keeps its state, from the environment (passed in, so tests can set it).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/** $SEATBELT_HOME, or ~/.seatbelt. */
export function seatbeltHome(env: Env = process.env): string {
  const home = env.SEATBELT_HOME;
  return home ? resolve(home) : join(homedir(), '.seatbelt');
}

/** $SEATBELT_AUDIT, or $SEATBELT_HOME/audit.jsonl. */
export function defaultAuditFile(env: Env = process.env): string {
  const file = env.SEATBELT_AUDIT;
  return file ? resolve(file) : join(seatbeltHome(env), 'audit.jsonl');
}
