// The MCP tools: govern_action (decide and seal), audit_trail (recent records), verify_chain (the
// verify report) and export_audit_csv. Each takes validated arguments and a session opened from
// the OPERATOR's options; nothing an agent sends can choose the policy or the role.
import fs from 'node:fs';
import { SeatbeltError } from '../../core/error.js';
import { DIALECTS, type Action, type Dialect } from '../../core/types.js';
import { filterEntries, parseTimeBound, type RecordFilter } from '../../audit/read.js';
import { verifiedTrailOf } from '../../audit/verified-trail.js';
import { loadSigner } from '../../audit/keys.js';
import { verificationKeys } from '../../audit/keyring.js';
import { signExport } from '../../audit/export.js';
import { toCsv } from '../../audit/csv.js';
import { TRUNCATION_NOTE, verifyTrail, type VerifyReport } from '../../audit/verify.js';
import { decisionJson } from '../cli/shared.js';
import type { Session } from '../session.js';
import type { ArgSpec } from './args.js';

export interface ToolDef {
  name: string;
  /** A short name for people (MCP `title`). */
  title: string;
  description: string;
  args: ArgSpec;
  /** What the tool does to the world (MCP tool annotations; hints, not guarantees). */
  annotations: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
  /** JSON Schema of the result's structuredContent. */
  outputSchema: Record<string, unknown>;
  run(args: Record<string, string | number | undefined>, session: Session): Promise<Record<string, unknown>>;
}

const MAX_ACTION = 256 * 1024;

const str = { type: 'string' };
const strings = { type: 'array', items: str };
const objects = { type: 'array', items: { type: 'object' } };
const output = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const governAction: ToolDef = {
  name: 'govern_action',
  title: 'Ask seatbelt before running a command or SQL',
  // Not read-only: every call appends a signed record to the audit trail. It runs nothing.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  outputSchema: output(
    {
      decision: { type: 'string', enum: ['allow', 'block'] },
      rules: strings,
      reason: str,
      remediation: str,
      matches: objects,
      would_block: strings,
      policy: { type: 'object' },
      role: { type: 'object' },
      event_id: str,
      record_hash: str,
      intent: str,
    },
    ['decision', 'rules', 'reason', 'policy', 'event_id', 'record_hash'],
  ),
  description:
    'Ask seatbelt before running a shell command or a SQL statement. Returns the decision (allow or block), the rules that matched, the reason, a remediation and the id and hash of the signed audit record. Run the action only when the decision is "allow".',
  args: {
    action: { type: 'string', required: true, maxLength: MAX_ACTION, description: 'the shell command (script) or the SQL text' },
    kind: { type: 'string', enum: ['shell', 'sql'], description: 'what the action is (default shell)' },
    dialect: { type: 'string', enum: DIALECTS, description: 'the SQL dialect (default postgresql)' },
    intent: { type: 'string', maxLength: 2000, description: 'why you want to run it (echoed back; not part of the decision)' },
  },
  async run(args, session) {
    const kind = (args.kind as string | undefined) ?? 'shell';
    if (kind === 'shell' && args.dialect !== undefined)
      throw new SeatbeltError('INPUT', 'govern_action: "dialect" applies only to kind "sql"');
    const action: Action =
      kind === 'sql'
        ? { kind: 'sql', sql: args.action as string, dialect: (args.dialect as Dialect | undefined) ?? 'postgresql' }
        : { kind: 'shell', script: args.action as string };
    const { decision, record } = await session.govern(action);
    const out = decisionJson(decision, { eventId: record.record.event_id, hash: record.record.hash });
    return args.intent !== undefined ? { ...out, intent: args.intent } : out;
  },
};

const FILTER_ARGS: ArgSpec = {
  decision: { type: 'string', enum: ['allow', 'block'], description: 'only decisions with this verdict' },
  rule: { type: 'string', maxLength: 200, description: 'only decisions where this rule id matched' },
  actor: { type: 'string', maxLength: 200, description: 'only this agent, owner, user or user@host' },
  since: { type: 'string', maxLength: 64, description: 'only records after this: 24h, 7d, or an ISO date' },
};

function filterOf(args: Record<string, string | number | undefined>): RecordFilter {
  const filter: RecordFilter = {};
  if (args.decision !== undefined) filter.decision = args.decision as 'allow' | 'block';
  if (args.rule !== undefined) filter.rule = args.rule as string;
  if (args.actor !== undefined) filter.actor = args.actor as string;
  if (args.since !== undefined) filter.since = parseTimeBound(args.since as string, new Date(), 'since');
  return filter;
}

