// Family: sql-clients — the SQL clients whose SQL the SQL analyser reads: psql, mysql/mariadb,
// sqlite3, sqlcmd and bq. Their option grammar lives here, once: the analysis of their SQL
// (src/analyze/shell/sql-clients.ts), `seatbelt sql --exec` (src/adapters/cli/sql-client.ts) and the
// roles (src/policy/value-options.ts) derive their option tables from these specs. The SQL itself is
// judged by the SQL analyser, not by verbs; options whose value is SQL, a SQL file, or a command the
// client runs have that role, which is how `--exec` knows which options bring SQL of their own.
import type { OptionDecl, ProgramSpec, Role } from '../spec.js';
import { aliases, destroy, flags, harmless, privilege, read, valued, write } from './infra-helpers.js';

const DATA = { kind: 'data' } as const;
const SCRIPT = { kind: 'script' } as const;
const WRITE_PATH = { kind: 'path', access: 'write' } as const;
/** A MySQL option file: its `init-command` runs SQL, which seatbelt does not read from there. */
const MYSQL_OPTIONS_FILE = { kind: 'code-file', language: 'mysql-options' } as const;

const role = (r: Role, ...names: string[]): OptionDecl => ({ names, value: 'required', role: r });
const optional = (names: string[], r?: Role): OptionDecl => ({ names, value: 'optional', ...(r ? { role: r } : {}) });
/** sqlite3's single-dash long options, also written with two dashes (`-cmd`, `--cmd`). */
const dashes = (...names: string[]): string[] => names.flatMap((n) => [`-${n}`, `--${n}`]);

export const PSQL_SPEC: ProgramSpec = {
  names: ['psql'],
  family: 'sql-clients',
  summary: 'PostgreSQL client: runs SQL given with -c, from files (-f), or on stdin (`psql [OPTION]... [DBNAME [USERNAME]]`)',
  prefixes: true,
  options: [
    role({ kind: 'sql', dialect: 'postgresql' }, '-c', '--command'),
    role({ kind: 'sql-file', dialect: 'postgresql' }, '-f', '--file'),
    role(WRITE_PATH, '-o', '--output'),
    role(WRITE_PATH, '-L', '--log-file'),
    ...valued(['-d', '--dbname'], ['-h', '--host'], ['-p', '--port'], ['-U', '--username'], ['-v', '--set', '--variable'], ['-P', '--pset'], ['-F', '--field-separator'],
      ['-R', '--record-separator'], ['-T', '--table-attr']),
    ...flags(['-a', '--echo-all'], ['-A', '--no-align'], ['-b', '--echo-errors'], ['-e', '--echo-queries'], ['-E', '--echo-hidden'], ['-H', '--html'], ['-n', '--no-readline'],
      ['-q', '--quiet'], ['-s', '--single-step'], ['-S', '--single-line'], ['-t', '--tuples-only'], ['-w', '--no-password'], ['-W', '--password'], ['-x', '--expanded'],
      ['-X', '--no-psqlrc'], ['-z', '--field-separator-zero'], ['-0', '--record-separator-zero'], ['-1', '--single-transaction'], '--csv'),
    // These print and exit: no SQL is read from stdin.
    ...harmless(['-l', '--list'], ['-V', '--version']),
    { names: ['-?', '--help'], value: 'optional', harmless: true },
  ],
  operands: [DATA, DATA],
  stdin: { kind: 'sql', dialect: 'postgresql' },
  examples: {
    block: ['psql -c "DROP TABLE users"', 'psql -U app -d shop -c "DELETE FROM orders"', 'psql app <<< "TRUNCATE sessions"'],
    allow: ['psql -c "SELECT count(*) FROM users"', 'psql -h db.internal -U app -d shop -c "SELECT 1"', 'psql -l', 'psql --version'],
  },
};

