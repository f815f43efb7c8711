// The policy room's public API: templates, the decision step, roles, settings and pinning.
export { applyPolicy, strictestFirst, type ApplyOptions } from './apply.js';
export {
  POLICIES,
  POLICY_NAMES,
  SAFE_DEFAULTS,
  isAtLeastAsStrict,
  isPolicyName,
  loadPolicy,
  type Policy,
  type PolicyName,
} from './policies.js';
export { GUARD_RULE_IDS, POLICY_RULE_IDS, isFailClosed, isGuardFinding } from './findings.js';
export type { AllowRule, CommandAllowRule, LoadedRole, Role, RoleFile, SqlAllowRule } from './role/role.js';
export { roleProblems, validateRole, type Problem } from './role/validate.js';
export {
  defaultRolesDirs,
  listRoleFiles,
  loadRole,
  resolveRolePath,
  roleFromBytes,
  shippedRolesDir,
  type RoleLoadOptions,
} from './role/load.js';
export { EXAMPLE_CONTEXT, loadRoleChecked, runRoleExamples, type AnalyzeFn, type ExampleResult } from './role/examples.js';
export { checkRole, type RoleCheck, type RoleMiss } from './role/check.js';
export { findProjectConfig, readConfig, updateConfig, validateConfig, PROJECT_CONFIG, USER_CONFIG, type ConfigFile } from './config.js';
export {
  ENV_NAMES,
  SETTING_NAMES,
  resolveSettings,
  type ResolvedSettings,
  type Settings,
  type SettingsFlags,
  type SettingName,
} from './settings.js';
export { checkPin, loosening, pinViolationMatch, type PinViolation, type SettingSource } from './pin.js';
export { openGuard, withOverrides, type Guard } from './guard.js';
