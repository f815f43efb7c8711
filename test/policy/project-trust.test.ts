// The untrusted-project notice: sealed with the decision under every policy, never a reason to block
// (strict_prod included, where a LOW match would otherwise count), and never a guard finding.
import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../../src/policy/apply.js';
import { POLICIES, type PolicyName } from '../../src/policy/policies.js';
import { isGuardFinding } from '../../src/policy/findings.js';
import { tighteningOnly, untrustedProjectMatch } from '../../src/policy/project-trust.js';
import { CTX, cmd, role, shellAnalysis } from './helpers.js';

const NOTICE = untrustedProjectMatch('/repo/.seatbelt.json', [{ setting: 'policy', why: 'looser' }]);
const ROLE = role({ name: 'tester', description: 't', allow: [{ id: 'ls.any', command: 'ls', match: ['ls'], notMatch: ['rm x'] }] });

describe('the untrusted project notice', () => {
  it('is not a guard finding', () => {
    expect(isGuardFinding(NOTICE.ruleId)).toBe(false);
    expect(isGuardFinding('self_protection.guarded_path')).toBe(true);
  });

  for (const name of Object.keys(POLICIES) as PolicyName[]) {
    it(`${name}: recorded in the matches, never blocking`, () => {
      const analysis = shellAnalysis([cmd('ls')]);
      const d = applyPolicy(analysis, POLICIES[name], ROLE, { ctx: CTX, notices: [NOTICE] });
      expect(d.decision).toBe('allow');
      expect(d.matches.map((m) => m.ruleId)).toContain(NOTICE.ruleId);
      expect(d.blocking).toEqual([]);
      expect(d.wouldBlock ?? []).toEqual([]);
    });
  }
});

describe('tighteningOnly', () => {
  const base = { policy: 'safe_defaults' as const, role: null, recordInput: false };
  it('keeps what tightens and drops what loosens, with why', () => {
    const r = tighteningOnly({ policy: 'read_only', dialect: 'mysql', audit: '/x', owner: 'human:x' }, base);
    expect(r.layer).toEqual({ policy: 'read_only', dialect: 'mysql' });
    expect(r.ignored.map((i) => i.setting).sort()).toEqual(['audit', 'owner']);
    expect(tighteningOnly({ policy: 'audit_mode' }, base).ignored).toEqual([
      { setting: 'policy', why: expect.stringMatching(/not at least as strict/) },
    ]);
  });
});
