// Family: packages — publishing to package registries and app stores. A published version is out
// of reach once people install it: publishing, deprecating, moving dist-tags and releasing are
// `publish`; unpublishing and yanking destroy; owners, teams, access levels and tokens change who
// can publish (privilege, credential). Installing, building and testing `change` (read_only refuses
// them; whether an install is risky is judged by src/rules/shell/packages.ts): a subcommand not
// declared as reading changes (changingByDefault). The levels that run a command (`npm exec`,
// `pnpm dlx`, `poetry run`: see runners.ts) are followed by the IR. A dry run (`--dry-run`,
// `--snapshot`, `--preview`) changes nothing. The system package managers, go, pip and composer
// are in package-managers.ts.
import type { CommandSpec, OptionDecl, ProgramSpec } from '../spec.js';
import { aka, COMMAND, flag, harmless, publishes, reads, SCRIPT, valued, verb, when, writes, changingByDefault } from './builders.js';
import { runnerLevel } from './runners.js';

const DRY_RUN = harmless('--dry-run');
const HELP = harmless('-h', '--help');

// ===== JavaScript: npm, pnpm, yarn, bun, lerna, changesets, release tools =====

const NPM_PUBLISH: CommandSpec = {
  ...publishes('publishes the package to the registry'),
  options: [valued('--tag'), valued('--access'), valued('--otp'), flag('--provenance')],
};
const NPM_OWNER: CommandSpec = {
  subcommands: {
    ...aka(['add'], verb('privilege', 'lets a user publish the package')),
    ...aka(['rm', 'remove'], verb('privilege', 'removes a maintainer')),
    ...aka(['ls', 'list'], reads('lists maintainers')),
  },
};
const NPM_DIST_TAG: CommandSpec = {
  subcommands: {
    add: publishes('points a dist-tag (what installs get) at a version'),
    ...aka(['rm', 'remove'], publishes('removes a dist-tag that installs use')),
    ...aka(['ls', 'list'], reads('lists dist-tags')),
  },
};
const NPM_ACCESS: CommandSpec = {
  subcommands: {
    ...aka(['list', 'ls', 'get', 'ls-packages', 'ls-collaborators'], reads('shows who can access packages')),
    ...aka(
      ['grant', 'revoke', 'set', 'public', 'restricted', '2fa-required', '2fa-not-required', 'edit'],
      verb('privilege', 'changes who can access or publish a package'),
    ),
  },
};
const NPM_TOKEN: CommandSpec = {
  subcommands: {
    create: verb('credential', 'creates a registry token and prints it'),
    ...aka(['list', 'ls'], reads('lists tokens')),
    ...aka(['revoke', 'rm'], writes('revokes a token')),
  },
};
const NPM_TEAM: CommandSpec = {
  subcommands: { ...aka(['ls', 'list'], reads('lists teams and members')), '*': verb('privilege', 'changes teams and their members') },
};
const NPM_ORG: CommandSpec = {
  subcommands: {
    ...aka(['ls', 'list'], reads('lists organisation members')),
    '*': verb('privilege', 'changes organisation membership and roles'),
  },
};
const NPM_PROFILE: CommandSpec = {
  subcommands: { get: reads('shows the profile'), '*': verb('privilege', "changes the account's password, email or two-factor settings") },
};
const NPM_CONFIG: CommandSpec = {
  subcommands: {
    get: {
      ...reads('prints a setting'),
      when: [when('credential', 'prints a registry credential', undefined, '_auth(Token)?$|_password$|:_auth')],
    },
    ...aka(['list', 'ls'], reads('lists settings with credentials hidden')),
    ...aka(['set', 'delete', 'rm', 'edit', 'fix'], writes('changes settings')),
  },
};

/** The registry commands npm has, which pnpm passes to npm. */
const NPM_REGISTRY: Record<string, CommandSpec> = {
  publish: NPM_PUBLISH,
  unpublish: verb('destroy', 'removes published versions (or the whole package) from the registry'),
  deprecate: publishes('marks versions deprecated for everyone who installs them'),
  'dist-tag': NPM_DIST_TAG,
  'dist-tags': NPM_DIST_TAG,
  owner: NPM_OWNER,
  author: NPM_OWNER,
  access: NPM_ACCESS,
  token: NPM_TOKEN,
  team: NPM_TEAM,
  org: NPM_ORG,
  profile: NPM_PROFILE,
  ...aka(['star', 'unstar', 'hook'], writes('changes registry metadata')),
  ...aka(['adduser', 'add-user', 'login', 'logout'], writes('logs in or out of the registry')),
  whoami: reads('prints the logged-in user'),
};

/** npm takes unique abbreviations of command names (`npm pub` is `npm publish`). */
const NPM_ABBREVIATIONS: Record<string, CommandSpec> = {
  'pu*': NPM_PUBLISH,
  'unp*': NPM_REGISTRY.unpublish!,
  'dep*': NPM_REGISTRY.deprecate!,
  'dis*': NPM_DIST_TAG,
  distTag: NPM_DIST_TAG,
  'ow*': NPM_OWNER,
  'aut*': NPM_OWNER,
  'ac*': NPM_ACCESS,
  'to*': NPM_TOKEN,
  'tea*': NPM_TEAM,
  'or*': NPM_ORG,
  'pro*': NPM_PROFILE,
  c: NPM_CONFIG,
  'con*': NPM_CONFIG,
};

const NPM_OPTIONS: OptionDecl[] = [
  valued('--registry'),
  valued('--prefix', '-C'),
  valued('-w', '--workspace'),
  valued('--otp'),
  valued('--userconfig'),
  valued('--globalconfig'),
  valued('--cache'),
  valued('--loglevel'),
  valued('--scope'),
  valued('--auth-type'),
  valued('--before'),
  valued('--include'),
  valued('--omit'),
  valued('--install-strategy'),
  valued('--script-shell'),
  valued('--node-options'),
  valued('--location'),
  valued('--tag'),
  valued('--access'),
  flag('-g', '--global'),
  flag('--workspaces', '-ws'),
  flag('-y', '--yes'),
  flag('-f', '--force'),
  flag('-s', '--silent'),
  flag('-q', '--quiet'),
  flag('-d'),
  flag('--json'),
  DRY_RUN,
  HELP,
  harmless('-v', '--version'),
];

/** `npm exec`: runs a package binary (fetching the package when needed), or with -c a shell string. */
const NPM_EXEC: CommandSpec = runnerLevel([valued('--package'), { names: ['-c', '--call'], value: 'required', role: SCRIPT }]);

/** `pnpm exec`, `pnpm dlx`: with -c (--shell-mode) the words are one shell string. */
const PNPM_EXEC: CommandSpec = runnerLevel([
  valued('--package'),
  { names: ['-c', '--shell-mode'], operands: [{ ...SCRIPT, rest: 'joined' }] },
  flag('--parallel'),
  flag('--no-reporter-hide-prefix'),
]);

const NPM: ProgramSpec = {
  names: ['npm'],
  family: 'packages',
  summary: 'npm: registry commands (publish, unpublish, dist-tags, owners, access, tokens)',
  options: NPM_OPTIONS,
  subcommands: { ...NPM_ABBREVIATIONS, ...NPM_REGISTRY, config: NPM_CONFIG, ...aka(['exec', 'x'], NPM_EXEC) },
  examples: {
    block: [
      'npm exec -- rm -rf ~',
      "npm exec -c 'rm -rf ~'",
      'npm publish',
      'npm publish --access public --tag next',
      'npm pub',
      'npm unpublish left-pad@1.0.0',
      'npm deprecate left-pad@"<2" "use v2"',
      'npm dist-tag add left-pad@2.0.0 latest',
      'npm owner add eve left-pad',
      'npm token create',
      'npm access set status=public @acme/lib',
      'npm --registry https://r.x.io publish',
    ],
    allow: [
      'npm install',
      'npm ci',
      'npm test',
      'npm run build',
      'npm publish --dry-run',
      'npm pack',
      'npm whoami',
      'npm owner ls left-pad',
      'npm dist-tag ls left-pad',
      'npm token list',
      'npm config list',
      'npm config get registry',
      'npm view left-pad versions',
    ],
  },
};

