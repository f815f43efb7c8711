// Programs that run another program given in their arguments (`sudo`, `env`, `nice`, `xargs`, …),
// each with its own option grammar so the wrapped command is found exactly. A wrapper disappears
// from the IR: the wrapped command takes its place and lists it in `wrappers`.
import type { Assignment, Word } from '../../core/ir.js';
import { hasOption, optionValues, scanOptions, type OptionSpec, type ScannedOptions } from './options.js';
import { splitEnvString } from './env-split.js';

export interface Effects {
  assignments?: Assignment[];
  /** The wrapped command is fed unknown input (xargs). */
  fed?: boolean;
  /** Words standing for unknown input in the wrapped command (`{}` for `xargs -I{}`). */
  placeholders?: string[];
  /** The wrapped command runs in another folder: a word to resolve, or null when unknown. */
  cwd?: Word | null;
}

export type Peel =
  /** The wrapped command starts at `args[at]` (of `replaced` when the wrapper rewrote its arguments). */
  | { kind: 'exec'; at: number; effects?: Effects; replaced?: Word[] }
  /** No command is wrapped here (`sudo -l`, `env` alone): the wrapper is the command. */
  | { kind: 'self' }
  | { kind: 'unknown'; option: string }
  | { kind: 'blind'; reason: string }
  /** A bound of the analysis was reached (fail closed with a `limits.*` finding). */
  | { kind: 'limit'; reason: string };

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function assignmentOf(w: Word): Assignment {
  const eq = w.value.indexOf('=');
  return { name: w.value.slice(0, eq), value: { value: w.value.slice(eq + 1), static: w.static, raw: w.raw } };
}

/**
 * Leading `NAME=value` operands (env, sudo) become assignments. env takes any operand with a `=`
 * as one, whatever the name (`env 'BASH_FUNC_ls%%=() { …; }' bash`): `anyName`.
 */
function takeAssignments(args: Word[], from: number, anyName = false): { at: number; assignments: Assignment[] } {
  const assignments: Assignment[] = [];
  let at = from;
  const named = (v: string) => ASSIGNMENT.test(v) || (anyName && /^[^=-][^=]*=/.test(v));
  while (at < args.length && args[at]!.static && named(args[at]!.value)) assignments.push(assignmentOf(args[at++]!));
  return { at, assignments };
}

/** The common shape: options, then the command. */
function simple(spec: OptionSpec, selfWhen: (s: ScannedOptions) => boolean = () => false) {
  return (args: Word[]): Peel => {
    const s = scanOptions(args, spec);
    if (s.unknown && !spec.lenient) return { kind: 'unknown', option: s.unknown };
    if (selfWhen(s) || s.end >= args.length) return { kind: 'self' };
    return { kind: 'exec', at: s.end };
  };
}

const SUDO: OptionSpec = {
  flags: 'AbBEeHhiKklnNPSsVv',
  withArg: 'aCcDgpRrTtUu',
  longFlags: [
    'askpass',
    'background',
    'bell',
    'edit',
    'set-home',
    'help',
    'login',
    'remove-timestamp',
    'reset-timestamp',
    'list',
    'no-update',
    'non-interactive',
    'preserve-groups',
    'stdin',
    'shell',
    'version',
    'validate',
  ],
  longWithArg: [
    'auth-type',
    'close-from',
    'chdir',
    'group',
    'host',
    'prompt',
    'chroot',
    'role',
    'command-timeout',
    'type',
    'other-user',
    'user',
    'login-class',
  ],
  longOptionalArg: ['preserve-env'],
};

