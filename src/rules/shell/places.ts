// Whether a changed path reaches a protected place: the place itself, something inside it, or a
// folder that holds it (which matters for changes that take everything below). A place is a
// concrete path, or a name that is protected wherever it is (`.git/hooks`, `.claude/settings.json`).
// Globs are followed segment by segment, the way the shell expands them.
import type { Target } from './paths.js';
import { globMatches } from './paths.js';

export type Place = { path: string } | { tail: string[] };

/** `self`: the place; `inside`: below it; `ancestor`: a folder that holds it. */
export type Reach = 'self' | 'inside' | 'ancestor';

const segs = (p: string): string[] => p.split('/').filter(Boolean);

type Segment = { s: string; glob: boolean };

/**
 * A target's segments and a place's, lowercased, made once each: a changed path is compared with
 * every guarded place in turn (so the last target's are kept), and the places are the same for
 * every path (so theirs are kept by place).
 */
let lastTarget: Target | undefined;
let lastSegments: Segment[] = [];
const placeSegments = new WeakMap<Place, string[]>();

function segmentsOfTarget(t: Exclude<Target, { kind: 'unknown' }>): Segment[] {
  if (t !== lastTarget) {
    lastSegments = segments(segs(t.kind === 'path' ? t.path : t.base), t.kind === 'glob' ? segs(t.pattern) : []);
    lastTarget = t;
  }
  return lastSegments;
}

function segmentsOfPlace(place: Place): string[] {
  let g = placeSegments.get(place);
  if (!g) placeSegments.set(place, (g = 'path' in place ? segs(place.path.toLowerCase()) : place.tail.map((s) => s.toLowerCase())));
  return g;
}

// Names are compared without case: macOS and Windows file systems ignore it (`~/.SeatBelt` is `~/.seatbelt`).
function segments(literal: string[], globs: string[]): Segment[] {
  return [...literal.map((s) => ({ s: s.toLowerCase(), glob: false })), ...globs.map((s) => ({ s: s.toLowerCase(), glob: true }))];
}

/**
 * How a target reaches a place, if it does. `open`: the target is only the start of a word whose
 * end is computed at run time, so a glob's last segment may go on below (`.g$X` may be `.git/hooks`).
 */
export function reachOf(t: Target, place: Place, open = false): Reach | null {
  if (t.kind === 'unknown') return null;
  return reachOfSegmentList(segmentsOfTarget(t), place, open && t.kind === 'glob');
}

/**
 * The same for a path given as segments: literal ones, then glob ones. Used directly for a
 * relative path whose folder is unknown (`cd "$X" && rm -rf .git`): only names can match then.
 */
export function reachOfSegments(literal: string[], globs: string[], place: Place, open = false): Reach | null {
  return reachOfSegmentList(segments(literal, globs), place, open);
}

function reachOfSegmentList(v: Segment[], place: Place, open: boolean): Reach | null {
  const g = segmentsOfPlace(place);
  if ('path' in place) return align(v, 0, g, 0, open, false);
  let best: Reach | null = null;
  for (let i = 0; i < v.length && best !== 'self'; i++) best = better(best, align(v, i, g, 0, open, true));
  return best;
}

function better(a: Reach | null, b: Reach | null): Reach | null {
  const rank = (r: Reach | null) => (r === 'self' ? 3 : r === 'inside' ? 2 : r === 'ancestor' ? 1 : 0);
  return rank(b) > rank(a) ? b : a;
}

/**
 * Walks the target's segments `v` (from i) against the place's `g` (from j). A name place must
 * match at least one segment to count as held (`j > 0`): any folder may hold a `.git` somewhere.
 */
function align(v: Segment[], i: number, g: string[], j: number, open: boolean, named: boolean): Reach | null {
  if (j === g.length) return i === v.length ? 'self' : 'inside';
  if (i === v.length) return open && j > 0 ? 'self' : named && j === 0 ? null : 'ancestor';
  const seg = v[i]!;
  if (!seg.glob) return seg.s === g[j] ? align(v, i + 1, g, j + 1, open, named) : null;
  if (seg.s === '**') {
    // Zero folders, or one more (not a hidden one: globstar skips those, as `*` does).
    const zero = align(v, i + 1, g, j, open, named);
    const more = g[j]!.startsWith('.') ? null : align(v, i, g, j + 1, open, named);
    return better(zero, more);
  }
  if (open && i === v.length - 1 && globMatches(seg.s, g[j]!)) return 'self';
  return globMatches(seg.s, g[j]!) ? align(v, i + 1, g, j + 1, open, named) : null;
}

/** The names between a target and a place it holds, and the place's own (what a `find -name` must select). */
export function namesOnTheWay(t: Target, place: Place): string[] {
  if ('tail' in place) return place.tail;
  const base = t.kind === 'path' ? t.path : t.kind === 'glob' ? t.base : '/';
  return segs(place.path).slice(segs(base).length);
}

/** A `find -name` pattern matches a name (find's `*` also matches a leading dot; case is ignored, for -iname). */
export function findNameMatches(pattern: string, name: string): boolean {
  return globMatches(`.${pattern.toLowerCase()}`, `.${name.toLowerCase()}`);
}
