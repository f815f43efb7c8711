// Family: migrations — schema migration tools and the database commands of web frameworks. Running
// migrations forward writes; running them backward (down, rollback, revert, downgrade) drops what
// they created, data included, so it destroys, like dropping, cleaning, resetting or reloading a
// schema. Status, history and dry runs read. A framework's own script run by its interpreter
// (`python manage.py flush`, `php artisan migrate:fresh`) is judged by the spec named after the
// script (src/analyze/shell/file-runs.ts), as is `./manage.py` or `bin/rails`.
// rules/shell/databases.ts (databases.framework_reset) also refuses the best-known resets.
import type { CommandSpec, Effect, OptionDecl, ProgramSpec, Role, Verb, VerbWhen } from '../spec.js';

const PG_SQL: Role = { kind: 'sql', dialect: 'postgresql' };
const PG_SQL_FILE: Role = { kind: 'sql-file', dialect: 'postgresql' };
const RUBY = { kind: 'code', language: 'ruby' } as const;
const PYTHON = { kind: 'code', language: 'python' } as const;
const PHP = { kind: 'code', language: 'php' } as const;

const verb = (effect: Effect, why: string): { verb: Verb } => ({ verb: { effect, why } });
const reads = (why: string): CommandSpec => verb('read', why);
const writes = (why: string): CommandSpec => verb('write', why);
const destroys = (why: string): CommandSpec => verb('destroy', why);
const when = (effect: Effect, why: string, options: VerbWhen['options'], operand?: string): VerbWhen => ({
  ...(options ? { options } : {}),
  ...(operand ? { operand } : {}),
  verb: { effect, why },
});
const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
const flag = (...names: string[]): OptionDecl => ({ names });
const harmless = (...names: string[]): OptionDecl => ({ names, harmless: true });
const aka = (names: string[], level: CommandSpec): Record<string, CommandSpec> => Object.fromEntries(names.map((n) => [n, level]));
/** Go's flag package: `-name` and `--name` are the same option. */
const goValued = (...names: string[]): OptionDecl => ({ names: names.flatMap((n) => [`-${n}`, `--${n}`]), value: 'required' });
const goFlag = (...names: string[]): OptionDecl => ({ names: names.flatMap((n) => [`-${n}`, `--${n}`]) });

const MIGRATE_UP = 'runs pending migrations forward';
const MIGRATE_DOWN = 'runs migrations backward: what they created is dropped, data included';
const STATUS = 'shows which migrations ran';

// ---- Standalone migration tools ----

