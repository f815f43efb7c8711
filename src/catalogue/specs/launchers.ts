// Family: launchers and runners — programs that run the rest of their command line, or a shell
// string they are given, sometimes later or elsewhere (a detached terminal, a sandbox, a queue, a
// namespace, a batch scheduler). What they run is judged like any command. Launchers read their
// options first and refuse options they do not know (`unknown: 'block'`): a misread option would
// hide the command. One spec per program, with examples run by the tests.
import type { CommandSpec, OperandDecl, OptionDecl, ProgramSpec } from '../spec.js';
import { aliases, flags, harmless, read, valued, write } from './infra-helpers.js';

const COMMAND = { kind: 'command' } as const;
const SCRIPT = { kind: 'script' } as const;
const DATA = { kind: 'data' } as const;
const SCRIPT_FILE = { kind: 'script-file' } as const;

/** The operands are a command and its arguments. */
const RUNS: OperandDecl[] = [{ ...COMMAND, rest: true }];
/** The first operand names something (a user, a container, a lock), the rest is the command. */
const RUNS_AFTER_ONE: OperandDecl[] = [DATA, { ...COMMAND, rest: true }];
/** The operands, joined with spaces, are one shell string (`watchexec -- cargo test`). */
const SHELL_STRING: OperandDecl[] = [{ ...SCRIPT, rest: 'joined' }];

/** One-letter flags and valued options from a string of letters (tmux, screen). */
const letterFlags = (letters: string): OptionDecl[] => [...letters].map((l) => ({ names: [`-${l}`] }));
const letterValues = (letters: string): OptionDecl[] => [...letters].map((l) => ({ names: [`-${l}`], value: 'required' as const }));
/** Options whose value is only attached (`--mount[=FILE]`, `-j4`). */
const optional = (...groups: (string | string[])[]): OptionDecl[] => groups.map((g) => ({ names: typeof g === 'string' ? [g] : g, value: 'optional' as const }));
/** An option whose value is a shell string the program runs. */
const runs = (...names: string[]): OptionDecl => ({ names, value: 'required', role: SCRIPT });
/** An option after which every word is the command it runs (`xterm -e cmd args`). */
const runsRest = (...names: string[]): OptionDecl => ({ names, value: 'required', rest: true, role: COMMAND });
/** An option whose value is a program the launcher runs (`start-stop-daemon --exec /usr/bin/app`). */
const program = (...names: string[]): OptionDecl => ({ names, value: 'required', role: COMMAND });
/** An option whose value is a file the program writes. */
const writes = (...names: string[]): OptionDecl => ({ names, value: 'required', role: { kind: 'path', access: 'write' } });
/** An option that makes the launcher run nothing (it lists, attaches to a running process, prints help). */
const runsNothing = (...names: string[]): OptionDecl => ({ names, harmless: true });
const HELP = harmless(['-h', '--help'], '--version');

interface Examples {
  block: string[];
  allow: string[];
}

/** A launcher: its options first, then the command it runs; an option it does not know blocks. */
function launcher(names: string[], summary: string, options: OptionDecl[], examples: Examples, extra: Partial<ProgramSpec> = {}): ProgramSpec {
  return { names, family: 'launchers', summary, optionsFirst: true, unknown: 'block', options, operands: RUNS, examples, ...extra };
}

/** tmux commands that start a shell command (one word: a shell string; several: a command and its arguments). */
const TMUX_RUNS: CommandSpec = {
  options: [...letterFlags('dADEPXabfhvkZI'), ...letterValues('ceFnstxylp')],
  unknown: 'block',
  optionsFirst: true,
  operands: SHELL_STRING,
};
const TMUX_SUBCOMMANDS: Record<string, CommandSpec> = {
  ...aliases(['new-session', 'new', 'new-window', 'neww', 'split-window', 'splitw', 'respawn-pane', 'respawnp', 'respawn-window', 'respawnw'], TMUX_RUNS),
  // Keys typed into a pane are commands to the shell there (each word is typed on its own).
  ...aliases(['send-keys', 'send'], { options: [...letterFlags('lRMXHK'), ...letterValues('tNc')], operands: [{ ...SCRIPT, rest: true }] }),
  ...aliases(['run-shell', 'run'], { options: [...letterFlags('bC'), ...letterValues('cdt')], operands: SHELL_STRING }),
  'if-shell': { options: [...letterFlags('bF'), ...letterValues('t')], operands: [{ ...SCRIPT, rest: true }] },
  'pipe-pane': { options: [...letterFlags('IOo'), ...letterValues('t')], operands: [SCRIPT] },
  'source-file': { operands: [{ ...SCRIPT_FILE, rest: true }] },
  ...aliases(['kill-server', 'kill-session', 'kill-window', 'kill-pane'], write('stops tmux sessions, windows or panes and what runs in them')),
};
const TMUX_GLOBAL: OptionDecl[] = [
  ...valued('-L', '-S', '-T'), { names: ['-f'], value: 'required', role: SCRIPT_FILE },
  runs('-c'), ...flags('-2', '-u', '-v', '-C', '-D', '-l', '-N'), ...harmless('-V'),
];

/** GNU screen: runs a command in a new session; -X sends a screen command (`stuff` types text). */
const SCREEN: CommandSpec = {
  optionsFirst: true,
  options: [
    ...flags('-d', '-m', '-D', '-R', '-r', '-x', '-a', '-A', '-U', '-L', '-q', '-O', '-i', '-l', '-ln', '-wipe', '-4', '-6', '-f', '-fn', '-fa'),
    ...valued('-S', '-t', '-e', '-h', '-p', '-T', '-s', '-Logfile'), { names: ['-c'], value: 'required', role: SCRIPT_FILE },
    { names: ['-X'], value: 'required', rest: true, role: SCRIPT }, runsNothing('-ls', '-list'), ...harmless(['-v', '--version']),
  ],
  unknown: 'block',
  operands: RUNS,
};

/** X toolkit options most X terminals take (single-dash names, `+name` to turn one off). */
const X_TOOLKIT: OptionDecl[] = [
  ...valued('-display', '-geometry', '-bg', '-background', '-fg', '-foreground', '-bd', '-bordercolor', '-bw', '-borderwidth', '-fn', '-font', '-name', '-title', '-xrm', '-selectionTimeout', '-xnllanguage'),
  ...flags('-iconic', '-rv', '-reverse', '-synchronous'),
  // `+sb`, `+ls`: the `+` form of a flag (never a command).
  { names: ['+'], value: 'optional' },
];

/** kitty's remote control (`kitty @ …`, `kitten @ …`): new windows run a command, send-text types into one. */
const KITTY_MATCH: OptionDecl[] = [...valued(['-m', '--match'], ['-t', '--match-tab']), ...flags('--all', '--exclude-active', '--self', '--no-response')];
const KITTY_REMOTE: CommandSpec = {
  options: [...valued('--to', '--password', '--password-file', '--password-env', '--use-password'), ...harmless(['-h', '--help'])],
  subcommands: {
    ...aliases(['launch', 'new-window'], {
      optionsFirst: true, unknown: 'block', operands: RUNS,
      options: [
        ...KITTY_MATCH,
        ...valued('--type', ['--title', '--window-title'], '--tab-title', '--cwd', '--env', '--var', '--location', '--next-to', '--bias', '--os-window-title', '--os-window-name', '--os-window-class',
          '--os-window-state', '--logo', '--logo-position', '--logo-alpha', '--color', '--spacing', '--add-to-session', '--remote-control-password', '--marker', '--stdin-source', '--source-window',
          '--response-timeout', '--window-type', '--hold-after-ssh'),
        { names: ['-w', '--watcher'], value: 'required', role: { kind: 'code-file', language: 'python' } },
        ...flags('--keep-focus', '--dont-take-focus', '--copy-colors', '--copy-cmdline', '--copy-env', '--hold', '--stdin-add-formatting', '--stdin-add-line-wrap-markers', '--allow-remote-control', '--wait-for-child-to-exit'),
      ],
    }),
    run: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued('--env', '--remote-control-password', '--timeout'), ...flags('--allow-remote-control')] },
    // Text typed into a window's shell; --stdin types the standard input.
    'send-text': { options: [...KITTY_MATCH, { names: ['--from-file'], value: 'required', role: SCRIPT_FILE }, ...valued('--bracketed-paste'), ...flags('--stdin')], operands: SHELL_STRING, stdin: SCRIPT },
    ...aliases(['ls', 'get-text', 'get-colors', 'list-fonts', 'action'], read('inspects kitty windows')),
    '*': write('changes kitty windows, tabs or settings'),
  },
};
const KITTY_SUBCOMMANDS: Record<string, CommandSpec> = {
  '@': KITTY_REMOTE,
  '+kitten': { subcommands: { '*': read('a kitty helper (icat, diff, ssh, themes…)') } },
  // Python code and files kitty's own interpreter runs.
  '+runpy': { operands: [{ kind: 'code', language: 'python' }, { ...DATA, rest: true }] },
  '+launch': { operands: [{ kind: 'code-file', language: 'python' }, { ...DATA, rest: true }] },
  '+hold': { operands: RUNS },
  '+open': read('opens files with their launch actions'),
};

/** Slurm job options shared by srun, salloc and sbatch. */
const SLURM: OptionDecl[] = [
  ...valued(['-A', '--account'], ['-b', '--begin'], ['-c', '--cpus-per-task'], ['-C', '--constraint'], ['-D', '--chdir'], ['-d', '--dependency'], ['-e', '--error'],
    ['-G', '--gpus'], ['-i', '--input'], ['-J', '--job-name'], ['-L', '--licenses'], ['-m', '--distribution'], ['-M', '--clusters'], ['-n', '--ntasks'], ['-N', '--nodes'],
    ['-o', '--output'], ['-p', '--partition'], ['-q', '--qos'], ['-t', '--time'], ['-w', '--nodelist'], ['-x', '--exclude'], ['-B', '--extra-node-info'], ['-S', '--core-spec'],
    '--mem', '--mem-per-cpu', '--mem-per-gpu', '--gres', '--gres-flags', '--gpus-per-node', '--gpus-per-task', '--gpus-per-socket', '--cpus-per-gpu', '--ntasks-per-node',
    '--ntasks-per-socket', '--ntasks-per-core', '--ntasks-per-gpu', '--export', '--export-file', '--mail-type', '--mail-user', '--time-min', '--reservation', '--signal', '--cpu-bind',
    '--mem-bind', '--mpi', '--comment', '--wckey', '--tmp', '--open-mode', '--switches', '--hint', '--uid', '--gid', '--container', '--container-id', '--network', '--cpu-freq', '--deadline',
    '--delay-boot', '--gpu-bind', '--gpu-freq', '--threads-per-core', '--sockets-per-node', '--cores-per-socket', '--het-group', '--mincpus', '--profile', '--acctg-freq', '--burst-buffer',
    '--bb', '--bbf', '--cluster-constraint', '--thread-spec', '--priority', '--power', '--nice', '--tres-per-task', '--tres-bind', '--resv-ports', '--segment', '--spread-segments',
    '--get-user-env', '--oom-kill-step', '--x11'),
  ...optional('--exclusive', '--propagate', '--bcast', ['-K', '--kill-on-bad-exit'], ['-I', '--immediate'], ['-k', '--no-kill'], '--requeue'),
  ...flags(['-H', '--hold'], '--no-requeue', ['-O', '--overcommit'], ['-s', '--oversubscribe'], ['-Q', '--quiet'], ['-v', '--verbose'], ['-l', '--label'], ['-u', '--unbuffered'],
    '--pty', '--overlap', '--spread-job', '--use-min-nodes', '--contiguous', ['-X', '--disable-status'], '--parsable', '--exact', '--multi-prog', '--external-launcher',
    ['-E', '--preserve-env'], '--reboot', ['-Z', '--no-allocate'], '--send-libs', '--usage'),
  ...harmless(['-h', '--help'], ['-V', '--version'], '--test-only'),
  // srun runs these programs around each task.
  program('--prolog'), program('--epilog'), program('--task-prolog'), program('--task-epilog'),
];

