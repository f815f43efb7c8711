// Every match carries its class from its producer (rule, fail_closed, guard, policy, notice); the
// policy step reads the field, never the id. This checks the producers against the registry of
// fail-closed and guard ids over both corpora, so a producer that forgets to say "cannot decide"
// (and would then be let through by a lenient policy) is caught.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { isFailClosed, isGuardFinding } from '../../src/policy/findings.js';
import type { Action, Dialect } from '../../src/core/types.js';
import { SHELL_RULES } from '../../src/rules/shell/index.js';

const ctx = { cwd: '/home/user/project', home: '/home/user' };
const lines = (file: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../corpus', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { input: string; dialect?: Dialect });

describe('match classes', () => {
  it('agree with the registry of fail-closed and guard ids over both corpora', async () => {
    const actions: Action[] = [
      ...lines('shell.jsonl').map((c): Action => ({ kind: 'shell', script: c.input })),
      ...lines('sql.jsonl').map((c): Action => ({ kind: 'sql', sql: c.input, dialect: c.dialect ?? 'postgresql' })),
    ];
    // Shell rules that mean "cannot be judged statically" say so in their definition.
    const declared = new Set(SHELL_RULES.filter((r) => r.class === 'fail_closed').map((r) => r.id));
    const seen = new Set<string>();
    for (const a of actions) {
      for (const m of (await defaultAnalyzer.analyze(a, ctx)).matches) {
        const expected = isGuardFinding(m.ruleId) ? 'guard' : isFailClosed(m.ruleId) || declared.has(m.ruleId) ? 'fail_closed' : 'rule';
        expect(m.class, `${m.ruleId} in ${JSON.stringify(a)}`).toBe(expected);
        seen.add(m.class);
      }
    }
    // The corpora exercise all three producer classes.
    expect([...seen].sort()).toEqual(['fail_closed', 'guard', 'rule']);
  });
});
