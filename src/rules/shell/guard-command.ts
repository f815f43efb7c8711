// seatbelt issued by the agent it guards. What the inner seatbelt runs is judged by the analysis
// (analyze/shell/seatbelt.ts); this rule refuses whatever would change what judges later actions:
// settings flags, an environment or identity of the agent's choosing, and the subcommands that
// write the guard's own state. Reading subcommands stay allowed (`verify`, `audit tail`, `check`).
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { seatbeltArgs } from '../../analyze/shell/seatbelt.js';
import { nameOf } from './programs.js';

/** Variables that decide where seatbelt finds its settings, keys and trail, or what code it loads. */
const GUARD_VARIABLE =
  /^(SEATBELT_\w*|HOME|XDG_\w+|NODE_OPTIONS|NODE_PATH|NODE_EXTRA_CA_CERTS|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_\w+)$/;
/** Of those, the ones no everyday command sets: refused wherever they are set or unset. */
const SEATBELT_VARIABLE = /^SEATBELT_\w*$/;

/** Wrappers that leave the environment and identity as they are; any other (env, sudo, su…) may not. */
const NEUTRAL_WRAPPERS = new Set(['command', 'builtin', 'nice', 'ionice', 'timeout', 'time', 'stdbuf', 'nohup', 'setsid', 'flock']);

/** Flags that change the policy, the role, the trail or the keys of the seatbelt they are given to. */
const SETTINGS_FLAG = /^--(policy|role|audit|keys|home|no-auto-keys)(=|$)/;

/** Subcommands (and their second words) that only read, judge or print. */
const READING: Record<string, (rest: Word[]) => boolean> = {
  check: () => true,
  verify: () => true,
  prove: () => true,
  // Making a checkpoint writes the guard's state and may run an anchor command: only `verify` reads.
  checkpoint: (rest) => first(rest) === 'verify',
  scan: () => true,
  demo: () => true,
  completion: () => true,
  catalogue: () => true,
  help: () => true,
  audit: (rest) => ['tail', 'show', 'stats', 'export', 'verify-export', 'report', 'help'].includes(first(rest)),
  roles: (rest) => ['list', 'show', 'lint', 'test', 'help'].includes(first(rest)),
  config: (rest) => ['show', 'help'].includes(first(rest)),
  keys: (rest) => ['show', 'export-pub', 'help'].includes(first(rest)),
  // Signing, pinning and installing the fleet's policy bundle change what judges: only reading it.
  policy: (rest) => ['show', 'verify', 'help'].includes(first(rest)),
  trust: (rest) => rest.length > 0 && rest.every((w) => w.static && /^(--list|-l|--help|-h)$/.test(w.value)),
  // The hook commands answer a payload; installing or removing them changes the guard.
  hook: (rest) => !['install', 'uninstall'].includes(first(rest)) && !rest.some(isSettingsFlag),
  // These run (or serve) actions: allowed unless they change the settings that judge them.
  exec: (rest) => !rest.some(isSettingsFlag),
  sql: (rest) => !rest.some(isSettingsFlag),
  mcp: (rest) => !rest.some(isSettingsFlag),
};

function first(words: Word[]): string {
  return words.find((w) => !w.value.startsWith('-'))?.value ?? '';
}

function isSettingsFlag(w: Word): boolean {
  return w.static && SETTINGS_FLAG.test(w.value);
}