const PNPM: ProgramSpec = {
  names: ['pnpm'],
  family: 'packages',
  summary: 'pnpm: publishing, and the registry commands it passes to npm',
  options: [
    valued('--filter', '-F'),
    valued('-C', '--dir'),
    valued('-w', '--workspace-root'),
    valued('--registry'),
    valued('--reporter'),
    valued('--loglevel'),
    valued('--otp'),
    valued('--tag'),
    valued('--access'),
    valued('--publish-branch'),
    flag('-r', '--recursive'),
    flag('--no-git-checks'),
    flag('--force'),
    DRY_RUN,
    HELP,
    harmless('-v', '--version'),
  ],
  subcommands: { ...NPM_REGISTRY, config: NPM_CONFIG, ...aka(['exec', 'dlx'], PNPM_EXEC) },
  examples: {
    block: [
      'pnpm dlx rimraf ~',
      "pnpm exec -c 'rm -rf ~'",
      'pnpm publish',
      'pnpm -r publish --access public',
      'pnpm --filter @acme/lib publish --no-git-checks',
      'pnpm unpublish @acme/lib@1.0.0',
    ],
    allow: ['pnpm exec tsc --noEmit', 'pnpm install', 'pnpm test', 'pnpm run build', 'pnpm publish --dry-run', 'pnpm -r publish --dry-run'],
  },
};

const YARN: ProgramSpec = {
  names: ['yarn', 'yarnpkg'],
  family: 'packages',
  summary: 'Yarn: publishing (classic `yarn publish`, modern `yarn npm publish`), tags and owners',
  options: [
    valued('--cwd'),
    valued('--registry'),
    valued('--otp'),
    valued('--tag'),
    valued('--access'),
    valued('--new-version'),
    flag('--non-interactive'),
    flag('--frozen-lockfile'),
    flag('--immutable'),
    DRY_RUN,
    HELP,
    harmless('-v', '--version'),
  ],
  subcommands: {
    ...aka(['exec', 'dlx'], runnerLevel([valued('-p', '--package'), flag('-q', '--quiet')])),
    publish: publishes('publishes the package to the registry'),
    owner: {
      subcommands: {
        ...aka(['add', 'remove', 'rm'], verb('privilege', 'changes who can publish the package')),
        ...aka(['list', 'ls'], reads('lists maintainers')),
      },
    },
    tag: {
      subcommands: {
        ...aka(['add', 'remove', 'rm'], publishes('moves a dist-tag that installs use')),
        ...aka(['list', 'ls'], reads('lists dist-tags')),
      },
    },
    access: verb('privilege', 'changes who can access a package'),
    npm: {
      subcommands: {
        publish: publishes('publishes the package to the registry'),
        tag: {
          subcommands: { ...aka(['add', 'remove'], publishes('moves a dist-tag that installs use')), list: reads('lists dist-tags') },
        },
        ...aka(['info', 'whoami', 'audit'], reads('reads the registry')),
        ...aka(['login', 'logout'], writes('logs in or out of the registry')),
      },
    },
    config: {
      subcommands: {
        get: {
          ...reads('prints a setting'),
          when: [when('credential', 'prints a registry credential', undefined, '(npmAuthToken|npmAuthIdent|_authToken|_auth|_password)$')],
        },
        '*': writes('changes settings'),
      },
    },
  },
  examples: {
    block: [
      'yarn dlx rimraf ~',
      'yarn publish --new-version 1.2.3',
      'yarn npm publish --access public',
      'yarn npm tag add @acme/lib@2.0.0 latest',
      'yarn config get npmAuthToken',
    ],
    allow: ['yarn install', 'yarn test', 'yarn build', 'yarn npm info react', 'yarn config get npmRegistryServer'],
  },
};

const BUN: ProgramSpec = {
  names: ['bun'],
  family: 'packages',
  summary: 'Bun: publishing to the npm registry',
  options: [
    { names: ['-e', '--eval', '-p', '--print'], value: 'required' },
    valued('--cwd'),
    valued('--registry'),
    valued('--otp'),
    valued('--tag'),
    valued('--access'),
    valued('--auth-type'),
    DRY_RUN,
    HELP,
    harmless('-v', '--version'),
  ],
  subcommands: {
    x: runnerLevel([valued('-p', '--package'), flag('--bun')]),
    publish: publishes('publishes the package to the registry'),
    pm: { subcommands: { whoami: reads('prints the logged-in user'), '*': reads('inspects packages') } },
  },
  examples: {
    block: ['bun x rimraf ~', 'bun publish', 'bun publish --access public'],
    allow: ['bun install', 'bun test', 'bun run build', 'bun publish --dry-run'],
  },
};

const LERNA: ProgramSpec = {
  names: ['lerna'],
  family: 'packages',
  summary: 'Lerna: monorepo versioning, publishing and commands in every package',
  options: [
    valued('--scope'),
    valued('--ignore'),
    valued('--since'),
    valued('--concurrency'),
    valued('--loglevel'),
    flag('--stream'),
    flag('--parallel'),
    flag('--no-bail'),
    flag('--yes', '-y'),
    HELP,
    harmless('--version'),
  ],
  subcommands: {
    publish: {
      ...publishes('publishes changed packages to the registry'),
      options: [valued('--dist-tag'), valued('--registry'), valued('--otp'), flag('--canary'), valued('--preid')],
    },
    version: writes('bumps versions, commits, tags and pushes'),
    exec: { ...writes('runs a command in every package'), operands: [{ ...COMMAND, rest: true }], dashDash: 'command' },
    run: writes('runs a script in every package'),
    ...aka(['bootstrap', 'add', 'link', 'clean', 'import', 'init', 'create', 'repair'], writes('changes packages or the workspace')),
    ...aka(['changed', 'list', 'ls', 'll', 'la', 'info', 'diff'], reads('lists packages and changes')),
  },
  examples: {
    block: ['lerna publish from-package --yes', 'lerna exec -- rm -rf ~'],
    allow: ['lerna changed', 'lerna run build', 'lerna exec -- npm test'],
  },
};

const CHANGESET: ProgramSpec = {
  names: ['changeset'],
  family: 'packages',
  summary: 'Changesets: versioning and publishing of monorepo packages',
  ...writes('adds a changeset file'),
  subcommands: {
    publish: { ...publishes('publishes unpublished package versions'), options: [valued('--otp'), valued('--tag'), flag('--no-git-tag')] },
    version: writes('applies changesets: bumps versions and changelogs'),
    ...aka(['add', 'init', 'tag', 'pre'], writes('changes changesets or tags')),
    status: reads('shows pending changesets'),
  },
  examples: {
    block: ['changeset publish', 'changeset publish --tag next'],
    allow: ['changeset status', 'changeset version', 'changeset add --empty'],
  },
};

const SEMANTIC_RELEASE: ProgramSpec = {
  names: ['semantic-release'],
  family: 'packages',
  summary: 'semantic-release: tags, publishes and announces a release from commit messages',
  ...publishes('tags, publishes and announces a release'),
  options: [
    valued('-b', '--branches'),
    valued('-r', '--repository-url'),
    valued('-t', '--tag-format'),
    valued('-p', '--plugins'),
    valued('-e', '--extends'),
    flag('--ci'),
    flag('--no-ci'),
    flag('--debug'),
    harmless('-d', '--dry-run'),
    HELP,
    harmless('--version'),
  ],
  examples: {
    block: ['semantic-release', 'semantic-release --no-ci'],
    allow: ['semantic-release --dry-run', 'semantic-release -d --no-ci'],
  },
};

const RELEASE_IT: ProgramSpec = {
  names: ['release-it'],
  family: 'packages',
  summary: 'release-it: bumps, tags, pushes, publishes and creates releases',
  ...publishes('bumps, tags, pushes and publishes a release'),
  options: [
    valued('-c', '--config'),
    valued('-i', '--increment'),
    valued('--preRelease'),
    flag('--ci'),
    flag('--only-version'),
    flag('-V', '--verbose'),
    harmless('-d', '--dry-run'),
    harmless('--release-version'),
    harmless('--changelog'),
    HELP,
    harmless('--version'),
  ],
  examples: { block: ['release-it --ci', 'release-it minor'], allow: ['release-it --dry-run', 'release-it --release-version'] },
};

