// Environment variables that make programs run other programs or load code: set on a command
// (`GIT_SSH_COMMAND='…' git fetch`, `PAGER='…' man ls`) or exported for the commands after it, their
// value is code that runs, and is judged as such. `programs: '*'` means any program may honour it.
import type { Role } from './spec.js';

export interface EnvExecutor {
  role: Extract<Role, { kind: 'script' } | { kind: 'code-file' }>;
  /** The programs that read it, or every program. */
  programs: readonly string[] | '*';
  /** Text before the command in the value (`|` for LESSOPEN's pipe form). */
  strip?: RegExp;
  /** Values that run nothing (`NODE_OPTIONS=--max-old-space-size=4096`). */
  inert?: RegExp;
}

const SCRIPT = { kind: 'script' } as const;
const LIBRARY = { kind: 'code-file', language: 'native' } as const;

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
  LD_PRELOAD: { role: LIBRARY, programs: '*', inert: /^$/ },
  LD_AUDIT: { role: LIBRARY, programs: '*', inert: /^$/ },
  DYLD_INSERT_LIBRARIES: { role: LIBRARY, programs: '*', inert: /^$/ },
  NODE_OPTIONS: {
    role: { kind: 'code-file', language: 'node' },
    programs: '*',
    // Memory, source-map and warning switches load nothing.
    inert: /^(\s*--(max-old-space-size=\d+|max-semi-space-size=\d+|enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-deprecation|use-openssl-ca|dns-result-order=\w+|stack-trace-limit=\d+|experimental-vm-modules))*\s*$/,
  },
  PERL5OPT: { role: { kind: 'code-file', language: 'perl' }, programs: '*', inert: /^(\s*-[wW])*\s*$/ },
  RUBYOPT: { role: { kind: 'code-file', language: 'ruby' }, programs: '*', inert: /^(\s*-[wW]\d?)*\s*$/ },
};

/** Git configuration keys whose value is a program git runs (set through `GIT_CONFIG_KEY_n`). */
export const GIT_EXECUTING_KEYS = /^(core\.(pager|sshcommand|editor|fsmonitor|gitproxy|askpass)|sequence\.editor|gpg\.(program|\w+\.program)|credential\.helper|credential\..+\.helper|diff\..+\.(command|textconv)|merge\..+\.driver|filter\..+\.(clean|smudge|process)|alias\..+|uploadpack\.packobjectshook|protocol\.ext\.allow|pager\..+|instaweb\.browser|web\.browser|browser\..+\.cmd|man\..+\.cmd)$/i;

/** The executor a variable is for a program, if it is one. */
export function executorFor(variable: string, program: string | null): EnvExecutor | undefined {
  const e = Object.hasOwn(ENV_EXECUTORS, variable) ? ENV_EXECUTORS[variable] : undefined;
  if (!e) return undefined;
  return e.programs === '*' || program === null || e.programs.includes(program) ? e : undefined;
}
