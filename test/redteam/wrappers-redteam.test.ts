// Red team of the catalogue's wrappers, launchers and runners (2026-12-07), through a session's
// `check` under safe_defaults: each case is a shape where seatbelt read a program's arguments
// differently from the program itself, so the command that really runs went unjudged. Cases are
// data; nothing here runs them.
import { redTeamSuite, type Case } from './red-team.js';

const DYNAMIC = 'filesystem.recursive_delete_dynamic_target';

/** Refused under safe_defaults, by this rule. */
const BLOCK: Case[] = [
  // GNU env -S: `\_` outside double quotes separates words (`rm\_-rf\_/etc` is three words).
  ["env -S 'rm\\_-rf\\_/etc'", 'filesystem.recursive_delete_system'],
  ["env -S'rm\\_-rf\\_/home/user'", 'filesystem.recursive_delete_home'],
  ["env -S 'seatbelt\\_approve\\_1'", 'self_protection.guard_command'],
  // sudo -h HOST / -hHOST names a host; the command after it still runs.
  ['sudo -h devbox rm -rf ~', 'filesystem.recursive_delete_home'],
  ['sudo -uroot -hdevbox rm -rf /etc', 'filesystem.recursive_delete_system'],
  // A launcher that moves its command to another folder: relative targets are not the project's.
  ['systemd-run --working-directory=/ rm -rf etc', DYNAMIC],
  ['srun -D / rm -rf etc', DYNAMIC],
  ['nsenter --wd=/ rm -rf etc', DYNAMIC],
  ['conda run -n base --cwd / rm -rf etc', DYNAMIC],
  ["tmux new -d -c / 'rm -rf etc'", DYNAMIC],
  // npx reads every npm setting that takes a value, by unique prefix (nopt).
  ['npx --loglevel silent rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['npx --logl silent rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['npx -w pkg rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['npx --tag latest rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['npx --script-shell python3 -c \'import shutil; shutil.rmtree("/etc")\'', 'parse.unsupported_interpreter_code'],
  ['bunx --cwd x rm -rf /etc', 'filesystem.recursive_delete_system'],
  // dotenv-cli (minimist): any option takes the next word unless it starts with `-`; -v sets variables.
  ['dotenv -o x -- rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['dotenv -c -e .env -- rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['dotenv --foo x -- rm -rf /etc', 'parse.unknown_option'],
  ["dotenv -v GIT_SSH_COMMAND='rm -rf ~' -- git fetch", 'filesystem.recursive_delete_home'],
  ["dotenv -v BASH_ENV='$(rm -rf ~)' -- bash -c ls", 'filesystem.recursive_delete_home'],
  // env-cmd --use-shell runs the command's words as a shell string.
  ["env-cmd -f .env --use-shell 'rm -rf /etc'", 'filesystem.recursive_delete_system'],
  // cross-env's assignment pattern is not anchored: any word holding NAME= is one.
  ["cross-env 'ls x=y' rm -rf /etc", 'filesystem.recursive_delete_system'],
  ['cross-env 1=2 rm -rf /etc', 'filesystem.recursive_delete_system'],
  ['cross-env ./a=b rm -rf /etc', 'filesystem.recursive_delete_system'],
  // cross-env-shell runs its string with the variables exported: those that run code are judged.
  ["cross-env-shell BASH_ENV='$(rm -rf ~)' bash -c ls", 'filesystem.recursive_delete_home'],
  ["cross-env-shell GIT_SSH_COMMAND='rm -rf ~' git fetch", 'filesystem.recursive_delete_home'],
  // sqlite3 and DuckDB take a dot command by a prefix of its name; .import reads from a quoted "|cmd".
  ["sqlite3 app.db '.sy rm -rf ~'", 'databases.client_shell_escape'],
  ["duckdb app.db '.shel rm -rf ~'", 'databases.client_shell_escape'],
  ['sqlite3 app.db \'.import "|rm -rf ~" t\'', 'databases.client_shell_escape'],
];

/** Everyday commands of the same programs that must stay allowed. */
const ALLOW: string[] = [
  "cross-env BASH_ENV='rm -rf ~' bash -c ls", // BASH_ENV names a file; a file by that name does not exist
  "env -S 'bash -c rm\\_-rf\\_/etc'", // bash -c rm: rm alone, with $0 and $1 set
  'sudo -h',
  'sudo --help',
  'npx --yes create-vite@latest app',
  'npx --loglevel warn tsc --noEmit',
  'npx --script-shell bash -c "npm test"',
  'dotenv -e .env.test -- jest',
  'dotenv -c test -- jest',
  'dotenv -v NODE_ENV=test -- jest',
  'dotenv -p PORT',
  'env-cmd -f .env.test --use-shell "npm test && npm run lint"',
  'cross-env NODE_ENV=test jest',
  "cross-env-shell NODE_ENV=test 'npm test && npm run lint'",
  'systemd-run --user --working-directory=/srv/app npm start',
  'conda run -n test --cwd tests pytest -q',
  'tmux new -d -c /srv/app npm start',
  'sqlite3 app.db .sc',
  "sqlite3 app.db '.headers on' '.mode csv' 'select 1'",
];

redTeamSuite({ name: 'wrappers and runners red team', block: BLOCK, allow: ALLOW, allowTitle: 'everyday commands stay allowed' });
