// Family: databases — clients and admin tools beyond psql, mysql, sqlite3, sqlcmd and bq (whose SQL
// is read in src/analyze/shell/sql-clients.ts). Clients whose SQL a dialect the SQL analyser knows
// can read (DuckDB and CockroachDB as PostgreSQL, mycli and mysqlsh as MySQL, litecli as SQLite)
// hand it over, from arguments, stdin or files; clients in other dialects (ClickHouse, Cassandra,
// Snowflake, Trino, usql) are judged conservatively by databases.embedded_sql_unknown_client:
// anything but a plain read, or SQL from a file, is refused. Key-value and document stores get verbs
// by command (Redis by its command word, MongoDB's inline scripts in rules/shell/databases.ts).
// Restores with --clean/--drop, cluster removal, WAL resets and dropping databases destroy; roles
// and passwords change privilege; dumping password hashes and API tokens discloses credentials.
import type { CommandSpec, Effect, OptionDecl, ProgramSpec, Role, Verb, VerbWhen } from '../spec.js';

const DATA = { kind: 'data' } as const;
const READ_PATH = { kind: 'path', access: 'read' } as const;
const WRITE_PATH = { kind: 'path', access: 'write' } as const;
const sql = (dialect: 'postgresql' | 'mysql' | 'sqlite'): Role => ({ kind: 'sql', dialect });
const sqlFile = (dialect: 'postgresql' | 'mysql' | 'sqlite'): Role => ({ kind: 'sql-file', dialect });

const verb = (effect: Effect, why: string): { verb: Verb } => ({ verb: { effect, why } });
const reads = (why: string): CommandSpec => verb('read', why);
const writes = (why: string): CommandSpec => verb('write', why);
const when = (effect: Effect, why: string, options: VerbWhen['options'], operand?: string): VerbWhen => ({ ...(options ? { options } : {}), ...(operand ? { operand } : {}), verb: { effect, why } });
const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
const flag = (...names: string[]): OptionDecl => ({ names });
const role = (r: Role, ...names: string[]): OptionDecl => ({ names, value: 'required', role: r });
const harmless = (...names: string[]): OptionDecl => ({ names, harmless: true });
const aka = (names: string[], level: CommandSpec): Record<string, CommandSpec> => Object.fromEntries(names.map((n) => [n, level]));
/** sqlite3-style single-dash long options, also written with two dashes (`-csv`, `--csv`). */
const dashes = (...names: string[]): string[] => names.flatMap((n) => [`-${n}`, `--${n}`]);

// ---- SQL clients the SQL analyser can read ----

