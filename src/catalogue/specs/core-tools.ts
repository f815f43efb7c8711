// Family: core-tools — git's global options, systemctl's, and the option grammars of the
// interpreters whose code seatbelt reads (python, node, perl, ruby, php). What these programs run has analysis of its own
// (src/analyze/shell/git.ts, interpreters.ts, the git rules); their specs are where the option grammar
// is written once, and the analysis, the rules and the roles derive their tables from them: which
// options take a value (so the script, the subcommand and the operands are found right), which carry
// code, and which print and exit (`--version`, harmless). git's subcommands carry verbs for the
// read_only policy (what only shows reads, anything else changes the repository: `change`); how
// risky a change is, the git rules judge. The interpreters have no verbs: the code analysis judges what runs.
import type { CommandSpec, OptionDecl, ProgramSpec, VerbWhen } from '../spec.js';
import { flags, harmless, valued } from './infra-helpers.js';
import { aka, changingByDefault, reads, when } from './builders.js';

const DATA = { kind: 'data' } as const;
const code = (language: string, ...names: string[]): OptionDecl => ({ names, value: 'required', role: { kind: 'code', language } });
const codeFile = (language: string, ...names: string[]): OptionDecl => ({
  names,
  value: 'required',
  role: { kind: 'code-file', language },
});
/** Options whose value is only attached (`-l0`, `-i.bak`, `-W2`). */
const attached = (...groups: (string | string[])[]): OptionDecl[] =>
  groups.map((g) => ({ names: typeof g === 'string' ? [g] : g, value: 'optional' as const }));

