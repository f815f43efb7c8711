// The red-team suites' one harness: a scratch session under safe_defaults (nothing is ever run, a
// check seals nothing), every must-block case refused by one of the rules named, every look-alike allowed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../src/adapters/session.js';

/** A script and the rule expected, or the rules any of which is right. */
export type Case = [script: string, rule: string | string[]];

export function redTeamSuite(o: { name: string; block: Case[]; allow: string[]; allowTitle: string }): { session: () => Session } {
  let dir: string;
  let session: Session;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), `seatbelt-${o.name.replaceAll(' ', '-')}-`));
    const project = path.join(dir, 'project');
    mkdirSync(project);
    session = openSession(
      { audit: path.join(dir, 'audit.jsonl'), autoKeys: false, cwd: project },
      { SEATBELT_HOME: path.join(dir, 'home'), HOME: dir },
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe(`${o.name}: refused under safe_defaults`, () => {
    it.each(o.block)('%s', async (script, rule) => {
      const decision = await session.check({ kind: 'shell', script });
      const summary = decision.matches.map((m) => `${m.ruleId}(${m.risk}): ${m.evidence}`).join('\n');
      expect(decision.decision, summary).toBe('block');
      const ids = decision.blocking.map((m) => m.ruleId);
      expect(
        ids.some((id) => (Array.isArray(rule) ? rule : [rule]).includes(id)),
        `${JSON.stringify(rule)} among:\n${summary}`,
      ).toBe(true);
    });
  });

  describe(`${o.name}: ${o.allowTitle}`, () => {
    it.each(o.allow)('%s', async (script) => {
      const decision = await session.check({ kind: 'shell', script });
      expect(decision.decision, decision.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('\n')).toBe('allow');
    });
  });
  return { session: () => session };
}
