// Every SQL rule carries its own examples: each "block" example, through the real analyser (the
// default engine) and applyPolicy, must be blocked with the rule among the blocking matches at its
// risk, under the policy whose threshold is that risk (test/rules/risk-table.ts); each "allow"
// example must not match the rule — and must not be refused by any other rule either.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import { SQL_RULES } from '../../src/rules/sql/index.js';
import type { SqlExample } from '../../src/rules/rule.js';
import { expectBlockedByRule } from '../rules/risk-table.js';

const blocks = (risk: string) => risk === 'HIGH' || risk === 'CRITICAL';
const norm = (e: string | SqlExample) =>
  typeof e === 'string' ? { sql: e, dialect: 'postgresql' as const } : { sql: e.sql, dialect: e.dialect ?? 'postgresql' };
const label = (e: { sql: string; dialect: string }) => `[${e.dialect}] ${e.sql.length > 80 ? e.sql.slice(0, 80) + '…' : e.sql}`;

describe('SQL rule metadata', () => {
  it('ids are unique, namespaced sql.*, and every rule has a reason, a remediation and examples both ways', () => {
    const ids = SQL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SQL_RULES) {
      expect(r.id).toMatch(/^sql\.[a-z_]+$/);
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(r.examples.block.length, r.id).toBeGreaterThan(0);
      expect(r.examples.allow.length, r.id).toBeGreaterThan(0);
    }
  });
});

describe.each(SQL_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it.each(rule.examples.block.map(norm).map((e) => [label(e), e] as const))('blocks %s', async (_l, e) => {
    const analysis = await defaultAnalyzer.analyze(
      { kind: 'sql', sql: e.sql, dialect: e.dialect },
      { cwd: '/home/user/project', home: '/home/user' },
    );
    expectBlockedByRule(analysis, rule);
  });
  it.each(rule.examples.allow.map(norm).map((e) => [label(e), e] as const))('allows %s', async (_l, e) => {
    const { matches } = await analyzeSql(e.sql, e.dialect);
    expect(matches.map((m) => m.ruleId)).not.toContain(rule.id);
    expect(matches.filter((m) => blocks(m.risk)).map((m) => `${m.ruleId}: ${m.evidence}`)).toEqual([]);
  });
});
