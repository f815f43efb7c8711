// Client commands mixed into the SQL a database client reads: psql's backslash commands (`\dt`,
// `\x`, `\! cmd`, `\gexec`), mysql's (`\G`, `system cmd`, `source f`), sqlite3's dot commands
// (`.tables`, `.shell cmd`; DuckDB's shell reads the same) and sqlcmd's (`GO`, `!!cmd`, `:r f`). The server never sees them,
// so they are split off before the SQL analyser reads the rest; what they do is judged here:
// most only change how results are shown, a few run a shell, execute query results as SQL, or
// write files.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { SQL_CLIENTS } from '../../catalogue/kinds.js';

export type MetaEffect = 'shell' | 'dynamic_sql' | 'write' | 'none';

export interface MetaCommand {
  text: string;
  effect: MetaEffect;
}

export interface SplitSql {
  /** The SQL the server receives (client commands removed). */
  sql: string;
  meta: MetaCommand[];
}

type Client = 'psql' | 'mysql' | 'sqlite3' | 'sqlcmd';

const CLIENTS: readonly Client[] = ['psql', 'mysql', 'sqlite3', 'sqlcmd'];

/**
 * Clients of the catalogue (not among the five whose SQL the analysis reads itself) whose own commands
 * are another client's: the DuckDB shell is a fork of sqlite3's, with the same dot commands (`.shell`,
 * `.system`, `.output`, `.once`, `.read`, `.open`).
 */
const COMMANDS_LIKE: Readonly<Record<string, Client>> = { duckdb: 'sqlite3' };

/** The client whose commands a SQL client reads (`mariadb` reads mysql's; src/catalogue/kinds.ts). */
/** The names clientOf knows (ShellRule.programs of the rules judging client commands). */
export const CLIENT_PROGRAMS: readonly string[] = [...Object.keys(COMMANDS_LIKE), ...Object.keys(SQL_CLIENTS)];

export function clientOf(name: string): Client | undefined {
  if (Object.hasOwn(COMMANDS_LIKE, name)) return COMMANDS_LIKE[name];
  const kind = Object.hasOwn(SQL_CLIENTS, name) ? SQL_CLIENTS[name] : undefined;
  const like = kind ? (kind.like ?? name) : undefined;
  return CLIENTS.find((c) => c === like);
}

