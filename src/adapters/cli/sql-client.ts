// What `seatbelt sql … --exec -- <client> [args…]` may start: a known SQL client that reads the
// judged query from stdin, and nothing else. A client option that brings its own SQL (`psql -c`,
// `mysql -e`, `sqlite3 db "SQL"`) or another program would run something that was never judged,
// and the client fixes the dialect (MySQL reads `'a\'` differently from PostgreSQL).
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import type { Dialect } from '../../core/types.js';
import type { OptionDecl, ProgramSpec, Role } from '../../catalogue/spec.js';
import { SQL_CLIENTS as SQL_CLIENT_KINDS } from '../../catalogue/kinds.js';
import { fromSpec } from '../../catalogue/index.js';

interface ClientSpec {
  dialect: Dialect;
  /** Short options that take a value (`-d app` or `-dapp`). */
  shortValue: string;
  /** Short options whose value is attached only (`-pSECRET`), never the next word. */
  shortOptional?: string;
  /** Long options (without dashes) that take a value when written `--opt value`. */
  longValue: string[];
  /** Long options (without dashes) whose value is two words (`sqlite3 -lookaside SIZE N`). */
  twoWords: string[];
  /** Options (short letters or long names) that make the client run SQL or scripts of its own. */
  ownSql: string[];
  /** How many positional words the client takes that are not SQL (sqlite3: the database file). */
  positionals: number;
  /** Single-dash long options (`sqlite3 -cmd`). */
  singleDashLong?: boolean;
}

/** Roles of option values that bring SQL, a script or code the client runs: never judged here. */
const RUNS_SOMETHING: readonly Role['kind'][] = ['sql', 'sql-file', 'script', 'script-file', 'code', 'code-file', 'command'];

/** The option table `--exec` reads a client with, from its catalogue spec (src/catalogue/specs/sql-clients.ts). */
function clientSpec(spec: ProgramSpec): ClientSpec {
  const options = spec.options ?? [];
  const letters = (mode: string) =>
    options
      .filter((o) => (o.value ?? 'none') === mode)
      .flatMap((o) => o.names.filter((n) => /^-[^-]$/.test(n)).map((n) => n[1]!))
      .join('');
  const longNames = (o: OptionDecl) => o.names.filter((n) => !/^-[^-]$/.test(n)).map((n) => n.replace(/^--?/, ''));
  const ownSql = options
    .filter((o) => o.role && RUNS_SOMETHING.includes(o.role.kind))
    .flatMap((o) => o.names.map((n) => n.replace(/^--?/, '')));
  const sqlOperand = (spec.operands ?? []).findIndex((r) => RUNS_SOMETHING.includes(r.kind));
  return {
    dialect: SQL_CLIENT_KINDS[spec.names[0]!]!.dialect,
    shortValue: letters('required'),
    shortOptional: letters('optional'),
    longValue: [...new Set(options.filter((o) => o.value === 'required').flatMap(longNames))],
    twoWords: [...new Set(options.filter((o) => o.words === 2).flatMap(longNames))],
    ownSql: [...new Set(ownSql)],
    positionals:
      sqlOperand >= 0
        ? sqlOperand
        : spec.subcommands
          ? 0
          : (spec.operands ?? []).some((r) => r.rest)
            ? Infinity
            : (spec.operands ?? []).length,
    singleDashLong: options.some((o) => o.names.some((n) => /^-[a-z]{2,}/.test(n))),
  };
}

/** The clients `--exec` runs, by name; each one's option table is made from its spec when first asked for. */
export const SQL_CLIENTS = ['psql', 'mysql', 'mariadb', 'sqlite3', 'sqlcmd'];
const CLIENTS = new Map(SQL_CLIENTS.map((name) => [name, fromSpec(name, clientSpec)]));

function refuse(msg: string): never {
  throw new SeatbeltError('USAGE', `--exec: ${msg}`);
}

/** Checks a client command line; returns the dialect it speaks. Throws USAGE when it may run unjudged SQL. */
/** Long option `opt` as written may abbreviate any of `names` (getopt_long and MySQL accept prefixes). */
const abbreviates = (opt: string, names: string[]) => opt.length >= 2 && names.some((n) => n.length > 1 && n.startsWith(opt));

/** Checks a client command line; returns the dialect it speaks. Throws USAGE when it may run unjudged SQL. */
export function checkSqlClient(argv: string[]): Dialect {
  const name = path.basename(argv[0] ?? '');
  const spec = CLIENTS.get(name)?.();
  if (!spec) refuse(`"${name}" is not a SQL client seatbelt knows (${SQL_CLIENTS.join(', ')}); use seatbelt exec for other programs`);
  const args = argv.slice(1);
  const ownSql = (opt: string, value: string | undefined) => {
    if (name === 'psql' && (opt === 'f' || abbreviates(opt, ['file'])) && value === '-') return; // -f - is stdin
    refuse(`${name} ${opt.length > 1 ? '--' : '-'}${opt} would run SQL that was not judged; give the query to seatbelt instead`);
  };
  if (name === 'sqlcmd') {
    // sqlcmd options are too many to trust: any word starting with an option that brings SQL (-Q, -q, -i, or /Q …) is refused, values included.
    const letters = spec.ownSql.filter((o) => o.length === 1);
    const bad = args.find(
      (a) =>
        (/^[-/]./.test(a) && letters.includes(a[1]!)) ||
        spec.ownSql.some((o) => o.length > 1 && (a === `--${o}` || a.startsWith(`--${o}=`))),
    );
    if (bad) ownSql(bad.startsWith('--') ? bad.slice(2).split('=')[0]! : bad.slice(1, 2), undefined);
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
      if (attached === undefined && abbreviates(opt, spec.twoWords)) i++;
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