/** apptainer / singularity options for exec, run, shell and instance start. */
const APPTAINER_RUN: OptionDecl[] = [
  ...valued(['-B', '--bind'], '--mount', ['-H', '--home'], ['-W', '--workdir'], ['-S', '--scratch'], ['-o', '--overlay'], '--env', '--env-file', '--pwd', '--app', '--network',
    '--network-args', '--security', '--hostname', '--dns', '--add-caps', '--drop-caps', '--apply-cgroups', '--cpus', '--cpu-shares', '--cpuset-cpus', '--cpuset-mems', '--memory',
    '--memory-reservation', '--memory-swap', '--pids-limit', '--blkio-weight', '--blkio-weight-device', '--fusemount', '--no-mount', '--containlibs', '--passphrase', '--pem-path',
    '--docker-host', '--oci-conf', '--sif-fuse', '--cwd', '--shell', '--uidmap', '--gidmap'),
  ...flags(['-e', '--cleanenv'], ['-c', '--contain'], ['-C', '--containall'], ['-f', '--fakeroot'], '--nv', '--nvccli', '--rocm', ['-w', '--writable'], '--writable-tmpfs',
    ['-u', '--userns'], ['-i', '--ipc'], ['-p', '--pid'], '--uts', ['-n', '--net'], '--keep-privs', '--no-privs', '--allow-setuid', '--disable-cache', '--no-home', '--no-init',
    '--no-umask', '--no-eval', '--no-https', '--compat', '--boot', '--vm', '--no-nv', '--no-rocm', '--unsquash', '--no-pid', '--oci', '--no-oci', '--ignore-subuid', '--ignore-fakeroot-command',
    '--ignore-userns', '--no-setgroups', '--nonet', '--sharens', '--proot'),
  ...harmless(['-h', '--help']),
];
const APPTAINER: CommandSpec = {
  options: [...flags(['-d', '--debug'], ['-q', '--quiet'], ['-s', '--silent'], ['-v', '--verbose'], '--nocolor'), ...valued(['-c', '--config']), ...harmless('--version')],
  subcommands: {
    // The command runs in the container, with the user's home folder mounted by default.
    exec: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA, { ...COMMAND, rest: true }] },
    run: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA, { ...DATA, rest: true }] },
    shell: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA] },
    test: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA] },
    instance: { subcommands: { start: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA, DATA, { ...DATA, rest: true }] }, run: { optionsFirst: true, unknown: 'block', options: APPTAINER_RUN, operands: [DATA, DATA, { ...DATA, rest: true }] }, stop: write('stops a running container instance'), list: read('lists container instances') } },
    build: write('builds a container image'),
    pull: write('downloads a container image'),
    push: write('uploads a container image'),
    cache: { subcommands: { clean: write('empties the image cache'), list: read('lists the image cache') } },
    inspect: read('shows an image'),
    version: read('prints the version'),
  },
};

