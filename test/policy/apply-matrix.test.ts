// The decision matrix: every policy × risk level of a rule match × role situation, against a
// hand-written table of expected verdicts (not a re-implementation of the logic).
import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../../src/policy/apply.js';
import { POLICIES, type PolicyName } from '../../src/policy/policies.js';
import type { Risk } from '../../src/core/types.js';
import { CTX, cmd, match, role, shellAnalysis, sqlAnalysis, stmt } from './helpers.js';

const ROLE = role({
  name: 'tester',
  description: 'test role',
  allow: [
    { id: 'ls.any', command: 'ls', match: ['ls'], notMatch: ['rm x'] },
    { id: 'sql.read', sql: { kinds: ['select'], tables: ['orders'] }, match: ['SELECT 1 FROM orders'], notMatch: ['DELETE FROM orders'] },
  ],
});

type Situation = 'no role' | 'role match' | 'role miss';
const RISKS: (Risk | 'none')[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'none'];

// One letter per risk column (CRITICAL, HIGH, MEDIUM, LOW, none): B = block, A = allow.
const EXPECTED: Record<PolicyName, Record<Situation, string>> = {
  safe_defaults: { 'no role': 'BBAAA', 'role match': 'BBAAA', 'role miss': 'BBBBB' },
  read_only: { 'no role': 'BBBAA', 'role match': 'BBBAA', 'role miss': 'BBBBB' },
  audit_mode: { 'no role': 'AAAAA', 'role match': 'AAAAA', 'role miss': 'AAAAA' },
  strict_prod: { 'no role': 'BBBBB', 'role match': 'BBBBA', 'role miss': 'BBBBB' },
  strict_whitelist: { 'no role': 'BBBBB', 'role match': 'BBAAA', 'role miss': 'BBBBB' },
};
// audit_mode names what safe_defaults (with the role) would have blocked.
const WOULD_BLOCK: Record<Situation, string> = { 'no role': 'BBAAA', 'role match': 'BBAAA', 'role miss': 'BBBBB' };

const cases = (Object.keys(EXPECTED) as PolicyName[]).flatMap((policy) =>
  (['no role', 'role match', 'role miss'] as Situation[]).flatMap((situation) =>
    RISKS.map((risk, i) => ({ policy, situation, risk, expected: EXPECTED[policy][situation][i] === 'B' ? 'block' : 'allow', i })),
  ),
);

describe('decision matrix: policy × risk × role', () => {
  it.each(cases)('$policy, $situation, $risk → $expected', ({ policy, situation, risk, expected, i }) => {
    const command = situation === 'role miss' ? cmd('rm notes.txt') : cmd('ls -la');
    const matches = risk === 'none' ? [] : [match(`pack.rule_${risk.toLowerCase()}`, risk)];
    const d = applyPolicy(shellAnalysis([command], matches), POLICIES[policy], situation === 'no role' ? undefined : ROLE, { ctx: CTX });
    expect(d.decision).toBe(expected);
    expect(d.policy.name).toBe(policy);
    // Every rule match is in the evidence, whatever the verdict.
    for (const m of matches) expect(d.matches).toContainEqual(m);
    if (expected === 'allow') {
      expect(d.blocking).toEqual([]);
      expect(d.remediation).toBe('');
    } else {
      expect(d.reason).toBe(d.blocking[0]!.reason);
      expect(d.remediation).toBe(d.blocking[0]!.remediation);
    }
    if (situation !== 'no role') expect(d.role?.name).toBe('tester');
    if (policy === 'audit_mode') {
      expect(d.wouldBlock!.length > 0).toBe(WOULD_BLOCK[situation][i] === 'B');
    } else expect(d.wouldBlock).toBeUndefined();
  });

  it('names the cause: a role miss, an implicit deny, the rule itself', () => {
    const miss = applyPolicy(shellAnalysis([cmd('rm notes.txt')]), POLICIES.safe_defaults, ROLE, { ctx: CTX });
    expect(miss.blocking.map((m) => m.ruleId)).toEqual(['role.not_allowed']);
    expect(miss.blocking[0]!.evidence).toBe('rm notes.txt');
    expect(miss.reason).toMatch(/role tester does not allow the command "rm"/);
    const deny = applyPolicy(shellAnalysis([cmd('ls')]), POLICIES.strict_whitelist);
    expect(deny.blocking.map((m) => m.ruleId)).toEqual(['policy.implicit_deny']);
    const crit = applyPolicy(shellAnalysis([cmd('ls')], [match('filesystem.x', 'CRITICAL')]), POLICIES.strict_whitelist, ROLE, {
      ctx: CTX,
    });
    expect(crit.blocking.map((m) => m.ruleId)).toEqual(['filesystem.x']);
  });

  it('sorts blocking strictest first and keeps every match', () => {
    const ms = [match('a.low', 'LOW'), match('b.high', 'HIGH'), match('c.crit', 'CRITICAL'), match('d.med', 'MEDIUM')];
    const d = applyPolicy(shellAnalysis([cmd('rm x')], ms), POLICIES.strict_prod, ROLE, { ctx: CTX });
    expect(d.blocking.map((m) => m.ruleId)).toEqual(['c.crit', 'b.high', 'd.med', 'role.not_allowed', 'a.low']);
    expect(d.reason).toBe('reason of c.crit');
    expect(d.matches).toHaveLength(5);
  });
});

