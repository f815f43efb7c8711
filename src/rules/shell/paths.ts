// Path judgements for rules: resolve a target word to an absolute path (or a glob over a base
// folder) with the analyser's normalizePath, and classify what a path is: the root, a home
// folder, a system folder, a critical system file, the working folder or one of its parents.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { normalizePath } from '../../analyze/shell/paths.js';
import { braceWords } from '../../analyze/shell/braces.js';
import { linkedOrigins, movedOrigins } from './moved-paths.js';

/** The home assumed when the IR does not say; `/home/<x>` and `/Users/<x>` are homes anyway. */
export const FALLBACK_HOME = '/home/~';

export type Target =
  | { kind: 'path'; path: string }
  /** A glob: `base` is the folder before the first glob segment, `pattern` the rest (`*`, `*.log`, `*\/x`). */
  | { kind: 'glob'; base: string; pattern: string }
  | { kind: 'unknown'; word: string };

export function homeOf(ir: ShellIr): string {
  return ir.home ?? FALLBACK_HOME;
}

/** The folder the analysis started in: `ir.cwd`, else where the first command runs. */
export function startCwdOf(ir: ShellIr): string | null {
  return ir.cwd ?? ir.commands[0]?.cwd ?? null;
}

const GLOB = /[*?[]/;

/**
 * Every target a word may name, in every folder the command may run in (brace expansion and a
 * `cd` that may have failed give several); unknown when it cannot be resolved.
 */
export function resolveTargets(word: Word, cmd: SimpleCommand, ir: ShellIr): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const cwd of cwdsOf(cmd, ir)) {
    for (const v of expandBraces(word)) {
      for (const x of word.static ? [v] : knownValues(v, cmd, ir, cwd)) {
        const t = resolveOne(x, word, cwd, ir);
        const unknown: Target = { kind: 'unknown', word: word.raw };
        const origins: Target[] =
          t.kind === 'path'
            ? [
                ...movedOrigins(t.path, cmd, ir).map((path): Target => ({ kind: 'path', path })),
                ...linkedOrigins(t.path, /\/\.?$/.test(x), cmd, ir).map((path): Target =>
                  path === null ? unknown : { kind: 'path', path },
                ),
              ]
            : t.kind === 'glob'
              ? [
                  ...movedOrigins(t.base, cmd, ir).map((base): Target => ({ kind: 'glob', base, pattern: t.pattern })),
                  ...linkedOrigins(t.base, true, cmd, ir).map((base): Target =>
                    base === null ? unknown : { kind: 'glob', base, pattern: t.pattern },
                  ),
                ]
              : [];
        for (const each of [t, ...origins]) {
          const key = JSON.stringify(each);
          if (!seen.has(key)) {
            seen.add(key);
            out.push(each);
          }
        }
      }
    }
  }
  return out;
}