const SQL_CLIENTS: ProgramSpec[] = [
  {
    names: ['duckdb'],
    family: 'databases',
    summary: 'DuckDB shell: runs SQL (read as PostgreSQL) given as arguments, with -c/-s/-cmd, from files (-f, -init, .read) or on stdin',
    options: [
      role(sql('postgresql'), ...dashes('c', 's', 'cmd')),
      role(sqlFile('postgresql'), ...dashes('f', 'init')),
      valued(...dashes('separator', 'newline', 'nullvalue')),
      // -readonly: writes fail; the SQL is judged as written all the same (a failing write changes nothing).
      { names: dashes('readonly', 'unsigned', 'bail', 'batch', 'echo', 'header', 'noheader', 'no-stdin', 'interactive', 'stats', 'safe', 'append', 'ascii', 'box', 'column', 'csv', 'html', 'json', 'line', 'list', 'markdown', 'quote', 'table') },
      { names: dashes('ui'), verb: { effect: 'write', why: 'starts DuckDB\'s local web UI server' } },
      harmless(...dashes('help', 'version')),
    ],
    operands: [DATA, { ...sql('postgresql'), rest: true }],
    stdin: { kind: 'sql', dialect: 'postgresql' },
    examples: {
      block: ['duckdb app.duckdb "DROP TABLE events"', 'duckdb app.duckdb -c "DELETE FROM events"', "duckdb app.duckdb <<< 'TRUNCATE events'"],
      allow: ['duckdb db.duckdb \'SELECT 1\'', 'duckdb -readonly app.duckdb -c "SELECT count(*) FROM events"', 'duckdb -csv app.duckdb "SELECT * FROM events LIMIT 10"', 'duckdb --version'],
    },
  },
  {
    names: ['pgcli'],
    family: 'databases',
    summary: 'pgcli: interactive PostgreSQL client (`pgcli [DBNAME] [USERNAME]`); SQL fed on stdin is run',
    options: [
      valued('-h', '--host'), valued('-p', '--port'), valued('-U', '--username'), valued('-u', '--user'), valued('-d', '--dbname'), valued('-D', '--dsn'), valued('--pgclirc'),
      valued('--row-limit'), valued('--prompt'), valued('--prompt-dsn'), valued('--warn'), valued('--ssh-tunnel'), valued('--log-file'), role(sql('postgresql'), '--init-command'),
      flag('-W', '--password'), flag('-w', '--no-password'), flag('--single-connection'), flag('--less-chatty'), flag('--auto-vertical-output'),
      harmless('-l', '--list'), harmless('--list-dsn'), harmless('-v', '--version'), harmless('--help'),
    ],
    operands: [DATA, DATA],
    stdin: { kind: 'sql', dialect: 'postgresql' },
    examples: { block: ['pgcli app <<< "DROP TABLE users"', 'pgcli --init-command "TRUNCATE sessions" app'], allow: ['pgcli -h db.example.net -U app app', 'pgcli app <<< "SELECT count(*) FROM users"', 'pgcli --list'] },
  },
  {
    names: ['mycli'],
    family: 'databases',
    summary: 'mycli: MySQL client; runs SQL given with -e/--execute or fed on stdin',
    options: [
      role(sql('mysql'), '-e', '--execute'), role(sql('mysql'), '--init-command'),
      valued('-h', '--host'), valued('-P', '--port'), valued('-u', '--user'), valued('-S', '--socket'), valued('-D', '--database'), valued('-p', '--pass', '--password'),
      valued('--myclirc'), valued('--defaults-file'), valued('--login-path'), valued('-R', '--prompt'), valued('-l', '--logfile'), valued('-d', '--dsn'), valued('--ssl-ca'), valued('--ssl-cert'), valued('--ssl-key'),
      flag('--auto-vertical-output'), flag('-t', '--table'), flag('--csv'), flag('--warn'), flag('--no-warn'), flag('--local-infile'),
      harmless('-V', '--version'), harmless('--help'), harmless('--list-dsn'),
    ],
    operands: [DATA],
    stdin: { kind: 'sql', dialect: 'mysql' },
    examples: { block: ['mycli -e "DROP DATABASE shop"', 'mycli shop <<< "DELETE FROM orders"'], allow: ['mycli -h db.example.net -u app shop', 'mycli -e "SELECT count(*) FROM orders" shop'] },
  },
  {
    names: ['litecli'],
    family: 'databases',
    summary: 'litecli: SQLite client; runs SQL given with -e/--execute or fed on stdin',
    options: [role(sql('sqlite'), '-e', '--execute'), valued('-D', '--database'), valued('--liteclirc'), valued('-R', '--prompt'), valued('-l', '--logfile'), flag('--auto-vertical-output'), flag('-t', '--table'), flag('--csv'), flag('--warn'), flag('--no-warn'), harmless('-V', '--version'), harmless('--help')],
    operands: [DATA],
    stdin: { kind: 'sql', dialect: 'sqlite' },
    examples: { block: ['litecli app.db -e "DROP TABLE users"'], allow: ['litecli app.db', 'litecli app.db -e "SELECT count(*) FROM users"'] },
  },
  {
    names: ['mysqlsh'],
    family: 'databases',
    summary: 'MySQL Shell: runs SQL, JavaScript or Python (-e/--execute, -f/--file); read as MySQL, so script that is not SQL does not parse and is refused',
    options: [
      role(sql('mysql'), '-e', '--execute'), role(sqlFile('mysql'), '-f', '--file'),
      valued('-u', '--user'), valued('-h', '--host'), valued('-P', '--port'), valued('-S', '--socket'), valued('-D', '--schema', '--database'), valued('--uri'), valued('--log-level'), valued('--name'),
      { names: ['-p', '--password'], value: 'optional' }, flag('--sql'), flag('--sqlc'), flag('--sqlx'), flag('--js'), flag('--py'), flag('--json'), flag('--quiet-start'), flag('-i', '--interactive'), flag('--dba'), flag('--cluster'),
      harmless('-V', '--version'), harmless('--help'),
    ],
    operands: [DATA],
    examples: { block: ['mysqlsh --sql root@localhost -e "DROP DATABASE shop"', 'mysqlsh --js -e "dba.dropMetadataSchema({force: true})"'], allow: ['mysqlsh --sql app@db.example.net -e "SELECT count(*) FROM shop.orders"', 'mysqlsh --version'] },
  },
  {
    names: ['cockroach'],
    family: 'databases',
    summary: 'CockroachDB: `cockroach sql` runs SQL (read as PostgreSQL); node, cert and cluster commands',
    options: [valued('--host'), valued('--port'), valued('--url'), valued('--certs-dir'), valued('--user', '-u'), valued('--database', '-d'), flag('--insecure'), harmless('-h', '--help')],
    subcommands: {
      sql: {
        options: [role(sql('postgresql'), '-e', '--execute'), role(sqlFile('postgresql'), '-f', '--file'), valued('--format'), valued('--set'), flag('--echo-sql'), flag('--safe-updates'), flag('--read-only')],
        stdin: { kind: 'sql', dialect: 'postgresql' },
      },
      ...aka(['start', 'start-single-node', 'init'], writes('starts or initialises a node')),
      node: { subcommands: { ...aka(['ls', 'status'], reads('lists nodes')), decommission: verb('destroy', 'removes a node from the cluster for good'), recommission: writes('returns a node to service'), drain: writes('drains a node') } },
      quit: writes('stops a node'),
      cert: { subcommands: { list: reads('lists certificates'), '*': writes('creates certificates and keys') } },
      userfile: { subcommands: { ...aka(['list', 'get'], reads('reads user files')), upload: writes('uploads a file'), delete: verb('destroy', 'deletes user files') } },
      ...aka(['version', 'demo', 'gen', 'dump', 'debug', 'statement-diag', 'sqlfmt'], reads('reads or prints')),
      workload: { subcommands: { init: writes('creates a workload\'s tables and data'), run: writes('runs a workload'), '*': reads('prints workload information') } },
      import: writes('imports data'),
    },
    examples: { block: ['cockroach sql --insecure -e "DROP DATABASE bank CASCADE"', 'cockroach node decommission 4 --insecure'], allow: ['cockroach sql --insecure -e "SELECT count(*) FROM bank.accounts"', 'cockroach node status --insecure', 'cockroach version'] },
  },
];

// ---- SQL clients in dialects the SQL analyser cannot read (judged by databases.embedded_sql_unknown_client) ----

