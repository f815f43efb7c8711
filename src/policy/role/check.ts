// A role as a whitelist over a whole analysis: the action is allowed only if EVERY simple command
// (pipeline stages, list members, substitutions, function bodies, nested scripts) and EVERY SQL
// statement (nested ones included) is allowed by some rule. `ls; rm -rf ~` is not `ls`.
import type { SimpleCommand, SqlStatement } from '../../core/ir.js';
import { actionText as fullText, type Analysis } from '../../core/types.js';
import { isSqlRule, type RoleFile, type SqlAllowRule } from './role.js';
import { commandNames, globMatch, matchCommandRule } from './match.js';
import path from 'node:path';
import { normalizePath } from '../../analyze/shell/paths.js';
import { resolveRoleFolder, samePath, type PathContext } from './paths.js';

export interface RoleMiss {
  /** The command or statement text. */
  evidence: string;
  /** One line: why no rule allows it. */
  why: string;
}

export interface RoleCheck {
  misses: RoleMiss[];
  /** Ids of the rules that allowed something. */
  used: Set<string>;
}

/** Where installed programs live: `/usr/bin/ls` is `ls`; `./ls` or `/tmp/x/ls` is some other program. */
const SYSTEM_BIN = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/opt/homebrew/bin'];

/**
 * How a rule may name the program a command runs: by its bare name when the command was spelled
 * bare or from a system folder; by its path (`./gradlew`) when it was spelled with a path elsewhere.
 * The IR keeps the basename (`./ls` → `ls`) for the blocklist; a whitelist must not.
 */
function programKey(cmd: SimpleCommand, ctx: PathContext | undefined): { bare: string } | { path: string | null } {
  const spelled = cmd.name.raw.replace(/["'\\]/g, '');
  if (!spelled.includes('/')) return { bare: cmd.name.value };
  const abs = ctx ? normalizePath(spelled, cmd.cwd, ctx.home) : spelled.startsWith('/') ? normalizePath(spelled, null, '/') : null;
  if (abs !== null && SYSTEM_BIN.includes(path.posix.dirname(abs))) return { bare: cmd.name.value };
  return { path: abs };
}

function ruleNamesProgram(names: string[], key: ReturnType<typeof programKey>, ctx: PathContext | undefined): boolean {
  if ('bare' in key) return names.includes(key.bare);
  if (key.path === null || !ctx) return false;
  return names.some((n) => n.includes('/') && samePath(resolveRoleFolder(n, ctx), key.path!));
}

export function checkCommand(role: RoleFile, cmd: SimpleCommand, ctx: PathContext | undefined): { ruleId: string } | { why: string } {
  if (!cmd.name.static) return { why: `the command name ${JSON.stringify(cmd.name.raw)} is dynamic` };
  const name = cmd.name.value;
  if (name === '' && cmd.args.length === 0) {
    // `PATH=/tmp/x:$PATH; ls` would change what later commands run: a whitelist cannot follow that.
    return {
      why: `the assignment ${cmd.assignments.map((a) => `${a.name}=…`).join(' ') || cmd.text} changes shell variables for what follows`,
    };
  }
  const key = programKey(cmd, ctx);
  const reasons: string[] = [];
  for (const rule of role.allow) {
    if (isSqlRule(rule) || !ruleNamesProgram(commandNames(rule), key, ctx)) continue;
    const why = matchCommandRule(rule, cmd, ctx);
    if (why === null) return { ruleId: rule.id };
    reasons.push(`rule ${rule.id}: ${why}`);
  }
  if (reasons.length === 0) {
    if ('path' in key)
      return {
        why: `role ${role.name} does not allow the program ${key.path ?? cmd.name.raw} (run by its path, not the installed "${name}")`,
      };
    return { why: `role ${role.name} does not allow the command "${name}"` };
  }
  return { why: reasons.slice(0, 2).join('; ') };
}

function tableMatches(pattern: string, target: string): boolean {
  const p = pattern.toLowerCase().replace(/"/g, '');
  const t = target.toLowerCase().replace(/"/g, '');
  if (p.includes('.')) return globMatch(p, t);
  // An unqualified pattern names the table in any schema.
  return globMatch(p, t.split('.').pop() ?? t);
}

export function matchSqlRule(rule: SqlAllowRule, stmt: SqlStatement): string | null {
  if (stmt.dynamic) return 'it runs dynamic SQL that cannot be decided';
  if (!rule.sql.kinds.includes(stmt.kind)) return `statement kind ${stmt.kind} is not one of: ${rule.sql.kinds.join(', ')}`;
  const tables = rule.sql.tables;
  if (tables) {
    const bad = stmt.targets.find((t) => !tables.some((p) => tableMatches(p, t)));
    if (bad !== undefined) return `table ${bad} is not one of: ${tables.join(', ')}`;
  }
  if (rule.sql.requireWhere && (stmt.kind === 'update' || stmt.kind === 'delete') && (!stmt.hasWhere || stmt.whereTautology)) {
    return `${stmt.kind.toUpperCase()} needs a WHERE that is not always true`;
  }
  return null;
}

export function checkStatement(role: RoleFile, stmt: SqlStatement, used?: Set<string>): { ruleId: string } | { why: string } {
  const reasons: string[] = [];
  let allowedBy: string | null = null;
  for (const rule of role.allow) {
    if (!isSqlRule(rule)) continue;
    const why = matchSqlRule(rule, stmt);
    if (why === null) {
      allowedBy = rule.id;
      break;
    }
    reasons.push(`rule ${rule.id}: ${why}`);
  }
  if (allowedBy === null) {
    return { why: reasons.length ? reasons.slice(0, 2).join('; ') : `role ${role.name} allows no SQL` };
  }
  for (const n of stmt.nested) {
    const v = checkStatement(role, n, used);
    if ('why' in v) return { why: `its nested statement ${n.text}: ${v.why}` };
  }
  used?.add(allowedBy);
  return { ruleId: allowedBy };
}

export function checkRole(role: RoleFile, analysis: Analysis, ctx: PathContext | undefined): RoleCheck {
  const misses: RoleMiss[] = [];
  const used = new Set<string>();
  const { action, shell, sql } = analysis;
  if (action.kind !== 'sql') {
    if (action.kind === 'tool')
      misses.push({ evidence: actionText(analysis), why: 'a role allows commands and SQL; a tool call with no command inside is neither' });
    else if (!shell)
      misses.push({ evidence: actionText(analysis), why: 'the action was not analysed into commands, so no rule can allow it' });
    else {
      for (const cmd of shell.commands) {
        const v = checkCommand(role, cmd, ctx);
        if ('why' in v) misses.push({ evidence: cmd.text, why: v.why });
        else used.add(v.ruleId);
      }
      for (const u of shell.undecidable) misses.push({ evidence: u.evidence, why: u.reason });
      for (const e of shell.embeddedSql) {
        if (e.sql === null || e.dialect === null)
          misses.push({ evidence: shell.commands[e.commandId]?.text ?? '(embedded SQL)', why: 'its SQL cannot be decided statically' });
      }
    }
  }
  if (sql) {
    for (const stmt of sql) {
      const v = checkStatement(role, stmt, used);
      if ('why' in v) misses.push({ evidence: stmt.text, why: v.why });
    }
  } else if (action.kind === 'sql') {
    misses.push({ evidence: actionText(analysis), why: 'the SQL was not analysed into statements, so no rule can allow it' });
  }
  return { misses, used };
}

function actionText(analysis: Analysis): string {
  return fullText(analysis.action);
}
