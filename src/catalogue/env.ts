// Environment variables that make programs run other programs or load code: set on a command
// (`GIT_SSH_COMMAND='…' git fetch`, `PAGER='…' man ls`) or exported for the commands after it, their
// value is code that runs, and is judged as such. `programs: '*'` means any program may honour it.
import type { Role } from './spec.js';

export interface EnvExecutor {
  /** A shell string; code in a language (options that may carry code: `MAKEFLAGS`, `FZF_DEFAULT_OPTS`); a file of code or a library. */
  role: Extract<Role, { kind: 'script' } | { kind: 'code' } | { kind: 'code-file' }>;
  /** The programs that read it, or every program. */
  programs: readonly string[] | '*';
  /** Text before the command in the value (`|` for LESSOPEN's pipe form). */
  strip?: RegExp;
  /** Values that run nothing (`NODE_OPTIONS=--max-old-space-size=4096`). */
  inert?: RegExp;
}

const SCRIPT = { kind: 'script' } as const;
/** JVM options that load nothing: heap, stack and GC sizes, switches, plain properties. */
const JVM_INERT =
  /^(\s*-(Xm[snx]\d+[kKmMgG]?|Xss\d+[kKmMgG]?|XX:[+-]\w+|XX:(Max|Initial|Min)RAMPercentage=[\d.]+|XX:(Max)?MetaspaceSize=\d+[kKmMgG]?|XX:ActiveProcessorCount=\d+|XX:(ParallelGCThreads|ConcGCThreads|MaxGCPauseMillis)=\d+|Dfile\.encoding=[\w-]+|Djava\.awt\.headless=(true|false)|Duser\.(language|country|timezone)=[\w/+-]+|Xshare:(auto|off|on)))*\s*$/;
