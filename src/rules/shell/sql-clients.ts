// SQL given to database clients the IR does not hand to the SQL analyser (cqlsh, clickhouse,
// snowsql, trino, usql, …): anything but a plain read is treated as a change (conservative), and
// SQL read from a file, which no dialect can judge, is refused.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { stdinText } from './links.js';
import { nameOf } from './programs.js';

/**
 * Query options of SQL-speaking clients the IR does not hand to the SQL analyser (it covers psql,
 * mysql, sqlite3, sqlcmd, bq, and through the catalogue duckdb, cockroach, mycli, litecli, pgcli,
 * mysqlsh): their SQL is judged conservatively here.
 */
const UNKNOWN_SQL_CLIENTS: Record<string, string[]> = {
  cqlsh: ['-e', '--execute'],
  'clickhouse-client': ['-q', '--query'],
  'clickhouse-local': ['-q', '--query'],
  clickhouse: ['-q', '--query'],
  snowsql: ['-q', '--query'],
  influx: ['-execute'],
  trino: ['--execute'],
  presto: ['--execute'],
  'spark-sql': ['-e'],
  hive: ['-e'],
  beeline: ['-e'],
  usql: ['-c', '--command'],
  vsql: ['-c', '--command'],
  sqlplus: [],
  isql: [],
  db2: [],
};

/** Options of those clients that run SQL from a file: not judged, so refused. */
const FILE_OPTIONS: Record<string, string[]> = {
  cqlsh: ['-f', '--file'],
  'clickhouse-client': ['--queries-file'],
  'clickhouse-local': ['--queries-file'],
  clickhouse: ['--queries-file'],
  snowsql: ['-f', '--filename'],
  trino: ['-f', '--file'],
  presto: ['-f', '--file'],
  'spark-sql': ['-f'],
  hive: ['-f'],
  beeline: ['-f'],
  usql: ['-f', '--file'],
  vsql: ['-f', '--file'],
};

const READ_STATEMENT = /^\s*(select|show|describe|desc|explain|use|values|list|help|exit|quit|\\q)\b/i;

/** The SQL texts given to an unknown client: query options, duckdb's positional SQL, stdin. */
function unknownClientSql(cmd: SimpleCommand, ir: ShellIr): { texts: string[]; dynamic: boolean } | undefined {
  const n = nameOf(cmd);
  const opts = UNKNOWN_SQL_CLIENTS[n];
  if (!opts) return undefined;
  const texts: string[] = [];
  let dynamic = false;
  cmd.args.forEach((w, i) => {
    const prev = cmd.args[i - 1];
    const eq = opts.find((o) => o.startsWith('--') && w.value.startsWith(`${o}=`));
    const glued = opts.find((o) => /^-[a-z]$/.test(o) && w.value.startsWith(o) && w.value.length > 2 && !w.value.startsWith('--'));
    const given = prev && opts.includes(prev.value) ? w.value : eq ? w.value.slice(eq.length + 1) : glued ? w.value.slice(2) : undefined;
    if (given === undefined) return;
    texts.push(given);
    if (!w.static) dynamic = true;
  });
  texts.push(...stdinText(cmd, ir));
  // SQL from a file (`-f x.cql`, `< x.sql`, `cat x.sql |`): no dialect reads it.
  const files = FILE_OPTIONS[n] ?? [];
  if (cmd.args.some((w) => files.includes(w.value) || files.some((o) => o.startsWith('--') && w.value.startsWith(`${o}=`)))) dynamic = true;
  if (cmd.redirects.some((r) => (r.fd === undefined || r.fd === '0') && (r.op === '<' || r.op === '<&'))) dynamic = true;
  if (cmd.pipeline && cmd.pipeline.stage > 0 && !stdinText(cmd, ir).length) dynamic = true;
  return { texts, dynamic };
}

export function unknownClientChanges(cmd: SimpleCommand, ir: ShellIr): boolean {
  const q = unknownClientSql(cmd, ir);
  if (!q) return false;
  if (q.dynamic) return true;
  const statements = q.texts
    .flatMap((t) => t.split(';'))
    .map((t) => t.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim())
    .filter(Boolean);
  return statements.some((st) => !READ_STATEMENT.test(st));
}