// git's subcommands as its parse-options reads them: an option with a required value takes the next
// word (`--conflict merge`, `-U 3`); one whose value is optional takes it only glued (`--track=direct`,
// `--color=always`). `--contains`/`--merged` take the next word only when it is not an option, which no
// reader here can say: they are read as taking an attached value only, so they never hide the option
// after them (`git branch --color -D main` deletes main).
const GIT_DIFF_CONTEXT = valued(['-U', '--unified'], '--inter-hunk-context');
const GIT_PATHSPEC_FILE = [...valued('--pathspec-from-file'), ...flags('--pathspec-file-nul')];
const GIT_SUBCOMMANDS: Record<string, CommandSpec> = {
  // `git credential fill` prints the stored username and password for a host.
  credential: {
    subcommands: {
      fill: { verb: { effect: 'credential', why: 'prints the stored username and password for a host' } },
      approve: { verb: { effect: 'write', why: 'stores a credential' } },
      reject: { verb: { effect: 'write', why: 'erases a stored credential' } },
    },
  },
  push: {
    options: [
      ...valued(['-o', '--push-option'], '--repo', '--receive-pack', '--exec', '--recurse-submodules'),
      ...attached('--force-with-lease', '--signed'),
      ...flags(
        '--all',
        '--branches',
        '--mirror',
        ['-d', '--delete'],
        '--tags',
        '--follow-tags',
        ['-n', '--dry-run'],
        '--porcelain',
        ['-f', '--force'],
        '--force-if-includes',
        '--no-force-with-lease',
        '--prune',
        ['-v', '--verbose'],
        ['-q', '--quiet'],
        '--progress',
        '--atomic',
        ['-u', '--set-upstream'],
        '--thin',
        '--no-verify',
        '--verify',
        ['-4', '--ipv4'],
        ['-6', '--ipv6'],
      ),
    ],
  },
  checkout: {
    options: [
      ...valued('-b', '-B', '--orphan', '--conflict'),
      ...GIT_DIFF_CONTEXT,
      ...GIT_PATHSPEC_FILE,
      ...attached(['-t', '--track'], '--recurse-submodules'),
      ...flags(
        ['-f', '--force'],
        ['-p', '--patch'],
        ['-q', '--quiet'],
        ['-m', '--merge'],
        '--ours',
        '--theirs',
        ['-d', '--detach'],
        '--no-track',
        '--guess',
        '--no-guess',
        '--overlay',
        '--no-overlay',
        '--ignore-other-worktrees',
        '--ignore-skip-worktree-bits',
        '--overwrite-ignore',
        '--no-overwrite-ignore',
        '--progress',
        '--no-progress',
        '--no-recurse-submodules',
        '-l',
      ),
    ],
  },
  switch: {
    options: [
      ...valued(['-c', '--create'], ['-C', '--force-create'], '--orphan', '--conflict'),
      ...attached(['-t', '--track'], '--recurse-submodules'),
      ...flags(
        '--discard-changes',
        ['-f', '--force'],
        ['-d', '--detach'],
        '--guess',
        '--no-guess',
        ['-m', '--merge'],
        ['-q', '--quiet'],
        '--progress',
        '--no-progress',
        '--no-track',
        '--ignore-other-worktrees',
        '--no-recurse-submodules',
      ),
    ],
  },
  reset: {
    options: [
      ...GIT_DIFF_CONTEXT,
      ...GIT_PATHSPEC_FILE,
      ...attached('--recurse-submodules'),
      ...flags(
        '--hard',
        '--soft',
        '--mixed',
        '--merge',
        '--keep',
        ['-q', '--quiet'],
        ['-p', '--patch'],
        ['-N', '--intent-to-add'],
        '--no-recurse-submodules',
        '--no-refresh',
        '--refresh',
      ),
    ],
  },
  restore: {
    options: [
      ...valued(['-s', '--source'], '--conflict'),
      ...GIT_DIFF_CONTEXT,
      ...GIT_PATHSPEC_FILE,
      ...attached('--recurse-submodules'),
      ...flags(
        ['-W', '--worktree'],
        ['-S', '--staged'],
        ['-p', '--patch'],
        '--ours',
        '--theirs',
        ['-m', '--merge'],
        ['-q', '--quiet'],
        '--progress',
        '--no-progress',
        '--overlay',
        '--no-overlay',
        '--ignore-unmerged',
        '--no-recurse-submodules',
      ),
    ],
  },
  branch: {
    options: [
      ...valued(['-u', '--set-upstream-to'], '--sort', '--points-at', '--format'),
      ...attached(['-t', '--track'], '--contains', '--no-contains', '--merged', '--no-merged', '--color', '--column', '--abbrev'),
      ...flags(
        ['-d', '--delete'],
        '-D',
        ['-f', '--force'],
        ['-r', '--remotes'],
        ['-a', '--all'],
        ['-m', '--move'],
        '-M',
        ['-c', '--copy'],
        '-C',
        ['-l', '--list'],
        ['-v', '--verbose'],
        ['-q', '--quiet'],
        '--no-track',
        '--unset-upstream',
        '--edit-description',
        '--create-reflog',
        '--show-current',
        ['-i', '--ignore-case'],
        '--no-color',
        '--no-column',
        '--omit-empty',
        '--recurse-submodules',
      ),
    ],
  },
  tag: {
    options: [
      ...valued(
        ['-m', '--message'],
        ['-F', '--file'],
        ['-u', '--local-user'],
        '--sort',
        '--format',
        '--points-at',
        '--cleanup',
        '--trailer',
      ),
      ...attached('-n', '--contains', '--no-contains', '--merged', '--no-merged', '--color', '--column'),
      ...flags(
        ['-f', '--force'],
        ['-d', '--delete'],
        ['-a', '--annotate'],
        ['-s', '--sign'],
        '--no-sign',
        ['-l', '--list'],
        ['-v', '--verify'],
        ['-i', '--ignore-case'],
        ['-e', '--edit'],
        '--create-reflog',
        '--omit-empty',
      ),
    ],
  },
  commit: {
    options: [
      ...valued(
        ['-m', '--message'],
        ['-F', '--file'],
        ['-C', '--reuse-message'],
        ['-c', '--reedit-message'],
        '--fixup',
        '--squash',
        '--author',
        '--date',
        ['-t', '--template'],
        '--cleanup',
        '--trailer',
      ),
      ...GIT_PATHSPEC_FILE,
      ...attached(['-u', '--untracked-files'], ['-S', '--gpg-sign']),
      ...flags(
        '--amend',
        ['-a', '--all'],
        ['-p', '--patch'],
        ['-s', '--signoff'],
        ['-n', '--no-verify'],
        '--verify',
        ['-e', '--edit'],
        '--no-edit',
        ['-v', '--verbose'],
        ['-q', '--quiet'],
        '--dry-run',
        '--short',
        '--porcelain',
        '--long',
        ['-z', '--null'],
        '--reset-author',
        '--allow-empty',
        '--allow-empty-message',
        '--no-post-rewrite',
        ['-i', '--include'],
        ['-o', '--only'],
        '--status',
        '--no-status',
        '--no-gpg-sign',
      ),
    ],
  },
  clean: {
    options: [
      ...valued(['-e', '--exclude']),
      ...flags(['-f', '--force'], ['-n', '--dry-run'], ['-q', '--quiet'], ['-i', '--interactive'], '-d', '-x', '-X'),
    ],
  },
  'update-ref': { options: [...valued('-m'), ...flags('-d', '--no-deref', '--create-reflog', '--stdin', '-z')] },
  stash: {
    options: [
      ...valued(['-m', '--message']),
      ...GIT_PATHSPEC_FILE,
      ...flags(
        ['-p', '--patch'],
        ['-k', '--keep-index'],
        '--no-keep-index',
        ['-u', '--include-untracked'],
        '--only-untracked',
        ['-a', '--all'],
        ['-q', '--quiet'],
        ['-S', '--staged'],
        '--index',
      ),
    ],
  },
  rm: {
    options: [
      ...GIT_PATHSPEC_FILE,
      ...flags('--cached', ['-f', '--force'], ['-n', '--dry-run'], ['-q', '--quiet'], '--ignore-unmatch', '--sparse', '-r'),
    ],
  },
  mv: { options: [...flags(['-f', '--force'], ['-n', '--dry-run'], ['-v', '--verbose'], '--sparse', '-k')] },
  '*': {},
};