const MYSQL_OPTIONS: OptionDecl[] = [
  role({ kind: 'sql', dialect: 'mysql' }, '-e', '--execute'),
  role({ kind: 'sql', dialect: 'mysql' }, '--init-command'),
  role({ kind: 'sql', dialect: 'mysql' }, '--init-command-add'),
  role(MYSQL_OPTIONS_FILE, '--defaults-file'),
  role(MYSQL_OPTIONS_FILE, '--defaults-extra-file'),
  role(WRITE_PATH, '--tee'),
  // `--pager=CMD` pipes the results through a shell command.
  optional(['--pager'], SCRIPT),
  optional(['-p', '--password']),
  optional(['-#', '--debug']),
  optional(['--local-infile']),
  ...valued(['-D', '--database'], ['-h', '--host'], ['-P', '--port'], ['-S', '--socket'], ['-u', '--user'], '--login-path', '--default-character-set', '--ssl-ca', '--ssl-cert', '--ssl-key',
    '--ssl-mode', '--ssl-cipher', '--ssl-capath', '--ssl-crl', '--ssl-crlpath', '--tls-version', '--tls-ciphersuites', '--protocol', '--connect-timeout', '--delimiter', '--prompt',
    '--select-limit', '--max-join-size', '--max-allowed-packet', '--net-buffer-length', '--bind-address', '--character-sets-dir', '--plugin-dir', '--default-auth',
    '--server-public-key-path', '--shared-memory-base-name', '--defaults-group-suffix', '--compression-algorithms', '--zstd-compression-level', '--load-data-local-dir',
    '--histignore', '--dns-srv-name', '--network-namespace'),
  // -T (--debug-info) and -W (--pipe) are flags: read as taking a value, they would hide the option after them.
  ...flags(['-B', '--batch'], ['-C', '--compress'], ['-E', '--vertical'], ['-f', '--force'], ['-G', '--named-commands'], ['-g', '--no-named-commands'], ['-H', '--html'], ['-X', '--xml'],
    ['-i', '--ignore-spaces'], ['-N', '--skip-column-names'], ['-n', '--unbuffered'], ['-q', '--quick'], ['-r', '--raw'], ['-s', '--silent'], ['-t', '--table'], ['-v', '--verbose'],
    ['-w', '--wait'], ['-o', '--one-database'], ['-c', '--comments'], ['-b', '--no-beep'], ['-j', '--syslog'], ['-L', '--skip-line-numbers'], ['-U', '--safe-updates', '--i-am-a-dummy'],
    ['-T', '--debug-info'], ['-W', '--pipe'], '--column-names', '--no-defaults', '--print-defaults', '--auto-rehash', '--no-auto-rehash', '--show-warnings', '--binary-mode', '--line-numbers',
    '--auto-vertical-output', '--column-type-info', '--reconnect', '--skip-reconnect', '--sigint-ignore', '--binary-as-hex', '--get-server-public-key', '--enable-cleartext-plugin'),
  ...harmless(['-V', '--version'], ['-?', '-I', '--help']),
];

const mysqlLike = (name: string, dialect: 'mysql' | 'mariadb', summary: string): ProgramSpec => ({
  names: [name],
  family: 'sql-clients',
  summary,
  prefixes: true,
  options: MYSQL_OPTIONS.map((o) => (o.role?.kind === 'sql' ? { ...o, role: { kind: 'sql', dialect } } : o)),
  operands: [DATA],
  stdin: { kind: 'sql', dialect },
  examples: {
    block: [`${name} -e "DROP DATABASE shop"`, `${name} -u app -p shop -e "DELETE FROM orders"`, `${name} -T -e "DROP TABLE users" shop`],
    allow: [`${name} -e "SELECT VERSION()"`, `${name} -h db.internal -u app shop -e "SHOW TABLES"`, `${name} --version`],
  },
});

export const MYSQL_SPEC = mysqlLike('mysql', 'mysql', 'MySQL client: runs SQL given with -e/--execute or --init-command, or on stdin (`mysql [OPTIONS] [database]`)');
export const MARIADB_SPEC = mysqlLike('mariadb', 'mariadb', 'MariaDB client (mysql\'s options): runs SQL given with -e/--execute or --init-command, or on stdin');

