// Every rule's own examples, through the real analyser (the default engine) and applyPolicy: each
// `block` script must be blocked with the rule among the blocking matches at its risk, under the
// policy whose threshold is that risk (risk-table.ts); each `allow` script must not produce the
// rule's id. A rule without both kinds of example is a defect.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../../src/engine/default-engine.js';
import { SHELL_RULES } from '../../../src/rules/shell/index.js';
import { expectBlockedByRule } from '../risk-table.js';
import { ctx } from './helpers.js';

const analyse = (script: string) => defaultAnalyzer.analyze({ kind: 'shell', script }, ctx);

describe('shell rule examples', () => {
  it('ids are unique, well-formed and every rule has examples of both kinds', () => {
    const ids = SHELL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SHELL_RULES) {
      expect(r.id).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(r.examples.block.length, r.id).toBeGreaterThanOrEqual(2);
      expect(r.examples.allow.length, r.id).toBeGreaterThanOrEqual(2);
    }
  });

  for (const rule of SHELL_RULES) {
    describe(rule.id, () => {
      for (const script of rule.examples.block) {
        it(`blocks ${JSON.stringify(script)}`, async () => {
          expectBlockedByRule(await analyse(script), rule);
        });
      }
      for (const script of rule.examples.allow) {
        it(`allows ${JSON.stringify(script)}`, async () => {
          const ids = (await analyse(script)).matches.map((m) => m.ruleId);
          expect(ids).not.toContain(rule.id);
        });
      }
    });
  }
});