const UNKNOWN_DIALECT_CLIENTS: ProgramSpec[] = [
  {
    names: ['clickhouse-client', 'clickhouse'],
    family: 'databases',
    summary: 'ClickHouse client (`clickhouse client`, `clickhouse local`): queries with -q/--query or from --queries-file; its SQL is not read by a dialect',
    options: [
      role(DATA, '-q', '--query'), role(READ_PATH, '--queries-file'), valued('-h', '--host'), valued('--port'), valued('-u', '--user'), valued('--password'), valued('-d', '--database'),
      valued('-f', '--format'), valued('--config-file', '-C'), valued('--max_threads'), flag('-n', '--multiquery'), flag('-m', '--multiline'), flag('-t', '--time'), flag('--secure'), flag('--stacktrace'),
      harmless('-V', '--version'), harmless('--help'),
    ],
    subcommands: { client: {}, local: {}, '*': {} },
    examples: { block: ['clickhouse-client -q "TRUNCATE TABLE events"', 'clickhouse client --query "ALTER TABLE events DELETE WHERE 1"', 'clickhouse-client --queries-file cleanup.sql'], allow: ['clickhouse-client -q "SELECT count() FROM events"', 'clickhouse-client -q "SHOW TABLES"'] },
  },
  {
    names: ['cqlsh'],
    family: 'databases',
    summary: 'Cassandra shell: CQL with -e/--execute or from -f/--file; CQL is not read by a dialect',
    options: [role(DATA, '-e', '--execute'), role(READ_PATH, '-f', '--file'), valued('-k', '--keyspace'), valued('-u', '--username'), valued('-p', '--password'), valued('--cqlshrc'), valued('--cqlversion'), valued('--protocol-version'), valued('--connect-timeout'), valued('--request-timeout'), valued('--encoding'), flag('--ssl'), flag('-t', '--tty'), flag('--debug'), harmless('--version'), harmless('-h', '--help')],
    operands: [DATA, DATA],
    examples: { block: ['cqlsh -e "DROP KEYSPACE shop"', 'cqlsh db.example.net -f wipe.cql'], allow: ['cqlsh -e "SELECT * FROM shop.orders LIMIT 5"', 'cqlsh -e "DESCRIBE KEYSPACES"'] },
  },
  {
    names: ['snowsql'],
    family: 'databases',
    summary: 'Snowflake CLI client: queries with -q/--query or from -f/--filename; Snowflake SQL is not read by a dialect',
    options: [role(DATA, '-q', '--query'), role(READ_PATH, '-f', '--filename'), valued('-c', '--connection'), valued('-a', '--accountname'), valued('-u', '--username'), valued('-d', '--dbname'), valued('-s', '--schemaname'), valued('-r', '--rolename'), valued('-w', '--warehouse'), valued('-o', '--option'), valued('-D', '--variable'), valued('-h', '--host'), valued('-p', '--port'), valued('--private-key-path'), valued('--authenticator'), harmless('-v', '--version'), harmless('-?', '--help')],
    examples: { block: ['snowsql -q "DELETE FROM orders"', 'snowsql -c prod -f cleanup.sql'], allow: ['snowsql -q "SELECT count(*) FROM orders"', 'snowsql -c prod -q "DESCRIBE TABLE orders"'] },
  },
  {
    names: ['trino', 'presto'],
    family: 'databases',
    summary: 'Trino/Presto CLI: queries with --execute or from -f/--file; not read by a dialect',
    options: [role(DATA, '--execute'), role(READ_PATH, '-f', '--file'), valued('--server'), valued('--catalog'), valued('--schema'), valued('--user'), valued('--output-format'), valued('--session'), valued('--source'), valued('--client-tags'), valued('--access-token'), flag('--password'), flag('--debug'), harmless('--version'), harmless('-h', '--help')],
    examples: { block: ['trino --execute "DROP TABLE hive.web.events"', 'trino --server https://trino.example.net -f purge.sql'], allow: ['trino --execute "SELECT count(*) FROM hive.web.events"', 'trino --execute "SHOW SCHEMAS FROM hive"'] },
  },
  {
    names: ['usql'],
    family: 'databases',
    summary: 'usql: one client for many databases, by URL; its SQL is not read by a dialect',
    options: [role(DATA, '-c', '--command'), role(READ_PATH, '-f', '--file'), role(WRITE_PATH, '-o', '--out'), valued('-v', '--set'), valued('-P', '--pset'), valued('-F', '--field-separator'), valued('-R', '--record-separator'), valued('-T', '--table-attr'), flag('-W', '--password'), flag('-w', '--no-password'), flag('-1', '--single-transaction'), flag('-J', '--json'), flag('-C', '--csv'), flag('-t', '--tuples-only'), flag('-q', '--quiet'), flag('-X', '--no-init'), flag('-x', '--expanded'), harmless('-V', '--version'), harmless('--help')],
    operands: [DATA],
    examples: { block: ['usql pg://localhost/app -c "DROP TABLE users"', 'usql my://localhost/shop -f cleanup.sql'], allow: ['usql pg://localhost/app -c "SELECT count(*) FROM users"', 'usql --version'] },
  },
];

// ---- Document, key-value and time-series stores ----

/** Redis commands that only read; any other command writes. */
const REDIS_READS = [
  'get', 'mget', 'getrange', 'strlen', 'exists', 'type', 'ttl', 'pttl', 'expiretime', 'keys', 'scan', 'sscan', 'hscan', 'zscan', 'hget', 'hmget', 'hgetall', 'hkeys', 'hvals', 'hlen', 'hexists',
  'lrange', 'llen', 'lindex', 'smembers', 'scard', 'sismember', 'srandmember', 'zrange', 'zrangebyscore', 'zrevrange', 'zcard', 'zscore', 'zrank', 'zcount', 'xrange', 'xrevrange', 'xlen',
  'xinfo', 'xread', 'info', 'ping', 'echo', 'dbsize', 'time', 'lastsave', 'role', 'memory', 'object', 'slowlog', 'latency', 'pubsub', 'monitor', 'subscribe', 'psubscribe', 'command',
  'client', 'cluster', 'dump', 'randomkey', 'pfcount', 'bitcount', 'getbit', 'geopos', 'geodist', 'georadius', 'geosearch', 'lpos', 'hello', 'auth', 'select', 'readonly', 'wait',
];

/** Redis command words are case-insensitive: both spellings are listed (mixed case falls to `*`, a write). */
function redisCommands(byName: Record<string, CommandSpec>): Record<string, CommandSpec> {
  const out: Record<string, CommandSpec> = {};
  for (const [name, level] of Object.entries(byName)) {
    out[name] = { optionsFirst: true, ...level };
    out[name.toUpperCase()] = { optionsFirst: true, ...level };
  }
  return out;
}

const LUA = { kind: 'code', language: 'lua' } as const;

const REDIS: CommandSpec['subcommands'] = {
  ...redisCommands(Object.fromEntries(REDIS_READS.map((n) => [n, reads('reads keys or server state')]))),
  ...redisCommands({
    flushall: verb('destroy', 'deletes every key of every database'),
    flushdb: verb('destroy', 'deletes every key of the database'),
    del: writes('deletes keys'), unlink: writes('deletes keys'),
    config: {
      subcommands: redisCommands({
        get: { ...reads('shows settings'), when: [when('credential', 'prints the server\'s passwords', undefined, '^(requirepass|masterauth|\\*)$')] },
        set: { ...writes('changes a setting'), when: [when('privilege', 'changes who may connect or where the server writes files (dir, dbfilename: a way to plant files)', undefined, '^(dir|dbfilename|requirepass|masterauth|masteruser|protected-mode|bind|enable-debug-command|enable-module-command|enable-protected-configs|aclfile|logfile)$')] },
        rewrite: writes('writes the config file'), resetstat: writes('resets statistics'),
      }),
    },
    shutdown: { ...writes('stops the server'), when: [when('destroy', 'stops the server without saving: unsaved data is lost', undefined, '^nosave$')] },
    debug: { ...writes('runs a debugging command'), when: [when('destroy', 'crashes or restarts the server', undefined, '^(segfault|crash-and-recover|restart|oom|panic)$')] },
    replicaof: verb('destroy', 'makes the server a replica: its data is replaced by the primary\'s'),
    slaveof: verb('destroy', 'makes the server a replica: its data is replaced by the primary\'s'),
    acl: { subcommands: redisCommands({ ...Object.fromEntries(['list', 'users', 'whoami', 'cat', 'getuser', 'log', 'genpass', 'help', 'dryrun'].map((n) => [n, reads('shows users and permissions')])), setuser: verb('privilege', 'creates or changes a user and its permissions'), deluser: verb('privilege', 'deletes users'), load: verb('privilege', 'reloads users from the ACL file'), save: writes('saves the ACL file') }) },
    module: { subcommands: redisCommands({ list: reads('lists modules'), load: verb('privilege', 'loads a native module into the server'), loadex: verb('privilege', 'loads a native module into the server'), unload: writes('unloads a module') }) },
    eval: { ...writes('runs a Lua script on the server'), operands: [LUA] }, eval_ro: { ...reads('runs a read-only Lua script'), operands: [LUA] },
    evalsha: writes('runs a cached Lua script'), fcall: writes('calls a server function'),
    function: { subcommands: redisCommands({ list: reads('lists functions'), dump: reads('dumps functions'), stats: reads('shows function stats'), load: { ...writes('loads a Lua library'), operands: [LUA] }, flush: verb('destroy', 'deletes every function'), delete: writes('deletes a library'), restore: writes('restores functions') }) },
    script: { subcommands: redisCommands({ exists: reads('checks cached scripts'), load: { ...writes('caches a Lua script'), operands: [LUA] }, flush: writes('empties the script cache'), kill: writes('kills a running script'), debug: writes('sets script debugging') }) },
  }),
  '*': writes('changes keys or server state'),
};

