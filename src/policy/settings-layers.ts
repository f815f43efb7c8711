// The layers settings come from (flags, environment, a config file), each read into the same
// validated shape; problems are collected, not thrown, so every bad setting is named at once.
import path from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { DIALECTS, type Dialect } from '../core/types.js';
import { ENVIRONMENTS, isEnvironment } from '../core/environment.js';
import type { ConfigFile } from './config.js';
import { isPolicyName, POLICY_NAMES } from './policies.js';
import type { SettingName, Settings, SettingsFlags } from './settings.js';

export const ENV_NAMES: Readonly<Partial<Record<SettingName, string>>> = {
  policy: 'SEATBELT_POLICY',
  role: 'SEATBELT_ROLE',
  dialect: 'SEATBELT_DIALECT',
  audit: 'SEATBELT_AUDIT',
  agent: 'SEATBELT_AGENT',
  owner: 'SEATBELT_OWNER',
  home: 'SEATBELT_HOME',
  keys: 'SEATBELT_KEYS',
  environment: 'SEATBELT_ENVIRONMENT',
};

export type Layer = Partial<Settings>;

const ROLE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A role value as written → a name, an absolute path, or null. Paths are relative to `base`. */
export function normalizeRole(value: string | null, base: string, where: string, problems: string[]): string | null | undefined {
  if (value === null || value === '' || value === 'none') return null;
  if (value.includes('/') || value.includes('\\') || value.endsWith('.json')) return path.resolve(base, value);
  if (ROLE_NAME.test(value)) return value;
  problems.push(`${where}: role expected a role name (lower-case letters, digits, "_", "-") or a path, found ${JSON.stringify(value)}`);
  return undefined;
}

export function layerFrom(raw: SettingsFlags | ConfigFile, base: string, where: (k: string) => string, problems: string[]): Layer {
  const out: Layer = {};
  if (raw.policy !== undefined) {
    if (isPolicyName(raw.policy)) out.policy = raw.policy;
    else problems.push(`${where('policy')}: unknown policy ${JSON.stringify(raw.policy)}, expected one of ${POLICY_NAMES.join(', ')}`);
  }
  if (raw.role !== undefined) {
    const r = normalizeRole(raw.role, base, where('role'), problems);
    if (r !== undefined) out.role = r;
  }
  if (raw.dialect !== undefined) {
    if ((DIALECTS as readonly string[]).includes(raw.dialect)) out.dialect = raw.dialect as Dialect;
    else problems.push(`${where('dialect')}: unknown dialect ${JSON.stringify(raw.dialect)}, expected one of ${DIALECTS.join(', ')}`);
  }
  if (raw.audit !== undefined) out.audit = path.resolve(base, raw.audit);
  if (raw.keys !== undefined) out.keys = path.resolve(base, raw.keys);
  if ('home' in raw && raw.home !== undefined) out.home = path.resolve(base, raw.home);
  if (raw.agent !== undefined) out.agent = raw.agent;
  if (raw.owner !== undefined) out.owner = raw.owner;
  if (raw.autoKeys !== undefined) out.autoKeys = raw.autoKeys;
  if (raw.recordInput !== undefined) out.recordInput = raw.recordInput;
  if (raw.environment !== undefined) {
    if (isEnvironment(raw.environment)) out.environment = raw.environment;
    else problems.push(`${where('environment')}: expected one of ${ENVIRONMENTS.join(', ')}, found ${JSON.stringify(raw.environment)}`);
  }
  if (raw.lockTimeoutMs !== undefined) {
    if (Number.isInteger(raw.lockTimeoutMs) && raw.lockTimeoutMs > 0) out.lockTimeoutMs = raw.lockTimeoutMs;
    else problems.push(`${where('lockTimeoutMs')}: expected a positive whole number, found ${String(raw.lockTimeoutMs)}`);
  }
  return out;
}

export function envFlags(env: Record<string, string | undefined>): SettingsFlags {
  const out: Record<string, string> = {};
  for (const [k, name] of Object.entries(ENV_NAMES)) {
    const v = env[name!];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out as SettingsFlags;
}

export function parsePinEnv(v: string | undefined): boolean {
  if (v === undefined || v === '' || v === '0' || /^(false|no|off)$/i.test(v)) return false;
  if (v === '1' || /^(true|yes|on)$/i.test(v)) return true;
  throw new SeatbeltError('CONFIG', `SEATBELT_PIN: expected 1 or 0, found ${JSON.stringify(v)}`);
}
