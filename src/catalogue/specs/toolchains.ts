// Family: toolchains — version and environment managers whose `run`/`exec` runs the rest of the
// command line with a chosen compiler, runtime or environment (`rustup run nightly cargo publish`,
// `nvm exec 20 npm test`, `pixi run`, `ghcup run -- cmd`). What they run is judged like any command;
// their options come first and an option they do not know blocks (a misread option would hide the
// command). Removing a toolchain is a write: it can be installed again.
import type { CommandSpec, OperandDecl, ProgramSpec } from '../spec.js';
import { aka, flag, harmless, reads, valued, writes } from './builders.js';

const COMMAND = { kind: 'command' } as const;
const DATA = { kind: 'data' } as const;
/** The operands are a command and its arguments. */
const RUNS: OperandDecl[] = [{ ...COMMAND, rest: true }];
/** The first operand names a toolchain or version, the rest is the command. */
const RUNS_AFTER_ONE: OperandDecl[] = [DATA, { ...COMMAND, rest: true }];
const HELP = harmless('-h', '--help');
/** The operands are node's arguments (`nvm run 20 -e code` runs `node -e code`). */
const NODE_RUNS: OperandDecl = { ...COMMAND, rest: true, program: ['node'] };

/** A `run`/`exec` level: its options first, then the command; `--` may come before the command. */
const runner = (operands: OperandDecl[], options: CommandSpec['options'] = []): CommandSpec => ({
  optionsFirst: true,
  unknown: 'block',
  options: [...options, HELP],
  operands,
  dashDash: 'command',
});

