// `check --explain`: the IR and which rule matched which command, so a user can see why.
import type { Decision } from '../../core/types.js';

export async function explainDecision(d: Decision): Promise<string> {
  const out: string[] = [];
  if (d.analysis.shell) {
    const { explainIr } = await import('../../analyze/shell/index.js');
    out.push(explainIr(d.analysis.shell));
  }
  for (const s of d.analysis.sql ?? [])
    out.push(`sql ${s.kind} ${s.targets.join(', ')}${s.hasWhere ? ' where' : ''}${s.whereTautology ? ' (tautology)' : ''}`);
  out.push('matches:');
  if (d.matches.length === 0) out.push('  (none)');
  for (const m of d.matches) out.push(`  ${m.ruleId} (${m.risk}) on: ${m.evidence}`);
  out.push(`decision: ${d.decision} (${d.policy.name}${d.role ? `, role ${d.role.name}` : ''}) — ${d.reason}`);
  return out.join('\n') + '\n';
}
