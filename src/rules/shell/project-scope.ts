// Where a delete lands relative to the work: inside the project (the repository's top level, else
// the folder the work started in), in a temp folder, in a cache a tool fills again by itself, or
// outside all of them — someone's documents, another project, a server's files.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { homeOf, isAncestorOrSelf, protectedKind, startCwdOf, type Target } from './paths.js';

/** Folders whose contents are scratch: `/tmp`, and macOS's per-user `$TMPDIR` (`/var/folders/xx/yyyy/T`). */
const TEMP_ROOTS = [/^\/(tmp|var\/tmp|private\/tmp|private\/var\/tmp|dev\/shm)$/, /^(\/private)?\/var\/folders\/[^/]+\/[^/]+\/[TC]$/];

/** Caches below the home folder that their tool downloads or rebuilds again when they are gone. */
const HOME_CACHES = [
  '.cache', // XDG: pip, yarn, go-build, huggingface, …
  'Library/Caches',
  'Library/Developer/Xcode/DerivedData',
  '.npm', // npm's cache folder (_cacache, _npx, _logs)
  '.pnpm-store',
  '.local/share/pnpm/store',
  '.yarn/cache',
  '.yarn/berry/cache',
  '.bun/install/cache',
  '.cargo/registry',
  '.cargo/git',
  '.gradle/caches',
  '.gradle/wrapper/dists',
  '.m2/repository',
  '.ivy2/cache',
  '.nuget/packages',
  '.terraform.d/plugin-cache',
];

/** System caches: FHS says /var/cache may be deleted without losing data; apt re-downloads its lists. */
const SYSTEM_CACHES = /^\/var\/cache\/[^/]+|^\/var\/lib\/apt\/lists(\/|$)/;

/** Programs that run a command on another machine or in a container, as the IR labels them. */
const ELSEWHERE = /^(docker|podman|docker-compose|podman-compose|kubectl|oc)( compose)? (exec|run)$/;

/**
 * The command runs on another machine or in a container (`ssh host …`, `docker exec`, `kubectl
 * exec`): its paths are not this machine's, so this project says nothing about them (the rules for
 * the root, homes and system folders still judge them).
 */
export function runsElsewhere(cmd: SimpleCommand): boolean {
  return cmd.wrappers.some((w) => ELSEWHERE.test(w)) || cmd.context.some((c) => c.kind === 'nested_script' && c.detail === 'ssh');
}

/** The folder deletes are judged against; null when there is none to speak of (the home or above). */
export function projectRootOf(ir: ShellIr): string | null {
  const root = ir.projectRoot ?? startCwdOf(ir);
  // Work started in the home folder (or above) has no project: all of the home would be "inside".
  return root === null || isAncestorOrSelf(root, homeOf(ir)) ? null : root;
}

function isTemp(path: string, below: boolean): boolean {
  const segs = path.split('/');
  for (let n = segs.length - (below ? 1 : 0); n > 1; n--) if (TEMP_ROOTS.some((re) => re.test(segs.slice(0, n).join('/')))) return true;
  return false;
}

function isCache(path: string, home: string): boolean {
  if (SYSTEM_CACHES.test(path)) return true;
  return HOME_CACHES.some((c) => isAncestorOrSelf(`${home}/${c}`, path));
}

/**
 * The path a delete of this target reaches outside the project, temp folders and caches, or null.
 * Left to other rules: unknown targets, the root, homes and system folders (CRITICAL rules) and the
 * folder the work started in with its parents (filesystem.recursive_delete_workdir).
 */
export function outsideProject(t: Target, ir: ShellIr): string | null {
  if (t.kind === 'unknown' || protectedKind(t, homeOf(ir)) !== null) return null;
  const home = homeOf(ir);
  const project = projectRootOf(ir);
  const start = startCwdOf(ir);
  const inside = (p: string) => project !== null && isAncestorOrSelf(project, p);
  if (t.kind === 'path') {
    if (start !== null && isAncestorOrSelf(t.path, start)) return null;
    return inside(t.path) || isTemp(t.path, true) || isCache(t.path, home) ? null : t.path;
  }
  const spelled = `${t.base === '/' ? '' : t.base}/${t.pattern}`;
  // `..` after a glob climbs out of the base again: the base says nothing about where it lands.
  if (t.pattern.split('/').includes('..')) return spelled;
  return inside(t.base) || isTemp(t.base, false) || isCache(t.base, home) ? null : spelled;
}
