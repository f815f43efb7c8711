// MySQL/MariaDB ALTER TABLE clauses that empty a table without saying DELETE or TRUNCATE: a
// storage engine that loses its rows (BLACKHOLE at once, MEMORY at the next restart), and
// TRUNCATE PARTITION (ALL or named partitions).
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import type { Dialect } from '../../src/core/types.js';

const MYSQLS: Dialect[] = ['mysql', 'mariadb'];
const critical = async (sql: string, d: Dialect) =>
  (await analyzeSql(sql, d)).matches.filter((m) => m.risk === 'CRITICAL').map((m) => m.ruleId);

const REFUSED: [string, string][] = [
  ['ALTER TABLE orders ENGINE=BLACKHOLE', 'sql.discarding_engine'],
  ['ALTER TABLE orders ENGINE blackhole', 'sql.discarding_engine'],
  ['ALTER TABLE orders ADD COLUMN n int, ENGINE=MEMORY', 'sql.discarding_engine'],
  ['ALTER TABLE events TRUNCATE PARTITION ALL', 'sql.truncate'],
  ['ALTER TABLE events TRUNCATE PARTITION p2023, p2024', 'sql.truncate'],
];

const ALLOWED = ['ALTER TABLE orders ENGINE=InnoDB', 'ALTER TABLE t ADD COLUMN c int', 'CREATE TABLE sink (id int) ENGINE=BLACKHOLE'];

describe('ALTER TABLE that empties the table', () => {
  it.each(MYSQLS.flatMap((d) => REFUSED.map(([sql, rule]) => [d, sql, rule] as const)))('[%s] %s → %s', async (d, sql, rule) => {
    expect(await critical(sql, d)).toContain(rule);
  });
  it.each(MYSQLS.flatMap((d) => ALLOWED.map((sql) => [d, sql] as const)))('[%s] %s stays allowed', async (d, sql) => {
    expect((await analyzeSql(sql, d)).matches.filter((m) => m.risk === 'HIGH' || m.risk === 'CRITICAL')).toEqual([]);
  });
});
