// guard.exec: `seatbelt exec` as a function. Decide and seal, then run the command in the guard's
// folder (or throw GovernanceBlocked: a refused command is never started), then seal its outcome.
import { SeatbeltError } from '../core/error.js';
import type { Decision } from '../core/types.js';
import { run } from '../run/spawn.js';
import { bashForScripts } from '../run/bash.js';
import { isArgv, type GuardAction } from './action.js';
import { GovernanceBlocked } from './governance-blocked.js';
import type { GuardCore } from './guard.js';
import { describe } from './options.js';

/** An argv command (`['git', 'status']`) or a shell script, run by `bash -c` (the dialect it is judged in). */
export type ExecCommand = readonly string[] | { shell: string };

export interface ExecOptions {
  /** 'inherit' (default): the command writes to this process's stdout and stderr; 'pipe': they are returned. */
  stdio?: 'inherit' | 'pipe';
  /** Written to the command's stdin (otherwise stdin is inherited). */
  input?: string;
}

export interface ExecResult {
  /** The command's exit code; 128+n when it died of signal n; 127 when it was not found. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** With stdio 'pipe'. */
  stdout?: string;
  stderr?: string;
  /** Why the command could not be started, when it could not. */
  error?: string;
  decision: Decision;
  /** The sealed decision's event id; the outcome record links to it. */
  eventId: string;
}

export async function execCommand(core: GuardCore, command: ExecCommand, options: ExecOptions = {}): Promise<ExecResult> {
  const action = actionFrom(command);
  const problems: string[] = [];
  if (options.stdio !== undefined && options.stdio !== 'inherit' && options.stdio !== 'pipe')
    problems.push(`stdio: expected "inherit" or "pipe", found ${describe(options.stdio)}`);
  if (options.input !== undefined && typeof options.input !== 'string')
    problems.push(`input: expected a string, found ${describe(options.input)}`);
  if (problems.length) throw new SeatbeltError('USAGE', `exec: invalid options:\n  ${problems.join('\n  ')}`);

  const shell = action.kind === 'shell' ? bashForScripts() : null; // throws UNAVAILABLE before deciding
  const { decision, record } = await core.govern(action);
  if (decision.decision === 'block') throw new GovernanceBlocked(decision, record.eventId);
  const [file, args] =
    action.kind === 'argv' ? [action.argv[0]!, action.argv.slice(1)] : [shell!, ['-c', action.kind === 'shell' ? action.script : '']];
  const capture = options.stdio === 'pipe';
  const result = await run(file, [...args], {
    cwd: core.cwd,
    capture,
    forwardSignals: false,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  core.sealOutcome(record.eventId, result);
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: result.durationMs,
    ...(capture ? { stdout: result.stdout?.toString('utf8') ?? '', stderr: result.stderr?.toString('utf8') ?? '' } : {}),
    ...(result.spawnError ? { error: result.spawnError } : {}),
    decision,
    eventId: record.eventId,
  };
}

function actionFrom(command: unknown): GuardAction {
  if (isArgv(command)) return { kind: 'argv', argv: command };
  if (
    typeof command === 'object' &&
    command !== null &&
    !Array.isArray(command) &&
    typeof (command as { shell?: unknown }).shell === 'string'
  ) {
    return { kind: 'shell', script: (command as { shell: string }).shell };
  }
  throw new SeatbeltError('USAGE', `exec: expected an argv array (["git", "status"]) or { shell: "<script>" }, found ${describe(command)}`);
}
