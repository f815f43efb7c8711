// Effective settings: command-line flag > environment > project config > user config > defaults,
// each with the place it came from. Read once per invocation, before any analysis, so nothing the
// command under judgment does can change the settings that judge it. Pinning (pin.ts) then keeps
// flags, environment and project config from loosening the operator's policy and role.
import path from 'node:path';
import { SeatbeltError } from '../core/error.js';
import type { Dialect } from '../core/types.js';
import type { Environment } from '../core/environment.js';
import { findProjectConfig, readConfig, USER_CONFIG, type LoadedConfig } from './config.js';
import { checkPin, type PinViolation, type SettingSource } from './pin.js';
import type { PolicyName } from './policies.js';
import { ENV_NAMES, envFlags, layerFrom, parsePinEnv, type Layer } from './settings-layers.js';
import { isTrusted, tighteningOnly, type IgnoredSetting, type TrustedFile } from './project-trust.js';
import { loadInstalledBundle, type InstalledBundle } from './bundle-store.js';

export { ENV_NAMES, normalizeRole, parsePinEnv } from './settings-layers.js';

export type { SettingSource } from './pin.js';
export { ENVIRONMENTS, type Environment } from '../core/environment.js';

export interface Settings {
  policy: PolicyName;
  /** A role name (looked up in the roles folders) or an absolute path to a role file; null: none. */
  role: string | null;
  dialect: Dialect;
  /** The audit file. */
  audit: string;
  agent: string | null;
  owner: string | null;
  /** SEATBELT_HOME: user config, keys and default audit file live here. */
  home: string;
  /** The folder that holds the signing key pair. */
  keys: string;
  autoKeys: boolean;
  recordInput: boolean;
  lockTimeoutMs: number;
  /** The deployment environment every record names (prod, staging, dev); null: not set. Operator-only (never the project file). */
  environment: Environment | null;
}

export type SettingName = keyof Settings;
export const SETTING_NAMES: readonly SettingName[] = [
  'policy',
  'role',
  'dialect',
  'audit',
  'agent',
  'owner',
  'home',
  'keys',
  'autoKeys',
  'recordInput',
  'lockTimeoutMs',
  'environment',
];

/** Flags as the CLI gives them (strings, unvalidated). */
export interface SettingsFlags {
  policy?: string;
  role?: string | null;
  dialect?: string;
  audit?: string;
  agent?: string;
  owner?: string;
  home?: string;
  keys?: string;
  autoKeys?: boolean;
  recordInput?: boolean;
  lockTimeoutMs?: number;
  environment?: string;
}

export interface ResolvedSettings {
  settings: Settings;
  sources: Record<SettingName, SettingSource>;
  /** The config files that were read (null: none found). */
  files: { project: string | null; user: string | null };
  /**
   * The project file's standing: trusted by the operator (all its settings apply), or untrusted
   * (it may only tighten; `ignored` lists what it tried to loosen). Null when there is none.
   */
  project: { path: string; trusted: boolean; ignored: IgnoredSetting[] } | null;
  /** The files the operator trusted (`seatbelt trust`): project configs, and scripts run without being judged. */
  trusted: TrustedFile[];
  /** The operator's checkpoint schedule (user config only), or null: no automatic checkpoints. */
  checkpoint: { every?: number; seconds?: number } | null;
  /**
   * The operator's central ledger (SEATBELT_SHIP_URL, else the user config's `ship`; a project file
   * may not name one), which exec and the gateway keep up to date in the background. Null: none.
   */
  ship: string | null;
  /**
   * The operator's signed policy bundle in force (`seatbelt policy install`), verified against the
   * pinned operator key: its settings are the operator's layer above the user config. Null: none.
   */
  bundle: { path: string; sha256: string; keyId: string; rolesDir: string; created: string } | null;
  /** Set when policy and role are pinned. */
  pin: { by: 'bundle' | 'user' | 'env'; policy: PolicyName; role: string | null } | null;
  /** A refused loosening; the settings then hold the pinned values and the caller must block. */
  violation: PinViolation | null;
}

export interface ResolveInput {
  flags: SettingsFlags;
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
}

