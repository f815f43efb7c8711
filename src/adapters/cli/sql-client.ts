// What `seatbelt sql … --exec -- <client> [args…]` may start: a known SQL client that reads the
// judged query from stdin, and nothing else. A client option that brings its own SQL (`psql -c`,
// `mysql -e`, `sqlite3 db "SQL"`) or another program would run something that was never judged,
// and the client fixes the dialect (MySQL reads `'a\'` differently from PostgreSQL).
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import type { Dialect } from '../../core/types.js';

interface ClientSpec {
  dialect: Dialect;
  /** Short options that take a value (`-d app` or `-dapp`). */
  shortValue: string;
  /** Short options whose value is attached only (`-pSECRET`), never the next word. */
  shortOptional?: string;
  /** Long options (without dashes) that take a value when written `--opt value`. */
  longValue: string[];
  /** Options (short letters or long names) that make the client run SQL or scripts of its own. */
  ownSql: string[];
  /** How many positional words the client takes that are not SQL (sqlite3: the database file). */
  positionals: number;
  /** Single-dash long options (`sqlite3 -cmd`). */
  singleDashLong?: boolean;
}

const PSQL: ClientSpec = {
  dialect: 'postgresql',
  shortValue: 'cdfhpUvoLTFRP',
  longValue: ['command', 'dbname', 'file', 'host', 'port', 'username', 'variable', 'set', 'output', 'log-file', 'table-attr', 'field-separator', 'record-separator', 'pset'],
  ownSql: ['c', 'f', 'command', 'file'],
  positionals: 2,
};

const MYSQL = (dialect: Dialect): ClientSpec => ({
  dialect,
  shortValue: 'eDhPuS',
  shortOptional: 'p#',
  longValue: ['execute', 'database', 'host', 'port', 'user', 'socket', 'init-command', 'defaults-file', 'defaults-extra-file', 'login-path', 'default-character-set'],
  ownSql: ['e', 'execute', 'init-command', 'init-command-add', 'defaults-file', 'defaults-extra-file'],
  positionals: 1,
});

const SQLITE: ClientSpec = {
  dialect: 'sqlite',
  shortValue: '',
  longValue: ['cmd', 'init', 'separator', 'newline', 'nullvalue', 'vfs', 'lookaside', 'pagecache', 'heap', 'maxsize', 'mmap', 'escape'],
  ownSql: ['cmd', 'init'],
  positionals: 1,
  singleDashLong: true,
};

/** sqlcmd options are too many to model; any -Q, -q or -i (or /Q …) is refused, values included. */
const SQLCMD: ClientSpec = {
  dialect: 'transactsql',
  shortValue: '',
  longValue: [],
  ownSql: ['Q', 'q', 'i'],
  positionals: Infinity,
};

const CLIENTS: Record<string, ClientSpec> = {
  psql: PSQL,
  mysql: MYSQL('mysql'),
  mariadb: MYSQL('mariadb'),
  sqlite3: SQLITE,
  sqlcmd: SQLCMD,
};

export const SQL_CLIENTS = [...Object.keys(CLIENTS)];

function refuse(msg: string): never {
  throw new SeatbeltError('USAGE', `--exec: ${msg}`);
}

/** Checks a client command line; returns the dialect it speaks. Throws USAGE when it may run unjudged SQL. */
/** Long option `opt` as written may abbreviate any of `names` (getopt_long and MySQL accept prefixes). */
const abbreviates = (opt: string, names: string[]) => opt.length >= 2 && names.some((n) => n.length > 1 && n.startsWith(opt));

/** Checks a client command line; returns the dialect it speaks. Throws USAGE when it may run unjudged SQL. */
export function checkSqlClient(argv: string[]): Dialect {
  const name = path.basename(argv[0] ?? '');
  const spec = CLIENTS[name];
  if (!spec) refuse(`"${name}" is not a SQL client seatbelt knows (${SQL_CLIENTS.join(', ')}); use seatbelt exec for other programs`);
  const args = argv.slice(1);
  const ownSql = (opt: string, value: string | undefined) => {
    if (name === 'psql' && (opt === 'f' || abbreviates(opt, ['file'])) && value === '-') return; // -f - is stdin
    refuse(`${name} ${opt.length > 1 ? '--' : '-'}${opt} would run SQL that was not judged; give the query to seatbelt instead`);
  };
  if (name === 'sqlcmd') {
    const bad = args.find((a) => /^[-/][Qqi]/.test(a));
    if (bad) ownSql(bad.slice(1, 2), undefined);
    return spec.dialect;
  }
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      positionals += args.length - i - 1;
      break;
    }
    if (a.startsWith('--') || (spec.singleDashLong === true && /^-[a-z]{2,}/.test(a))) {
      const [opt, attached] = a.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
      const value = attached ?? (abbreviates(opt, spec.longValue) ? args[++i] : undefined);
      if (abbreviates(opt, spec.ownSql)) ownSql(opt, value);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (spec.shortOptional?.includes(c)) break; // the rest of the word is its value
        if (!spec.shortValue.includes(c)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (spec.ownSql.includes(c)) ownSql(c, value);
        break;
      }
    } else positionals++;
  }
  if (positionals > spec.positionals) {
    refuse(`${name} takes at most ${spec.positionals} plain argument(s) here; more would be SQL or commands that were not judged`);
  }
  return spec.dialect;
}