const TOOLS: ProgramSpec[] = [
  {
    names: ['flyway'],
    family: 'migrations',
    summary: 'Flyway: versioned SQL migrations (`flyway [-key=value…] COMMAND…`)',
    options: [harmless('--help'), harmless('--version')],
    subcommands: {
      migrate: writes(MIGRATE_UP),
      baseline: writes('marks an existing schema as a baseline'),
      repair: writes('repairs the schema history table'),
      auth: writes('logs in'),
      clean: destroys('drops every object in the configured schemas'),
      undo: destroys('undoes the last migration, dropping what it created'),
      ...aka(['info', 'validate', 'check', 'snapshot', 'help', 'version'], reads(STATUS)),
    },
    // Several commands may follow one another (`flyway clean migrate`).
    when: [
      when('destroy', 'drops every object in the configured schemas', undefined, '^clean$'),
      when('destroy', 'undoes migrations', undefined, '^undo$'),
    ],
    examples: {
      block: ['flyway clean', 'flyway -url=jdbc:postgresql://db/app -user=app clean migrate', 'flyway info clean'],
      allow: ['flyway info', 'flyway -url=jdbc:postgresql://db/app migrate', 'flyway validate'],
    },
  },
  {
    names: ['liquibase'],
    family: 'migrations',
    summary: 'Liquibase: changelog-driven migrations (commands in camelCase or kebab-case)',
    options: [
      valued('--url'),
      valued('--username'),
      valued('--password'),
      valued('--changelog-file', '--changeLogFile'),
      valued('--defaults-file', '--defaultsFile'),
      valued('--log-level', '--logLevel'),
      valued('--search-path', '--searchPath'),
      valued('--classpath'),
      valued('--driver'),
      valued('--contexts', '--context-filter'),
      valued('--labels', '--label-filter'),
      valued('--tag'),
      valued('--count'),
      valued('--date'),
      valued('--reference-url', '--referenceUrl'),
      valued('--output-file', '--outputFile'),
      valued('--default-schema-name', '--defaultSchemaName'),
      { names: ['--sql'], value: 'required', role: PG_SQL },
      { names: ['--sql-file'], value: 'required', role: PG_SQL_FILE },
      harmless('-h', '--help'),
      harmless('-v', '--version'),
    ],
    subcommands: {
      ...aka(
        [
          'update',
          'update-count',
          'updateCount',
          'update-to-tag',
          'updateToTag',
          'update-one-changeset',
          'update-testing-rollback',
          'updateTestingRollback',
        ],
        writes(MIGRATE_UP),
      ),
      ...aka(
        [
          'rollback',
          'rollback-count',
          'rollbackCount',
          'rollback-to-date',
          'rollbackToDate',
          'rollback-one-changeset',
          'rollback-one-update',
          'rollback-to-update',
        ],
        destroys(MIGRATE_DOWN),
      ),
      ...aka(['drop-all', 'dropAll'], destroys('drops every object in the database')),
      ...aka(['execute-sql', 'executeSql'], writes('runs SQL')),
      ...aka(
        [
          'changelog-sync',
          'changelogSync',
          'changelog-sync-to-tag',
          'clear-checksums',
          'clearCheckSums',
          'tag',
          'release-locks',
          'releaseLocks',
          'mark-next-changeset-ran',
          'markNextChangeSetRan',
          'diff-changelog',
          'diffChangeLog',
          'generate-changelog',
          'generateChangeLog',
          'db-doc',
          'dbDoc',
          'init',
        ],
        writes('changes the changelog or its records'),
      ),
      ...aka(
        [
          'status',
          'history',
          'validate',
          'diff',
          'snapshot',
          'tag-exists',
          'list-locks',
          'listLocks',
          'unexpected-changesets',
          'update-sql',
          'updateSQL',
          'update-count-sql',
          'rollback-sql',
          'rollbackSQL',
          'rollback-count-sql',
          'rollback-to-date-sql',
          'future-rollback-sql',
          'futureRollbackSQL',
          'changelog-sync-sql',
          'calculate-checksum',
          'connect',
          'version',
          'help',
        ],
        reads('shows what would run, or what ran'),
      ),
    },
    examples: {
      block: [
        'liquibase dropAll',
        'liquibase --changelog-file=changelog.xml rollback-count --count=3',
        'liquibase execute-sql --sql="DROP TABLE audit_log"',
      ],
      allow: [
        'liquibase status',
        'liquibase --changelog-file=changelog.xml update',
        'liquibase update-sql',
        'liquibase rollback-sql --tag=v1',
      ],
    },
  },
  {
    names: ['dbmate'],
    family: 'migrations',
    summary: 'dbmate: plain-SQL migrations',
    options: [
      valued('-u', '--url'),
      valued('-e', '--env'),
      valued('--env-file'),
      valued('-d', '--migrations-dir'),
      valued('--migrations-table'),
      valued('-s', '--schema-file'),
      valued('--wait-timeout'),
      flag('--no-dump-schema'),
      flag('--strict'),
      flag('--verbose'),
      flag('--wait'),
      harmless('-h', '--help'),
      harmless('-v', '--version'),
    ],
    subcommands: {
      ...aka(['up', 'migrate'], writes(MIGRATE_UP)),
      create: writes('creates the database'),
      ...aka(['new', 'n'], writes('writes a new migration file')),
      load: writes('loads the schema file into the database'),
      ...aka(['rollback', 'down'], destroys(MIGRATE_DOWN)),
      drop: destroys('drops the database'),
      ...aka(['status', 'dump', 'wait', 'help'], reads(STATUS)),
    },
    examples: {
      block: ['dbmate drop', 'dbmate rollback', 'dbmate -u "$DATABASE_URL" down'],
      allow: ['dbmate up', 'dbmate status', 'dbmate new add_users'],
    },
  },
  {
    names: ['goose'],
    family: 'migrations',
    summary: 'goose: SQL and Go migrations (`goose [DRIVER DBSTRING] COMMAND`)',
    options: [
      goValued('dir', 'table', 'certfile', 'ssl-cert', 'ssl-key', 'env', 'timeout'),
      goFlag('v', 'h', 's', 'no-versioning', 'allow-missing', 'no-color', 'version'),
    ],
    subcommands: {
      ...gooseCommands(),
      // `goose postgres "$DATABASE_URL" down`: a driver and its connection string (often only known
      // when it runs) come first, so the command is found among the operands.
      ...aka(
        ['postgres', 'mysql', 'sqlite3', 'sqlite', 'mssql', 'redshift', 'tidb', 'clickhouse', 'vertica', 'ydb', 'turso', 'starrocks'],
        {
          when: [
            when('destroy', MIGRATE_DOWN, undefined, '^(down|down-to|redo|reset)$'),
            when('write', MIGRATE_UP, undefined, '^(up|up-by-one|up-to|create|fix)$'),
          ],
        },
      ),
    },
    examples: {
      block: ['goose reset', 'goose postgres "$DATABASE_URL" down', 'goose -dir migrations down-to 0'],
      allow: ['goose up', 'goose postgres "user=app dbname=app" status', 'goose postgres "$DATABASE_URL" up', 'goose create add_users sql'],
    },
  },
  {
    names: ['migrate'],
    family: 'migrations',
    summary: 'golang-migrate: `migrate -path DIR -database URL COMMAND`',
    options: [
      goValued('source', 'path', 'database', 'prefetch', 'lock-timeout'),
      goFlag('verbose'),
      { names: ['-version', '--version', '-help', '--help'], harmless: true },
    ],
    subcommands: {
      up: writes(MIGRATE_UP),
      create: writes('writes a new migration file'),
      version: reads('prints the current version'),
      down: destroys(MIGRATE_DOWN),
      drop: destroys('drops everything in the database'),
      force: destroys('overwrites the recorded version without running migrations, clearing the dirty flag'),
      goto: writes('migrates up or down to a version'),
    },
    examples: {
      block: [
        'migrate -path ./migrations -database "$DATABASE_URL" down -all',
        'migrate -database "$DATABASE_URL" drop -f',
        'migrate -path db/migrations -database postgres://localhost/app force 3',
      ],
      allow: [
        'migrate -path ./migrations -database "$DATABASE_URL" up',
        'migrate -database "$DATABASE_URL" version',
        'migrate create -ext sql -dir db/migrations add_users',
      ],
    },
  },
  {
    names: ['atlas'],
    family: 'migrations',
    summary: 'Atlas: declarative and versioned schema management',
    options: [
      valued('-u', '--url'),
      valued('--dev-url'),
      valued('--to'),
      valued('--env'),
      valued('-c', '--config'),
      valued('--var'),
      valued('--dir'),
      valued('--revisions-schema'),
      valued('--exclude'),
      valued('-s', '--schema'),
      flag('--auto-approve'),
      harmless('--dry-run'),
      harmless('-h', '--help'),
    ],
    subcommands: {
      schema: {
        subcommands: {
          apply: writes('changes the database to match the desired schema'),
          clean: destroys('drops every object in the database'),
          ...aka(['inspect', 'diff', 'test', 'lint'], reads('compares or shows schemas')),
          fmt: writes('formats schema files'),
          push: writes('pushes a schema to the registry'),
        },
      },
      migrate: {
        subcommands: {
          apply: writes(MIGRATE_UP),
          down: destroys(MIGRATE_DOWN),
          ...aka(['status', 'lint', 'validate', 'test'], reads(STATUS)),
          ...aka(
            ['diff', 'new', 'hash', 'push', 'set', 'import', 'edit', 'rm', 'rebase', 'checkpoint'],
            writes('changes the migration directory or its records'),
          ),
        },
      },
      ...aka(['version', 'license'], reads('prints information')),
      login: writes('logs in'),
      logout: writes('logs out'),
    },
    examples: {
      block: ['atlas schema clean -u "$DATABASE_URL" --auto-approve', 'atlas migrate down --env prod'],
      allow: [
        'atlas schema inspect -u "$DATABASE_URL"',
        'atlas migrate status --env prod',
        'atlas schema apply --dry-run -u "$DATABASE_URL" --to file://schema.hcl',
        'atlas migrate apply --env dev',
      ],
    },
  },
  {
    names: ['sqitch'],
    family: 'migrations',
    summary: 'Sqitch: dependency-ordered database changes',
    options: [
      valued('-C', '--chdir'),
      valued('-t', '--target'),
      valued('--plan-file', '-f'),
      valued('--top-dir'),
      valued('--registry'),
      valued('--db-user', '-u'),
      valued('--db-host', '-h'),
      valued('--db-port', '-p'),
      valued('--db-name', '-d'),
      flag('-y'),
      harmless('--help'),
      harmless('--version'),
    ],
    subcommands: {
      deploy: writes('deploys changes'),
      ...aka(['revert', 'rebase', 'checkout'], destroys('reverts changes, dropping what they created')),
      ...aka(['status', 'log', 'verify', 'plan', 'show', 'help'], reads(STATUS)),
      ...aka(
        ['add', 'rework', 'init', 'tag', 'bundle', 'target', 'engine', 'config', 'upgrade'],
        writes('changes the project or its registry'),
      ),
    },
    examples: {
      block: ['sqitch revert -y', 'sqitch rebase --onto @HEAD^3 -y'],
      allow: ['sqitch deploy', 'sqitch status', 'sqitch add users -n "Adds users"'],
    },
  },
  {
    names: ['yoyo', 'yoyo-migrate'],
    family: 'migrations',
    summary: 'yoyo-migrations: Python and SQL migrations',
    options: [
      valued('-d', '--database'),
      valued('-c', '--config'),
      valued('-r', '--revision'),
      valued('-m', '--match'),
      flag('-b', '--batch'),
      flag('-a', '--all'),
      flag('-f', '--force'),
      flag('-v'),
      flag('--no-config-file'),
      harmless('-h', '--help'),
    ],
    subcommands: {
      ...aka(['apply', 'develop', 'new', 'mark', 'unmark', 'break-lock', 'init'], writes(MIGRATE_UP)),
      ...aka(['rollback', 'reapply'], destroys(MIGRATE_DOWN)),
      list: reads(STATUS),
    },
    examples: {
      block: ['yoyo rollback --all --batch -d postgresql://localhost/app ./migrations'],
      allow: ['yoyo apply --batch -d postgresql://localhost/app ./migrations', 'yoyo list -d postgresql://localhost/app ./migrations'],
    },
  },
  {
    names: ['tern'],
    family: 'migrations',
    summary: 'tern: PostgreSQL migrations (`tern migrate --destination N`)',
    options: [
      valued('-m', '--migrations'),
      valued('-c', '--config'),
      valued('--conn-string'),
      valued('--host'),
      valued('--port'),
      valued('--user'),
      valued('--password'),
      valued('--database'),
      valued('--version-table'),
      harmless('-h', '--help'),
    ],
    subcommands: {
      migrate: {
        ...writes(MIGRATE_UP),
        options: [valued('-d', '--destination')],
        when: [when('destroy', 'migrates down: what later migrations created is dropped', [{ name: '-d', value: '^(0|-\\d+|\\$.*)$' }])],
      },
      status: reads(STATUS),
      ...aka(['new', 'renumber', 'init'], writes('writes migration files')),
      code: { subcommands: { install: writes('installs code packages'), '*': reads('compiles or snapshots code packages') } },
      version: reads('prints the version'),
    },
    examples: {
      block: ['tern migrate --destination 0', 'tern migrate -d -1 -m migrations'],
      allow: ['tern migrate', 'tern status -m migrations'],
    },
  },
  {
    names: ['pgroll'],
    family: 'migrations',
    summary: 'pgroll: zero-downtime PostgreSQL migrations',
    options: [
      valued('--postgres-url'),
      valued('--schema'),
      valued('--pgroll-schema'),
      valued('--lock-timeout'),
      valued('--role'),
      harmless('-h', '--help'),
      harmless('-v', '--version'),
    ],
    subcommands: {
      ...aka(['init', 'start', 'complete', 'migrate', 'baseline', 'pull'], writes(MIGRATE_UP)),
      rollback: destroys('rolls back the migration in progress, dropping what it created'),
      ...aka(['status', 'latest', 'convert'], reads(STATUS)),
    },
    examples: {
      block: ['pgroll rollback --postgres-url "$DATABASE_URL"'],
      allow: ['pgroll status', 'pgroll start migrations/01_users.json --complete'],
    },
  },
  {
    names: ['skeema'],
    family: 'migrations',
    summary: 'Skeema: declarative MySQL schema management',
    options: [
      valued('--host'),
      valued('-u', '--user'),
      valued('--schema'),
      valued('--temp-schema'),
      valued('--workspace'),
      { names: ['-p', '--password'], value: 'optional' },
      harmless('--help'),
    ],
    subcommands: {
      push: {
        ...writes('changes the database to match the schema files'),
        options: [harmless('--dry-run')],
        when: [when('destroy', 'lets the push drop tables and columns', [{ name: '--allow-unsafe' }])],
      },
      ...aka(['diff', 'lint', 'help', 'version'], reads('compares or checks schemas')),
      ...aka(['pull', 'format', 'init', 'add-environment', 'update'], writes('changes the schema files')),
    },
    examples: {
      block: ['skeema push production --allow-unsafe'],
      allow: ['skeema diff production', 'skeema push staging', 'skeema push production --allow-unsafe --dry-run'],
    },
  },
  {
    names: ['graphile-migrate'],
    family: 'migrations',
    summary: 'Graphile Migrate: SQL-first PostgreSQL migrations',
    options: [valued('-c', '--config'), flag('--shadow'), flag('--forceActions'), harmless('-h', '--help'), harmless('--version')],
    subcommands: {
      reset: {
        ...writes('recreates the database from the committed migrations'),
        when: [when('destroy', 'drops and recreates the database', [{ name: '--erase' }])],
      },
      ...aka(['migrate', 'watch', 'commit', 'uncommit', 'init'], writes(MIGRATE_UP)),
      ...aka(['status', 'compile'], reads(STATUS)),
      run: { operands: [PG_SQL_FILE] },
    },
    examples: { block: ['graphile-migrate reset --erase'], allow: ['graphile-migrate migrate', 'graphile-migrate status'] },
  },
  {
    names: ['mikro-orm', 'mikro-orm-esm'],
    family: 'migrations',
    summary: 'MikroORM CLI: schema, migrations and seeders',
    options: [
      valued('--config'),
      valued('--contextName'),
      flag('--run'),
      flag('--fk-checks'),
      valued('--schema'),
      harmless('--dump'),
      harmless('-h', '--help'),
      harmless('-v', '--version'),
    ],
    subcommands: {
      ...aka(['schema:drop', 'schema:fresh', 'migration:fresh'], destroys('drops the schema with its data')),
      'migration:down': destroys(MIGRATE_DOWN),
      ...aka(
        [
          'schema:create',
          'schema:update',
          'migration:create',
          'migration:up',
          'seeder:run',
          'seeder:create',
          'database:create',
          'cache:clear',
          'cache:generate',
          'generate-entities',
        ],
        writes(MIGRATE_UP),
      ),
      ...aka(['migration:list', 'migration:pending', 'migration:check', 'debug'], reads(STATUS)),
      'database:import': { operands: [PG_SQL_FILE] },
    },
    examples: {
      block: ['npx mikro-orm schema:drop --run', 'mikro-orm migration:fresh --seed'],
      allow: ['npx mikro-orm migration:up', 'mikro-orm schema:update --dump', 'mikro-orm migration:pending'],
    },
  },
];