/** sqlite3's options that take values (its shell.c); `-lookaside SIZE N` and `-pagecache SIZE N` take two words. */
export const SQLITE_SPEC: ProgramSpec = {
  names: ['sqlite3', 'sqlite'],
  family: 'sql-clients',
  summary: 'SQLite shell: runs the SQL after the database file, -cmd and -init SQL, or its stdin (`sqlite3 [OPTIONS] [FILENAME [SQL...]]`)',
  options: [
    role({ kind: 'sql', dialect: 'sqlite' }, ...dashes('cmd')),
    role({ kind: 'sql-file', dialect: 'sqlite' }, ...dashes('init')),
    ...valued(dashes('separator'), dashes('newline'), dashes('nullvalue'), dashes('escape'), dashes('vfs'), dashes('mmap'), dashes('heap'), dashes('maxsize'), dashes('nonce'),
      dashes('threadsafe'), dashes('sorterref')),
    { names: dashes('lookaside'), value: 'required', words: 2 },
    { names: dashes('pagecache'), value: 'required', words: 2 },
    // `-A ARGS…`: the rest of the line is an `.archive` command (read by the analysis).
    { names: ['-A'], value: 'required', rest: true, role: { kind: 'sql', dialect: 'sqlite' } },
    { names: dashes('append', 'ascii', 'bail', 'batch', 'box', 'column', 'csv', 'deserialize', 'echo', 'header', 'noheader', 'html', 'interactive', 'json', 'line', 'list', 'markdown',
      'memtrace', 'nofollow', 'pcachetrace', 'quote', 'readonly', 'safe', 'stats', 'table', 'tabs', 'unsafe-testing', 'vfstrace', 'zip', 'utf8', 'no-utf8', 'multiplex') },
    ...harmless(dashes('help'), dashes('version')),
  ],
  operands: [DATA, { kind: 'sql', dialect: 'sqlite', rest: true }],
  stdin: { kind: 'sql', dialect: 'sqlite' },
  examples: {
    block: ['sqlite3 app.db "DROP TABLE users"', 'sqlite3 -cmd "DELETE FROM sessions" app.db .quit', 'sqlite3 -lookaside 100 200 app.db "DROP TABLE users"'],
    allow: ['sqlite3 app.db "SELECT count(*) FROM users"', 'sqlite3 -readonly -json app.db "SELECT * FROM users LIMIT 5"', 'sqlite3 --version'],
  },
};

/** sqlcmd (mssql-tools and go-sqlcmd): -Q/-q run SQL, -i reads SQL files (comma-separated). */
export const SQLCMD_SPEC: ProgramSpec = {
  names: ['sqlcmd'],
  family: 'sql-clients',
  summary: 'SQL Server client: runs SQL given with -Q/-q, from files (-i), or on stdin',
  options: [
    role({ kind: 'sql', dialect: 'transactsql' }, '-Q', '--query'),
    role({ kind: 'sql', dialect: 'transactsql' }, '-q', '--initial-query'),
    role({ kind: 'sql-file', dialect: 'transactsql' }, '-i', '--input-file'),
    role(WRITE_PATH, '-o', '--output-file'),
    ...valued(['-S', '--server'], ['-U', '--user-name'], ['-P', '--password'], ['-d', '--database-name'], ['-v', '--variables'], ['-H', '--workstation-name'], ['-l', '--login-timeout'],
      ['-t', '--query-timeout'], ['-h', '--headers'], ['-s', '--column-separator'], ['-w', '--screen-width'], ['-a', '--packet-size'], ['-m', '--error-level'], ['-V', '--error-severity-level'],
      ['-c', '--batch-terminator'], ['-f', '--code-page'], ['-z', '--new-password'], ['-Z', '--new-password-exit'], ['-y', '--variable-type-width'], ['-Y', '--fixed-type-width'],
      ['-K', '--application-intent'], ['-F', '--format'], '--authentication-method'),
    optional(['-X']), optional(['-r']), optional(['-k']), optional(['-p']), optional(['-N', '--encrypt-connection']), optional(['-L', '--list-servers']),
    ...flags(['-A', '--dedicated-admin-connection'], ['-b', '--exit-on-error'], ['-C', '--trust-server-certificate'], ['-D', '--dsn'], ['-e', '--echo-input'], ['-E', '--use-trusted-connection'],
      ['-g', '--enable-column-encryption'], ['-G', '--use-aad'], ['-I', '--enable-quoted-identifiers'], ['-j', '--raw-errors'], ['-M', '--multi-subnet-failover'], ['-R', '--client-regional-setting'],
      ['-u', '--unicode-output-file'], ['-W', '--trim-spaces'], ['-x', '--disable-variable-substitution']),
    ...harmless(['-?', '--help'], '--version'),
  ],
  stdin: { kind: 'sql', dialect: 'transactsql' },
  examples: {
    block: ['sqlcmd -S db.internal -d shop -Q "DROP TABLE orders"', 'sqlcmd -S db.internal -Q"TRUNCATE TABLE sessions"'],
    allow: ['sqlcmd -S db.internal -d shop -Q "SELECT COUNT(*) FROM orders"', 'sqlcmd -?'],
  },
};