describe('fail-closed findings and writes', () => {
  it('blocks a fail-closed finding whatever its risk, except in audit_mode', () => {
    for (const id of [
      'parse.syntax_error',
      'limits.input_too_large',
      'sql.parse_error',
      'parse.dynamic_command',
      'internal.analysis_failed',
      'rules.internal_error',
    ]) {
      const a = shellAnalysis([cmd('ls')], [match(id, 'LOW')]);
      expect(applyPolicy(a, POLICIES.safe_defaults).decision, id).toBe('block');
      expect(applyPolicy(a, POLICIES.strict_whitelist, ROLE, { ctx: CTX }).decision, id).toBe('block');
      const audit = applyPolicy(a, POLICIES.audit_mode);
      expect(audit.decision).toBe('allow');
      expect(audit.wouldBlock!.map((m) => m.ruleId)).toEqual([id]);
    }
  });

  it('blocks an undecidable part of the IR even if no match was made for it', () => {
    const a = shellAnalysis([cmd('ls')]);
    a.shell!.undecidable.push({ ruleId: 'parse.dynamic_script', reason: 'bash -c "$X"', evidence: 'bash -c "$X"' });
    expect(applyPolicy(a, POLICIES.safe_defaults).blocking.map((m) => m.ruleId)).toEqual(['parse.dynamic_script']);
  });

  it('read_only refuses writes, even ones the role allows; other policies do not look at writes', () => {
    const a = shellAnalysis([cmd('ls')], [], true);
    const d = applyPolicy(a, POLICIES.read_only, ROLE, { ctx: CTX });
    expect(d.blocking.map((m) => m.ruleId)).toEqual(['policy.read_only_write']);
    expect(applyPolicy(a, POLICIES.read_only).decision).toBe('block');
    for (const p of ['safe_defaults', 'strict_whitelist', 'strict_prod'] as const) {
      expect(applyPolicy(a, POLICIES[p], ROLE, { ctx: CTX }).decision, p).toBe('allow');
    }
    expect(applyPolicy(a, POLICIES.audit_mode).decision).toBe('allow');
  });
});

describe('SQL under a role', () => {
  it('allows only the statement kinds and tables the role names, nested statements included', () => {
    const ok = sqlAnalysis([stmt('select', ['public.orders'])]);
    expect(applyPolicy(ok, POLICIES.strict_whitelist, ROLE).decision).toBe('allow');
    const other = sqlAnalysis([stmt('select', ['users'])]);
    expect(applyPolicy(other, POLICIES.strict_whitelist, ROLE).reason).toMatch(/table users/);
    const batch = sqlAnalysis([stmt('select', ['orders']), stmt('delete', ['orders'])]);
    expect(applyPolicy(batch, POLICIES.strict_whitelist, ROLE).decision).toBe('block');
    const cte = sqlAnalysis([stmt('select', ['orders'], { nested: [stmt('delete', ['orders'])] })]);
    expect(applyPolicy(cte, POLICIES.safe_defaults, ROLE).decision).toBe('block');
    const dyn = sqlAnalysis([stmt('select', ['orders'], { dynamic: true })]);
    expect(applyPolicy(dyn, POLICIES.safe_defaults, ROLE).decision).toBe('block');
  });

  it('a role without SQL rules allows no SQL; an unanalysed action allows nothing', () => {
    const shellOnly = role({ name: 'sh', description: 'x', allow: [{ id: 'ls', command: 'ls', match: ['ls'], notMatch: ['rm'] }] });
    expect(applyPolicy(sqlAnalysis([stmt('select', ['orders'])]), POLICIES.safe_defaults, shellOnly).reason).toMatch(/allows no SQL/);
    const bare = { action: { kind: 'shell' as const, script: 'ls' }, matches: [], writes: false };
    expect(applyPolicy(bare, POLICIES.safe_defaults, ROLE).decision).toBe('block');
    expect(applyPolicy(bare, POLICIES.safe_defaults).decision).toBe('allow');
  });
});

describe('guard findings', () => {
  const pinViolation = {
    pinnedBy: 'user' as const,
    pinned: { policy: 'strict_prod' as const, role: 'tester' },
    requested: { policy: 'audit_mode' as const, role: 'tester' },
    from: { policy: 'flag' as const },
    message: 'refused to loosen the pinned guard: policy audit_mode is not at least as strict as the pinned strict_prod (from flag)',
  };

  it('a pin violation blocks under every policy, audit_mode included, and explains itself', () => {
    for (const p of Object.values(POLICIES)) {
      const d = applyPolicy(shellAnalysis([cmd('ls')]), p, ROLE, { ctx: CTX, pinViolation });
      expect(d.decision, p.ref.name).toBe('block');
      expect(d.blocking[0]!.ruleId).toBe('policy.pin_violation');
      expect(d.remediation).toMatch(/pinned/);
    }
  });

  it('a forced policy.pin_violation match (the lead’s govern path) blocks too', () => {
    const a = shellAnalysis([cmd('ls')], [match('policy.pin_violation', 'HIGH')]);
    expect(applyPolicy(a, POLICIES.audit_mode).decision).toBe('block');
  });

  it('a changed role file fails closed', () => {
    const d = applyPolicy(shellAnalysis([cmd('ls')]), POLICIES.safe_defaults, ROLE, { ctx: CTX, roleChanged: true });
    expect(d.blocking.map((m) => m.ruleId)).toEqual(['role.changed']);
    expect(applyPolicy(shellAnalysis([cmd('ls')]), POLICIES.safe_defaults, ROLE, { ctx: CTX, roleChanged: false }).decision).toBe('allow');
  });

  it('a role given only by reference (no rules loaded) allows nothing', () => {
    const d = applyPolicy(shellAnalysis([cmd('ls')]), POLICIES.safe_defaults, { name: 'tester', sha256: 'ab' });
    expect(d.blocking.map((m) => m.ruleId)).toEqual(['role.unchecked']);
    expect(d.role).toEqual({ name: 'tester', sha256: 'ab' });
  });
});