const REDIS_SPEC: ProgramSpec = {
  names: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  family: 'databases',
  summary: 'Redis (Valkey, KeyDB) client: the first word after the options is a server command',
  optionsFirst: true,
  options: [
    valued('-h'), valued('-p'), valued('-s'), valued('-a'), valued('--user'), valued('--pass'), valued('-u'), valued('-n'), valued('-r'), valued('-i'), valued('-d'), valued('-t'),
    valued('--sni'), valued('--cacert'), valued('--cacertdir'), valued('--cert'), valued('--key'), valued('--tls-ciphers'), valued('--tls-ciphersuites'), valued('--pattern'), valued('--quoted-pattern'),
    valued('--count'), valued('--memkeys-samples'), valued('--pipe-timeout'), valued('--intrinsic-latency'), valued('--lru-test'), valued('--ldb-sync-mode'),
    role(WRITE_PATH, '--rdb'), role(WRITE_PATH, '--functions-rdb'), { names: ['--eval'], value: 'required', role: { kind: 'code-file', language: 'lua' }, verb: { effect: 'write', why: 'runs a Lua script file on the server' } },
    { names: ['--pipe'], verb: { effect: 'write', why: 'sends the commands on stdin in bulk' } },
    { names: ['--cluster'], value: 'required' },
    flag('-c'), flag('-e'), flag('-x'), flag('-X'), flag('-D'), flag('-3'), flag('--tls'), flag('--insecure'), flag('--askpass'), flag('--raw'), flag('--no-raw'), flag('--quoted-input'), flag('--csv'),
    flag('--json'), flag('--quoted-json'), flag('--show-pushes'), flag('--stat'), flag('--latency'), flag('--latency-history'), flag('--latency-dist'), flag('--replica'), flag('--bigkeys'), flag('--memkeys'),
    flag('--hotkeys'), flag('--keystats'), flag('--scan'), flag('--ldb'), flag('--resp2'), flag('--resp3'), flag('--no-auth-warning'),
    harmless('-v', '--version'), harmless('--help'),
  ],
  subcommands: REDIS,
  when: [
    when('destroy', 'removes a node from the cluster', [{ name: '--cluster', value: '^del-node$' }]),
    when('destroy', 'runs FLUSHALL or FLUSHDB on every node of the cluster', [{ name: '--cluster', value: '^call$' }], '^(flushall|flushdb)$'),
    when('write', 'changes the cluster (create, fix, reshard, rebalance, import)', [{ name: '--cluster', value: '^(create|add-node|fix|reshard|rebalance|import|set-timeout|backup)$' }]),
  ],
  examples: {
    block: ['redis-cli FLUSHALL', 'redis-cli -h cache.example.net CONFIG SET dir /root/.ssh', 'redis-cli config get requirepass', 'redis-cli SHUTDOWN NOSAVE', 'redis-cli REPLICAOF attacker.example.net 6379', 'valkey-cli ACL SETUSER agent on >pw +@all', 'redis-cli --cluster call 10.0.0.1:6379 FLUSHALL'],
    allow: ['redis-cli ping', 'redis-cli -n 2 GET session:42', 'redis-cli --scan --pattern "session:*"', 'redis-cli INFO memory', 'redis-cli SET feature:x on', 'redis-cli DEL session:42', 'redis-cli --version'],
  },
};

