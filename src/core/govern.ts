// The one path every action takes: analyse → policy → decision → sealed envelope.
// The clock, the event-id source and the sealer are passed in, so this stays testable with values.
import type { Action, AnalyzeContext, Analyzer, Decision, RuleMatch } from './types.js';
import { applyPolicy, type Policy } from '../policy/apply.js';
import type { RoleRef } from './types.js';

export interface GovernDeps<R> {
  analyzer: Analyzer;
  policy: Policy;
  role?: RoleRef;
  ctx: AnalyzeContext;
  /** Matches forced onto the decision before the policy runs (e.g. a pin violation). */
  forced?: RuleMatch[];
  /** Makes the decision durable; throws when it cannot (then nothing may run). */
  seal: (decision: Decision) => R;
}

export async function decide(action: Action, deps: Omit<GovernDeps<unknown>, 'seal'>): Promise<Decision> {
  const analysis = await deps.analyzer.analyze(action, deps.ctx);
  if (deps.forced?.length) analysis.matches.unshift(...deps.forced);
  return applyPolicy(analysis, deps.policy, deps.role);
}

export async function govern<R>(action: Action, deps: GovernDeps<R>): Promise<{ decision: Decision; record: R }> {
  const decision = await decide(action, deps);
  return { decision, record: deps.seal(decision) };
}
