// The one path every hook takes: read stdin (capped, with a deadline), validate the host's
// payload, decide AND seal through the session, answer in the host's form. Every failure —
// malformed input, an internal error, an audit file that cannot be written, the deadline — is
// answered with the host's blocking form: a hook must never crash into "go ahead".
import { SeatbeltError } from '../../core/error.js';
import type { Decision } from '../../core/types.js';
import { openSession, type Session, type SessionOptions } from '../session.js';
import { shipInBackground } from '../ledger/background.js';
import { refusalText } from '../cli/shared.js';
import { DEFAULT_MAX_INPUT_BYTES, readInput } from './read-input.js';
import type { HookAnswer, HostFormat } from './types.js';

export const DEFAULT_HOOK_TIMEOUT_MS = 30_000;

export interface RunHookOptions {
  stdin: NodeJS.ReadableStream;
  session: SessionOptions;
  /** Answer "no opinion" instead of "allow", so the host's own permission prompt still runs. */
  noAutoApprove?: boolean;
  maxBytes?: number;
  /** The whole hook, reading included, must answer within this. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  open?: (opts: SessionOptions, env?: NodeJS.ProcessEnv) => Session;
}

function describe(err: unknown): string {
  if (err instanceof SeatbeltError && err.code === 'AUDIT')
    return `seatbelt: refused: the decision could not be recorded durably (${err.message})`;
  if (err instanceof SeatbeltError) return `seatbelt: refused: ${err.message}`;
  return `seatbelt: refused: internal error: ${err instanceof Error ? err.message : String(err)}`;
}

function shortDenial(d: Decision, eventId: string): string {
  const m = d.blocking[0];
  return `seatbelt blocked this command: ${m ? `${m.ruleId} — ${m.reason}` : d.reason} (event ${eventId})`;
}

async function decide(format: HostFormat, o: RunHookOptions, notices: string[]): Promise<HookAnswer> {
  const text = await readInput(o.stdin, {
    maxBytes: o.maxBytes ?? DEFAULT_MAX_INPUT_BYTES,
    timeoutMs: o.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
  });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('INPUT', `${format.host} hook input is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const call = format.parse(payload);
  if (!call) return format.noOpinion();
  const env = o.env ?? process.env;
  const opts: SessionOptions = { ...o.session, agent: o.session.agent ?? env.SEATBELT_AGENT ?? format.host };
  if (call.session !== undefined) opts.session = call.session;
  if (call.cwd !== undefined) opts.cwd = call.cwd;
  const session = (o.open ?? openSession)(opts, env);
  try {
    const { decision, record } = await session.govern(call.action);
    const seal = { eventId: record.record.event_id, hash: record.record.hash };
    // The operator's ledger, kept up to date by a detached shipper (docs/fleet.md), once the answer is on its way.
    setImmediate(() => shipInBackground({ ledger: session.resolved.ship, home: session.home, trail: session.auditPath }));
    if (decision.decision === 'block') return format.deny(refusalText(decision, seal).trimEnd(), shortDenial(decision, seal.eventId));
    if (o.noAutoApprove) return format.noOpinion();
    return format.allow(`seatbelt: allowed under policy ${decision.policy.name} (event ${seal.eventId})`);
  } finally {
    notices.push(...session.notices);
  }
}

/** Runs one hook call and returns the whole answer; never throws. */
export async function runHook(format: HostFormat, o: RunHookOptions): Promise<HookAnswer> {
  const notices: string[] = [];
  const timeoutMs = o.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<HookAnswer>((resolve) => {
    timer = setTimeout(() => resolve(format.failure(`seatbelt: refused: no decision within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  const work = decide(format, o, notices).catch((err: unknown) => format.failure(describe(err)));
  const answer = await Promise.race([work, deadline]);
  clearTimeout(timer);
  return notices.length ? { ...answer, stderr: answer.stderr + notices.map((n) => n + '\n').join('') } : answer;
}