const STORES: ProgramSpec[] = [
  REDIS_SPEC,
  {
    names: ['mongosh', 'mongo'],
    family: 'databases',
    summary: 'MongoDB shell: runs JavaScript given with --eval or in script files (inline scripts are judged in rules/shell/databases.ts)',
    options: [
      role(DATA, '--eval'), role({ kind: 'code-file', language: 'mongosh' }, '-f', '--file'), valued('--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'),
      valued('--authenticationDatabase'), valued('--authenticationMechanism'), valued('--apiVersion'), valued('--tlsCAFile'), valued('--tlsCertificateKeyFile'), valued('--json'),
      flag('--quiet'), flag('--nodb'), flag('--norc'), flag('--shell'), flag('--tls'), flag('--verbose'), harmless('--version'), harmless('-h', '--help'), harmless('--build-info'),
    ],
    operands: [DATA, { kind: 'code-file', language: 'mongosh', rest: true }],
    examples: { block: ['mongosh app --eval "db.dropDatabase()"', 'mongosh "mongodb://db.example.net/app" --eval \'db.orders.deleteMany({})\'', 'mongo app --eval "db.getSiblingDB(\'admin\').shutdownServer()"'], allow: ['mongosh app --eval "db.users.countDocuments()"', 'mongosh --quiet app --eval "db.orders.find().limit(5)"'] },
  },
  {
    names: ['influx'],
    family: 'databases',
    summary: 'InfluxDB CLI: buckets, queries, writes, tokens, orgs and users (v1: InfluxQL with -execute)',
    options: [valued('--host'), valued('-t', '--token'), valued('-o', '--org'), valued('--org-id'), valued('-c', '--active-config'), valued('--configs-path'), role(DATA, '-execute'), flag('--skip-verify'), flag('--json'), flag('--hide-headers'), harmless('-h', '--help')],
    subcommands: {
      bucket: { subcommands: { ...aka(['list', 'ls', 'find'], reads('lists buckets')), create: writes('creates a bucket'), update: writes('changes a bucket'), delete: verb('destroy', 'deletes a bucket with all its data') } },
      delete: verb('destroy', 'deletes the points of a time range'),
      ...aka(['query', 'ping', 'version', 'dashboards', 'export', 'template', 'telegrafs'], reads('reads data or settings')),
      write: writes('writes points'), apply: writes('applies a template'), setup: writes('sets up a new instance'),
      restore: { ...writes('restores a backup'), when: [when('destroy', 'replaces every bucket, token and setting with the backup\'s', [{ name: '--full' }])] },
      backup: reads('backs up data to files'),
      auth: { subcommands: { ...aka(['list', 'ls', 'find'], verb('credential', 'prints API tokens')), create: verb('privilege', 'creates an API token with permissions'), ...aka(['delete', 'inactive'], writes('revokes a token')), active: verb('privilege', 'reactivates a token') } },
      org: { subcommands: { ...aka(['list', 'ls', 'find'], reads('lists organisations')), create: writes('creates an organisation'), update: writes('changes an organisation'), delete: verb('destroy', 'deletes an organisation with its buckets'), members: { subcommands: { list: reads('lists members'), add: verb('privilege', 'adds a member'), remove: verb('privilege', 'removes a member') } } } },
      user: { subcommands: { ...aka(['list', 'ls', 'find'], reads('lists users')), create: verb('privilege', 'creates a user'), delete: verb('privilege', 'deletes a user'), password: verb('privilege', 'sets a user\'s password'), update: writes('changes a user') } },
      secret: { subcommands: { ...aka(['list', 'ls', 'find'], reads('lists secret keys')), update: writes('sets a secret'), delete: writes('deletes a secret') } },
      task: { subcommands: { ...aka(['list', 'ls', 'find', 'log', 'run'], reads('shows tasks')), create: writes('creates a task'), update: writes('changes a task'), delete: writes('deletes a task'), retry: writes('retries a run') } },
      stacks: { subcommands: { ...aka(['list', 'ls'], reads('lists stacks')), init: writes('creates a stack'), update: writes('changes a stack'), remove: verb('destroy', 'removes a stack and its resources') } },
      config: { subcommands: { ...aka(['list', 'ls'], reads('lists configs')), '*': writes('changes CLI configs') } },
      v1: { subcommands: { shell: reads('opens an InfluxQL shell'), dbrp: writes('changes database mappings'), auth: verb('privilege', 'changes v1 authorizations') } },
    },
    examples: { block: ['influx bucket delete -n metrics', 'influx delete --bucket metrics --start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z', 'influx auth list', 'influx restore --full ./backup'], allow: ['influx bucket list', 'influx query \'from(bucket:"metrics") |> range(start:-1h)\'', 'influx ping', 'influx write -b metrics -f points.lp'] },
  },
  {
    names: ['etcdctl'],
    family: 'databases',
    summary: 'etcd client: keys, leases, members, snapshots, users and roles (Kubernetes keeps its state, secrets included, here)',
    options: [valued('--endpoints'), valued('--cacert'), valued('--cert'), valued('--key'), valued('--user'), valued('--password'), valued('-w', '--write-out'), valued('--dial-timeout'), valued('--command-timeout'), valued('--discovery-srv'), flag('--insecure-skip-tls-verify'), flag('--insecure-transport'), flag('--debug'), harmless('-h', '--help')],
    subcommands: {
      get: {
        ...reads('reads keys'),
        options: [flag('--prefix'), flag('--from-key'), flag('--keys-only'), flag('--count-only'), valued('--limit'), valued('--rev'), valued('--sort-by'), valued('--order')],
        when: [when('credential', 'reads Kubernetes secrets stored in etcd', undefined, '^/?registry/secrets'), when('credential', 'reads every key, Kubernetes secrets included', [{ name: '--prefix' }], '^/?$'), when('credential', 'reads every key from the first', [{ name: '--from-key' }])],
      },
      put: writes('writes a key'),
      del: { ...writes('deletes a key'), options: [flag('--prefix'), flag('--from-key'), flag('--prev-kv'), valued('--range')], when: [when('destroy', 'deletes every key under a prefix', [{ name: '--prefix' }]), when('destroy', 'deletes every key from the given one on', [{ name: '--from-key' }])] },
      txn: writes('runs a transaction read from stdin'),
      compaction: verb('destroy', 'discards the history of every key before a revision'),
      defrag: writes('defragments the store'),
      lease: { subcommands: { ...aka(['list', 'timetolive'], reads('shows leases')), grant: writes('grants a lease'), revoke: writes('revokes a lease and deletes its keys'), 'keep-alive': writes('keeps a lease alive') } },
      member: { subcommands: { list: reads('lists members'), add: writes('adds a member'), update: writes('changes a member'), promote: writes('promotes a learner'), remove: verb('destroy', 'removes a member from the cluster') } },
      endpoint: reads('checks endpoints'), alarm: { subcommands: { list: reads('lists alarms'), disarm: writes('disarms alarms') } },
      snapshot: { subcommands: { save: reads('saves a snapshot to a file'), status: reads('shows a snapshot'), restore: writes('restores a snapshot into a new data folder') } },
      user: { subcommands: { ...aka(['list', 'get'], reads('shows users')), ...aka(['add', 'delete', 'passwd', 'grant-role', 'revoke-role'], verb('privilege', 'changes users and their roles')) } },
      role: { subcommands: { ...aka(['list', 'get'], reads('shows roles')), ...aka(['add', 'delete', 'grant-permission', 'revoke-permission'], verb('privilege', 'changes roles and their permissions')) } },
      auth: { subcommands: { enable: writes('turns authentication on'), disable: verb('privilege', 'turns authentication off: anyone can read and write every key'), status: reads('shows whether authentication is on') } },
      ...aka(['watch', 'version', 'check', 'elect', 'lock'], reads('watches or checks')),
      'move-leader': writes('moves the leader'), 'make-mirror': writes('mirrors keys to another cluster'), downgrade: writes('downgrades the cluster'),
    },
    examples: { block: ['etcdctl del --prefix /app/', 'etcdctl get /registry/secrets/default/db-pass', 'etcdctl auth disable', 'etcdctl member remove 8e9e05c52164694d'], allow: ['etcdctl get /app/feature-x', 'etcdctl put /app/feature-x on', 'etcdctl endpoint health', 'etcdctl snapshot save snap.db', 'etcdctl get /registry --prefix --keys-only'] },
  },
];

// ---- Admin tools: restores, clusters, roles ----

const PG_CONNECT: OptionDecl[] = [valued('-h', '--host'), valued('-p', '--port'), valued('-U', '--username'), valued('-d', '--dbname'), valued('--maintenance-db'), flag('-w', '--no-password'), flag('-W', '--password'), flag('-e', '--echo'), harmless('-V', '--version'), harmless('-?', '--help')];

