// Reading the trail for people: parse its lines into records (never failing on a bad line: it is
// reported with its line number) and select records by decision, rule, actor and time.
// Proving the trail is verify's job; this only reads.
import { readFileSync } from 'node:fs';
import { SeatbeltError } from '../core/error.js';
import { actorOf } from './browser/summary.js';

/** The fields of a record that reading needs. Other fields pass through untouched. */
export interface TrailRecord {
  v?: number;
  type?: string;
  event_id?: string;
  seq?: number;
  time?: string;
  actor?: { agent?: string; owner?: string; user?: string; host?: string; cwd?: string; session?: string; pid?: number };
  action?: { kind?: string; input_sha256?: string; input?: string; dialect?: string };
  decision?: string;
  /** `blocking`: whether the rule caused the block (absent in older records: assume it did). */
  rules?: { id: string; risk?: string; reason?: string; blocking?: boolean }[];
  reason?: string;
  remediation?: string;
  policy?: { name?: string; version?: string };
  role?: { name?: string; sha256?: string };
  /** A decision on a tool call the gateway (serve, mcp proxy) judged: where it came from. */
  gateway?: {
    api?: string;
    request_id?: string;
    tool?: string;
    arguments_sha256?: string;
    tool_call_id?: string;
    model?: string;
    response_id?: string;
    approval_id?: string;
  };
  decision_event_id?: string;
  exit_code?: number;
  signal?: string | null;
  duration_ms?: number;
  prev_hash?: string;
  hash?: string;
  key_id?: string;
  [field: string]: unknown;
}

export interface TrailEntry {
  /** 1-based line number in the file. */
  line: number;
  record: TrailRecord;
}

export interface ParsedTrail {
  entries: TrailEntry[];
  /** Lines that are not a JSON object (a torn tail, corruption): named, never silently dropped. */
  unreadable: { line: number; detail: string }[];
}

export function parseTrail(bytes: Uint8Array | string): ParsedTrail {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const entries: TrailEntry[] = [];
  const unreadable: ParsedTrail['unreadable'] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw === '' && i === lines.length - 1) return; // the newline ending the last record
    const line = i + 1;
    try {
      const value: unknown = JSON.parse(raw);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
      entries.push({ line, record: value as TrailRecord });
    } catch (err) {
      const last = i === lines.length - 1;
      unreadable.push({ line, detail: last ? 'unterminated last line (a torn write?)' : err instanceof Error ? err.message : String(err) });
    }
  });
  return { entries, unreadable };
}