export function resolveSettings(input: ResolveInput): ResolvedSettings {
  const { cwd, homeDir, env } = input;
  const problems: string[] = [];
  const flag = layerFrom(input.flags, cwd, (k) => `--${k}`, problems);
  const envRaw = envFlags(env);
  const envLayer = layerFrom(envRaw, cwd, (k) => ENV_NAMES[k as SettingName] ?? k, problems);
  const envPin = parsePinEnv(env.SEATBELT_PIN);

  const defaultHome = path.join(homeDir, '.seatbelt');
  const home = flag.home ?? envLayer.home ?? defaultHome;
  let user: LoadedConfig | null = readConfig(path.join(home, USER_CONFIG), 'user');
  if (path.resolve(home) !== path.resolve(defaultHome)) {
    // Moving SEATBELT_HOME must not escape an operator's pin in the default home.
    const standard = readConfig(path.join(defaultHome, USER_CONFIG), 'user');
    if (standard?.data.pin === true) user = standard;
  }
  // The fleet's signed bundle, read like the user config (one in the default home that pins
  // cannot be escaped by moving SEATBELT_HOME). One that does not verify throws: nothing is judged.
  let installed: InstalledBundle | null = loadInstalledBundle(home);
  if (path.resolve(home) !== path.resolve(defaultHome)) {
    const standard = loadInstalledBundle(defaultHome);
    if (standard?.bundle.settings.pin === true) installed = standard;
  }
  const projectPath = findProjectConfig(cwd, homeDir);
  const project = projectPath ? readConfig(projectPath, 'project') : null;
  const fileLayer = (c: LoadedConfig | null): Layer =>
    c ? layerFrom(c.data, path.dirname(c.path), (k) => `${c.path}: ${k}`, problems) : {};
  const writtenProjectLayer = fileLayer(project);
  const userLayer = fileLayer(user);
  const bundleLayer: Layer = installed
    ? layerFrom(installed.bundle.settings, installed.rolesDir, (k) => `${installed.path}: settings.${k}`, problems)
    : {};
  if (problems.length) throw new SeatbeltError('CONFIG', `invalid settings:\n  ${problems.join('\n  ')}`);

  const defaults: Settings = {
    policy: 'safe_defaults',
    role: null,
    dialect: 'postgresql',
    audit: path.join(home, 'audit.jsonl'),
    agent: null,
    owner: null,
    home,
    keys: path.join(home, 'keys'),
    autoKeys: true,
    recordInput: false,
    lockTimeoutMs: 5000,
    environment: null,
  };
  // An untrusted project file may only tighten what the other layers would give without it.
  const trustedFiles = [...(installed?.bundle.settings.trusted ?? []), ...(user?.data.trusted ?? [])];
  const trusted = project !== null && isTrusted(trustedFiles, project.path, project.sha256);
  const without = <K extends keyof Settings>(k: K): Settings[K] =>
    (flag[k] ?? envLayer[k] ?? bundleLayer[k] ?? userLayer[k] ?? defaults[k]) as Settings[K];
  const { layer: projectLayer, ignored } = trusted
    ? { layer: writtenProjectLayer, ignored: [] }
    : tighteningOnly(writtenProjectLayer, { policy: without('policy'), role: without('role'), recordInput: without('recordInput') });
  const layers: [SettingSource, Layer][] = [
    ['flag', flag],
    ['env', envLayer],
    ['project', projectLayer],
    ['bundle', bundleLayer],
    ['user', userLayer],
  ];
  const settings = { ...defaults } as Record<SettingName, unknown>;
  const sources = {} as Record<SettingName, SettingSource>;
  for (const k of SETTING_NAMES) {
    const hit = layers.find(([, l]) => l[k] !== undefined);
    settings[k] = hit ? hit[1][k] : defaults[k];
    sources[k] = hit ? hit[0] : 'default';
  }
  const out: ResolvedSettings = {
    settings: settings as unknown as Settings,
    sources,
    files: { project: project?.path ?? null, user: user?.path ?? null },
    project: project ? { path: project.path, trusted, ignored } : null,
    trusted: trustedFiles,
    checkpoint: user?.data.checkpoint ?? null,
    ship: env.SEATBELT_SHIP_URL || user?.data.ship || null,
    bundle: installed
      ? {
          path: installed.path,
          sha256: installed.sha256,
          keyId: installed.bundle.key_id,
          rolesDir: installed.rolesDir,
          created: installed.bundle.created,
        }
      : null,
    pin: null,
    violation: null,
  };

  const pinnedBy = installed?.bundle.settings.pin === true ? 'bundle' : user?.data.pin === true ? 'user' : envPin ? 'env' : null;
  if (pinnedBy) {
    // The pinned values come only from layers the agent cannot write: the operator's bundle and
    // user config (and the environment, when the pin itself came from the environment).
    const operator: [SettingSource, Layer][] = [
      ['bundle', bundleLayer],
      ['user', userLayer],
    ];
    const base: [SettingSource, Layer][] = pinnedBy === 'env' ? [['env', envLayer], ...operator] : operator;
    const pick = <K extends 'policy' | 'role'>(k: K): [Settings[K], SettingSource] => {
      const hit = base.find(([, l]) => l[k] !== undefined);
      return hit ? [hit[1][k] as Settings[K], hit[0]] : [defaults[k], 'default'];
    };
    const [policy, policySource] = pick('policy');
    const [role, roleSource] = pick('role');
    out.pin = { by: pinnedBy, policy, role };
    const requested = { policy: out.settings.policy, role: out.settings.role };
    out.violation = checkPin(pinnedBy, { policy, role }, requested, { policy: sources.policy, role: sources.role });
    if (out.violation) {
      out.settings.policy = policy;
      out.settings.role = role;
      sources.policy = policySource;
      sources.role = roleSource;
    }
  }
  return out;
}
