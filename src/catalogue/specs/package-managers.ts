// Family: package-managers — the system's package managers (apt, dnf, apk, pacman, brew, snap) and
// language tools that install into this machine or a project (go, pip, composer, conda). Installing,
// upgrading, removing and refreshing indexes change this machine: their verb is `change`, which the
// read_only policy refuses; whether an install is risky is judged by the package rules
// (src/rules/shell/packages.ts). What only lists, searches or shows reads; a subcommand not declared
// here changes something (changingByDefault), and an option that only simulates (`apt-get -s`,
// `pip install --dry-run`) changes nothing.
import type { CommandSpec, ProgramSpec } from '../spec.js';
import { aka, changingByDefault, flag, harmless, reads, valued, when } from './builders.js';

const HELP = harmless('-h', '--help');
const INSTALLS = 'installs, upgrades or removes packages';

// ===== Go =====

/**
 * go's build flags are single-dash long names (`-race`, `-o out`); `-exec PROG` runs the built
 * binary through PROG and `-toolexec PROG` runs every compiler tool through it: commands of their own.
 */
const GO_BUILDING: CommandSpec = {
  clusters: false,
  options: [
    { names: ['-exec', '--exec'], value: 'required', role: { kind: 'script' } },
    { names: ['-toolexec', '--toolexec'], value: 'required', role: { kind: 'script' } },
    valued('-o', '--o'),
    valued('-C'),
  ],
};

const GO: ProgramSpec = {
  names: ['go'],
  family: 'package-managers',
  summary: 'Go: builds, tests and runs code, and fetches modules into the module cache',
  options: [valued('-C'), HELP],
  subcommands: changingByDefault(
    {
      ...aka(['version', 'doc', 'vet', 'list', 'help'], reads('prints versions, documentation, checks or package lists')),
      env: {
        ...reads('prints the Go environment'),
        options: [flag('-w'), flag('-u'), flag('-json')],
        when: [
          when('change', 'writes a setting into the Go environment file', [{ name: '-w' }]),
          when('change', 'removes a setting from the Go environment file', [{ name: '-u' }]),
        ],
      },
      mod: { subcommands: aka(['graph', 'why', 'verify'], reads('prints or checks the module graph')) },
      ...aka(['build', 'run', 'test', 'install', 'generate'], GO_BUILDING),
    },
    'builds, tests, runs code or changes modules and the module cache',
  ),
  examples: {
    block: ['go test -exec "rm -rf ~" ./...', 'go run -exec \'sh -c "rm -rf ~"\' .', 'go build -toolexec "rm -rf ~" ./...'],
    allow: [
      'go build ./...',
      'go test -race -count=1 ./...',
      'go test -exec "sudo -n true" ./...',
      'go test ./...',
      'go vet ./...',
      'go env GOPATH',
      'go mod tidy',
    ],
  },
};

// ===== Python: pip =====

const PIP: ProgramSpec = {
  names: ['pip', 'pip3'],
  family: 'package-managers',
  summary: 'pip: installs and removes Python packages',
  options: [
    valued('--python'),
    valued('--log'),
    valued('--proxy'),
    valued('--retries'),
    valued('--timeout'),
    valued('--exists-action'),
    valued('--trusted-host'),
    valued('--cert'),
    valued('--client-cert'),
    valued('--cache-dir'),
    valued('--use-feature'),
    valued('--use-deprecated'),
    flag('-v', '--verbose'),
    flag('-q', '--quiet'),
    flag('--isolated'),
    flag('--no-cache-dir'),
    flag('--disable-pip-version-check'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(['list', 'show', 'freeze', 'check', 'search', 'inspect', 'debug', 'hash', 'help'], reads('lists, shows or checks packages')),
      index: { subcommands: { versions: reads('lists the versions of a package on the index') } },
      cache: { subcommands: aka(['dir', 'info', 'list'], reads("shows pip's cache")) },
      config: { subcommands: aka(['list', 'get', 'debug'], reads("shows pip's settings")) },
      install: { options: [harmless('--dry-run'), valued('-r', '--requirement'), valued('-c', '--constraint'), valued('-t', '--target')] },
    },
    INSTALLS,
  ),
  examples: {
    block: ['pip install -r requirements.txt && rm -rf ~'],
    allow: ['pip list', 'pip show requests', 'pip freeze', 'pip install -r requirements.txt', 'pip3 --version'],
  },
};

