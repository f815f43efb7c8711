// createGuard: the library's front end. Like every other front end it opens one session (settings
// read once, here, before any analysis) and decides through session.check / session.govern, so a
// guard in an agent's code judges exactly as `seatbelt exec` would with the same settings.
import { SeatbeltError } from '../core/error.js';
import type { Decision } from '../core/types.js';
import type { Settings } from '../policy/settings.js';
import type { RunResult } from '../run/spawn.js';
import { openSession } from '../adapters/session.js';
import { toAction, type GuardAction } from './action.js';
import { execCommand, type ExecCommand, type ExecOptions, type ExecResult } from './exec.js';
import { AuditError } from './governance-blocked.js';
import { sessionOptionsFrom, type GuardOptions } from './options.js';
import { wrapFunction, type WrapSpec } from './wrap.js';

/** The sealed decision record: `line` is the JSON line as written to the audit file. */
export interface SealedDecision {
  eventId: string;
  seq: number;
  hash: string;
  line: string;
}

export interface Governed {
  decision: Decision;
  record: SealedDecision;
}

export interface Guard {
  /** The settings in force (resolved once, when the guard was created). */
  readonly settings: Readonly<Settings>;
  /** The decision alone: nothing is sealed or run. */
  check(action: GuardAction): Promise<Decision>;
  /** Decide and seal the decision durably. Throws AuditError when it cannot be sealed. */
  govern(action: GuardAction): Promise<Governed>;
  /**
   * `fn` behind the guard: each call governs the argument `spec` names first, calls `fn` only when
   * allowed (else throws GovernanceBlocked) and seals the outcome (returned or thrown).
   */
  wrap<A extends unknown[], R>(fn: (...args: A) => R, spec: WrapSpec): (...args: A) => Promise<Awaited<R>>;
  /** `seatbelt exec` as a function: decide, seal, run (or throw GovernanceBlocked), seal the outcome. */
  exec(command: ExecCommand, options?: ExecOptions): Promise<ExecResult>;
}

/** What wrap and exec need from the guard: governing that refuses to go on unsealed, and outcome sealing. */
export interface GuardCore {
  cwd: string;
  defaultDialect: Settings['dialect'];
  govern(action: GuardAction): Promise<Governed>;
  /** The action already ran and its decision is on record: a failure here only warns. */
  sealOutcome(eventId: string, result: RunResult): void;
}

/**
 * Throws GuardOptionsError for bad options (every bad field named) and SeatbeltError('CONFIG') for
 * bad settings (config files, a pin that cannot be read), as the CLI exits 78.
 */
export function createGuard(options?: GuardOptions): Guard {
  const session = openSession(sessionOptionsFrom(options));
  const { settings } = session.resolved;
  // The session collects notices (a key created, an untrusted project config): a library has no
  // terminal of its own, so they go out as process warnings, each once.
  let shown = 0;
  const flushNotices = () => {
    for (; shown < session.notices.length; shown++) process.emitWarning(session.notices[shown]!, { code: 'SEATBELT_NOTICE' });
  };
  flushNotices();

  const core: GuardCore = {
    cwd: session.ctx.cwd,
    defaultDialect: settings.dialect,
    govern: async (input) => {
      const action = toAction(input, settings.dialect);
      try {
        const { decision, record } = await session.govern(action);
        const r = record.record;
        return { decision, record: { eventId: r.event_id, seq: r.seq, hash: r.hash, line: record.line } };
      } catch (err) {
        if (err instanceof SeatbeltError && err.code === 'AUDIT')
          throw new AuditError(`the decision could not be recorded durably, so nothing may run: ${err.message}`, { cause: err });
        throw err;
      } finally {
        flushNotices();
      }
    },
    sealOutcome: (eventId, result) => {
      try {
        session.sealOutcome(eventId, result);
      } catch (err) {
        process.emitWarning(`seatbelt: the outcome could not be recorded: ${err instanceof Error ? err.message : String(err)}`, {
          code: 'SEATBELT_OUTCOME_NOT_SEALED',
        });
      }
    },
  };

  return {
    settings: Object.freeze({ ...settings }),
    check: async (action) => session.check(toAction(action, settings.dialect)),
    govern: (action) => core.govern(action),
    wrap: (fn, spec) => wrapFunction(core, fn, spec),
    exec: (command, opts) => execCommand(core, command, opts),
  };
}