function sudo(args: Word[]): Peel {
  const s = scanOptions(args, SUDO);
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  // -e edits files; -l, -v, -K, -V, -h run nothing.
  if (hasOption(s, 'e', 'edit', 'l', 'list', 'v', 'validate', 'K', 'remove-timestamp', 'V', 'version', 'h', 'help'))
    return { kind: 'self' };
  const { at, assignments } = takeAssignments(args, s.end);
  if (at >= args.length) return { kind: 'self' };
  const dir = optionValues(s, 'D', 'chdir')[0];
  const effects: Effects = { assignments };
  if (dir) effects.cwd = dir;
  if (hasOption(s, 'i', 'login', 'R', 'chroot')) effects.cwd = null;
  return { kind: 'exec', at, effects };
}

const ENV: OptionSpec = {
  flags: 'i0v',
  withArg: 'uCSaP',
  longFlags: ['ignore-environment', 'null', 'debug', 'list-signal-handling', 'help', 'version'],
  longWithArg: ['unset', 'chdir', 'split-string', 'argv0'],
  longOptionalArg: ['block-signal', 'default-signal', 'ignore-signal'],
};

/** Most `-S` strings read inside one another (`env -S '-S "…"'`). */
const MAX_ENV_SPLITS = 8;

function env(args: Word[], depth = 0): Peel {
  let start = 0;
  while (args[start]?.static && args[start]!.value === '-') start++; // `env -` is `env -i`
  const s = scanOptions(args, ENV, start);
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  const split = s.options.find((o) => o.name === 'S' || o.name === 'split-string');
  if (split?.value) {
    if (depth >= MAX_ENV_SPLITS) return { kind: 'limit', reason: `env -S strings nested more than ${MAX_ENV_SPLITS} deep` };
    // -S splits one string into arguments, which env then reads as its own arguments again.
    const replaced = [...splitEnvString(split.value), ...args.slice(s.end)];
    const inner = env(replaced, depth + 1);
    if (inner.kind !== 'exec') return inner;
    return { ...inner, replaced: inner.replaced ?? replaced };
  }
  const { at, assignments } = takeAssignments(args, s.end, true);
  if (at >= args.length) return { kind: 'self' };
  const effects: Effects = { assignments };
  const dir = optionValues(s, 'C', 'chdir')[0];
  if (dir) effects.cwd = dir;
  return { kind: 'exec', at, effects };
}

function flock(args: Word[]): Peel {
  const s = scanOptions(args, {
    flags: 'sxeunoFhV',
    withArg: 'wE',
    longFlags: ['shared', 'exclusive', 'unlock', 'nonblock', 'nb', 'close', 'no-fork', 'verbose', 'help', 'version'],
    longWithArg: ['timeout', 'wait', 'conflict-exit-code'],
  });
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  const cmd = s.end + 1; // after the lock file
  const next = args[cmd];
  if (!next || (next.static && (next.value === '-c' || next.value === '--command'))) return { kind: 'self' };
  return { kind: 'exec', at: cmd };
}

function timeout(args: Word[]): Peel {
  const s = scanOptions(args, {
    flags: 'v',
    withArg: 'ks',
    longFlags: ['preserve-status', 'foreground', 'verbose', 'help', 'version'],
    longWithArg: ['kill-after', 'signal'],
  });
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  const at = s.end + 1; // after DURATION
  return at < args.length ? { kind: 'exec', at } : { kind: 'self' };
}

function chroot(args: Word[]): Peel {
  const s = scanOptions(args, { longWithArg: ['userspec', 'groups'], longFlags: ['skip-chdir', 'help', 'version'] });
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  const at = s.end + 1; // after NEWROOT
  return at < args.length ? { kind: 'exec', at, effects: { cwd: null } } : { kind: 'self' };
}

const XARGS: OptionSpec = {
  flags: '0prtxo',
  withArg: 'adEILnPsJRS',
  optionalArg: 'eil',
  longFlags: ['null', 'interactive', 'no-run-if-empty', 'show-limits', 'verbose', 'exit', 'open-tty', 'help', 'version'],
  longWithArg: ['arg-file', 'delimiter', 'max-args', 'max-procs', 'process-slot-var', 'max-chars'],
  longOptionalArg: ['eof', 'replace', 'max-lines'],
};