// ===== System package managers =====

/** apt's and apt-get's options that only simulate. */
const APT_SIMULATE = harmless('-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act');

const APT: ProgramSpec = {
  names: ['apt', 'apt-get'],
  family: 'package-managers',
  summary: "Debian's package manager: installs, upgrades and removes system packages",
  options: [
    valued('-o', '--option'),
    valued('-c', '--config-file'),
    valued('-t', '--target-release', '--default-release'),
    valued('-a', '--host-architecture'),
    flag('-y', '--yes', '--assume-yes'),
    flag('-q', '--quiet'),
    APT_SIMULATE,
    HELP,
    harmless('-v', '--version'),
  ],
  subcommands: changingByDefault(
    aka(
      ['list', 'search', 'show', 'showsrc', 'policy', 'madison', 'depends', 'rdepends', 'check', 'changelog', 'help'],
      reads('lists, searches or shows packages'),
    ),
    INSTALLS,
  ),
  examples: {
    block: ['sudo apt-get install -y curl && rm -rf ~'],
    allow: ['apt list --installed', 'apt show curl', 'apt-get install -y jq', 'apt-get -s upgrade', 'apt policy curl'],
  },
};

const DNF: ProgramSpec = {
  names: ['dnf', 'yum', 'dnf5', 'microdnf'],
  family: 'package-managers',
  summary: "Fedora's and RHEL's package manager: installs, upgrades and removes system packages",
  options: [
    valued('-c', '--config'),
    valued('--setopt'),
    valued('--installroot'),
    valued('--releasever'),
    valued('--enablerepo'),
    valued('--disablerepo'),
    valued('--repo', '--repoid'),
    valued('-x', '--exclude'),
    flag('-y', '--assumeyes'),
    flag('-q', '--quiet'),
    harmless('--assumeno'),
    HELP,
    harmless('--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(
        [
          'list',
          'info',
          'search',
          'check',
          'check-update',
          'repolist',
          'repoinfo',
          'repoquery',
          'provides',
          'whatprovides',
          'deplist',
          'updateinfo',
          'version',
          'help',
        ],
        reads('lists, searches or shows packages'),
      ),
      history: { subcommands: aka(['list', 'info', 'summary', 'userinstalled'], reads('shows the transaction history')) },
    },
    INSTALLS,
  ),
  examples: {
    block: ['sudo dnf install -y git; rm -rf ~'],
    allow: ['dnf list installed', 'dnf info git', 'yum search nginx', 'dnf install -y git', 'dnf history'],
  },
};

