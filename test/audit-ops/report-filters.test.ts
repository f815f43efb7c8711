// The report's pure parts: the time buckets fit the span, decisions are joined with their outcomes,
// and the search and filters the page runs (the page itself: report-browser.test.ts).
import { describe, expect, it } from 'vitest';
import { emptyFilter, filterChoices, haystackOf, NO_OWNER, rowMatcher, toUtcInput, utcInput } from '../../src/audit/browser/filters.js';
import { bucketFor, decisionRows, figuresOf, type DecisionRow } from '../../src/audit/browser/summary.js';
import type { TrailRecord } from '../../src/audit/read.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('time buckets', () => {
  it.each([
    [0, 'minute'],
    [30 * MIN, 'minute'],
    [3 * HOUR, '5 minutes'],
    [10 * HOUR, '15 minutes'],
    [2 * DAY, 'hour'],
    [10 * DAY, '6 hours'],
    [40 * DAY, 'day'],
    [300 * DAY, 'week'],
    [5 * 365 * DAY, '4 weeks'],
  ])('a span of %i ms is drawn one bar per %s, in at most 60 bars (up to 4 weeks a bar)', (span, name) => {
    const b = bucketFor(span);
    expect(b.name).toBe(name);
    if (name !== '4 weeks') expect(Math.floor(span / b.ms) + 1).toBeLessThanOrEqual(60);
  });

  it('counts each decision in its bucket', () => {
    const t0 = Date.parse('2025-03-03T08:00:00.000Z');
    const rec = (i: number, decision: string, minutes: number): { line: number; record: TrailRecord } => ({
      line: i + 1,
      record: {
        type: 'decision',
        event_id: `e${i}`,
        seq: i,
        time: new Date(t0 + minutes * MIN).toISOString(),
        decision,
        actor: { agent: 'a' },
      },
    });
    const f = figuresOf(decisionRows([rec(0, 'allow', 0), rec(1, 'block', 0.5), rec(2, 'allow', 20), rec(3, 'allow', 20.9)]));
    expect(f.bucket).toBe('minute');
    expect(f.buckets).toHaveLength(21);
    expect(f.buckets[0]).toEqual({ start: '2025-03-03T08:00:00.000Z', allow: 1, block: 1 });
    expect(f.buckets[20]).toEqual({ start: '2025-03-03T08:20:00.000Z', allow: 2, block: 0 });
  });
});

describe('decision rows', () => {
  const entries: { line: number; record: TrailRecord }[] = [
    {
      line: 1,
      record: {
        type: 'decision',
        event_id: 'd1',
        seq: 0,
        time: '2025-03-03T08:00:00.000Z',
        decision: 'allow',
        action: { kind: 'argv', input_sha256: 'a'.repeat(64), input: ['echo', "it's here"] } as unknown as TrailRecord['action'],
        actor: { agent: 'claude-code', owner: 'human:alice', user: 'alice', host: 'dev', cwd: '/src/app', session: 's-1' },
        rules: [],
      },
    },
    {
      line: 2,
      record: { type: 'outcome', event_id: 'o1', seq: 1, decision_event_id: 'd1', exit_code: 3, signal: null, duration_ms: 2500 },
    },
    {
      line: 3,
      record: {
        type: 'decision',
        event_id: 'd2',
        seq: 2,
        time: '2025-03-03T09:00:00.000Z',
        decision: 'block',
        action: { kind: 'sql', input_sha256: 'b'.repeat(64), dialect: 'postgresql' },
        actor: { user: 'ci', host: 'runner' },
        rules: [
          { id: 'sql.delete_without_where', risk: 'HIGH', blocking: true },
          { id: 'sql.other', risk: 'LOW', blocking: false },
        ],
        reason: 'deletes every row',
      },
    },
  ];
  const rows = decisionRows(entries);

  it('joins each decision with its outcome, and shows a recorded argv as a shell reads it back', () => {
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      input: "echo 'it'\\''s here'",
      owner: 'human:alice',
      session: 's-1',
      cwd: '/src/app',
      outcome: { exitCode: 3, signal: null, durationMs: 2500, error: null },
    });
    expect(rows[1]).toMatchObject({
      input: null,
      inputSha256: 'b'.repeat(64),
      dialect: 'postgresql',
      actor: 'ci@runner',
      owner: null,
      outcome: null,
    });
  });

  const match = (f: Partial<ReturnType<typeof emptyFilter>>) => {
    const m = rowMatcher({ ...emptyFilter(), ...f });
    return rows.filter((r) => m(r, haystackOf(r))).map((r) => r.eventId);
  };

  it('search: every word, in any field, case-insensitive', () => {
    expect(match({ query: 'ECHO here' })).toEqual(['d1']);
    expect(match({ query: 'echo row' })).toEqual([]);
    expect(match({ query: 'delete_without_where' })).toEqual(['d2']);
    expect(match({ query: 's-1' })).toEqual(['d1']);
    expect(match({ query: 'ci@runner' })).toEqual(['d2']);
    expect(match({ query: 'bbbb' })).toEqual(['d2']);
  });

  it('filters: decision, rule (also one that did not block), risk, actor, owner, time', () => {
    expect(match({ decision: 'block' })).toEqual(['d2']);
    expect(match({ rule: 'sql.other' })).toEqual(['d2']);
    expect(match({ risk: 'LOW' })).toEqual(['d2']);
    expect(match({ risk: 'CRITICAL' })).toEqual([]);
    expect(match({ actor: 'claude-code' })).toEqual(['d1']);
    expect(match({ owner: NO_OWNER })).toEqual(['d2']);
    expect(match({ owner: 'human:alice' })).toEqual(['d1']);
    expect(match({ from: utcInput('2025-03-03T08:30'), to: utcInput('2025-03-03T09:00', true) })).toEqual(['d2']);
    expect(match({ to: utcInput('2025-03-03T08:00', true) })).toEqual(['d1']);
    expect(match({ decision: 'allow', risk: 'LOW' })).toEqual([]);
  });

  it('offers the values present, risks in order of severity, no owner last', () => {
    const extra: DecisionRow = { ...rows[1]!, rules: [{ id: 'x', risk: 'CRITICAL', blocking: true }], owner: 'human:zoe' };
    expect(filterChoices([...rows, extra])).toEqual({
      rules: ['sql.delete_without_where', 'sql.other', 'x'],
      risks: ['CRITICAL', 'HIGH', 'LOW'],
      actors: ['ci@runner', 'claude-code'],
      owners: ['human:alice', 'human:zoe', NO_OWNER],
    });
  });

  it('reads datetime-local values as UTC minutes', () => {
    expect(utcInput('2025-03-03T08:30')).toBe(Date.parse('2025-03-03T08:30:00.000Z'));
    expect(utcInput('2025-03-03T08:30', true)).toBe(Date.parse('2025-03-03T08:30:59.999Z'));
    expect(utcInput('')).toBeNull();
    expect(utcInput('yesterday')).toBeNull();
    expect(toUtcInput(Date.parse('2025-03-03T08:30:12.000Z'))).toBe('2025-03-03T08:30');
  });
});
