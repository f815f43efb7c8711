// A role's own examples, run through the real analyser: every `match` must be allowed under
// strict_whitelist with this role, by this very rule; every `notMatch` must not be allowed by the
// role at all. A role whose examples fail does not load. The analyser is passed in (policy must
// not import the dispatcher: that would be a cycle, and keeps this testable).
import fs from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import { actionText, type Action, type Analysis, type AnalyzeContext, type Dialect } from '../../core/types.js';
import { applyPolicy } from '../apply.js';
import { POLICIES } from '../policies.js';
import { isSqlRule, type LoadedRole, type Role } from './role.js';
import { checkRole } from './check.js';
import { loadRole, type RoleLoadOptions } from './load.js';

export type AnalyzeFn = (action: Action, ctx: AnalyzeContext) => Promise<Analysis>;

/**
 * Where examples are judged: `./x` in an example is /home/user/project/x, `~` is /home/user. The
 * project is imagined: no file exists in it, so a script or SQL file an example runs is missing.
 */
export const EXAMPLE_CONTEXT: AnalyzeContext = {
  cwd: '/home/user/project',
  home: '/home/user',
  readFile: (path) => ({ refused: 'missing', reason: `${path} does not exist` }),
};

export interface ExampleResult {
  ruleId: string;
  kind: 'match' | 'notMatch';
  example: string;
  dialect?: Dialect;
  ok: boolean;
  /** What happened, in one line. */
  detail: string;
}

async function runOne(
  role: Role,
  ruleId: string,
  kind: 'match' | 'notMatch',
  action: Action,
  analyze: AnalyzeFn,
  ctx: AnalyzeContext,
): Promise<ExampleResult> {
  const example = actionText(action);
  const base = { ruleId, kind, example, ...(action.kind === 'sql' ? { dialect: action.dialect } : {}) };
  let analysis: Analysis;
  try {
    analysis = await analyze(action, ctx);
  } catch (err) {
    return { ...base, ok: false, detail: `the analyser failed: ${(err as Error).message}` };
  }
  if (kind === 'match') {
    const d = applyPolicy(analysis, POLICIES.strict_whitelist, role, { ctx });
    if (d.decision === 'block') {
      const b = d.blocking[0]!;
      return { ...base, ok: false, detail: `blocked by ${b.ruleId}: ${b.reason} [${b.evidence}]` };
    }
    const used = checkRole(role.file, analysis, ctx).used;
    if (!used.has(ruleId))
      return { ...base, ok: false, detail: `allowed, but not by rule ${ruleId} (by ${[...used].join(', ') || 'nothing'})` };
    return { ...base, ok: true, detail: `allowed by ${[...used].join(', ')}` };
  }
  const check = checkRole(role.file, analysis, ctx);
  if (check.misses.length === 0) return { ...base, ok: false, detail: `the role allows it (by ${[...check.used].join(', ')})` };
  const m = check.misses[0]!;
  return { ...base, ok: true, detail: `not allowed: ${m.why} [${m.evidence}]` };
}

/** Runs every example of every rule, in file order. */
export async function runRoleExamples(role: Role, analyze: AnalyzeFn, ctx: AnalyzeContext = EXAMPLE_CONTEXT): Promise<ExampleResult[]> {
  const out: ExampleResult[] = [];
  const defaultDialect: Dialect = role.file.dialect ?? 'postgresql';
  for (const rule of role.file.allow) {
    for (const kind of ['match', 'notMatch'] as const) {
      if (isSqlRule(rule)) {
        for (const e of rule[kind]) {
          const ex = typeof e === 'string' ? { sql: e } : e;
          out.push(await runOne(role, rule.id, kind, { kind: 'sql', sql: ex.sql, dialect: ex.dialect ?? defaultDialect }, analyze, ctx));
        }
      } else {
        for (const script of rule[kind]) out.push(await runOne(role, rule.id, kind, { kind: 'shell', script }, analyze, ctx));
      }
    }
  }
  return out;
}

export function formatExampleFailures(roleName: string, source: string, failed: ExampleResult[]): string {
  const lines = failed.map((r) => `  rule ${r.ruleId}, ${r.kind} ${JSON.stringify(r.example)}: ${r.detail}`);
  return `role ${roleName} (${source}) failed ${failed.length} of its examples:\n${lines.join('\n')}`;
}

export interface CheckedLoadOptions extends RoleLoadOptions {
  analyze: AnalyzeFn;
  ctx?: AnalyzeContext;
  /**
   * A folder remembering which role contents (by SHA-256) already passed their examples, so a
   * one-shot CLI does not pay for the parsers on every call. The marker only skips the examples
   * (a quality gate); the rules enforced are always the bytes just read.
   */
  passedCacheDir?: string;
}

/** Loads a role and runs its examples; a role whose examples fail does not load (CONFIG). */
export async function loadRoleChecked(nameOrPath: string, opts: CheckedLoadOptions): Promise<LoadedRole> {
  const role = loadRole(nameOrPath, opts);
  const marker = opts.passedCacheDir ? path.join(opts.passedCacheDir, `${role.ref.sha256}.passed`) : null;
  if (marker && fs.existsSync(marker)) return role;
  const failed = (await runRoleExamples(role, opts.analyze, opts.ctx)).filter((r) => !r.ok);
  if (failed.length) throw new SeatbeltError('CONFIG', formatExampleFailures(role.ref.name, role.path, failed));
  if (marker) {
    try {
      fs.mkdirSync(path.dirname(marker), { recursive: true });
      fs.writeFileSync(marker, `${role.ref.name}\n`);
    } catch {
      // Only a cache: failing to write it costs time next call, nothing else.
    }
  }
  return role;
}
