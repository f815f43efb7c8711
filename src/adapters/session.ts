// A session binds the resolved settings to the adapters the core needs: the analyser, the policy
// and role, the signer and the audit file. Every front end (CLI, hooks, MCP) opens one and calls
// `govern`, so they all take the same path. Settings are read once, when the session opens, before
// any analysis: nothing the command under judgment does can change what judges it.
import os from 'node:os';
import path from 'node:path';
import { statSync } from 'node:fs';
import { decide, govern, type DecideDeps } from '../engine/govern.js';
import type { Action, AnalyzeContext, Analyzer, Decision, RuleMatch } from '../core/types.js';
import { loadPolicy } from '../policy/policies.js';
import { resolveSettings, type ResolvedSettings } from '../policy/settings.js';
import { loadRoleChecked } from '../policy/role/examples.js';
import { defaultRolesDirs } from '../policy/role/load.js';
import type { LoadedRole } from '../policy/role/role.js';
import { appendRecord, type SealedRecord, type Signer } from '../audit/append.js';
import { decisionBody, outcomeBody, type Actor, type GatewayFields } from '../audit/envelope.js';
import { keyPaths, loadSigner, readHomePublicKeys } from '../audit/keys.js';
import { checkpointIfDue } from '../audit/auto-checkpoint.js';
import { eventStamp } from '../audit/uuid.js';
import { operatorHome } from '../audit/paths.js';
import { untrustedProjectMatch } from '../policy/project-trust.js';
import { guardedPaths, oneMomentOf } from './guarded-paths.js';
import { findProjectRoot } from './project-root.js';
import { programFileReader } from './file-reader.js';
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
  /** The default SQL dialect (library option; the CLI takes it per command). */
  dialect?: string;
  /** SEATBELT_HOME as a flag (library option). */
  home?: string;
}

/** What one governed call adds to the session's decision and record. */
export interface GovernOptions {
  /** Who asked, for this one record: replaces the session's owner, agent and session id (the gateway's callers). */
  actor?: { owner?: string; agent?: string; session?: string };
  /** Matches about this action found before its analysis (the gateway's approval gate), judged by the policy with the rest. */
  findings?: readonly RuleMatch[];
  /** The gateway's fields of the record; a function is given the decision (an approval id only when held). */
  gateway?: GatewayFields | ((decision: Decision) => GatewayFields);
}

export interface Session {
  auditPath: string;
  home: string;
  ctx: AnalyzeContext;
  resolved: ResolvedSettings;
  /**
   * The decision alone: nothing is sealed or run. `context` replaces parts of the session's
   * context for this one decision (`seatbelt scan` judges a Dockerfile RUN as an image build).
   */
  check(action: Action, context?: Partial<AnalyzeContext>): Promise<Decision>;
  /**
   * Decide and seal durably. Throws SeatbeltError('AUDIT') when the record cannot be made durable.
   * `options` carry what one call adds (the gateway: one session, many callers).
   */
  govern(action: Action, options?: GovernOptions): Promise<{ decision: Decision; record: SealedRecord }>;
  /** Seal a body built by src/audit/envelope.ts (the operator's approval of a held tool call, the gateway's inspection findings). */
  sealBody(body: Record<string, unknown>): SealedRecord;
  /** The session's actor, with one call's owner, agent and session id in place of its own (as `govern` records them). */
  actor(who?: GovernOptions['actor']): Actor;
  /** The trail's signing key (loaded, or created under autoKeys): the gateway signs receipts with it, under their own domain prefix. */
  signer(): Signer;
  /** Seal the outcome of a run, linked to the decision. */
  sealOutcome(decisionEventId: string, result: RunResult): SealedRecord;
  /** Messages for the user (e.g. "created a key at …"), printed by the adapter. */
  notices: string[];
}

/**
 * The analyser, loaded with the first decision: the analysis (rules, catalogue, the parsers'
 * loaders) is most of seatbelt's code, which a command or a library import that does not decide
 * need not evaluate.
 */
let analyzer: Promise<Analyzer> | undefined;
const defaultAnalyzer = (): Promise<Analyzer> => (analyzer ??= import('../engine/default-engine.js').then((m) => m.defaultAnalyzer));

