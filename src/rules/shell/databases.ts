// Databases pack (non-SQL part): dropping databases with client tools, flushing key-value
// stores, dropping MongoDB databases from inline scripts, wiping etcd or search indexes over
// HTTP. SQL given to SQL clients travels in ir.embeddedSql to the SQL analyser, not here.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { has, parseOptions, values } from './options.js';
import { nameOf } from './programs.js';
import { operandWords } from './operands.js';
import { CURL_OPTS } from './targets.js';
import { earlierStages, stdinText } from './links.js';
import { unknownClientChanges } from './sql-clients.js';
import { frameworkDrops } from './framework-drops.js';
import { CLIENT_PROGRAMS, clientMetaOf } from './sql-meta.js';

const REDIS = {
  shortValue: 'hpsaunrideDt',
  longValue: [
    'user',
    'pass',
    'cacert',
    'cacertdir',
    'cert',
    'key',
    'sni',
    'tls-ciphers',
    'tls-ciphersuites',
    'rdb',
    'functions-rdb',
    'pipe-timeout',
    'eval',
    'pattern',
    'count',
    'quoted-pattern',
    'memkeys-samples',
    'cluster',
    'replica',
    'lru-test',
    'intrinsic-latency',
  ],
  stopAtOperand: true,
};

const FLUSH = /^(flushall|flushdb)$/i;