function resolveOne(v: string, word: Word, cwd: string | null, ir: ShellIr): Target {
  const home = homeOf(ir);
  if (v === '' || (!word.static && /[$`]/.test(v))) return { kind: 'unknown', word: word.raw };
  const segs = v.split('/');
  const g = segs.findIndex((s) => GLOB.test(s));
  const prefix = g < 0 ? v : segs.slice(0, g).join('/') || (v.startsWith('/') ? '/' : '.');
  const resolved = safeNormalize(prefix, word, cwd, home);
  if (resolved === null) return { kind: 'unknown', word: word.raw };
  if (g < 0) return { kind: 'path', path: resolved };
  return { kind: 'glob', base: resolved, pattern: segs.slice(g).join('/') };
}

/**
 * The folders the command may run in: the tracked one, and those left by a `cd` that may have
 * failed. Unknown when the script redefines `cd`.
 */
function cwdsOf(cmd: SimpleCommand, ir: ShellIr): (string | null)[] {
  if (ir.functions.some((f) => f === 'cd' || f === 'pushd' || f === 'popd')) return [null];
  return [cmd.cwd, ...(cmd.cwdAlternatives ?? [])];
}

/** Top-level folders that exist on real systems: `$X/etc` with `$X` empty is `/etc`. */
const TOP_LEVEL = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
  'snap',
  'nix',
  'Applications',
  'Library',
  'System',
  'Users',
  'Volumes',
  'private',
  'cores',
]);

/** What `<empty>` + rest names, when that matters: the root, a glob over it, or a real top-level folder. */
function emptyCase(rest: string): string[] {
  if (rest === '') return []; // `rm -rf ""` removes nothing
  const first = rest.split('/').filter(Boolean)[0];
  return first === undefined || GLOB.test(first) || TOP_LEVEL.has(first) ? [rest || '/'] : [];
}

/**
 * The values a dynamic word can take when its expansions are ones we know: `$HOME`, `$PWD`,
 * `$(pwd)`, `$TMPDIR` (a scratch folder, or empty), `$(mktemp …)` and a variable assigned once
 * from it (a fresh folder, or empty when mktemp fails), shell numbers (`$$`, `$RANDOM`).
 * Anything else is left in place, and the word stays unknown.
 */
function knownValues(value: string, cmd: SimpleCommand, ir: ShellIr, cwd: string | null): string[] {
  const home = homeOf(ir);
  let v = value
    .replace(/^(\$HOME|\$\{HOME(:?[?-][^}]*)?\})(?=\/|$)/, home)
    // Shell numbers cannot hold `/` or `..`: `/tmp/build-$$` stays below /tmp. (Not $USER: often unset in containers.)
    .replace(/\$(\$|\{\$\}|\{?(RANDOM|PPID|BASHPID|SECONDS|EPOCHSECONDS|UID|EUID|SRANDOM|LINENO)\}?(?![A-Za-z0-9_]))/g, '0');
  const pwd = /^(\$PWD|\$\{PWD(:?[?-][^}]*)?\}|\$\(\s*pwd\s*\)|`\s*pwd\s*`)(?=\/|$)/.exec(v);
  if (pwd && cwd) v = cwd + v.slice(pwd[0].length);
  const tmpdir = /^(?:\$TMPDIR|\$\{TMPDIR(?:(:?\?)[^}]*|(:?-)([^}]*))?\})(?=\/|$)/.exec(v);
  // A TMPDIR the script set is not the system's scratch folder (`export TMPDIR=~`).
  if (tmpdir && !setsTmpdir(ir)) {
    const rest = v.slice(tmpdir[0].length);
    // `${TMPDIR:?}` stops when unset; `${TMPDIR:-d}` falls back to d; plain `$TMPDIR` may be empty.
    const unset = tmpdir[1] ? [] : tmpdir[2] ? [tmpdir[3]! + rest] : emptyCase(rest);
    return ['/tmp' + rest, ...unset];
  }
  const fresh = /^(?:\$\((\s*mktemp\b[^()`$]*)\)|\$([A-Za-z_]\w*)|\$\{([A-Za-z_]\w*)(:?\?[^}]*)?\})(?=\/|$)/.exec(v);
  if (fresh) {
    const rest = v.slice(fresh[0].length);
    const made = fresh[1] ?? mktempAssignment(fresh[2] ?? fresh[3]!, cmd, ir);
    const folder = made === undefined ? undefined : mktempFolder(made, cwd, tmpdirSet(ir));
    if (folder !== undefined) return [folder + rest, ...(fresh[4] ? [] : emptyCase(rest))];
  }
  return [v];
}

/**
 * The `mktemp …` text a variable holds when the script assigns it exactly once, unconditionally (at
 * top level, or first in the script), from `$(mktemp …)` before this command, and nothing else can rebind it (`read`, `for`,
 * `export`, …). Else undefined: the value could come from anywhere, the environment included.
 */
