// Shared by the plain SQL readers' differential tests (pg-plain-parse, mysql-plain-parse): the SQL
// texts the tests know, the comparison of a reader's tree with its parser's, and the random run.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { SQL_RULES } from '../../src/rules/sql/index.js';

/** The SQL rules' examples and every query of the SQL corpus, whatever their dialect. */
export function knownSqlTexts(): string[] {
  const out = new Set<string>();
  for (const r of SQL_RULES) for (const e of [...r.examples.block, ...r.examples.allow]) out.add(typeof e === 'string' ? e : e.sql);
  for (const line of readFileSync(new URL('../corpus/sql.jsonl', import.meta.url), 'utf8').split('\n')) {
    if (line.trim() !== '') out.add((JSON.parse(line) as { sql: string }).sql);
  }
  return [...out];
}

/**
 * 'declined' when the reader declined (`mine` undefined), 'equal' when its tree is the parser's to
 * the field order, else what differs (the parser's refusal included).
 */
export function compareTrees(mine: unknown, theirs: () => unknown, parser: string): 'declined' | 'equal' | string {
  if (mine === undefined) return 'declined';
  let expected: string;
  try {
    expected = JSON.stringify(theirs());
  } catch (err) {
    return `${parser} rejects it: ${(err as Error).message.slice(0, 200)}`;
  }
  const actual = JSON.stringify(mine);
  return actual === expected ? 'equal' : `differs:\n  plain ${actual}\n  ${parser} ${expected}`;
}

/** How many of the SQL texts the tests know the reader takes; each one it takes must be equal. */
export function knownTextsTaken(compare: (sql: string) => string): number {
  let taken = 0;
  for (const sql of knownSqlTexts()) {
    const r = compare(sql);
    if (r === 'declined') continue;
    expect(r, sql).toBe('equal');
    taken++;
  }
  return taken;
}

/** Every random text declined or equal, and enough of them taken that the property checks something. */
export function everyTextDeclinedOrEqual(text: fc.Arbitrary<string>, compare: (sql: string) => string, numRuns: number): void {
  let taken = 0;
  fc.assert(
    fc.property(text, (sql) => {
      const r = compare(sql);
      if (r === 'equal') taken++;
      return r === 'declined' || r === 'equal' ? true : (expect(r, JSON.stringify(sql)).toBe('equal'), false);
    }),
    { numRuns },
  );
  expect(taken).toBeGreaterThan(numRuns / 20);
}
