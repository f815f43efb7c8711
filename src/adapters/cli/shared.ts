// Flags shared by the commands that decide (exec, sql, check) and the ways they print a decision.
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import path from 'node:path';
import { EXIT, SeatbeltError } from '../../core/error.js';
import type { Action, Decision } from '../../core/types.js';
import type { RunResult } from '../../run/spawn.js';
import type { Session, SessionOptions } from '../session.js';
import { paintFor, paintRisk, plain, type Paint } from './paint.js';

export interface DecisionFlags {
  audit?: string;
  policy?: string;
  role?: string;
  owner?: string;
  agent?: string;
  recordInput?: boolean;
  autoKeys?: boolean;
  json?: boolean;
}

/** Adds the flags every deciding command takes. `json` names where --json prints (false: no --json). */
export function withDecisionFlags(cmd: Command, opts: { sealing: boolean; json?: false | string }): Command {
  cmd
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist')
    .option('--role <name|path>', 'role whose whitelist applies');
  if (opts.json !== false) cmd.option('--json', `print the decision as JSON ${opts.json ?? 'on stderr'}`);
  if (opts.sealing) {
    cmd
      .option('--audit <file>', 'audit file (env SEATBELT_AUDIT)')
      .option('--owner <id>', 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)')
      .option('--agent <id>', 'the agent id (env SEATBELT_AGENT)')
      .option('--record-input', 'store the input (secrets redacted) in the audit record, not only its digest')
      .option('--no-auto-keys', 'do not create a signing key when none exists');
  }
  return cmd;
}

/**
 * `check -- 'rm -rf /'`: one argument holding whitespace is almost always a script given where a
 * command and its arguments were meant; judging it as a program named "rm -rf /" would answer a
 * question nobody asked. Returns that argument, unless it names an existing file (a program whose
 * path holds a space).
 */
export function scriptInOneArgument(argv: string[], cwd = process.cwd()): string | undefined {
  if (argv.length !== 1 || !/\s/.test(argv[0]!)) return undefined;
  try {
    statSync(path.resolve(cwd, argv[0]!));
    return undefined;
  } catch {
    return argv[0];
  }
}

/** The usage error for a script given as one argument, suggesting --shell. */
export function refuseScriptAsArgv(argv: string[], command: string, cwd = process.cwd()): void {
  const script = scriptInOneArgument(argv, cwd);
  if (script === undefined) return;
  throw new SeatbeltError(
    'USAGE',
    `${JSON.stringify(script)} is one argument holding spaces, not a command and its arguments: to judge it as a shell script use seatbelt ${command} --shell ${shellQuoteArg(script)}, or pass the words separately after --`,
  );
}

/** An empty script or query decides nothing: a usage error, not a sealed "allow". */
export function refuseEmpty(text: string, what: string): void {
  if (text.trim() === '') throw new SeatbeltError('USAGE', `${what} is empty: nothing to judge`);
}

function shellQuoteArg(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function sessionOptions(flags: DecisionFlags): SessionOptions {
  const out: SessionOptions = {};
  if (flags.audit !== undefined) out.audit = flags.audit;
  if (flags.policy !== undefined) out.policy = flags.policy;
  if (flags.role !== undefined) out.role = flags.role;
  if (flags.owner !== undefined) out.owner = flags.owner;
  if (flags.agent !== undefined) out.agent = flags.agent;
  if (flags.recordInput !== undefined) out.recordInput = flags.recordInput;
  if (flags.autoKeys !== undefined) out.autoKeys = flags.autoKeys;
  return out;
}

export interface SealInfo {
  eventId: string;
  hash: string;
}

/** The decision as a JSON object: the same shape for `--json`, `check --jsonl` and adapters. */
export function decisionJson(d: Decision, seal?: SealInfo): Record<string, unknown> {
  return {
    decision: d.decision,
    rules: d.matches.map((m) => m.ruleId),
    reason: d.reason,
    remediation: d.remediation,
    matches: d.matches.map((m) => ({ id: m.ruleId, risk: m.risk, reason: m.reason, remediation: m.remediation, evidence: m.evidence })),
    ...(d.wouldBlock ? { would_block: d.wouldBlock.map((m) => m.ruleId) } : {}),
    policy: d.policy,
    ...(d.role ? { role: d.role } : {}),
    ...(seal ? { event_id: seal.eventId, record_hash: seal.hash } : {}),
  };
}

/**
 * The refusal text: rule, reason, remediation and event id, so a person (or agent) knows what to do.
 * `p` colours it for a terminal (the risk in its colour, the rule id bold); hooks and pipes get it plain.
 */
export function refusalText(d: Decision, seal?: SealInfo, p: Paint = plain): string {
  const lines = [`seatbelt: ${p.bold(p.red('refused'))}`];
  for (const m of d.blocking) {
    lines.push(
      `  rule:        ${p.bold(m.ruleId)} (${paintRisk(m.risk, p)})`,
      `  reason:      ${m.reason}`,
      `  remediation: ${m.remediation}`,
      `  matched:     ${m.evidence}`,
    );
  }
  if (d.blocking.length === 0) lines.push(`  reason:      ${d.reason}`);
  lines.push(`  policy:      ${d.policy.name}${d.role ? `, role ${d.role.name}` : ''}`);
  if (seal) lines.push(`  event:       ${p.dim(seal.eventId)}`);
  return lines.join('\n') + '\n';
}

/** The refusal as stderr should show it: coloured on a terminal, plain on a pipe or with NO_COLOR / TERM=dumb. */
export async function refusalForStderr(d: Decision, seal?: SealInfo): Promise<string> {
  return refusalText(d, seal, await paintFor(process.env, process.stderr.isTTY));
}

/**
 * Decide and seal. When the record cannot be made durable nothing may run: say why and return
 * exit 74 instead of the decision. Notices (e.g. a key just created) are printed either way.
 */
export async function governOrAuditExit(
  session: Session,
  action: Action,
  refusing: string,
): Promise<{ decision: Decision; seal: SealInfo } | number> {
  try {
    const { decision, record } = await session.govern(action);
    return { decision, seal: { eventId: record.record.event_id, hash: record.record.hash } };
  } catch (err) {
    if (err instanceof SeatbeltError && err.code === 'AUDIT') {
      process.stderr.write(`seatbelt: ${refusing}: the decision could not be recorded durably (${err.message})\n`);
      return EXIT.AUDIT;
    }
    throw err;
  } finally {
    for (const n of session.notices) process.stderr.write(n + '\n');
  }
}

/** Seal a run's outcome. The command already ran and its decision is on record, so a failure here only warns. */
export function sealOutcomeOrWarn(session: Session, eventId: string, result: RunResult): void {
  if (result.spawnError) process.stderr.write(`seatbelt: ${result.spawnError}\n`);
  try {
    session.sealOutcome(eventId, result);
  } catch (err) {
    process.stderr.write(`seatbelt: warning: the outcome could not be recorded: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
