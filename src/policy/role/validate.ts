// Validates a role file at the boundary, collecting every bad field (path, expected, found) so an
// author fixes them all in one pass. Unknown keys are errors too: a misspelt `forbidFlag` that is
// silently ignored would be a hole in a whitelist.
import { SeatbeltError } from '../../core/error.js';
import type { SqlKind } from '../../core/ir.js';
import { DIALECTS } from '../../core/types.js';
import type { RoleFile } from './role.js';
import { isUrl } from './paths.js';

export interface Problem {
  path: string;
  expected: string;
  found: string;
}

export const SQL_KINDS: readonly SqlKind[] = [
  'select',
  'insert',
  'update',
  'delete',
  'merge',
  'truncate',
  'drop',
  'alter',
  'create',
  'grant',
  'revoke',
  'role',
  'copy',
  'call',
  'pragma',
  'set',
  'transaction',
  'explain',
  'show',
  'other',
];

const ROOT_KEYS = ['$schema', 'name', 'description', 'dialect', 'allow'];
const COMMAND_KEYS = [
  'id',
  'description',
  'command',
  'subcommands',
  'valueOptions',
  'allowFlags',
  'forbidFlags',
  'paths',
  'forbidArgs',
  'outputRedirects',
  'stdin',
  'env',
  'wrappers',
  'dynamicArgs',
  'match',
  'notMatch',
];
const SQL_RULE_KEYS = ['id', 'description', 'sql', 'match', 'notMatch'];
const SQL_KEYS = ['kinds', 'tables', 'requireWhere'];

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const COMMAND_NAME = /^[^\s/]+$/;
const FLAG = /^--?[^\s=-][^\s=]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;
const TABLE = /^[A-Za-z0-9_.*$"-]+$/;

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A role path: absolute, `~`, `./` (the guard's working folder), or a URL prefix; never `..`. */
export function isValidRolePath(p: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i.test(p)) return !/(^|\/)\.\.(\/|$)/.test(p.replace(/^[a-z0-9+.-]+:\/\//i, ''));
  if (!(p.startsWith('/') || p === '~' || p.startsWith('~/') || p === '.' || p.startsWith('./'))) return false;
  return !p.split('/').includes('..');
}

class Collector {
  readonly problems: Problem[] = [];
  add(path: string, expected: string, found: unknown): void {
    this.problems.push({ path, expected, found: describe(found) });
  }
  keys(path: string, o: Record<string, unknown>, allowed: string[]): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) this.add(`${path}.${k}`, `no such field (known: ${allowed.join(', ')})`, o[k]);
  }
  stringList(
    path: string,
    v: unknown,
    what: string,
    ok: (s: string) => boolean,
    opts: { optional?: boolean; nonEmpty?: boolean } = {},
  ): void {
    if (v === undefined && opts.optional) return;
    if (!Array.isArray(v)) return this.add(path, `an array of ${what}`, v);
    if (opts.nonEmpty && v.length === 0) this.add(path, `at least one ${what}`, v);
    v.forEach((s, i) => {
      if (typeof s !== 'string' || !ok(s)) this.add(`${path}[${i}]`, what, s);
    });
  }
  bool(path: string, v: unknown): void {
    if (v !== undefined && typeof v !== 'boolean') this.add(path, 'true or false', v);
  }
}

function checkCommandRule(c: Collector, p: string, r: Record<string, unknown>): void {
  c.keys(p, r, COMMAND_KEYS);
  const cmd = r.command;
  const program = (s: string) => COMMAND_NAME.test(s) || (isValidRolePath(s) && !isUrl(s) && !/\s/.test(s) && s !== '.' && s !== '~');
  const what = 'a command name ("git") or a program path ("./gradlew", "/opt/tool/bin/x")';
  if (typeof cmd === 'string') {
    if (!program(cmd)) c.add(`${p}.command`, what, cmd);
  } else c.stringList(`${p}.command`, cmd, what, program, { nonEmpty: true });
  c.stringList(
    `${p}.subcommands`,
    r.subcommands,
    'a subcommand path of one or more words ("get", "s3 ls")',
    (s) => s.trim() !== '' && s === s.trim(),
    { optional: true, nonEmpty: true },
  );
  c.stringList(`${p}.valueOptions`, r.valueOptions, 'an option spelling like "-n" or "--namespace"', (s) => FLAG.test(s), {
    optional: true,
  });
  c.stringList(`${p}.allowFlags`, r.allowFlags, 'a flag spelling like "-l" or "--long"', (s) => FLAG.test(s), { optional: true });
  c.stringList(`${p}.forbidFlags`, r.forbidFlags, 'a flag spelling like "-f" or "--force"', (s) => FLAG.test(s), {
    optional: true,
    nonEmpty: true,
  });
  if (Array.isArray(r.allowFlags) && Array.isArray(r.forbidFlags)) {
    for (const f of r.forbidFlags) if (r.allowFlags.includes(f)) c.add(`${p}.allowFlags`, `no flag that is also in forbidFlags`, f);
  }
  c.stringList(
    `${p}.paths`,
    r.paths,
    'a folder ("/var/log", "~/data", "./build") or URL prefix ("s3://bucket/") without ".."',
    isValidRolePath,
    { optional: true, nonEmpty: true },
  );
  c.stringList(`${p}.forbidArgs`, r.forbidArgs, 'an argument pattern ("secret*")', (s) => s !== '', { optional: true, nonEmpty: true });
  c.bool(`${p}.outputRedirects`, r.outputRedirects);
  c.bool(`${p}.stdin`, r.stdin);
  c.bool(`${p}.dynamicArgs`, r.dynamicArgs);
  c.stringList(`${p}.env`, r.env, 'a variable name, optionally ending in * ("LC_*")', (s) => ENV_NAME.test(s), { optional: true });
  c.stringList(`${p}.wrappers`, r.wrappers, 'a wrapper name ("sudo", "xargs")', (s) => COMMAND_NAME.test(s), { optional: true });
  for (const k of ['match', 'notMatch'] as const) {
    c.stringList(`${p}.${k}`, r[k], 'a non-empty shell script', (s) => s.trim() !== '', { nonEmpty: true });
  }
}

function checkSqlExample(c: Collector, path: string, e: unknown): void {
  if (typeof e === 'string') {
    if (e.trim() === '') c.add(path, 'a non-empty SQL text', e);
    return;
  }
  if (!isObject(e)) return c.add(path, 'a SQL text or {"sql": "...", "dialect": "..."}', e);
  c.keys(path, e, ['sql', 'dialect']);
  if (typeof e.sql !== 'string' || e.sql.trim() === '') c.add(`${path}.sql`, 'a non-empty SQL text', e.sql);
  if (e.dialect !== undefined && !(DIALECTS as readonly unknown[]).includes(e.dialect))
    c.add(`${path}.dialect`, `one of ${DIALECTS.join(', ')}`, e.dialect);
}

function checkSqlRule(c: Collector, p: string, r: Record<string, unknown>): void {
  c.keys(p, r, SQL_RULE_KEYS);
  const s = r.sql;
  if (!isObject(s)) c.add(`${p}.sql`, 'an object with "kinds" (and optionally "tables", "requireWhere")', s);
  else {
    c.keys(`${p}.sql`, s, SQL_KEYS);
    c.stringList(
      `${p}.sql.kinds`,
      s.kinds,
      `a statement kind (${SQL_KINDS.join(', ')})`,
      (k) => (SQL_KINDS as readonly string[]).includes(k),
      { nonEmpty: true },
    );
    c.stringList(`${p}.sql.tables`, s.tables, 'a table pattern ("orders", "analytics.*")', (t) => TABLE.test(t), {
      optional: true,
      nonEmpty: true,
    });
    c.bool(`${p}.sql.requireWhere`, s.requireWhere);
  }
  for (const k of ['match', 'notMatch'] as const) {
    const list = r[k];
    if (!Array.isArray(list) || list.length === 0) c.add(`${p}.${k}`, 'a non-empty array of SQL examples', list);
    else list.forEach((e, i) => checkSqlExample(c, `${p}.${k}[${i}]`, e));
  }
}

/** All problems of a role document; empty when it is valid. */
export function roleProblems(json: unknown): Problem[] {
  const c = new Collector();
  if (!isObject(json)) {
    c.add('(root)', 'a JSON object', json);
    return c.problems;
  }
  c.keys('(root)', json, ROOT_KEYS);
  if (json.$schema !== undefined && typeof json.$schema !== 'string') c.add('$schema', 'a string', json.$schema);
  if (typeof json.name !== 'string' || !NAME.test(json.name)) c.add('name', 'a name of lower-case letters, digits, "_" or "-"', json.name);
  if (typeof json.description !== 'string' || json.description.trim() === '') c.add('description', 'a non-empty string', json.description);
  if (json.dialect !== undefined && !(DIALECTS as readonly unknown[]).includes(json.dialect))
    c.add('dialect', `one of ${DIALECTS.join(', ')}`, json.dialect);
  if (!Array.isArray(json.allow) || json.allow.length === 0) {
    c.add('allow', 'a non-empty array of allow rules', json.allow);
    return c.problems;
  }
  const seen = new Map<string, number>();
  json.allow.forEach((r: unknown, i: number) => {
    const p = `allow[${i}]`;
    if (!isObject(r)) return c.add(p, 'an allow rule object', r);
    if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) c.add(`${p}.id`, 'a rule id like "git.read"', r.id);
    else if (seen.has(r.id)) c.add(`${p}.id`, `an id not already used by allow[${seen.get(r.id)}]`, r.id);
    else seen.set(r.id, i);
    if (r.description !== undefined && typeof r.description !== 'string') c.add(`${p}.description`, 'a string', r.description);
    const isCmd = 'command' in r;
    const isSql = 'sql' in r;
    if (isCmd === isSql) return c.add(p, 'exactly one of "command" or "sql"', isCmd ? 'both' : 'neither');
    if (isCmd) checkCommandRule(c, p, r);
    else checkSqlRule(c, p, r);
  });
  return c.problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  ${p.path}: expected ${p.expected}, found ${p.found}`).join('\n');
}

/** Asserts a role document is valid; otherwise throws CONFIG naming every bad field at once. */
export function validateRole(json: unknown, source = 'role'): asserts json is RoleFile {
  const problems = roleProblems(json);
  if (problems.length === 0) return;
  const n = problems.length;
  throw new SeatbeltError('CONFIG', `${source} is not a valid role (${n} problem${n === 1 ? '' : 's'}):\n${formatProblems(problems)}`);
}