/** rustc flags that change no program run: a linker, link arguments, plugins and unstable options do. */
const RUSTFLAGS_INERT = /^(?![\s\S]*(?:linker|link-args?|-Z|codegen-backend|plugin|llvm-args))[^$`]*$/;
const LIBRARY = { kind: 'code-file', language: 'native' } as const;
const VIMS = ['vim', 'vi', 'nvim', 'gvim', 'view', 'vimdiff', 'ex', 'gview'];

export const ENV_EXECUTORS: Readonly<Record<string, EnvExecutor>> = {
  GIT_SSH_COMMAND: { role: SCRIPT, programs: ['git'] },
  GIT_SSH: { role: SCRIPT, programs: ['git'] },
  GIT_PAGER: { role: SCRIPT, programs: ['git'] },
  GIT_EDITOR: { role: SCRIPT, programs: ['git'] },
  GIT_SEQUENCE_EDITOR: { role: SCRIPT, programs: ['git'] },
  GIT_EXTERNAL_DIFF: { role: SCRIPT, programs: ['git'] },
  GIT_PROXY_COMMAND: { role: SCRIPT, programs: ['git'] },
  GIT_ASKPASS: { role: SCRIPT, programs: ['git'] },
  SSH_ASKPASS: { role: SCRIPT, programs: '*' },
  SUDO_ASKPASS: { role: SCRIPT, programs: '*' },
  PAGER: { role: SCRIPT, programs: '*' },
  MANPAGER: { role: SCRIPT, programs: '*' },
  SYSTEMD_PAGER: { role: SCRIPT, programs: '*' },
  PSQL_PAGER: { role: SCRIPT, programs: '*' },
  EDITOR: { role: SCRIPT, programs: '*' },
  VISUAL: { role: SCRIPT, programs: '*' },
  SUDO_EDITOR: { role: SCRIPT, programs: '*' },
  KUBE_EDITOR: { role: SCRIPT, programs: '*' },
  BROWSER: { role: SCRIPT, programs: '*' },
  LESSOPEN: { role: SCRIPT, programs: '*', strip: /^\|\|?-?/ },
  LESSCLOSE: { role: SCRIPT, programs: '*' },
  PROMPT_COMMAND: { role: SCRIPT, programs: '*' },
  // Editors and pagers other tools start.
  FCEDIT: { role: SCRIPT, programs: '*' },
  SVN_EDITOR: { role: SCRIPT, programs: ['svn'] },
  HGEDITOR: { role: SCRIPT, programs: ['hg'] },
  CVSEDITOR: { role: SCRIPT, programs: ['cvs'] },
  SYSTEMD_EDITOR: { role: SCRIPT, programs: '*' },
  GH_PAGER: { role: SCRIPT, programs: ['gh'] },
  GH_EDITOR: { role: SCRIPT, programs: ['gh'] },
  GH_BROWSER: { role: SCRIPT, programs: ['gh'] },
  AWS_PAGER: { role: SCRIPT, programs: ['aws'] },
  BAT_PAGER: { role: SCRIPT, programs: '*' },
  DELTA_PAGER: { role: SCRIPT, programs: '*' },
  KUBECTL_EXTERNAL_DIFF: { role: SCRIPT, programs: ['kubectl', 'oc'] },
  ALTERNATE_EDITOR: { role: SCRIPT, programs: ['emacsclient'] },
  // Remote shells and connection programs.
  RSYNC_RSH: { role: SCRIPT, programs: ['rsync'] },
  RSYNC_CONNECT_PROG: { role: SCRIPT, programs: ['rsync'] },
  CVS_RSH: { role: SCRIPT, programs: ['cvs'] },
  FZF_DEFAULT_COMMAND: { role: SCRIPT, programs: ['fzf'] },
  // Options read from the environment that may name a program or carry code.
  LESS: { role: { kind: 'code', language: 'less-options' }, programs: '*', inert: /^[\w\s=.,#:-]*$/ },
  LESSKEY: { role: { kind: 'code-file', language: 'lesskey' }, programs: '*', inert: /^$/ },
  LESSKEYIN: { role: { kind: 'code-file', language: 'lesskey' }, programs: '*', inert: /^$/ },
  LESSKEY_CONTENT: { role: { kind: 'code', language: 'lesskey' }, programs: '*', inert: /^$/ },
  MAKEFLAGS: { role: { kind: 'code', language: 'make' }, programs: ['make', 'gmake'], inert: /^(?![\s\S]*(?:eval|SHELL))[\s\S]*$/ },
  GNUMAKEFLAGS: { role: { kind: 'code', language: 'make' }, programs: ['make', 'gmake'], inert: /^(?![\s\S]*(?:eval|SHELL))[\s\S]*$/ },
  TAR_OPTIONS: {
    role: { kind: 'code', language: 'tar-options' },
    programs: ['tar', 'gtar'],
    inert: /^(?![\s\S]*(?:command|checkpoint-action|compress-program|-I|script|-F))[\s\S]*$/,
  },
  ZIPOPT: { role: { kind: 'code', language: 'zip-options' }, programs: ['zip'], inert: /^(?![\s\S]*(?:-TT|unzip-command))[\s\S]*$/ },
  FZF_DEFAULT_OPTS: {
    role: { kind: 'code', language: 'fzf-options' },
    programs: ['fzf'],
    inert: /^(?![\s\S]*(?:execute|become|reload|preview|transform|with-shell|listen))[\s\S]*$/,
  },
  FZF_DEFAULT_OPTS_FILE: { role: { kind: 'code-file', language: 'fzf-options' }, programs: ['fzf'], inert: /^$/ },
  // Ex commands vim runs at start-up.
  VIMINIT: { role: { kind: 'code', language: 'vim' }, programs: VIMS, inert: /^$/ },
  EXINIT: { role: { kind: 'code', language: 'vim' }, programs: VIMS, inert: /^$/ },
  GVIMINIT: { role: { kind: 'code', language: 'vim' }, programs: VIMS, inert: /^$/ },
  LD_PRELOAD: { role: LIBRARY, programs: '*', inert: /^$/ },
  LD_AUDIT: { role: LIBRARY, programs: '*', inert: /^$/ },
  DYLD_INSERT_LIBRARIES: { role: LIBRARY, programs: '*', inert: /^$/ },
  NODE_OPTIONS: {
    role: { kind: 'code-file', language: 'node' },
    programs: '*',
    // Memory, source-map and warning switches load nothing.
    inert:
      /^(\s*--(max-old-space-size=\d+|max-semi-space-size=\d+|enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-deprecation|use-openssl-ca|dns-result-order=\w+|stack-trace-limit=\d+|experimental-vm-modules))*\s*$/,
  },
  PERL5OPT: { role: { kind: 'code-file', language: 'perl' }, programs: '*', inert: /^(\s*-[wW])*\s*$/ },
  // Options every JVM reads: `-javaagent:x.jar`, `-agentpath:`, `-XX:OnError=cmd` load or run code.
  JAVA_TOOL_OPTIONS: { role: { kind: 'code-file', language: 'java' }, programs: '*', inert: JVM_INERT },
  _JAVA_OPTIONS: { role: { kind: 'code-file', language: 'java' }, programs: '*', inert: JVM_INERT },
  JDK_JAVA_OPTIONS: { role: { kind: 'code-file', language: 'java' }, programs: '*', inert: JVM_INERT },
  // A warning filter's category (`ignore::pkg.Warning`) is imported: a dotted category loads a module.
  PYTHONWARNINGS: {
    role: { kind: 'code-file', language: 'python' },
    programs: '*',
    inert: /^[^,:]*(:[^,:]*(:[^,:.]*(:[^,]*)?)?)?(,[^,:]*(:[^,:]*(:[^,:.]*(:[^,]*)?)?)?)*$/,
  },
  // Folders Python imports from before its own (a `sitecustomize.py` there runs in every Python program):
  // folders of the project are its own code; any other (absolute, in the home, above the project) is not read.
  PYTHONPATH: { role: { kind: 'code-file', language: 'python' }, programs: '*', inert: /^(?![\s\S]*(?:^|:)\s*(?:\/|~|\.\.))[^$`]*$/ },
  PYTHONSTARTUP: { role: { kind: 'code-file', language: 'python' }, programs: '*', inert: /^$/ },
  PYTHONHOME: { role: { kind: 'code-file', language: 'python' }, programs: '*', inert: /^$/ },
  // Programs cargo runs in place of rustc, rustdoc or the built binary (its configuration through the environment).
  RUSTC: { role: SCRIPT, programs: ['cargo'] },
  RUSTC_WRAPPER: { role: SCRIPT, programs: ['cargo'] },
  RUSTC_WORKSPACE_WRAPPER: { role: SCRIPT, programs: ['cargo'] },
  RUSTDOC: { role: SCRIPT, programs: ['cargo'] },
  CARGO_BUILD_RUSTC: { role: SCRIPT, programs: ['cargo'] },
  CARGO_BUILD_RUSTC_WRAPPER: { role: SCRIPT, programs: ['cargo'] },
  CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER: { role: SCRIPT, programs: ['cargo'] },
  CARGO_BUILD_RUSTDOC: { role: SCRIPT, programs: ['cargo'] },
  CARGO_HOST_LINKER: { role: SCRIPT, programs: ['cargo'] },
  CARGO_REGISTRY_CREDENTIAL_PROVIDER: { role: SCRIPT, programs: ['cargo'] },
  RUSTFLAGS: { role: { kind: 'code', language: 'rustflags' }, programs: ['cargo', 'rustc'], inert: RUSTFLAGS_INERT },
  CARGO_ENCODED_RUSTFLAGS: { role: { kind: 'code', language: 'rustflags' }, programs: ['cargo'], inert: RUSTFLAGS_INERT },
  CARGO_BUILD_RUSTFLAGS: { role: { kind: 'code', language: 'rustflags' }, programs: ['cargo'], inert: RUSTFLAGS_INERT },

  RUBYOPT: { role: { kind: 'code-file', language: 'ruby' }, programs: '*', inert: /^(\s*-[wW]\d?)*\s*$/ },
};