/** Why this seatbelt invocation would change the guard, or null when it only uses it. */
export function guardChange(cmd: SimpleCommand): string | null {
  const args = seatbeltArgs(nameOf(cmd), cmd.args);
  if (!args) return null;
  const set = cmd.assignments.find((a) => GUARD_VARIABLE.test(a.name));
  if (set) return `seatbelt run with ${set.name} set by the command`;
  const wrapper = cmd.wrappers.find((w) => !NEUTRAL_WRAPPERS.has(w));
  if (wrapper) return `seatbelt run through ${wrapper}, which may change its environment or identity`;
  if (cmd.args.length - args.length > 1) {
    // `node --require x …/seatbelt`: more words before seatbelt's own than the script's path.
    return 'seatbelt run by a JavaScript runtime with options of its own (code loaded before seatbelt)';
  }
  const dynamic = args.find((w) => !w.static);
  const dd = args.findIndex((w) => w.static && w.value === '--');
  if (dynamic && (dd < 0 || args.indexOf(dynamic) < dd)) return `seatbelt given ${dynamic.raw}, only known when the command runs`;
  const subIndex = args.findIndex((w) => !/^(-V|--version|-h|--help)$/.test(w.value));
  if (subIndex < 0) return null;
  const sub = args[subIndex]!.value;
  const rest = args.slice(subIndex + 1, dd < 0 ? undefined : dd);
  const reads = READING[sub];
  if (!reads) return `seatbelt ${sub} changes the guard's own state (settings, keys, hooks or trust)`;
  return reads(rest) ? null : `seatbelt ${[sub, ...rest.map((w) => w.value)].join(' ')} changes what judges later actions`;
}

/** A command that sets or unsets a SEATBELT_* variable (`export`, `unset`, `env -u`, a bare assignment). */
function setsSeatbeltVariable(cmd: SimpleCommand): string | null {
  const assigned = cmd.assignments.find((a) => SEATBELT_VARIABLE.test(a.name));
  if (assigned) return assigned.name;
  if (['export', 'declare', 'typeset', 'readonly', 'local', 'unset', 'setenv', 'unsetenv'].includes(nameOf(cmd))) {
    const named = cmd.args.find((w) => SEATBELT_VARIABLE.test(w.value.replace(/^-\w+$/, '').split('=')[0]!));
    if (named) return named.value;
  }
  return null;
}

export const GUARD_COMMAND_RULES: ShellRule[] = [
  {
    id: 'self_protection.guard_command',
    class: 'guard',
    risk: 'CRITICAL',
    reason: 'seatbelt invoked by the guarded agent in a way that would change what judges later actions (settings, keys, hooks, trust)',
    remediation: 'run the action without changing the guard; policy, role, trail, keys and hooks are set by the operator, not the agent',
    examples: {
      block: [
        'seatbelt exec --policy audit_mode -- ls',
        'seatbelt exec --policy=audit_mode -- ls',
        'seatbelt sql --role none "SELECT 1"',
        'seatbelt exec --audit /tmp/hidden.jsonl -- ls',
        'HOME=/tmp/evil seatbelt exec -- ls',
        'SEATBELT_POLICY=audit_mode seatbelt exec -- ls',
        'env -i seatbelt exec -- ls',
        'sudo seatbelt exec -- ls',
        'node ./node_modules/seatbelt/bin/seatbelt exec --no-auto-keys -- ls',
        'node --require ./patch.js ./bin/seatbelt exec -- ls',
        'seatbelt hook uninstall claude-code',
        'seatbelt hook install claude-code',
        'seatbelt keys rotate',
        'seatbelt keys init --force',
        'seatbelt init --force',
        'seatbelt trust .seatbelt.json',
        'seatbelt policy install bundle.json',
        'seatbelt policy pin operator.pub --force',
        'seatbelt policy sign ./fleet --out bundle.json',
        'seatbelt mcp --policy audit_mode',
        'seatbelt $SUB',
        'export SEATBELT_HOME=/tmp/x',
        'SEATBELT_PIN=0',
        'unset SEATBELT_HOME',
      ],
      allow: [
        'seatbelt verify',
        'seatbelt audit tail -n 5',
        'seatbelt audit stats',
        'seatbelt check --policy strict_prod --shell "ls"',
        'seatbelt exec -- git status',
        'seatbelt exec --json --owner human:alice -- ls',
        'seatbelt roles list',
        'seatbelt config show',
        'seatbelt trust --list',
        'seatbelt policy show',
        'seatbelt policy verify bundle.json',
        'seatbelt keys show',
        'seatbelt --version',
        'echo seatbelt exec --policy audit_mode',
        'timeout 10 seatbelt exec -- ls',
        'node ./bin/seatbelt verify',
      ],
    },
    match: (cmd: SimpleCommand, _ir: ShellIr) => guardChange(cmd) !== null || setsSeatbeltVariable(cmd) !== null,
  },
];
