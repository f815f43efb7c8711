// A project's `.seatbelt.json` is written by whoever wrote the repository — the agent, or a repo it
// cloned — so unless the operator trusted that exact file (`seatbelt trust`, its SHA-256 in the user
// config: the direnv/mise model), it may only tighten: a stricter policy, a role that narrows, more
// recorded input. A setting that would loosen the guard, move the trail or the keys, or speak for
// the operator (owner, agent) is ignored, and the session says so and seals it with the decision.
import path from 'node:path';
import type { RuleMatch } from '../core/types.js';
import { loosening, type PolicyAndRole } from './pin.js';
import { UNTRUSTED_PROJECT_CONFIG } from './findings.js';
import type { Layer } from './settings-layers.js';

/** One trusted project file, as the user config records it. */
export interface TrustedFile {
  path: string;
  sha256: string;
}

export interface IgnoredSetting {
  setting: string;
  /** Why it was ignored, one short phrase. */
  why: string;
}

/** True when the user config trusts exactly this file's bytes at this path. */
export function isTrusted(trusted: readonly TrustedFile[] | undefined, file: string, sha256: string): boolean {
  const abs = path.resolve(file);
  return (trusted ?? []).some((t) => path.resolve(t.path) === abs && t.sha256 === sha256);
}

/** Settings an untrusted project file may never set: they move state or speak for the operator. */
const OPERATOR_ONLY: Partial<Record<keyof Layer, string>> = {
  audit: 'moves the audit trail',
  keys: 'moves the signing keys',
  autoKeys: 'changes how keys are made',
  owner: 'names the accountable human (the operator says who)',
  agent: 'names the agent (the operator says which)',
};

/**
 * The part of an untrusted project layer that only tightens what the operator's settings (`base`:
 * the user config over the defaults) would give, and what was dropped. Pure.
 */
export function tighteningOnly(
  project: Layer,
  base: PolicyAndRole & { recordInput: boolean },
): { layer: Layer; ignored: IgnoredSetting[] } {
  const layer: Layer = { ...project };
  const ignored: IgnoredSetting[] = [];
  for (const [k, why] of Object.entries(OPERATOR_ONLY) as [keyof Layer, string][]) {
    if (layer[k] !== undefined) {
      delete layer[k];
      ignored.push({ setting: k, why });
    }
  }
  if (layer.recordInput === false && base.recordInput) {
    delete layer.recordInput;
    ignored.push({ setting: 'recordInput', why: 'records less than the operator asked for' });
  }
  const requested: PolicyAndRole = { policy: layer.policy ?? base.policy, role: layer.role === undefined ? base.role : layer.role };
  const loose = loosening(base, requested);
  if (loose?.policy) {
    delete layer.policy;
    ignored.push({ setting: 'policy', why: loose.policy });
  }
  if (loose?.role) {
    delete layer.role;
    ignored.push({ setting: 'role', why: loose.role });
  }
  return { layer, ignored };
}

/** The notice sealed with every decision made while an untrusted project file had settings ignored. Never blocks. */
export function untrustedProjectMatch(file: string, ignored: readonly IgnoredSetting[]): RuleMatch {
  return {
    ruleId: UNTRUSTED_PROJECT_CONFIG,
    class: 'notice',
    risk: 'LOW',
    reason: `settings in the untrusted project config ${file} were ignored: ${ignored.map((i) => `${i.setting} (${i.why})`).join('; ')}`,
    remediation: `the operator can trust this exact file with \`seatbelt trust ${file}\`; any change to it withdraws the trust`,
    evidence: file,
  };
}
