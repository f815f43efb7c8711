// Every shell corpus case is valid bash by bash's own parser (`bash -n` reads and never runs),
// except the cases labelled as syntax errors, which bash must reject too: the corpus tests the
// guard on real bash, and a case bash itself cannot read would test nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cases = readFileSync(path.resolve(import.meta.dirname, 'shell.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { input: string; decision: string; rule?: string });

/** bash -n on standard input: parses, never executes. A warning (a here-document ended by end of file) counts as not accepted. */
const bashAccepts = (script: string) => {
  const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return r.status === 0 && r.stderr === '';
};

describe('the shell corpus is bash', () => {
  it('bash accepts every case not labelled a syntax error, and rejects every one that is', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const syntaxError = c.rule === 'parse.syntax_error';
      if (bashAccepts(c.input) === syntaxError) wrong.push(`${syntaxError ? 'accepted' : 'rejected'} by bash: ${JSON.stringify(c.input)}`);
    }
    expect(wrong).toEqual([]);
    expect(cases.filter((c) => c.rule === 'parse.syntax_error').length).toBeGreaterThan(0);
  });
});