const ADMIN: ProgramSpec[] = [
  {
    names: ['pg_restore'],
    family: 'databases',
    summary: 'restores a pg_dump archive into a database (or, with -f and no database, prints its SQL)',
    options: [
      ...PG_CONNECT.filter((o) => !o.names.includes('-e')), valued('--role'), role(WRITE_PATH, '-f', '--file'), valued('-F', '--format'), valued('-j', '--jobs'), valued('-n', '--schema'), valued('-N', '--exclude-schema'), valued('-t', '--table'),
      valued('-T', '--trigger'), valued('-I', '--index'), valued('-P', '--function'), valued('-L', '--use-list'), valued('-S', '--superuser'), flag('-a', '--data-only'), flag('-s', '--schema-only'), flag('-1', '--single-transaction'),
      flag('-e', '--exit-on-error'), flag('-O', '--no-owner'), flag('-x', '--no-privileges'), flag('-v', '--verbose'), flag('--if-exists'), flag('--disable-triggers'), flag('--no-comments'), flag('--no-tablespaces'),
      { names: ['-c', '--clean'], verb: { effect: 'destroy', why: 'drops the database objects before recreating them from the dump' } },
      { names: ['-C', '--create'], verb: { effect: 'write', why: 'creates the database' } },
      harmless('-l', '--list'),
    ],
    operands: [READ_PATH],
    ...writes('restores a dump into a database'),
    examples: { block: ['pg_restore -c -d app app.dump', 'pg_restore --clean --if-exists -h db.example.net -U admin -d app latest.dump'], allow: ['pg_restore -l app.dump', 'pg_restore -d app_test app.dump', 'pg_restore -f schema.sql -s app.dump'] },
  },
  {
    names: ['pg_dumpall'],
    family: 'databases',
    summary: 'dumps every database of a cluster, with its roles and their password hashes',
    options: [
      ...PG_CONNECT.filter((o) => !o.names.includes('-d')), valued('-d', '--dbname'), valued('--role'), role(WRITE_PATH, '-f', '--file'), valued('--exclude-database'), valued('--extra-float-digits'), valued('--rows-per-insert'),
      flag('-a', '--data-only'), flag('-c', '--clean'), flag('-g', '--globals-only'), flag('-r', '--roles-only'), flag('-s', '--schema-only'), flag('-t', '--tablespaces-only'), flag('-O', '--no-owner'), flag('-x', '--no-privileges'), flag('-v', '--verbose'), flag('--if-exists'), flag('--inserts'),
      // The dump then holds no password hashes.
      harmless('--no-role-passwords'),
    ],
    ...verb('credential', 'prints every role with its password hash'),
    examples: { block: ['pg_dumpall --globals-only > roles.sql', 'pg_dumpall -U postgres | gzip > all.sql.gz'], allow: ['pg_dumpall --no-role-passwords -f all.sql', 'pg_dumpall --version'] },
  },
  {
    names: ['pg_dropcluster'],
    family: 'databases',
    summary: 'deletes a PostgreSQL cluster (Debian\'s postgresql-common) with its data folder',
    options: [flag('--stop'), harmless('--help')],
    ...verb('destroy', 'deletes a PostgreSQL cluster and all its data'),
    examples: { block: ['sudo pg_dropcluster 15 main', 'pg_dropcluster --stop 14 main'], allow: ['pg_lsclusters', 'pg_dropcluster --help'] },
  },
  {
    names: ['pg_resetwal', 'pg_resetxlog'],
    family: 'databases',
    summary: 'resets PostgreSQL\'s write-ahead log, a last resort for a cluster that will not start',
    options: [valued('-D', '--pgdata'), valued('-c', '--commit-timestamp-ids'), valued('-e', '--epoch'), valued('-l', '--next-wal-file'), valued('-m', '--multixact-ids'), valued('-o', '--next-oid'), valued('-O', '--multixact-offset'), valued('-u', '--oldest-transaction-id'), valued('-x', '--next-transaction-id'), valued('--wal-segsize'), flag('-f', '--force'), harmless('-n', '--dry-run'), harmless('-V', '--version'), harmless('-?', '--help')],
    ...verb('destroy', 'throws away write-ahead log: committed transactions can be lost and the data left inconsistent'),
    examples: { block: ['pg_resetwal -f /var/lib/postgresql/16/main', 'sudo -u postgres pg_resetwal -D /var/lib/postgresql/16/main'], allow: ['pg_resetwal -n -D /var/lib/postgresql/16/main', 'pg_resetwal --version'] },
  },
  {
    names: ['pg_rewind'],
    family: 'databases',
    summary: 'rewinds a PostgreSQL data folder to follow another server\'s timeline',
    options: [valued('-D', '--target-pgdata'), valued('--source-pgdata'), valued('--source-server'), valued('-c', '--restore-target-wal'), valued('--config-file'), flag('-R', '--write-recovery-conf'), flag('-P', '--progress'), flag('--debug'), flag('--no-sync'), flag('--no-ensure-shutdown'), harmless('-n', '--dry-run'), harmless('-V', '--version'), harmless('-?', '--help')],
    ...verb('destroy', 'discards the changes of a data folder that diverged from the source server'),
    examples: { block: ['pg_rewind -D /var/lib/postgresql/16/main --source-server="host=primary user=postgres"'], allow: ['pg_rewind -n -D /var/lib/postgresql/16/main --source-server="host=primary"', 'pg_rewind --help'] },
  },
  {
    names: ['mysqladmin', 'mariadb-admin'],
    family: 'databases',
    summary: 'MySQL/MariaDB server administration: databases, passwords, shutdown, status',
    options: [
      valued('-u', '--user'), { names: ['-p', '--password'], value: 'optional' }, valued('-h', '--host'), valued('-P', '--port'), valued('-S', '--socket'), valued('-c', '--count'), valued('-i', '--sleep'),
      valued('--defaults-file'), valued('--defaults-extra-file'), valued('--login-path'), valued('--protocol'), flag('-f', '--force'), flag('-s', '--silent'), flag('-v', '--verbose'), flag('-w', '--wait'), flag('--ssl'),
      harmless('-V', '--version'), harmless('-?', '--help'),
    ],
    subcommands: {
      ...aka(['status', 'ping', 'processlist', 'variables', 'version', 'extended-status'], reads('shows server status')),
      drop: verb('destroy', 'drops a database with all its tables'),
      create: writes('creates a database'),
      shutdown: writes('stops the server'),
      password: verb('privilege', 'sets a new password for the account'), 'old-password': verb('privilege', 'sets a new password for the account'),
      ...aka(['flush-privileges', 'reload', 'refresh', 'flush-hosts', 'flush-logs', 'flush-status', 'flush-tables', 'flush-threads', 'kill', 'debug', 'start-replica', 'stop-replica', 'start-slave', 'stop-slave'], writes('changes the server\'s state')),
    },
    when: [when('destroy', 'drops a database with all its tables', undefined, '^drop$')],
    examples: { block: ['mysqladmin -u root -f drop shop', 'mysqladmin -u root status drop shop'], allow: ['mysqladmin -u root status', 'mysqladmin ping', 'mysqladmin -u root create shop_test'] },
  },
  {
    names: ['createuser'],
    family: 'databases',
    summary: 'creates a PostgreSQL role',
    options: [...PG_CONNECT.filter((o) => !o.names.includes('-d')), valued('-c', '--connection-limit'), valued('-g', '--role'), valued('--valid-until'), flag('-d', '--createdb'), flag('-D', '--no-createdb'), flag('-s', '--superuser'), flag('-S', '--no-superuser'), flag('-r', '--createrole'), flag('-R', '--no-createrole'), flag('-l', '--login'), flag('-L', '--no-login'), flag('-P', '--pwprompt'), flag('--interactive'), flag('--replication')],
    ...verb('privilege', 'creates a database role that can log in'),
    examples: { block: ['createuser -s agent', 'sudo -u postgres createuser --createdb --login app'], allow: ['createuser --version', 'createdb app_test'] },
  },
  {
    names: ['dropuser'],
    family: 'databases',
    summary: 'removes a PostgreSQL role',
    options: [...PG_CONNECT, flag('-i', '--interactive'), flag('--if-exists')],
    ...verb('privilege', 'removes a database role and its access'),
    examples: { block: ['dropuser app', 'sudo -u postgres dropuser --if-exists reporting'], allow: ['dropuser --help', 'psql -c "\\du"'] },
  },
  {
    names: ['dropdb'],
    family: 'databases',
    summary: 'drops a PostgreSQL database',
    options: [...PG_CONNECT, flag('-i', '--interactive'), flag('-f', '--force'), flag('--if-exists')],
    ...verb('destroy', 'drops a database with all its data'),
    examples: { block: ['dropdb app', 'dropdb -h db.example.net -U admin --if-exists app'], allow: ['dropdb --help', 'createdb app_test'] },
  },
  {
    names: ['createdb'],
    family: 'databases',
    summary: 'creates a PostgreSQL database',
    options: [...PG_CONNECT.filter((o) => !o.names.includes('-e')), valued('-D', '--tablespace'), valued('-E', '--encoding'), valued('-l', '--locale'), valued('-O', '--owner'), valued('-T', '--template'), valued('-S', '--strategy'), flag('-e', '--echo')],
    ...writes('creates a database'),
    examples: { block: ['createdb app_test && dropdb app'], allow: ['createdb app_test', 'createdb -O app -E UTF8 app_dev'] },
  },
  {
    names: ['mongorestore'],
    family: 'databases',
    summary: 'restores a mongodump into MongoDB',
    options: [
      valued('--uri'), valued('--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'), valued('--authenticationDatabase'), valued('-d', '--db'), valued('-c', '--collection'),
      valued('--nsInclude'), valued('--nsExclude'), valued('--nsFrom'), valued('--nsTo'), valued('--dir'), valued('-j', '--numParallelCollections'), valued('--writeConcern'), { names: ['--archive'], value: 'optional' },
      flag('--gzip'), flag('--oplogReplay'), flag('--objcheck'), flag('--noIndexRestore'), flag('--preserveUUID'), flag('--bypassDocumentValidation'), flag('-v', '--verbose'), flag('--quiet'),
      { names: ['--drop'], verb: { effect: 'destroy', why: 'drops each collection before restoring it' } },
      harmless('--dryRun'), harmless('--version'), harmless('--help'),
    ],
    operands: [READ_PATH],
    ...writes('restores documents into a database'),
    examples: { block: ['mongorestore --drop dump/', 'mongorestore --uri "$MONGO_URI" --drop --gzip --archive=prod.gz'], allow: ['mongorestore dump/', 'mongorestore --dryRun --drop dump/'] },
  },
  {
    names: ['mongoimport'],
    family: 'databases',
    summary: 'imports JSON, CSV or TSV documents into a MongoDB collection',
    options: [
      valued('--uri'), valued('--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'), valued('--authenticationDatabase'), valued('-d', '--db'), valued('-c', '--collection'),
      role(READ_PATH, '--file'), valued('--type'), valued('-f', '--fields'), valued('--fieldFile'), valued('--upsertFields'), valued('-j', '--numInsertionWorkers'), valued('--writeConcern'),
      flag('--headerline'), flag('--jsonArray'), flag('--ignoreBlanks'), flag('--stopOnError'), flag('--maintainInsertionOrder'), flag('-v', '--verbose'), flag('--quiet'),
      { names: ['--drop'], verb: { effect: 'destroy', why: 'drops the collection before importing' } },
      { names: ['--mode'], value: 'required' },
      harmless('--version'), harmless('--help'),
    ],
    ...writes('inserts documents'),
    when: [when('destroy', 'deletes the documents that match the imported ones', [{ name: '--mode', value: '^delete$' }])],
    examples: { block: ['mongoimport -d app -c users --drop --file users.json', 'mongoimport -d app -c users --mode=delete --file stale.json'], allow: ['mongoimport -d app -c users --file users.json --jsonArray', 'mongoimport --version'] },
  },
];

