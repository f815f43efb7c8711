// The labelled shell corpus: every line is analysed with the real IR builder and the shell rules,
// under safe_defaults (block iff a CRITICAL or HIGH match). Expected: 100% agreement on the
// decision, and the expected rule id among the matches.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf, matchesOfArgv } from '../rules/shell/helpers.js';

interface Case {
  input?: string;
  argv?: string[];
  decision: 'allow' | 'block';
  rule: string | null;
  category: string;
}

const lines = readFileSync(new URL('./shell.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
const cases: Case[] = lines.map((l, i) => {
  const c = JSON.parse(l) as Case;
  if ((c.input === undefined) === (c.argv === undefined)) throw new Error(`shell.jsonl line ${i + 1}: give exactly one of "input" and "argv"`);
  if (c.decision !== 'allow' && c.decision !== 'block') throw new Error(`shell.jsonl line ${i + 1}: "decision" must be allow or block`);
  if (c.decision === 'block' && !c.rule) throw new Error(`shell.jsonl line ${i + 1}: a block case names its expected rule`);
  return c;
});

describe('shell corpus', () => {
  it('is big enough and covers every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((c) => c.category === 'everyday' && c.decision === 'allow').length).toBeGreaterThanOrEqual(150);
    const cats = new Set(cases.map((c) => c.category));
    for (const cat of ['filesystem', 'disk_system', 'remote_code', 'git', 'infra', 'databases', 'secrets', 'wrappers', 'nested', 'obfuscation', 'compound', 'parse', 'argv', 'everyday']) {
      expect(cats, cat).toContain(cat);
    }
  });

  it.each(cases.map((c, i) => [i + 1, c.input ?? JSON.stringify(c.argv), c] as const))('line %i: %s', async (_n, _label, c) => {
    const matches = c.argv ? await matchesOfArgv(c.argv) : await matchesOf(c.input!);
    const ids = matches.map((m) => `${m.ruleId}:${m.risk}`);
    expect({ decision: decisionOf(matches), ids }).toMatchObject({ decision: c.decision });
    if (c.rule) expect(matches.map((m) => m.ruleId)).toContain(c.rule);
  });
});
