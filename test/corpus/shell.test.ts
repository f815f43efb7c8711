// The labelled shell corpus, judged through the session the CLI uses (test/corpus/session.ts):
// the default analyser (SQL given to database clients included), the guarded paths and
// safe_defaults. Expected: 100% agreement on the decision, and a block case's rule among the
// blocking matches. Every case says where it came from (`source`).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/types.js';
import { checkSource, openCorpusSession, type CorpusSession } from './session.js';

interface Case {
  input?: string;
  argv?: string[];
  decision: 'allow' | 'block';
  rule: string | null;
  category: string;
  source: string;
}

const lines = readFileSync(new URL('./shell.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const cases: Case[] = lines.map((l, i) => {
  const c = JSON.parse(l) as Case;
  if ((c.input === undefined) === (c.argv === undefined))
    throw new Error(`shell.jsonl line ${i + 1}: give exactly one of "input" and "argv"`);
  if (c.decision !== 'allow' && c.decision !== 'block') throw new Error(`shell.jsonl line ${i + 1}: "decision" must be allow or block`);
  if (c.decision === 'block' && !c.rule) throw new Error(`shell.jsonl line ${i + 1}: a block case names its expected rule`);
  checkSource(c, `shell.jsonl line ${i + 1}`);
  return c;
});

let corpus: CorpusSession;
beforeAll(() => {
  corpus = openCorpusSession();
});
afterAll(() => corpus?.close());

describe('shell corpus', () => {
  it('is big enough and covers every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((c) => c.category === 'everyday' && c.decision === 'allow').length).toBeGreaterThanOrEqual(150);
    const cats = new Set(cases.map((c) => c.category));
    for (const cat of [
      'filesystem',
      'disk_system',
      'remote_code',
      'git',
      'infra',
      'databases',
      'secrets',
      'wrappers',
      'nested',
      'obfuscation',
      'compound',
      'parse',
      'argv',
      'everyday',
    ]) {
      expect(cats, cat).toContain(cat);
    }
  });

  it.each(cases.map((c, i) => [i + 1, c.input ?? JSON.stringify(c.argv), c] as const))('line %i: %s', async (_n, _label, c) => {
    const action: Action = c.argv ? { kind: 'argv', argv: c.argv.map(corpus.place) } : { kind: 'shell', script: corpus.place(c.input!) };
    const d = await corpus.session.check(action);
    const all = d.matches.map((m) => `${m.ruleId}:${m.risk}`);
    expect({ decision: d.decision, all }).toMatchObject({ decision: c.decision });
    if (c.rule)
      expect(
        d.blocking.map((m) => m.ruleId),
        all.join(', '),
      ).toContain(c.rule);
  });
});