const NP: ProgramSpec = {
  names: ['np'],
  family: 'packages',
  summary: 'np: a better npm publish (tests, bumps, tags, publishes)',
  ...publishes('bumps, tags and publishes the package'),
  options: [
    valued('--branch'),
    valued('--tag'),
    valued('--contents'),
    valued('--package-manager'),
    valued('--message'),
    valued('--test-script'),
    flag('--any-branch'),
    flag('--no-cleanup'),
    flag('--no-tests'),
    flag('--yolo'),
    flag('--no-2fa'),
    harmless('--preview'),
    HELP,
    harmless('--version'),
  ],
  examples: { block: ['np patch', 'np --yolo minor'], allow: ['np --preview', 'np patch --preview'] },
};

const JSR: ProgramSpec = {
  names: ['jsr'],
  family: 'packages',
  summary: 'JSR client: publishing and adding packages',
  subcommands: {
    publish: {
      ...publishes('publishes the package to JSR'),
      options: [DRY_RUN, flag('--allow-slow-types'), flag('--allow-dirty'), flag('--provenance'), valued('--token')],
    },
    ...aka(['add', 'i', 'install', 'remove', 'r', 'uninstall'], writes('changes dependencies')),
  },
  examples: { block: ['jsr publish', 'npx jsr publish --allow-dirty'], allow: ['jsr publish --dry-run', 'jsr add @std/path'] },
};

const DENO: ProgramSpec = {
  names: ['deno'],
  family: 'packages',
  summary: 'Deno: publishing to JSR (running code is analysed as an interpreter)',
  subcommands: {
    publish: {
      ...publishes('publishes the package to JSR'),
      options: [
        DRY_RUN,
        flag('--allow-slow-types'),
        flag('--allow-dirty'),
        flag('--no-provenance'),
        valued('--token'),
        valued('--config', '-c'),
      ],
    },
  },
  examples: { block: ['deno publish', 'deno publish --allow-dirty'], allow: ['deno publish --dry-run', 'deno test', 'deno fmt --check'] },
};

const VSCE: ProgramSpec = {
  names: ['vsce'],
  family: 'packages',
  summary: 'vsce: packages and publishes VS Code extensions to the Marketplace',
  options: [HELP, harmless('-V', '--version')],
  subcommands: {
    publish: {
      ...publishes('publishes the extension to the Marketplace'),
      options: [
        valued('-p', '--pat'),
        valued('-i', '--packagePath'),
        valued('--target'),
        valued('--baseContentUrl'),
        valued('--baseImagesUrl'),
        flag('--pre-release'),
        flag('--no-dependencies'),
        flag('--skip-duplicate'),
      ],
    },
    unpublish: verb('destroy', 'removes the extension from the Marketplace'),
    'delete-publisher': verb('destroy', 'deletes a publisher'),
    ...aka(['package', 'login', 'logout', 'create-publisher', 'generate-manifest'], writes('packages or changes publisher settings')),
    ...aka(['ls', 'show', 'search', 'ls-publishers', 'verify-pat', 'verify-signature'], reads('lists or shows extensions')),
  },
  examples: {
    block: ['vsce publish', 'vsce publish -p "$VSCE_PAT" minor', 'vsce unpublish acme.tool'],
    allow: ['vsce package', 'vsce ls', 'vsce show acme.tool'],
  },
};

const OVSX: ProgramSpec = {
  names: ['ovsx'],
  family: 'packages',
  summary: 'ovsx: publishes VS Code extensions to Open VSX',
  options: [valued('-r', '--registryUrl'), valued('-p', '--pat'), HELP, harmless('-V', '--version')],
  subcommands: {
    publish: publishes('publishes the extension to Open VSX'),
    'create-namespace': writes('creates a namespace'),
    'verify-pat': reads('checks a token'),
    get: writes('downloads an extension'),
    login: writes('stores a token'),
    logout: writes('removes a token'),
  },
  examples: {
    block: ['ovsx publish acme-tool-1.0.0.vsix', 'ovsx publish -p "$OVSX_PAT"'],
    allow: ['ovsx verify-pat acme', 'ovsx get acme.tool'],
  },
};

// ===== Rust, Python =====

const CARGO: ProgramSpec = {
  names: ['cargo'],
  family: 'packages',
  summary: 'Cargo: publishing, yanking and crate owners',
  options: [
    // `cargo +nightly publish`: rustup's toolchain selector comes before the subcommand.
    { names: ['+'], value: 'optional' },
    // `--config 'target.x86_64-unknown-linux-gnu.runner="…"'`: settings that name programs cargo runs (cargo-config.ts).
    { names: ['--config'], value: 'required', role: { kind: 'code', language: 'cargo-config' } },
    valued('-Z'),
    valued('-C'),
    valued('--color'),
    valued('--manifest-path'),
    valued('--registry'),
    valued('--token'),
    valued('--index'),
    valued('-p', '--package'),
    valued('--target'),
    valued('-F', '--features'),
    valued('-j', '--jobs'),
    valued('--target-dir'),
    flag('-v', '--verbose'),
    flag('-q', '--quiet'),
    flag('--locked'),
    flag('--frozen'),
    flag('--offline'),
    flag('--all-features'),
    flag('--no-verify'),
    flag('--allow-dirty'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(
        [
          'check',
          'doc',
          'tree',
          'metadata',
          'search',
          'info',
          'version',
          'help',
          'config',
          'locate-project',
          'pkgid',
          'read-manifest',
          'verify-project',
          'report',
        ],
        reads('checks, documents or prints the package and its dependencies'),
      ),
      publish: {
        ...publishes('publishes the crate to the registry (versions can never be deleted)'),
        options: [harmless('-n', '--dry-run')],
      },
      yank: {
        ...verb('destroy', 'yanks a version: new projects can no longer depend on it'),
        options: [valued('--version', '--vers'), flag('--undo')],
      },
      owner: {
        ...reads('lists crate owners'),
        options: [valued('-a', '--add'), valued('-r', '--remove'), flag('-l', '--list')],
        when: [
          when('privilege', 'lets a user or team publish the crate', [{ name: '-a' }]),
          when('privilege', 'removes a crate owner', [{ name: '-r' }]),
        ],
      },
      ...aka(['login', 'logout'], writes('stores or removes a registry token')),
      // cargo-release and cargo-workspaces.
      release: {
        ...reads('shows what a release would do (--execute releases)'),
        options: [flag('-x', '--execute')],
        when: [when('publish', 'tags, pushes and publishes crates', [{ name: '-x' }])],
      },
      workspaces: {
        subcommands: { publish: publishes("publishes the workspace's crates"), '*': reads('lists or versions workspace crates') },
      },
      ws: { subcommands: { publish: publishes("publishes the workspace's crates"), '*': reads('lists or versions workspace crates') } },
    },
    'builds, tests, runs or installs crates (writes target/ and the registry cache)',
  ),
  examples: {
    block: [
      'cargo publish',
      'cargo publish -p mylib --allow-dirty',
      'cargo yank --version 1.0.0 mylib',
      'cargo owner --add github:acme:maintainers mylib',
      'cargo release minor --execute',
      'cargo +nightly publish',
      'cargo +1.79.0 -Z unstable-options publish -p mylib',
      `cargo --config 'target.x86_64-unknown-linux-gnu.runner="rm -rf ~"' run`,
      `cargo build --config 'build.rustc-wrapper="rm -rf ~"'`,
      `cargo run --config 'target."cfg(unix)".runner = ["sh", "-c", "rm -rf ~"]'`,
      'cargo build --config evil.toml',
      `cargo build --config 'env.LD_PRELOAD="/tmp/x.so"'`,
      "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER='rm -rf ~' cargo run",
      "RUSTC_WRAPPER='rm -rf ~' cargo build",
    ],
    allow: [
      'cargo build',
      `cargo --config 'target.x86_64-unknown-linux-gnu.runner="valgrind"' run`,
      'cargo build --config net.git-fetch-with-cli=true',
      "cargo build --config 'profile.release.debug=true'",
      'RUSTC_WRAPPER=sccache cargo build',
      'cargo test',
      'cargo +nightly build',
      'cargo +nightly publish --dry-run',
      'cargo publish --dry-run',
      'cargo owner --list mylib',
      'cargo release minor',
    ],
  },
};