function xargs(args: Word[]): Peel {
  const s = scanOptions(args, XARGS);
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  if (hasOption(s, 'show-limits', 'help', 'version') || s.end >= args.length) return { kind: 'self' };
  const placeholders = ['{}'];
  for (const o of s.options) {
    if ((o.name === 'I' || o.name === 'J') && o.value) placeholders.push(o.value.value);
    if ((o.name === 'i' || o.name === 'replace') && o.value) placeholders.push(o.value.value);
  }
  return { kind: 'exec', at: s.end, effects: { fed: true, placeholders } };
}

function ionice(args: Word[]): Peel {
  const s = scanOptions(args, {
    flags: 'th',
    withArg: 'cnpPu',
    longFlags: ['ignore', 'help', 'version'],
    longWithArg: ['class', 'classdata', 'pid', 'pgid', 'uid'],
  });
  if (s.unknown) return { kind: 'unknown', option: s.unknown };
  if (hasOption(s, 'p', 'P', 'u', 'pid', 'pgid', 'uid') || s.end >= args.length) return { kind: 'self' };
  return { kind: 'exec', at: s.end };
}

function coproc(args: Word[]): Peel {
  // `coproc NAME { …; }`: tree-sitter reads the compound command as words.
  if (args.slice(0, 2).some((w) => /[{(]/.test(w.raw))) {
    return { kind: 'blind', reason: 'coproc with a compound command is read by the parser as plain words' };
  }
  return args.length ? { kind: 'exec', at: 0 } : { kind: 'self' };
}

function atZero(args: Word[]): Peel {
  if (!args.length || (args[0]!.static && /^--(help|version)$/.test(args[0]!.value))) return { kind: 'self' };
  return { kind: 'exec', at: 0 };
}

export const WRAPPERS: Record<string, (args: Word[]) => Peel> = {
  sudo,
  doas: simple({ flags: 'nsL', withArg: 'uC' }, (s) => hasOption(s, 'C', 'L')),
  env: (args) => env(args),
  command: simple({ flags: 'pvV' }, (s) => hasOption(s, 'v', 'V')),
  builtin: atZero,
  exec: simple({ flags: 'cl', withArg: 'a' }),
  nohup: atZero,
  nice: simple({ withArg: 'n', numeric: true, longWithArg: ['adjustment'], longFlags: ['help', 'version'] }),
  ionice,
  timeout,
  time: simple({
    flags: 'pvaq',
    withArg: 'fo',
    longFlags: ['portability', 'verbose', 'append', 'quiet', 'help', 'version'],
    longWithArg: ['format', 'output'],
  }),
  stdbuf: simple({ withArg: 'ioe', longWithArg: ['input', 'output', 'error'], longFlags: ['help', 'version'] }),
  setsid: simple({ flags: 'cfw', longFlags: ['ctty', 'fork', 'wait', 'help', 'version'] }),
  chroot,
  flock,
  watch: simple(
    {
      flags: 'bcCeEfghprstwx',
      withArg: 'nq',
      optionalArg: 'd',
      longFlags: [
        'no-title',
        'beep',
        'errexit',
        'chgexit',
        'color',
        'no-color',
        'exec',
        'precise',
        'no-wrap',
        'no-rerun',
        'help',
        'version',
      ],
      longWithArg: ['interval', 'equexit'],
      longOptionalArg: ['differences'],
    },
    // Without -x watch hands its arguments to `sh -c`: that is a nested script, not a wrapper.
    (s) => !hasOption(s, 'x', 'exec'),
  ),
  xargs,
  busybox: (args) => (args[0] && args[0].value.startsWith('-') ? { kind: 'self' } : atZero(args)),
  coproc,
  // zsh precommand modifiers: they run the command after them (`-` with argv[0] prefixed by a dash).
  noglob: atZero,
  nocorrect: atZero,
  '-': atZero,
};
