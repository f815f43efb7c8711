// A session binds the resolved settings to the adapters the core needs: the analyser, the policy
// and role, the signer and the audit file. Every front end (CLI, hooks, MCP) opens one and calls
// `govern`, so they all take the same path.
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { defaultAnalyzer } from '../analyze/index.js';
import { decide, govern } from '../core/govern.js';
import type { Action, AnalyzeContext, Decision } from '../core/types.js';
import { SAFE_DEFAULTS, type Policy } from '../policy/apply.js';
import { appendRecord, type SealedRecord, type Signer } from '../audit/append.js';
import { decisionBody, outcomeBody, type Actor } from '../audit/envelope.js';
import { loadSigner } from '../audit/keys.js';
import { uuidv7 } from '../audit/uuid.js';
import type { RunResult } from '../run/spawn.js';

export interface SessionOptions {
  audit?: string;
  policy?: string;
  role?: string;
  owner?: string;
  agent?: string;
  session?: string;
  recordInput?: boolean;
  autoKeys?: boolean;
  cwd?: string;
}

export interface Session {
  auditPath: string;
  home: string;
  ctx: AnalyzeContext;
  /** The decision alone: nothing is sealed or run. */
  check(action: Action): Promise<Decision>;
  /** Decide and seal durably. Throws SeatbeltError('AUDIT') when the record cannot be made durable. */
  govern(action: Action): Promise<{ decision: Decision; record: SealedRecord }>;
  /** Seal the outcome of a run, linked to the decision. */
  sealOutcome(decisionEventId: string, result: RunResult): SealedRecord;
  /** Messages for the user (e.g. "created a key at …"), printed by the adapter. */
  notices: string[];
}

export function openSession(opts: SessionOptions, env: NodeJS.ProcessEnv = process.env): Session {
  const homeDir = os.homedir();
  const home = env.SEATBELT_HOME || path.join(homeDir, '.seatbelt');
  const auditPath = path.resolve(opts.audit ?? env.SEATBELT_AUDIT ?? path.join(home, 'audit.jsonl'));
  const cwd = opts.cwd ?? process.cwd();
  const ctx: AnalyzeContext = { cwd, home: homeDir };
  const policy: Policy = SAFE_DEFAULTS;
  const notices: string[] = [];
  const actor: Actor = {
    ...(opts.agent ?? env.SEATBELT_AGENT ? { agent: opts.agent ?? env.SEATBELT_AGENT } : {}),
    ...(opts.owner ?? env.SEATBELT_OWNER ? { owner: opts.owner ?? env.SEATBELT_OWNER } : {}),
    user: os.userInfo().username,
    host: os.hostname(),
    cwd,
    ...(opts.session ? { session: opts.session } : {}),
    pid: process.pid,
  };
  let signer: Signer | undefined;
  const getSigner = (): Signer => {
    if (!signer) {
      const loaded = loadSigner({ home, autoCreate: opts.autoKeys !== false });
      if (loaded.created) notices.push(`seatbelt: created a new signing key at ${loaded.privateKeyPath}`);
      signer = loaded.signer;
    }
    return signer;
  };
  const seal = (body: Record<string, unknown>): SealedRecord => appendRecord(auditPath, body, getSigner());
  const deps = { analyzer: defaultAnalyzer, policy, ctx };

  return {
    auditPath,
    home,
    ctx,
    notices,
    check: (action) => decide(action, deps),
    govern: (action) =>
      govern(action, {
        ...deps,
        seal: (decision) => {
          const time = new Date();
          return seal(
            decisionBody({
              eventId: uuidv7(time, randomBytes(10)),
              time,
              action,
              decision,
              actor,
              recordInput: opts.recordInput === true,
            }),
          );
        },
      }),
    sealOutcome: (decisionEventId, result) => {
      const time = new Date();
      return seal(
        outcomeBody({
          eventId: uuidv7(time, randomBytes(10)),
          time,
          decisionEventId,
          exitCode: result.exitCode,
          signal: result.signal,
          durationMs: result.durationMs,
          ...(result.spawnError ? { error: result.spawnError } : {}),
        }),
      );
    },
  };
}

