// Path arguments against a role's folders, after normalisation. Pure: no file system, so a symlink
// inside an allowed folder that points elsewhere is not seen (documented in docs/roles.md).
import path from 'node:path';
import type { Word } from '../../core/ir.js';
import { normalizePath } from '../../analyze/shell/paths.js';

export interface PathContext {
  /** The folder the guard was started in: what `./` in a role means. Never the tracked `cd`. */
  cwd: string;
  home: string;
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i;
const GLOB = /[*?[]/;

export function isUrl(s: string): boolean {
  return URL_RE.test(s);
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
}

/**
 * The absolute, normalised path a word names when the command runs in `cmdCwd`, or null when it
 * cannot be known statically. Handles `~`, `$HOME`/`${HOME}` prefixes, and globs whose wildcards
 * cannot climb out of their static folder (`logs/*.txt` stays in `logs/`).
 */
export function resolveWordPath(word: Word, cmdCwd: string | null, home: string): string | null {
  let p: string;
  if (word.static) {
    // A quoted `'~'` is a file named ~ in the working folder; only an unquoted leading tilde expands.
    p = word.value.startsWith('~') && !word.raw.startsWith('~') ? './' + word.value : word.value;
  } else {
    const m = /^"?(\$HOME|\$\{HOME\})((?:\/[^$`"'\\*?[{}]*)?)"?$/.exec(word.raw);
    if (m) p = '$HOME' + (m[2] ?? '');
    else {
      const g = globFolder(word);
      if (g === null) return null;
      p = g;
    }
  }
  return normalizePath(p, cmdCwd, home);
}

/** For an unquoted glob with no other expansion: the static folder its matches stay inside. */
function globFolder(word: Word): string | null {
  if (/[$`{}'"\\]/.test(word.raw) || !GLOB.test(word.raw)) return null;
  const segs = word.raw.split('/');
  const first = segs.findIndex((s) => GLOB.test(s));
  // `..` after a wildcard climbs out; a wildcard segment starting with `.` may match `..` itself.
  if (segs.slice(first).some((s) => s === '..' || s.startsWith('.'))) return null;
  const dir = segs.slice(0, first).join('/');
  return dir === '' ? (word.raw.startsWith('/') ? '/' : '.') : dir;
}

function segMatch(pattern: string, seg: string): boolean {
  if (!pattern.includes('*')) return pattern === seg;
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*') +
      '$',
  );
  return re.test(seg);
}

/** True when the absolute path is exactly the (absolute) pattern, `*` matching within one segment. */
export function samePath(pattern: string, abs: string): boolean {
  const p = pattern.split('/');
  const a = abs.split('/');
  return p.length === a.length && p.every((s, i) => segMatch(s, a[i]!));
}

function under(segments: string[], prefix: string[]): boolean {
  if (segments.length < prefix.length) return false;
  return prefix.every((p, i) => segMatch(p, segments[i]!));
}

/** The role's folder entries resolved against where the guard runs. */
export function resolveRoleFolder(entry: string, ctx: PathContext): string {
  const p = entry === '.' || entry.startsWith('./') ? path.posix.join(ctx.cwd, entry) : expandHome(entry, ctx.home);
  return path.posix.normalize(p).replace(/(.)\/+$/, '$1');
}

/** True when the absolute path lies in (or is) one of the role's folders. */
export function pathInside(abs: string, entries: readonly string[], ctx: PathContext): boolean {
  const segs = abs === '/' ? [''] : abs.split('/');
  return entries.some((e) => {
    if (isUrl(e)) return false;
    const folder = resolveRoleFolder(e, ctx);
    return under(segs, folder === '/' ? [''] : folder.split('/'));
  });
}

/** True when the URL lies under one of the role's URL prefixes (`s3://bucket/prefix`, `https://*`). */
export function urlInside(url: string, entries: readonly string[]): boolean {
  const m = URL_RE.exec(url);
  if (!m) return false;
  const rest = m[2]!.split('/');
  if (rest.includes('..') || rest.includes('.')) return false;
  const segs = [m[1]!.toLowerCase(), ...rest];
  return entries.some((e) => {
    const em = URL_RE.exec(e);
    if (!em) return false;
    const prefix = [em[1]!.toLowerCase(), ...em[2]!.split('/').filter((s, i, a) => s !== '' || i < a.length - 1)];
    return under(segs, prefix);
  });
}