function readAudit(session: Session): Buffer {
  try {
    return fs.readFileSync(session.auditPath);
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read the audit file ${session.auditPath}: ${(err as Error).message}`);
  }
}

/** The operator's keys (and their validity windows), as `seatbelt verify` uses them. */
function trustedKeys(session: Session) {
  const { keys, windows } = verificationKeys({ home: session.home });
  if (keys.length === 0) throw new SeatbeltError('CONFIG', `no public key under ${session.home}/keys to verify with`);
  return { publicKeys: keys, keyWindows: windows };
}

/** The trail verified with the operator's keys, as `seatbelt verify` does. */
function verifyAudit(session: Session, bytes: Uint8Array): VerifyReport {
  return verifyTrail(bytes, { ...trustedKeys(session), merkleRoot: true }); // the tree size and root, as verify --json prints them
}

const auditTrail: ToolDef = {
  name: 'audit_trail',
  title: 'Recent audit records',
  annotations: READ_ONLY,
  outputSchema: output({ audit_file: str, records: objects, note: str, unreadable_lines: { type: 'array' } }, ['audit_file', 'records']),
  description: 'The most recent records of the audit trail, newest last, optionally filtered by decision, rule, actor or time.',
  args: { limit: { type: 'integer', minimum: 1, maximum: 500, description: 'how many records (default 20)' }, ...FILTER_ARGS },
  async run(args, session) {
    if (!fs.existsSync(session.auditPath)) return { audit_file: session.auditPath, records: [], note: 'no audit file yet' };
    // Only records that verify as part of the chain; the lines skipped are named with the reason.
    const trail = verifiedTrailOf(readAudit(session), trustedKeys(session));
    const filter = filterOf(args);
    const picked = filterEntries(trail.entries, filter).slice(-((args.limit as number | undefined) ?? 20));
    return {
      audit_file: session.auditPath,
      records: picked.map(({ line, record }) => ({ line, ...record })),
      ...(trail.skipped.length
        ? {
            skipped_lines: trail.skipped.length,
            skipped: trail.skipped.slice(0, 50).map((f) => ({ line: f.line, class: f.class, detail: f.detail })),
          }
        : {}),
    };
  },
};

const verifyChain: ToolDef = {
  name: 'verify_chain',
  title: 'Verify the audit trail',
  annotations: READ_ONLY,
  outputSchema: output(
    {
      audit_file: str,
      ok: { type: 'boolean' },
      records: { type: 'integer' },
      decisions: { type: 'integer' },
      recoveries: { type: 'integer' },
      findings: objects,
      lastHash: { type: ['string', 'null'] },
      lastSeq: { type: ['integer', 'null'] },
      note: str,
    },
    ['audit_file', 'ok', 'records', 'findings'],
  ),
  description: "Verify the audit trail: every hash, signature, link and sequence number, against the operator's public keys.",
  args: {},
  async run(_args, session) {
    const report = verifyAudit(session, readAudit(session));
    return { audit_file: session.auditPath, ...report, note: TRUNCATION_NOTE };
  },
};

const exportAuditCsv: ToolDef = {
  name: 'export_audit_csv',
  title: 'Export the audit trail as signed CSV',
  // Reads the trail and signs the CSV it returns; writes no file.
  annotations: READ_ONLY,
  outputSchema: output({ audit_file: str, rows: { type: 'integer' }, csv: str, signature: { type: 'object' } }, [
    'audit_file',
    'rows',
    'csv',
    'signature',
  ]),
  description:
    'The audit trail as CSV (one row per record), with a detached Ed25519 signature over its exact bytes made with the audit key (check it with `seatbelt audit verify-export`). Refused when the trail has integrity findings.',
  args: FILTER_ARGS,
  async run(args, session) {
    const trail = verifiedTrailOf(readAudit(session), trustedKeys(session));
    const report = trail.report;
    if (!report.ok)
      throw new SeatbeltError(
        'AUDIT',
        `the trail has ${report.findings.length} integrity finding(s); a signed export would vouch for it (check with: seatbelt verify ${session.auditPath})`,
      );
    const entries = filterEntries(trail.entries, filterOf(args));
    const csv = Buffer.from(toCsv(entries), 'utf8');
    const { signer } = loadSigner({ home: session.home, autoCreate: false });
    const filters = Object.fromEntries(
      Object.entries(args)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const signature = signExport(csv, signer, {
      created: new Date(),
      mediaType: 'text/csv',
      rows: entries.length,
      filters,
      source: { records: report.records, last_seq: report.lastSeq, last_hash: report.lastHash, findings: report.findings.length },
    });
    return { audit_file: session.auditPath, rows: entries.length, csv: csv.toString('utf8'), signature };
  },
};

export const TOOLS: readonly ToolDef[] = [governAction, auditTrail, verifyChain, exportAuditCsv];