function redisFlushes(cmd: SimpleCommand, ir: ShellIr): boolean {
  if (!/^(redis-cli|valkey-cli|keydb-cli|dragonfly-cli)$/.test(nameOf(cmd))) return false;
  const p = parseOptions(cmd.args, REDIS);
  const command = p.operands[0];
  if (command && FLUSH.test(command.value)) return true;
  // `redis-cli KEYS '*' | xargs redis-cli DEL`: every key, fed one by one.
  if (command && /^(del|unlink)$/i.test(command.value) && cmd.wrappers.includes('xargs') && earlierStages(cmd, ir).some(listsEveryKey))
    return true;
  // `--eval` scripts and stdin: look for the command as a word.
  // `redis-cli EVAL "redis.call('flushall')" 0`: a Lua script given as the command's argument.
  const script = command && /^(eval|eval_ro|function)$/i.test(command.value) ? p.operands.slice(1).map((w) => w.value) : [];
  const texts = [...values(p, 'eval'), ...script, ...(command ? [] : stdinText(cmd, ir))];
  return texts.some((t) => /(^|[\s'",(])(flushall|flushdb)($|[\s'",)])/i.test(t));
}

/** `redis-cli KEYS '*'`, `redis-cli --scan` (no pattern, or `*`). */
function listsEveryKey(c: SimpleCommand): boolean {
  if (!/^(redis-cli|valkey-cli|keydb-cli)$/.test(nameOf(c))) return false;
  const p = parseOptions(c.args, REDIS);
  const op = p.operands[0]?.value.toLowerCase();
  const all = (v: string | undefined) => v === undefined || /^\*+$/.test(v);
  if (op === 'keys' || op === 'scan') return all(op === 'keys' ? p.operands[1]?.value : values(p, 'pattern')[0]);
  return c.args.some((w) => w.value === '--scan') && all(values(p, 'pattern')[0]);
}

/** Drops, deletes of every document, and commands that stop or strip the server (`shutdownServer`, `dropAllRoles`, `{dropDatabase: 1}`). */
const MONGO_DROP =
  /\.(dropDatabase|drop|dropCollection|dropIndexes)\s*\(|\.(deleteMany|remove)\s*\(\s*(\{\s*\})?\s*\)|\b(dropAllUsers|dropAllRoles|shutdownServer)\s*\(|\{\s*['"]?(dropDatabase|drop)['"]?\s*:/;

function mongoDrops(cmd: SimpleCommand, ir: ShellIr): boolean {
  if (!/^(mongo|mongosh)$/.test(nameOf(cmd))) return false;
  const evals: string[] = [];
  cmd.args.forEach((w, i) => {
    if (w.value === '--eval') evals.push(cmd.args[i + 1]?.value ?? '');
    else if (w.value.startsWith('--eval=')) evals.push(w.value.slice(7));
  });
  return [...evals, ...stdinText(cmd, ir)].some((t) => MONGO_DROP.test(t));
}

function dropsDatabase(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  if (n === 'dropdb') {
    const p = parseOptions(cmd.args, { shortValue: 'hpUdS', longValue: ['host', 'port', 'username', 'maintenance-db'] });
    return p.operands.length > 0 && !has(p, 'help', 'version', 'V');
  }
  if (n === 'mysqladmin' || n === 'mariadb-admin') return operandWords(cmd).some((x) => x.toLowerCase() === 'drop');
  if (n === 'influx') return operandWords(cmd)[0] === 'bucket' && operandWords(cmd)[1] === 'delete';
  return false;
}

function etcdWipes(cmd: SimpleCommand): boolean {
  if (nameOf(cmd) !== 'etcdctl') return false;
  const a = cmd.args.map((w) => w.value);
  const i = a.findIndex((x) => x === 'del' || x === 'rm' || x === 'rmdir');
  if (i < 0) return false;
  const keys = a.slice(i + 1).filter((x) => !x.startsWith('-'));
  const prefix =
    a.includes('--prefix') || a.includes('--from-key') || a.some((x) => x.startsWith('--prefix=') || x.startsWith('--from-key='));
  return (
    (prefix && keys.some((k) => k === '' || k === '/' || k === '\\0')) ||
    (a[i] !== 'del' && a.includes('--recursive') && keys.some((k) => k === '/'))
  );
}

/** `curl -X DELETE http://es:9200/_all`, `…/*`: deletes every index of a search database. */
function httpDeletesAll(cmd: SimpleCommand): boolean {
  if (!['curl', 'http', 'https', 'xh'].includes(nameOf(cmd))) return false;
  const p = parseOptions(cmd.args, CURL_OPTS);
  const method = [...values(p, 'X', 'request'), ...p.operands.map((w) => w.value).filter((v) => /^DELETE$/i.test(v))].pop() ?? '';
  if (!/^DELETE$/i.test(method)) return false;
  return p.operands.some((w) => /^(https?:\/\/)?[^/\s]+\/(_all|\*|_data_stream\/\*|\.\*)\/?(\?.*)?$/.test(w.value));
}

export const DATABASE_RULES: ShellRule[] = [
  {
    id: 'databases.client_shell_escape',
    programs: CLIENT_PROGRAMS,
    risk: 'HIGH',
    reason:
      'runs a shell command from inside a database client (psql \\!, mysql system, sqlite3 .shell, sqlcmd !!, output piped to a program), which is not analysed',
    remediation: 'run the shell command directly, where it can be checked, and keep the SQL client to SQL',
    examples: {
      block: [
        'psql -c "\\! rm -rf /"',
        "psql <<'EOF'\nselect 1;\n \\o | sh\nEOF",
        'mysql -e "system rm -rf /"',
        'sqlite3 app.db ".shell rm -rf ~"',
        'sqlite3 app.db ".once |sh"',
        'sqlcmd -Q "!!del x"',
      ],
      allow: [
        'psql -c "\\dt"',
        'psql -d db -c "\\d users"',
        'sqlite3 app.db .schema',
        'mysql -e "select * from t\\G"',
        'psql -c "select 1"',
      ],
    },
    match: (cmd, ir) => clientMetaOf(cmd, ir).some((m) => m.effect === 'shell'),
  },
  {
    id: 'databases.client_file_write',
    programs: CLIENT_PROGRAMS,
    risk: 'MEDIUM',
    reason:
      'a database client command that writes or imports files, or restores a database (psql \\o, \\copy, sqlite3 .output, .import, .restore)',
    remediation:
      'a stricter policy does not let agents write files from a database client; write query output with a shell redirect instead',
    examples: {
      block: [
        'psql -c "\\copy users to \'users.csv\' csv"',
        'sqlite3 app.db ".restore backup.db"',
        'sqlite3 app.db ".output out.txt" "select 1"',
      ],
      allow: ['sqlite3 app.db ".headers on" ".mode csv" "select * from t"', 'psql -c "\\x" -c "select 1"'],
    },
    match: (cmd, ir) => clientMetaOf(cmd, ir).some((m) => m.effect === 'write'),
  },
  {
    id: 'databases.drop_database',
    programs: ['dropdb', 'mysqladmin', 'mariadb-admin', 'influx'],
    risk: 'CRITICAL',
    reason: 'drops a whole database with a client tool',
    remediation: 'have a person drop databases, after a backup (pg_dump, mysqldump)',
    examples: {
      block: [
        'dropdb prod',
        'dropdb -h db.internal -U admin app',
        'sudo -u postgres dropdb app_test',
        'mysqladmin -u root -f drop shop',
        'influx bucket delete -n metrics',
      ],
      allow: ['createdb app', 'pg_dump app > app.sql', 'dropdb --help', 'mysqladmin status', 'psql -l'],
    },
    match: dropsDatabase,
  },
  {
    id: 'databases.redis_flush',
    programs: ['redis-cli', 'valkey-cli', 'keydb-cli', 'dragonfly-cli'],
    risk: 'CRITICAL',
    reason: 'deletes every key of a Redis database (FLUSHALL / FLUSHDB)',
    remediation: 'delete the specific keys you mean (redis-cli --scan --pattern … | xargs redis-cli del)',
    examples: {
      block: [
        'redis-cli FLUSHALL',
        'redis-cli flushdb',
        'redis-cli -h cache.prod -p 6380 -n 2 FlushAll',
        'redis-cli -a "$PW" --tls flushall async',
        'echo FLUSHALL | redis-cli',
        'redis-cli <<< "flushdb"',
        'docker exec redis redis-cli FLUSHALL',
        'redis-cli EVAL "return redis.call(\'FLUSHALL\')" 0',
        "redis-cli KEYS '*' | xargs redis-cli DEL",
      ],
      allow: [
        'redis-cli ping',
        'redis-cli GET flushall',
        'redis-cli -h cache INFO',
        'redis-cli --scan --pattern "session:*"',
        'echo "redis-cli FLUSHALL"',
        'redis-cli --scan --pattern "sess:*" | xargs redis-cli DEL',
      ],
    },
    match: redisFlushes,
  },
  {
    id: 'databases.mongo_drop',
    programs: ['mongo', 'mongosh'],
    risk: 'CRITICAL',
    reason: 'drops a MongoDB database or collection, or deletes every document, from an inline script',
    remediation: 'have a person drop databases, after a backup (mongodump)',
    examples: {
      block: [
        'mongo app --eval "db.dropDatabase()"',
        'mongosh app --eval "db.adminCommand({dropDatabase: 1})"',
        'mongosh admin --eval "db.shutdownServer()"',
        'mongosh "mongodb://db/app" --eval \'db.users.drop()\'',
        'mongosh app --quiet --eval="db.getSiblingDB(\'x\').dropDatabase()"',
        'echo "db.dropDatabase()" | mongosh app',
        'mongosh app --eval "db.orders.deleteMany({})"',
      ],
      allow: [
        'mongosh app --eval "db.users.countDocuments()"',
        'mongodump --db app',
        'mongosh app --eval "db.users.deleteMany({age: {$lt: 0}})"',
        'mongosh --version',
      ],
    },
    match: mongoDrops,
  },
  {
    id: 'databases.etcd_delete_all',
    programs: ['etcdctl'],
    risk: 'CRITICAL',
    reason: 'deletes every key in etcd (the state of a Kubernetes cluster, among others)',
    remediation: 'delete the specific keys you mean; take a snapshot first (etcdctl snapshot save)',
    examples: {
      block: ['etcdctl del "" --prefix', 'ETCDCTL_API=3 etcdctl del --from-key ""', 'etcdctl del / --prefix'],
      allow: ['etcdctl get /registry --prefix --keys-only', 'etcdctl del /app/feature-x', 'etcdctl snapshot save snap.db'],
    },
    match: etcdWipes,
  },
  {
    id: 'databases.http_delete_all',
    programs: ['curl', 'http', 'https', 'xh'],
    risk: 'CRITICAL',
    reason: 'deletes every index of a search or document database over its HTTP API',
    remediation: 'delete the specific index you mean, after a snapshot',
    examples: {
      block: [
        'curl -X DELETE http://localhost:9200/_all',
        'curl -XDELETE "http://es:9200/*"',
        'curl --request DELETE https://search.internal/_all',
      ],
      allow: [
        'curl -X DELETE http://localhost:9200/logs-2023.01.01',
        'curl http://localhost:9200/_all/_search',
        'curl -X GET http://localhost:9200/_cat/indices',
      ],
    },
    match: httpDeletesAll,
  },
  {
    id: 'databases.framework_reset',
    risk: 'CRITICAL',
    reason: "drops, resets or wipes a database through a framework's or migration tool's command",
    remediation: 'run migrations forward instead; have a person drop or reset databases, after a backup',
    examples: {
      block: [
        'rails db:drop',
        'bundle exec rake db:reset',
        'bin/rails db:schema:load',
        'python manage.py flush --noinput',
        'npx prisma migrate reset --force',
        'npx prisma db push --force-reset',
        'php artisan migrate:fresh --seed',
        'mix ecto.reset',
        'dotnet ef database drop -f',
        'alembic downgrade base',
        'npx sequelize-cli db:drop',
      ],
      allow: [
        'rails db:migrate',
        'python manage.py migrate',
        'npx prisma migrate dev',
        'npx prisma generate',
        'php artisan migrate',
        'alembic upgrade head',
        'rails db:seed',
        'mix ecto.migrate',
      ],
    },
    match: frameworkDrops,
  },
  {
    id: 'databases.embedded_sql_unknown_client',
    class: 'fail_closed', // cannot be judged statically: a warning in `seatbelt scan`, blocks elsewhere
    risk: 'HIGH',
    reason: 'SQL that may change data, given to a database client seatbelt has no SQL analyser for',
    remediation: 'run reads only (SELECT, SHOW, DESCRIBE) through this client, or have a person run the change',
    examples: {
      block: [
        'cqlsh -e "DROP KEYSPACE shop"',
        'clickhouse-client --query "TRUNCATE TABLE events"',
        'snowsql -q "delete from orders"',
        'cqlsh -e "$CQL"',
        'echo "DROP TABLE t;" | clickhouse-client',
        'clickhouse-client --queries-file cleanup.sql',
        'cqlsh -f wipe.cql',
        'trino < purge.sql',
      ],
      allow: [
        'cqlsh -e "SELECT * FROM ks.t LIMIT 5"',
        'clickhouse-client -q "SHOW TABLES"',
        'trino --execute "select count(*) from t"',
        'snowsql -q "describe table x"',
      ],
    },
    match: unknownClientChanges,
  },
];
