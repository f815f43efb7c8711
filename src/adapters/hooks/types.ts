// The contract every host's wire format implements: read its payload, answer in its form.
import type { Action } from '../../core/types.js';

export type HostName = 'claude-code' | 'codex' | 'gemini' | 'cursor';
export const HOSTS: readonly HostName[] = ['claude-code', 'codex', 'gemini', 'cursor'];

/** What the process prints and how it exits: the whole answer to the host. */
export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A shell command the host is about to run, with who asks and where. */
export interface HookCall {
  action: Action;
  /** The folder the command will run in (absolute). */
  cwd?: string;
  /** The host's session / conversation id, for the envelope's actor. */
  session?: string;
}

export interface HostFormat {
  host: HostName;
  /**
   * Validates the payload at the boundary (every bad field named at once). Returns null when the
   * call is not a shell command (another tool): seatbelt gives no opinion on it.
   * Throws SeatbeltError('INPUT') on a malformed payload.
   */
  parse(payload: unknown): HookCall | null;
  /** The command may run. `text` says so, with the event id. */
  allow(text: string): HookAnswer;
  /** The command is refused. `text` names the rule, reason, remediation and event id; `short` is one line. */
  deny(text: string, short: string): HookAnswer;
  /** Not ours to judge (another tool), or the operator asked not to approve: the host decides as usual. */
  noOpinion(): HookAnswer;
  /** Malformed input, an internal error, a timeout, an audit failure: the host's blocking form. */
  failure(reason: string): HookAnswer;
}
