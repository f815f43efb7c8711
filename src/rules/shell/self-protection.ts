// Self-protection pack: the agent being guarded must not switch the guard off. Changing a guarded
// place (seatbelt's home, the trail, keys, roles, configs, the agent hosts' hook settings, git
// hooks, seatbelt's installed files) or skipping and redirecting git hooks blocks under every
// policy, audit_mode included (src/policy/findings.ts `isGuardFinding`). Reading stays allowed.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { HOST_SETTINGS, type GuardContext, type GuardedKind, type GuardedPath } from '../../core/guarded.js';
import { isFixedGuard } from './fixed-guard.js';
import type { ShellRule } from '../rule.js';
import { changedPaths, isEverydayUnpack, realPath, realTargets, type PathChange } from './changed-paths.js';
import { findNameMatches, namesOnTheWay, reachOf, reachOfSegments, type Place, type Reach } from './places.js';
import { homeOf, type Target } from './paths.js';
import { gitCall, type GitCall } from './git-call.js';
import { gitConfigEdits } from './git-config-write.js';
import { nameOf } from './programs.js';
import { memoByCommand } from './memo.js';
import { boundedMemo } from '../../core/bounded-memo.js';

export const SELF_PROTECTION_RULE_IDS = ['self_protection.guarded_path', 'self_protection.hook_bypass'] as const;

interface Guarded {
  kind: GuardedKind;
  place: Place;
  /** Names inside the place whose change matters, for changes that select by name (`find -name`); absent: any. */
  probes?: readonly string[];
}

/** The hooks git runs, by name (githooks(5)): what a `find -name … -delete` must select to disable one. */
const GIT_HOOK_NAMES = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'fsmonitor-watchman',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
  'post-index-change',
];

/** Kinds that are single files: nothing below them can be selected by name. */
const FILE_KINDS: ReadonlySet<GuardedKind> = new Set(['audit_trail', 'config', 'role', 'hook_settings']);

/** Names protected wherever they are. `.git/config` can set core.hooksPath. */
const NAMED: Guarded[] = [
  { kind: 'config', place: { tail: ['.seatbelt.json'] }, probes: [] },
  ...HOST_SETTINGS.map((p): Guarded => ({ kind: 'hook_settings', place: { tail: p.split('/') }, probes: [] })),
  { kind: 'git_hooks', place: { tail: ['.git', 'hooks'] }, probes: GIT_HOOK_NAMES },
  { kind: 'git_hooks', place: { tail: ['.git', 'config'] }, probes: [] },
];

function concrete(g: GuardedPath): Guarded {
  return concreteOf(`${g.kind}\0${g.path}`);
}

/**
 * A guarded path's place, one object per kind and path: each decision names the same few, and what
 * is derived from a place (its segments, places.ts) is then made once, not once per decision.
 */
const concreteOf = boundedMemo((key: string): Guarded => {
  const at = key.indexOf('\0');
  const kind = key.slice(0, at) as GuardedKind;
  const probes = FILE_KINDS.has(kind) ? [] : kind === 'git_hooks' ? GIT_HOOK_NAMES : undefined;
  return { kind, place: { path: key.slice(at + 1) }, ...(probes ? { probes } : {}) };
}, 512);

const placesByIr = new WeakMap<ShellIr, Guarded[]>();

/**
 * The session's guarded paths (or, without them, seatbelt's home under the IR's home), the
 * hosts' user-level settings, the names protected anywhere, and where existing links lead.
 */
export function guardedPlaces(ir: ShellIr): Guarded[] {
  const hit = placesByIr.get(ir);
  if (hit) return hit;
  const out = isFixedGuard(ir.guard) ? placesOfFixedGuard(ir.guard, homeOf(ir)) : placesFor(ir.guard, homeOf(ir));
  placesByIr.set(ir, out);
  return out;
}

/** A fixed guard's places, made once per home (src/rules/shell/fixed-guard.ts). */
const placesByGuard = new WeakMap<GuardContext, Map<string, Guarded[]>>();

function placesOfFixedGuard(guard: GuardContext, home: string): Guarded[] {
  let byHome = placesByGuard.get(guard);
  if (!byHome) placesByGuard.set(guard, (byHome = new Map()));
  let out = byHome.get(home);
  if (!out) byHome.set(home, (out = placesFor(guard, home)));
  return out;
}

