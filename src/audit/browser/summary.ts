// What the HTML report shows, computed from records. Pure (no Node, no DOM): the report generator
// runs it on the trail at report time, and the page runs the same code on the rows it shows (all of
// them, or those the auditor's search and filters keep) and on a file the auditor drops.
import type { TrailRecord } from '../read.js';

export interface CountRow {
  key: string;
  total: number;
  allow: number;
  block: number;
}

export interface Bucket {
  /** ISO start of the bucket (UTC). */
  start: string;
  allow: number;
  block: number;
}

/** One decision as the report lists it, with the outcome of the command when it ran. */
export interface DecisionRow {
  line: number;
  seq: number | null;
  time: string;
  eventId: string;
  decision: string;
  /** argv, shell, sql or tool. */
  kind: string;
  /** The command as recorded (`--record-input`, secrets redacted); null when only its digest was. */
  input: string | null;
  inputSha256: string | null;
  dialect: string | null;
  /** The gateway's tool name, for a tool call. */
  tool: string | null;
  rules: { id: string; risk: string; blocking: boolean }[];
  reason: string;
  remediation: string;
  /** Who: the agent id, else the owner, else user@host (the label used in figures and the actor filter). */
  actor: string;
  owner: string | null;
  user: string | null;
  host: string | null;
  cwd: string | null;
  session: string | null;
  role: string | null;
  policy: string | null;
  outcome: { exitCode: number | null; signal: string | null; durationMs: number | null; error: string | null } | null;
}

export interface Figures {
  decisions: number;
  allow: number;
  block: number;
  /** Allowed commands with an outcome record: they ran. */
  outcomes: number;
  first: string | null;
  last: string | null;
  /** The bucket width, in words ("hour", "15 minutes") and in milliseconds. */
  bucket: string;
  bucketMs: number;
  buckets: Bucket[];
  byRule: CountRow[];
  byActor: CountRow[];
  byRole: CountRow[];
}

export interface ReportSummary extends Figures {
  records: number;
  /** Records of other types: recovery, key rotation. */
  other: number;
  headSeq: number | null;
  headHash: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_BUCKETS = 60;
/** Bucket widths, narrowest first: the first that fits the span in MAX_BUCKETS bars is used. */
const WIDTHS: [string, number][] = [
  ['minute', MINUTE],
  ['5 minutes', 5 * MINUTE],
  ['15 minutes', 15 * MINUTE],
  ['hour', HOUR],
  ['6 hours', 6 * HOUR],
  ['day', DAY],
  ['week', 7 * DAY],
  ['4 weeks', 28 * DAY],
];

export function actorOf(actor: TrailRecord['actor']): string {
  if (!actor) return '(none)';
  return actor.agent ?? actor.owner ?? `${actor.user ?? '?'}@${actor.host ?? '?'}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A recorded input as one line of text: an argv is shown as a shell would read it back. */
function inputText(input: unknown): string | null {
  if (typeof input === 'string') return input;
  if (Array.isArray(input))
    return input.map((a) => (/^[\w@%+=:,./-]+$/.test(String(a)) ? String(a) : `'${String(a).replace(/'/g, `'\\''`)}'`)).join(' ');
  return null;
}

/** Every decision of the trail, in file order, joined with its outcome. */
export function decisionRows(entries: { line: number; record: TrailRecord }[]): DecisionRow[] {
  const rows: DecisionRow[] = [];
  const byEvent = new Map<string, DecisionRow>();
  for (const { line, record: r } of entries) {
    if (r.type === 'outcome') {
      const row = typeof r.decision_event_id === 'string' ? byEvent.get(r.decision_event_id) : undefined;
      if (row)
        row.outcome = {
          exitCode: typeof r.exit_code === 'number' ? r.exit_code : null,
          signal: str(r.signal),
          durationMs: typeof r.duration_ms === 'number' ? r.duration_ms : null,
          error: str(r.error),
        };
      continue;
    }
    if (r.type !== 'decision') continue;
    const a = r.actor ?? {};
    const row: DecisionRow = {
      line,
      seq: typeof r.seq === 'number' ? r.seq : null,
      time: String(r.time ?? ''),
      eventId: String(r.event_id ?? ''),
      decision: String(r.decision ?? ''),
      kind: String(r.action?.kind ?? ''),
      input: inputText(r.action?.input),
      inputSha256: str(r.action?.input_sha256),
      dialect: str(r.action?.dialect),
      tool: str(r.gateway?.tool),
      rules: (r.rules ?? []).map((x) => ({ id: String(x.id), risk: String(x.risk ?? ''), blocking: x.blocking !== false })),
      reason: String(r.reason ?? ''),
      remediation: String(r.remediation ?? ''),
      actor: actorOf(r.actor),
      owner: str(a.owner),
      user: str(a.user),
      host: str(a.host),
      cwd: str(a.cwd),
      session: str(a.session),
      role: str(r.role?.name),
      policy: r.policy?.name ? `${r.policy.name}${r.policy.version ? ` v${r.policy.version}` : ''}` : null,
      outcome: null,
    };
    rows.push(row);
    if (row.eventId) byEvent.set(row.eventId, row);
  }
  return rows;
}