const TWINE: ProgramSpec = {
  names: ['twine'],
  family: 'packages',
  summary: 'twine: uploads Python distributions to PyPI',
  options: [HELP, harmless('--version')],
  subcommands: {
    upload: {
      ...publishes('uploads distributions to the package index'),
      options: [
        valued('-r', '--repository'),
        valued('--repository-url'),
        valued('-u', '--username'),
        valued('-p', '--password'),
        valued('-c', '--comment'),
        valued('--sign-with'),
        valued('-i', '--identity'),
        valued('--config-file'),
        valued('--cert'),
        valued('--client-cert'),
        flag('-s', '--sign'),
        flag('--skip-existing'),
        flag('--non-interactive'),
        flag('--verbose'),
        flag('--disable-progress-bar'),
      ],
    },
    register: publishes('registers a project on the package index'),
    check: reads('checks distributions'),
  },
  examples: { block: ['twine upload dist/*', 'twine upload -r testpypi dist/*'], allow: ['twine check dist/*', 'twine --version'] },
};

const POETRY: ProgramSpec = {
  names: ['poetry'],
  family: 'packages',
  summary: 'Poetry: publishing Python packages',
  options: [
    valued('-C', '--directory'),
    valued('-P', '--project'),
    flag('-q', '--quiet'),
    flag('-v', '--verbose'),
    flag('-n', '--no-interaction'),
    flag('--no-ansi'),
    flag('--no-plugins'),
    flag('--no-cache'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(['show', 'check', 'search', 'about', 'help', 'list'], reads('shows or checks the project and its packages')),
      // `poetry version` prints the version; `poetry version patch` bumps it.
      version: {
        ...reads("prints the project's version"),
        operands: [{ kind: 'data' }],
        when: [when('change', "bumps the project's version", undefined, '.')],
      },
      config: {
        ...reads("shows Poetry's settings"),
        options: [flag('--list'), flag('--unset')],
        operands: [{ kind: 'data' }, { kind: 'data', rest: true }],
        when: [
          when('change', "changes Poetry's settings", [{ name: '--unset' }]),
          { operand: '.', unless: { options: [{ name: '--list' }] }, verb: { effect: 'change', why: "changes Poetry's settings" } },
        ],
      },
      env: { subcommands: aka(['info', 'list'], reads('shows the virtual environments')) },
      run: runnerLevel(),
      publish: {
        ...publishes('publishes the package to the index'),
        options: [
          DRY_RUN,
          valued('-r', '--repository'),
          valued('-u', '--username'),
          valued('-p', '--password'),
          valued('--cert'),
          valued('--client-cert'),
          valued('--dist-dir'),
          flag('--build'),
          flag('--skip-existing'),
        ],
      },
    },
    'installs, adds, updates or builds the project and its packages, or runs a command',
  ),
  examples: {
    block: ['poetry run rm -rf ~', 'poetry publish', 'poetry publish --build -r private', 'poetry -C libs/core publish'],
    allow: ['poetry install', 'poetry build', 'poetry publish --dry-run'],
  },
};

const simplePublisher = (
  names: string[],
  summary: string,
  why: string,
  extra: Partial<ProgramSpec> & { examples: ProgramSpec['examples'] },
): ProgramSpec => ({
  names,
  family: 'packages',
  summary,
  options: [HELP, harmless('--version')],
  subcommands: { publish: { ...publishes(why), options: [DRY_RUN] }, ...(extra.subcommands ?? {}) },
  ...(extra.when ? { when: extra.when } : {}),
  examples: extra.examples,
});

const FLIT = simplePublisher(['flit'], 'Flit: builds and publishes Python packages', 'uploads the package to the index', {
  subcommands: { ...aka(['build', 'install', 'init'], writes('builds or installs the package')) },
  examples: { block: ['flit publish', 'flit publish --repository testpypi'], allow: ['flit build', 'flit install --symlink'] },
});

const HATCH: ProgramSpec = {
  names: ['hatch'],
  family: 'packages',
  summary: 'Hatch: publishing Python packages',
  options: [
    valued('-e', '--env'),
    valued('-p', '--project'),
    valued('--data-dir'),
    valued('--cache-dir'),
    valued('--color'),
    flag('-v', '--verbose'),
    flag('-q', '--quiet'),
    flag('--interactive'),
    flag('--no-interactive'),
    HELP,
    harmless('--version'),
  ],
  subcommands: {
    run: runnerLevel(),
    publish: {
      ...publishes('uploads the package to the index'),
      options: [
        valued('-r', '--repo'),
        valued('-u', '--user'),
        valued('-a', '--auth'),
        valued('--ca-cert'),
        valued('--client-cert'),
        valued('--client-key'),
        valued('-o', '--option'),
        flag('-y', '--yes'),
        flag('-n', '--no-prompt'),
        flag('--initialize-auth'),
      ],
    },
  },
  examples: { block: ['hatch run rm -rf ~', 'hatch publish', 'hatch publish -r test'], allow: ['hatch build', 'hatch run test'] },
};

const UV: ProgramSpec = {
  names: ['uv'],
  family: 'packages',
  summary: 'uv: publishing Python packages and registry credentials (running is followed by the analysis)',
  options: [
    valued('--directory'),
    valued('--project'),
    valued('--config-file'),
    valued('--cache-dir'),
    valued('--color'),
    flag('-q', '--quiet'),
    flag('-v', '--verbose'),
    flag('--offline'),
    flag('--no-cache'),
    flag('--native-tls'),
    HELP,
    harmless('-V', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(['tree', 'help'], reads("prints the project's dependency tree")),
      // `uv version` prints the version; with an operand or --bump it sets it.
      version: {
        ...reads("prints the project's version"),
        options: [valued('--bump')],
        operands: [{ kind: 'data' }],
        when: [
          when('change', "bumps the project's version", [{ name: '--bump' }]),
          when('change', "sets the project's version", undefined, '.'),
        ],
      },
      pip: { subcommands: aka(['list', 'show', 'freeze', 'check', 'tree'], reads('lists or shows installed packages')) },
      python: { subcommands: aka(['list', 'find', 'dir'], reads('lists Python installations')) },
      tool: { subcommands: aka(['list', 'dir'], reads('lists installed tools')) },
      cache: { subcommands: { dir: reads("prints the cache's folder") } },
      publish: {
        ...publishes('uploads distributions to the index'),
        options: [
          DRY_RUN,
          valued('--token', '-t'),
          valued('-u', '--username'),
          valued('-p', '--password'),
          valued('--publish-url'),
          valued('--index'),
          valued('--trusted-publishing'),
          valued('--check-url'),
          valued('--keyring-provider'),
        ],
      },
      auth: {
        subcommands: {
          token: verb('credential', 'prints a stored registry token'),
          ...aka(['login', 'logout'], writes('stores or removes registry credentials')),
          dir: reads('prints where credentials are stored'),
        },
      },
    },
    'installs, syncs, builds or runs the project and its packages',
  ),
  examples: {
    block: ['uv publish', 'uv publish --index testpypi', 'uv auth token pypi.org'],
    allow: ['uv build', 'uv sync', 'uv publish --dry-run'],
  },
};

const PDM: ProgramSpec = {
  names: ['pdm'],
  family: 'packages',
  summary: 'PDM: publishing Python packages',
  options: [
    valued('-p', '--project'),
    valued('-c', '--config'),
    flag('-v', '--verbose'),
    flag('-q', '--quiet'),
    flag('-I', '--ignore-python'),
    HELP,
    harmless('--version'),
  ],
  subcommands: {
    run: runnerLevel([flag('-s', '--site-packages'), { names: ['-l', '--list'], self: true }, flag('--json')]),
    publish: {
      ...publishes('uploads the package to the index'),
      options: [
        valued('-r', '--repository'),
        valued('-u', '--username'),
        valued('-P', '--password'),
        valued('--ca-certs'),
        valued('--comment'),
        valued('-i', '--identity'),
        flag('-S', '--sign'),
        flag('--no-build'),
        flag('--skip-existing'),
      ],
    },
  },
  examples: {
    block: ['pdm run rm -rf ~', 'pdm publish', 'pdm publish -r testpypi'],
    allow: ['pdm build', 'pdm install', 'pdm run pytest'],
  },
};

