// Where seatbelt keeps its state, from the environment the host started seatbelt with (passed in,
// so tests can set it). The default home is the account's home in the password database, never
// `$HOME`: a `HOME=…` the agent puts in front of a command must not move the operator's files.
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/** The account's home folder from the password database; `$HOME` only when the account has no entry. */
export function operatorHome(): string {
  try {
    return userInfo().homedir || homedir();
  } catch {
    return homedir(); // no password entry (some containers): the host's environment is all there is
  }
}

/** $SEATBELT_HOME, or ~/.seatbelt in the operator's home. */
export function seatbeltHome(env: Env = process.env): string {
  const home = env.SEATBELT_HOME;
  return home ? resolve(home) : join(operatorHome(), '.seatbelt');
}

/** $SEATBELT_AUDIT, or $SEATBELT_HOME/audit.jsonl. */
export function defaultAuditFile(env: Env = process.env): string {
  const file = env.SEATBELT_AUDIT;
  return file ? resolve(file) : join(seatbeltHome(env), 'audit.jsonl');
}