function mktempAssignment(name: string, cmd: SimpleCommand, ir: ShellIr): string | undefined {
  if (cmd.context.some((c) => c.kind === 'for')) return undefined;
  const sets = ir.commands.flatMap((c) => c.assignments.filter((a) => a.name === name).map((a) => ({ c, a })));
  if (sets.length !== 1) return undefined;
  const { c, a } = sets[0]!;
  // It surely ran: at top level, or heading the script (`T=$(mktemp -d) && …`: nothing runs before it).
  const surely = c.context.length === 0 || (c.id === 0 && c.context.every((x) => x.kind === 'list'));
  if (c.id >= cmd.id || !surely || c.name.value !== '') return undefined;
  const rebinds = ir.commands.some((o) =>
    o.args.some((w) => w.value === name || w.value.startsWith(`${name}=`) || w.value.startsWith(`${name}+=`)),
  );
  if (rebinds) return undefined;
  return /^\$\((\s*mktemp\b[^()`$]*)\)$/.exec(a.value.value)?.[1];
}

/**
 * What the script sets TMPDIR to (`export TMPDIR=~`, `TMPDIR=x mktemp`, `read TMPDIR`): undefined when
 * it never does; its value when it sets it once, to a known value; null otherwise.
 */
function tmpdirSet(ir: ShellIr): string | null | undefined {
  const sets = ir.commands.flatMap((c) => [
    ...c.assignments.filter((a) => a.name === 'TMPDIR' || a.name === 'TMPDIR+').map((a) => (a.name === 'TMPDIR' ? a.value : null)),
    ...c.args
      .filter((w) => /^TMPDIR(\+?=|$)/.test(w.value))
      .map((w) => (/^TMPDIR=/.test(w.value) ? { ...w, value: w.value.slice(7) } : null)),
  ]);
  if (!sets.length) return undefined;
  const only = sets.length === 1 ? sets[0] : null;
  const value = only?.static ? only.value.replace(/^~(?=\/|$)/, homeOf(ir)) : '';
  return value.startsWith('/') ? value.replace(/\/+$/, '') || '/' : null;
}

const setsTmpdir = (ir: ShellIr): boolean => tmpdirSet(ir) !== undefined;

/**
 * Where `mktemp [-d] [-p dir | --tmpdir=dir] [template]` creates its fresh name: in the folder given,
 * else in $TMPDIR: /tmp unless the script set it (`tmpdir`: see tmpdirSet).
 */
function mktempFolder(text: string, cwd: string | null, tmpdir: string | null | undefined): string | undefined {
  const words = text.trim().split(/\s+/).slice(1);
  if (words.some((w) => /['"\\]/.test(w))) return undefined;
  let dir: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-p') dir = words[++i];
    else if (w === '--tmpdir' || w === '-t')
      continue; // $TMPDIR
    else if (w.startsWith('--tmpdir=')) dir = w.slice(9);
    else if (/^-[a-zA-Z]*p./.test(w)) dir = w.slice(w.indexOf('p') + 1);
    else if (!w.startsWith('-') && w.includes('/')) dir = w.slice(0, w.lastIndexOf('/')) || '/';
  }
  // `-t` prefers $TMPDIR over -p DIR; without a folder given, $TMPDIR (/tmp unless the script set it).
  const fromEnv = tmpdir === undefined ? '/tmp' : (tmpdir ?? undefined);
  if (words.includes('-t') && tmpdir !== undefined) dir = fromEnv;
  const base = dir === undefined ? fromEnv : dir.startsWith('/') ? dir : cwd ? `${cwd}/${dir}` : undefined;
  return base === undefined ? undefined : `${base}/tmp.mktemp`;
}

function safeNormalize(value: string, word: Word, cwd: string | null, home: string): string | null {
  let out: string | null;
  // A static word's `$` and backquote are plain characters; hide them from normalizePath.
  const hidden = word.static ? value.replace(/\$/g, '\u0001').replace(/`/g, '\u0002') : value;
  try {
    out = normalizePath(hidden, cwd, home);
  } catch {
    return null;
  }
  if (out === null) return null;
  if (word.static) out = out.replace(/\u0001/g, '$').replace(/\u0002/g, '`');
  // A variable or substitution normalizePath could not resolve must not pass as a literal name.
  if (!word.static && /[$`]/.test(out)) return null;
  out = out.length > 1 ? out.replace(/\/+$/, '') : out;
  return procAlias(out, cwd);
}

/** `/proc/self/root` (or any pid's) is the root folder; `/proc/self/cwd` the working folder. */
function procAlias(path: string, cwd: string | null): string | null {
  const m = /^\/proc\/(self|thread-self|\d+)\/(root|cwd)(?=\/|$)/.exec(path);
  if (!m) return path;
  const rest = path.slice(m[0].length);
  if (m[2] === 'root') return rest || '/';
  return m[1] === 'self' || m[1] === 'thread-self' ? (cwd === null ? null : (cwd + rest).replace(/^\/\//, '/')) : null;
}

/**
 * `{a,b}` alternatives of a dynamic word (not `${…}`). Bounded (analyze/shell/braces.ts): a word
 * past the bounds is already refused by the IR as limits.expansion_too_large.
 */
export function expandBraces(word: Word): string[] {
  return braceWords(word).words;
}

export function depth(path: string): number {
  return path === '/' ? 0 : path.split('/').length - 1;
}

/** True when `a` is `b` or an ancestor of `b`. */
export function isAncestorOrSelf(a: string, b: string): boolean {
  if (a === '/') return b.startsWith('/');
  return b === a || b.startsWith(a + '/');
}

export function isHome(path: string, home: string): boolean {
  return path === home || path === '/root' || path === '/var/root' || /^\/(home|Users)\/[^/]+$/.test(path);
}

/** Folders one level down whose loss breaks the system (the level below `/` is all protected). */
const SYSTEM_PARENTS = new Set([
  'usr',
  'var',
  'etc',
  'boot',
  'home',
  'Users',
  'System',
  'Library',
  'private',
  'nix',
  'mnt',
  'media',
  'Volumes',
  'snap',
]);

/** `/`-level folders and the listed second level: recursive delete, move or mass chmod is fatal. */
/** Where services keep their state and databases their data. */
const DATA_STORES =
  /^\/var\/lib\/(mysql|mariadb|postgresql|pgsql|mongodb|mongo|redis|docker|containerd|containers|etcd|elasticsearch|opensearch|cassandra|kubelet|rabbitmq|influxdb|clickhouse|couchdb|neo4j|zookeeper|kafka|minio|libvirt|lxd|grafana|prometheus)(\/[^/]+)?$/;

export function isSystemFolder(path: string): boolean {
  const d = depth(path);
  if (d === 1) return true;
  return (d === 2 && SYSTEM_PARENTS.has(path.split('/')[1]!)) || DATA_STORES.test(path);
}

/** Folders whose contents are scratch: globbing their contents is not a system delete. */
export function isScratchFolder(path: string): boolean {
  return ['/tmp', '/var/tmp', '/private/tmp', '/dev/shm'].includes(path);
}

/** Files whose overwrite, truncation or removal breaks logins, privileges or boot. */
const CRITICAL_FILES = [
  /^\/etc\/(passwd|shadow|group|gshadow|sudoers|master\.passwd|fstab|crypttab|ld\.so\.preload|ld\.so\.conf|inittab|hostname|login\.defs)$/,
  /^\/etc\/(sudoers\.d|pam\.d|security|ssh)(\/|$)/,
  /^\/boot(\/|$)/,
  /^\/private\/etc\/(passwd|master\.passwd|sudoers)$/,
];
export function isCriticalFile(path: string): boolean {
  return CRITICAL_FILES.some((re) => re.test(path));
}

/** Folders of the system's own programs and libraries: removing what is in them breaks the system. */
const SYSTEM_PROGRAM_FOLDERS =
  /^\/(bin|sbin|lib|lib32|lib64|libx32|usr\/bin|usr\/sbin|usr\/lib|usr\/lib32|usr\/lib64|usr\/libexec|System)\//;
export function isSystemProgram(path: string): boolean {
  return SYSTEM_PROGRAM_FOLDERS.test(path);
}

/** Simple glob test for one path segment (`*`, `?`, `[…]`); a leading dot must be matched literally. */
export function globMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re +=
          '[' +
          pattern
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(re + '$').test(name);
  } catch {
    return true;
  }
}

export type Protected = 'root' | 'home' | 'system';

/** What a recursive delete (or move, or mass permission change) of this target destroys, if it matters. */
export function protectedKind(t: Target, home: string): Protected | null {
  if (t.kind === 'unknown') return null;
  if (t.kind === 'path') {
    if (t.path === '/') return 'root';
    if (isHome(t.path, home)) return 'home';
    if (isSystemFolder(t.path) || isAncestorOrSelf(t.path, home)) return 'system';
    return null;
  }
  // A glob reaches what is below its base: fatal when the children are themselves protected,
  // or when it takes everything in a protected folder (`~/*`, `/etc/*`, `/opt/.*`).
  const all = isMatchAll(t.pattern.split('/')[0]!);
  if (t.base === '/') return all ? 'root' : 'system';
  if (isAncestorOrSelf(t.base, home) && !isHome(t.base, home)) return 'system';
  if (depth(t.base) === 1 && SYSTEM_PARENTS.has(t.base.slice(1))) return 'system';
  if (!all) return null;
  if (isHome(t.base, home)) return 'home';
  if (isSystemFolder(t.base) && !isScratchFolder(t.base)) return 'system';
  return null;
}

/** A glob segment with no literal name part (`*`, `.*`, `.??*`, `.[!.]*`): it takes everything. */
export function isMatchAll(seg: string): boolean {
  const rest = seg.replace(/\[[^\]]*\]/g, '');
  return /\*/.test(rest) && /^[*?.]*$/.test(rest);
}
