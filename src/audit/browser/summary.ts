// What the HTML report shows, computed from records. Pure (no Node, no DOM): the report generator
// runs it on the trail at report time, and the page runs the same code on a file the auditor drops.
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

export interface BlockRow {
  line: number;
  seq: number | null;
  time: string;
  eventId: string;
  actor: string;
  kind: string;
  rules: string[];
  reason: string;
}

export interface ReportSummary {
  records: number;
  decisions: number;
  allow: number;
  block: number;
  outcomes: number;
  /** Records of other types: recovery, key rotation. */
  other: number;
  first: string | null;
  last: string | null;
  bucket: 'hour' | 'day' | 'week';
  buckets: Bucket[];
  byRule: CountRow[];
  byActor: CountRow[];
  byRole: CountRow[];
  /** The most recent blocks, newest first. */
  recentBlocks: BlockRow[];
  headSeq: number | null;
  headHash: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_BUCKETS = 60;
const RECENT_BLOCKS = 50;

export function actorOf(actor: TrailRecord['actor']): string {
  if (!actor) return '(none)';
  return actor.agent ?? actor.owner ?? `${actor.user ?? '?'}@${actor.host ?? '?'}`;
}

function bump(map: Map<string, CountRow>, key: string, decision: unknown): void {
  const row = map.get(key) ?? { key, total: 0, allow: 0, block: 0 };
  row.total++;
  if (decision === 'allow') row.allow++;
  else if (decision === 'block') row.block++;
  map.set(key, row);
}

const sorted = (m: Map<string, CountRow>): CountRow[] => [...m.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));

/** Bucket width so that the span fits in at most MAX_BUCKETS bars. */
function bucketFor(spanMs: number): { name: ReportSummary['bucket']; ms: number } {
  if (spanMs <= MAX_BUCKETS * HOUR) return { name: 'hour', ms: HOUR };
  if (spanMs <= MAX_BUCKETS * DAY) return { name: 'day', ms: DAY };
  return { name: 'week', ms: 7 * DAY };
}

export function summarize(entries: { line: number; record: TrailRecord }[]): ReportSummary {
  const byRule = new Map<string, CountRow>();
  const byActor = new Map<string, CountRow>();
  const byRole = new Map<string, CountRow>();
  const s: ReportSummary = {
    records: entries.length,
    decisions: 0,
    allow: 0,
    block: 0,
    outcomes: 0,
    other: 0,
    first: null,
    last: null,
    bucket: 'hour',
    buckets: [],
    byRule: [],
    byActor: [],
    byRole: [],
    recentBlocks: [],
    headSeq: null,
    headHash: null,
  };
  const times: { t: number; decision: unknown }[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const { line, record: r } of entries) {
    const t = typeof r.time === 'string' ? Date.parse(r.time) : NaN;
    if (!Number.isNaN(t)) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (r.type === 'outcome') s.outcomes++;
    if (r.type !== 'decision') {
      if (r.type !== 'outcome') s.other++;
      continue;
    }
    s.decisions++;
    if (r.decision === 'allow') s.allow++;
    else if (r.decision === 'block') s.block++;
    if (!Number.isNaN(t)) times.push({ t, decision: r.decision });
    // A block is put down to the rules that caused it, not to every rule that matched.
    const ids = [...new Set((r.rules ?? []).filter((x) => x.blocking !== false).map((x) => x.id))];
    if (r.decision === 'block') {
      for (const id of ids.length ? ids : ['(no rule)']) bump(byRule, id, r.decision);
      s.recentBlocks.push({
        line,
        seq: typeof r.seq === 'number' ? r.seq : null,
        time: String(r.time ?? ''),
        eventId: String(r.event_id ?? ''),
        actor: actorOf(r.actor),
        kind: String(r.action?.kind ?? ''),
        rules: ids,
        reason: String(r.reason ?? ''),
      });
    }
    bump(byActor, actorOf(r.actor), r.decision);
    bump(byRole, r.role?.name ?? '(no role)', r.decision);
  }
  const head = entries[entries.length - 1]?.record;
  if (head) {
    s.headSeq = typeof head.seq === 'number' ? head.seq : null;
    s.headHash = typeof head.hash === 'string' ? head.hash : null;
  }
  if (min !== Infinity) {
    s.first = new Date(min).toISOString();
    s.last = new Date(max).toISOString();
    const { name, ms } = bucketFor(max - min);
    s.bucket = name;
    const origin = Math.floor(min / ms) * ms;
    const n = Math.floor((max - origin) / ms) + 1;
    s.buckets = Array.from({ length: n }, (_, i) => ({ start: new Date(origin + i * ms).toISOString(), allow: 0, block: 0 }));
    for (const { t, decision } of times) {
      const b = s.buckets[Math.floor((t - origin) / ms)]!;
      if (decision === 'allow') b.allow++;
      else if (decision === 'block') b.block++;
    }
  }
  s.byRule = sorted(byRule);
  s.byActor = sorted(byActor);
  s.byRole = sorted(byRole);
  s.recentBlocks = s.recentBlocks.slice(-RECENT_BLOCKS).reverse();
  return s;
}