/** The level changes when one of `options` is given, or, unless one of `listing` is, when it is given an operand (`git branch NAME`). */
function changesWith(options: string[], listing: string[], why: string): VerbWhen[] {
  return [
    ...options.map((name) => when('change', why, [{ name }])),
    { operand: '.', unless: { options: listing.map((name) => ({ name })) }, verb: { effect: 'change', why } },
  ];
}

/** Subcommands of these that only show; any other changes (`git worktree add`, `git submodule update`). */
const GIT_SHOWING = aka(['list', 'status', 'show', 'log', 'ls-files', 'env', 'version'], reads('lists or shows'));

/** `git config` options that change a setting whatever the operands (`--unset KEY`, `--edit`). */
const GIT_CONFIG_CHANGING = ['--unset', '--unset-all', '--add', '--replace-all', '--rename-section', '--remove-section', '-e', '--edit'];

/** What git's subcommands do: those that only show read, any other changes the repository or its settings. */
const GIT_VERBS: Record<string, CommandSpec> = {
  ...aka(
    [
      'status',
      'log',
      'diff',
      'show',
      'blame',
      'annotate',
      'grep',
      'ls-files',
      'ls-tree',
      'ls-remote',
      'rev-parse',
      'rev-list',
      'describe',
      'shortlog',
      'cat-file',
      'help',
      'version',
      'whatchanged',
      'name-rev',
      'merge-base',
      'for-each-ref',
      'count-objects',
      'check-ignore',
      'check-attr',
      'show-ref',
      'show-branch',
      'verify-commit',
      'verify-tag',
      'fsck',
      'var',
      'cherry',
      'range-diff',
      'diff-tree',
      'diff-files',
      'diff-index',
      'instaweb',
    ],
    reads('shows the repository, its history or its objects'),
  ),
  branch: {
    ...reads('lists branches'),
    ...GIT_SUBCOMMANDS['branch'],
    when: changesWith(
      ['-d', '-D', '-m', '-M', '-c', '-C', '-f', '-u', '--set-upstream', '--unset-upstream', '--edit-description'],
      ['-l', '-a', '-r', '-v', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--show-current'],
      'creates, deletes, moves or re-points branches',
    ),
  },
  tag: {
    ...reads('lists tags'),
    ...GIT_SUBCOMMANDS['tag'],
    when: changesWith(
      ['-d', '-f'],
      ['-l', '-n', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '-v'],
      'creates or deletes tags',
    ),
  },
  // `git stash` alone pushes.
  stash: {
    ...GIT_SUBCOMMANDS['stash'],
    verb: { effect: 'change', why: 'stashes, applies or drops changes' },
    subcommands: aka(['list', 'show'], reads('lists or shows stashes')),
  },
  remote: { subcommands: aka(['show', 'get-url'], reads('shows remotes')) },
  reflog: {
    ...reads('shows the reflog'),
    subcommands: aka(['expire', 'delete'], { verb: { effect: 'change', why: 'drops reflog entries' } }),
  },
  // `git config KEY` shows a setting; `git config KEY VALUE` (and `set`, `--unset`, `--add`, …) changes one.
  config: {
    options: [
      ...valued(['-f', '--file'], '--blob', '--type', '--default', '--comment', '--value'),
      ...flags(['-l', '--list'], '--get', '--get-all', '--get-regexp', '--get-urlmatch', '--get-color', '--get-colorbool'),
      ...GIT_CONFIG_CHANGING.map((n) => ({ names: [n], verb: { effect: 'change' as const, why: 'changes a setting' } })),
    ],
    subcommands: {
      ...aka(['get', 'list'], reads('shows settings')),
      '*': {
        ...reads('shows a setting'),
        when: changesWith(
          [],
          ['-l', '--get', '--get-all', '--get-regexp', '--get-urlmatch', '--get-color', '--get-colorbool'],
          'changes a setting',
        ),
      },
    },
  },
  ...aka(['worktree', 'submodule', 'notes', 'sparse-checkout', 'bisect', 'lfs'], { subcommands: GIT_SHOWING }),
};

/**
 * git reads its global options itself, before the subcommand (no abbreviations, no clusters). `-c`
 * settings that run programs, aliases and subcommands are judged by src/analyze/shell/git.ts and the
 * git rules, which read each subcommand's options with the grammar below.
 */
export const GIT_SPEC: ProgramSpec = {
  names: ['git'],
  family: 'core-tools',
  summary: 'Git; global options before the subcommand (-C DIR, -c KEY=VALUE, --git-dir, --work-tree…); the git rules judge the subcommands',
  optionsFirst: true,
  options: [
    ...valued(
      '-C',
      '-c',
      '--config-env',
      '--git-dir',
      '--work-tree',
      '--namespace',
      '--super-prefix',
      '--attr-source',
      // `--list-cmds=GROUP`: git refuses it without `=`; read as taking a value, as the analysis did.
      '--list-cmds',
    ),
    ...attached('--exec-path'),
    ...flags(
      ['-p', '--paginate'],
      ['-P', '--no-pager'],
      '--bare',
      '--no-replace-objects',
      '--no-lazy-fetch',
      '--no-optional-locks',
      '--literal-pathspecs',
      '--glob-pathspecs',
      '--noglob-pathspecs',
      '--icase-pathspecs',
      '--no-advice',
      '--html-path',
      '--man-path',
      '--info-path',
    ),
    ...harmless(['-h', '--help'], ['-v', '--version']),
  ],
  subcommands: changingByDefault({ ...GIT_SUBCOMMANDS, ...GIT_VERBS }, 'changes the repository, its history or its settings'),
  examples: {
    block: [
      'git -C ../site reset --hard origin/main',
      'git --git-dir=/srv/app/.git --work-tree=/srv/app clean -fdx',
      'git -c core.pager="rm -rf ~" log',
      "printf 'protocol=https\\nhost=github.com\\n' | git credential fill",
    ],
    allow: ['git -C ../site status', 'git --no-pager log --oneline -5', 'git -c color.ui=always diff'],
  },
};

/** CPython (`python3 --help`): options end at the script, `-c CODE` or `-m MODULE`. */
export const PYTHON_SPEC: ProgramSpec = {
  names: ['python', 'python3', 'python2', 'pypy', 'pypy3'],
  family: 'core-tools',
  summary: 'Python interpreter: runs a script, -c CODE, -m MODULE, or the code on its stdin',
  optionsFirst: true,
  options: [
    code('python', '-c'),
    { names: ['-m'], value: 'required', role: DATA },
    // -Q (Python 2's division option) took a value in the analysis; Python 3 refuses it.
    ...valued('-W', '-X', '-Q', '--check-hash-based-pycs'),
    ...flags('-b', '-B', '-d', '-E', '-i', '-I', '-O', '-P', '-q', '-s', '-S', '-u', '-v', '-x', '-3', '-t', '-R'),
    ...harmless(['-V', '--version', '-VV'], ['-h', '-?', '--help'], '--help-env', '--help-xoptions', '--help-all'),
  ],
  operands: [
    { kind: 'code-file', language: 'python' },
    { ...DATA, rest: true },
  ],
  stdin: { kind: 'code', language: 'python' },
  examples: {
    block: [
      'python3 -c \'import shutil, os; shutil.rmtree(os.path.expanduser("~"))\'',
      'python3 -W ignore -c \'import os; os.system("rm -rf ~")\'',
      'python3 - <<< \'import os; os.system("rm -rf /")\'',
    ],
    allow: ['python3 -m pytest -q', "python3 -c 'print(1 + 1)'", "python3 -X importtime -c 'import json'", 'python3 --version'],
  },
};

/** Node.js (`node --help`); the V8 options that take a value may be written `--opt value` too. */
export const NODE_SPEC: ProgramSpec = {
  names: ['node', 'nodejs'],
  family: 'core-tools',
  summary: 'Node.js: runs a script, -e/-p CODE, or the code on its stdin',
  optionsFirst: true,
  options: [
    code('node', '-e', '--eval'),
    code('node', '-p', '--print'),
    ...valued(
      ['-r', '--require'],
      '--import',
      ['--loader', '--experimental-loader'],
      '--input-type',
      ['-C', '--conditions'],
      '--inspect-port',
      '--title',
      '--env-file',
      '--stack-size',
      '--max-old-space-size',
    ),
    ...flags(
      ['-c', '--check'],
      ['-i', '--interactive'],
      '--test',
      '--watch',
      '--enable-source-maps',
      '--no-warnings',
      '--no-deprecation',
      '--trace-warnings',
      '--experimental-vm-modules',
    ),
    ...harmless(['-v', '--version'], ['-h', '--help']),
  ],
  operands: [
    { kind: 'code-file', language: 'node' },
    { ...DATA, rest: true },
  ],
  stdin: { kind: 'code', language: 'node' },
  examples: {
    block: [
      'node -e \'require("child_process").execSync("rm -rf ~")\'',
      'node --max-old-space-size 4096 -e \'require("fs").rmSync(require("os").homedir(), { recursive: true })\'',
    ],
    allow: ["node -e 'console.log(process.version)'", "node --max-old-space-size=4096 -p '1 + 1'", 'node --version'],
  },
};

/**
 * perl (perlrun): `-e`/`-E` and `-I` take the next word; `-M`/`-m`, `-x`, `-i`, `-l`, `-0`… only an
 * attached value (perl refuses `-M Module`).
 */
export const PERL_SPEC: ProgramSpec = {
  names: ['perl'],
  family: 'core-tools',
  summary: 'Perl interpreter: runs a script, -e/-E CODE, or the code on its stdin',
  optionsFirst: true,
  options: [
    code('perl', '-e'),
    code('perl', '-E'),
    ...valued('-I'),
    ...attached('-M', '-m', '-x', '-l', '-0', '-C', '-d', '-D', '-F', '-V'),
    { names: ['-i'], value: 'optional', verb: { effect: 'change', why: 'edits files in place' } },
    ...flags('-a', '-c', '-f', '-g', '-n', '-p', '-s', '-S', '-t', '-T', '-u', '-U', '-w', '-W', '-X'),
    ...harmless(['-v', '--version'], ['-h', '--help']),
  ],
  operands: [
    { kind: 'code-file', language: 'perl' },
    { ...DATA, rest: true },
  ],
  stdin: { kind: 'code', language: 'perl' },
  examples: {
    block: ['perl -e \'system("rm -rf ~")\'', "perl -MFile::Path=remove_tree -e 'remove_tree($ENV{HOME})'"],
    allow: ["perl -ne 'print if /TODO/' src/app.pl", "perl -pi.bak -e 's/foo/bar/g' notes.txt", 'perl -v'],
  },
};

/** ruby (`ruby --help`): `-r`, `-I`, `-C`, `-E` take the next word; `-W`, `-x`, `-i`, `-F`, `-0`… only an attached value. */
export const RUBY_SPEC: ProgramSpec = {
  names: ['ruby'],
  family: 'core-tools',
  summary: 'Ruby interpreter: runs a script, -e CODE, or the code on its stdin',
  optionsFirst: true,
  options: [
    code('ruby', '-e'),
    ...valued(
      '-r',
      '-I',
      '-C',
      '-E',
      '--encoding',
      '--external-encoding',
      '--internal-encoding',
      '--enable',
      '--disable',
      '--dump',
      '--backtrace-limit',
      '--crash-report',
      '--parser',
    ),
    ...attached('-0', '-W', '-T', '-F', '-x', '-i', '-K'),
    // -v prints the version and then runs what it is given (or its stdin): not harmless.
    ...flags('-a', '-c', '-d', '-l', '-n', '-p', '-s', '-S', '-v', '-w', '-y', '--verbose', '--jit', '--yjit'),
    ...harmless(['-h', '--help'], '--version', '--copyright'),
  ],
  operands: [
    { kind: 'code-file', language: 'ruby' },
    { ...DATA, rest: true },
  ],
  stdin: { kind: 'code', language: 'ruby' },
  examples: {
    block: ['ruby -e \'system("rm -rf ~")\'', "ruby -rfileutils -e 'FileUtils.rm_rf(Dir.home)'"],
    allow: ["ruby -e 'puts RUBY_VERSION'", "ruby -Ilib -W0 -e 'puts [1, 2].sum'", 'ruby --version'],
  },
};

/** php-cli (`php -h`): -r/-B/-R/-E carry code; -f/-F name the file of code; -S serves a folder. */
export const PHP_SPEC: ProgramSpec = {
  names: ['php'],
  family: 'core-tools',
  summary: 'PHP CLI: runs a script (or -f FILE), -r CODE, per-line code (-B/-R/-E), or the code on its stdin',
  optionsFirst: true,
  options: [
    code('php', '-r', '--run'),
    code('php', '-B', '--process-begin'),
    code('php', '-R', '--process-code'),
    code('php', '-E', '--process-end'),
    codeFile('php', '-f', '--file'),
    codeFile('php', '-F', '--process-file'),
    ...valued(
      ['-c', '--php-ini'],
      ['-d', '--define'],
      ['-z', '--zend-extension'],
      ['-S', '--server'],
      ['-t', '--docroot'],
      '--rf',
      '--rc',
      '--re',
      '--rz',
      '--ri',
    ),
    ...flags(
      '-a',
      ['-n', '--no-php-ini'],
      ['-e', '--profile-info'],
      '-H',
      '--hide-args',
      ['-s', '--syntax-highlight'],
      ['-w', '--strip'],
      ['-q', '--no-header'],
      '--ini',
    ),
    ...harmless(['-v', '--version'], ['-h', '--help'], ['-m', '--modules'], ['-i', '--info'], ['-l', '--syntax-check']),
  ],
  operands: [
    { kind: 'code-file', language: 'php' },
    { ...DATA, rest: true },
  ],
  stdin: { kind: 'code', language: 'php' },
  examples: {
    block: ['php -r \'system("rm -rf ~");\'', 'php -d display_errors=1 -r \'shell_exec("rm -rf /");\''],
    allow: ["php -r 'echo PHP_VERSION;'", "php -d memory_limit=-1 -r 'echo 1;'", 'php -v'],
  },
};

/**
 * systemctl (systemd): options anywhere, the first operand is the command (`stop`, `reboot`…). What
 * stopping core services, powering off or enabling units does is judged by the system rules.
 */
export const SYSTEMCTL_SPEC: ProgramSpec = {
  names: ['systemctl'],
  family: 'core-tools',
  summary:
    "systemd's service manager: `systemctl [OPTIONS] COMMAND [UNIT…]`, on this host or another (-H, -M); the system rules judge the commands",
  options: [
    ...valued(
      ['-t', '--type'],
      '--state',
      ['-p', '--property'],
      '-P',
      ['-s', '--signal'],
      ['-H', '--host'],
      ['-M', '--machine'],
      ['-n', '--lines'],
      ['-o', '--output'],
      '--root',
      '--image',
      '--image-policy',
      '--job-mode',
      '--kill-whom',
      '--kill-value',
      '--what',
      '--when',
      '--timestamp',
      '--preset-mode',
      '--drop-in',
      '--message',
      '--boot-loader-menu',
      '--boot-loader-entry',
      '--reboot-argument',
      '--check-inhibitors',
      '--legend',
      ['-C', '--capsule'],
    ),
    ...flags(
      ['-a', '--all'],
      ['-r', '--recursive'],
      '--reverse',
      '--after',
      '--before',
      '--with-dependencies',
      ['-l', '--full'],
      '--value',
      '--show-types',
      ['-T', '--show-transaction'],
      ['-i', '--ignore-inhibitors'],
      '--dry-run',
      ['-q', '--quiet'],
      '--no-warn',
      '--wait',
      '--no-block',
      '--user',
      '--system',
      '--failed',
      '--firmware-setup',
      '--plain',
      '--mkdir',
      '--marked',
      '--read-only',
      '--no-wall',
      '--global',
      '--no-reload',
      '--no-ask-password',
      ['-f', '--force'],
      '--now',
      '--runtime',
      '--no-pager',
    ),
    ...harmless(['-h', '--help'], '--version'),
  ],
  subcommands: {
    ...Object.fromEntries(
      [
        'status',
        'show',
        'list-units',
        'list-unit-files',
        'list-timers',
        'list-sockets',
        'list-dependencies',
        'is-active',
        'is-enabled',
        'is-failed',
        'is-system-running',
        'cat',
        'help',
        'get-default',
        'list-jobs',
      ].map((n): [string, CommandSpec] => [n, { verb: { effect: 'read', why: 'shows units and the system' } }]),
    ),
    // The system rules judge which (stopping sshd, rebooting, masking the journal).
    '*': { verb: { effect: 'change', why: 'starts, stops or changes units, or the system' } },
  },
  examples: {
    block: ['systemctl -H web1 stop sshd', 'systemctl --host web1 reboot'],
    allow: ['systemctl status nginx', 'systemctl --user -n 50 status app', 'systemctl -H web1 status sshd'],
  },
};

export const CORE_TOOLS: ProgramSpec[] = [GIT_SPEC, PYTHON_SPEC, NODE_SPEC, PERL_SPEC, RUBY_SPEC, PHP_SPEC, SYSTEMCTL_SPEC];
