// The project a session works in: the top level of the git repository holding the working folder
// (the nearest folder upward with a `.git` entry — a folder, or a file in worktrees and
// submodules), else the working folder itself. A repository at the home folder or above it (a
// dotfiles repo in ~) is no project boundary: it would put the whole home "inside the project".
// Read once when the session opens and passed to the pure analysis, which has no file system.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `exists` is injectable for tests; it is asked only about `<folder>/.git`. */
export function findProjectRoot(cwd: string, home: string, exists: (p: string) => boolean = existsSync): string {
  const start = path.resolve(cwd);
  const homeDir = path.resolve(home);
  const coversHome = (dir: string) => dir === homeDir || homeDir.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  for (let dir = start; !coversHome(dir); dir = path.dirname(dir)) {
    if (exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return start;
}