const MATURIN: ProgramSpec = {
  names: ['maturin'],
  family: 'packages',
  summary: 'maturin: builds and publishes Rust-backed Python packages',
  options: [HELP, harmless('-V', '--version')],
  subcommands: {
    ...aka(['publish', 'upload'], {
      ...publishes('uploads wheels to the index'),
      options: [
        valued('-r', '--repository'),
        valued('--repository-url'),
        valued('-u', '--username'),
        valued('-p', '--password'),
        valued('-m', '--manifest-path'),
        valued('-i', '--interpreter'),
        valued('--target'),
        valued('-F', '--features'),
        flag('--skip-existing'),
        flag('--non-interactive'),
      ],
    }),
    ...aka(['build', 'develop', 'sdist', 'new', 'init', 'generate-ci'], writes('builds or sets up the package')),
  },
  examples: { block: ['maturin publish', 'maturin upload dist/*'], allow: ['maturin build --release', 'maturin develop'] },
};

const ANACONDA: ProgramSpec = {
  names: ['anaconda'],
  family: 'packages',
  summary: 'anaconda-client: uploads packages to anaconda.org',
  options: [valued('-t', '--token'), valued('-s', '--site'), flag('-v', '--verbose'), flag('-q', '--quiet'), HELP, harmless('--version')],
  subcommands: {
    upload: publishes('uploads packages to anaconda.org'),
    remove: verb('destroy', 'removes packages or files from anaconda.org'),
    auth: {
      ...reads('shows tokens'),
      options: [flag('-c', '--create'), flag('-l', '--list'), flag('-r', '--remove'), valued('-n', '--name'), valued('--scopes')],
      when: [when('credential', 'creates a token and prints it', [{ name: '-c' }])],
    },
    ...aka(
      ['copy', 'move', 'label', 'package', 'channel', 'login', 'logout', 'groups', 'config'],
      writes('changes packages, labels or settings'),
    ),
    ...aka(['whoami', 'show', 'search', 'download'], reads('reads anaconda.org')),
  },
  examples: {
    block: ['anaconda upload dist/acme-1.0-py_0.tar.bz2', 'anaconda remove acme/acme/1.0', 'anaconda auth --create --name ci'],
    allow: ['anaconda whoami', 'anaconda show acme/acme'],
  },
};

// ===== JVM, .NET, Go =====

const MVN: ProgramSpec = {
  names: ['mvn', 'mvnw', 'mvnd'],
  projectScript: true,
  family: 'packages',
  verb: { effect: 'change', why: 'builds (writes outputs, fills the local repository)' },
  summary: 'Maven: deploys and releases artifacts (goals and phases are operands)',
  options: [
    valued('-f', '--file'),
    valued('-s', '--settings'),
    valued('-gs', '--global-settings'),
    valued('-t', '--toolchains'),
    valued('-gt', '--global-toolchains'),
    valued('-P', '--activate-profiles'),
    valued('-pl', '--projects'),
    valued('-rf', '--resume-from'),
    valued('-D', '--define'),
    valued('-T', '--threads'),
    valued('-l', '--log-file'),
    valued('-b', '--builder'),
    flag('-B', '--batch-mode'),
    flag('-q', '--quiet'),
    flag('-e', '--errors'),
    flag('-X', '--debug'),
    flag('-o', '--offline'),
    flag('-U', '--update-snapshots'),
    flag('-am', '--also-make'),
    flag('-amd', '--also-make-dependents'),
    flag('-ntp', '--no-transfer-progress'),
    flag('-N', '--non-recursive'),
    HELP,
    harmless('-v', '--version'),
  ],
  // Goals and phases may come in any order (`mvn clean deploy`); a plugin goal is `prefix:goal`.
  when: [
    when(
      'publish',
      'deploys artifacts to a remote repository',
      undefined,
      '^(deploy|site-deploy|release:perform|release:stage|deploy:deploy(-file)?|gpg:sign-and-deploy-file|nexus-staging:(deploy|release|rc-release|deploy-staged)|central-publishing:publish|wagon:upload(-single)?|jib:build)$',
    ),
  ],
  examples: {
    block: [
      'mvn deploy',
      'mvn -B clean deploy -DskipTests',
      './mvnw release:perform',
      'mvn deploy:deploy-file -Dfile=a.jar -Durl=https://repo.x.io',
    ],
    allow: ['mvn test', 'mvn -B clean verify', './mvnw package -DskipTests', 'mvn install', 'mvn -P deploy-profile package'],
  },
};

/** Gradle tasks that publish, with an optional project path (`:lib:publish`); `publishToMavenLocal` stays local. */
const GRADLE_PUBLISH =
  '(^|:)(pub(?!lishToMavenLocal$|TML$)[A-Za-z0-9]*|uploadArchives|artifactoryPublish|bintrayUpload|closeAndReleaseRepository|closeAndReleaseSonatypeStagingRepository|releaseSonatypeStagingRepository|publishPlugins|jib)$';
const GRADLE: ProgramSpec = {
  names: ['gradle', 'gradlew'],
  projectScript: true,
  family: 'packages',
  verb: { effect: 'change', why: 'builds (writes outputs, fills the local caches)' },
  summary: 'Gradle: publishing tasks (tasks are operands)',
  options: [
    valued('-b', '--build-file'),
    valued('-c', '--settings-file'),
    valued('-D', '--system-prop'),
    valued('-P', '--project-prop'),
    valued('-g', '--gradle-user-home'),
    valued('-p', '--project-dir'),
    valued('-I', '--init-script'),
    valued('-x', '--exclude-task'),
    valued('--console'),
    valued('--warning-mode'),
    valued('--max-workers'),
    valued('--include-build'),
    valued('--priority'),
    valued('-F', '--dependency-verification'),
    valued('-M', '--write-verification-metadata'),
    flag('-q', '--quiet'),
    flag('-i', '--info'),
    flag('-d', '--debug'),
    flag('-s', '--stacktrace'),
    flag('-S', '--full-stacktrace'),
    flag('--offline'),
    flag('--parallel'),
    flag('--build-cache'),
    flag('--no-daemon'),
    flag('--daemon'),
    flag('--scan'),
    flag('--continue'),
    flag('--refresh-dependencies'),
    flag('--configuration-cache'),
    harmless('-m', '--dry-run'),
    harmless('-h', '-?', '--help'),
    harmless('-v', '--version'),
  ],
  when: [when('publish', 'publishes artifacts to a remote repository', undefined, GRADLE_PUBLISH)],
  examples: {
    block: [
      './gradlew publish',
      'gradle :lib:publishAllPublicationsToSonatypeRepository',
      './gradlew publishPlugins --no-daemon',
      'gradle clean build publish -x test',
    ],
    allow: ['./gradlew build', 'gradle test', './gradlew publishToMavenLocal', './gradlew publish --dry-run', 'gradle -x publish build'],
  },
};

const SBT: ProgramSpec = {
  names: ['sbt'],
  family: 'packages',
  verb: { effect: 'change', why: 'builds (writes outputs, fills the local caches)' },
  summary: 'sbt: publishing commands (commands are operands)',
  options: [
    valued('--java-home'),
    valued('--sbt-version'),
    valued('--mem'),
    flag('--client'),
    flag('--batch'),
    flag('--no-colors'),
    flag('-v', '--verbose'),
    HELP,
    harmless('--version', '-V'),
  ],
  when: [
    when(
      'publish',
      'publishes artifacts to a remote repository',
      undefined,
      '(^|[\\s;+/])(publish|publishSigned|sonatypeBundleRelease|sonatypeRelease|sonatypeReleaseAll|ciRelease|release)(\\s|;|$)',
    ),
  ],
  examples: {
    block: ['sbt publish', 'sbt "+publishSigned" sonatypeBundleRelease', 'sbt "release with-defaults"'],
    allow: ['sbt compile', 'sbt test', 'sbt publishLocal', 'sbt "project core" test'],
  },
};

