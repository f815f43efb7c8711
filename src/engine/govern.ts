// The one path every action takes: analyse → policy → decision → sealed envelope.
// Everything is passed in (analyser, policy, role, context, sealer), so this stays testable with values.
import type { Action, AnalyzeContext, Analyzer, Decision, RuleMatch } from '../core/types.js';
import { applyPolicy, type ApplyOptions, type Policy } from '../policy/apply.js';
import type { Role } from '../policy/role/role.js';

export interface DecideDeps {
  analyzer: Analyzer;
  policy: Policy;
  role?: Role;
  ctx: AnalyzeContext;
  /** Facts about the guard itself, read at decision time (role file changed, pin violated). */
  guard?: () => Omit<ApplyOptions, 'ctx'>;
  /**
   * Matches about this one action found before the analysis by the front end that asked (the
   * gateway's approval gate): judged by the policy with the analysis's own.
   */
  findings?: readonly RuleMatch[];
}

export async function decide(action: Action, deps: DecideDeps): Promise<Decision> {
  const found = await deps.analyzer.analyze(action, deps.ctx);
  const analysis = deps.findings?.length ? { ...found, matches: [...found.matches, ...deps.findings] } : found;
  return applyPolicy(analysis, deps.policy, deps.role, { ctx: deps.ctx, ...deps.guard?.() });
}

/** Decide, then make the decision durable with `seal` (which throws when it cannot: then nothing may run). */
export async function govern<R>(
  action: Action,
  deps: DecideDeps & { seal: (decision: Decision) => R },
): Promise<{ decision: Decision; record: R }> {
  const decision = await decide(action, deps);
  return { decision, record: deps.seal(decision) };
}
