// The HTML report's search and filters over decision rows. Pure (no DOM): the page keeps the
// filter state in its form and asks which rows match; tests run the same code in Node.
import type { DecisionRow } from './summary.js';

export interface RowFilter {
  /** Words to find, all of them, anywhere in the row (case-insensitive). */
  query: string;
  decision: string;
  rule: string;
  risk: string;
  actor: string;
  /** An owner, or NO_OWNER for decisions without one. */
  owner: string;
  /** UTC bounds, inclusive, as milliseconds; null: open. */
  from: number | null;
  to: number | null;
}

export const NO_OWNER = '(no owner)';
export const RISKS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

export const emptyFilter = (): RowFilter => ({ query: '', decision: '', rule: '', risk: '', actor: '', owner: '', from: null, to: null });

/** The text a search looks in: what was run, why, by whom, where, and the ids to find a record by. */
export function haystackOf(r: DecisionRow): string {
  return [
    r.input,
    r.inputSha256,
    r.kind,
    r.dialect,
    r.tool,
    r.reason,
    r.remediation,
    ...r.rules.map((x) => x.id),
    r.actor,
    r.owner,
    r.user,
    r.host,
    r.user && r.host ? `${r.user}@${r.host}` : null,
    r.cwd,
    r.session,
    r.role,
    r.policy,
    r.eventId,
    r.decision,
  ]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .join('\n')
    .toLowerCase();
}

/** A predicate for the filter; `haystack` is haystackOf(row), computed once per row by the caller. */
export function rowMatcher(f: RowFilter): (r: DecisionRow, haystack: string) => boolean {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return (r, haystack) => {
    if (f.decision && r.decision !== f.decision) return false;
    if (f.rule && !r.rules.some((x) => x.id === f.rule)) return false;
    if (f.risk && !r.rules.some((x) => x.risk === f.risk)) return false;
    if (f.actor && r.actor !== f.actor) return false;
    if (f.owner && (f.owner === NO_OWNER ? r.owner !== null : r.owner !== f.owner)) return false;
    if (f.from !== null || f.to !== null) {
      const t = Date.parse(r.time);
      if (Number.isNaN(t) || (f.from !== null && t < f.from) || (f.to !== null && t > f.to)) return false;
    }
    return words.every((w) => haystack.includes(w));
  };
}

/** The values each select offers, from the rows: actors most frequent first, owners by name ("no owner" last). */
export function filterChoices(rows: readonly DecisionRow[]): { rules: string[]; risks: string[]; actors: string[]; owners: string[] } {
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const rules = new Set<string>();
  const risks = new Set<string>();
  const actors = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const r of rows) {
    for (const x of r.rules) {
      rules.add(x.id);
      if (x.risk) risks.add(x.risk);
    }
    count(actors, r.actor);
    count(owners, r.owner ?? NO_OWNER);
  }
  const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const known = RISKS as readonly string[];
  return {
    rules: [...rules].sort(),
    risks: [...known.filter((r) => risks.has(r)), ...[...risks].filter((r) => !known.includes(r)).sort()],
    actors: byCount(actors),
    owners: [...owners.keys()]
      .filter((o) => o !== NO_OWNER)
      .sort()
      .concat(owners.has(NO_OWNER) ? [NO_OWNER] : []),
  };
}

/** "2025-03-03T08:00" (a datetime-local value, read as UTC) → milliseconds; null when empty or invalid. */
export function utcInput(value: string, endOfMinute = false): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}:00.000Z`);
  return Number.isNaN(t) ? null : endOfMinute ? t + 59_999 : t;
}

/** Milliseconds → a datetime-local value in UTC. */
export const toUtcInput = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
