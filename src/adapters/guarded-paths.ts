// Finds what the guard protects about itself for one session (the I/O half of self-protection):
// seatbelt's home, the trail and its lock, the keys, the user config, the role file, every
// `.seatbelt.json` place and agent-host settings file from the working folder up to the repository
// root, the repository's git hooks, the hosts' user-level settings, and seatbelt's installed files.
// Symbolic links that exist are resolved, so a link to a guarded place is guarded too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_SETTINGS, type GuardContext, type GuardedPath } from '../core/guarded.js';
import type { ResolvedSettings } from '../policy/settings.js';
import { PROJECT_CONFIG } from '../policy/config.js';

/** What an installed seatbelt is made of, relative to its package folder. */
const INSTALLED = ['bin', 'dist', 'package.json', 'node_modules', 'roles'];

export interface GuardedPathsInput {
  resolved: ResolvedSettings;
  cwd: string;
  /** The operator's home (password database) and the home the agent's shell uses ($HOME). */
  homes: string[];
}

/**
 * The guard of one session. Its places are found when a rule first asks for them (a command that
 * changes or runs no file never does): ~45 look-ups of files and links, ~0.8 ms of a decision.
 */
export function guardedPaths(input: GuardedPathsInput): GuardContext {
  let paths: GuardedPath[] | undefined;
  return {
    get paths() {
      return (paths ??= findGuardedPaths(input));
    },
    realpath: realpathOrNull,
  };
}

function findGuardedPaths(input: GuardedPathsInput): GuardedPath[] {
  const { settings, files } = input.resolved;
  const out: GuardedPath[] = [];
  const add = (p: string, kind: GuardedPath['kind']) => out.push({ path: path.resolve(p), kind });
  add(settings.home, 'seatbelt_home');
  add(settings.audit, 'audit_trail');
  add(`${settings.audit}.lock`, 'audit_trail');
  add(`${settings.audit}.checkpoints`, 'audit_trail'); // checkpoints, their time-stamps and the writer's state
  add(settings.keys, 'keys');
  add(files.user ?? path.join(settings.home, 'config.json'), 'config');
  if (settings.role !== null && path.isAbsolute(settings.role)) add(settings.role, 'role');
  for (const home of input.homes) {
    add(path.join(home, '.seatbelt'), 'seatbelt_home');
    for (const f of HOST_SETTINGS) add(path.join(home, f), 'hook_settings');
  }
  const root = repositoryRoot(input.cwd);
  for (const dir of foldersUpTo(input.cwd, root)) {
    add(path.join(dir, PROJECT_CONFIG), 'config');
    for (const f of HOST_SETTINGS) add(path.join(dir, f), 'hook_settings');
  }
  if (root) for (const hooks of gitHooksFolders(root)) add(hooks, 'git_hooks');
  const pkg = installFolder();
  if (pkg) for (const f of INSTALLED) add(path.join(pkg, f), 'install');
  // A guarded place reached through a link that exists is guarded under its real name too.
  for (const g of [...out]) {
    const real = realpathOrNull(g.path);
    if (real && real !== g.path) out.push({ path: real, kind: g.kind });
  }
  return dedupe(out);
}

/**
 * The same guard with one memo of resolved links: the places and targets of one decision (or of a
 * batch, where nothing runs between lines) are resolved at one moment, so a path asked twice (the
 * ancestors every guarded place shares: ~120 look-ups for ~45 paths a decision) is looked up once.
 * A new memo for each decision: between two decisions a command may have changed the links.
 */
export function oneMomentOf(guard: GuardContext): GuardContext {
  const real = guard.realpath;
  if (!real) return guard;
  const memo = new Map<string, string | null>();
  return {
    get paths() {
      return guard.paths;
    },
    realpath: (p) => {
      let r = memo.get(p);
      if (r === undefined) memo.set(p, (r = real(p)));
      return r;
    },
  };
}

/** The real path of `p` (links resolved), or null when it does not exist. */
export function realpathOrNull(p: string): string | null {
  // Most places asked about do not exist; a failed realpath costs an exception (~10 µs) each.
  if (!fs.existsSync(p)) return null;
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

/** The nearest folder from `cwd` upward that holds `.git`, or null. */
export function repositoryRoot(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** `cwd` and its parents up to `root` (only `cwd` when there is no repository). */
function foldersUpTo(cwd: string, root: string | null): string[] {
  const dirs = [path.resolve(cwd)];
  if (!root) return dirs;
  while (dirs[dirs.length - 1] !== root && path.dirname(dirs[dirs.length - 1]!) !== dirs[dirs.length - 1]) {
    dirs.push(path.dirname(dirs[dirs.length - 1]!));
  }
  return dirs;
}

/** The hooks folder of the repository at `root` (also for a worktree's `.git` file), and core.hooksPath. */
function gitHooksFolders(root: string): string[] {
  const dotGit = path.join(root, '.git');
  let gitDir = dotGit;
  try {
    if (fs.statSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (m) gitDir = path.resolve(root, m[1]!.trim());
    }
  } catch {
    return [path.join(dotGit, 'hooks')];
  }
  const out = [path.join(dotGit, 'hooks'), path.join(gitDir, 'hooks'), path.join(dotGit, 'config')];
  try {
    // core.hooksPath, when set in the repository's config: relative paths are relative to the root.
    const config = fs.readFileSync(path.join(gitDir, 'config'), 'utf8');
    const m = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(config);
    if (m) out.push(path.resolve(root, m[1]!.replace(/^"(.*)"$/, '$1')));
  } catch {
    // no config: only the default folder
  }
  return out;
}

/** The package folder of the running seatbelt (bundle or source tree), or null when it cannot be found. */
function installFolder(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'seatbelt') return dir;
    } catch {
      // not here: go up
    }
    dir = path.dirname(dir);
  }
  return null;
}

function dedupe(paths: GuardedPath[]): GuardedPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(p.path) && seen.add(p.path));
}
