// Reading the trail for people: parsing never loses a bad line, filters select what they say.
import { describe, expect, it } from 'vitest';
import { filterEntries, findEvent, parseTimeBound, parseTrail, stats } from '../../src/audit/read.js';
import { chain, eventId, toBytes } from '../audit/fixtures.js';

const trail = chain(9); // decisions at 0,3,6 (allow) and 2,5,8 (block); outcomes at 1,4,7
const bytes = toBytes(trail.map((s) => s.line));

describe('parseTrail', () => {
  it('reads every record with its line number', () => {
    const { entries, unreadable } = parseTrail(bytes);
    expect(entries.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(entries.map((e) => e.record.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(unreadable).toEqual([]);
  });

  it('names lines that are not records, and a torn last line, without dropping the rest', () => {
    const text = `${trail[0]!.line}\nnot json\n${trail[1]!.line}\n{"torn":`;
    const { entries, unreadable } = parseTrail(text);
    expect(entries.map((e) => e.line)).toEqual([1, 3]);
    expect(unreadable.map((u) => u.line)).toEqual([2, 4]);
    expect(unreadable[1]!.detail).toMatch(/torn/);
  });
});

describe('filters', () => {
  const { entries } = parseTrail(bytes);
  const seqs = (f: Parameters<typeof filterEntries>[1]) => filterEntries(entries, f).map((e) => e.record.seq);

  it('--decision block keeps blocked decisions only (they have no outcome)', () => {
    expect(seqs({ decision: 'block' })).toEqual([2, 5, 8]);
  });

  it('--decision allow keeps allowed decisions with their outcomes', () => {
    expect(seqs({ decision: 'allow' })).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it('--rule and --actor match decisions (agent, owner, user or user@host)', () => {
    expect(seqs({ rule: 'filesystem.recursive_delete_root' })).toEqual([2, 5, 8]);
    expect(seqs({ rule: 'no.such.rule' })).toEqual([]);
    for (const who of ['test-agent', 'human:alice', 'alice', 'alice@build-1']) expect(seqs({ actor: who })).toHaveLength(9);
    expect(seqs({ actor: 'bob' })).toEqual([]);
  });

  it('--since/--until bound by record time', () => {
    // fixtures: record i is at 2025-01-01T00:00:0i
    expect(seqs({ since: new Date('2025-01-01T00:00:04Z') })).toEqual([4, 5, 6, 7, 8]);
    expect(seqs({ until: new Date('2025-01-01T00:00:01Z') })).toEqual([0, 1]);
  });
});

describe('parseTimeBound', () => {
  const now = new Date('2025-06-10T12:00:00Z');
  it.each([
    ['24h', '2025-06-09T12:00:00.000Z'],
    ['7d', '2025-06-03T12:00:00.000Z'],
    ['30m', '2025-06-10T11:30:00.000Z'],
    ['2w', '2025-05-27T12:00:00.000Z'],
    ['90s', '2025-06-10T11:58:30.000Z'],
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['2025-06-01T08:30:00Z', '2025-06-01T08:30:00.000Z'],
    ['2025-06-01T08:30:00+02:00', '2025-06-01T06:30:00.000Z'],
  ])('%s', (value, iso) => {
    expect(parseTimeBound(value, now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '24', 'h24', '-1d', '2025-13-45', ''])('refuses %j with a usage error naming the forms', (value) => {
    expect(() => parseTimeBound(value, now, '--since')).toThrow(/--since: expected a duration like 24h/);
  });
});

describe('stats and findEvent', () => {
  const { entries } = parseTrail(bytes);
  it('counts by decision, rule, actor and role', () => {
    expect(stats(entries, 'decision')).toEqual([
      { key: 'allow', total: 3, allow: 3, block: 0 },
      { key: 'block', total: 3, allow: 0, block: 3 },
    ]);
    expect(stats(entries, 'rule')).toEqual([
      { key: '(no rule matched)', total: 3, allow: 3, block: 0 },
      { key: 'filesystem.recursive_delete_root', total: 3, allow: 0, block: 3 },
    ]);
    expect(stats(entries, 'actor')).toEqual([{ key: 'test-agent', total: 6, allow: 3, block: 3 }]);
    expect(stats(entries, 'role')).toEqual([{ key: '(no role)', total: 6, allow: 3, block: 3 }]);
  });

  it('finds a record by full id or unique prefix, and refuses a short or unknown one', () => {
    expect(findEvent(entries, eventId(5)).record.seq).toBe(5);
    expect(() => findEvent(entries, eventId(5).slice(0, 4))).toThrow(/at least its first 8/);
    expect(() => findEvent(entries, 'ffffffff-0000')).toThrow(/no record/);
    // all fixture ids share their first 8 hex digits (same second): the prefix is ambiguous
    expect(() => findEvent(entries, eventId(5).slice(0, 8))).toThrow(/matches \d+ records/);
  });
});
