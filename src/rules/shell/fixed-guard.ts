// A guard whose answers are fixed for its whole life: its paths never change and its realpath gives
// one answer per path (a batch judged at one moment, `check --jsonl`). What the rules derive from
// the guard alone (the guarded places, where their links lead) is then made once for it, not once
// per decision.
import type { GuardContext } from '../../core/guarded.js';

const FIXED = new WeakSet<GuardContext>();

/** Marks `guard` as fixed; the caller promises what the file comment says. */
export function fixedGuard(guard: GuardContext): GuardContext {
  FIXED.add(guard);
  return guard;
}

export function isFixedGuard(guard: GuardContext | undefined): guard is GuardContext {
  return guard !== undefined && FIXED.has(guard);
}
