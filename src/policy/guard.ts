// Glue for the adapters: from resolved settings to the policy and role the decision step takes,
// read once before any analysis. Per-action overrides (a `check --jsonl` line's "policy"/"role")
// are treated like flags, so a pin refuses them the same way.
import type { AnalyzeContext } from '../core/types.js';
import type { ApplyOptions } from './apply.js';
import { checkPin, type PinViolation } from './pin.js';
import { isPolicyName, loadPolicy, POLICY_NAMES, type Policy } from './policies.js';
import type { LoadedRole } from './role/role.js';
import { defaultRolesDirs, loadRole } from './role/load.js';
import { normalizeRole, type ResolvedSettings } from './settings.js';
import { SeatbeltError } from '../core/error.js';

export interface Guard {
  policy: Policy;
  role?: LoadedRole;
  /** Pass to applyPolicy (add `roleChanged: guard.role?.isStale()` in long-running processes). */
  options: ApplyOptions;
}

/** Applies flag-level overrides to already resolved settings, re-checking the pin. No I/O. */
export function withOverrides(
  resolved: ResolvedSettings,
  overrides: { policy?: string; role?: string | null },
  cwd: string,
): ResolvedSettings {
  if (overrides.policy === undefined && overrides.role === undefined) return resolved;
  const problems: string[] = [];
  if (overrides.policy !== undefined && !isPolicyName(overrides.policy)) {
    problems.push(`"policy": unknown policy ${JSON.stringify(overrides.policy)}, expected one of ${POLICY_NAMES.join(', ')}`);
  }
  const role = overrides.role === undefined ? undefined : normalizeRole(overrides.role, cwd, '"role"', problems);
  if (problems.length) throw new SeatbeltError('CONFIG', problems.join('; '));
  const settings = { ...resolved.settings };
  const sources = { ...resolved.sources };
  if (overrides.policy !== undefined && isPolicyName(overrides.policy)) [settings.policy, sources.policy] = [overrides.policy, 'flag'];
  if (role !== undefined) [settings.role, sources.role] = [role, 'flag'];
  let violation: PinViolation | null = resolved.violation;
  if (resolved.pin) {
    const pinned = { policy: resolved.pin.policy, role: resolved.pin.role };
    violation ??= checkPin(
      resolved.pin.by,
      pinned,
      { policy: settings.policy, role: settings.role },
      { policy: sources.policy, role: sources.role },
    );
    if (violation) {
      settings.policy = pinned.policy;
      settings.role = pinned.role;
    }
  }
  return { ...resolved, settings, sources, violation };
}

/** Reads the role file (once) and picks the policy template for resolved settings. */
export function openGuard(resolved: ResolvedSettings, ctx: AnalyzeContext): Guard {
  const { settings } = resolved;
  const policy = loadPolicy(settings.policy);
  const role =
    settings.role === null
      ? undefined
      : loadRole(settings.role, { rolesDir: defaultRolesDirs(settings.home, resolved.bundle?.rolesDir), cwd: ctx.cwd });
  return { policy, ...(role ? { role } : {}), options: { ctx, pinViolation: resolved.violation } };
}