/** bq's own flags (absl: `--flag value`, `--flag=value`, `--noflag`); global flags may come before or after the command. */
const BQ_GLOBAL: OptionDecl[] = [
  ...valued('--project_id', '--dataset_id', '--location', '--format', '--api', '--api_version', '--apilog', '--bigqueryrc', '--ca_certificates_file', '--discovery_file', '--job_id',
    '--job_property', '--max_rows_per_request', '--trace', '--httplib2_debuglevel', '--proxy_address', '--proxy_port', '--proxy_username', '--proxy_password', '--service_account',
    '--service_account_credential_file', '--service_account_private_key_file', '--application_default_credential_file', '--credential_file', '--flagfile', '--universe_domain',
    '--request_reason'),
  ...flags(['-q', '--quiet'], '--headless', ['--synchronous_mode', '--sync'], '--nosync', '--enable_gdrive', '--use_gce_service_account'),
  ...harmless('--help', '--helpfull', '--helpshort'),
];

/** Flags of `bq query` that take a value; the query is the rest of the words, joined. */
const BQ_QUERY: OptionDecl[] = [
  ...valued('--destination_table', '--parameter', ['-n', '--max_rows'], ['-s', '--start_row'], '--label', '--maximum_bytes_billed', '--external_table_definition', '--time_partitioning_field',
    '--time_partitioning_type', '--time_partitioning_expiration', '--clustering_fields', '--destination_kms_key', '--range_partitioning', '--schema_update_option', '--udf_resource',
    '--job_timeout', '--session_id', '--connection_property', '--min_completion_ratio', '--destination_schema', '--script_statement_timeout_ms', '--script_statement_byte_budget'),
  ...flags('--replace', '--append_table', '--allow_large_results', '--use_legacy_sql', '--nouse_legacy_sql', '--batch', '--flatten_results', '--use_cache', '--nouse_cache',
    '--require_cache', '--rpc', '--create_session', '--continuous'),
  ...harmless('--dry_run'),
];

export const BQ_SPEC: ProgramSpec = {
  names: ['bq'],
  family: 'sql-clients',
  summary: 'BigQuery CLI: runs GoogleSQL with `bq query`, and manages datasets, tables, jobs and their access',
  options: BQ_GLOBAL,
  subcommands: {
    query: { options: BQ_QUERY, operands: [{ kind: 'sql', dialect: 'bigquery', rest: 'joined' }], stdin: { kind: 'sql', dialect: 'bigquery' } },
    rm: destroy('deletes a dataset, table, view, model or routine (-r: with everything in it)', {
      options: [...flags(['-r', '--recursive'], ['-f', '--force'], ['-d', '--dataset'], ['-t', '--table'], ['-m', '--model'], '--routine', ['-j', '--job'], '--connection',
        '--reservation', '--capacity_commitment', '--reservation_assignment', '--transfer_config')],
    }),
    ...aliases(['ls', 'show', 'head', 'version', 'help', 'wait', 'get-iam-policy', 'info', 'mkdef'], read('lists or shows resources, rows or jobs')),
    ...aliases(['mk', 'update', 'cp', 'insert', 'cancel', 'extract', 'partition', 'undelete', 'shell', 'init'], write('creates, changes, copies or exports datasets, tables and jobs')),
    load: write('loads data into a table', {
      options: [...valued('--source_format', '--schema', '--field_delimiter', '--skip_leading_rows', '--max_bad_records', '--encoding', '--null_marker')],
      when: [{ options: [{ name: '--replace' }], verb: { effect: 'destroy', why: 'replaces the rows of the table with the loaded data' } }],
    }),
    ...aliases(['set-iam-policy', 'add-iam-policy-binding', 'remove-iam-policy-binding'], privilege('changes who may read or change the dataset or table')),
  },
  examples: {
    block: ['bq rm -r -f -d shop:analytics', 'bq query --nouse_legacy_sql "DELETE FROM shop.orders WHERE true"', 'bq add-iam-policy-binding --member=allUsers --role=roles/bigquery.dataViewer shop:analytics'],
    allow: ['bq ls', 'bq show --format=prettyjson shop:analytics.orders', 'bq query --nouse_legacy_sql "SELECT COUNT(*) FROM shop.orders"'],
  },
};

export const SQL_CLIENT_SPECS: ProgramSpec[] = [PSQL_SPEC, MYSQL_SPEC, MARIADB_SPEC, SQLITE_SPEC, SQLCMD_SPEC, BQ_SPEC];
