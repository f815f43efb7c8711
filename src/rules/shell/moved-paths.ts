// Moves earlier in the same script: after `mv ~/Documents /tmp/x`, `/tmp/x` holds the documents,
// so `rm -rf /tmp/x` deletes them. A path an earlier `mv` moved something to (or into) is also
// judged as the place it came from.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { nameOf } from './programs.js';
import { moveOf } from './targets.js';
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