export const TOOLCHAINS: ProgramSpec[] = [
  {
    names: ['rustup'],
    family: 'toolchains',
    summary: 'Rust toolchain manager: `run TOOLCHAIN CMD…` runs a command with that toolchain (`+toolchain` selects one too)',
    options: [{ names: ['+'], value: 'optional' }, flag('-v', '--verbose'), flag('-q', '--quiet'), HELP, harmless('-V', '--version')],
    subcommands: {
      run: runner(RUNS_AFTER_ONE, [flag('--install')]),
      ...aka(['show', 'which', 'doc', 'check', 'completions', 'help'], reads('shows toolchains and their tools')),
      ...aka(['install', 'uninstall', 'update', 'default', 'toolchain', 'target', 'component', 'override', 'set'], {
        ...writes('installs, removes or selects toolchains, targets and components'),
        subcommands: { list: reads('lists toolchains, targets or components'), '*': writes('installs, removes or selects toolchains') },
      }),
      self: {
        subcommands: {
          uninstall: writes('removes rustup and every toolchain it installed'),
          '*': writes('updates rustup or its data'),
        },
      },
    },
    examples: {
      block: ['rustup run nightly cargo publish', 'rustup run stable rm -rf ~', 'rustup run --install 1.79 -- sh -c "rm -rf ~"'],
      allow: ['rustup run nightly cargo build', 'rustup show', 'rustup toolchain list', 'rustup +nightly which cargo', 'rustup update'],
    },
  },
  {
    names: ['nvm'],
    family: 'toolchains',
    summary:
      'Node version manager (a shell function, also run as a script): `exec VERSION CMD…` and `run VERSION SCRIPT` run with that Node',
    options: [flag('--silent'), flag('--no-colors'), HELP, harmless('-v', '--version')],
    subcommands: {
      exec: runner(RUNS_AFTER_ONE, [flag('--silent'), { names: ['--lts'], operands: RUNS }]),
      // `nvm run 20 app.js`, `nvm run 20 -e code`: node with that version runs the words; judged as `node …`.
      run: runner([DATA, NODE_RUNS], [flag('--silent'), { names: ['--lts'], operands: [NODE_RUNS] }]),
      ...aka(['ls', 'list', 'ls-remote', 'current', 'which', 'version', 'version-remote', 'cache'], reads('shows Node versions')),
      ...aka(['install', 'uninstall', 'use', 'alias', 'unalias', 'deactivate', 'reinstall-packages', 'install-latest-npm', 'unload'], {
        ...writes('installs, removes or selects Node versions'),
      }),
    },
    examples: {
      block: [
        'nvm exec 20 rm -rf ~',
        'nvm exec --lts npm publish',
        `nvm run 18 -e 'require("child_process").execSync("rm -rf ~")'`,
        `nvm run --lts -e 'require("fs").rmSync("/etc", { recursive: true })'`,
      ],
      allow: ['nvm exec 20 npm test', 'nvm ls', 'nvm use 20', 'nvm install --lts', 'nvm run 20 -e "console.log(process.version)"'],
    },
  },
  {
    names: ['pixi'],
    family: 'toolchains',
    summary: 'pixi (conda environments): `run` runs a task or a command in the environment, `exec` a command in a temporary one',
    options: [flag('-v', '--verbose'), flag('-q', '--quiet'), valued('--color'), flag('--no-progress'), HELP, harmless('-V', '--version')],
    subcommands: {
      // A task name runs the task's command from pixi.toml (the project's own); any other word is a command.
      ...aka(
        ['run', 'r'],
        runner(RUNS, [
          valued('--manifest-path'),
          valued('-e', '--environment'),
          flag('--frozen'),
          flag('--locked'),
          flag('--clean-env'),
          flag('--force-activate'),
          valued('--executable'),
          flag('--skip-deps'),
        ]),
      ),
      ...aka(
        ['exec', 'x'],
        runner(RUNS, [valued('-s', '--spec'), valued('-c', '--channel'), valued('--platform'), flag('--force-reinstall'), flag('--list')]),
      ),
      ...aka(
        [
          'add',
          'a',
          'remove',
          'rm',
          'install',
          'i',
          'update',
          'upgrade',
          'init',
          'clean',
          'global',
          'task',
          'workspace',
          'project',
          'lock',
          'reinstall',
          'import',
        ],
        writes('changes the environment or the manifest'),
      ),
      ...aka(
        ['list', 'ls', 'tree', 't', 'info', 'search', 'shell-hook', 'config', 'auth', 'completion'],
        reads('shows environments and packages'),
      ),
    },
    examples: {
      block: [
        'pixi run rm -rf ~',
        'pixi exec -s python python -c "import shutil; shutil.rmtree(\'/\')"',
        'pixi run -e prod -- npm publish',
      ],
      allow: ['pixi run pytest', 'pixi run python -m pip list', 'pixi list', 'pixi add numpy'],
    },
  },
  {
    names: ['rye'],
    family: 'toolchains',
    summary: 'Rye (Python projects): `run` runs a script of the project or a program of its virtualenv',
    options: [HELP, harmless('-V', '--version')],
    subcommands: {
      run: runner(RUNS, [flag('-l', '--list'), valued('--pyproject'), flag('-v', '--verbose'), flag('-q', '--quiet')]),
      ...aka(
        ['add', 'remove', 'sync', 'lock', 'init', 'install', 'uninstall', 'pin', 'fetch', 'tools', 'toolchain', 'build', 'self'],
        writes('changes the project, its environment or installed tools'),
      ),
      ...aka(['show', 'list', 'version', 'fmt', 'lint', 'test'], reads('shows or checks the project')),
    },
    examples: { block: ['rye run rm -rf ~'], allow: ['rye run pytest', 'rye show', 'rye sync'] },
  },
  {
    names: ['ghcup'],
    family: 'toolchains',
    summary: 'GHCup (Haskell toolchains): `run` runs a command with chosen GHC, cabal and HLS versions',
    options: [flag('-v', '--verbose'), flag('--offline'), valued('-c', '--cache'), HELP, harmless('-V', '--version')],
    subcommands: {
      run: runner(RUNS, [
        valued('--ghc'),
        valued('--cabal'),
        valued('--hls'),
        valued('--stack'),
        valued('-b', '--bindir'),
        flag('-i', '--install'),
        flag('-q', '--quick'),
        valued('--mingw-path'),
      ]),
      ...aka(['list', 'whereis', 'debug-info', 'changelog', 'check-for-update'], reads('shows toolchains')),
      ...aka(
        ['install', 'set', 'rm', 'gc', 'upgrade', 'compile', 'prefetch', 'config', 'nuke', 'tui'],
        writes('installs, removes or selects toolchains'),
      ),
    },
    examples: { block: ['ghcup run --ghc 9.4.8 -- rm -rf ~'], allow: ['ghcup run --ghc 9.4.8 -- cabal build', 'ghcup list'] },
  },
  {
    names: ['elan'],
    family: 'toolchains',
    summary: 'elan (Lean toolchains): `run TOOLCHAIN CMD…` runs a command with that toolchain',
    options: [flag('-v', '--verbose'), HELP, harmless('-V', '--version')],
    subcommands: {
      run: runner(RUNS_AFTER_ONE, [flag('--install')]),
      ...aka(['show', 'which', 'completions', 'help'], reads('shows toolchains')),
      ...aka(['toolchain', 'default', 'override', 'self', 'install', 'update'], writes('installs, removes or selects toolchains')),
    },
    examples: { block: ['elan run stable rm -rf ~'], allow: ['elan run stable lake build', 'elan show'] },
  },
  {
    names: ['proto'],
    family: 'toolchains',
    summary:
      'proto (moonrepo toolchains): `run TOOL [VERSION] -- ARGS` runs the tool with ARGS, `exec TOOLS… -- CMD` runs a command with the tools',
    options: [
      valued('--config-mode'),
      valued('--log'),
      flag('--dump'),
      flag('--json'),
      flag('-y', '--yes'),
      HELP,
      harmless('-V', '--version'),
    ],
    subcommands: {
      // clap: the tool's arguments only after `--` (`proto run node 20 -- -e code` runs `node -e code`).
      ...aka(['run', 'r'], {
        unknown: 'block',
        options: [valued('--alt'), HELP],
        operands: [{ ...COMMAND, single: true }, DATA],
        dashDash: 'arguments',
      }),
      // `--shell` runs the command through a shell: not declared, so it blocks.
      ...aka(['exec', 'x'], {
        unknown: 'block',
        options: [flag('--tools-from-config'), flag('--raw'), HELP],
        operands: [{ ...DATA, rest: true }],
        dashDash: 'command',
      }),
      ...aka(
        [
          'install',
          'i',
          'uninstall',
          'ui',
          'pin',
          'unpin',
          'alias',
          'unalias',
          'clean',
          'setup',
          'upgrade',
          'up',
          'plugin',
          'migrate',
          'regen',
        ],
        writes('installs, removes or pins tools'),
      ),
      ...aka(
        [
          'list',
          'ls',
          'list-remote',
          'lsr',
          'outdated',
          'status',
          'versions',
          'bin',
          'activate',
          'diagnose',
          'completions',
          'debug',
          'help',
        ],
        reads('shows tools and versions'),
      ),
    },
    examples: {
      block: [
        `proto run node -- -e 'require("child_process").execSync("rm -rf ~")'`,
        "proto run node 20 -- -e \"require('fs').rmSync('/etc', { recursive: true })\"",
        'proto exec node@20 pnpm -- rm -rf ~',
        "proto exec node --shell bash -- 'rm -rf ~'",
      ],
      allow: [
        'proto run node -- --version',
        'proto run node 20 -- -e "console.log(1)"',
        'proto exec node pnpm -- pnpm run build',
        'proto list',
      ],
    },
  },
];
