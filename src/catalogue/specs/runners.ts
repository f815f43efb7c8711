// Family: project and environment runners — programs that run a command from a project's
// environment, with a package fetched for the occasion, or with settings loaded (`npx`, `bundle
// exec`, `poetry run`, `dotenv --`). They stay commands of their own (they may install packages or
// read secrets) and the command they run is a command of the IR beside them, judged like any other.
// Their option sets are large and change between versions, so an option they do not declare is
// read as a flag (`unknown: 'flag'`, the default), as before; the command starts at the first
// operand. The runners of package managers with other subcommands (npm exec, pnpm dlx, yarn dlx,
// bun x, poetry run, …) are in their own specs (packages.ts, secrets.ts) with `RUNNER` levels.
import type { CommandSpec, OptionDecl, ProgramSpec } from '../spec.js';
import { condaSubcommands } from './package-managers.js';

const COMMAND = { kind: 'command' } as const;
const SCRIPT = { kind: 'script' } as const;

const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
const flag = (...names: string[]): OptionDecl => ({ names });

/** A level that runs the command its operands name, reading its options first. */
export function runnerLevel(options: OptionDecl[] = [], extra: CommandSpec = {}): CommandSpec {
  return { optionsFirst: true, options, operands: [{ ...COMMAND, rest: true }], ...extra };
}

function runner(names: string[], summary: string, level: CommandSpec, examples: { block: string[]; allow: string[] }): ProgramSpec {
  return { names, family: 'runners', summary, ...level, examples };
}

/**
 * npm's settings that take a value (@npmcli/config definitions): npx reads them all, by unique
 * prefix (nopt), so `npx --loglevel silent cmd` runs cmd, not `silent`. Any other option is a flag.
 */
const NPM_VALUED = (
  'access allow-directory allow-file allow-git allow-remote allow-scripts also audit-level auth-type before browser ca ' +
  'cache cache-max cache-min cafile cert cidr color cpu depth diff diff-dst-prefix diff-src-prefix diff-unified editor ' +
  'expect-result-count expires fetch-retries fetch-retry-factor fetch-retry-maxtimeout fetch-retry-mintimeout fetch-timeout git ' +
  'globalconfig heading https-proxy include init-author-email init-author-name init-author-url init-license init-module init-type ' +
  'init-version install-strategy key libc local-address lockfile-version loglevel logs-dir logs-max name maxsockets ' +
  'min-release-age min-release-age-exclude node-gyp node-options noproxy omit only orgs os otp pack-destination packages ' +
  'preid provenance-file proxy registry reg replace-registry-host save-prefix sbom-format sbom-type scope scopes ' +
  'packages-and-scopes-permission orgs-permission password token-description searchexclude searchlimit searchopts ' +
  'searchstaleness shell tag tag-version-prefix umask user-agent userconfig viewer which enjoy-by'
)
  .split(' ')
  // npm passes node-options to what it runs as NODE_OPTIONS.
  .map((n): OptionDecl => (n === 'node-options' ? { ...valued(`--${n}`), sets: 'NODE_OPTIONS' } : valued(`--${n}`)));

/** npx, bunx, pnpx: the package is fetched into a cache when needed, and its code runs (read_only refuses it). */
const FETCHES = { effect: 'change', why: 'fetches the package when needed and runs its code' } as const;

/** conda, mamba, micromamba: `run -n ENV cmd`. */
const CONDA_RUN = runnerLevel([
  valued('-n', '--name'),
  valued('-p', '--prefix'),
  { names: ['--cwd'], value: 'required', cwd: 'value' },
  flag('--no-capture-output'),
]);

