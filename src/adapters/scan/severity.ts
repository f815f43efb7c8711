// How `seatbelt scan` reports what the engine decided. The engine's decision is not changed: a
// command it blocks is a finding. What differs is how much a finding weighs in CI:
//   - a rule match keeps its risk (CRITICAL/HIGH → error, MEDIUM → warning, LOW → note) and fails the run;
//   - a finding of class `fail_closed` (the analysis could not judge the command statically:
//     parse.*, limits.*, dynamic targets, an unreadable file) is a warning and fails the run only
//     with --strict. The agent-facing paths (exec, check, hooks, MCP) keep refusing these.
// Suppressed (inline marker) and baselined findings are reported, and never fail the run.
import type { MatchClass, Risk } from '../../core/types.js';

export type Level = 'error' | 'warning' | 'note';

export interface Weighed {
  class: MatchClass;
  risk: Risk;
  suppressed?: unknown;
  baselined?: boolean;
}

/** The analysis could not judge it statically (fail closed). */
export function unjudgeable(f: Pick<Weighed, 'class'>): boolean {
  return f.class === 'fail_closed';
}

export function levelOfRisk(risk: Risk): Level {
  return risk === 'CRITICAL' || risk === 'HIGH' ? 'error' : risk === 'MEDIUM' ? 'warning' : 'note';
}

/** The level shown for a finding: a warning when it could not be judged (unless --strict), else by risk. */
export function levelOf(f: Pick<Weighed, 'class' | 'risk'>, strict: boolean): Level {
  return unjudgeable(f) && !strict ? 'warning' : levelOfRisk(f.risk);
}

/** Whether this finding makes `seatbelt scan` exit 1. */
export function fails(f: Weighed, strict: boolean): boolean {
  return !f.suppressed && !f.baselined && (strict || !unjudgeable(f));
}

/**
 * GitHub code scanning's `security-severity` (a number as a string; critical ≥ 9.0, high 7.0–8.9,
 * medium 4.0–6.9, low 0.1–3.9). A finding that could not be judged is rated 4.0, the bottom of
 * medium, below every judged MEDIUM (5.5), unless --strict makes it count as its risk.
 */
export function securitySeverity(f: Pick<Weighed, 'class' | 'risk'>, strict: boolean): string {
  if (unjudgeable(f) && !strict) return '4.0';
  return { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0' }[f.risk];
}