const LEIN: ProgramSpec = {
  names: ['lein'],
  family: 'packages',
  summary: 'Leiningen: deploying Clojure libraries',
  options: [HELP, harmless('-v', '--version')],
  when: [when('publish', 'deploys the library to a repository', undefined, '^deploy,?$')],
  examples: { block: ['lein deploy clojars', 'lein do clean, deploy clojars'], allow: ['lein test', 'lein uberjar', 'lein deps'] },
};

const DOTNET: ProgramSpec = {
  names: ['dotnet'],
  family: 'packages',
  summary: '.NET CLI: NuGet publishing, user secrets and developer certificates',
  options: [
    flag('-d', '--diagnostics'),
    HELP,
    harmless('--info'),
    harmless('--version'),
    harmless('--list-sdks'),
    harmless('--list-runtimes'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(['list', 'help'], reads("lists a project's packages or references")),
      sdk: { subcommands: { check: reads('checks for newer SDKs and runtimes') } },
      workload: { subcommands: aka(['list', 'search'], reads('lists workloads')) },
      nuget: {
        subcommands: {
          push: {
            ...publishes('pushes a package to a feed'),
            options: [
              valued('-k', '--api-key'),
              valued('-s', '--source'),
              valued('-ss', '--symbol-source'),
              valued('-sk', '--symbol-api-key'),
              valued('-t', '--timeout'),
              flag('--skip-duplicate'),
              flag('--no-symbols'),
              flag('-n', '--no-service-endpoint'),
            ],
          },
          delete: verb('destroy', 'deletes or unlists a package version on a feed'),
          ...aka(
            ['locals', 'add', 'remove', 'update', 'enable', 'disable', 'sign', 'trust', 'config'],
            writes('changes NuGet sources or caches'),
          ),
          ...aka(['list', 'why', 'verify', 'search'], reads('lists sources or packages')),
        },
      },
      'user-secrets': {
        subcommands: {
          list: verb('credential', "prints the project's user secrets"),
          ...aka(['set', 'remove', 'clear', 'init'], writes('changes user secrets')),
        },
      },
      'dev-certs': {
        subcommands: {
          https: {
            ...writes('creates or checks the development certificate'),
            options: [
              valued('-ep', '--export-path'),
              valued('-p', '--password'),
              valued('--format'),
              flag('-t', '--trust'),
              flag('-c', '--check'),
              flag('--clean'),
              flag('-np', '--no-password'),
            ],
            when: [when('credential', 'exports the development certificate with its private key', [{ name: '-ep' }])],
          },
        },
      },
    },
    'builds, tests, runs, packs or changes the project and its packages',
  ),
  examples: {
    block: [
      'dotnet nuget push bin/Release/Acme.1.0.0.nupkg -k "$NUGET_KEY" -s https://api.nuget.org/v3/index.json',
      'dotnet nuget delete Acme 1.0.0 -s https://api.nuget.org/v3/index.json',
      'dotnet user-secrets list',
    ],
    allow: ['dotnet build', 'dotnet test', 'dotnet nuget list source', 'dotnet pack -c Release'],
  },
};

const NUGET: ProgramSpec = {
  names: ['nuget'],
  family: 'packages',
  summary: 'NuGet CLI: pushes and deletes packages on feeds',
  options: [
    valued('-Source', '-source'),
    valued('-ApiKey', '-apikey'),
    valued('-ConfigFile', '-configfile'),
    valued('-Verbosity', '-verbosity'),
    flag('-NonInteractive', '-noninteractive'),
    harmless('-Help', '-help', '-?'),
  ],
  subcommands: {
    ...aka(['push', 'Push'], publishes('pushes a package to a feed')),
    ...aka(['delete', 'Delete'], verb('destroy', 'deletes or unlists a package version on a feed')),
    ...aka(
      [
        'setapikey',
        'SetApiKey',
        'sources',
        'Sources',
        'pack',
        'restore',
        'install',
        'update',
        'add',
        'init',
        'locals',
        'sign',
        'trusted-signers',
      ],
      writes('changes feeds, keys or packages'),
    ),
    ...aka(['list', 'search', 'help', 'spec', 'verify'], reads('lists or checks packages')),
  },
  examples: {
    block: ['nuget push Acme.1.0.0.nupkg -Source https://api.nuget.org/v3/index.json', 'nuget delete Acme 1.0.0 -Source nuget.org'],
    allow: ['nuget restore Acme.sln', 'nuget list Acme'],
  },
};

const GORELEASER: ProgramSpec = {
  names: ['goreleaser'],
  family: 'packages',
  summary: 'GoReleaser: builds and publishes releases (binaries, packages, images, announcements)',
  ...publishes('builds and publishes a release'),
  options: [
    valued('-f', '--config'),
    valued('-p', '--parallelism'),
    valued('--timeout'),
    valued('--release-notes'),
    valued('--skip'),
    valued('--id'),
    flag('--clean'),
    flag('--rm-dist'),
    flag('--verbose'),
    flag('--debug'),
    harmless('--snapshot'),
    harmless('--skip-publish'),
    HELP,
    harmless('--version'),
  ],
  subcommands: {
    release: publishes('builds and publishes a release'),
    ...aka(['continue', 'publish', 'announce'], publishes('publishes or announces a prepared release')),
    build: writes('builds binaries'),
    ...aka(['check', 'healthcheck', 'changelog', 'jsonschema', 'completion', 'man', 'verify-license'], reads('checks the configuration')),
    init: writes('creates a configuration'),
  },
  examples: {
    block: ['goreleaser release --clean', 'goreleaser', 'goreleaser release -f .goreleaser.yaml'],
    allow: ['goreleaser release --snapshot --clean', 'goreleaser check', 'goreleaser build --snapshot'],
  },
};

// ===== Dart, Elixir, Erlang, Haskell, Lua, Perl, OCaml, Nim, PureScript, Elm, Wasm =====

const DART_PUB: CommandSpec = {
  subcommands: {
    publish: {
      ...publishes('publishes the package to pub.dev'),
      options: [harmless('-n', '--dry-run'), flag('-f', '--force'), flag('--skip-validation')],
    },
    token: { subcommands: { list: reads('lists stored tokens'), '*': writes('stores or removes a token') } },
  },
};
const DART: ProgramSpec = {
  names: ['dart'],
  family: 'packages',
  summary: 'Dart: publishing to pub.dev',
  options: [HELP, harmless('--version')],
  subcommands: { pub: DART_PUB },
  examples: { block: ['dart pub publish --force', 'dart pub publish'], allow: ['dart pub get', 'dart test', 'dart pub publish --dry-run'] },
};
const FLUTTER: ProgramSpec = {
  names: ['flutter'],
  family: 'packages',
  summary: 'Flutter: publishing packages to pub.dev',
  options: [HELP, harmless('--version')],
  subcommands: { pub: DART_PUB, packages: DART_PUB },
  examples: { block: ['flutter pub publish --force'], allow: ['flutter pub get', 'flutter build apk', 'flutter pub publish --dry-run'] },
};

const MIX: ProgramSpec = {
  names: ['mix'],
  family: 'packages',
  summary: 'Mix: publishing to Hex',
  subcommands: {
    'hex.publish': {
      ...publishes('publishes the package and its docs to Hex'),
      options: [DRY_RUN, valued('--revert'), valued('--organization'), valued('--replace'), flag('--yes')],
      when: [when('destroy', 'removes a published version', [{ name: '--revert' }])],
    },
    'hex.retire': publishes('retires a release for everyone who depends on it'),
    'hex.owner': {
      subcommands: {
        ...aka(['add', 'remove', 'transfer'], verb('privilege', 'changes who can publish the package')),
        list: reads('lists owners'),
      },
    },
    'hex.user': {
      subcommands: {
        key: {
          subcommands: {
            generate: verb('credential', 'creates an API key and prints it'),
            list: reads('lists keys'),
            revoke: writes('revokes a key'),
          },
        },
        whoami: reads('prints the user'),
        '*': writes('changes the Hex user'),
      },
    },
  },
  examples: {
    block: ['mix hex.publish --yes', 'mix hex.publish --revert 1.0.0', 'mix hex.owner add acme eve@x.io'],
    allow: ['mix test', 'mix deps.get', 'mix hex.publish --dry-run', 'mix hex.owner list acme'],
  },
};

