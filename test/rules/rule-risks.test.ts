// Every rule's risk, pinned in a checked-in table (test/rules/rule-risks.json): raising or lowering
// a rule's risk changes what every policy blocks, so it must come with a deliberate edit of the
// table, reviewed like any other change.
//
// A new rule fails here, listed by id with its declared risk, until it is added to the table.
// To regenerate the table from the rules' declared risks (then review the diff before committing):
//
//   UPDATE_RULE_RISKS=1 npx vitest run test/rules/rule-risks.test.ts
//
// Without UPDATE_RULE_RISKS=1 this test never writes the table.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RISK_RANK } from '../../src/core/types.js';
import { declaredRisks, readRiskTable, RULE_RISKS_FILE } from './risk-table.js';

const UPDATE = process.env.UPDATE_RULE_RISKS === '1';
if (UPDATE) writeFileSync(RULE_RISKS_FILE, JSON.stringify(declaredRisks(), null, 2) + '\n');

describe('test/rules/rule-risks.json', () => {
  const declared = declaredRisks();
  const table = readRiskTable();

  it('lists every rule (a new rule is added deliberately: see the header of this file)', () => {
    const missing = Object.keys(declared)
      .filter((id) => !(id in table))
      .map((id) => `${id}: ${declared[id]}`);
    expect(missing, `rules missing from ${RULE_RISKS_FILE}; add them, or regenerate with UPDATE_RULE_RISKS=1`).toEqual([]);
  });

  it("pins each rule at its declared risk (a changed risk needs the table's edit too)", () => {
    const changed = Object.keys(declared)
      .filter((id) => id in table && table[id] !== declared[id])
      .map((id) => `${id}: table ${table[id]}, declared ${declared[id]}`);
    expect(changed).toEqual([]);
  });

  it('names no rule that no longer exists, and only real risks', () => {
    expect(Object.keys(table).filter((id) => !(id in declared))).toEqual([]);
    expect(Object.entries(table).filter(([, r]) => !(r in RISK_RANK))).toEqual([]);
  });

  it('is sorted by id, so a regenerated table diffs cleanly', () => {
    const ids = Object.keys(table);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
