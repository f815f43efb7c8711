// Path normalisation for judging targets: `~`, `$HOME`, `${HOME}`, relative paths against the
// tracked working folder, `//`, `/./`, `/../` and trailing slashes. Glob segments are kept as
// written (`/tmp/../*` → `/*`). Pure: the home folder and the working folder are passed in.

const HOME_PREFIX = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/;

/** Lexically resolves `..` and `.` and squeezes slashes; `path` must be absolute. */
function collapse(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/**
 * The absolute, normalised form of a path word, or null when it cannot be known statically: it
 * holds another expansion (`$X`, `$(…)`), names another user's home (`~bob`), or is relative while
 * the working folder is unknown.
 */
export function normalizePath(word: string, cwd: string | null, home: string): string | null {
  if (word === '') return null;
  let path = word;
  if (path === '~+' || path.startsWith('~+/')) {
    if (cwd === null) return null;
    path = cwd + path.slice(2);
  } else if (HOME_PREFIX.test(path)) {
    path = path.replace(HOME_PREFIX, () => home);
  }
  if (path.startsWith('~') || /\$|`/.test(path)) return null;
  if (!path.startsWith('/')) {
    if (cwd === null || !cwd.startsWith('/')) return null;
    path = cwd + '/' + path;
  }
  return collapse(path);
}