export function readTrail(file: string): ParsedTrail {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError('IO', code === 'ENOENT' ? `no audit file at ${file}` : `cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseTrail(bytes);
}

export interface RecordFilter {
  decision?: 'allow' | 'block';
  /** A rule id that matched the decision. */
  rule?: string;
  /** An agent id, owner, OS user or `user@host`. */
  actor?: string;
  since?: Date;
  until?: Date;
  /** The deployment environment the records name (prod, staging, dev). */
  environment?: string;
}

const RELATIVE = /^(\d+)(s|m|h|d|w)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `24h`, `7d`, `30m`, `2w`, `90s` before `now`, or an ISO 8601 date or date-time. */
export function parseTimeBound(value: string, now: Date, flag = 'time'): Date {
  const rel = RELATIVE.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS]);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    const t = Date.parse(value.trim());
    if (!Number.isNaN(t)) return new Date(t);
  }
  throw new SeatbeltError(
    'USAGE',
    `${flag}: expected a duration like 24h, 7d, 30m, 2w or an ISO date like 2025-01-31T12:00:00Z, got "${value}"`,
  );
}

/** Who acted, in one short label: the agent, else the owner, else user@host. */
export const actorLabel = actorOf;

function actorMatches(actor: TrailRecord['actor'], wanted: string): boolean {
  if (!actor) return false;
  return [actor.agent, actor.owner, actor.user, `${actor.user}@${actor.host}`].includes(wanted);
}

export function hasFilter(f: RecordFilter): boolean {
  return (
    f.decision !== undefined ||
    f.rule !== undefined ||
    f.actor !== undefined ||
    f.since !== undefined ||
    f.until !== undefined ||
    f.environment !== undefined
  );
}

/**
 * A predicate for the filter, fed entries in file order (it remembers decisions, so it also works on
 * a followed trail). Decision, rule and actor filters look at decision records; an outcome record
 * goes with its decision (so `--actor x` shows what x ran and how it ended). Records without those
 * fields (recovery, key rotation) pass only when no such filter is given.
 */
export function recordMatcher(f: RecordFilter): (entry: TrailEntry) => boolean {
  const decisions = new Map<string, TrailRecord>();
  const byContent = f.decision !== undefined || f.rule !== undefined || f.actor !== undefined;
  return ({ record }) => {
    if (record.type === 'decision' && typeof record.event_id === 'string') decisions.set(record.event_id, record);
    if (f.since || f.until) {
      const t = typeof record.time === 'string' ? Date.parse(record.time) : NaN;
      if (Number.isNaN(t)) return false;
      if (f.since && t < f.since.getTime()) return false;
      if (f.until && t > f.until.getTime()) return false;
    }
    // An outcome or a recovery carries the environment of the writer that sealed it, like its decision.
    if (f.environment !== undefined && record.environment !== f.environment) return false;
    if (!byContent) return true;
    const subject =
      record.type === 'outcome' && typeof record.decision_event_id === 'string' ? decisions.get(record.decision_event_id) : record;
    if (!subject || subject.type !== 'decision') return false;
    if (f.decision !== undefined && subject.decision !== f.decision) return false;
    if (f.rule !== undefined && !(subject.rules ?? []).some((r) => r.id === f.rule)) return false;
    if (f.actor !== undefined && !actorMatches(subject.actor, f.actor)) return false;
    return true;
  };
}

export function filterEntries(entries: TrailEntry[], f: RecordFilter): TrailEntry[] {
  return entries.filter(recordMatcher(f));
}

/** The record with this event id, or the only one whose id starts with it (at least 8 characters). */
export function findEvent(entries: TrailEntry[], id: string): TrailEntry {
  const exact = entries.find((e) => e.record.event_id === id);
  if (exact) return exact;
  if (id.length < 8) throw new SeatbeltError('USAGE', `event id "${id}": give the full id or at least its first 8 characters`);
  const hits = entries.filter((e) => typeof e.record.event_id === 'string' && e.record.event_id.startsWith(id));
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new SeatbeltError('INPUT', `no record with event id ${id}`);
  throw new SeatbeltError('USAGE', `event id prefix "${id}" matches ${hits.length} records: give more characters`);
}

export type StatsKey = 'rule' | 'decision' | 'actor' | 'role';

export interface StatsRow {
  key: string;
  total: number;
  allow: number;
  block: number;
}

/** Decision counts grouped by rule, decision, actor or role, most frequent first. */
export function stats(entries: TrailEntry[], by: StatsKey): StatsRow[] {
  const rows = new Map<string, StatsRow>();
  const bump = (key: string, decision: string | undefined) => {
    const row = rows.get(key) ?? { key, total: 0, allow: 0, block: 0 };
    row.total++;
    if (decision === 'allow') row.allow++;
    if (decision === 'block') row.block++;
    rows.set(key, row);
  };
  for (const { record } of entries) {
    if (record.type !== 'decision') continue;
    const d = record.decision;
    if (by === 'decision') bump(d ?? '(none)', d);
    else if (by === 'actor') bump(actorLabel(record.actor), d);
    else if (by === 'role') bump(record.role?.name ?? '(no role)', d);
    else {
      const ids = (record.rules ?? []).map((r) => r.id);
      if (ids.length === 0) bump('(no rule matched)', d);
      for (const id of new Set(ids)) bump(id, d);
    }
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}