export const RUNNERS: ProgramSpec[] = [
  {
    names: ['runuser'],
    family: 'runners',
    summary: 'runs a command (-u) or a shell (-c) as another user; needs root',
    options: [
      // `runuser -u user cmd`: the operands are a command; `runuser user -c '…'` is su's form (its own analysis).
      { names: ['-u', '--user'], value: 'required', operands: [{ ...COMMAND, rest: true }] },
      valued('-g', '--group'),
      valued('-G', '--supp-group'),
      valued('-s', '--shell'),
      valued('-w', '--whitelist-environment'),
      valued('-c', '--command'),
      valued('--session-command'),
      flag('-l', '--login'),
      flag('-m', '-p', '--preserve-environment'),
      flag('-P', '--pty'),
    ],
    optionsFirst: true,
    examples: {
      block: ['runuser -u www-data rm -rf ~', 'runuser -u app -- rm -rf /srv/app', "runuser app -c 'rm -rf ~'"],
      allow: ['runuser -u app -- ls /srv/app', "runuser app -c 'ls'"],
    },
  },
  runner(
    ['npx'],
    'runs a package binary, fetching the package when needed (or, with -c, a shell string)',
    runnerLevel(
      [
        valued('-p', '--package'),
        { names: ['-c', '--call'], value: 'required', role: SCRIPT },
        valued('-C', '--prefix'),
        valued('-w', '--workspace'),
        valued('-L', '--location'),
        valued('-m', '--message'),
        // The program that runs -c's string: another than a POSIX shell reads it as its own code.
        {
          names: ['--script-shell'],
          value: 'required',
          role: { kind: 'code', language: 'script-shell', inert: '^(/usr)?(/bin/)?(sh|bash|dash)$' },
        },
        ...NPM_VALUED,
        flag('-y', '--yes'),
        flag('--no'),
        flag('-q', '--quiet'),
      ],
      { prefixes: true, verb: FETCHES },
    ),
    {
      block: [
        'npx rimraf ~',
        "npx -c 'rm -rf ~'",
        'npx --yes sudo rm -rf /',
        'npx -p cowsay rm -rf ~',
        'npx --loglevel silent rm -rf ~',
        'npx --logl silent rm -rf ~',
        "npx --script-shell python3 -c 'print(1)'",
        "npx --node-options='--require ./x.js' tsc",
      ],
      allow: [
        'npx prettier --check .',
        'npx -y create-vite@latest app',
        'npx tsc --noEmit',
        'npx --node-options=--max-old-space-size=4096 tsc',
      ],
    },
  ),
  runner(
    ['bunx'],
    'runs a package binary with Bun, fetching it when needed',
    runnerLevel([valued('-p', '--package'), valued('--cwd'), flag('--bun')], { verb: FETCHES }),
    {
      block: ['bunx rimraf ~', 'bunx --bun rimraf ~', 'bunx --cwd x rimraf ~'],
      allow: ['bunx prettier --check .'],
    },
  ),
  runner(['pnpx'], 'runs a package binary with pnpm, fetching it when needed', runnerLevel([valued('--package')], { verb: FETCHES }), {
    block: ['pnpx rimraf ~'],
    allow: ['pnpx prettier --check .'],
  }),
  runner(
    ['bundle', 'bundler'],
    'Ruby Bundler: exec runs a command with the bundle',
    { options: [valued('--gemfile')], subcommands: { exec: runnerLevel([flag('--keep-file-descriptors')]) } },
    { block: ['bundle exec rm -rf ~', "bundle exec bash -c 'rm -rf ~'"], allow: ['bundle exec rspec', 'bundle install'] },
  ),
  runner(
    ['pipenv'],
    'Pipenv: run runs a command in the project virtualenv',
    { subcommands: { run: runnerLevel() } },
    { block: ['pipenv run rm -rf ~'], allow: ['pipenv run pytest', 'pipenv install'] },
  ),
  runner(
    ['pipx'],
    'pipx: run runs an application from a throwaway virtualenv',
    { subcommands: { run: runnerLevel([valued('--spec'), valued('--python'), valued('--pip-args'), flag('--no-cache')]) } },
    { block: ['pipx run rimraf ~', 'pipx run --spec x sudo rm -rf /'], allow: ['pipx run black --check .', 'pipx list'] },
  ),
  runner(
    ['conda', 'mamba', 'micromamba'],
    'conda: run runs a command in an environment',
    { subcommands: condaSubcommands(CONDA_RUN) },
    {
      block: ['conda run -n base rm -rf ~', 'micromamba run -n env rm -rf ~'],
      allow: ['conda run -n test pytest', 'conda env list'],
    },
  ),
  runner(
    ['dotenv'],
    'dotenv-cli: runs a command with variables loaded from .env files',
    // dotenv-cli reads its arguments with minimist: any option takes the next word unless it starts
    // with `-` (`dotenv -o x -- cmd` runs cmd), so options it does not know cannot be read.
    runnerLevel(
      [
        ...['-e', '-c', '-o', '--override', '-q', '--quiet'].map((n): OptionDecl => ({ names: [n], value: 'next' })),
        { names: ['-v'], value: 'next', assigns: true },
        { names: ['-p'], value: 'next', self: true },
        { names: ['--debug'], value: 'next', self: true },
        { names: ['--help'], value: 'next', self: true },
        flag('--no-expand'),
      ],
      { unknown: 'block' },
    ),
    {
      block: [
        'dotenv -- rm -rf ~',
        'dotenv -e .env.test rm -rf ~',
        'dotenv -o x -- rm -rf ~',
        'dotenv -c -e .env -- rm -rf ~',
        'dotenv --foo x -- rm -rf ~',
        "dotenv -v GIT_SSH_COMMAND='rm -rf ~' -- git fetch",
      ],
      allow: [
        'dotenv -- npm test',
        'dotenv -e .env.test -- jest',
        'dotenv -c test -- jest',
        'dotenv -v NODE_ENV=test -- jest',
        'dotenv -p PORT',
      ],
    },
  ),
  runner(
    ['env-cmd'],
    'env-cmd: runs a command with variables from an env file',
    runnerLevel([
      valued('-f', '--file'),
      valued('-r', '--rc-file'),
      valued('-e', '--environments'),
      flag('--silent'),
      flag('--fallback'),
      // The command's words, joined, run in a shell.
      { names: ['--use-shell'], operands: [{ ...SCRIPT, rest: 'joined' }] },
    ]),
    { block: ['env-cmd -f .env rm -rf ~', "env-cmd -f .env --use-shell 'rm -rf ~'"], allow: ['env-cmd -f .env.test npm test'] },
  ),
  // cross-env takes any word holding `NAME=` (its pattern is not anchored: `1=2`, `ls x=y`) for an assignment,
  // reads no options, and takes quotes out of the words it runs (`"r'm"` runs rm).
  runner(
    ['cross-env'],
    'cross-env: runs a command with the variables assigned before it',
    { assignments: 'cross-env', operands: [{ ...COMMAND, rest: true, unquote: 'cross-env' }] },
    {
      block: [
        'cross-env NODE_ENV=test rm -rf ~',
        "cross-env GIT_SSH_COMMAND='rm -rf ~' git fetch",
        "cross-env 'ls x=y' rm -rf ~",
        'cross-env "r\'m" -rf ~',
        "cross-env 'a GIT_SSH_COMMAND=rm -rf ~' git fetch",
        "cross-env --GIT_SSH_COMMAND='rm -rf ~' git fetch",
      ],
      allow: ['cross-env NODE_ENV=test jest', 'cross-env NODE_ENV=test jest -t "it\'s ok"', 'cross-env PORT=3000 node -e "console.log(1)"'],
    },
  ),
  runner(
    ['cross-env-shell'],
    'cross-env-shell: runs its words as a shell string with the variables assigned before them',
    { assignments: 'cross-env', operands: [{ ...SCRIPT, rest: 'joined', unquote: 'cross-env' }] },
    {
      block: [
        "cross-env-shell NODE_ENV=test 'rm -rf ~'",
        "cross-env-shell GIT_SSH_COMMAND='rm -rf ~' git fetch",
        'cross-env-shell "r\'m -rf ~"',
      ],
      allow: ["cross-env-shell NODE_ENV=test 'npm test && npm run lint'"],
    },
  ),
];
