// The two configuration files: `.seatbelt.json` in the project (found from the working folder
// upward, stopping at the git root, the home folder or `/`) and `$SEATBELT_HOME/config.json` for
// the user. Read on the hot path with a plain read + JSON.parse + validate; lowdb (loaded lazily)
// only where a file is written.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { DIALECTS } from '../core/types.js';
import { ENVIRONMENTS, isEnvironment } from '../core/environment.js';
import { POLICY_NAMES } from './policies.js';
import { describe, formatProblems, type Problem } from './role/validate.js';

export const PROJECT_CONFIG = '.seatbelt.json';
export const USER_CONFIG = 'config.json';

export type ConfigScope = 'project' | 'user';

/** One configuration file as written (validated). */
export interface ConfigFile {
  $schema?: string;
  policy?: string;
  role?: string | null;
  dialect?: string;
  audit?: string;
  agent?: string;
  owner?: string;
  keys?: string;
  autoKeys?: boolean;
  recordInput?: boolean;
  lockTimeoutMs?: number;
  /** User config only: the deployment environment records name (prod, staging, dev). */
  environment?: string;
  /** User config only: the central ledger `seatbelt audit ship` copies the trail to (postgres://…). */
  ship?: string;
  /** User config only: the writer signs a checkpoint every N records and/or T seconds (docs/checkpoints.md). */
  checkpoint?: { every?: number; seconds?: number };
  /** User config only: flags, environment and project config may then only make the guard stricter. */
  pin?: boolean;
  /** User config only: project config files the operator trusted (`seatbelt trust`), by path and SHA-256. */
  trusted?: { path: string; sha256: string }[];
}

export interface LoadedConfig {
  path: string;
  scope: ConfigScope;
  data: ConfigFile;
  /** SHA-256 (hex) of the file's bytes, for trust. */
  sha256: string;
}

const STRING_KEYS = ['audit', 'agent', 'owner', 'keys'] as const;
const BOOL_KEYS = ['autoKeys', 'recordInput'] as const;
const KNOWN = [
  '$schema',
  'policy',
  'role',
  'dialect',
  ...STRING_KEYS,
  ...BOOL_KEYS,
  'lockTimeoutMs',
  'environment',
  'ship',
  'checkpoint',
  'pin',
  'trusted',
];

