// SQL given to database clients the IR does not hand to the SQL analyser (cqlsh, clickhouse,
// snowsql, duckdb, trino, …): anything but a plain read is treated as a change (conservative).
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { stdinText } from './links.js';
import { nameOf } from './programs.js';

/**
 * Query options of SQL-speaking clients the IR does not hand to the SQL analyser (it covers psql,
 * mysql, sqlite3, sqlcmd, bq …): their SQL is judged conservatively here.
 */
const UNKNOWN_SQL_CLIENTS: Record<string, string[]> = {
  cqlsh: ['-e', '--execute'],
  'clickhouse-client': ['-q', '--query'],
  'clickhouse-local': ['-q', '--query'],
  clickhouse: ['-q', '--query'],
  snowsql: ['-q', '--query'],
  duckdb: ['-c', '-s'],
  influx: ['-execute'],
  trino: ['--execute'],
  presto: ['--execute'],
  'spark-sql': ['-e'],
  hive: ['-e'],
  beeline: ['-e'],
  cockroach: ['-e', '--execute'],
  mycli: ['-e', '--execute'],
  litecli: ['-e', '--execute'],
  pgcli: [],
  usql: ['-c', '--command'],
  vsql: ['-c', '--command'],
  sqlplus: [],
  isql: [],
  'db2': [],
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
  // `duckdb file.db "SQL"`: the SQL is the operand after the database.
  if (n === 'duckdb') {
    const ops = cmd.args.filter((w, i) => !w.value.startsWith('-') && !opts.includes(cmd.args[i - 1]?.value ?? ''));
    for (const w of ops.slice(1)) {
      texts.push(w.value);
      if (!w.static) dynamic = true;
    }
  }
  texts.push(...stdinText(cmd, ir));
  return { texts, dynamic };
}

export function unknownClientChanges(cmd: SimpleCommand, ir: ShellIr): boolean {
  const q = unknownClientSql(cmd, ir);
  if (!q) return false;
  if (q.dynamic) return true;
  const statements = q.texts.flatMap((t) => t.split(';')).map((t) => t.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()).filter(Boolean);
  return statements.some((st) => !READ_STATEMENT.test(st));
}
