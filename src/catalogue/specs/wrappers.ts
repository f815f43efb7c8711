// Family: wrappers — programs and shell builtins that run the rest of their command line in place,
// changing only how it runs (as another user, with other environment variables, niceness, a time
// limit, in another folder, fed with input). The command they run takes their place in the IR
// (`wrapper: true`): same redirections, standard input and pipeline, with the wrapper listed in its
// `wrappers`. They read their options first and refuse options they do not know (`unknown:
// 'block'`): a misread option would hide the command. One spec per program, with examples.
import type { OptionDecl, ProgramSpec } from '../spec.js';

const COMMAND = { kind: 'command' } as const;
const DATA = { kind: 'data' } as const;
const SCRIPT = { kind: 'script' } as const;

const flag = (...names: string[]): OptionDecl => ({ names });
const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
const optional = (...names: string[]): OptionDecl => ({ names, value: 'optional' });
/** Given, no command runs (it lists, edits, validates, prints help). */
const self = (...names: string[]): OptionDecl => ({ names, self: true });

interface Examples {
  block: string[];
  allow: string[];
}

/** A wrapper: its options first, then the command it runs; an option it does not know blocks. */
function wrapper(
  names: string[],
  summary: string,
  options: OptionDecl[],
  examples: Examples,
  extra: Partial<ProgramSpec> = {},
): ProgramSpec {
  return {
    names,
    family: 'wrappers',
    summary,
    wrapper: true,
    optionsFirst: true,
    unknown: 'block',
    options,
    operands: [{ ...COMMAND, rest: true }],
    examples,
    ...extra,
  };
}

