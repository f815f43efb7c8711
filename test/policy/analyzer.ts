// The analyser the role tests use: the real dispatcher once it produces IR; until then the same
// pieces wired the same way (shell IR + shell rules, SQL IR + SQL rules, embedded SQL, writes).
import { defaultAnalyzer } from '../../src/analyze/index.js';
import { shellIrFromArgv, shellIrFromScript } from '../../src/analyze/shell/index.js';
import { analyzeSql, sqlWrites } from '../../src/analyze/sql/index.js';
import type { SqlStatement } from '../../src/core/ir.js';
import type { Action, Analysis, AnalyzeContext, RuleMatch } from '../../src/core/types.js';
import { commandWrites, evaluateShell } from '../../src/rules/shell/index.js';

export async function analyze(action: Action, ctx: AnalyzeContext): Promise<Analysis> {
  const real = await defaultAnalyzer.analyze(action, ctx);
  if (real.shell || real.sql) return real;
  if (action.kind === 'sql') {
    const a = await analyzeSql(action.sql, action.dialect);
    return { action, matches: a.matches, sql: a.statements, writes: sqlWrites(a.statements) };
  }
  const ir = action.kind === 'shell' ? await shellIrFromScript(action.script, ctx) : await shellIrFromArgv(action.argv, ctx);
  const matches: RuleMatch[] = evaluateShell(ir, ctx);
  const sql: SqlStatement[] = [];
  for (const e of ir.embeddedSql) {
    if (e.sql === null || e.dialect === null) continue;
    const a = await analyzeSql(e.sql, e.dialect);
    matches.push(...a.matches);
    sql.push(...a.statements);
  }
  return { action, matches, shell: ir, sql, writes: ir.commands.some(commandWrites) || sqlWrites(sql) };
}