function bump(map: Map<string, CountRow>, key: string, decision: string): void {
  const row = map.get(key) ?? { key, total: 0, allow: 0, block: 0 };
  row.total++;
  if (decision === 'allow') row.allow++;
  else if (decision === 'block') row.block++;
  map.set(key, row);
}

const sorted = (m: Map<string, CountRow>): CountRow[] => [...m.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));

/** The narrowest bucket width that fits the span in at most MAX_BUCKETS bars. */
export function bucketFor(spanMs: number): { name: string; ms: number } {
  for (const [name, ms] of WIDTHS) if (spanMs < MAX_BUCKETS * ms) return { name, ms };
  const [name, ms] = WIDTHS[WIDTHS.length - 1]!;
  return { name, ms };
}

/** The rules a block is put down to: those that caused it, not every rule that matched. */
export const blockingRules = (row: DecisionRow): string[] => [...new Set(row.rules.filter((x) => x.blocking).map((x) => x.id))];

/** Tiles, timeline and counts over the given decisions (the page passes the rows its filters keep). */
export function figuresOf(rows: readonly DecisionRow[]): Figures {
  const byRule = new Map<string, CountRow>();
  const byActor = new Map<string, CountRow>();
  const byRole = new Map<string, CountRow>();
  const f: Figures = {
    decisions: rows.length,
    allow: 0,
    block: 0,
    outcomes: 0,
    first: null,
    last: null,
    bucket: 'hour',
    bucketMs: HOUR,
    buckets: [],
    byRule: [],
    byActor: [],
    byRole: [],
  };
  const times: { t: number; decision: string }[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    if (r.decision === 'allow') f.allow++;
    else if (r.decision === 'block') f.block++;
    if (r.outcome) f.outcomes++;
    const t = Date.parse(r.time);
    if (!Number.isNaN(t)) {
      min = Math.min(min, t);
      max = Math.max(max, t);
      times.push({ t, decision: r.decision });
    }
    if (r.decision === 'block') {
      const ids = blockingRules(r);
      for (const id of ids.length ? ids : ['(no rule)']) bump(byRule, id, r.decision);
    }
    bump(byActor, r.actor, r.decision);
    bump(byRole, r.role ?? '(no role)', r.decision);
  }
  if (min !== Infinity) {
    f.first = new Date(min).toISOString();
    f.last = new Date(max).toISOString();
    const { name, ms } = bucketFor(max - min);
    f.bucket = name;
    f.bucketMs = ms;
    const origin = Math.floor(min / ms) * ms;
    const n = Math.floor((max - origin) / ms) + 1;
    f.buckets = Array.from({ length: n }, (_, i) => ({ start: new Date(origin + i * ms).toISOString(), allow: 0, block: 0 }));
    for (const { t, decision } of times) {
      const b = f.buckets[Math.floor((t - origin) / ms)]!;
      if (decision === 'allow') b.allow++;
      else if (decision === 'block') b.block++;
    }
  }
  f.byRule = sorted(byRule);
  f.byActor = sorted(byActor);
  f.byRole = sorted(byRole);
  return f;
}

/** The whole trail: its figures, how many records of each kind, and its head. */
export function summarize(entries: { line: number; record: TrailRecord }[]): ReportSummary {
  let other = 0;
  for (const { record: r } of entries) if (r.type !== 'decision' && r.type !== 'outcome') other++;
  const head = entries[entries.length - 1]?.record;
  return {
    records: entries.length,
    other,
    ...figuresOf(decisionRows(entries)),
    headSeq: head && typeof head.seq === 'number' ? head.seq : null,
    headHash: head && typeof head.hash === 'string' ? head.hash : null,
  };
}
