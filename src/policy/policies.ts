// The five policy templates, as data. apply.ts reads these fields, never the names, so the
// semantics of a policy are exactly what its fields say (documented in docs/policies.md).
import { SeatbeltError } from '../core/error.js';
import type { PolicyRef, Risk } from '../core/types.js';

export type PolicyName = 'safe_defaults' | 'read_only' | 'audit_mode' | 'strict_prod' | 'strict_whitelist';
export const POLICY_NAMES: readonly PolicyName[] = ['safe_defaults', 'read_only', 'audit_mode', 'strict_prod', 'strict_whitelist'];

export interface Policy {
  ref: PolicyRef;
  description: string;
  /** A rule match at or above this risk blocks. null: no risk blocks (audit_mode). */
  blockAtRisk: Risk | null;
  /** Anything that may write (files, git, SQL other than reads) blocks. */
  blockWrites: boolean;
  /** Without a role nothing runs: the absence of an allow is a deny. */
  implicitDeny: boolean;
  /** Allow everything; the decision still lists what would have blocked (`wouldBlock`). */
  auditOnly: boolean;
  /**
   * A tool call the gateway's tool registry does not know (no command to judge, no risk tier)
   * blocks (`gateway.unknown_tool`); otherwise it is allowed and recorded with that id as a notice.
   */
  blockUnknownTools: boolean;
}

const VERSION = '1';

export const POLICIES: Readonly<Record<PolicyName, Policy>> = {
  safe_defaults: {
    ref: { name: 'safe_defaults', version: VERSION },
    description: 'block CRITICAL and HIGH matches; with a role, also anything the role does not allow',
    blockAtRisk: 'HIGH',
    blockWrites: false,
    implicitDeny: false,
    auditOnly: false,
    blockUnknownTools: false,
  },
  read_only: {
    ref: { name: 'read_only', version: VERSION },
    description: 'block CRITICAL, HIGH and MEDIUM matches and anything that writes; with a role, also anything it does not allow',
    blockAtRisk: 'MEDIUM',
    blockWrites: true,
    implicitDeny: false,
    auditOnly: false,
    blockUnknownTools: true,
  },
  audit_mode: {
    ref: { name: 'audit_mode', version: VERSION },
    description: 'allow everything and seal everything; the decision names what safe_defaults (with the role) would have blocked',
    blockAtRisk: null,
    blockWrites: false,
    implicitDeny: false,
    auditOnly: true,
    blockUnknownTools: false,
  },
  strict_prod: {
    ref: { name: 'strict_prod', version: VERSION },
    description: 'block every matched rule of any risk, and everything the role does not allow (no role: nothing runs)',
    blockAtRisk: 'LOW',
    blockWrites: false,
    implicitDeny: true,
    auditOnly: false,
    blockUnknownTools: true,
  },
  strict_whitelist: {
    ref: { name: 'strict_whitelist', version: VERSION },
    description: 'CRITICAL and HIGH matches are a floor no role lifts; then only what the role allows runs (no role: nothing runs)',
    blockAtRisk: 'HIGH',
    blockWrites: false,
    implicitDeny: true,
    auditOnly: false,
    blockUnknownTools: true,
  },
};

export const SAFE_DEFAULTS: Policy = POLICIES.safe_defaults;

export function isPolicyName(name: string): name is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(name);
}

/** The template for a name; an unknown name is a configuration error, never a fallback. */
export function loadPolicy(name: string): Policy {
  if (!isPolicyName(name)) {
    throw new SeatbeltError('CONFIG', `unknown policy ${JSON.stringify(name)}: expected one of ${POLICY_NAMES.join(', ')}`);
  }
  return POLICIES[name];
}

/**
 * "b blocks at least everything a blocks, for every action and the same role." A partial order:
 * read_only blocks writes a role may allow under strict_prod / strict_whitelist, and those block
 * role misses read_only lets through without a role, so neither is stricter than the other.
 *
 *   audit_mode < safe_defaults < read_only
 *                safe_defaults < strict_whitelist < strict_prod
 */
const STRICTER_OR_EQUAL: Readonly<Record<PolicyName, readonly PolicyName[]>> = {
  audit_mode: ['audit_mode', 'safe_defaults', 'read_only', 'strict_whitelist', 'strict_prod'],
  safe_defaults: ['safe_defaults', 'read_only', 'strict_whitelist', 'strict_prod'],
  read_only: ['read_only'],
  strict_whitelist: ['strict_whitelist', 'strict_prod'],
  strict_prod: ['strict_prod'],
};

export function isAtLeastAsStrict(candidate: PolicyName, than: PolicyName): boolean {
  return STRICTER_OR_EQUAL[than].includes(candidate);
}
