// Paths a scan leaves out: `--exclude GLOB` (repeatable) and a `.seatbeltignore` file at the scan
// root, with gitignore-like globs: one per line, `#` comments, `!` re-includes, a trailing `/`
// matches folders only, a leading `/` (or any `/` inside) anchors the glob at the root, otherwise
// it matches a name at any depth; `*` and `?` stay within a name, `**` crosses folders. A folder
// that matches leaves out everything below it. Paths are relative to the root, with `/`.

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

export const IGNORE_FILE = '.seatbeltignore';

function globToRegExp(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` any folders (or none), `/**` everything below, `**` anything
        if (glob[i + 2] === '/') ((re += '(?:.*/)?'), (i += 2));
        else ((re += '.*'), i++);
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

function compile(line: string): Rule | null {
  let p = line.replace(/(?<!\\)\s+$/, '');
  if (p === '' || p.startsWith('#')) return null;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  if (p === '') return null;
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  const body = globToRegExp(p);
  return { negate, dirOnly, re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`) };
}

export class PathFilter {
  private readonly rules: Rule[];
  constructor(patterns: readonly string[]) {
    this.rules = patterns.map(compile).filter((r): r is Rule => r !== null);
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** Whether a path (relative to the root, `/`-separated) is left out: it or a folder above it matches. */
  excludes(rel: string, isDir = false): boolean {
    const parts = rel.split('/').filter(Boolean);
    for (let n = 1; n <= parts.length; n++) {
      const dir = n < parts.length || isDir;
      if (this.matches(parts.slice(0, n).join('/'), dir)) return true;
    }
    return false;
  }

  /** The last rule that matches decides (a later `!` re-includes), as in gitignore. */
  private matches(p: string, isDir: boolean): boolean {
    let out = false;
    for (const r of this.rules) if ((!r.dirOnly || isDir) && r.re.test(p)) out = !r.negate;
    return out;
  }
}

/** The patterns of a `.seatbeltignore` text. */
export function ignorePatterns(text: string): string[] {
  return text.split(/\r?\n/);
}