/** goose's commands: up…/down…/reset/redo. */
function gooseCommands(): Record<string, CommandSpec> {
  return {
    ...aka(['up', 'up-by-one', 'up-to'], writes(MIGRATE_UP)),
    ...aka(['down', 'down-to', 'redo'], destroys(MIGRATE_DOWN)),
    reset: destroys('rolls back every migration'),
    ...aka(['status', 'version', 'validate'], reads(STATUS)),
    ...aka(['create', 'fix'], writes('writes migration files')),
  };
}

// ---- ORMs and framework CLIs ----

/** Rails' (and rake's) database tasks. */
const RAILS_DB: Record<string, CommandSpec> = {
  ...aka(
    ['db:drop', 'db:drop:all', 'db:purge', 'db:purge:all', 'db:truncate_all', 'db:test:purge'],
    destroys('drops or empties the database'),
  ),
  ...aka(
    ['db:reset', 'db:setup', 'db:schema:load', 'db:structure:load', 'db:migrate:reset', 'db:seed:replant', 'db:fixtures:load'],
    destroys('reloads the schema or data, replacing what is in the database'),
  ),
  ...aka(['db:rollback', 'db:migrate:down', 'db:migrate:redo'], destroys(MIGRATE_DOWN)),
  ...aka(
    [
      'db:migrate',
      'db:migrate:up',
      'db:create',
      'db:create:all',
      'db:seed',
      'db:prepare',
      'db:schema:dump',
      'db:structure:dump',
      'db:environment:set',
      'db:schema:cache:dump',
      'db:schema:cache:clear',
    ],
    writes(MIGRATE_UP),
  ),
  ...aka(['db:version', 'db:migrate:status', 'db:abort_if_pending_migrations'], reads(STATUS)),
};

