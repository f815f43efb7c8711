// The library entry: `import { createGuard } from 'seatbelt'`. A guard decides through the same
// session path as the CLI; importing this loads no parser (they load on the first decision that
// needs one). Adapters for agent frameworks are separate entries: seatbelt/ai-sdk,
// seatbelt/openai-agents, seatbelt/langchain, seatbelt/mcp.
export { createGuard } from './library/guard.js';
export type { Guard, Governed, SealedDecision } from './library/guard.js';
export { GuardOptionsError } from './library/options.js';
export type { GuardOptions } from './library/options.js';
export type { GuardAction } from './library/action.js';
export type { WrapSpec } from './library/wrap.js';
export type { ExecCommand, ExecOptions, ExecResult } from './library/exec.js';
export { AuditError, GovernanceBlocked } from './library/governance-blocked.js';
export { SeatbeltError } from './core/error.js';
export type { ErrorCode } from './core/error.js';
export type { Action, Analysis, Decision, Dialect, PolicyRef, Risk, RoleRef, RuleMatch, Verdict } from './core/types.js';
export type { PolicyName } from './policy/policies.js';
export type { Settings } from './policy/settings.js';
