// Every rule's own examples, through the real analyser: each `block` script must produce the
// rule's id, each `allow` script must not. A rule without both kinds of example is a defect.
import { describe, expect, it } from 'vitest';
import { SHELL_RULES } from '../../../src/rules/shell/index.js';
import { matchesOf } from './helpers.js';

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
          const ids = (await matchesOf(script)).map((m) => m.ruleId);
          expect(ids).toContain(rule.id);
        });
      }
      for (const script of rule.examples.allow) {
        it(`allows ${JSON.stringify(script)}`, async () => {
          const ids = (await matchesOf(script)).map((m) => m.ruleId);
          expect(ids).not.toContain(rule.id);
        });
      }
    });
  }
});
