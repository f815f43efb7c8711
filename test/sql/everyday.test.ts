// Everyday SQL stays allowed under safe_defaults in every dialect that has it, after the issue-13
// rules (every-row folding, self-upserts, privilege changes, credential reads, executable comments).
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import { DIALECTS, type Dialect } from '../../src/core/types.js';

const EVERYDAY: [string, readonly Dialect[]][] = [
  ['SELECT * FROM users WHERE id = 1', DIALECTS],
  ['UPDATE users SET x = 1 WHERE id = 5', DIALECTS],
  ['DELETE FROM sessions WHERE revoked_at IS NOT NULL', DIALECTS],
  ["SELECT * FROM orders WHERE kind = 'open' OR shipped_at IS NOT NULL", DIALECTS],
  ['INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING', ['postgresql', 'sqlite']],
  ['INSERT INTO t SELECT * FROM staging ON CONFLICT (id) DO UPDATE SET v = excluded.v', ['postgresql']],
  ['INSERT INTO t SELECT * FROM staging WHERE true ON CONFLICT (id) DO UPDATE SET v = excluded.v', ['sqlite']],
  ['INSERT INTO t SELECT * FROM staging ON DUPLICATE KEY UPDATE v = VALUES(v)', ['mysql', 'mariadb']],
  ['SET search_path TO app', ['postgresql']],
  ['SELECT current_user', ['postgresql']],
  ['SELECT CURRENT_USER()', ['mysql', 'mariadb']],
  ['ALTER TABLE t ADD COLUMN c int', ['postgresql', 'mysql', 'mariadb', 'sqlite']],
];

describe('everyday SQL stays allowed', () => {
  it.each(EVERYDAY.flatMap(([sql, ds]) => ds.map((d) => [d, sql] as const)))('[%s] %s', async (d, sql) => {
    const { matches } = await analyzeSql(sql, d);
    expect(matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL').map((m) => `${m.ruleId}: ${m.evidence}`)).toEqual([]);
  });
});
