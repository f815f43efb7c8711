// A delete of a place an earlier `mv` in the same script moved something to is a delete of what was
// moved: `mv ~/Documents /tmp/x && rm -rf /tmp/x` deletes the documents. Judged through the session
// the CLI uses (test/corpus/session.ts); nothing here is ever executed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCorpusSession, type CorpusSession } from '../corpus/session.js';

const CASES: readonly (readonly [string, 'allow' | 'block'])[] = [
  ['mv ~/Documents /tmp/x && rm -rf /tmp/x', 'block'],
  ['mv ~/Documents /tmp/x; rm -rf /tmp/x/*', 'block'],
  ['mv -t /tmp/trash ~/Documents && rm -rf /tmp/trash/Documents', 'block'],
  ['mv ~/.ssh /tmp/k && rm -rf /tmp/k', 'block'],
  ['mv ~ /tmp/h; rm -rf /tmp/h', 'block'],
  ['mv ~/Documents /tmp/a && mv /tmp/a /tmp/b && rm -rf /tmp/b', 'block'],
  // What was moved from scratch space or the project stays a delete of that.
  ['mv build /tmp/old-build && rm -rf /tmp/old-build', 'allow'],
  ['mv /tmp/a /tmp/b && rm -rf /tmp/b', 'allow'],
  ['rm -rf /tmp/x && mv ~/Documents /tmp/x', 'allow'],
  ['mv ~/Downloads/file.zip /tmp/ && rm -f /tmp/other.zip', 'allow'],
];

let corpus: CorpusSession;
beforeAll(() => {
  corpus = openCorpusSession();
});
afterAll(() => corpus?.close());

describe('deletes of moved places', () => {
  it.each(CASES.map((c) => [c[0], c[1]] as const))('%s → %s', async (script, decision) => {
    const d = await corpus.session.check({ kind: 'shell', script: corpus.place(script) });
    expect(d.decision, d.matches.map((m) => `${m.ruleId}:${m.risk} ${m.evidence}`).join('; ')).toBe(decision);
  });
});