export const WRAPPERS: ProgramSpec[] = [
  wrapper(
    ['sudo'],
    'runs a command as another user (root by default)',
    [
      ...['-A', '--askpass', '-b', '--background', '-B', '--bell', '-E', '-H', '--set-home', '-k', '--reset-timestamp'].map((n) => flag(n)),
      ...['-n', '--non-interactive', '-N', '--no-update', '-P', '--preserve-groups', '-S', '--stdin', '-s', '--shell'].map((n) => flag(n)),
      optional('--preserve-env'),
      // -e edits files; -l, -v, -K, -V, -h run nothing.
      self('-e', '--edit'),
      self('-l', '--list'),
      self('-v', '--validate'),
      self('-K', '--remove-timestamp'),
      self('-V', '--version'),
      self('--help'),
      // `-h` alone is help, but `-hHOST` and `-h HOST` (a word that is not an option) name the host
      // to run on, and the command after it still runs: read as a host, never as help.
      valued('-h', '--host'),
      // A login shell, or another root: the command runs in a folder not known here.
      { names: ['-i', '--login'], cwd: 'unknown' },
      { names: ['-R', '--chroot'], value: 'required', cwd: 'unknown' },
      { names: ['-D', '--chdir'], value: 'required', cwd: 'value' },
      valued('-a', '--auth-type'),
      valued('-C', '--close-from'),
      valued('-c', '--login-class'),
      valued('-g', '--group'),
      valued('-p', '--prompt'),
      valued('-r', '--role'),
      valued('-T', '--command-timeout'),
      valued('-t', '--type'),
      valued('-U', '--other-user'),
      valued('-u', '--user'),
    ],
    {
      block: ['sudo rm -rf /', 'sudo -u root env X=1 rm -rf ~', 'sudo --frobnicate ls', 'sudo -D / rm -rf .', 'sudo -h devbox rm -rf ~'],
      allow: ['sudo -l', 'sudo -u postgres psql -c "SELECT 1"', 'sudo -E ls', 'sudo -h', 'sudo --help'],
    },
    { assignments: 'names' },
  ),
  wrapper(
    ['doas'],
    'runs a command as another user (OpenBSD)',
    [flag('-n'), flag('-s'), { names: ['-L'], self: true }, { names: ['-C'], value: 'required', self: true }, valued('-u')],
    { block: ['doas rm -rf /', 'doas -u root rm -rf ~', 'doas -x ls'], allow: ['doas -C /etc/doas.conf ls', 'doas -L'] },
  ),
  wrapper(
    ['env'],
    'runs a command with a changed environment (assignments, unset variables, another folder, a split string)',
    [
      // `env -` is `env -i`.
      flag('-'),
      flag('-i', '--ignore-environment'),
      flag('-0', '--null'),
      flag('-v', '--debug'),
      flag('--list-signal-handling'),
      flag('--help'),
      flag('--version'),
      valued('-u', '--unset'),
      { names: ['-C', '--chdir'], value: 'required', cwd: 'value' },
      { names: ['-S', '--split-string'], value: 'required', split: true },
      valued('-a', '--argv0'),
      valued('-P'),
      optional('--block-signal'),
      optional('--default-signal'),
      optional('--ignore-signal'),
    ],
    {
      block: [
        'env rm -rf ~',
        'env -i PATH=/usr/bin rm -rf ~',
        "env -S 'rm -rf ~'",
        "env -S'-i rm -rf ~'",
        'env -C / rm -rf .',
        "env 'BASH_FUNC_ls%%=() { rm -rf ~; }' bash -c ls",
        'env --frobnicate ls',
      ],
      allow: ['env', 'env NODE_ENV=test npm test', 'env -u DEBUG make', "env -S 'ls -la'", 'env - ls'],
    },
    { assignments: 'any' },
  ),
  wrapper(['command'], 'shell builtin: runs a command, skipping functions and aliases', [flag('-p'), self('-v'), self('-V')], {
    block: ['command rm -rf ~', 'command -p rm -rf ~'],
    allow: ['command -v rm', 'command -V git', 'command ls'],
  }),
  wrapper(['builtin'], 'shell builtin: runs a builtin, skipping functions', [self('--help'), self('--version')], {
    block: ['builtin eval "rm -rf ~"'],
    allow: ['builtin echo hi', 'builtin cd /tmp'],
  }),
  wrapper(['exec'], 'shell builtin: replaces the shell with a command', [flag('-c'), flag('-l'), valued('-a')], {
    block: ['exec rm -rf ~', 'exec -a x rm -rf ~'],
    allow: ['exec ls', 'exec 3>&1'],
  }),
  wrapper(['nohup'], 'runs a command immune to hangups', [self('--help'), self('--version')], {
    block: ['nohup rm -rf ~ &', 'nohup -x ls'],
    allow: ['nohup ./server.sh > server.log 2>&1 &', 'nohup --help'],
  }),
  wrapper(
    ['nice'],
    'runs a command with another scheduling priority',
    [valued('-n', '--adjustment'), ...[...'0123456789'].map((d) => flag(`-${d}`)), flag('--help'), flag('--version')],
    { block: ['nice rm -rf ~', 'nice -n 10 rm -rf ~', 'nice -10 rm -rf ~', 'nice -x ls'], allow: ['nice -n 19 make -j8', 'nice -5 ls'] },
  ),
  wrapper(
    ['ionice'],
    'runs a command with another I/O scheduling class',
    [
      flag('-t', '--ignore'),
      flag('-h', '--help'),
      flag('--version'),
      valued('-c', '--class'),
      valued('-n', '--classdata'),
      // With a process, process group or user, it changes those and runs nothing.
      { names: ['-p', '--pid'], value: 'required', self: true },
      { names: ['-P', '--pgid'], value: 'required', self: true },
      { names: ['-u', '--uid'], value: 'required', self: true },
    ],
    { block: ['ionice -c 3 rm -rf ~', 'ionice -x ls'], allow: ['ionice -c 3 make', 'ionice -p 1234'] },
  ),
  wrapper(
    ['timeout'],
    'runs a command with a time limit',
    [
      flag('-v', '--verbose'),
      flag('--preserve-status'),
      flag('--foreground'),
      flag('--help'),
      flag('--version'),
      valued('-k', '--kill-after'),
      valued('-s', '--signal'),
    ],
    { block: ['timeout 10 rm -rf ~', 'timeout -s KILL 5 rm -rf ~', 'timeout -x 5 ls'], allow: ['timeout 60 npm test', 'timeout 5'] },
    { operands: [DATA, { ...COMMAND, rest: true }] },
  ),
  wrapper(
    ['time'],
    'runs a command and reports the time it took',
    [
      flag('-p', '--portability'),
      flag('-v', '--verbose'),
      flag('-a', '--append'),
      flag('-q', '--quiet'),
      flag('--help'),
      flag('--version'),
      valued('-f', '--format'),
      valued('-o', '--output'),
    ],
    { block: ['time rm -rf ~', 'time -p rm -rf ~', 'time -x ls'], allow: ['time make', 'time -p npm test'] },
  ),
  wrapper(
    ['stdbuf'],
    'runs a command with other buffering of its standard streams',
    [valued('-i', '--input'), valued('-o', '--output'), valued('-e', '--error'), flag('--help'), flag('--version')],
    { block: ['stdbuf -oL rm -rf ~', 'stdbuf -x ls'], allow: ['stdbuf -oL tail -f app.log'] },
  ),
  wrapper(
    ['setsid'],
    'runs a command in a new session',
    [flag('-c', '--ctty'), flag('-f', '--fork'), flag('-w', '--wait'), flag('--help'), flag('--version')],
    { block: ['setsid rm -rf ~', 'setsid -x ls'], allow: ['setsid -f ./server.sh'] },
  ),
  wrapper(
    ['chroot'],
    'runs a command with another root folder',
    [valued('--userspec'), valued('--groups'), flag('--skip-chdir'), flag('--help'), flag('--version')],
    { block: ['chroot /srv/root rm -rf /home', 'chroot --x /srv/root ls'], allow: ['chroot /srv/root ls /etc', 'chroot /srv/root'] },
    { operands: [DATA, { ...COMMAND, rest: true }], cwd: 'unknown' },
  ),
  wrapper(
    ['flock'],
    'runs a command holding a file lock (or, with -c, a shell string)',
    [
      flag('-s', '--shared'),
      flag('-x', '-e', '--exclusive'),
      flag('-u', '--unlock'),
      flag('-n', '--nb', '--nonblock'),
      flag('-o', '--close'),
      flag('-F', '--no-fork'),
      flag('--verbose'),
      flag('-h', '--help'),
      flag('-V', '--version'),
      valued('-w', '--wait', '--timeout'),
      valued('-E', '--conflict-exit-code'),
      { names: ['-c', '--command'], value: 'required', role: SCRIPT },
    ],
    {
      block: ['flock /tmp/x.lock rm -rf ~', "flock -n /tmp/x.lock -c 'rm -rf ~'", 'flock -Z /tmp/x.lock ls'],
      allow: ['flock /tmp/x.lock make', "flock -n /tmp/x.lock -c 'npm test'"],
    },
    // `flock LOCK -c CMD`: the -c comes after the lock file, so options are read anywhere.
    { optionsFirst: false, operands: [DATA, { ...COMMAND, rest: true }] },
  ),
  wrapper(
    ['watch'],
    'runs a command again and again; without -x its words are a shell string',
    [
      ...['-b', '--beep', '-c', '--color', '-C', '--no-color', '-e', '--errexit', '-E', '-f', '-g', '--chgexit'].map((n) => flag(n)),
      ...['-h', '--help', '-p', '--precise', '-r', '--no-rerun', '-s', '-t', '--no-title', '-w', '--no-wrap', '--version'].map((n) =>
        flag(n),
      ),
      { names: ['-x', '--exec'], operands: [{ ...COMMAND, rest: true }] },
      valued('-n', '--interval'),
      valued('-q', '--equexit'),
      optional('-d', '--differences'),
    ],
    {
      block: ["watch 'rm -rf ~'", 'watch -n 5 rm -rf ~', 'watch -x rm -rf ~', 'watch -Z ls'],
      allow: ['watch -n 2 kubectl get pods', "watch 'ls -la | wc -l'", 'watch -x ls'],
    },
    { operands: [{ ...SCRIPT, rest: 'joined' }] },
  ),
  wrapper(
    ['xargs'],
    'runs a command with arguments read from its standard input',
    [
      flag('-0', '--null'),
      flag('-p', '--interactive'),
      flag('-r', '--no-run-if-empty'),
      flag('-t', '--verbose'),
      flag('-x', '--exit'),
      flag('-o', '--open-tty'),
      self('--show-limits'),
      self('--help'),
      self('--version'),
      valued('-a', '--arg-file'),
      valued('-d', '--delimiter'),
      valued('-E'),
      { names: ['-I'], value: 'required', placeholder: true },
      { names: ['-J'], value: 'required', placeholder: true },
      { names: ['-i', '--replace'], value: 'optional', placeholder: true },
      valued('-L'),
      valued('-n', '--max-args'),
      valued('-P', '--max-procs'),
      valued('-s', '--max-chars'),
      valued('-R'),
      valued('-S'),
      valued('--process-slot-var'),
      optional('-e', '--eof'),
      optional('-l', '--max-lines'),
    ],
    {
      block: ['find . -name x | xargs rm -rf ~', 'ls | xargs -I{} rm -rf ~/{}', 'ls | xargs -Z rm'],
      allow: ['ls | xargs -n1 echo', 'find . -name "*.ts" | xargs grep -l TODO', 'xargs --show-limits'],
    },
    { fed: { placeholders: ['{}'] } },
  ),
  wrapper(
    ['busybox'],
    'multi-call binary: its first operand is the applet it runs',
    [self('--list'), self('--list-full'), self('--install'), self('--help')],
    { block: ['busybox rm -rf ~', 'busybox sh -c "rm -rf ~"'], allow: ['busybox ls', 'busybox --list'] },
    { unknown: 'flag' },
  ),
  // zsh precommand modifiers: they run the command after them.
  wrapper(['noglob', 'nocorrect'], 'zsh precommand modifier: runs the command after it without globbing or correction', [], {
    block: ['noglob rm -rf ~'],
    allow: ['noglob git log --oneline HEAD^'],
  }),
];
