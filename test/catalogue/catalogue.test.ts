// The catalogue as data: every spec validates (every bad field named), and every spec's examples
// are judged by the real analyser under safe_defaults — `block` scripts refused, `allow` scripts let
// through — so a spec and the engine that reads it can only change together.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { catalogue, specFor } from '../../src/catalogue/index.js';
import { specProblems } from '../../src/catalogue/validate.js';
import { ctx } from '../rules/shell/helpers.js';

const decide = async (script: string) =>
  applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx });

describe('the catalogue', () => {
  it('every spec is valid', () => {
    expect(specProblems(catalogue())).toEqual([]);
  });

  it('every name leads to its spec', () => {
    for (const s of catalogue()) for (const n of s.names) expect(specFor(n)).toBe(s);
  });

  for (const spec of catalogue()) {
    describe(spec.names[0]!, () => {
      for (const script of spec.examples.block) {
        it(`blocks ${JSON.stringify(script)}`, async () => {
          const d = await decide(script);
          expect(d.decision, d.reason).toBe('block');
        });
      }
      for (const script of spec.examples.allow) {
        it(`allows ${JSON.stringify(script)}`, async () => {
          const d = await decide(script);
          expect(d.decision, `${d.reason} ${d.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('; ')}`).toBe('allow');
        });
      }
    });
  }
});
