// createGuard's options: the library's "flags" layer of the settings (flags > environment >
// project > user > defaults, with pinning), checked once here, every bad field named at once.
import { statSync } from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { DIALECTS, type Dialect } from '../core/types.js';
import { POLICY_NAMES, type PolicyName } from '../policy/policies.js';
import { normalizeRole } from '../policy/settings.js';
import type { SessionOptions } from '../adapters/session.js';

export interface GuardOptions {
  /** The policy, unless the operator pinned another (then decisions block as a pin violation). */
  policy?: PolicyName;
  /** A shipped role name, a path to a role file, or null for none. */
  role?: string | null;
  /** The audit file (default: `<home>/audit.jsonl`). Relative paths are relative to `cwd`. */
  audit?: string;
  /** seatbelt's home: user config, keys and the default audit file (like SEATBELT_HOME). */
  home?: string;
  /** The human who owns what the agent does, e.g. `human:alice`. */
  owner?: string;
  /** The agent's id, recorded in the trail. */
  agent?: string;
  /** A session id, recorded in the trail. */
  session?: string;
  /** The folder commands run in and paths are judged against (default: process.cwd()). */
  cwd?: string;
  /** The dialect of SQL actions that do not name one. */
  dialect?: Dialect;
  /** Store the input (secrets redacted) in the trail, not only its digest. */
  recordInput?: boolean;
  /** Create a signing key when none exists (default true). */
  autoKeys?: boolean;
}

/** createGuard was given options it cannot use. `problems` names each bad field. */
export class GuardOptionsError extends SeatbeltError {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super('USAGE', `createGuard: invalid options:\n  ${problems.join('\n  ')}`);
    this.name = 'GuardOptionsError';
    this.problems = problems;
  }
}

const STRING_FIELDS = ['audit', 'home', 'owner', 'agent', 'session', 'cwd'] as const;
const BOOLEAN_FIELDS = ['recordInput', 'autoKeys'] as const;
const KNOWN = new Set<string>(['policy', 'role', 'dialect', ...STRING_FIELDS, ...BOOLEAN_FIELDS]);

/** Throws GuardOptionsError naming every bad field; returns the session's options. */
export function sessionOptionsFrom(input: unknown): SessionOptions {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new GuardOptionsError([`expected an object, found ${describe(input)}`]);
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) problems.push(`${k}: unknown option (known: ${[...KNOWN].join(', ')})`);
  const given = (k: string) => o[k] !== undefined;
  for (const k of STRING_FIELDS)
    if (given(k) && (typeof o[k] !== 'string' || o[k] === '')) problems.push(`${k}: expected a non-empty string, found ${describe(o[k])}`);
  for (const k of BOOLEAN_FIELDS)
    if (given(k) && typeof o[k] !== 'boolean') problems.push(`${k}: expected true or false, found ${describe(o[k])}`);
  if (given('policy') && !(POLICY_NAMES as readonly unknown[]).includes(o.policy))
    problems.push(`policy: expected one of ${POLICY_NAMES.join(', ')}, found ${describe(o.policy)}`);
  if (given('dialect') && !(DIALECTS as readonly unknown[]).includes(o.dialect))
    problems.push(`dialect: expected one of ${DIALECTS.join(', ')}, found ${describe(o.dialect)}`);
  if (given('role')) {
    if (o.role !== null && typeof o.role !== 'string')
      problems.push(`role: expected a role name, a path or null, found ${describe(o.role)}`);
    else normalizeRole(o.role as string | null, process.cwd(), 'role', problems);
  }
  if (typeof o.cwd === 'string' && o.cwd !== '' && !isFolder(o.cwd)) problems.push(`cwd: ${JSON.stringify(o.cwd)} is not a folder`);
  if (problems.length) throw new GuardOptionsError(problems);

  const out: SessionOptions = {};
  if (typeof o.cwd === 'string') out.cwd = path.resolve(o.cwd);
  if (o.policy !== undefined) out.policy = o.policy as string;
  // `none` is the settings' word for "no role", as `--role none` on the command line.
  if (o.role !== undefined) out.role = o.role === null ? 'none' : (o.role as string);
  for (const k of ['audit', 'home', 'owner', 'agent', 'session'] as const) if (o[k] !== undefined) out[k] = o[k] as string;
  if (o.dialect !== undefined) out.dialect = o.dialect as string;
  if (o.recordInput !== undefined) out.recordInput = o.recordInput as boolean;
  if (o.autoKeys !== undefined) out.autoKeys = o.autoKeys as boolean;
  return out;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