/** Throws SeatbeltError('CONFIG') for invalid settings or an unknown policy. */
export function openSession(opts: SessionOptions, env: NodeJS.ProcessEnv = process.env): Session {
  // The operator's files are found from the account's home; `~` in the agent's commands is what
  // their shell expands it to ($HOME).
  const homeDir = operatorHome();
  const shellHome = os.homedir();
  const cwd = opts.cwd ?? process.cwd();
  const resolved = resolveSettings({ flags: settingFlags(opts), env, cwd, homeDir });
  const { settings } = resolved;
  // Files a command runs (scripts, code, SQL) are read when it is judged (file-reader.ts).
  const ctx: AnalyzeContext = {
    cwd,
    home: shellHome,
    projectRoot: findProjectRoot(cwd, shellHome),
    readFile: programFileReader(resolved.trusted),
  };
  const policy = loadPolicy(settings.policy);
  const notices: string[] = [];
  const ignored = resolved.project?.ignored ?? [];
  const projectNotices = ignored.length ? [untrustedProjectMatch(resolved.project!.path, ignored)] : [];
  if (projectNotices.length) notices.push(`seatbelt: ${projectNotices[0]!.reason}; ${projectNotices[0]!.remediation}`);
  const actor: Actor = {
    ...(settings.agent ? { agent: settings.agent } : {}),
    ...(settings.owner ? { owner: settings.owner } : {}),
    user: os.userInfo().username,
    host: os.hostname(),
    cwd,
    ...(opts.session ? { session: opts.session } : {}),
    pid: process.pid,
  };

  // The role is loaded (and its examples checked) on the first decision, so commands that never
  // decide do not pay for it; its file is re-hashed at every decision to catch a change.
  let role: Promise<LoadedRole | undefined> | undefined;
  const loadRole = () =>
    (role ??= settings.role
      ? loadRoleChecked(settings.role, {
          rolesDir: defaultRolesDirs(settings.home, resolved.bundle?.rolesDir),
          cwd,
          analyze: async (a, c) => (await defaultAnalyzer()).analyze(a, c),
          passedCacheDir: path.join(settings.home, 'cache', 'roles-passed'),
        })
      : Promise.resolve(undefined));
  const deps = async (): Promise<DecideDeps> => {
    const r = await loadRole();
    // Found on the first decision, so commands that never decide do not pay for the look-ups.
    ctx.guard ??= guardedPaths({ resolved, cwd, homes: [...new Set([homeDir, shellHome])] });
    return {
      analyzer: await defaultAnalyzer(),
      policy,
      ctx: { ...ctx, guard: oneMomentOf(ctx.guard) },
      ...(r ? { role: r } : {}),
      guard: () => ({ roleChanged: r ? r.isStale() : false, pinViolation: resolved.violation, notices: projectNotices }),
    };
  };

  let signer: { signer: Signer; stamp: string } | undefined;
  // Called under the trail lock; reloads the key when `keys rotate` replaced the file, so a
  // long-running command's outcome (or a long-lived session) is never signed by a retired key.
  const getSigner = (): Signer => {
    const stamp = keyFileStamp(settings.home);
    if (!signer || signer.stamp !== stamp) {
      const loaded = loadSigner({ home: settings.home, autoCreate: settings.autoKeys });
      if (loaded.created) notices.push(`seatbelt: created a new signing key at ${loaded.privateKeyPath}`);
      signer = { signer: loaded.signer, stamp: loaded.created ? keyFileStamp(settings.home) : stamp };
    }
    return signer.signer;
  };
  const seal = (body: Record<string, unknown>): SealedRecord =>
    appendRecord(settings.audit, body, getSigner, {
      lockTimeoutMs: settings.lockTimeoutMs,
      ...(settings.environment ? { environment: settings.environment } : {}),
      // Only seatbelt's own home is created on first use; any other folder must exist.
      createFolder: path.dirname(path.resolve(settings.audit)) === path.resolve(settings.home),
      ...(resolved.checkpoint ? { whileLocked: (sealed: SealedRecord) => autoCheckpoint(sealed) } : {}),
    });
  // The operator's schedule: a checkpoint made under the lock; one that cannot be made is told, never fatal.
  const autoCheckpoint = (sealed: SealedRecord): void => {
    try {
      const r = checkpointIfDue({
        trail: settings.audit,
        sealed,
        signer: getSigner(),
        schedule: resolved.checkpoint!,
        keys: readHomePublicKeys(settings.home).map((k) => k.key),
        now: new Date(),
      });
      if (r && 'skipped' in r) notices.push(`seatbelt: no checkpoint: ${r.skipped}`);
    } catch (err) {
      notices.push(`seatbelt: no checkpoint: ${(err as Error).message}`);
    }
  };

  return {
    auditPath: settings.audit,
    home: settings.home,
    ctx,
    resolved,
    notices,
    check: async (action, context) => {
      const d = await deps();
      return decide(action, context ? { ...d, ctx: { ...d.ctx, ...context } } : d);
    },
    signer: getSigner,
    sealBody: seal,
    actor: (who) => (who ? { ...actor, ...definedOnly(who) } : actor),
    govern: async (action, options = {}) =>
      govern(action, {
        ...(await deps()),
        ...(options.findings ? { findings: options.findings } : {}),
        seal: (decision) => {
          const { eventId, time } = eventStamp();
          const gateway = typeof options.gateway === 'function' ? options.gateway(decision) : options.gateway;
          const body = decisionBody({
            eventId,
            time,
            action,
            decision,
            actor: options.actor ? { ...actor, ...definedOnly(options.actor) } : actor,
            recordInput: settings.recordInput,
            ...(gateway ? { gateway } : {}),
            ...(resolved.bundle ? { policyBundle: resolved.bundle.sha256 } : {}),
          });
          return seal(body);
        },
      }),
    sealOutcome: (decisionEventId, result) => {
      const { eventId, time } = eventStamp();
      return seal(
        outcomeBody({
          eventId,
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

function settingFlags(o: SessionOptions) {
  return {
    ...(o.policy !== undefined ? { policy: o.policy } : {}),
    ...(o.role !== undefined ? { role: o.role } : {}),
    ...(o.audit !== undefined ? { audit: o.audit } : {}),
    ...(o.agent !== undefined ? { agent: o.agent } : {}),
    ...(o.owner !== undefined ? { owner: o.owner } : {}),
    ...(o.autoKeys !== undefined ? { autoKeys: o.autoKeys } : {}),
    ...(o.recordInput !== undefined ? { recordInput: o.recordInput } : {}),
    ...(o.dialect !== undefined ? { dialect: o.dialect } : {}),
    ...(o.home !== undefined ? { home: o.home } : {}),
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Identity of the private key file (inode, size, mtime): changes when the key is replaced. */
function keyFileStamp(home: string): string {
  try {
    const st = statSync(keyPaths(home).privateKeyPath);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}