function placesFor(guard: GuardContext | undefined, home: string): Guarded[] {
  const given: GuardedPath[] = guard?.paths ?? [{ path: `${home}/.seatbelt`, kind: 'seatbelt_home' }];
  const hosts = HOST_SETTINGS.map((p): GuardedPath => ({ path: `${home}/${p}`, kind: 'hook_settings' }));
  const paths = [...given, ...hosts];
  const real = guard?.realpath;
  const resolved = real
    ? paths.flatMap((g) =>
        realPath(g.path, real)
          .filter((p) => p !== g.path)
          .map((path) => ({ ...g, path })),
      )
    : [];
  return [...[...paths, ...resolved].map(concrete), ...NAMED];
}

/** A relative word whose folder is unknown (`cd "$X" && rm -rf .git`): its names can still match a named place. */
function relativeReach(word: Word | undefined, place: Place): Reach | null {
  if (!word || !('tail' in place) || /[$`]/.test(word.value) || /^[/~]/.test(word.value)) return null;
  const parts = word.value.split('/').filter((s) => s && s !== '.');
  const after = parts.slice(parts.lastIndexOf('..') + 1);
  const g = after.findIndex((s) => /[*?[]/.test(s));
  return reachOfSegments(g < 0 ? after : after.slice(0, g), g < 0 ? [] : after.slice(g), place);
}

/** A `find -name` that selects a guarded name (or one inside a guarded folder) finds it below its root, wherever it is. */
function findSelects(names: string[], g: Guarded): boolean {
  const inside = 'tail' in g.place ? [...g.place.tail, ...(g.probes ?? [])] : [];
  return names.some((p) => inside.some((n) => findNameMatches(p, n)));
}

/** Below a folder that holds `g`, a `find -name` reaches it when it selects a name on the way, or one inside it that matters. */
function selectsOnTheWay(names: string[], target: Target, g: Guarded): boolean {
  if (g.probes === undefined) return true;
  const candidates = [...namesOnTheWay(target, g.place), ...g.probes];
  return names.some((p) => candidates.some((n) => findNameMatches(p, n)));
}

function harms(c: PathChange, target: Target, reach: Reach | null, g: Guarded, ir: ShellIr): boolean {
  if (!reach) return !!c.names && c.below && findSelects(c.names, g);
  // The static start of a computed word counts when it already lies in a guarded place.
  if (c.partial && target.kind === 'path') return reach !== 'ancestor';
  if (reach !== 'ancestor') return true;
  // A folder that holds the place: only changes that take what is below it reach the place.
  if (c.names && !selectsOnTheWay(c.names, target, g)) return false;
  if (c.unnamed) return !isEverydayUnpack(target, ir);
  return c.below || c.how === 'link';
}

interface Hit {
  change: PathChange;
  target: Target;
  guarded: Guarded;
}

/** The first guarded place a command changes, through every route changedPaths sees. */
const guardedHit = memoByCommand((cmd: SimpleCommand, ir: ShellIr): Hit | undefined => {
  let places: Guarded[] | undefined; // resolved (links looked up) only for a command that changes a path
  for (const change of changedPaths(cmd, ir)) {
    places ??= guardedPlaces(ir);
    for (const target of [change.target, ...realTargets(change, ir)]) {
      for (const g of places) {
        const reach = target.kind === 'unknown' ? relativeReach(change.word, g.place) : reachOf(target, g.place, change.partial);
        if (harms(change, target, reach, g, ir)) return { change, target, guarded: g };
      }
    }
  }
  return undefined;
});

const HOW: Record<PathChange['how'], string> = {
  write: 'writes',
  edit: 'opens in an editor',
  delete: 'deletes',
  move: 'moves',
  link: 'links to',
  mode: 'changes the mode or owner of',
};

function shown(t: Target, word?: Word): string {
  return t.kind === 'path' ? t.path : t.kind === 'glob' ? `${t.base === '/' ? '' : t.base}/${t.pattern}` : (word?.value ?? t.word);
}

function describeHit(h: Hit): string {
  const place = 'path' in h.guarded.place ? h.guarded.place.path : `any ${h.guarded.place.tail.join('/')}`;
  const below = h.change.below && h.change.how !== 'link' ? ' and everything below it' : '';
  return `${HOW[h.change.how]} ${shown(h.target, h.change.word)}${below}: guarded ${h.guarded.kind} ${place}`;
}

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const PACKAGE_CHANGES = /^(uninstall|un|remove|rm|r|unlink|install|i|add|update|up|upgrade|link|ln)$/;

/** `npm uninstall -g seatbelt`, `npm i -g seatbelt@0.0.1`: the global package the hooks call is removed or replaced. */
function replacesInstall(cmd: SimpleCommand): boolean {
  if (!PACKAGE_MANAGERS.has(nameOf(cmd))) return false;
  const a = cmd.args.map((w) => w.value);
  const global = a.some((v) => v === '-g' || v === '--global' || v === '--location=global') || a[0] === 'global';
  const words = a.filter((v) => !v.startsWith('-') && v !== 'global');
  return global && PACKAGE_CHANGES.test(words[0] ?? '') && words.slice(1).some((v) => /^seatbelt(@.*)?$/.test(v));
}

/** Subcommands that run hooks `--no-verify` skips. */
const VERIFIED = new Set(['commit', 'push', 'merge', 'am', 'rebase', 'cherry-pick', 'revert', 'pull']);
/** `--no-verify` and the unique prefixes git accepts for it. */
const NO_VERIFY = /^--no-v(e(r(i(fy?)?)?)?)?$/;
/** Config keys that move the hooks folder, or pull in a file that may. */
const HOOK_KEYS = /^(core\.hookspath|include\.path|includeif\..+\.path)$/;

/** `git commit -n` (short for --no-verify), also inside a cluster (`-anm msg`); `-u`/`-S` take the rest as their value. */
function commitShortNoVerify(args: Word[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') return false;
    if (!/^-[^-]/.test(v)) continue;
    for (let j = 1; j < v.length; j++) {
      const c = v[j]!;
      if (c === 'n') return true;
      if ('mFCct'.includes(c)) {
        if (j === v.length - 1) i++;
        break;
      }
      if (c === 'u' || c === 'S') break;
    }
  }
  return false;
}

function skipsHooks(g: GitCall): string | undefined {
  if (!VERIFIED.has(g.sub)) return undefined;
  const dd = g.args.findIndex((w) => w.value === '--');
  const opts = dd < 0 ? g.args : g.args.slice(0, dd);
  if (opts.some((w) => NO_VERIFY.test(w.value))) return `git ${g.sub} --no-verify skips the hooks`;
  if (g.sub === 'commit' && commitShortNoVerify(g.args)) return 'git commit -n skips the hooks';
  return undefined;
}

/** Environment settings git reads as config (`GIT_CONFIG_KEY_0=core.hooksPath`, `GIT_CONFIG_PARAMETERS`). */
function envRedirect(cmd: SimpleCommand): string | undefined {
  const pairs = cmd.assignments.map((a) => ({ name: a.name, value: a.value }));
  if (['export', 'declare', 'typeset', 'local', 'readonly', 'env', 'set'].includes(nameOf(cmd))) {
    for (const w of cmd.args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value);
      if (m) pairs.push({ name: m[1]!, value: { ...w, value: m[2]! } });
    }
  }
  for (const { name, value } of pairs) {
    // A key computed at run time may be core.hooksPath.
    if (/^GIT_CONFIG_KEY_\d+$/.test(name) && (!value.static || HOOK_KEYS.test(value.value.toLowerCase())))
      return `${name}=${value.value} moves the git hooks`;
    if (name === 'GIT_CONFIG_PARAMETERS' && /core\.hookspath|include(if\.[^']*)?\.path/i.test(value.value))
      return `${name} moves the git hooks`;
  }
  return undefined;
}

/** `git -c core.hooksPath=… …`, `--config-env=core.hooksPath=VAR`, and `git config core.hooksPath …` (set, unset, or the core section removed). */
function hooksRedirect(cmd: SimpleCommand, g: GitCall): string | undefined {
  for (const key of g.config.keys()) if (HOOK_KEYS.test(key)) return `git -c ${key} moves the git hooks`;
  if (cmd.args.some((w) => /^--config-env=(core\.hookspath|include(if\..+)?\.path)=/i.test(w.value)))
    return 'git --config-env moves the git hooks';
  for (const e of gitConfigEdits(cmd)) {
    if (e.section ? /^(core|include|includeif\..+)$/.test(e.key) : HOOK_KEYS.test(e.key))
      return `git config ${e.key} changes where the hooks are`;
  }
  return undefined;
}

const bypass = memoByCommand((cmd: SimpleCommand): string | undefined => {
  const g = gitCall(cmd);
  return envRedirect(cmd) ?? (g ? (skipsHooks(g) ?? hooksRedirect(cmd, g)) : undefined);
});

const ASK = 'ask the operator: the guard protects its own files, settings and hooks, and only a person may change them';

export const SELF_PROTECTION_RULES: ShellRule[] = [
  {
    id: 'self_protection.guarded_path',
    class: 'guard',
    risk: 'CRITICAL',
    reason:
      "changes what keeps the guard on (seatbelt's home, audit trail, keys, roles or config, the agent host's hook settings, git hooks, seatbelt's install)",
    remediation: `${ASK}; reading them (cat, ls, cp to elsewhere, tar -c) stays allowed`,
    examples: {
      block: [
        'rm -rf ~/.seatbelt',
        ': > ~/.seatbelt/audit.jsonl',
        "echo '{}' > ~/.seatbelt/config.json",
        'echo \'{"policy":"audit_mode"}\' > .seatbelt.json',
        "echo '{}' > .claude/settings.json",
        'rm .git/hooks/pre-commit',
        'rm -rf ~',
        'mv ~/.seatbelt /tmp',
        'rm -rf .git',
        'rm -rf .claude',
        'rm -rf ~/.seat*',
        'rm ~/.seatbelt/*',
        'rm -rf ~/.seatbelt/$X',
        'cd ~/.claude && sed -i s/seatbelt/true/ settings.json',
        'ln -sf /dev/null ~/.seatbelt/audit.jsonl',
        'chmod 000 ~/.seatbelt',
        'find ~/.seatbelt -delete',
        "python3 -c \"open('.seatbelt.json', 'w')\"",
        'npm uninstall -g seatbelt',
        'tar -xf x.tar -C ~',
      ],
      allow: [
        'cat .seatbelt.json',
        'cat ~/.seatbelt/audit.jsonl | wc -l',
        'cp ~/.seatbelt/audit.jsonl /tmp/copy.jsonl',
        'ls -la .git/hooks',
        'tar -czf /tmp/b.tgz ~/.seatbelt',
        'git commit -m "docs: seatbelt"',
        'grep x .claude/settings.json',
        'diff a .seatbelt.json',
        'rm -rf ./build',
        'find . -name "*.pyc" -delete',
        'tar -xzf deps.tgz',
      ],
    },
    match: (cmd, ir) => guardedHit(cmd, ir) !== undefined || replacesInstall(cmd),
    detail(cmd, ir) {
      const h = guardedHit(cmd, ir);
      return h ? describeHit(h) : replacesInstall(cmd) ? "a package manager removes or replaces seatbelt's installed package" : undefined;
    },
  },
  {
    id: 'self_protection.hook_bypass',
    class: 'guard',
    risk: 'CRITICAL',
    reason: 'skips or redirects the git hooks the guard relies on (--no-verify, core.hooksPath)',
    remediation: `${ASK}; commit and push with the hooks running, and fix what they report`,
    examples: {
      block: [
        'git commit --no-verify -m x',
        'git commit -nm x',
        'git push --no-verify',
        'git -c core.hooksPath=/dev/null commit -m x',
        'git config core.hooksPath /tmp/h',
        'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/null git commit -m x',
        'git config --global --unset core.hooksPath',
        'git merge --no-verify topic',
        'git config --local include.path /tmp/evil.cfg',
      ],
      allow: [
        'git commit -m "no-verify"',
        'git config --get core.hooksPath',
        'git commit -am x',
        'git push -n',
        'git config user.name A',
        'git commit -uno -m x',
      ],
    },
    match: (cmd, ir) => bypass(cmd, ir) !== undefined,
    detail: (cmd, ir) => bypass(cmd, ir),
  },
];