const APK: ProgramSpec = {
  names: ['apk'],
  family: 'package-managers',
  summary: "Alpine's package manager: adds, upgrades and deletes system packages",
  options: [
    valued('-X', '--repository'),
    valued('-p', '--root'),
    valued('--arch'),
    valued('--cache-dir'),
    valued('--keys-dir'),
    valued('-t', '--virtual'),
    flag('-q', '--quiet'),
    flag('-v', '--verbose'),
    flag('--no-cache'),
    harmless('-s', '--simulate'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    aka(
      ['info', 'list', 'search', 'policy', 'version', 'dot', 'stats', 'audit', 'verify', 'manifest'],
      reads('lists, searches or shows packages'),
    ),
    INSTALLS,
  ),
  examples: {
    block: ['apk add --no-cache curl && rm -rf /'],
    allow: ['apk info', 'apk search curl', 'apk add --no-cache curl', 'apk add -s curl'],
  },
};

const PACMAN: ProgramSpec = {
  names: ['pacman'],
  family: 'package-managers',
  summary: "Arch Linux's package manager: the operation is an option (-S sync, -R remove, -U upgrade, -Q query, -F files, -D database)",
  options: [
    flag('-S', '--sync'),
    flag('-R', '--remove'),
    flag('-U', '--upgrade'),
    flag('-Q', '--query'),
    flag('-F', '--files'),
    flag('-D', '--database'),
    flag('-T', '--deptest'),
    flag('-s', '--search', '--recursive'),
    flag('-i', '--info'),
    flag('-l', '--list'),
    flag('-g', '--groups'),
    flag('-p', '--print', '--file'),
    flag('-y', '--refresh'),
    valued('-r', '--root'),
    valued('-b', '--dbpath'),
    valued('--cachedir'),
    valued('--config'),
    valued('--arch'),
    valued('--gpgdir'),
    valued('--hookdir'),
    valued('--logfile'),
    valued('--overwrite'),
    valued('--ignore'),
    valued('--ignoregroup'),
    valued('--assume-installed'),
    valued('--sysroot'),
    valued('--color'),
    HELP,
    harmless('-V', '--version'),
  ],
  when: [
    // -S with -s, -i, -l, -g or -p searches, shows or prints; otherwise it installs or upgrades.
    {
      options: [{ name: '-S' }],
      unless: { options: ['-s', '-i', '-l', '-g', '-p'].map((name) => ({ name })) },
      verb: { effect: 'change', why: 'installs or upgrades packages' },
    },
    { options: [{ name: '-R' }], unless: { options: [{ name: '-p' }] }, verb: { effect: 'change', why: 'removes packages' } },
    { options: [{ name: '-U' }], unless: { options: [{ name: '-p' }] }, verb: { effect: 'change', why: 'installs package files' } },
    when('change', "changes the package database's records", [{ name: '-D' }]),
    when('change', 'downloads the file databases', [{ name: '-F' }, { name: '-y' }]),
  ],
  examples: {
    block: ['sudo pacman -Syu --noconfirm; rm -rf ~'],
    allow: ['pacman -Q', 'pacman -Qi linux', 'pacman -Ss nginx', 'pacman -Si nginx', 'pacman -S --noconfirm git', 'pacman -Rns foo'],
  },
};

const BREW: ProgramSpec = {
  names: ['brew'],
  family: 'package-managers',
  summary: 'Homebrew: installs, upgrades and removes formulae and casks',
  options: [
    // These print a path or the settings whatever follows (`brew --prefix jq`).
    harmless('--prefix', '--cellar', '--repository', '--repo', '--cache', '--env', '--config', '--caskroom'),
    flag('-v', '--verbose'),
    flag('-d', '--debug'),
    flag('-q', '--quiet'),
    HELP,
    harmless('--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(
        [
          'list',
          'ls',
          'info',
          'abv',
          'search',
          'desc',
          'deps',
          'uses',
          'leaves',
          'outdated',
          'config',
          'doctor',
          'dr',
          'home',
          'homepage',
          'cat',
          'log',
          'formulae',
          'casks',
          'commands',
          'shellenv',
          'tap-info',
          'help',
        ],
        reads('lists, searches or shows formulae, or checks the installation'),
      ),
      services: { subcommands: aka(['list', 'info'], reads('lists services')) },
      bundle: {
        verb: { effect: 'change', why: 'installs what the Brewfile lists' },
        subcommands: aka(['check', 'list'], reads('checks the Brewfile')),
      },
    },
    INSTALLS,
  ),
  examples: {
    block: ['brew install jq && rm -rf ~'],
    allow: ['brew list', 'brew info jq', 'brew --prefix jq', 'brew install jq', 'brew doctor'],
  },
};

