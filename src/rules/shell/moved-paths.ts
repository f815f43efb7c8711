// Moves earlier in the same script: after `mv ~/Documents /tmp/x`, `/tmp/x` holds the documents,
// so `rm -rf /tmp/x` deletes them. A path an earlier `mv` moved something to (or into) is also
// judged as the place it came from.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { nameOf } from './programs.js';
import { moveOf } from './targets.js';
import { has, parseOptions, values } from './options.js';
import { resolveTargets } from './paths.js';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The places `path` held before the moves that precede `cmd` in the script. */
export function movedOrigins(path: string, cmd: SimpleCommand, ir: ShellIr): string[] {
  const out: string[] = [];
  for (const m of ir.commands) {
    if (m.id >= cmd.id) break;
    if (nameOf(m) !== 'mv') continue;
    const move = moveOf(m);
    if (!move.dest) continue;
    for (const d of resolveTargets(move.dest, m, ir)) {
      if (d.kind !== 'path') continue;
      for (const s of move.sources.flatMap((w) => resolveTargets(w, m, ir))) {
        if (s.kind !== 'path') continue;
        // `mv S D` makes D either S itself (no folder D) or D/basename(S) (a folder D); -t only the latter.
        const places = move.into ? [join(d.path, baseName(s.path))] : [d.path, join(d.path, baseName(s.path))];
        for (const place of places) {
          if (path === place || path.startsWith(place === '/' ? '/' : `${place}/`)) out.push(s.path + path.slice(place.length));
        }
      }
    }
  }
  return out;
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Programs that remove a link itself, not what it points to, when named without a trailing `/`. */
const UNLINKERS = new Set(['rm', 'unlink', 'rmdir', 'srm', 'shred', 'rimraf', 'del', 'del-cli', 'rm-rf', 'mv']);

/**
 * Links earlier in the same script: after `ln -sfn /etc cfg`, `cfg/` is `/etc`, so `rm -rf cfg/`
 * deletes what /etc holds, and `echo x > cfg/hosts` writes /etc/hosts. A path at or below a link
 * an earlier `ln` (or `link`, `cp -s`/`-l`) made is also judged as the place the link points to; the
 * link's own name, without a trailing `/`, is the link itself for programs that remove or move it.
 * A link to a target only known at run time makes the path unknown.
 */
export function linkedOrigins(path: string, slash: boolean, cmd: SimpleCommand, ir: ShellIr): (string | null)[] {
  const out: (string | null)[] = [];
  const exactIsLink = !slash && UNLINKERS.has(nameOf(cmd));
  for (const m of ir.commands) {
    if (m.id >= cmd.id) break;
    const link = linkOf(m);
    if (!link?.dest) continue;
    for (const d of resolveTargets(link.dest, m, ir)) {
      if (d.kind !== 'path') continue;
      for (const s of link.sources) {
        // `ln -s T D` makes D, or D/basename(T) when D is a folder (-T and -n: only D itself).
        const name = baseName(s.value.replace(/\/+$/, ''));
        const places = link.into ? [join(d.path, name)] : link.exact ? [d.path] : [d.path, join(d.path, name)];
        for (const place of places) {
          const at = path === place ? '' : path.startsWith(place === '/' ? '/' : `${place}/`) ? path.slice(place.length) : undefined;
          if (at === undefined || (at === '' && exactIsLink)) continue;
          if (!s.static || /[$`]/.test(s.value)) {
            out.push(null);
            continue;
          }
          // A symbolic link's relative target is relative to the link's folder; a hard link's to where ln ran.
          const base = link.symbolic ? place.slice(0, place.lastIndexOf('/')) || '/' : null;
          const targets =
            base !== null && !s.value.startsWith('/') && !s.value.startsWith('~')
              ? [normalize(`${base}/${s.value}`)]
              : resolveTargets(s, m, ir).map((t) => (t.kind === 'path' ? t.path : null));
          for (const t of targets) out.push(t === null ? null : t + at);
        }
      }
    }
  }
  return out;
}

function linkOf(m: SimpleCommand): { sources: Word[]; dest?: Word; into: boolean; exact: boolean; symbolic: boolean } | undefined {
  const n = nameOf(m);
  const p = () => parseOptions(m.args, { shortValue: 'tS', longValue: ['target-directory', 'suffix', 'backup'] });
  if (n === 'ln' || n === 'link') {
    const q = p();
    const t = values(q, 't', 'target-directory')[0];
    const symbolic = has(q, 's', 'symbolic');
    const exact = has(q, 'T', 'n', 'no-target-directory', 'no-dereference');
    if (t !== undefined) return { sources: q.operands, dest: { value: t, static: true, raw: t }, into: true, exact: false, symbolic };
    // `ln -s /a/b`: ./b links to /a/b.
    if (q.operands.length === 1) {
      const s = q.operands[0]!;
      return { sources: [s], dest: { value: '.', static: true, raw: '.' }, into: true, exact: false, symbolic };
    }
    if (q.operands.length < 2) return undefined;
    return { sources: q.operands.slice(0, -1), dest: q.operands[q.operands.length - 1]!, into: false, exact, symbolic };
  }
  if (n === 'cp') {
    const q = p();
    if (!has(q, 's', 'l', 'symbolic-link', 'link')) return undefined;
    const m2 = moveOf(m);
    return m2.dest
      ? {
          sources: m2.sources,
          dest: m2.dest,
          into: m2.into,
          exact: has(q, 'T', 'no-target-directory'),
          symbolic: has(q, 's', 'symbolic-link'),
        }
      : undefined;
  }
  return undefined;
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}