/** Git configuration keys whose value is a program git runs (set through `GIT_CONFIG_KEY_n`). */
export const GIT_EXECUTING_KEYS =
  /^(core\.(pager|sshcommand|editor|fsmonitor|gitproxy|askpass)|sequence\.editor|gpg\.(program|\w+\.program)|credential\.helper|credential\..+\.helper|diff\..+\.(command|textconv)|merge\..+\.driver|filter\..+\.(clean|smudge|process)|alias\..+|uploadpack\.packobjectshook|protocol\.ext\.allow|pager\..+|instaweb\.browser|web\.browser|browser\..+\.cmd|man\..+\.cmd)$/i;

/** Families of variables, by name: cargo's per-target runner, linker and flags, per-registry credential providers. */
export const ENV_EXECUTOR_PATTERNS: readonly (readonly [RegExp, EnvExecutor])[] = [
  [/^CARGO_TARGET_\w+_(RUNNER|LINKER)$/, { role: SCRIPT, programs: ['cargo'] }],
  [/^CARGO_REGISTRIES_\w+_CREDENTIAL_PROVIDER$/, { role: SCRIPT, programs: ['cargo'] }],
  [/^CARGO_TARGET_\w+_RUSTFLAGS$/, { role: { kind: 'code', language: 'rustflags' }, programs: ['cargo'], inert: RUSTFLAGS_INERT }],
];

/** The executor a variable is for a program, if it is one. */
export function executorFor(variable: string, program: string | null): EnvExecutor | undefined {
  const e = Object.hasOwn(ENV_EXECUTORS, variable) ? ENV_EXECUTORS[variable] : ENV_EXECUTOR_PATTERNS.find(([re]) => re.test(variable))?.[1];
  if (!e) return undefined;
  return e.programs === '*' || program === null || e.programs.includes(program) ? e : undefined;
}