/** A destructive database task anywhere among several (`rake db:drop db:create`). */
const RAILS_DESTROY_ANYWHERE = when(
  'destroy',
  'drops, resets or rolls back the database',
  undefined,
  '^db:(drop|purge|truncate_all|reset|setup|schema:load|structure:load|migrate:reset|seed:replant|fixtures:load|rollback|migrate:down|migrate:redo)(:|$)',
);

const FRAMEWORKS: ProgramSpec[] = [
  {
    names: ['prisma'],
    family: 'migrations',
    summary: 'Prisma CLI: migrations, schema push and raw SQL',
    options: [valued('--schema'), harmless('-h', '--help'), harmless('-v', '--version')],
    subcommands: {
      migrate: {
        subcommands: {
          dev: writes('creates and applies migrations'),
          deploy: writes(MIGRATE_UP),
          resolve: writes('marks migrations as applied or rolled back'),
          reset: destroys('drops the database and re-applies every migration'),
          ...aka(['status', 'diff'], reads(STATUS)),
        },
      },
      db: {
        subcommands: {
          push: {
            ...writes('changes the database to match the schema'),
            options: [flag('--force-reset', '--accept-data-loss', '--skip-generate')],
            when: [
              when('destroy', 'resets the database before pushing', [{ name: '--force-reset' }]),
              when('destroy', 'applies changes that lose data', [{ name: '--accept-data-loss' }]),
            ],
          },
          pull: writes('overwrites the schema file from the database'),
          seed: writes('runs the seed script'),
          execute: {
            ...writes('runs SQL'),
            options: [{ names: ['--file'], value: 'required', role: PG_SQL_FILE }, valued('--url'), flag('--stdin')],
            stdin: { kind: 'sql', dialect: 'postgresql' },
          },
        },
      },
      ...aka(['generate', 'init', 'format'], writes('writes generated code or files')),
      ...aka(['validate', 'studio', 'version', 'debug'], reads('checks or shows the schema')),
    },
    examples: {
      block: [
        'npx prisma migrate reset --force',
        'prisma db push --force-reset',
        'prisma db push --accept-data-loss',
        "npx prisma db execute --stdin <<< 'DROP TABLE users'",
      ],
      allow: [
        'npx prisma migrate dev --name add_users',
        'prisma migrate deploy',
        'prisma generate',
        'prisma migrate status',
        "prisma db execute --stdin <<< 'SELECT 1'",
      ],
    },
  },
  {
    names: ['rails'],
    projectScript: true,
    family: 'migrations',
    summary: 'Rails command line (also bin/rails): database tasks, console, runner, credentials',
    options: [valued('-e', '--environment'), harmless('-h', '--help'), harmless('-v', '--version')],
    subcommands: {
      ...RAILS_DB,
      runner: { operands: [RUBY] },
      r: { operands: [RUBY] },
      ...aka(['console', 'c'], { ...reads('opens a Ruby console in the app'), stdin: RUBY }),
      'credentials:show': verb('credential', 'prints the decrypted credentials'),
      'credentials:edit': writes('edits the encrypted credentials'),
      ...aka(['dbconsole', 'db'], writes("opens the database's own client")),
      ...aka(
        ['generate', 'g', 'destroy', 'd', 'new', 'assets:precompile', 'assets:clobber', 'tmp:clear', 'log:clear', 'cache:clear'],
        writes('writes or removes generated files'),
      ),
      ...aka(
        [
          'server',
          's',
          'test',
          't',
          'routes',
          'about',
          'stats',
          'notes',
          'middleware',
          'initializers',
          'runner:help',
          'zeitwerk:check',
          'time:zones',
        ],
        reads('runs or shows the app'),
      ),
    },
    when: [RAILS_DESTROY_ANYWHERE],
    examples: {
      block: [
        'rails db:drop',
        'bin/rails db:schema:load',
        'bundle exec rails db:rollback STEP=3',
        'bin/rails credentials:show',
        'rails db:migrate db:seed:replant',
      ],
      allow: ['rails db:migrate', 'bin/rails db:migrate:status', 'rails routes', 'rails test', "rails runner 'puts User.count'"],
    },
  },
  {
    names: ['rake'],
    family: 'migrations',
    summary: "Rake: runs tasks (Rails' database tasks among them); -e runs Ruby code",
    options: [
      valued('-f', '--rakefile'),
      valued('-C', '--directory'),
      valued('-I', '--libdir'),
      valued('-r', '--require'),
      valued('-j', '--jobs'),
      valued('-R', '--rakelibdir'),
      { names: ['-e', '--execute', '-p', '--execute-print', '-E', '--execute-continue'], value: 'required', role: RUBY },
      flag('-t', '--trace'),
      flag('-m', '--multitask'),
      flag('-q', '--quiet'),
      flag('-s', '--silent'),
      flag('-v', '--verbose'),
      flag('-g', '--system'),
      flag('-G', '--no-system'),
      flag('-N', '--no-search'),
      flag('-B', '--build-all'),
      harmless('-T', '--tasks'),
      harmless('-D', '--describe'),
      harmless('-P', '--prereqs'),
      harmless('-W', '--where'),
      harmless('-n', '--dry-run'),
      harmless('-V', '--version'),
      harmless('-h', '-H', '--help'),
    ],
    subcommands: RAILS_DB,
    when: [RAILS_DESTROY_ANYWHERE],
    examples: {
      block: ['bundle exec rake db:reset', 'rake db:drop db:create db:migrate', 'rake -e \'system("rm -rf ~")\''],
      allow: ['rake db:migrate', 'rake -T', 'bundle exec rake spec'],
    },
  },
  {
    names: ['manage.py', 'django-admin'],
    projectScript: true,
    family: 'migrations',
    summary: 'Django management commands (`python manage.py …`, `./manage.py …`, `django-admin …`)',
    options: [
      valued('--settings'),
      valued('--pythonpath'),
      valued('-v', '--verbosity'),
      flag('--traceback'),
      flag('--no-color'),
      flag('--force-color'),
      flag('--skip-checks'),
      flag('--noinput', '--no-input'),
      valued('--database'),
      harmless('-h', '--help'),
      harmless('--version'),
    ],
    subcommands: {
      ...aka(['flush', 'reset_db'], destroys('deletes every row of every table')),
      remove_stale_contenttypes: destroys('deletes content types, and the rows that point to them'),
      migrate: {
        ...writes(MIGRATE_UP),
        options: [flag('--fake'), flag('--fake-initial'), flag('--plan'), flag('--check')],
        when: [when('destroy', 'unapplies every migration of an app, dropping its tables', undefined, '^zero$')],
      },
      ...aka(
        [
          'makemigrations',
          'squashmigrations',
          'loaddata',
          'collectstatic',
          'createcachetable',
          'clearsessions',
          'startapp',
          'startproject',
          'compilemessages',
          'makemessages',
          'optimizemigration',
        ],
        writes('changes files or rows'),
      ),
      ...aka(['createsuperuser', 'changepassword'], verb('privilege', "creates an administrator or sets an account's password")),
      sendtestemail: verb('publish', 'sends an email'),
      dbshell: writes("opens the database's own client"),
      shell: {
        ...reads('opens a Python shell in the project'),
        options: [{ names: ['-c', '--command'], value: 'required', role: PYTHON }, valued('-i', '--interface')],
        stdin: PYTHON,
      },
      ...aka(
        [
          'runserver',
          'test',
          'check',
          'showmigrations',
          'sqlmigrate',
          'sqlflush',
          'sqlsequencereset',
          'dumpdata',
          'inspectdb',
          'diffsettings',
          'help',
          'version',
          'show_urls',
        ],
        reads('runs or shows the project'),
      ),
    },
    examples: {
      block: [
        'python manage.py flush --noinput',
        './manage.py migrate shop zero',
        'python3 manage.py createsuperuser --noinput --username admin',
        'python manage.py shell -c \'import shutil; shutil.rmtree("/")\'',
      ],
      allow: [
        'python manage.py migrate',
        'python manage.py makemigrations shop',
        './manage.py showmigrations',
        'python manage.py test',
        'django-admin check',
      ],
    },
  },
  {
    names: ['artisan'],
    projectScript: true,
    family: 'migrations',
    summary: "Laravel's Artisan (`php artisan …`): migrations, database, tinker",
    options: [
      valued('--env'),
      flag('-n', '--no-interaction'),
      flag('--force'),
      flag('-q', '--quiet'),
      flag('-v', '-vv', '-vvv', '--verbose'),
      flag('--ansi'),
      flag('--no-ansi'),
      harmless('-h', '--help'),
      harmless('-V', '--version'),
    ],
    subcommands: {
      ...aka(
        ['migrate:fresh', 'migrate:reset', 'migrate:refresh', 'db:wipe'],
        destroys('drops every table (and may run migrations again)'),
      ),
      'migrate:rollback': destroys(MIGRATE_DOWN),
      ...aka(
        [
          'migrate',
          'migrate:install',
          'db:seed',
          'schema:dump',
          'key:generate',
          'storage:link',
          'optimize',
          'optimize:clear',
          'config:cache',
          'config:clear',
          'cache:clear',
          'route:cache',
          'view:cache',
          'down',
          'up',
          'env:encrypt',
          'env:decrypt',
        ],
        writes("changes the app's state or files"),
      ),
      'migrate:status': reads(STATUS),
      db: writes("opens the database's own client"),
      tinker: { ...reads('opens a PHP shell in the app'), options: [{ names: ['--execute'], value: 'required', role: PHP }], stdin: PHP },
      ...aka(
        [
          'serve',
          'test',
          'about',
          'list',
          'env',
          'route:list',
          'db:show',
          'db:table',
          'db:monitor',
          'schedule:list',
          'queue:monitor',
          'model:show',
          'inspire',
        ],
        reads('runs or shows the app'),
      ),
    },
    examples: {
      block: ['php artisan migrate:fresh --seed', 'php artisan db:wipe --force', 'php artisan migrate:rollback --step=2'],
      allow: ['php artisan migrate', 'php artisan migrate:status', 'php artisan route:list', 'php artisan test'],
    },
  },
  {
    names: ['flask'],
    family: 'migrations',
    summary: "Flask CLI: run, shell, and Flask-Migrate's `flask db …`",
    options: [
      valued('-A', '--app'),
      valued('-e', '--env-file'),
      flag('--debug'),
      flag('--no-debug'),
      harmless('--help'),
      harmless('--version'),
    ],
    subcommands: {
      db: {
        options: [valued('-d', '--directory'), valued('-x', '--x-arg'), harmless('--sql')],
        subcommands: {
          downgrade: destroys(MIGRATE_DOWN),
          ...aka(['upgrade', 'migrate', 'revision', 'stamp', 'init', 'merge', 'edit'], writes(MIGRATE_UP)),
          ...aka(['current', 'history', 'heads', 'branches', 'show', 'check'], reads(STATUS)),
        },
      },
      shell: { ...reads('opens a Python shell in the app'), stdin: PYTHON },
      ...aka(['run', 'routes'], reads('runs or shows the app')),
    },
    examples: {
      block: ['flask db downgrade', 'flask --app shop db downgrade base'],
      allow: ['flask db upgrade', 'flask db current', 'flask run --debug', 'flask db downgrade --sql'],
    },
  },
  {
    names: ['alembic'],
    family: 'migrations',
    summary: 'Alembic: SQLAlchemy migrations',
    options: [
      valued('-c', '--config'),
      valued('-n', '--name'),
      valued('-x'),
      flag('--raiseerr'),
      flag('-q', '--quiet'),
      harmless('-h', '--help'),
      harmless('--version'),
    ],
    subcommands: {
      downgrade: { ...destroys(MIGRATE_DOWN), options: [harmless('--sql')] },
      upgrade: { ...writes(MIGRATE_UP), options: [harmless('--sql')] },
      ...aka(['stamp', 'revision', 'merge', 'edit', 'init', 'ensure_version'], writes('changes migration files or the recorded version')),
      ...aka(['current', 'history', 'heads', 'branches', 'show', 'check', 'list_templates'], reads(STATUS)),
    },
    examples: {
      block: ['alembic downgrade base', 'alembic downgrade -1'],
      allow: ['alembic upgrade head', 'alembic current', 'alembic downgrade -1 --sql', 'alembic revision --autogenerate -m "add users"'],
    },
  },
  {
    names: ['knex'],
    family: 'migrations',
    summary: 'Knex.js CLI: migrations and seeds',
    options: [
      valued('--knexfile'),
      valued('--cwd'),
      valued('--env'),
      valued('--specific'),
      valued('--migrations-directory'),
      valued('--client'),
      valued('--connection'),
      valued('-x'),
      flag('--esm'),
      flag('--debug'),
      flag('--all'),
      harmless('-h', '--help'),
      harmless('-V', '--version'),
    ],
    subcommands: {
      ...aka(['migrate:down', 'migrate:rollback'], destroys(MIGRATE_DOWN)),
      ...aka(['init', 'migrate:make', 'migrate:latest', 'migrate:up', 'migrate:unlock', 'seed:make', 'seed:run'], writes(MIGRATE_UP)),
      ...aka(['migrate:list', 'migrate:status'], reads(STATUS)),
    },
    examples: {
      block: ['npx knex migrate:rollback --all', 'knex migrate:down'],
      allow: ['npx knex migrate:latest', 'knex migrate:list', 'knex seed:make users'],
    },
  },
  {
    names: ['sequelize', 'sequelize-cli'],
    family: 'migrations',
    summary: 'Sequelize CLI: migrations, seeds and databases',
    options: [
      valued('--env'),
      valued('--config'),
      valued('--options-path'),
      valued('--migrations-path'),
      valued('--seeders-path'),
      valued('--models-path'),
      valued('--url'),
      valued('--to'),
      valued('--from'),
      valued('--name'),
      valued('--seed'),
      flag('--debug'),
      harmless('-h', '--help'),
      harmless('-v', '--version'),
    ],
    subcommands: {
      'db:drop': destroys('drops the database'),
      ...aka(['db:migrate:undo', 'db:migrate:undo:all', 'db:seed:undo', 'db:seed:undo:all'], destroys(MIGRATE_DOWN)),
      ...aka(
        [
          'db:migrate',
          'db:seed',
          'db:seed:all',
          'db:create',
          'init',
          'init:config',
          'init:migrations',
          'init:models',
          'init:seeders',
          'migration:generate',
          'migration:create',
          'model:generate',
          'model:create',
          'seed:generate',
          'seed:create',
        ],
        writes(MIGRATE_UP),
      ),
      'db:migrate:status': reads(STATUS),
    },
    examples: {
      block: ['npx sequelize-cli db:drop', 'sequelize db:migrate:undo:all'],
      allow: ['npx sequelize-cli db:migrate', 'sequelize db:migrate:status'],
    },
  },
  {
    names: ['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'],
    family: 'migrations',
    summary: 'TypeORM CLI: schema, migrations and raw queries',
    options: [valued('-d', '--dataSource'), harmless('-h', '--help'), harmless('-v', '--version')],
    subcommands: {
      'schema:drop': destroys('drops every table of the data source'),
      'migration:revert': destroys(MIGRATE_DOWN),
      ...aka(
        [
          'schema:sync',
          'migration:run',
          'migration:generate',
          'migration:create',
          'cache:clear',
          'entity:create',
          'subscriber:create',
          'init',
        ],
        writes(MIGRATE_UP),
      ),
      ...aka(['schema:log', 'migration:show', 'version'], reads(STATUS)),
      query: { operands: [PG_SQL] },
    },
    examples: {
      block: [
        'npx typeorm schema:drop -d src/data-source.ts',
        'npx typeorm-ts-node-commonjs migration:revert -d ./ds.ts',
        'typeorm query "DROP TABLE users"',
      ],
      allow: ['npx typeorm migration:run -d src/data-source.ts', 'typeorm migration:show -d ds.js', 'typeorm query "SELECT 1"'],
    },
  },
  {
    names: ['drizzle-kit'],
    family: 'migrations',
    summary: 'Drizzle Kit: migrations and schema push for Drizzle ORM',
    options: [
      valued('--config'),
      valued('--dialect'),
      valued('--schema'),
      valued('--out'),
      flag('--strict'),
      flag('--verbose'),
      harmless('--help'),
      harmless('--version'),
    ],
    subcommands: {
      push: {
        ...writes('changes the database to match the schema'),
        when: [when('destroy', 'applies statements that lose data without asking', [{ name: '--force' }])],
      },
      ...aka(['generate', 'migrate', 'pull', 'introspect', 'up', 'drop'], writes('writes or applies migrations')),
      ...aka(['check', 'studio', 'export'], reads('checks or shows the schema')),
    },
    examples: {
      block: ['npx drizzle-kit push --force'],
      allow: ['npx drizzle-kit generate', 'npx drizzle-kit migrate', 'npx drizzle-kit push'],
    },
  },
  {
    names: ['diesel'],
    family: 'migrations',
    summary: 'Diesel CLI: migrations and databases for Rust',
    options: [
      valued('--database-url'),
      valued('--config-file'),
      valued('--migration-dir'),
      flag('--locked-schema'),
      harmless('-h', '--help'),
      harmless('-V', '--version'),
    ],
    subcommands: {
      database: {
        subcommands: {
          setup: writes('creates the database and runs migrations'),
          ...aka(['reset', 'drop'], destroys('drops the database (and recreates it)')),
        },
      },
      migration: {
        subcommands: {
          run: writes(MIGRATE_UP),
          ...aka(['revert', 'redo'], destroys(MIGRATE_DOWN)),
          ...aka(['list', 'pending'], reads(STATUS)),
          generate: writes('writes a new migration'),
        },
      },
      setup: writes('creates the database and migrations folder'),
      ...aka(['print-schema', 'completions'], reads('prints the schema')),
    },
    examples: {
      block: ['diesel database reset', 'diesel migration revert --all'],
      allow: ['diesel migration run', 'diesel migration list', 'diesel print-schema'],
    },
  },
  {
    names: ['sqlx'],
    family: 'migrations',
    summary: 'SQLx CLI: migrations and databases for Rust',
    options: [
      valued('-D', '--database-url'),
      valued('--source'),
      valued('--connect-timeout'),
      flag('-y'),
      flag('--no-dotenv'),
      harmless('-h', '--help'),
      harmless('-V', '--version'),
    ],
    subcommands: {
      database: {
        subcommands: {
          ...aka(['create', 'setup'], writes('creates the database (and runs migrations)')),
          ...aka(['drop', 'reset'], destroys('drops the database (and recreates it)')),
        },
      },
      migrate: {
        subcommands: {
          run: writes(MIGRATE_UP),
          revert: destroys(MIGRATE_DOWN),
          info: reads(STATUS),
          ...aka(['add', 'build-script'], writes('writes migration files')),
        },
      },
      prepare: writes('writes query metadata'),
      completions: reads('prints completions'),
    },
    examples: {
      block: ['sqlx database drop -y', 'sqlx migrate revert'],
      allow: ['sqlx migrate run', 'sqlx migrate info', 'sqlx database create'],
    },
  },
];

export const MIGRATIONS: ProgramSpec[] = [...TOOLS, ...FRAMEWORKS];
