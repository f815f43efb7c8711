// Framework and migration-tool commands that drop, reset or wipe a database (rails db:drop,
// manage.py flush, prisma migrate reset, artisan migrate:fresh, …), also behind npx/bundle exec.
import type { SimpleCommand } from '../../core/ir.js';
import { nameOf } from './programs.js';
import { effectiveArgv, isScriptRunner } from './runners.js';

/** Framework and migration-tool commands that drop, reset or wipe a database. */
const FRAMEWORK_DROPS: [RegExp, RegExp][] = [
  [/^(rails|rake)$/, /^db:(drop|reset|purge|truncate_all|schema:load|structure:load|migrate:reset|seed:replant)(:|$)/],
  [/^(manage\.py|django-admin)$/, /^(flush|reset_db|sqlflush)$/],
  [/^prisma$/, /^(reset|--force-reset|--accept-data-loss)$/],
  [/^artisan$/, /^(migrate:fresh|migrate:reset|migrate:refresh|db:wipe)$/],
  [/^(sequelize|sequelize-cli)$/, /^(db:drop|db:migrate:undo:all)$/],
  [/^typeorm(-ts-node-\w+)?$/, /^schema:drop$/],
  [/^mix$/, /^ecto\.(drop|reset)$/],
  [/^(diesel|sqlx)$/, /^(reset|drop)$/],
  [/^supabase$/, /^reset$/],
  [/^drizzle-kit$/, /^drop$/],
];

const FRAMEWORK_ENTRY =
  /^(rails|rake|manage\.py|django-admin|artisan|npx|bunx|pnpx|pnpm|yarn|bun|bundle|poetry|pipenv|uv|pdm|hatch|prisma|sequelize(-cli)?|typeorm.*|mix|diesel|sqlx|supabase|drizzle-kit|dotnet|alembic|flask|knex)$/;

export function frameworkDrops(cmd: SimpleCommand): boolean {
  if (!FRAMEWORK_ENTRY.test(nameOf(cmd)) && !isScriptRunner(nameOf(cmd))) return false;
  const [prog = '', ...args] = effectiveArgv(cmd);
  if (prog === 'dotnet') return args[0] === 'ef' && args[1] === 'database' && args[2] === 'drop';
  if (prog === 'alembic' || (prog === 'flask' && args[0] === 'db')) return args.includes('downgrade') && args.includes('base');
  if (prog === 'manage.py' && args[0] === 'migrate' && args[2] === 'zero') return true;
  if (prog === 'knex') return args.includes('migrate:rollback') && args.includes('--all');
  return FRAMEWORK_DROPS.some(([p, verb]) => p.test(prog) && args.some((a) => verb.test(a)));
}