// ---- Hosted databases and SQLite tools ----

const PLATFORMS: ProgramSpec[] = [
  {
    names: ['sqlite-utils'],
    family: 'databases',
    summary: 'sqlite-utils: runs SQL on SQLite files and changes their tables',
    subcommands: {
      query: { operands: [DATA, sql('sqlite')] },
      memory: reads('runs SQL over CSV or JSON files in memory'),
      ...aka(['tables', 'views', 'rows', 'schema', 'indexes', 'triggers', 'search', 'dump', 'plugins', 'analyze-tables'], reads('shows tables and rows')),
      ...aka(['drop-table', 'drop-view'], verb('destroy', 'drops a table or view with its rows')),
      transform: { ...writes('rebuilds a table with changed columns'), when: [when('destroy', 'drops columns with their data', [{ name: '--drop' }])] },
      ...aka(['insert', 'upsert', 'bulk', 'create-table', 'create-index', 'create-view', 'add-column', 'add-foreign-key', 'add-foreign-keys', 'index-foreign-keys', 'extract', 'convert', 'enable-fts', 'disable-fts', 'populate-fts', 'rebuild-fts', 'optimize', 'vacuum', 'duplicate', 'rename-table', 'insert-files', 'enable-wal', 'disable-wal', 'enable-counts', 'reset-counts', 'create-database', 'create-spatial-index', 'install', 'uninstall'], writes('changes the database')),
      // `sqlite-utils app.db "select …"`: a database file first runs a query.
      '*': { operands: [sql('sqlite')] },
    },
    examples: { block: ['sqlite-utils drop-table app.db sessions', 'sqlite-utils query app.db "DELETE FROM users"', 'sqlite-utils app.db "DROP TABLE users"'], allow: ['sqlite-utils tables app.db --counts', 'sqlite-utils query app.db "SELECT count(*) FROM users"', 'sqlite-utils insert app.db dogs dogs.json'] },
  },
  {
    names: ['turso'],
    family: 'databases',
    summary: 'Turso (libSQL) CLI: databases, groups, tokens and a SQL shell',
    subcommands: {
      db: {
        subcommands: {
          ...aka(['list', 'show', 'inspect', 'locations'], reads('shows databases')),
          create: writes('creates a database'), replicate: writes('adds a replica'), config: writes('changes a database'), import: writes('imports a SQLite file'),
          destroy: verb('destroy', 'deletes a database with all its data'),
          shell: { operands: [DATA, sql('sqlite')], stdin: { kind: 'sql', dialect: 'sqlite' } },
          tokens: { subcommands: { create: verb('credential', 'creates a database token and prints it'), invalidate: writes('revokes every token of a database') } },
        },
      },
      group: { subcommands: { ...aka(['list', 'show'], reads('shows groups')), create: writes('creates a group'), destroy: verb('destroy', 'deletes a group with its databases'), tokens: { subcommands: { create: verb('credential', 'creates a group token and prints it'), invalidate: writes('revokes tokens') } } } },
      auth: { subcommands: { token: verb('credential', 'prints your API token'), login: writes('logs in'), logout: writes('logs out'), whoami: reads('shows who you are'), 'api-tokens': { subcommands: { list: reads('lists API tokens'), mint: verb('credential', 'creates an API token and prints it'), revoke: writes('revokes a token') } } } },
      org: { subcommands: { list: reads('lists organisations'), members: { subcommands: { list: reads('lists members'), add: verb('privilege', 'adds a member'), rm: verb('privilege', 'removes a member'), invite: verb('privilege', 'invites a member') } }, destroy: verb('destroy', 'deletes an organisation'), '*': writes('changes organisations') } },
    },
    examples: { block: ['turso db destroy shop --yes', 'turso db tokens create shop', 'turso db shell shop "DROP TABLE orders"'], allow: ['turso db list', 'turso db shell shop "SELECT count(*) FROM orders"', 'turso db show shop'] },
  },
  {
    names: ['pscale'],
    family: 'databases',
    summary: 'PlanetScale CLI: databases, branches, deploy requests, passwords and a MySQL shell',
    options: [valued('--org'), valued('--service-token'), valued('--service-token-id'), valued('-f', '--format'), harmless('-h', '--help'), harmless('--version')],
    subcommands: {
      database: { subcommands: { ...aka(['list', 'show'], reads('shows databases')), create: writes('creates a database'), delete: verb('destroy', 'deletes a database with all its branches and data'), dump: reads('dumps a database'), restore: writes('restores a dump') } },
      branch: { subcommands: { ...aka(['list', 'show', 'diff', 'schema'], reads('shows branches')), create: writes('creates a branch'), delete: verb('destroy', 'deletes a branch with its data'), promote: writes('promotes a branch to production'), demote: writes('demotes a branch'), 'safe-migrations': writes('changes safe migrations') } },
      'deploy-request': { subcommands: { ...aka(['list', 'show', 'diff'], reads('shows deploy requests')), create: writes('opens a deploy request'), deploy: writes('deploys schema changes to production'), revert: writes('reverts a deployment'), close: writes('closes a deploy request'), review: writes('reviews a deploy request') } },
      password: { subcommands: { list: reads('lists passwords'), create: verb('credential', 'creates a database password and prints it'), delete: writes('revokes a password'), renew: verb('credential', 'renews a password and prints it') } },
      'service-token': { subcommands: { list: reads('lists service tokens'), create: verb('credential', 'creates a service token and prints it'), delete: writes('revokes a token'), 'add-access': verb('privilege', 'grants a token access'), 'delete-access': verb('privilege', 'removes a token\'s access') } },
      shell: { operands: [DATA, DATA], stdin: { kind: 'sql', dialect: 'mysql' } },
      connect: reads('opens a local tunnel to a database'),
      ...aka(['org', 'auth', 'region', 'audit-log', 'backup', 'ping', 'signup', 'completion'], reads('shows account information')),
    },
    examples: { block: ['pscale database delete shop --force', 'pscale password create shop main ci', 'pscale shell shop main <<< "DROP TABLE orders"'], allow: ['pscale database list', 'pscale branch list shop', 'pscale deploy-request create shop add-index'] },
  },
  {
    names: ['neonctl', 'neon'],
    family: 'databases',
    summary: 'Neon CLI: projects, branches, databases, roles and connection strings',
    options: [valued('--api-key'), valued('--project-id'), valued('--org-id'), valued('-o', '--output'), valued('--config-dir'), harmless('-h', '--help'), harmless('-v', '--version')],
    subcommands: {
      ...aka(['projects', 'project'], { subcommands: { ...aka(['list', 'get'], reads('shows projects')), create: writes('creates a project'), update: writes('changes a project'), delete: verb('destroy', 'deletes a project with all its branches and data') } }),
      ...aka(['branches', 'branch'], { subcommands: { ...aka(['list', 'get', 'schema-diff'], reads('shows branches')), create: writes('creates a branch'), rename: writes('renames a branch'), 'set-default': writes('sets the default branch'), 'add-compute': writes('adds a compute'), delete: verb('destroy', 'deletes a branch with its data'), reset: verb('destroy', 'resets a branch to its parent: its changes are lost'), restore: verb('destroy', 'restores a branch to a point in time, replacing its data') } }),
      ...aka(['databases', 'database', 'db'], { subcommands: { list: reads('lists databases'), create: writes('creates a database'), delete: verb('destroy', 'deletes a database with its data') } }),
      ...aka(['roles', 'role'], { subcommands: { list: reads('lists roles'), create: verb('privilege', 'creates a role that can log in'), delete: verb('privilege', 'deletes a role') } }),
      ...aka(['connection-string', 'cs'], verb('credential', 'prints a connection string with its password')),
      ...aka(['operations', 'me', 'orgs', 'ip-allow', 'set-context', 'completion'], reads('shows account information')),
      auth: writes('logs in'),
    },
    examples: { block: ['neonctl projects delete proud-fog-123', 'neonctl branches reset dev --parent', 'neonctl connection-string main'], allow: ['neonctl projects list', 'neonctl branches list --project-id proud-fog-123', 'neonctl branches create --name preview'] },
  },
];

export const DATABASES: ProgramSpec[] = [...SQL_CLIENTS, ...UNKNOWN_DIALECT_CLIENTS, ...STORES, ...ADMIN, ...PLATFORMS];