const REBAR3: ProgramSpec = {
  names: ['rebar3'],
  family: 'packages',
  summary: 'rebar3: publishing Erlang packages to Hex',
  subcommands: {
    hex: {
      subcommands: {
        publish: { ...publishes('publishes the package to Hex'), options: [DRY_RUN, valued('-r', '--repo'), flag('--yes')] },
        retire: publishes('retires a release'),
        owner: {
          subcommands: {
            ...aka(['add', 'remove', 'transfer'], verb('privilege', 'changes who can publish the package')),
            list: reads('lists owners'),
          },
        },
        '*': reads('inspects Hex packages'),
      },
    },
  },
  examples: { block: ['rebar3 hex publish --yes'], allow: ['rebar3 compile', 'rebar3 eunit'] },
};

/**
 * `exec [OPTIONS] [--] CMD…` of a build tool or package manager: the command runs in its environment.
 * Its options are not modelled one by one: any option before the command blocks, so none can hide it.
 */
const TOOL_EXEC: CommandSpec = {
  optionsFirst: true,
  unknown: 'block',
  options: [HELP],
  operands: [{ ...COMMAND, rest: true }],
  dashDash: 'command',
};

const CABAL: ProgramSpec = {
  names: ['cabal'],
  family: 'packages',
  summary: 'cabal-install: uploading packages to Hackage',
  options: [HELP, harmless('-V', '--version')],
  subcommands: {
    upload: {
      ...writes('uploads a package candidate to Hackage'),
      options: [
        flag('--publish'),
        flag('-d', '--documentation'),
        valued('-u', '--username'),
        valued('-p', '--password'),
        valued('-P', '--password-command'),
      ],
      when: [when('publish', 'publishes the package on Hackage', [{ name: '--publish' }])],
    },
    // `cabal exec [--] CMD…`: runs a command in the package environment of the project.
    exec: TOOL_EXEC,
  },
  examples: {
    block: ['cabal upload --publish dist-newstyle/sdist/acme-1.0.tar.gz', 'cabal exec -- rm -rf ~'],
    allow: ['cabal build', 'cabal upload dist-newstyle/sdist/acme-1.0.tar.gz'],
  },
};

const STACK: ProgramSpec = {
  names: ['stack'],
  family: 'packages',
  summary: 'Stack: uploading packages to Hackage',
  options: [HELP, harmless('--version')],
  subcommands: {
    upload: {
      ...publishes('publishes the package on Hackage'),
      options: [flag('--candidate'), flag('--documentation'), valued('--pvp-bounds')],
    },
    // `stack exec [--] CMD…`: runs a command in the project's build environment.
    exec: TOOL_EXEC,
  },
  examples: {
    block: ['stack upload .', 'stack exec -- rm -rf ~', 'stack exec npm publish'],
    allow: ['stack build', 'stack test', 'stack exec -- ghc --version'],
  },
};

const simple = (names: string[], summary: string, subs: Record<string, CommandSpec>, examples: ProgramSpec['examples']): ProgramSpec => ({
  names,
  family: 'packages',
  summary,
  options: [HELP, harmless('--version')],
  subcommands: subs,
  examples,
});

const LUAROCKS = simple(
  ['luarocks'],
  'LuaRocks: uploading rocks',
  { upload: publishes('uploads a rock to luarocks.org') },
  { block: ['luarocks upload acme-1.0-1.rockspec'], allow: ['luarocks install acme', 'luarocks list'] },
);
const OPAM = simple(
  ['opam'],
  'opam: publishing OCaml packages',
  { publish: publishes('opens a pull request that publishes the package to opam-repository'), exec: TOOL_EXEC },
  { block: ['opam publish', 'opam exec -- rm -rf ~'], allow: ['opam install . --deps-only', 'opam list', 'opam exec -- dune build'] },
);
const NIMBLE = simple(
  ['nimble'],
  'Nimble: publishing Nim packages',
  { publish: publishes('publishes the package to the Nim package list') },
  { block: ['nimble publish'], allow: ['nimble build', 'nimble test'] },
);
const SPAGO = simple(
  ['spago'],
  'Spago: publishing PureScript packages',
  { publish: publishes('publishes the package to the registry') },
  { block: ['spago publish'], allow: ['spago build', 'spago test'] },
);
const ELM = simple(
  ['elm'],
  'Elm: publishing packages',
  { publish: publishes('publishes the package to package.elm-lang.org'), bump: writes('bumps the version') },
  { block: ['elm publish'], allow: ['elm make src/Main.elm', 'elm bump'] },
);
const WASM_PACK = simple(
  ['wasm-pack'],
  'wasm-pack: building and publishing WebAssembly packages to npm',
  {
    publish: {
      ...publishes('publishes the package to npm'),
      options: [valued('-a', '--access'), valued('--tag'), valued('-t', '--target')],
    },
    login: writes('logs in to npm'),
    ...aka(['build', 'pack', 'test', 'new'], writes('builds or tests the package')),
  },
  { block: ['wasm-pack publish --access public'], allow: ['wasm-pack build --target web', 'wasm-pack test --node'] },
);

const GEM: ProgramSpec = {
  names: ['gem'],
  family: 'packages',
  summary: 'RubyGems: pushing, yanking and owning gems (installing is judged with the other package managers)',
  options: [
    valued('--config-file'),
    flag('-V', '--verbose'),
    flag('-q', '--quiet'),
    flag('--backtrace'),
    HELP,
    harmless('-v', '--version'),
  ],
  subcommands: changingByDefault(
    {
      ...aka(
        [
          'list',
          'search',
          'info',
          'query',
          'specification',
          'contents',
          'which',
          'dependency',
          'environment',
          'env',
          'outdated',
          'check',
          'help',
        ],
        reads('lists, searches or shows installed and remote gems'),
      ),
      push: {
        ...publishes('publishes the gem to RubyGems.org (or --host), where anyone installs it'),
        options: [valued('--host'), valued('-k', '--key'), valued('--otp'), valued('--attestation')],
      },
      yank: {
        ...verb('destroy', 'removes a published version: installs and lockfiles that name it break'),
        options: [valued('-v', '--version'), valued('--platform'), valued('--host'), valued('-k', '--key'), valued('--otp')],
      },
      owner: {
        ...reads('lists the owners of a gem'),
        options: [valued('-a', '--add'), valued('-r', '--remove'), valued('--host'), valued('-k', '--key'), valued('--otp')],
        when: [
          when('privilege', 'lets a user push new versions of the gem', [{ name: '-a' }]),
          when('privilege', 'removes an owner of the gem', [{ name: '-r' }]),
        ],
      },
      ...aka(['signin', 'signout'], writes('stores or removes a RubyGems API key')),
    },
    'installs, updates, builds or removes gems',
  ),
  examples: {
    block: [
      'gem push acme-1.0.0.gem',
      'gem push --host https://rubygems.pkg.github.com/acme acme-1.0.0.gem',
      'gem yank acme -v 1.0.0',
      'gem owner acme --add bob@example.com',
    ],
    allow: ['gem build acme.gemspec', 'gem list', 'gem owner acme', 'gem env', 'gem --version'],
  },
};

const CPAN_UPLOAD: ProgramSpec = {
  names: ['cpan-upload'],
  family: 'packages',
  summary: 'cpan-upload: uploads a distribution to CPAN',
  ...publishes('uploads a distribution to CPAN'),
  options: [
    valued('-u', '--user'),
    valued('-p', '--password'),
    valued('-d', '--directory'),
    valued('-c', '--config'),
    harmless('--dry-run'),
    harmless('-h', '--help'),
  ],
  examples: { block: ['cpan-upload Acme-Tool-1.00.tar.gz'], allow: ['cpan-upload --help', 'cpan-upload --dry-run Acme-Tool-1.00.tar.gz'] },
};