export function configProblems(json: unknown, scope: ConfigScope): Problem[] {
  const problems: Problem[] = [];
  const add = (p: string, expected: string, found: unknown) => problems.push({ path: p, expected, found: describe(found) });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    add('(root)', 'a JSON object', json);
    return problems;
  }
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KNOWN.includes(k)) add(k, `no such setting (known: ${KNOWN.filter((x) => x !== '$schema').join(', ')})`, o[k]);
  }
  if (o.$schema !== undefined && typeof o.$schema !== 'string') add('$schema', 'a string', o.$schema);
  if (o.policy !== undefined && !(POLICY_NAMES as readonly unknown[]).includes(o.policy))
    add('policy', `one of ${POLICY_NAMES.join(', ')}`, o.policy);
  if (o.role !== undefined && o.role !== null && (typeof o.role !== 'string' || o.role === ''))
    add('role', 'a role name, a path to a role file, or null', o.role);
  if (o.dialect !== undefined && !(DIALECTS as readonly unknown[]).includes(o.dialect))
    add('dialect', `one of ${DIALECTS.join(', ')}`, o.dialect);
  for (const k of STRING_KEYS) if (o[k] !== undefined && (typeof o[k] !== 'string' || o[k] === '')) add(k, 'a non-empty string', o[k]);
  for (const k of BOOL_KEYS) if (o[k] !== undefined && typeof o[k] !== 'boolean') add(k, 'true or false', o[k]);
  if (o.lockTimeoutMs !== undefined && !(Number.isInteger(o.lockTimeoutMs) && (o.lockTimeoutMs as number) > 0)) {
    add('lockTimeoutMs', 'a positive whole number of milliseconds', o.lockTimeoutMs);
  }
  if (o.environment !== undefined) {
    // Records carry it for auditors: the agent-writable project file must not relabel prod as dev.
    if (scope === 'project')
      add('environment', 'no "environment" here: it is set only in the user config or SEATBELT_ENVIRONMENT', o.environment);
    else if (!isEnvironment(o.environment)) add('environment', `one of ${ENVIRONMENTS.join(', ')}`, o.environment);
  }
  if (o.ship !== undefined) {
    // Where the trail goes is the operator's: an agent-written project file must not send it elsewhere.
    if (scope === 'project') add('ship', 'no "ship" here: the ledger is set only in the user config or SEATBELT_SHIP_URL', o.ship);
    else if (typeof o.ship !== 'string' || !/^postgres(ql)?:\/\/./.test(o.ship)) add('ship', 'a postgres://… URL', o.ship);
  }
  if (o.checkpoint !== undefined) {
    const c = o.checkpoint as Record<string, unknown> | null;
    const whole = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) > 0);
    if (scope === 'project') add('checkpoint', 'no "checkpoint" here: it is set only in the user config', o.checkpoint);
    else if (typeof c !== 'object' || c === null || Array.isArray(c) || Object.keys(c).some((k) => k !== 'every' && k !== 'seconds'))
      add('checkpoint', 'an object {"every": records, "seconds": seconds}', o.checkpoint);
    else {
      if (!whole(c.every)) add('checkpoint.every', 'a positive whole number of records', c.every);
      if (!whole(c.seconds)) add('checkpoint.seconds', 'a positive whole number of seconds', c.seconds);
    }
  }
  if (o.pin !== undefined) {
    // The project file is writable by the agent: a pin there would mean nothing, so it is an error.
    if (scope === 'project') add('pin', 'no "pin" here: pinning is honoured only in the user config ($SEATBELT_HOME/config.json)', o.pin);
    else if (typeof o.pin !== 'boolean') add('pin', 'true or false', o.pin);
  }
  if (o.trusted !== undefined) {
    if (scope === 'project') add('trusted', 'no "trusted" here: trust is recorded only in the user config (seatbelt trust)', o.trusted);
    else if (!Array.isArray(o.trusted)) add('trusted', 'a list of {"path", "sha256"}', o.trusted);
    else {
      o.trusted.forEach((t: unknown, i) => {
        const e = t as Record<string, unknown> | null;
        const ok = typeof e === 'object' && e !== null && !Array.isArray(e) && Object.keys(e).every((k) => k === 'path' || k === 'sha256');
        if (!ok || typeof e.path !== 'string' || !path.isAbsolute(e.path)) add(`trusted[${i}].path`, 'an absolute path', e?.path);
        if (!ok || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256))
          add(`trusted[${i}].sha256`, 'a SHA-256 in lower-case hex', e?.sha256);
      });
    }
  }
  return problems;
}

export function validateConfig(json: unknown, scope: ConfigScope, source: string): asserts json is ConfigFile {
  const problems = configProblems(json, scope);
  if (problems.length === 0) return;
  const n = problems.length;
  throw new SeatbeltError(
    'CONFIG',
    `${source} is not a valid seatbelt config (${n} problem${n === 1 ? '' : 's'}):\n${formatProblems(problems)}`,
  );
}

/** Reads and validates one config file; null when it does not exist. */
export function readConfig(file: string, scope: ConfigScope): LoadedConfig | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new SeatbeltError('CONFIG', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  validateConfig(json, scope, file);
  return { path: file, scope, data: json, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The project config for a working folder: the nearest `.seatbelt.json` from `cwd` upward. The
 * search stops after the first folder that holds `.git` (the repository root), the home folder,
 * or `/`, so a file above the project (say in /tmp) is never picked up by accident.
 */
export function findProjectConfig(cwd: string, homeDir: string): string | null {
  let dir = path.resolve(cwd);
  const home = path.resolve(homeDir);
  for (;;) {
    const candidate = path.join(dir, PROJECT_CONFIG);
    if (exists(candidate)) return candidate;
    if (exists(path.join(dir, '.git')) || dir === home) return null;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * Writes settings into a config file (creating it), validating the result first. Uses lowdb,
 * loaded only here: never on the path that decides.
 */
export async function updateConfig(file: string, scope: ConfigScope, patch: Partial<ConfigFile>): Promise<ConfigFile> {
  const current = readConfig(file, scope)?.data ?? {};
  const next: Record<string, unknown> = { ...current, ...patch };
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  validateConfig(next, scope, file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Low + JSONFile directly: the preset swaps in an in-memory adapter when NODE_ENV=test.
  const [{ Low }, { JSONFile }] = await Promise.all([import('lowdb'), import('lowdb/node')]);
  const db = new Low<ConfigFile>(new JSONFile<ConfigFile>(file), {});
  db.data = next as ConfigFile;
  await db.write();
  return db.data;
}
