// The trail as CSV for auditors: one row per record, RFC 4180 (CRLF line ends, every field that
// needs it quoted, quotes doubled). Pure: records in, text out.
import { redactSecrets } from '../core/redact.js';
import type { TrailEntry, TrailRecord } from './read.js';

/** The columns, in order. The header row uses these names. */
export const CSV_COLUMNS = [
  'line',
  'seq',
  'time',
  'type',
  'event_id',
  'actor_agent',
  'actor_owner',
  'actor_user',
  'actor_host',
  'actor_cwd',
  'action_kind',
  'input_sha256',
  'decision',
  'rules',
  'reason',
  'policy',
  'policy_version',
  'role',
  'role_sha256',
  'decision_event_id',
  'exit_code',
  'signal',
  'duration_ms',
  'hash',
  'prev_hash',
  'key_id',
  'environment',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function cells(line: number, r: TrailRecord): Record<Column, string> {
  return {
    line: String(line),
    seq: str(r.seq),
    time: str(r.time),
    type: str(r.type),
    event_id: str(r.event_id),
    actor_agent: str(r.actor?.agent),
    actor_owner: str(r.actor?.owner),
    actor_user: str(r.actor?.user),
    actor_host: str(r.actor?.host),
    actor_cwd: str(r.actor?.cwd),
    action_kind: str(r.action?.kind),
    input_sha256: str(r.action?.input_sha256),
    decision: str(r.decision),
    // `id (RISK)` joined by "; ": readable in a spreadsheet, splittable by a script.
    rules: Array.isArray(r.rules) ? r.rules.map((x) => `${x.id} (${x.risk ?? '?'})`).join('; ') : '',
    // Records are redacted when written; an older record may hold a format the redactor learnt since.
    reason: redactSecrets(str(r.reason)),
    policy: str(r.policy?.name),
    policy_version: str(r.policy?.version),
    role: str(r.role?.name),
    role_sha256: str(r.role?.sha256),
    decision_event_id: str(r.decision_event_id),
    exit_code: str(r.exit_code),
    signal: str(r.signal),
    duration_ms: str(r.duration_ms),
    hash: str(r.hash),
    prev_hash: str(r.prev_hash),
    key_id: str(r.key_id),
    environment: str(r.environment),
  };
}

/**
 * One CSV field. Fields an agent can influence (agent id, cwd, reasons) could start a spreadsheet
 * formula; like OWASP advises, such a field gets a leading apostrophe so it is shown, never run.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(entries: TrailEntry[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const { line, record } of entries) {
    const c = cells(line, record);
    rows.push(CSV_COLUMNS.map((k) => csvField(c[k])).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

/** Parses RFC 4180 text back into rows (for tests and for `verify-export --show`). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') {
      (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    } else field += ch;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows;
}