// ===== Apple, Android and Linux app stores =====

const POD: ProgramSpec = {
  names: ['pod'],
  family: 'packages',
  summary: 'CocoaPods: publishing pods to trunk and spec repositories',
  options: [flag('--verbose'), flag('--silent'), flag('--no-ansi'), HELP, harmless('--version')],
  subcommands: {
    trunk: {
      subcommands: {
        push: publishes('publishes the pod to trunk'),
        delete: verb('destroy', 'deletes a published pod version'),
        deprecate: publishes('deprecates a pod for everyone who depends on it'),
        ...aka(['add-owner', 'remove-owner'], verb('privilege', 'changes who can publish the pod')),
        register: writes('registers a session'),
        ...aka(['me', 'info'], reads('shows trunk information')),
      },
    },
    repo: {
      subcommands: {
        push: publishes('pushes a podspec to a spec repository'),
        ...aka(['list', 'lint'], reads('lists or checks spec repositories')),
        '*': writes('changes spec repositories'),
      },
    },
  },
  examples: {
    block: ['pod trunk push Acme.podspec', 'pod trunk delete Acme 1.0.0', 'pod trunk add-owner Acme eve@x.io'],
    allow: ['pod install', 'pod lib lint', 'pod trunk me'],
  },
};

const SNAPCRAFT: ProgramSpec = {
  names: ['snapcraft'],
  family: 'packages',
  summary: 'Snapcraft: builds snaps and releases them in the Snap Store',
  options: [HELP, harmless('--version')],
  subcommands: {
    ...aka(['upload', 'push'], { ...publishes('uploads a snap to the store'), options: [valued('--release')] }),
    ...aka(['release', 'promote'], publishes('releases a revision to a channel that users install from')),
    close: writes('closes a channel'),
    'export-login': verb('credential', 'exports store credentials'),
    ...aka(
      ['login', 'logout', 'register', 'set-default-track', 'upload-metadata', 'pack', 'build', 'clean'],
      writes('builds or changes store settings'),
    ),
    ...aka(['status', 'revisions', 'list-revisions', 'list', 'whoami', 'names', 'validate'], reads('shows the store state')),
  },
  examples: {
    block: [
      'snapcraft upload acme_1.0_amd64.snap --release stable',
      'snapcraft release acme 42 stable',
      'snapcraft export-login creds.txt',
    ],
    allow: ['snapcraft', 'snapcraft status acme', 'snapcraft pack'],
  },
};

const EAS: ProgramSpec = {
  names: ['eas'],
  family: 'packages',
  summary: 'Expo Application Services: builds, store submissions and over-the-air updates',
  options: [HELP, harmless('--version')],
  subcommands: {
    submit: publishes('submits a build to the App Store or Google Play'),
    update: publishes('publishes an over-the-air update that installed apps download'),
    'update:republish': publishes('republishes an update'),
    'update:rollback': publishes('rolls installed apps back to another update'),
    'metadata:push': publishes('publishes store listing metadata'),
    'channel:edit': writes('points a channel at another branch'),
    'channel:rollout': writes('rolls a branch out to a channel'),
    'secret:create': verb('privilege', 'stores a secret that builds can read'),
    'secret:delete': verb('destroy', 'deletes a secret'),
    'secret:list': reads('lists secret names'),
    'env:create': writes('creates an environment variable'),
    'env:delete': writes('deletes an environment variable'),
    ...aka(
      [
        'build',
        'build:run',
        'login',
        'logout',
        'init',
        'credentials',
        'device:create',
        'build:configure',
        'update:configure',
        'project:init',
      ],
      writes('builds or changes project settings'),
    ),
    ...aka(
      [
        'whoami',
        'build:list',
        'build:view',
        'update:list',
        'update:view',
        'channel:list',
        'channel:view',
        'project:info',
        'config',
        'diagnostics',
        'env:list',
      ],
      reads('shows builds, updates and settings'),
    ),
  },
  examples: {
    block: [
      'eas submit -p ios --latest',
      'eas update --branch production --message fix',
      'eas secret:create --name API_KEY --value "$KEY"',
    ],
    allow: ['eas build -p android --profile preview', 'eas build:list', 'eas whoami'],
  },
};

const FASTLANE: ProgramSpec = {
  names: ['fastlane'],
  family: 'packages',
  summary: 'fastlane: builds, signs and uploads apps to the App Store and Google Play',
  options: [flag('--verbose'), flag('--capture_output'), valued('--env'), HELP, harmless('--version')],
  // Actions run directly (`fastlane deliver`) or through `fastlane run ACTION`.
  when: [
    when(
      'publish',
      'uploads a build or listing to an app store',
      undefined,
      '^(deliver|upload_to_app_store|appstore|pilot|upload_to_testflight|testflight|supply|upload_to_play_store|upload_to_play_store_internal_app_sharing)$',
    ),
  ],
  subcommands: {
    match: {
      ...writes('downloads or creates signing certificates'),
      subcommands: {
        nuke: verb('destroy', 'revokes and deletes every certificate and profile of a type'),
        '*': writes('downloads or creates signing certificates'),
      },
    },
    ...aka(['lanes', 'list', 'action', 'actions', 'docs', 'env', 'search_plugins'], reads('lists lanes and actions')),
  },
  examples: {
    block: [
      'fastlane deliver --force',
      'fastlane pilot upload',
      'fastlane run upload_to_play_store track:production',
      'fastlane match nuke distribution',
    ],
    allow: ['fastlane lanes', 'fastlane test', 'fastlane match development --readonly'],
  },
};

// What only shows (npm ls, yarn why, pnpm outdated, npm audit without fix): the read_only policy lets
// these run; any other subcommand installs, runs scripts or changes the project or the registry.
const JS_READS: Record<string, CommandSpec> = {
  ...aka(
    [
      'ls',
      'list',
      'view',
      'info',
      'show',
      'outdated',
      'search',
      'help',
      'whoami',
      'doctor',
      'explain',
      'why',
      'fund',
      'query',
      'root',
      'prefix',
      'bin',
      'pkg',
      'ping',
      'version',
    ],
    reads('shows packages, settings or the registry'),
  ),
  audit: {
    ...reads('audits the dependencies'),
    options: [{ names: ['--fix'], verb: { effect: 'change', why: 'installs fixed versions' } }],
    subcommands: { fix: { verb: { effect: 'change', why: 'installs fixed versions' } } },
  },
};

/** A JavaScript package manager: its own subcommands, the shared reads, and anything else changes the project. */
function changingPackageManager(spec: ProgramSpec, why = 'installs packages, runs scripts or changes the project'): ProgramSpec {
  return { ...spec, subcommands: changingByDefault({ ...JS_READS, ...spec.subcommands }, why) };
}

export const PACKAGES: ProgramSpec[] = [
  // JavaScript
  changingPackageManager(NPM),
  changingPackageManager(PNPM),
  // `yarn` alone installs.
  { ...changingPackageManager(YARN), verb: { effect: 'change', why: 'installs the dependencies' } },
  changingPackageManager(BUN),
  LERNA,
  CHANGESET,
  SEMANTIC_RELEASE,
  RELEASE_IT,
  NP,
  JSR,
  DENO,
  VSCE,
  OVSX,
  // Rust, Python
  CARGO,
  TWINE,
  POETRY,
  FLIT,
  HATCH,
  UV,
  PDM,
  MATURIN,
  ANACONDA,
  // JVM, .NET, Go
  MVN,
  GRADLE,
  SBT,
  LEIN,
  DOTNET,
  NUGET,
  GORELEASER,
  // Dart, Elixir, Erlang, Haskell, Lua, OCaml, Nim, PureScript, Elm, Wasm, Perl
  DART,
  FLUTTER,
  MIX,
  REBAR3,
  CABAL,
  STACK,
  LUAROCKS,
  OPAM,
  NIMBLE,
  SPAGO,
  ELM,
  WASM_PACK,
  GEM,
  CPAN_UPLOAD,
  // App stores
  POD,
  SNAPCRAFT,
  EAS,
  FASTLANE,
];