export const LAUNCHERS: ProgramSpec[] = [
  // ——— Pilots: display, fsync, personality, multiplexers, queues, environments, watchers, sandboxes.
  launcher(['xvfb-run'], 'runs a command under a virtual X server', [
    ...flags(['-a', '--auto-servernum'], ['-d', '--auto-display'], ['-l', '--listen-tcp']),
    writes('-e', '--error-file'), writes('-f', '--auth-file'),
    ...valued(['-n', '--server-num'], ['-p', '--xauth-protocol'], ['-s', '--server-args'], ['-w', '--wait']), ...harmless(['-h', '--help']),
  ], { block: ['xvfb-run rm -rf ~', 'xvfb-run -a -s "-screen 0 1024x768x24" rm -rf /'], allow: ['xvfb-run -a npm test', 'xvfb-run python3 -m pytest'] }),
  launcher(['eatmydata'], 'runs a command with fsync disabled', [...HELP], { block: ['eatmydata rm -rf ~'], allow: ['eatmydata apt-get install -y curl'] }),
  {
    names: ['setarch', 'linux32', 'linux64', 'i386', 'x86_64'],
    family: 'launchers',
    summary: 'runs a command with a different reported architecture',
    optionsFirst: true,
    unknown: 'block',
    options: [
      ...flags(['-v', '--verbose'], ['-R', '--addr-no-randomize'], ['-F', '--fdpic-funcptrs'], ['-Z', '--mmap-page-zero'], ['-L', '--addr-compat-layout'], ['-X', '--read-implies-exec'],
        ['-B', '--32bit'], ['-I', '--short-inode'], ['-S', '--whole-seconds'], ['-T', '--sticky-timeouts'], ['-3', '--3gb'], '--4gb', '--uname-2.6'),
      runsNothing('--list'), ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    subcommands: { '*': { optionsFirst: true, operands: RUNS, options: flags('-R', '-v', '-B', '-L', '-X', '-Z', '-F', '-I', '-S', '-T', '-3') } },
    examples: { block: ['setarch x86_64 rm -rf ~', 'setarch x86_64 -R rm -rf ~'], allow: ['setarch x86_64 -R ./run-tests', 'setarch --list'] },
  },
  {
    names: ['tmux'],
    family: 'launchers',
    summary: 'terminal multiplexer: new sessions, windows and panes run a shell command; send-keys types into one',
    options: TMUX_GLOBAL,
    optionsFirst: true,
    subcommands: TMUX_SUBCOMMANDS,
    examples: {
      block: ["tmux new -d 'rm -rf ~'", 'tmux new-session -d -s x rm -rf ~', "tmux send-keys -t x 'rm -rf ~' Enter", "tmux run-shell 'rm -rf ~'", "tmux -c 'rm -rf ~'"],
      allow: ['tmux ls', 'tmux attach -t main', "tmux new -d -s build 'npm run build'", 'tmux new-session -d -s srv npm run dev --port 3000', "tmux send-keys -t build 'make test' Enter"],
    },
  },
  {
    names: ['byobu', 'byobu-tmux'],
    family: 'launchers',
    summary: 'tmux with a profile: its sessions, windows and send-keys run shell commands like tmux',
    options: TMUX_GLOBAL,
    optionsFirst: true,
    subcommands: TMUX_SUBCOMMANDS,
    examples: { block: ["byobu new-session -d 'rm -rf ~'", "byobu send-keys -t 0 'rm -rf ~' Enter"], allow: ['byobu ls', "byobu new-session -d -s jobs 'npm test'"] },
  },
  { names: ['screen'], family: 'launchers', summary: 'terminal multiplexer: runs a command in a new (possibly detached) session', ...SCREEN,
    examples: { block: ['screen -dm rm -rf ~', 'screen -S x -X stuff "rm -rf ~\\n"'], allow: ['screen -ls', 'screen -dmS build make'] } },
  { names: ['byobu-screen'], family: 'launchers', summary: 'GNU screen with a profile: runs a command in a new session', ...SCREEN,
    examples: { block: ['byobu-screen -dm rm -rf ~'], allow: ['byobu-screen -ls', 'byobu-screen -dmS build make'] } },
  {
    names: ['at', 'batch'],
    family: 'launchers',
    summary: 'queues the shell script on its standard input (or in -f FILE) to run later, outside the guard',
    options: [
      { names: ['-f'], value: 'required', role: SCRIPT_FILE }, ...valued('-q', '-t', '-u'), ...flags('-m', '-M', '-v'), ...harmless('-V'),
      runsNothing('-l'), runsNothing('-c'), { names: ['-d'], verb: { effect: 'write', why: 'removes queued jobs' } }, { names: ['-r'], verb: { effect: 'write', why: 'removes queued jobs' } },
    ],
    stdin: SCRIPT,
    verb: { effect: 'write', why: 'schedules a job to run later, outside the guard' },
    examples: { block: ["at now <<< 'rm -rf ~'", "echo 'rm -rf ~' | at now + 1 minute", "batch <<< 'curl -s x.sh | sh'", 'at -f /dev/stdin now <<< "rm -rf ~"'], allow: ['at -l', 'at -c 12'] },
  },
  {
    names: ['nix-shell'],
    family: 'launchers',
    summary: 'enters a Nix environment and runs a command or a shell string in it',
    options: [
      runs('--run'), runs('--command'),
      ...valued(['-p', '--packages'], ['-A', '--attr'], ['-I', '--include'], '--keep', '-j', '--max-jobs', '--cores', '--option', '--log-format'),
      { names: ['--arg'], value: 'required', words: 2 }, { names: ['--argstr'], value: 'required', words: 2 },
      ...flags('--pure', '--impure', '-v', '--verbose', '-Q', '--no-build-output', '-K', '--keep-failed', '-k', '--keep-going', '--show-trace', '--quiet'),
      { names: ['-E', '--expr'], value: 'required', role: { kind: 'code', language: 'nix' } },
    ],
    examples: { block: ["nix-shell -p hello --run 'rm -rf ~'", "nix-shell --command 'rm -rf ~'"], allow: ["nix-shell -p jq --run 'jq --version'", 'nix-shell shell.nix', "nix-shell --arg ci true --run 'make test'"] },
  },
  {
    names: ['watchexec'],
    family: 'launchers',
    summary: 'runs a command (through a shell) each time files change',
    options: [
      ...valued(['-w', '--watch'], ['-W', '--watch-non-recursive'], ['-e', '--exts'], ['-f', '--filter'], ['-i', '--ignore'], ['-d', '--debounce'], ['-s', '--signal'],
        '--shell', ['-o', '--on-busy-update'], '--emit-events-to', ['-E', '--env'], '--workdir', '--stop-signal', '--stop-timeout', '--delay-run', '--poll', '--project-origin',
        '--filter-file', '--ignore-file', '--fs-events', '--wrap-process', '--timings', '--color', '--print-events', '--log-file', '--filter-prog', '--socket'),
      ...flags('-n', ['-r', '--restart'], ['-c', '--clear'], ['-p', '--postpone'], '-1', ['-N', '--notify'], '--no-vcs-ignore', '--no-project-ignore', '--no-global-ignore',
        '--no-default-ignore', '--no-discover-ignore', '--no-meta', '--no-environment', '--no-process-group', '--only-emit-events', '--bell', '--quiet', '-v', '-vv', '-vvv', '--ignore-nothing'),
      ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    unknown: 'block',
    optionsFirst: true,
    operands: SHELL_STRING,
    examples: { block: ['watchexec -- rm -rf ~', "watchexec -e rs 'rm -rf ~'"], allow: ['watchexec -e rs cargo test', 'watchexec -r -- npm start', 'watchexec -e rs -- cargo test --release'] },
  },
  launcher(['flatpak-spawn'], 'runs a command outside the Flatpak sandbox (on the host with --host)', [
    ...flags('--host', '--watch-bus', '--expose-pids', '--share-pids', '--latest-version', '--no-network', '--sandbox', '--clear-env', '--verbose'),
    ...valued('--forward-fd', '--env', '--unset-env', '--directory', '--sandbox-expose', '--sandbox-expose-ro', '--sandbox-expose-path', '--sandbox-expose-path-ro', '--sandbox-flag', '--app-path', '--usr-path'),
    ...HELP,
  ], { block: ['flatpak-spawn --host rm -rf ~'], allow: ['flatpak-spawn --host podman ps'] }),

  // ——— Tracers, profilers and debuggers that start the program they trace.
  launcher(['strace'], 'traces the system calls of a command it runs', [
    ...flags('-A', '-c', '-C', '-d', '-D', '-DD', '-DDD', '-f', '-ff', '-F', '-i', '-k', '-n', '-q', '-qq', '-r', '-t', '-tt', '-ttt', '-T', '-v', '-w', '-x', '-xx', '-y', '-yy', '-z', '-Z',
      '--seccomp-bpf', '--kill-on-exit', '--follow-forks', '--output-separately', '--summary-only', '--summary', '--no-abbrev', '--decode-pids', '--syscall-times', '--always-show-pid',
      '--relative-timestamps', '--stack-trace', '--successful-only', '--failed-only', '--daemonize', '--tips'),
    ...valued('-a', '-b', '-e', '-E', '-I', '-O', '-P', '-p', '-s', '-S', '-u', '-U', '-X', '--trace', '--signal', '--status', '--inject', '--fault', '--abbrev', '--verbose', '--raw', '--read',
      '--write', '--trace-path', '--attach', '--string-limit', '--summary-sort-by', '--summary-columns', '--user', '--env', '--const-print-style', '--columns', '--decode-fds', '--timestamps',
      '--argv0', '--trace-fds', '--secontext', '--quiet', '--instruction-pointer', '--absolute-timestamps', '--summary-syscall-overhead', '--interruptible'),
    // `-o '|cmd'` or `-o '!cmd'` pipes the trace into a shell command.
    { names: ['-o', '--output'], value: 'required', role: { kind: 'code', language: 'strace-output', inert: '^[^|!]' } },
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['strace -f rm -rf ~', "strace -o '|rm -rf ~' true", "strace -f bash -c 'rm -rf /'"], allow: ['strace -f -e trace=file -o trace.txt ./app', 'strace -p 1234', 'strace -f ls'] }, { prefixes: true }),
  launcher(['ltrace'], 'traces the library calls of a command it runs', [
    ...flags('-b', '-c', '-C', '-f', '-g', '-i', '-L', '-r', '-S', '-t', '-tt', '-ttt', '-T', '--demangle', '--no-signals', '--no-plt'),
    ...valued('-a', '-A', '-D', '-e', '-F', '-l', '-n', '-o', '-p', '-s', '-u', '-w', '-x', '--align', '--debug', '--indent', '--library', '--output', '--where', '--config'),
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['ltrace -f rm -rf ~'], allow: ['ltrace -c ./app', 'ltrace -p 4242'] }),
  launcher(['valgrind'], 'runs a command under an instrumentation tool (memcheck, callgrind, massif)', [
    ...flags('-q', '--quiet', '-v', '--verbose', '-s'),
    // Valgrind's own options take their value after `=` only.
    ...optional('--tool', '--trace-children', '--trace-children-skip', '--trace-children-skip-by-arg', '--child-silent-after-fork', '--vgdb', '--vgdb-error', '--vgdb-prefix', '--track-fds',
      '--time-stamp', '--log-fd', '--log-socket', '--xml', '--xml-fd', '--xml-socket', '--suppressions', '--gen-suppressions', '--leak-check', '--show-leak-kinds', '--errors-for-leak-kinds',
      '--leak-resolution', '--track-origins', '--show-reachable', '--undef-value-errors', '--num-callers', '--error-limit', '--error-exitcode', '--exit-on-first-error', '--max-stackframe',
      '--main-stacksize', '--max-threads', '--fair-sched', '--smc-check', '--read-var-info', '--read-inline-info', '--keep-debuginfo', '--demangle', '--expensive-definedness-checks',
      '--callgrind-out-file', '--massif-out-file', '--cachegrind-out-file', '--dhat-out-file', '--collect-atstart', '--instr-atstart', '--dump-instr', '--cache-sim', '--branch-sim',
      '--pages-as-heap', '--stacks', '--threshold', '--depth', '--detailed-freq', '--max-snapshots', '--time-unit', '--history-level', '--sim-hints', '--soname-synonyms', '--merge-recursive-frames',
      '--num-transtab-sectors', '--redzone-size', '--malloc-fill', '--free-fill', '--freelist-vol', '--partial-loads-ok', '--workaround-gcc296-bugs', '--fullpath-after', '--extra-debuginfo-path',
      '--allow-mismatched-debuginfo', '--debuginfo-server', '--run-libc-freeres', '--run-cxx-freeres', '--show-below-main', '--vex-iropt-register-updates', '--show-error-list', '--keep-stacktraces',
      '--separate-threads', '--dump-line', '--log-file-exactly', '--xml-file', '--xml-user-comment', '--ignore-ranges', '--ignore-range-below-sp', '--default-suppressions', '--trace-malloc'),
    { names: ['--log-file'], value: 'optional', role: { kind: 'path', access: 'write' } },
    // The debugger command run at each error (with --db-attach in old versions).
    { names: ['--db-command'], value: 'optional', role: SCRIPT },
    ...harmless('--help', '--help-debug', '--version', '--help-dyn-options'),
  ], { block: ['valgrind rm -rf ~', "valgrind --db-command='rm -rf ~' ./app", 'valgrind --tool=callgrind --log-file=cg.out rm -rf ~'], allow: ['valgrind --leak-check=full ./build/app', 'valgrind --tool=massif ./a.out input.txt'] }),
  launcher(['catchsegv'], 'runs a command and prints a backtrace if it crashes', [...HELP], { block: ['catchsegv rm -rf ~'], allow: ['catchsegv ./app --port 8080'] }),
  launcher(['rr'], 'records a command for replay debugging', [...HELP], { block: ['rr record rm -rf ~'], allow: ['rr record ./build/test-suite', 'rr replay', 'rr ps'] }, {
    operands: undefined,
    optionsFirst: true,
    subcommands: {
      record: { optionsFirst: true, unknown: 'block', options: [...flags(['-n', '--no-syscall-buffer'], ['-c', '--num-cpu-ticks'], '--chaos', '--asan', '--tsan', ['-u', '--cpu-unbound'], '--disable-avx-512', '--setuid-sudo', '--stdio-marks', '-w', '--wait'), ...valued(['-o', '--output-trace-dir'], ['-b', '--bind-to-cpu'], ['-v', '--env'], '--syscall-buffer-size', '--ignore-nested', '--nested', '--disable-cpuid-features', '--disable-cpuid-features-ext', '--disable-cpuid-features-xsave', '--trace-id', '--copy-preload-src', '--ignore-error')], operands: RUNS },
      '*': read('replays or inspects a recording'),
    },
  }),
  launcher(['heaptrack'], 'runs a command and records its heap allocations', [
    ...valued(['-o', '--output'], ['-p', '--pid']), ...flags(['-d', '--debug'], ['-r', '--record-only'], '--raw', '--use-inject', ['-a', '--analyze']), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['heaptrack rm -rf ~'], allow: ['heaptrack ./build/app --config app.toml', 'heaptrack --analyze heaptrack.app.1234.zst'] }),
  launcher(['gdbserver'], 'runs a program (or attaches to one) for a remote debugger', [
    ...flags('--multi', '--once', '--debug', '--remote-debug', '--no-startup-with-shell', '--startup-with-shell', '--disable-randomization', '--no-disable-randomization', '--selftest'),
    ...valued('--debug-format', '--wrapper', '--disable-packet'), { names: ['--attach'], operands: [DATA, DATA] }, ...HELP,
  ], { block: ['gdbserver :2345 rm -rf ~'], allow: ['gdbserver :2345 ./build/app --flag', 'gdbserver --attach :2345 4242'] }, { operands: RUNS_AFTER_ONE }),

  // ——— Sandboxes, namespaces and privilege changes: the command runs with other rights or in another place.
  {
    names: ['firejail'],
    family: 'launchers',
    summary: 'runs a command in a Linux sandbox (namespaces, seccomp)',
    // Firejail's options take their value after `=`; any other is a flag.
    optionsFirst: true,
    options: [
      ...optional('--profile', '--private', '--private-home', '--private-bin', '--private-etc', '--private-opt', '--private-srv', '--whitelist', '--blacklist', '--read-only', '--read-write',
        '--noexec', '--tmpfs', '--bind', '--net', '--ip', '--ip6', '--dns', '--hostname', '--hosts-file', '--mac', '--mtu', '--netmask', '--defaultgw', '--veth-name', '--netfilter',
        '--netfilter6', '--caps.drop', '--caps.keep', '--seccomp', '--seccomp.drop', '--seccomp.keep', '--protocol', '--rlimit-as', '--rlimit-cpu', '--rlimit-fsize', '--rlimit-nofile',
        '--rlimit-nproc', '--rlimit-sigpending', '--cpu', '--nice', '--name', '--env', '--rmenv', '--timeout', '--x11', '--overlay-named', '--chroot', '--cgroup', '--include', '--ignore',
        '--noblacklist', '--nowhitelist', '--mkdir', '--mkfile', '--dbus-user', '--dbus-system', '--dbus-user.talk', '--dbus-user.own', '--dbus-system.talk', '--dbus-system.own',
        '--allusers', '--shell', '--trace', '--output', '--output-stderr', '--deterministic-exit-code', '--restrict-namespaces', '--join', '--join-or-start', '--join-network',
        '--join-filesystem', '--shutdown', '--audit', '--bandwidth', '--netstats', '--apparmor', '--keep-fd', '--tab', '--machine-id', '--memory-deny-write-execute', '--novideo', '--nou2f'),
      runsNothing('--list'), runsNothing('--tree'), runsNothing('--top'), ...harmless('--help', '--version', '-?'),
    ],
    operands: RUNS,
    examples: { block: ['firejail rm -rf ~', 'firejail --noprofile --net=none rm -rf ~'], allow: ['firejail --net=none python3 app.py', 'firejail --list', 'firejail --private firefox'] },
  },
  launcher(['bwrap'], 'runs a command in a bubblewrap sandbox', [
    ...['--bind', '--bind-try', '--ro-bind', '--ro-bind-try', '--dev-bind', '--dev-bind-try', '--symlink', '--setenv', '--file', '--bind-data', '--ro-bind-data', '--chmod', '--overlay-src'].map((n) => ({ names: [n], value: 'required' as const, words: 2 })),
    { names: ['--overlay'], value: 'required', words: 3 },
    ...valued('--chdir', '--tmpfs', '--proc', '--dev', '--dir', '--remount-ro', '--mqueue', '--uid', '--gid', '--hostname', '--seccomp', '--add-seccomp-fd', '--info-fd', '--json-status-fd',
      '--lock-file', '--sync-fd', '--block-fd', '--userns-block-fd', '--userns', '--userns2', '--pidns', '--perms', '--size', '--exec-label', '--file-label', '--cap-add', '--cap-drop',
      '--unsetenv', '--argv0', '--tmp-overlay', '--ro-overlay'),
    ...flags('--unshare-all', '--share-net', '--unshare-user', '--unshare-user-try', '--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup',
      '--unshare-cgroup-try', '--die-with-parent', '--new-session', '--as-pid-1', '--clearenv', '--disable-userns', '--assert-userns-disabled', '--level-prefix'),
    ...HELP,
  ], { block: ['bwrap --ro-bind / / --bind ~ ~ rm -rf ~', 'bwrap --dev-bind / / rm -rf ~'], allow: ['bwrap --ro-bind / / --dev /dev --unshare-net ls /', 'bwrap --ro-bind /usr /usr --symlink usr/lib64 /lib64 --proc /proc --unshare-all python3 -m pytest'] }),
  launcher(['unshare'], 'runs a command in new namespaces (mount, user, network, pid…)', [
    ...optional(['-m', '--mount'], ['-u', '--uts'], ['-i', '--ipc'], ['-n', '--net'], ['-p', '--pid'], ['-U', '--user'], ['-C', '--cgroup'], ['-T', '--time'], '--kill-child', '--mount-proc', '--mount-binfmt'),
    ...flags(['-f', '--fork'], ['-r', '--map-root-user'], ['-c', '--map-current-user'], '--map-auto', ['-l', '--load-interp'], '--keep-caps'),
    ...valued('--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups', ['-R', '--root'], ['-w', '--wd'], ['-S', '--setuid'], ['-G', '--setgid'], '--monotonic', '--boottime'),
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['unshare -r rm -rf ~', 'unshare --mount --map-root-user --fork rm -rf ~'], allow: ['unshare --user --map-root-user id', 'unshare -rn ping -c1 127.0.0.1'] }, { prefixes: true }),
  launcher(['nsenter'], "runs a command in another process's namespaces", [
    ...valued(['-t', '--target'], ['-S', '--setuid'], ['-G', '--setgid'], ['-W', '--wdns']),
    ...optional(['-m', '--mount'], ['-u', '--uts'], ['-i', '--ipc'], ['-n', '--net'], ['-p', '--pid'], ['-U', '--user'], ['-C', '--cgroup'], ['-T', '--time'], ['-r', '--root'], ['-w', '--wd']),
    ...flags(['-a', '--all'], '--preserve-credentials', ['-e', '--env'], ['-F', '--no-fork'], ['-Z', '--follow-context'], ['-c', '--join-cgroup'], '--keep-caps', '--user-parent'),
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['nsenter -t 1 -m -u -n -i rm -rf ~'], allow: ['nsenter -t 1234 -n ip addr', 'nsenter --target 1 --mount --uts hostname'] }, { prefixes: true }),
  launcher(['cgexec'], 'runs a command in control groups', [...valued('-g'), ...flags('-b', '-r', '--sticky'), ...harmless('-h')],
    { block: ['cgexec -g cpu,memory:batch rm -rf ~'], allow: ['cgexec -g memory:limited ./build.sh'] }),
  launcher(['setpriv'], 'runs a command with other user ids, groups, capabilities or security labels', [
    ...valued('--inh-caps', '--ambient-caps', '--bounding-set', '--groups', '--rgid', '--egid', '--regid', '--ruid', '--euid', '--reuid', '--securebits', '--pdeathsig', '--selinux-label',
      '--apparmor-profile', '--landlock-access', '--landlock-rule', '--ptracer'),
    ...flags('--nnp', '--no-new-privs', '--keep-groups', '--clear-groups', '--init-groups', '--reset-env', '--seccomp-filter'),
    runsNothing('-d', '--dump'), runsNothing('--list-caps'), ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['setpriv --reuid=1000 --regid=1000 --init-groups rm -rf ~'], allow: ['setpriv --no-new-privs ./app', 'setpriv -d'] }, { prefixes: true }),
  launcher(['sudo-rs'], 'runs a command as another user (a Rust sudo)', [
    ...valued(['-u', '--user'], ['-g', '--group'], ['-D', '--chdir'], ['-C', '--close-from'], ['-p', '--prompt'], ['-h', '--host'], ['-U', '--other-user']),
    ...flags(['-E', '--preserve-env'], ['-H', '--set-home'], ['-i', '--login'], ['-k', '--reset-timestamp'], ['-n', '--non-interactive'], ['-S', '--stdin'], ['-s', '--shell'], ['-b', '--background'], ['-B', '--bell'], ['-P', '--preserve-groups']),
    runsNothing('-l', '--list'), runsNothing('-v', '--validate'), runsNothing('-K', '--remove-timestamp'), runsNothing('-e', '--edit'), ...harmless(['-V', '--version'], '--help'),
  ], { block: ['sudo-rs rm -rf ~', 'sudo-rs -u root rm -rf /'], allow: ['sudo-rs -l', 'sudo-rs apt-get update'] }),
  launcher(['pkexec'], 'runs a command as another user through polkit', [...valued('--user'), ...flags('--keep-cwd', '--disable-internal-agent'), ...HELP],
    { block: ['pkexec rm -rf /'], allow: ['pkexec --user root systemctl status nginx'] }),
  launcher(['run0'], 'runs a command as another user in a transient systemd unit', [
    ...valued(['-u', '--user'], ['-g', '--group'], ['-D', '--chdir'], '--unit', ['-p', '--property'], '--description', '--slice', '--nice', '--setenv', ['-M', '--machine'], '--background',
      '--pty-late', '--area', '--via-shell'),
    ...flags('--slice-inherit', '--no-ask-password', '--pty', '--pipe', '--empower', ['-i', '--shell-prompt-prefix'], '-E', '--lightweight'),
    ...HELP,
  ], { block: ['run0 rm -rf /'], allow: ['run0 systemctl restart nginx', 'run0 --user=postgres psql -c "SELECT 1"'] }),
  launcher(['systemd-run'], 'runs a command in a transient systemd service or scope, now or on a timer', [
    ...valued(['-u', '--unit'], ['-p', '--property'], '--description', '--slice', '--service-type', '--uid', '--gid', '--nice', '--working-directory', ['-E', '--setenv'], '--on-active',
      '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--timer-property', '--path-property', '--socket-property', ['-H', '--host'], ['-M', '--machine'],
      '--json', '--background', '--expand-environment'),
    ...flags('--slice-inherit', ['-r', '--remain-after-exit'], '--send-sighup', ['-d', '--same-dir'], ['-t', '--pty'], ['-P', '--pipe'], ['-q', '--quiet'], '--on-timezone-change',
      '--on-clock-change', '--no-block', '--wait', ['-G', '--collect'], '--user', '--system', '--scope', ['-S', '--shell'], '--no-ask-password', '-v', '--verbose', '--ignore-failure'),
    ...HELP,
  ], { block: ['systemd-run --user rm -rf ~', "systemd-run --on-calendar=hourly sh -c 'rm -rf ~'"], allow: ['systemd-run --user --scope -p MemoryMax=2G make -j8', 'systemd-run --user --wait ./backup.sh'] }),
  launcher(['chrt'], 'runs a command with a real-time scheduling policy', [
    ...flags(['-b', '--batch'], ['-d', '--deadline'], ['-f', '--fifo'], ['-i', '--idle'], ['-o', '--other'], ['-r', '--rr'], ['-R', '--reset-on-fork'], ['-a', '--all-tasks'], ['-v', '--verbose'], '--ext'),
    ...valued(['-T', '--sched-runtime'], ['-P', '--sched-period'], ['-D', '--sched-deadline']),
    // With -p it changes a running process: the operands are a priority and a pid.
    { names: ['-p', '--pid'], operands: [{ ...DATA, rest: true }] }, runsNothing('-m', '--max'), ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['chrt -f 99 rm -rf ~'], allow: ['chrt -b 0 make -j8', 'chrt -p 4242'] }, { operands: RUNS_AFTER_ONE }),
  launcher(['taskset'], 'runs a command pinned to some CPUs', [
    ...flags(['-a', '--all-tasks'], ['-c', '--cpu-list']), { names: ['-p', '--pid'], operands: [{ ...DATA, rest: true }] }, ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['taskset -c 0-3 rm -rf ~'], allow: ['taskset -c 0-3 make -j4', 'taskset -p 4242'] }, { operands: RUNS_AFTER_ONE }),
  launcher(['numactl'], 'runs a command with a NUMA memory and CPU policy', [
    ...valued(['-i', '--interleave'], ['-p', '--preferred'], ['-m', '--membind'], ['-N', '--cpunodebind'], ['-C', '--physcpubind'], ['-M', '--shmmode'], ['-S', '--shm'], ['-f', '--file'],
      ['-o', '--offset'], ['-L', '--length'], ['-I', '--shmid'], ['-w', '--weighted-interleave'], ['-P', '--preferred-many']),
    ...flags(['-l', '--localalloc'], ['-a', '--all'], ['-t', '--touch'], '--strict', ['-u', '--huge'], ['-b', '--balancing']),
    runsNothing('-s', '--show'), runsNothing('-H', '--hardware'), ...harmless('--help', '--version'),
  ], { block: ['numactl --cpunodebind=0 rm -rf ~'], allow: ['numactl --cpunodebind=0 --membind=0 ./bench', 'numactl --hardware'] }),
  launcher(['cpulimit'], 'runs a command (or watches a process) limited to a share of the CPU', [
    ...valued(['-l', '--limit'], ['-c', '--cpu'], ['-s', '--signal']), { names: ['-p', '--pid'], value: 'required', operands: [] }, { names: ['-e', '--exe'], value: 'required', operands: [] },
    { names: ['-P', '--path'], value: 'required', operands: [] },
    ...flags(['-z', '--lazy'], ['-i', '--include-children'], ['-k', '--kill'], ['-r', '--restore'], ['-b', '--background'], ['-m', '--monitor-forks'], ['-q', '--quiet'], ['-v', '--verbose']),
    ...harmless(['-h', '--help']),
  ], { block: ['cpulimit -l 50 rm -rf ~', 'cpulimit -l 50 -- rm -rf ~'], allow: ['cpulimit -l 50 -- make -j4', 'cpulimit -p 4242 -l 20'] }),
  launcher(['prlimit'], 'runs a command (or changes a process) with resource limits', [
    ...optional(['-c', '--core'], ['-d', '--data'], ['-e', '--nice'], ['-f', '--fsize'], ['-i', '--sigpending'], ['-l', '--memlock'], ['-m', '--rss'], ['-n', '--nofile'], ['-q', '--msgqueue'],
      ['-r', '--rtprio'], ['-s', '--stack'], ['-t', '--cpu'], ['-u', '--nproc'], ['-v', '--as'], ['-x', '--locks'], ['-y', '--rttime']),
    ...valued(['-o', '--output']), { names: ['-p', '--pid'], value: 'required', operands: [] }, ...flags('--noheadings', '--raw', '--verbose'), ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['prlimit --nofile=1024 rm -rf ~'], allow: ['prlimit --nofile=65536 ./server', 'prlimit --pid 4242'] }),
  launcher(['faketime'], 'runs a command with a faked clock', [...flags('-m', '-f', '--exclude-monotonic'), ...valued('-p', '--date-prog'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    { block: ["faketime '2020-01-01 00:00:00' rm -rf ~"], allow: ["faketime '2020-12-24 08:15:42' date", "faketime -f '+2d' make test"] }, { operands: RUNS_AFTER_ONE }),
  launcher(['fakeroot'], 'runs a command that believes it is root (for building packages)', [
    ...valued(['-l', '--lib'], '--faked', '-s', '-i', ['-b', '--fd-base']), ...flags(['-u', '--unknown-is-real']), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['fakeroot rm -rf ~', 'fakeroot -- rm -rf ~'], allow: ['fakeroot dpkg-deb --build pkg', 'fakeroot -- debian/rules binary'] }),
  launcher(['fakechroot'], 'runs a command in a fake chroot (library interposition)', [
    ...valued(['-l', '--lib'], ['-d', '--elfloader'], ['-e', '--environment'], ['-c', '--config-dir'], ['-b', '--bindir']), ...flags(['-s', '--use-system-libs']), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['fakechroot rm -rf ~'], allow: ['fakechroot fakeroot debootstrap --variant=fakechroot stable rootfs'] }),
  launcher(['proot'], 'runs a command in a user-space chroot with bind mounts', [
    ...valued(['-r', '--rootfs'], ['-b', '--bind', '-m', '--mount'], ['-w', '--pwd', '--cwd'], ['-k', '--kernel-release'], ['-i', '--change-id'], ['-v', '--verbose'], '-R', '-S', ['-p', '--port']),
    // The emulator prefixed to every program (`-q 'qemu-arm -cpu max'`).
    runs('-q', '--qemu'),
    ...flags(['-0', '--root-id'], '--link2symlink', '--kill-on-exit', ['-n', '--netcoop'], '--sysvipc', '--ashmem-memfd', '-L', '-l', '-H', '-P'),
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['proot -r rootfs -b /home rm -rf ~', "proot -q 'rm -rf ~' -r rootfs ls"], allow: ['proot -r ./rootfs -0 -w / /bin/sh -c "apk add curl"', 'proot -S ./alpine ls /'] }),
  launcher(['schroot'], 'runs a command in a configured chroot', [
    ...valued(['-c', '--chroot'], ['-u', '--user'], ['-d', '--directory'], ['-n', '--session-name'], ['-o', '--option']),
    ...flags(['-p', '--preserve-environment'], ['-q', '--quiet'], ['-v', '--verbose'], ['-a', '--all'], '--all-chroots', '--all-sessions', '--all-source-chroots', ['-r', '--run-session'],
      ['-f', '--force'], '--automatic-session', '--directory-strategy'),
    runsNothing('-l', '--list'), runsNothing('-i', '--info'), runsNothing('--config'), runsNothing('--location'), runsNothing('-b', '--begin-session'), runsNothing('--recover-session'),
    { names: ['-e', '--end-session'], verb: { effect: 'write', why: 'ends a chroot session' } }, ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['schroot -c bookworm -- rm -rf ~'], allow: ['schroot -c bookworm -- make test', 'schroot -l'] }),
  launcher(['gosu', 'su-exec', 's6-setuidgid'], 'runs a command as another user (container entrypoints)', [...HELP],
    { block: ['gosu root rm -rf /', 'su-exec app rm -rf ~'], allow: ['gosu postgres pg_ctl start', 'su-exec node npm start'] }, { operands: RUNS_AFTER_ONE }),
  launcher(['chpst'], 'runs a command with another user, environment, limits or lock (runit)', [
    ...valued('-u', '-U', '-b', '-e', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-r', '-t'), ...flags('-v', '-P', '-0', '-1', '-2'),
  ], { block: ['chpst -u nobody rm -rf ~'], allow: ['chpst -u app:app -e ./env ./run-server'] }),
  launcher(['sg'], 'runs a shell string with another group id', [{ names: ['-c'] }, ...HELP], { block: ["sg docker 'rm -rf ~'", "sg docker -c 'rm -rf ~'"], allow: ["sg docker -c 'docker ps'", "sg wheel 'id -Gn'"] },
    { optionsFirst: false, operands: [DATA, { ...SCRIPT, rest: 'joined' }] }),
  launcher(['ssh-agent'], 'starts an SSH key agent and runs a command under it', [
    ...valued('-a', '-E', '-t', '-P', '-O'), ...flags('-c', '-s', '-D', '-d'), { names: ['-k'], verb: { effect: 'write', why: 'stops the running SSH agent' } },
  ], { block: ['ssh-agent rm -rf ~', "ssh-agent bash -c 'rm -rf ~'"], allow: ['ssh-agent -s', "ssh-agent bash -c 'ssh-add ~/.ssh/id_ed25519 && git pull'"] }),
  launcher(['dbus-launch'], 'starts a session bus and runs a command with it', [
    ...flags('--sh-syntax', '--csh-syntax', '--auto-syntax', '--binary-syntax', '--close-stderr', '--exit-with-session', '--exit-with-x11'), ...optional('--autolaunch', '--config-file'), ...HELP,
  ], { block: ['dbus-launch rm -rf ~'], allow: ['dbus-launch --exit-with-session gnome-session', 'dbus-launch --sh-syntax'] }),
  launcher(['dbus-run-session'], 'runs a command with a private session bus', [...valued('--config-file', '--dbus-daemon'), ...HELP],
    { block: ['dbus-run-session -- rm -rf ~'], allow: ['dbus-run-session -- pytest tests/'] }),
  launcher(['torsocks', 'torify'], 'runs a command with its connections sent through Tor', [
    ...valued(['-u', '--user'], ['-p', '--pass'], ['-a', '--address'], ['-P', '--port']), ...flags(['-i', '--isolate'], ['-d', '--debug'], ['-q', '--quiet'], '--shell'), ...HELP,
  ], { block: ['torsocks rm -rf ~', 'torify rm -rf ~'], allow: ['torsocks curl https://check.torproject.org', 'torify git fetch'] }),
  launcher(['proxychains', 'proxychains4'], 'runs a command with its connections sent through proxies', [...valued('-f'), ...flags('-q')],
    { block: ['proxychains4 -q rm -rf ~'], allow: ['proxychains4 -q curl https://example.com', 'proxychains -f proxies.conf nmap -sT host'] }),
  launcher(['caffeinate'], 'runs a command while keeping the Mac awake', [...flags('-d', '-i', '-m', '-s', '-u'), ...valued('-t', '-w')],
    { block: ['caffeinate -i rm -rf ~'], allow: ['caffeinate -i make release', 'caffeinate -t 3600'] }),
  launcher(['systemd-inhibit'], 'runs a command while holding a shutdown or sleep lock', [
    ...valued('--what', '--who', '--why', '--mode'), runsNothing('--list'), ...flags('--no-pager', '--no-legend', '--no-ask-password'), ...harmless(['-h', '--help'], '--version'),
  ], { block: ['systemd-inhibit rm -rf ~'], allow: ["systemd-inhibit --why='backup' ./backup.sh", 'systemd-inhibit --list'] }),
  launcher(['tini'], 'a minimal init: runs a command as a child and reaps zombies', [...valued('-p', '-e'), ...flags('-s', '-v', '-vv', '-vvv', '-w', '-g', '-l'), ...harmless('-h', '--version')],
    { block: ['tini -- rm -rf ~'], allow: ['tini -- node server.js'] }),
  launcher(['dumb-init'], 'a minimal init: runs a command as a child and forwards signals', [...valued(['-r', '--rewrite']), ...flags(['-c', '--single-child'], ['-v', '--verbose']), ...harmless(['-h', '--help'], ['-V', '--version'])],
    { block: ['dumb-init rm -rf ~', 'dumb-init -- rm -rf ~'], allow: ['dumb-init -- python3 app.py'] }),

  // ——— Language and environment managers: the command runs with a tool version or a project environment.
  {
    names: ['nix'],
    family: 'launchers',
    summary: 'the Nix command: develop/shell run a command in an environment, run starts a package',
    options: [
      ...valued('--extra-experimental-features', '--experimental-features', '--log-format', ['-j', '--max-jobs'], '--cores', '--store', '--eval-store', '--builders', '--system',
        '--substituters', '--extra-substituters', '--update-input', '--inputs-from', ['-I', '--include'], ['-f', '--file'], '--reference-lock-file', ['-o', '--out-link'], '--profile', '--apply',
        '--output-lock-file', '--accept-flake-config', '--override-flake'),
      ...['--option', '--override-input', '--arg', '--argstr', '--redirect'].map((n) => ({ names: [n], value: 'required' as const, words: 2 })),
      { names: ['--expr'], value: 'required', role: { kind: 'code', language: 'nix' } },
      ...flags(['-L', '--print-build-logs'], ['-v', '--verbose'], '--debug', '--quiet', '--offline', '--refresh', '--impure', ['-k', '--keep-going'], ['-K', '--keep-failed'], '--show-trace',
        '--no-write-lock-file', '--commit-lock-file', '--recreate-lock-file', '--no-update-lock-file', '--no-registries', '--derivation', '--no-link', '--json', '--print-out-paths', '--rebuild',
        '--repair', '--stdin', '--raw', '--read-only', '--pure-eval', '--no-pure-eval'),
      ...harmless('--help', '--version', '--dry-run'),
    ],
    subcommands: {
      ...aliases(['develop', 'shell', 'env'], {
        options: [
          { names: ['-c', '--command'], value: 'required', rest: true, role: COMMAND }, ...valued(['-k', '--keep'], ['-u', '--unset'], '--phase', '--keep-env-var', '--set-env-var', '--chdir'),
          ...flags(['-i', '--ignore-environment'], '--unpack', '--configure', '--build', '--check', '--install', '--installcheck', '--keep-env'),
        ],
      }),
      run: { options: [], operands: [DATA, { ...DATA, rest: true }] },
      build: write('builds packages into the Nix store'),
      profile: { subcommands: { list: read('lists the profile'), history: read('shows the profile history'), diff: read('compares profile versions'), '*': write("changes the user's installed packages") } },
      store: { subcommands: { gc: write('removes unreachable paths from the Nix store'), delete: write('removes paths from the Nix store'), ls: read('lists a store path'), cat: read('prints a store file'), info: read('shows store paths'), ping: read('checks the store'), '*': write('changes the Nix store') } },
      flake: { subcommands: { update: write('updates the flake lock file'), lock: write('writes the flake lock file'), init: write('creates a flake'), new: write('creates a flake'), show: read('shows a flake'), metadata: read('shows flake metadata'), info: read('shows flake metadata'), check: read('checks a flake'), '*': read('inspects a flake') } },
      ...aliases(['eval', 'search', 'why-depends', 'path-info', 'log', 'show-derivation', 'hash', 'doctor', 'help', 'repl'], read('inspects packages and derivations')),
    },
    examples: {
      block: ['nix develop -c rm -rf ~', 'nix shell nixpkgs#hello --command rm -rf ~', 'nix develop .#ci --command bash -c "rm -rf ~"'],
      allow: ['nix develop -c cargo build', 'nix run nixpkgs#hello', 'nix flake show', 'nix shell nixpkgs#jq -c jq --version', 'nix build .#default'],
    },
  },
  {
    names: ['guix'],
    family: 'launchers',
    summary: 'GNU Guix: shell and environment run a command (after --) with packages',
    subcommands: {
      ...aliases(['shell', 'environment'], {
        dashDash: 'command',
        options: [
          ...valued(['-m', '--manifest'], ['-f', '--file'], ['-u', '--user'], ['-E', '--preserve'], ['-r', '--root'], '--share', '--expose', ['-s', '--system'], '--search-paths',
            ['-v', '--verbosity'], ['-S', '--symlink'], '--substitute-urls', ['-L', '--load-path'], ['-c', '--cores'], ['-M', '--max-jobs'], '--with-input', '--with-source', '--with-branch',
            '--with-commit', '--with-git-url', '--with-patch', '--with-latest', '--with-c-toolchain', '--with-debug-info', '--without-tests', '--with-configure-flag', '--rounds', '--timeout', '--max-silent-time', '--profile'),
          { names: ['-e', '--expression'], value: 'required', role: { kind: 'code', language: 'scheme' } },
          ...flags(['-D', '--development'], ['-C', '--container'], ['-N', '--network'], ['-P', '--link-profile'], '--pure', ['-q'], '--rebuild-cache', '--check', ['-F', '--emulate-fhs'],
            '--no-cwd', ['-W', '--nesting'], '--writable-root', '--no-substitutes', ['-K', '--keep-failed'], ['-k', '--keep-going'], '--fallback', '--no-grafts', '--ad-hoc', '--no-offload', '--bootstrap'),
          ...optional('--tune'), ...harmless(['-n', '--dry-run'], ['-h', '--help'], ['-V', '--version']),
        ],
      }),
      ...aliases(['install', 'remove', 'upgrade', 'package', 'pull', 'gc', 'home', 'system', 'archive', 'import', 'refresh', 'style', 'deploy', 'publish', 'copy'], write('changes installed packages, the store or the system')),
      ...aliases(['describe', 'search', 'show', 'edit', 'lint', 'size', 'graph', 'weather', 'challenge', 'hash', 'download', 'build', 'locate', 'help', 'repl', 'git'], read('inspects packages')),
    },
    examples: { block: ['guix shell python -- rm -rf ~', 'guix shell -m manifest.scm -- rm -rf ~'], allow: ['guix shell python python-numpy -- python3 script.py', 'guix describe', 'guix shell -D hello -- make'] },
  },
  {
    names: ['mise', 'rtx'],
    family: 'launchers',
    summary: 'polyglot tool-version manager: exec runs a command (after --) or a shell string with tools',
    options: [...valued(['-C', '--cd'], ['-E', '--env'], ['-j', '--jobs'], ['-P', '--profile'], '--log-level'), ...flags(['-q', '--quiet'], ['-v', '--verbose'], ['-y', '--yes'], '--raw', '--no-config', '--locked'), ...harmless(['-h', '--help'], ['-V', '--version'])],
    subcommands: {
      ...aliases(['exec', 'x'], { dashDash: 'command', options: [runs('-c', '--command'), ...flags('--fresh-env', '--no-prepare')], operands: [{ ...DATA, rest: true }] }),
      ...aliases(['run', 'r'], { options: [...valued(['-j', '--jobs'], ['-o', '--output']), ...flags('--force', '--raw', '--timings', '--no-timings', '--continue-on-error', '--fresh-env', '--no-prepare')], operands: [{ ...DATA, rest: true }] }),
      ...aliases(['install', 'i', 'use', 'u', 'uninstall', 'rm', 'set', 'unset', 'trust', 'prune', 'upgrade', 'up', 'self-update', 'plugins', 'reshim', 'link', 'unuse', 'sync', 'cache', 'implode'], write('changes installed tools or project settings')),
      ...aliases(['ls', 'list', 'current', 'where', 'which', 'doctor', 'env', 'tasks', 'outdated', 'latest', 'version', 'ls-remote', 'config', 'settings', 'registry', 'search', 'bin-paths'], read('shows tools and settings')),
    },
    examples: {
      block: ['mise exec node@20 -- rm -rf ~', "mise x -c 'rm -rf ~'", 'mise x python@3.12 -- rm -rf ~'],
      allow: ['mise exec node@20 -- node -v', 'mise x -- npm test', 'mise ls', 'mise run build', "mise exec -c 'npm ci && npm test'"],
    },
  },
  {
    names: ['asdf'],
    family: 'launchers',
    summary: 'tool-version manager: exec runs a command with the configured versions',
    subcommands: {
      exec: { operands: RUNS },
      env: { operands: [DATA, { ...COMMAND, rest: true }] },
      ...aliases(['install', 'uninstall', 'plugin', 'set', 'global', 'local', 'shell', 'reshim', 'update'], write('changes installed tools or versions')),
      ...aliases(['list', 'current', 'where', 'which', 'latest', 'info', 'version', 'help'], read('shows installed tools and versions')),
    },
    examples: { block: ['asdf exec rm -rf ~', 'asdf env nodejs rm -rf ~'], allow: ['asdf exec node --version', 'asdf current', 'asdf install'] },
  },
  {
    names: ['rbenv', 'pyenv', 'nodenv', 'goenv', 'jenv', 'plenv', 'phpenv', 'luaenv', 'scalaenv', 'tfenv'],
    family: 'launchers',
    summary: 'version manager of one language: exec runs a command with the selected version',
    subcommands: {
      exec: { operands: RUNS },
      ...aliases(['install', 'uninstall', 'global', 'local', 'shell', 'rehash', 'update', 'use', 'virtualenv', 'virtualenv-delete', 'add', 'remove'], write('changes installed versions or the selected one')),
      ...aliases(['versions', 'version', 'which', 'whence', 'root', 'prefix', 'version-name', 'version-file', 'commands', 'help', 'doctor', 'list', 'list-remote', 'init'], read('shows installed versions')),
    },
    examples: { block: ['rbenv exec rm -rf ~', 'pyenv exec rm -rf ~'], allow: ['pyenv exec python -m pip list', 'rbenv versions', 'nodenv exec npm test'] },
  },
  {
    names: ['volta'],
    family: 'launchers',
    summary: 'JavaScript tool manager: run runs a command with pinned Node, npm or Yarn versions',
    options: [...flags('--verbose', '--quiet'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    subcommands: {
      run: {
        optionsFirst: true, unknown: 'block', operands: RUNS,
        options: [...valued('--node', '--npm', '--pnpm', '--yarn', '--env'), ...flags('--bundled-npm', '--no-yarn', '--no-pnpm', '--verbose', '--quiet'), ...harmless(['-h', '--help'])],
      },
      ...aliases(['install', 'uninstall', 'pin', 'fetch', 'setup'], write('changes installed tools or the project pin')),
      ...aliases(['list', 'ls', 'which', 'completions', 'help'], read('shows installed tools')),
    },
    examples: { block: ['volta run --node 20 rm -rf ~'], allow: ['volta run --node 18 npm test', 'volta list', 'volta pin node@20'] },
  },
  {
    names: ['fnm'],
    family: 'launchers',
    summary: 'Node version manager: exec runs a command with a Node version',
    options: [...valued('--node-dist-mirror', '--fnm-dir', '--log-level', '--arch', '--version-file-strategy'), ...flags('--corepack-enabled'), ...optional('--resolve-engines'), ...harmless(['-h', '--help'], ['-V', '--version'])],
    subcommands: {
      exec: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued('--using'), ...flags('--using-file'), ...harmless(['-h', '--help'])] },
      ...aliases(['install', 'uninstall', 'use', 'default', 'alias', 'unalias'], write('changes installed Node versions or the selected one')),
      ...aliases(['list', 'ls', 'list-remote', 'ls-remote', 'current', 'env', 'completions', 'help'], read('shows Node versions')),
    },
    examples: { block: ['fnm exec --using=20 rm -rf ~', 'fnm exec --using 18 -- rm -rf ~'], allow: ['fnm exec --using=18 node -v', 'fnm list', 'fnm use 20'] },
  },
  {
    names: ['direnv'],
    family: 'launchers',
    summary: "loads a folder's .envrc; exec runs a command with that environment",
    subcommands: {
      exec: { operands: [{ kind: 'path', access: 'read' }, { ...COMMAND, rest: true }] },
      ...aliases(['allow', 'permit', 'grant', 'deny', 'block', 'revoke', 'prune', 'reload', 'edit'], write('trusts, distrusts or reloads an .envrc')),
      ...aliases(['status', 'version', 'help', 'hook', 'export', 'dump', 'fetchurl', 'stdlib', 'show_dump', 'current'], read('shows or prints the environment')),
    },
    examples: { block: ['direnv exec . rm -rf ~', 'direnv exec /srv/app rm -rf ~'], allow: ['direnv exec . make test', 'direnv status', 'direnv allow'] },
  },
  {
    names: ['devbox'],
    family: 'launchers',
    summary: 'Nix-based project environments: run runs a script of devbox.json or a command',
    options: [...flags(['-q', '--quiet']), ...harmless(['-h', '--help'], ['-v', '--version'])],
    subcommands: {
      run: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued(['-c', '--config'], ['-e', '--env'], '--env-file', '--environment'), ...flags('--pure', ['-q', '--quiet'], '--omit-nix-env', '--recompute'), runsNothing('-l', '--list'), ...harmless(['-h', '--help'])] },
      ...aliases(['add', 'rm', 'install', 'init', 'update', 'generate', 'global', 'services', 'secrets', 'cache', 'create', 'shellenv'], write('changes the project environment or its packages')),
      ...aliases(['shell', 'info', 'search', 'list', 'version', 'help', 'docs', 'log'], read('shows or enters the environment')),
    },
    examples: { block: ['devbox run rm -rf ~', 'devbox run -- rm -rf ~'], allow: ['devbox run test', 'devbox run -- go test ./...', 'devbox add python@3.11'] },
  },
  {
    names: ['distrobox'],
    family: 'launchers',
    summary: 'containers integrated with the host (home folder shared): enter runs a command in one',
    subcommands: {
      ...aliases(['enter', 'ephemeral'], {
        dashDash: 'command', unknown: 'block',
        options: [
          ...valued(['-n', '--name'], ['-a', '--additional-flags'], ['-i', '--image'], '--additional-packages', '--init-hooks', '--pre-init-hooks'),
          ...flags(['-T', '-H', '--no-tty'], ['-nw', '--no-workdir'], ['-r', '--root'], ['-v', '--verbose'], '--clean-path'),
          { names: ['-e', '--exec'], value: 'required', rest: true, role: COMMAND }, ...harmless(['-d', '--dry-run'], ['-h', '--help'], ['-V', '--version']),
        ],
        operands: [DATA],
      }),
      ...aliases(['create', 'rm', 'stop', 'upgrade', 'assemble', 'generate-entry'], write('creates, removes or changes distrobox containers')),
      ...aliases(['list', 'ls', 'help', 'version'], read('lists distrobox containers')),
    },
    examples: { block: ['distrobox enter fedora -- rm -rf ~', 'distrobox enter -n dev -- rm -rf ~', 'distrobox enter dev -e rm -rf ~'], allow: ['distrobox enter fedora -- make test', 'distrobox list'] },
  },
  launcher(['distrobox-enter'], 'runs a command in a distrobox container (home folder shared)', [
    ...valued(['-n', '--name'], ['-a', '--additional-flags']), ...flags(['-T', '-H', '--no-tty'], ['-nw', '--no-workdir'], ['-r', '--root'], ['-v', '--verbose'], '--clean-path'),
    { names: ['-e', '--exec'], value: 'required', rest: true, role: COMMAND }, ...harmless(['-d', '--dry-run'], ['-h', '--help'], ['-V', '--version']),
  ], { block: ['distrobox-enter -n dev -- rm -rf ~'], allow: ['distrobox-enter -n dev -- make'] }, { optionsFirst: false, dashDash: 'command', operands: [DATA] }),
  {
    names: ['toolbox'],
    family: 'launchers',
    summary: 'Fedora toolbox containers (home folder shared): run runs a command in one',
    options: [...flags(['-y', '--assumeyes'], '--log-podman', ['-v', '--verbose']), ...valued('--log-level'), ...harmless(['-h', '--help'], '--version')],
    subcommands: {
      run: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued(['-c', '--container'], ['-d', '--distro'], ['-r', '--release'], '--preserve-fds'), ...harmless(['-h', '--help'])] },
      ...aliases(['create', 'rm', 'rmi', 'init-container'], write('creates or removes toolbox containers or images')),
      ...aliases(['list', 'enter', 'help'], read('lists or enters toolbox containers')),
    },
    examples: { block: ['toolbox run rm -rf ~', 'toolbox run -c fedora-39 rm -rf ~'], allow: ['toolbox run -c dev make test', 'toolbox list'] },
  },
  { names: ['apptainer', 'singularity'], family: 'launchers', summary: 'HPC containers (home folder mounted by default): exec runs a command in an image', ...APPTAINER,
    examples: { block: ['apptainer exec img.sif rm -rf ~', 'singularity exec --bind /data:/data docker://alpine rm -rf ~'], allow: ['apptainer exec --nv img.sif python3 train.py', 'singularity run img.sif --epochs 10', 'apptainer pull docker://alpine'] } },

  // ——— Batch schedulers and MPI.
  { ...launcher(['srun'], 'runs a command as a Slurm job step on the cluster', SLURM, { block: ['srun -N 2 -n 4 rm -rf ~', 'srun --pty -p debug rm -rf ~'], allow: ['srun -p gpu --gres=gpu:1 python3 train.py', 'srun --pty bash', 'srun -n 4 ./mpi_app'] }), prefixes: true },
  { ...launcher(['salloc'], 'allocates Slurm nodes and runs a command (a shell by default) with them', SLURM, { block: ['salloc -N 1 rm -rf ~'], allow: ['salloc -N 2 -t 01:00:00 srun ./app', 'salloc -p debug'] }), prefixes: true },
  {
    names: ['sbatch'],
    family: 'launchers',
    summary: 'queues a batch script (or a --wrap string) to run later on a Slurm cluster',
    optionsFirst: true,
    prefixes: true,
    unknown: 'block',
    options: [...SLURM, runs('--wrap'), ...valued(['-a', '--array'], '--batch', '--kill-command'), ...flags(['-W', '--wait'], '--ignore-pbs')],
    operands: [SCRIPT_FILE, { ...DATA, rest: true }],
    // With no script file, sbatch reads the script from its standard input.
    stdin: SCRIPT,
    verb: { effect: 'write', why: 'queues a job to run later on the cluster' },
    examples: { block: ["sbatch --wrap 'rm -rf ~'", "sbatch -p short <<< $'#!/bin/sh\\nrm -rf ~'"], allow: ['sbatch --array=1-10 job.sh', "sbatch -N 1 --wrap 'python3 train.py'"] },
  },
  launcher(['mpirun', 'mpiexec', 'orterun', 'prterun', 'mpiexec.hydra'], 'starts a command as parallel MPI processes (a : separates programs)', [
    ...valued('-np', '--np', '-n', '-c', '-N', '-npernode', '--npernode', '-npersocket', '--npersocket', '-H', '-host', '--host', '-hosts', '-hostfile', '--hostfile', '-machinefile',
      '--machinefile', '-f', '-ppn', '-x', '-wdir', '--wdir', '-wd', '--wd', '-path', '--path', '--prefix', '-prefix', '--map-by', '-map-by', '--rank-by', '-rank-by', '--bind-to', '-bind-to',
      '-output-filename', '--output-filename', '--cpus-per-proc', '-cpus-per-proc', '--cpus-per-rank', '-cpus-per-rank', '--rankfile', '-rf', '-genvlist', '-envlist', '-launcher', '-bootstrap',
      '-iface', '-rmk', '-demux', '-profile', '--timeout', '-timeout', '--report-bindings-file', '--personality', '--runtime-options', '--mca-param-file', '-am', '--am', '--tune', '-s', '--stdin'),
    ...['-mca', '--mca', '-gmca', '--gmca', '-genv', '-env', '--env', '-prtemca', '--prtemca', '-pmca', '--pmca'].map((n) => ({ names: [n], value: 'required' as const, words: 2 })),
    // A file of further programs to start (one per line, with their options).
    { names: ['--app', '-app', '-configfile'], value: 'required', role: SCRIPT_FILE },
    ...flags('-l', '--tag-output', '-tag-output', '--timestamp-output', '--merge-stderr-to-stdout', '--oversubscribe', '-oversubscribe', '--allow-run-as-root', '-allow-run-as-root',
      '--use-hwthread-cpus', '-v', '--verbose', '-q', '--quiet', '--display-map', '--display-allocation', '--report-bindings', '-report-bindings', '-genvall', '-genvnone', '-envall', '-envnone',
      '-prepend-rank', '-ordered-output', '--noprefix', '--no-prefix', '-nolocal', '--nolocal', '-info', '--leave-session-attached', '--enable-recovery', '--disable-recovery', '-bind-to-core',
      '--debug', '-d', '-verbose'),
    ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ['mpirun -np 4 rm -rf ~', 'mpirun -n 1 ./app : -n 1 rm -rf ~', 'mpirun --mca btl self -np 2 rm -rf ~'], allow: ['mpirun -np 4 ./build/solver input.dat', 'mpiexec -n 8 python3 train.py', 'mpirun --mca btl ^openib -np 2 ./a.out'] }, { separator: ':' }),
  {
    ...launcher(['tsp', 'ts-queue'], 'task spooler: queues a command to run later in the background', [
      ...valued('-L', '-D', '-W', '-N', '-O', '-w', '-S', '-t', '-c', '-p', '-o', '-i', '-s', '-r', '-k', '-T', '-u', '-U', '-a'), ...flags('-n', '-E', '-f', '-g', '-m', '-B', '-d', '-C', '-K'),
      runsNothing('-l'), runsNothing('-h'), runsNothing('-V'),
    ], { block: ['tsp rm -rf ~'], allow: ['tsp make -j4', 'tsp -l'] }),
    verb: { effect: 'write', why: 'queues a job to run later, in the background' },
  },

  // ——— Terminals: the command runs in a new window (-e, -x or after --).
  launcher(['xterm', 'uxterm', 'koi8rxterm'], 'X terminal emulator: -e runs a command in the new window', [
    ...X_TOOLKIT, runsRest('-e'),
    ...valued('-T', '-n', '-class', '-fa', '-fs', '-fw', '-fwb', '-fb', '-fi', '-fd', '-fx', '-en', '-tn', '-into', '-b', '-w', '-sl', '-cr', '-ms', '-hc', '-lf', '-ti', '-tm', '-ziconbeep',
      '-kt', '-nb', '-bcf', '-bcn', '-baudrate', '-cc', '-mk_width', '-cjk_width', '-report-charclass', '-S', '-valgrind'),
    ...flags('-hold', '-ls', '-sb', '-rightbar', '-leftbar', '-j', '-s', '-ut', '-u8', '-lc', '-maximized', '-fullscreen', '-aw', '-ah', '-ai', '-bc', '-cb', '-cm', '-cu', '-dc', '-hf', '-hm',
      '-im', '-itc', '-k8', '-l', '-lcc', '-mb', '-mesg', '-nul', '-pc', '-pob', '-rw', '-sf', '-si', '-sk', '-sm', '-t', '-tb', '-vb', '-wc', '-wf', '-C'),
    ...harmless('-help', '-version', '-report-fonts', '-report-colors'),
  ], { block: ['xterm -e rm -rf ~', 'xterm -hold -T build -e rm -rf ~', 'xterm +sb -e rm -rf ~'], allow: ['xterm -e htop', 'xterm -fa Monospace -fs 12 -hold -e make test'] }, { optionsFirst: false, clusters: false, operands: [] }),
  launcher(['urxvt', 'rxvt', 'rxvt-unicode', 'urxvtc', 'urxvt256c'], 'rxvt-unicode terminal: -e runs a command in the new window', [
    ...X_TOOLKIT, runsRest('-e'),
    ...valued('-T', '-n', '-fb', '-fi', '-fbi', '-cr', '-pr', '-pr2', '-bl', '-sl', '-tn', '-pe', '-perl-lib', '-pixmap', '-bc', '-uc', '-b', '-w', '-icon', '-lsp', '-letsp', '-depth', '-visual',
      '-embed', '-pty-fd', '-tr', '-tint', '-sh', '-blr', '-fade', '-fadecolor', '-mod', '-im', '-imlocale', '-imfont', '-pt', '-ptab', '-scrollstyle', '-sr', '-st', '-ssr', '-ext', '-hc', '-colorBD', '-colorIT', '-colorUL', '-colorRV', '-underlineColor', '-scrollColor', '-troughColor', '-highlightColor', '-highlightTextColor', '-bgtint', '-chdir', '-keysym', '-rtint', '-inheritPixmap'),
    ...flags('-hold', '-ls', '-sb', '-si', '-sk', '-sw', '-ssc', '-ut', '-vb', '-j', '-ss', '-mc', '-insecure', '-override-redirect', '-dockapp', '-C', '-bgtransparent', '-ip', '-tcw', '-is', '-sbg', '-sbt', '-cd'),
    ...harmless('-help', '--help', '-version', '--version'),
  ], { block: ['urxvt -e rm -rf ~', 'urxvtc -hold -e rm -rf ~'], allow: ['urxvt -e htop', 'urxvt -fn xft:Monospace:size=11 -e tmux attach'] }, { optionsFirst: false, clusters: false, operands: [] }),
  ...(['gnome-terminal', 'mate-terminal', 'xfce4-terminal', 'lxterminal', 'qterminal', 'sakura', 'terminology'] as const).map((name) => launcher([name], `${name}: runs a command (after --, -x or -e) in a new terminal window`, [
    { names: ['-x', '--execute'], value: 'required', rest: true, role: COMMAND },
    // `-e 'cmd args'`: one string, split into words (a shell string is read the same way).
    runs('-e', '--command'),
    ...valued(['-t', '--title'], ['-T'], '--working-directory', '--profile', '--geometry', '--zoom', '--role', '--load-config', '--save-config', '--fd', '--app-id', '--display', '--class', '--name',
      '--window-with-profile', '--tab-with-profile', '--window-with-profile-internal-id', '--tab-with-profile-internal-id', '--font', '--color-text', '--color-bg', '--initial-title', '--startup-id',
      ['-I', '--icon'], '--default-working-directory', '--tabs', '--workdir', '-w', '--working-dir', ['-p', '--profile-name'], '--theme', '--config', '--font-size'),
    ...flags('--window', '--tab', '--maximize', '--full-screen', '--fullscreen', '--minimize', '--hide-menubar', '--show-menubar', '--hide-borders', '--show-borders', '--hide-toolbar',
      '--show-toolbar', '--hide-scrollbar', '--show-scrollbar', '--active', '--wait', ['-q', '--quiet'], '--disable-server', '--drop-down', ['-H', '--hold'], '--no-remote', ['-l', '--loginshell'],
      '--preferences', '--print-environment', '--disable-factory', '--new-window', '--fg', '--hold-on-exit', ['-s', '--single-instance']),
    ...harmless(['-h', '--help'], '--help-all', '--help-gtk', '--help-terminal', '--help-window-options', '--help-terminal-options', ['-V', '--version'], ['-v']),
  ], {
    block: [`${name} -- rm -rf ~`, `${name} -x rm -rf ~`, `${name} -e 'rm -rf ~'`],
    allow: [`${name} -- htop`, `${name} --working-directory=/tmp -x make test`],
  }, { optionsFirst: false, dashDash: 'command', operands: [] })),
  launcher(['konsole'], 'KDE terminal: -e runs a command (every word after it) in the new window', [
    runsRest('-e'),
    ...valued('--profile', '--fallback-profile', '--workdir', '--tabs-from-file', '--layout', '-p', '--qwindowtitle', '-qwindowtitle', '--qwindowgeometry', '-qwindowgeometry', '--desktopfile',
      '--stylesheet', '-stylesheet', '--style', '-style', '--platform', '-platform', '--display', '-display', '-geometry', '--geometry', '--builtin-profile'),
    ...flags('--hold', '--noclose', '--new-tab', '--background-mode', '--separate', '--nofork', '--show-menubar', '--hide-menubar', '--show-tabbar', '--hide-tabbar', '--fullscreen', '--notransparency', '--force-reuse', '-reverse'),
    runsNothing('--list-profiles'), runsNothing('--list-profile-properties'), ...harmless(['-h', '--help'], '--help-all', ['-v', '--version'], '--author', '--license'),
  ], { block: ['konsole -e rm -rf ~', 'konsole --hold --workdir /tmp -e rm -rf ~'], allow: ['konsole -e htop', 'konsole --new-tab --workdir ~/src -e make'] }, { optionsFirst: false, operands: [] }),
  { ...launcher(['kitty'], 'kitty terminal: runs its operands as a command in a new window; @ (remote control) launches, runs and types into windows', [
    ...valued(['-c', '--config'], ['-o', '--override'], ['-T', '--title'], ['-d', '--directory', '--working-directory'], '--class', '--name', '--session', '--instance-group', '--listen-on',
      '--start-as', '--position', '--detached-log', '--replay-commands', '--dump-bytes', '--app-id', '--os-window-tag'),
    { names: ['--watcher'], value: 'required', role: { kind: 'code-file', language: 'python' } },
    ...flags('--hold', ['-1', '--single-instance'], '--wait-for-single-instance-window-close', '--grab-keyboard', '--detach', '--dump-commands', '--debug-rendering', '--debug-gl', '--debug-input',
      '--debug-keyboard', '--debug-font-fallback', '--debug-config', '--execute', '-e'),
    ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['kitty rm -rf ~', 'kitty --hold -d /tmp rm -rf ~', 'kitty @ launch --type=tab rm -rf ~', "kitty @ send-text --match title:build 'rm -rf ~\\r'", "kitty +runpy 'import os; os.system(\"rm -rf ~\")'"], allow: ['kitty htop', 'kitty --title build make -j8', 'kitty @ ls', 'kitty +kitten icat logo.png', 'kitty @ launch --type=tab --cwd=current htop'] }), subcommands: KITTY_SUBCOMMANDS },
  { names: ['kitten'], family: 'launchers', summary: "kitty's helper: @ (remote control) launches, runs and types into kitty windows", subcommands: { '@': KITTY_REMOTE, '*': read('a kitty helper (icat, diff, ssh, themes…)') },
    examples: { block: ['kitten @ launch rm -rf ~', "kitten @ send-text 'rm -rf ~\\r'"], allow: ['kitten icat logo.png', 'kitten @ ls'] } },
  {
    names: ['alacritty'],
    family: 'launchers',
    summary: 'Alacritty terminal: -e (or --command) runs a command in the new window',
    unknown: 'block',
    options: [
      runsRest('-e', '--command'),
      ...valued('--config-file', ['-o', '--option'], '--working-directory', ['-T', '--title'], '--class', '--embed', '--socket'),
      ...flags('--hold', '-q', '-qq', '-v', '-vv', '-vvv', '--print-events', '--ref-test', '--daemon'), ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    subcommands: { msg: { subcommands: { 'create-window': {}, config: write('changes the running configuration'), 'get-config': read('prints the configuration') } }, migrate: write('rewrites the configuration file') },
    examples: { block: ['alacritty -e rm -rf ~', 'alacritty msg create-window -e rm -rf ~'], allow: ['alacritty -e htop', 'alacritty --working-directory ~/src -e make'] },
  },
  {
    names: ['wezterm'],
    family: 'launchers',
    summary: 'WezTerm: start and cli spawn run a command in a new window or pane; cli send-text types into one',
    options: [...flags(['-n', '--skip-config']), ...valued('--config-file', '--config'), ...harmless(['-h', '--help'], ['-V', '--version'])],
    subcommands: {
      start: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued('--cwd', '--class', '--workspace', '--position', '--domain'), ...flags('--attach', '--always-new-process', '--no-auto-connect'), ...harmless(['-h', '--help'])] },
      connect: { optionsFirst: true, unknown: 'block', operands: RUNS_AFTER_ONE, options: [...valued('--class', '--workspace', '--position'), ...harmless(['-h', '--help'])] },
      cli: {
        options: [...valued('--class', '--unix-socket'), ...flags('--no-auto-start', '--prefer-mux')],
        subcommands: {
          spawn: { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued('--pane-id', '--domain-name', '--window-id', '--cwd', '--workspace'), ...flags('--new-window'), ...harmless(['-h', '--help'])] },
          'split-pane': { optionsFirst: true, unknown: 'block', operands: RUNS, options: [...valued('--pane-id', '--cwd', '--percent', '--cells', '--move-pane-id'), ...flags('--horizontal', '--left', '--right', '--top', '--bottom', '--top-level'), ...harmless(['-h', '--help'])] },
          // The text is typed into the pane's shell.
          'send-text': { options: [...valued('--pane-id'), ...flags('--no-paste')], operands: SHELL_STRING },
          ...aliases(['kill-pane'], write('closes a pane and what runs in it')),
          '*': read('inspects or moves panes and windows'),
        },
      },
      ...aliases(['ls-fonts', 'imgcat', 'show-keys', 'set-working-directory', 'record', 'replay', 'shell-completion', 'ssh', 'serial'], read('a utility that starts nothing locally')),
    },
    examples: { block: ['wezterm start -- rm -rf ~', 'wezterm cli spawn -- rm -rf ~', "wezterm cli send-text 'rm -rf ~'"], allow: ['wezterm start -- htop', 'wezterm cli list', 'wezterm start --cwd ~/src -- make'] },
  },
  launcher(['foot', 'footclient'], 'foot terminal: runs its operands as a command in the new window', [
    ...valued(['-c', '--config'], ['-o', '--override'], ['-f', '--font'], ['-t', '--term'], ['-T', '--title'], ['-a', '--app-id'], '--toplevel-tag', '--pty', ['-D', '--working-directory'],
      ['-w', '--window-size-pixels'], ['-W', '--window-size-chars'], ['-p', '--print-pid'], ['-d', '--log-level']),
    ...optional(['-s', '--server'], ['-l', '--log-colorize']),
    ...flags(['-C', '--check-config'], ['-m', '--maximized'], ['-F', '--fullscreen'], ['-L', '--login-shell'], ['-H', '--hold'], ['-N', '--no-wait'], ['-E', '--client-environment'], ['-S', '--log-no-syslog'], '-e'),
    ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['foot rm -rf ~', 'footclient -H rm -rf ~'], allow: ['foot htop', 'foot -D ~/src make test'] }),
  launcher(['terminator'], 'Terminator: -x runs a command (every word after it), -e a command string, in the new window', [
    runsRest('-x', '--execute'), runs('-e', '--command'),
    ...valued(['-T', '--title'], ['-g', '--config'], ['-j', '--config-json'], ['-p', '--profile'], ['-l', '--layout'], '--working-directory', '--geometry', ['-r', '--role'], ['-i', '--icon'], '--debug-classes', '--debug-methods', '--classname'),
    ...flags(['-m', '--maximise'], ['-M', '--maximize'], ['-f', '--fullscreen'], ['-b', '--borderless'], ['-H', '--hidden'], ['-u', '--no-dbus'], ['-d', '--debug'], '--new-tab', '--toggle-visibility', '--unhide', ['-s', '--select-layout'], '--hold'),
    runsNothing('--list-profiles'), runsNothing('--list-layouts'), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['terminator -x rm -rf ~', "terminator -e 'rm -rf ~'"], allow: ['terminator -x htop', "terminator --working-directory=/tmp -e 'make test'"] }, { optionsFirst: false, prefixes: true, operands: [] }),
  launcher(['tilix'], 'Tilix terminal: -e runs a command string, -x the rest of the words, in the new window', [
    runs('-e', '--command'), runsRest('-x'),
    ...valued(['-w', '--working-directory'], ['-p', '--profile'], ['-t', '--title'], ['-s', '--session'], ['-a', '--action'], '--window-style', '--geometry', '--group'),
    ...flags('--maximize', '--minimize', '--full-screen', '--focus-window', '--new-process', ['-q', '--quake']), runsNothing('--preferences'), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ["tilix -e 'rm -rf ~'", 'tilix -x rm -rf ~'], allow: ["tilix -e 'htop'", "tilix -w ~/src -e 'make test'"] }, { optionsFirst: false, operands: [] }),
  launcher(['st'], 'suckless terminal: runs a command (after -e, or as its operands) in the new window', [
    runsRest('-e'), ...valued('-c', '-f', '-g', '-n', '-o', '-T', '-t', '-w', '-l'), ...flags('-a', '-i'), ...harmless('-v'),
  ], { block: ['st -e rm -rf ~', 'st rm -rf ~'], allow: ['st -e htop', 'st -f Monospace:size=12 tmux'] }),
  launcher(['ghostty'], 'Ghostty terminal: -e runs a command (every word after it) in the new window', [
    runsRest('-e'), ...harmless(['-h', '--help'], '--version'),
  ], { block: ['ghostty -e rm -rf ~'], allow: ['ghostty -e htop', 'ghostty --font-size=14 -e tmux'] }, { unknown: 'flag', optionsFirst: false, operands: [] }),
  launcher(['x-terminal-emulator'], "the system's default terminal: -e runs a command in the new window", [runsRest('-e'), ...valued('-T', '--title'), ...harmless('--help', '--version')],
    { block: ['x-terminal-emulator -e rm -rf ~'], allow: ['x-terminal-emulator -e htop'] }, { unknown: 'flag', optionsFirst: false, operands: [] }),

  // ——— Detached sessions, daemons and init helpers.
  launcher(['dtach'], 'runs a command detached from the terminal, attachable through a socket; -p types its input into one', [
    ...valued('-A', '-c', '-n', '-N', '-e', '-r'), ...flags('-E', '-z'), runsNothing('-a'), { names: ['-p'], value: 'required', operands: [] }, ...harmless('--help', '--version'),
  ], { block: ['dtach -n /tmp/s rm -rf ~', "echo 'rm -rf ~' | dtach -p /tmp/s"], allow: ['dtach -n /tmp/build.sock make -j8', 'dtach -a /tmp/build.sock'] }, { stdin: SCRIPT }),
  launcher(['abduco'], 'runs a command in a detachable session; -p types its input into one', [
    ...flags('-a', '-A', '-c', '-n', '-f', '-l', '-q', '-r'), ...valued('-e'), { names: ['-p'], operands: [DATA] }, ...harmless('-v'),
  ], { block: ['abduco -n job rm -rf ~', "echo 'rm -rf ~' | abduco -p job"], allow: ['abduco -n build make -j8', 'abduco -a build'] }, { operands: RUNS_AFTER_ONE, stdin: SCRIPT }),
  launcher(['daemonize'], 'runs a command as a Unix daemon', [...valued('-c', '-e', '-E', '-l', '-o', '-p', '-u'), ...flags('-a', '-v')],
    { block: ['daemonize /bin/rm -rf ~'], allow: ['daemonize -p /tmp/app.pid -l /tmp/app.lock /usr/local/bin/app --port 8080'] }),
  launcher(['start-stop-daemon'], 'starts (or stops) a daemon program; the words after -- are its arguments', [
    program('-x', '--exec'), program('-a', '--startas'),
    ...valued(['-n', '--name'], ['-p', '--pidfile'], ['-u', '--user'], ['-g', '--group'], ['-c', '--chuid'], ['-r', '--chroot'], ['-d', '--chdir'], ['-N', '--nicelevel'], ['-P', '--procsched'],
      ['-I', '--iosched'], ['-k', '--umask'], ['-s', '--signal'], ['-R', '--retry'], ['-O', '--output'], '--ppid', '--notify-timeout'),
    ...flags(['-S', '--start'], ['-b', '--background'], ['-m', '--make-pidfile'], ['-o', '--oknodo'], ['-q', '--quiet'], ['-v', '--verbose'], ['-C', '--no-close'], '--remove-pidfile', '--notify-await'),
    { names: ['-K', '--stop'], verb: { effect: 'write', why: 'stops a running daemon' } }, runsNothing('-T', '--status'), ...harmless(['-t', '--test'], ['-H', '--help'], ['-V', '--version']),
  ], {
    block: ['start-stop-daemon --start --exec /bin/rm -- -rf ~', 'start-stop-daemon -S -b -x /usr/bin/env -- rm -rf ~'],
    allow: ['start-stop-daemon --start --background --make-pidfile --pidfile /tmp/app.pid --exec /usr/local/bin/app -- --port 8080', 'start-stop-daemon --status --pidfile /tmp/app.pid'],
  }, { optionsFirst: false, prefixes: true, operands: [], dashDash: 'arguments' }),
  launcher(['lckdo'], 'runs a command while holding a lock file', [...flags(['-w', '--wait'], ['-x', '--exclusive'], ['-s', '--shared'], '-q'), ...valued('-W', '-E')],
    { block: ['lckdo /tmp/lock rm -rf ~'], allow: ['lckdo -w /tmp/deploy.lock ./deploy.sh'] }, { operands: [{ kind: 'path', access: 'write' }, { ...COMMAND, rest: true }] }),
  launcher(['chronic'], 'runs a command and shows its output only if it fails (moreutils)', [...flags('-e', '-v')], { block: ['chronic rm -rf ~'], allow: ['chronic make -s', 'chronic -e ./backup.sh'] }),
  launcher(['ifne'], 'runs a command if its standard input is not empty (moreutils)', [...flags('-n')], { block: ['ls | ifne rm -rf ~'], allow: ['git diff --name-only | ifne make lint'] }),
  launcher(['unbuffer'], 'runs a command with a pseudo-terminal so its output is not buffered (expect)', [...flags('-p')], { block: ['unbuffer rm -rf ~'], allow: ['unbuffer npm test | tee log.txt'] }),
  launcher(['rlwrap'], 'runs a command with readline editing of its input', [
    ...optional('-a', '-m', '-p'), ...valued('-b', '-C', '-D', '-e', '-f', '-g', '-H', '-l', '-M', '-O', '-P', '-q', '-s', '-S', '-t', '-w', '-W', '-E', '-o'),
    // A filter is a program rlwrap runs to rewrite the input and output.
    runs('-z', '--filter'), ...flags('-A', '-c', '-i', '-n', '-N', '-r', '-R', '-U', '-I'), ...harmless(['-h', '--help'], ['-v', '--version']),
  ], { block: ['rlwrap rm -rf ~', "rlwrap -z 'rm -rf ~' sqlite3"], allow: ['rlwrap sqlite3 app.db', 'rlwrap -c -H ~/.ocaml_history ocaml'] }),
  launcher(['shx'], 'runs a ShellJS command (rm, cp, sed…) portably', [...flags('--silent', '--verbose', '--globstar', '--noglob', '--fatal')], { block: ['shx rm -rf ~'], allow: ['shx rm -rf dist', 'shx cp -r src/assets dist'] }),
  launcher(['toybox'], 'runs one of its built-in commands (rm, cp, sed…)', [...HELP], { block: ['toybox rm -rf ~'], allow: ['toybox ls -la', 'toybox --help'] }),
  launcher(['retry'], 'runs a command (a shell string) again until it succeeds', [
    ...valued(['-t', '--tries'], ['-d', '--delay'], ['-m', '--min'], ['-x', '--max'], ['-s', '--sleep'], ['-u', '--until'], ['-w', '--while'], ['-a', '--attempts'], '-attempts', '-sleep', '-delay', '-jitter', '-max-time', '--timeout'),
    ...flags(['-v', '--verbose'], ['-q', '--quiet']), ...harmless(['-h', '--help'], ['-V', '--version']),
  ], { block: ["retry -t 3 'rm -rf ~'", 'retry --until=success -- rm -rf ~'], allow: ["retry -t 5 -d 2 'curl -fsS https://example.com/health'", 'retry -- make test'] }, { operands: SHELL_STRING }),
  launcher(['sem'], "GNU parallel's semaphore: queues a command (a shell string) to run when a slot is free", [
    ...valued('--id', ['-j', '--jobs', '-P', '--max-procs'], '--semaphoretimeout', '--st', '--timeout', '--halt', '--halt-on-error', '--delay', '--tmpdir', '--results', '--joblog', '--memfree', '--load', '--nice', '--retries', '--env', '--tagstring', '--colsep'),
    ...flags('--fg', '--bg', '-u', '--ungroup', '--line-buffer', '--lb', '--tag', '--will-cite', '--semaphore', '--keep-order', '-k', '-q', '--quote', '--no-notice', '-v', '--verbose', '--group', '--linebuffer'),
    runsNothing('--wait'), runsNothing('--citation'), ...harmless(['-h', '--help'], '--version'),
  ], { block: ['sem -j 4 rm -rf ~', "sem --id build 'rm -rf ~'"], allow: ['sem -j 4 --id build make -C lib', 'sem --wait --id build'] }, { operands: SHELL_STRING, prefixes: true }),

  // ——— Watchers and benchmarks: they run a command (or a shell string) again and again.
  launcher(['entr'], 'runs a command each time a file from its input list changes (-s: a shell string)', [
    ...flags('-a', '-c', '-cc', '-d', '-n', '-p', '-r', '-x', '-z'), { names: ['-s'], operands: [SCRIPT, { ...DATA, rest: true }] },
  ], { block: ['ls src/*.py | entr -r rm -rf ~', "ls | entr -s 'rm -rf ~'", "ls | entr -rs 'rm -rf ~'"], allow: ['ls *.go | entr -r go run .', "find src | entr -s 'make && ./test'"] }),
  launcher(['reflex'], 'runs a command each time matching files change', [
    ...valued(['-r', '--regex'], ['-R', '--inverse-regex'], ['-g', '--glob'], ['-G', '--inverse-glob'], ['-d', '--decoration'], '--only'),
    { names: ['-c', '--config'], value: 'required', role: SCRIPT_FILE }, ...flags(['-s', '--start-service'], ['-e', '--sequential'], ['-v', '--verbose']), ...harmless(['-h', '--help']),
  ], { block: ["reflex -r '\\.go$' -- rm -rf ~"], allow: ["reflex -r '\\.go$' -s -- go run ./cmd/server"] }),
  {
    names: ['hyperfine'],
    family: 'launchers',
    summary: 'benchmarks shell commands: its operands and --setup/--prepare/--conclude/--cleanup are shell strings it runs',
    unknown: 'block',
    options: [
      runs('-s', '--setup'), runs('-p', '--prepare'), runs('-C', '--conclude'), runs('-c', '--cleanup'), runs('--reference'), runs('-S', '--shell'),
      { names: ['-L', '--parameter-list'], value: 'required', words: 2 }, { names: ['-P', '--parameter-scan'], value: 'required', words: 3 },
      ...valued(['-w', '--warmup'], ['-m', '--min-runs'], ['-M', '--max-runs'], ['-r', '--runs'], ['-D', '--parameter-step-size'], '--style', '--sort', ['-u', '--time-unit'], '--output', '--input',
        ['-n', '--command-name'], '--reference-name', '--min-benchmarking-time'),
      writes('--export-asciidoc'), writes('--export-csv'), writes('--export-json'), writes('--export-markdown'), writes('--export-orgmode'),
      ...optional(['-i', '--ignore-failure']), ...flags('-N', '--show-output'), ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    operands: [{ ...SCRIPT, rest: true }],
    examples: {
      block: ["hyperfine 'rm -rf ~'", "hyperfine --prepare 'rm -rf ~' 'ls'", "hyperfine 'sleep 0.1' 'rm -rf ~'"],
      allow: ["hyperfine 'sleep 0.1'", "hyperfine --warmup 3 'fd -e rs' 'find . -name \"*.rs\"'", "hyperfine -L n 1,2,4 'make -j {n}'", "hyperfine --export-json bench.json 'npm run build'"],
    },
  },
  {
    names: ['nodemon'],
    family: 'launchers',
    summary: 'restarts a program when files change; --exec runs a shell string',
    options: [
      runs('-x', '--exec'),
      ...valued(['-w', '--watch'], ['-e', '--ext'], ['-i', '--ignore'], ['-d', '--delay'], '--signal', '--config', '--cwd', ['-P', '--polling-interval'], ['-r', '--require']),
      ...flags(['-V', '--verbose'], ['-q', '--quiet'], ['-L', '--legacy-watch'], ['-C', '--on-change-only'], ['-I', '--no-stdin'], '--spawn', '--exitcrash', '--no-colors', '--no-update-notifier'),
      ...optional('--inspect', '--inspect-brk'), ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    dashDash: 'arguments',
    operands: [{ kind: 'code-file', language: 'node' }, { ...DATA, rest: true }],
    examples: { block: ["nodemon --exec 'rm -rf ~'", "nodemon -w src -x 'rm -rf ~'"], allow: ["nodemon --exec 'npm run build' -w src", 'nodemon server.js', "nodemon -e ts --exec 'ts-node src/index.ts'"] },
  },
  {
    names: ['concurrently'],
    family: 'launchers',
    summary: 'runs several shell strings at once (each operand is one)',
    options: [
      ...valued(['-n', '--names'], '--name-separator', ['-c', '--prefix-colors'], ['-p', '--prefix'], ['-l', '--prefix-length'], ['-t', '--timestamp-format'], '--kill-signal', ['-s', '--success'],
        '--hide', '--restart-tries', '--restart-after', ['-m', '--max-processes'], '--default-input-target', ['-g', '--group']),
      runs('--teardown'),
      ...flags(['-k', '--kill-others'], '--kill-others-on-fail', ['-r', '--raw'], '--no-color', '--timings', ['-P', '--passthrough-arguments'], ['-i', '--handle-input'], '--pad-prefix'),
      ...harmless(['-h', '--help'], ['-v', '-V', '--version']),
    ],
    operands: [{ ...SCRIPT, rest: true }],
    examples: { block: ["concurrently 'npm run watch' 'rm -rf ~'", "concurrently -k --teardown 'rm -rf ~' 'npm start'"], allow: ["concurrently -n api,web 'npm run api' 'npm run web'", "concurrently -k 'tsc -w' 'nodemon dist/index.js'"] },
  },
  {
    names: ['xpra'],
    family: 'launchers',
    summary: 'X session server: start and shadow run the --start commands in the session',
    options: [
      runs('--start'), runs('--start-child'), runs('--start-after-connect'), runs('--start-child-after-connect'), runs('--start-on-connect'), runs('--start-child-on-connect'),
      runs('--start-on-last-client-exit'), runs('--start-child-on-last-client-exit'), runs('--exec-wrapper'), runs('--xvfb'), runs('--pulseaudio-command'), runs('--start-via-proxy'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      ...aliases(['start', 'start-desktop', 'seamless', 'desktop', 'shadow', 'monitor', 'upgrade', 'upgrade-desktop', 'proxy'], {}),
      ...aliases(['stop', 'exit'], write('stops an xpra session and what runs in it')),
      ...aliases(['list', 'info', 'attach', 'detach', 'version', 'showconfig', 'screenshot', 'id', 'recover'], read('inspects or attaches to a session')),
    },
    examples: { block: ["xpra start :100 --start-child='rm -rf ~'", "xpra start --start 'rm -rf ~'"], allow: ['xpra start :100 --start-child=xterm --exit-with-children', 'xpra list'] },
  },
];