const SNAP: ProgramSpec = {
  names: ['snap'],
  family: 'package-managers',
  summary: 'snapd: installs, refreshes and removes snaps',
  options: [HELP, harmless('--version')],
  subcommands: changingByDefault(
    {
      ...aka(
        [
          'list',
          'info',
          'find',
          'search',
          'version',
          'help',
          'connections',
          'interfaces',
          'services',
          'logs',
          'changes',
          'tasks',
          'aliases',
          'warnings',
          'known',
          'model',
          'get',
          'whoami',
          'saved',
          'debug',
        ],
        reads('lists or shows snaps, services and changes'),
      ),
      refresh: { options: [harmless('--list')] },
    },
    INSTALLS,
  ),
  examples: {
    block: ['sudo snap install code --classic; rm -rf ~'],
    allow: ['snap list', 'snap info code', 'snap refresh --list', 'snap install code --classic'],
  },
};

// ===== PHP: Composer =====

const COMPOSER_READS = aka(
  [
    'show',
    'info',
    'search',
    'help',
    'list',
    'outdated',
    'depends',
    'why',
    'prohibits',
    'why-not',
    'licenses',
    'validate',
    'check-platform-reqs',
    'audit',
    'diagnose',
    'status',
    'fund',
    'suggests',
    'about',
  ],
  reads('shows, searches or checks packages'),
);

const COMPOSER: ProgramSpec = {
  names: ['composer'],
  family: 'package-managers',
  summary: "Composer: installs PHP packages into a project (and its global home), runs a project's scripts",
  options: [
    valued('-d', '--working-dir'),
    flag('-n', '--no-interaction'),
    flag('-q', '--quiet'),
    flag('--no-ansi'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...COMPOSER_READS,
      // `composer config` alone lists; `composer config KEY VALUE` sets.
      config: {
        operands: [{ kind: 'data' }, { kind: 'data', rest: true }],
        options: [flag('-l', '--list'), flag('-g', '--global')],
        when: [{ operand: '.', unless: { options: [{ name: '-l' }] }, verb: { effect: 'change', why: "changes Composer's settings" } }],
        verb: { effect: 'read', why: "shows Composer's settings" },
      },
      install: { options: [harmless('--dry-run')] },
      update: { options: [harmless('--dry-run')] },
      require: { options: [harmless('--dry-run')] },
      remove: { options: [harmless('--dry-run')] },
    },
    INSTALLS,
  ),
  examples: {
    block: ['composer install && rm -rf ~'],
    allow: ['composer show', 'composer outdated', 'composer install', 'composer update --dry-run'],
  },
};

// ===== conda, mamba, micromamba (their `run` is in runners.ts) =====

/** conda's subcommands: `run` runs a command in an environment; what lists or shows reads. */
export function condaSubcommands(run: CommandSpec): Record<string, CommandSpec> {
  return changingByDefault(
    {
      run,
      ...aka(
        ['list', 'info', 'search', 'help', 'doctor', 'compare', 'notices'],
        reads('lists, searches or shows packages and environments'),
      ),
      env: { subcommands: aka(['list', 'export'], reads('lists or exports environments')) },
      config: {
        ...reads("shows conda's settings"),
        options: ['--set', '--add', '--append', '--prepend', '--remove', '--remove-key'].map((n) => flag(n)),
        when: ['--set', '--add', '--append', '--prepend', '--remove', '--remove-key'].map((name) =>
          when('change', "changes conda's settings", [{ name }]),
        ),
      },
      install: { options: [harmless('--dry-run', '-d')] },
      create: { options: [harmless('--dry-run', '-d')] },
      update: { options: [harmless('--dry-run', '-d')] },
    },
    'installs, updates or removes packages or environments',
  );
}

export const PACKAGE_MANAGERS: ProgramSpec[] = [GO, PIP, APT, DNF, APK, PACMAN, BREW, SNAP, COMPOSER];
