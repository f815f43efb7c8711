// Hand-built IR and analyses for policy tests: no parser needed.
import type { SimpleCommand, SqlStatement, Word } from '../../src/core/ir.js';
import type { Action, Analysis, MatchClass, Risk, RuleMatch } from '../../src/core/types.js';
import { isFailClosed, isGuardFinding } from '../../src/policy/findings.js';
import type { Role, RoleFile } from '../../src/policy/role/role.js';

export const w = (value: string, opts: { static?: boolean; raw?: string } = {}): Word => ({
  value,
  static: opts.static ?? true,
  raw: opts.raw ?? value,
});

export function cmd(text: string, extra: Partial<SimpleCommand> = {}): SimpleCommand {
  const [name, ...args] = text.split(/\s+/);
  return {
    id: 0,
    name: w(name!),
    args: args.map((a) => w(a)),
    assignments: [],
    redirects: [],
    context: [],
    wrappers: [],
    cwd: '/home/user/project',
    text,
    ...extra,
  };
}

export function shellAnalysis(commands: SimpleCommand[], matches: RuleMatch[] = [], writes = false): Analysis {
  const action: Action = { kind: 'shell', script: commands.map((c) => c.text).join('; ') };
  return {
    action,
    matches,
    shell: { commands: commands.map((c, i) => ({ ...c, id: i })), functions: [], embeddedSql: [], undecidable: [] },
    writes,
  };
}

export function stmt(kind: SqlStatement['kind'], targets: string[], extra: Partial<SqlStatement> = {}): SqlStatement {
  return {
    kind,
    targets,
    hasWhere: false,
    whereTautology: false,
    hasLimit: false,
    nested: [],
    dynamic: false,
    facts: {},
    text: `${kind} ${targets.join(',')}`,
    ...extra,
  };
}

export function sqlAnalysis(stmts: SqlStatement[], matches: RuleMatch[] = [], writes = false): Analysis {
  return { action: { kind: 'sql', sql: stmts.map((s) => s.text).join('; '), dialect: 'postgresql' }, matches, sql: stmts, writes };
}

/** A hand-made match; its class is what the producer of that id would give it. */
export function match(ruleId: string, risk: Risk, evidence = 'x', cls: MatchClass = classOf(ruleId)): RuleMatch {
  return { ruleId, class: cls, risk, reason: `reason of ${ruleId}`, remediation: `fix ${ruleId}`, evidence };
}

function classOf(ruleId: string): MatchClass {
  if (isGuardFinding(ruleId)) return 'guard';
  return isFailClosed(ruleId) ? 'fail_closed' : 'rule';
}

export function role(file: RoleFile): Role {
  return { ref: { name: file.name, sha256: '0'.repeat(64) }, file };
}

export const CTX = { cwd: '/home/user/project', home: '/home/user' };
