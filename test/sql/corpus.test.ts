// The labelled SQL corpus, judged through the session the CLI uses (test/corpus/session.ts): every
// case must agree (decision, and the rule that refuses it among the blocking matches). Every case
// says where it came from (`source`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type Dialect } from '../../src/core/types.js';
import { checkSource, openCorpusSession, type CorpusSession } from '../corpus/session.js';

interface Case {
  sql: string;
  dialect: Dialect;
  decision: 'allow' | 'block';
  rule: string | null;
  source: string;
}

const file = path.resolve(import.meta.dirname, '../corpus/sql.jsonl');
const cases: Case[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    const c = JSON.parse(l) as Case;
    if (typeof c.sql !== 'string' || !DIALECTS.includes(c.dialect) || !['allow', 'block'].includes(c.decision)) {
      throw new Error(`sql.jsonl line ${i + 1}: malformed case ${l.slice(0, 80)}`);
    }
    if ((c.decision === 'allow') !== (c.rule === null))
      throw new Error(`sql.jsonl line ${i + 1}: "rule" must be null exactly when allowed`);
    checkSource(c, `sql.jsonl line ${i + 1}`);
    return c;
  });

let corpus: CorpusSession;
beforeAll(() => {
  corpus = openCorpusSession();
});
afterAll(() => corpus?.close());

describe('test/corpus/sql.jsonl', () => {
  it('has at least 200 cases covering every dialect, both decisions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const d of DIALECTS) {
      expect(
        cases.some((c) => c.dialect === d && c.decision === 'block'),
        `${d} block`,
      ).toBe(true);
      expect(
        cases.some((c) => c.dialect === d && c.decision === 'allow'),
        `${d} allow`,
      ).toBe(true);
    }
  });

  it.each(cases.map((c) => [`[${c.dialect}] ${c.decision} ${c.sql.slice(0, 90).replace(/\n/g, '\\n')}`, c] as const))(
    '%s',
    async (_l, c) => {
      const d = await corpus.session.check({ kind: 'sql', sql: c.sql, dialect: c.dialect });
      const summary = d.matches.map((m) => `${m.ruleId}(${m.risk}): ${m.evidence.slice(0, 100)}`);
      expect(d.decision, summary.join('\n')).toBe(c.decision);
      if (c.rule)
        expect(
          d.blocking.map((m) => m.ruleId),
          summary.join('\n'),
        ).toContain(c.rule);
    },
  );
});
