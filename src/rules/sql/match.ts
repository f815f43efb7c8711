// Runs the SQL rules over every statement and every statement nested inside one, with evidence
// that says where it was found (`statement 2 of 3, data-modifying CTE: …`).
import type { SqlStatement } from '../../core/ir.js';
import type { RuleMatch } from '../../core/types.js';
import { redactSql } from '../../analyze/sql/statement.js';
import type { SqlRule } from '../rule.js';

/** A SQL rule that can add the particular why (a parser message, a function name) to its evidence. */
export interface DetailedSqlRule extends SqlRule {
  detail?(stmt: SqlStatement): string | undefined;
}

function evidence(rule: DetailedSqlRule, s: SqlStatement, where: string[]): string {
  const detail = rule.detail?.(s);
  const place = where.length > 0 ? `${where.join(', ')}: ` : '';
  return `${place}${s.text}${detail ? ` (${redactSql(detail)})` : ''}`;
}

export function matchRules(rules: readonly DetailedSqlRule[], stmts: readonly SqlStatement[]): RuleMatch[] {
  const out: RuleMatch[] = [];
  const visit = (s: SqlStatement, where: string[]): void => {
    for (const rule of rules) {
      if (!rule.match(s)) continue;
      const ev = evidence(rule, s, where);
      // T-SQL's reading of unknown words yields one statement per word: say it once.
      if (out.some((m) => m.ruleId === rule.id && m.evidence === ev)) continue;
      out.push({
        ruleId: rule.id,
        class: rule.class ?? 'rule',
        risk: rule.risk,
        reason: rule.reason,
        remediation: rule.remediation,
        evidence: ev,
      });
    }
    for (const n of s.nested) visit(n, [...where, n.facts.via !== undefined ? `inside ${n.facts.via}` : 'nested']);
  };
  // Findings (parse errors, lexical refusals) are not statements of the batch: they are not counted.
  const real = stmts.filter((s) => s.facts.finding === undefined);
  for (const s of stmts) {
    const i = real.indexOf(s);
    visit(s, i >= 0 && real.length > 1 ? [`statement ${i + 1} of ${real.length}`] : []);
  }
  return out;
}
