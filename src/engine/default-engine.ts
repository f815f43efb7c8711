// The default engine: routes an action to the shell or SQL analyser, hands SQL embedded in shell
// commands to the SQL analyser, and turns any internal failure into a refusal (fail closed).
// Parsers are loaded lazily inside the analysers: argv without nested scripts never loads tree-sitter.
import type { Action, Analysis, AnalyzeContext, Analyzer, RuleMatch } from '../core/types.js';
import type { ShellIr, SqlStatement } from '../core/ir.js';
import { shellIrFromArgv, shellIrFromScript } from '../analyze/shell/index.js';
import { analyzeSql, sqlWrites } from '../analyze/sql/index.js';
import { evaluateShell } from '../rules/shell/index.js';
import { commandWrites } from '../rules/shell/writes.js';
import { clientMetaOf, clientOf, splitClientMeta } from '../rules/shell/sql-meta.js';
import { redactSecrets } from '../audit/redact.js';
import { invalidCharacterMatch } from '../analyze/input-check.js';
import { evaluateToolCall } from '../rules/tool/index.js';

export const defaultAnalyzer: Analyzer = {
  async analyze(action: Action, ctx: AnalyzeContext): Promise<Analysis> {
    const invalid = invalidCharacterMatch(action);
    if (invalid) return { action, matches: [invalid], writes: true };
    // A tool call with no command inside cannot be known to only read.
    if (action.kind === 'tool') return { action, matches: evaluateToolCall(action), writes: true };
    try {
      return action.kind === 'sql' ? await analyzeSqlAction(action) : await analyzeShellAction(action, ctx);
    } catch (err) {
      return { action, matches: [internalError(err)], writes: true };
    }
  },
};

async function analyzeSqlAction(action: Extract<Action, { kind: 'sql' }>): Promise<Analysis> {
  const { statements, matches } = await analyzeSql(action.sql, action.dialect);
  return { action, matches, sql: statements, writes: sqlWrites(statements) };
}

async function analyzeShellAction(action: Extract<Action, { kind: 'argv' | 'shell' }>, ctx: AnalyzeContext): Promise<Analysis> {
  const ir = action.kind === 'argv' ? await shellIrFromArgv(action.argv, ctx) : await shellIrFromScript(action.script, ctx);
  const matches = evaluateShell(ir, ctx);
  const sql: SqlStatement[] = [];
  matches.push(...(await embeddedSqlMatches(ir, sql)));
  // A client command that writes files or runs a shell (`\copy … to`, `.shell`) writes.
  const writes =
    ir.commands.some(commandWrites) || sqlWrites(sql) || ir.commands.some((c) => clientMetaOf(c, ir).some((m) => m.effect !== 'none'));
  return { action, matches, shell: ir, ...(sql.length ? { sql } : {}), writes };
}

/** SQL given to database clients inside the shell goes through the same SQL analyser. */
async function embeddedSqlMatches(ir: ShellIr, into: SqlStatement[]): Promise<RuleMatch[]> {
  const out: RuleMatch[] = [];
  for (const e of ir.embeddedSql) {
    const cmd = ir.commands[e.commandId];
    const evidence = redactSecrets(cmd?.text ?? '');
    if (e.dialect === null) {
      out.push({
        ruleId: 'databases.unknown_sql_client',
        class: 'fail_closed',
        risk: 'HIGH',
        reason: 'SQL given to a client whose dialect is unknown cannot be judged',
        remediation: 'use psql, mysql, sqlite3, sqlcmd or bq, or run the query through `seatbelt sql --dialect …`',
        evidence,
      });
    } else if (e.sql === null) {
      out.push({
        ruleId: 'databases.dynamic_sql',
        class: 'fail_closed',
        risk: 'HIGH',
        reason: 'SQL built at run time (variables or substitutions) cannot be judged',
        remediation: 'pass the query as a literal string',
        evidence,
      });
    } else {
      // Client commands (`\dt`, `.tables`, `\G`) never reach the server: the shell rules judge them.
      const client = clientOf(cmd?.name.value ?? '');
      const split = client ? splitClientMeta(client, e.sql) : { sql: e.sql, meta: [] };
      if (split.meta.some((m) => m.effect === 'dynamic_sql')) {
        out.push({
          ruleId: 'databases.dynamic_sql',
          class: 'fail_closed',
          risk: 'HIGH',
          reason: 'query results executed as SQL (\\gexec) cannot be judged',
          remediation: 'write the statements out literally',
          evidence,
        });
      }
      if (split.sql.trim() === '') continue;
      const r = await analyzeSql(split.sql, e.dialect);
      into.push(...r.statements);
      out.push(...r.matches.map((m) => ({ ...m, evidence: `${m.evidence} (in: ${evidence})` })));
    }
  }
  return out;
}

function internalError(err: unknown): RuleMatch {
  return {
    ruleId: 'internal.analysis_failed',
    class: 'fail_closed',
    risk: 'CRITICAL',
    reason: `the analysis failed, so the action cannot be judged: ${err instanceof Error ? err.message : String(err)}`,
    remediation: 'report this input to the seatbelt maintainers; meanwhile run the action by hand if it is safe',
    evidence: '',
  };
}
