// SQL given to database clients on the command line (`psql -c`, `mysql -e`, `sqlite3 db "…"`,
// `sqlcmd -Q`, `bq query "…"`), on their stdin, or in files they read (`psql -f`, `sqlite3 -init`,
// `sqlcmd -i`). The SQL analyser judges the text.
import type { Word } from '../../core/ir.js';
import type { Dialect } from '../../core/types.js';
import type { Action } from './actions.js';
import { optionSpecFrom, optionValues, scanOptions, type OptionSpec } from './options.js';
import { fromSpec, requiredSpec } from '../../catalogue/index.js';
import { readInvocation, wordsWithRole } from '../../catalogue/read.js';

/** psql's, mysql's and sqlite3's option grammars are their catalogue specs (src/catalogue/specs/sql-clients.ts). */
const psqlOptions = fromSpec('psql', (spec): OptionSpec => optionSpecFrom(spec, { permute: true, lenient: true }));

function psql(args: Word[]): Action[] {
  const s = scanOptions(args, psqlOptions());
  const out: Action[] = optionValues(s, 'c', 'command').map((sql) => ({ kind: 'sql', dialect: 'postgresql', sql }));
  const files = optionValues(s, 'f', 'file');
  if (files.some((f) => f.value === '-')) out.push({ kind: 'stdin-sql', dialect: 'postgresql' });
  // SQL in a file (-f file.sql) is read when the command is judged (file-runs.ts).
  for (const f of files)
    if (f.value !== '-')
      out.push({ kind: 'file', path: f, as: { kind: 'sql', dialect: 'postgresql', client: 'psql' }, detail: `psql -f ${f.raw}` });
  if (!out.length && !files.length && !s.options.some((o) => ['l', 'list', 'V', 'version', '?', 'help'].includes(o.name))) {
    out.push({ kind: 'stdin-sql', dialect: 'postgresql' });
  }
  return out;
}

const mysqlOptions = fromSpec('mysql', (spec): OptionSpec => optionSpecFrom(spec, { permute: true, lenient: true }));

function mysql(dialect: Dialect, args: Word[]): Action[] {
  const s = scanOptions(args, mysqlOptions());
  const out: Action[] = optionValues(s, 'e', 'execute').map((sql) => ({ kind: 'sql', dialect, sql }));
  const init = optionValues(s, 'init-command', 'init-command-add');
  out.push(...init.map((sql): Action => ({ kind: 'sql', dialect, sql })));
  if (!optionValues(s, 'e', 'execute').length && !s.options.some((o) => ['V', 'version', '?', 'help'].includes(o.name))) {
    out.push({ kind: 'stdin-sql', dialect });
  }
  return out;
}

/**
 * sqlite3's options that take values, and how many (its shell.c): `-lookaside SIZE N` and
 * `-pagecache SIZE N` take two. Options may stand before or after the database.
 */
const sqliteValues = fromSpec('sqlite3', (sqlite): Record<string, number> =>
  Object.fromEntries(
    (sqlite.options ?? [])
      .filter((o) => o.value === 'required' && !o.rest)
      .flatMap((o) => o.names.filter((n) => /^-[^-]/.test(n)).map((n) => [n, o.words ?? 1])),
  ),
);

function sqlite3(args: Word[]): Action[] {
  const out: Action[] = [];
  const operands: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value.replace(/^--/, '-');
    if (w.static && v.startsWith('-') && v.length > 1) {
      if (v === '-cmd' && args[i + 1]) out.push({ kind: 'sql', dialect: 'sqlite', sql: args[i + 1]! });
      if (v === '-init' && args[i + 1])
        out.push({
          kind: 'file',
          path: args[i + 1]!,
          as: { kind: 'sql', dialect: 'sqlite', client: 'sqlite3' },
          detail: `sqlite3 -init ${args[i + 1]!.raw}`,
        });
      if (v.startsWith('-A')) {
        // `-A…`: the rest of the line is an `.archive` command (which may extract files).
        const rest = [{ ...w, value: v.slice(2) }, ...args.slice(i + 1)].filter((x) => x.value !== '');
        out.push({
          kind: 'sql',
          dialect: 'sqlite',
          sql: { value: `.archive ${rest.map((x) => x.value).join(' ')}`, static: rest.every((x) => x.static), raw: w.raw },
        });
        break;
      }
      i += sqliteValues()[v] ?? 0;
      continue;
    }
    operands.push(w);
  }
  // sqlite3 [options] [db [sql…]]: every operand after the database is executed.
  const sql = operands.slice(1);
  out.push(...sql.map((w): Action => ({ kind: 'sql', dialect: 'sqlite', sql: w })));
  if (!sql.length && !out.some((a) => a.kind === 'sql' && a.sql?.value.startsWith('.archive')))
    out.push({ kind: 'stdin-sql', dialect: 'sqlite' });
  return out;
}

function sqlcmd(args: Word[]): Action[] {
  const out: Action[] = [];
  const inputFiles = (w: Word) => {
    // `-i a.sql,b.sql` (or several -i): each file in turn.
    for (const value of w.value.split(',')) {
      const path = { ...w, value };
      out.push({ kind: 'file', path, as: { kind: 'sql', dialect: 'transactsql', client: 'sqlcmd' }, detail: `sqlcmd -i ${value}` });
    }
  };
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if ((v === '-Q' || v === '-q') && args[i + 1]) out.push({ kind: 'sql', dialect: 'transactsql', sql: args[++i]! });
    else if (/^-[Qq]./.test(v)) out.push({ kind: 'sql', dialect: 'transactsql', sql: { ...args[i]!, value: v.slice(2) } });
    else if (v === '-i' && args[i + 1]) inputFiles(args[++i]!);
    else if (/^-i./.test(v)) inputFiles({ ...args[i]!, value: v.slice(2) });
  }
  return out;
}

/**
 * `bq [global flags] query [flags] SQL…`: the words after the flags, joined, are the query (bq's
 * catalogue spec says which flags take a value, so `--format json` after the SQL is no query). A
 * `query` the spec's reading does not reach (behind a flag it does not know) is read as before: the
 * last word after `query` that is not an option.
 */
function bq(args: Word[]): Action[] {
  const inv = readInvocation(requiredSpec('bq'), args);
  if (!inv.undecidable && inv.path[0] === 'query') {
    const sql = wordsWithRole(inv, 'sql');
    return sql.length
      ? sql.map((r): Action => ({ kind: 'sql', dialect: 'bigquery', sql: r.word }))
      : [{ kind: 'stdin-sql', dialect: 'bigquery' }];
  }
  const at = args.findIndex((w) => w.static && w.value === 'query');
  if (at < 0) return [];
  const operands = args.slice(at + 1).filter((w) => !(w.static && w.value.startsWith('-')));
  if (!operands.length) return [{ kind: 'stdin-sql', dialect: 'bigquery' }];
  return [{ kind: 'sql', dialect: 'bigquery', sql: operands[operands.length - 1]! }];
}

export function sqlClientActions(name: string, args: Word[]): Action[] {
  switch (name) {
    case 'psql':
      return psql(args);
    case 'mysql':
      return mysql('mysql', args);
    case 'mariadb':
      return mysql('mariadb', args);
    case 'sqlite3':
    case 'sqlite':
      return sqlite3(args);
    case 'sqlcmd':
      return sqlcmd(args);
    case 'bq':
      return bq(args);
    default:
      return [];
  }
}