/** A pipe target (`\o |cmd`, `.once |cmd`, `.import "|cmd" t`: quoted too) runs a shell command. */
const PIPES = /^\S+\s+["']?\|/;

function psqlEffect(cmd: string): MetaEffect {
  const name = /^\\([a-zA-Z_]+|!|\?|\.)/.exec(cmd)?.[1] ?? '';
  if (name === '!' || PIPES.test(cmd) || (/^copy$/i.test(name) && /\bprogram\b/i.test(cmd))) return 'shell';
  if (name === 'gexec') return 'dynamic_sql';
  if (/^(o|out|w|write|copy|lo_export|lo_import|lo_unlink|password|setenv|cd|e|edit|ef|ev)$/.test(name)) return 'write';
  if (/^(g|gx)$/.test(name) && /\S/.test(cmd.slice(name.length + 1))) return 'write'; // `\g file`
  return 'none';
}

const SQLITE_SHELL = ['shell', 'system', 'load'];
const SQLITE_WRITE = [
  ...['output', 'once', 'import', 'restore', 'save', 'backup', 'clone', 'archive', 'ar', 'cd', 'recover', 'log', 'trace', 'excel'],
  ...['open', 'testcase', 'vfsname', 'filectrl', 'dbconfig'],
];
/** sqlite3 (and DuckDB) take a dot command by any prefix of its name (`.sy cmd` is `.system cmd`, `.o f` may be `.output f`). */
const abbreviates = (name: string, full: readonly string[]) => name.length >= 2 && full.some((f) => f.startsWith(name));

function sqliteEffect(cmd: string): MetaEffect {
  const name = /^\.([a-zA-Z_]+)/.exec(cmd)?.[1]?.toLowerCase() ?? '';
  if (SQLITE_SHELL.includes(name) || abbreviates(name, SQLITE_SHELL) || PIPES.test(cmd)) return 'shell';
  if (SQLITE_WRITE.includes(name) || (name.length === 1 && SQLITE_WRITE.some((f) => f.startsWith(name))) || abbreviates(name, SQLITE_WRITE))
    return 'write';
  return 'none';
}

function mysqlEffect(cmd: string): MetaEffect {
  if (/^(\\!|system\b)/i.test(cmd)) return 'shell';
  if (/^(\\T|tee\b|\\P|pager\b|\\e|edit\b)/i.test(cmd)) return 'write';
  return 'none';
}

/** mysql client commands written as a whole line (`source f`, `status`, `\\q`); `use` is SQL the parser reads. */
const MYSQL_LINE =
  /^(\\[.#cdeChlnpPqrRsStTuwW]|(source|status|connect|tee|notee|pager|nopager|prompt|rehash|charset|warnings|nowarning|quit|exit|help|edit|print|resetconnection)\b)/i;

/** psql: the backslash commands of one line, and the SQL around them (`\\x \\\\ select 1`). */
function psqlLine(t: string, sql: string[], meta: MetaCommand[]): void {
  let rest = t;
  while (rest) {
    const at = rest.startsWith('\\') ? 0 : rest.search(/(?<=[\s;])\\[a-zA-Z!?.]/);
    if (at < 0) {
      sql.push(rest);
      return;
    }
    if (at > 0) sql.push(rest.slice(0, at));
    // `\\` ends the backslash commands: SQL may follow on the same line.
    const sep = rest.indexOf('\\\\', at);
    const cmds = sep < 0 ? rest.slice(at) : rest.slice(at, sep);
    for (const c of cmds.trim().split(/\s+(?=\\)/)) {
      meta.push({ text: c, effect: psqlEffect(c) });
      // `\copy (delete … returning *) to 'f'`: the query in parentheses runs on the server.
      const q = /^\\copy\s*\(/i.exec(c);
      if (q) sql.push(`${balanced(c.slice(q[0].length))};`);
    }
    rest = sep < 0 ? '' : rest.slice(sep + 2).trim();
  }
}

/** The text up to the parenthesis that closes an already opened one (all of it when unbalanced). */
function balanced(text: string): string {
  let depth = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(0, i);
  }
  return text;
}

/** Splits a client's input into the SQL it sends and the client commands it runs itself. */
export function splitClientMeta(client: Client, text: string): SplitSql {
  const meta: MetaCommand[] = [];
  const sql: string[] = [];
  if (client === 'mysql' && /(^|[;\n])\s*(system\s|\\!)/i.test(text)) meta.push({ text: text.trim(), effect: 'shell' });
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (client === 'psql') psqlLine(t, sql, meta);
    else if (client === 'sqlite3') {
      if (t.startsWith('.')) meta.push({ text: t, effect: sqliteEffect(t) });
      else sql.push(line);
    } else if (client === 'mysql') {
      if (MYSQL_LINE.test(t)) meta.push({ text: t, effect: mysqlEffect(t) });
      // `select … \\G` ends a statement like `;` (vertical output).
      else sql.push(line.replace(/\\[gG](?=\s*(;|$))/g, ';'));
    } else if (/^GO(\s+\d+)?;?$/i.test(t)) continue;
    else if (/^(!!|:)/.test(t))
      meta.push({ text: t, effect: t.startsWith('!!') ? 'shell' : /^:(r|out|error|perftrace|ed)\b/i.test(t) ? 'write' : 'none' });
    else sql.push(line);
  }
  const rest = sql.join('\n');
  return { sql: meta.length || rest !== text ? rest : text, meta };
}

/** The client commands in the SQL the IR found for this command. */
export function clientMetaOf(cmd: SimpleCommand, ir: ShellIr): MetaCommand[] {
  const client = clientOf(cmd.name.value);
  if (!client) return [];
  return ir.embeddedSql.filter((e) => e.commandId === cmd.id && e.sql !== null).flatMap((e) => splitClientMeta(client, e.sql!).meta);
}
