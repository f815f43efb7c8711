// Which paths a command changes, and how: written (created, overwritten, appended, truncated,
// replaced), opened in an editor, deleted, moved away, linked to, or given a new mode, owner or
// attribute. Read with the option parsing the other rules use (targets.ts, find.ts, links.ts), so
// the self-protection and persistence rules see every route the filesystem rules see: redirects,
// cp/mv/ln/install/rsync, dd, tee, sed -i, editors, archives, find -delete and find -exec, xargs,
// and the commands interpreter code makes (hidden-commands.ts hands those to every rule).
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { appendsInput, editedFiles, extractionFolder, moveSources, removal, removedFiles, writtenFiles } from './targets.js';
import { findCall } from './find.js';
import { earlierStages } from './links.js';
import { has, parseOptions, values } from './options.js';
import { nameOf } from './programs.js';
import { gitCall, gitGrammar, type GitCall } from './git-call.js';
import { homeOf, isAncestorOrSelf, isHome, resolveTargets, startCwdOf, type Target } from './paths.js';
import { memoByCommand } from './memo.js';

export type ChangeHow = 'write' | 'edit' | 'delete' | 'move' | 'link' | 'mode';

export interface PathChange {
  how: ChangeHow;
  target: Target;
  /** Everything below the target changes too: `rm -r`, a folder moved or copied, `chmod -R`, `find -delete`. */
  below: boolean;
  /** Files whose names nobody wrote down land below the target: an archive unpacked, a folder's contents copied. */
  unnamed: boolean;
  /** `find -name` patterns that select what changes below the target; absent when anything may. */
  names?: string[];
  /**
   * The target is only the static start of a word computed at run time (`~/.seatbelt/$X`): a
   * path is the folder that holds what it names, a glob the start of the first name (`.seat*`).
   */
  partial?: boolean;
  /** The word as written (absent for targets read from another command, e.g. find's roots). */
  word?: Word;
}

const DELETERS = new Set(['rm', 'srm', 'unlink', 'shred', 'rmdir', 'rimraf', 'del-cli', 'del', 'rm-rf']);
const MODE_CHANGERS = new Set(['chmod', 'chown', 'chgrp', 'chattr', 'setfacl']);
const COPIERS = new Set(['cp', 'mv', 'ln', 'install', 'link', 'rsync', 'scp']);

/** Every path this command changes, and how. */
export const changedPaths = memoByCommand((cmd: SimpleCommand, ir: ShellIr): PathChange[] => {
  const out: PathChange[] = [];
  const n = nameOf(cmd);
  const fed = findFeeding(cmd, ir);
  const add = (how: ChangeHow, words: Word[], below = false, unnamed = false) => {
    for (const w of words) {
      if (fed && isPlaceholder(w, cmd)) out.push(...fed.map((c) => ({ ...c, how })));
      else out.push(...targetsOf(w, cmd, ir).map((t) => ({ how, below, unnamed, word: w, ...t })));
    }
  };
  add('write', writtenFiles(cmd));
  add('edit', editedFiles(cmd));
  if (n === 'sponge') add('write', parseOptions(cmd.args).operands);
  const r = removal(cmd);
  const recursive = !!r && (r.recursive || r.maybeRecursive);
  if (r) add('delete', r.targets, recursive);
  if (n === 'mv') add('move', moveSources(cmd), true);
  else if (!r) add('delete', removedFiles(cmd));
  if (COPIERS.has(n)) copyEffects(cmd, ir, add);
  if (MODE_CHANGERS.has(n)) {
    const m = modeTargets(cmd);
    add('mode', m.files, m.recursive);
  }
  const into = extractionFolder(cmd);
  if (into) add('write', [into], true, true);
  if (n === 'mount') mountEffects(cmd, add);
  add('write', outputFiles(cmd));
  const g = gitCall(cmd);
  if (g?.sub === 'config') add('write', gitConfigFile(g.args));
  if (g) gitWorktreeEffects(g, add);
  if (n === 'find') {
    const f = findCall(cmd, ir);
    const names = findNames(cmd);
    if (f.deletes)
      out.push(...f.roots.map((target) => ({ how: 'delete' as const, target, below: true, unnamed: false, ...(names ? { names } : {}) })));
  }
  // `find … | xargs chmod 000`, `echo ~/.x | xargs rm`: the input becomes operands.
  const how = inputHow(cmd);
  if (how && appendsInput(cmd)) {
    if (fed) out.push(...fed.map((c) => ({ ...c, how })));
    for (const s of earlierStages(cmd, ir))
      if (nameOf(s) === 'echo')
        add(
          how,
          s.args.filter((w) => !w.value.startsWith('-')),
          recursive,
        );
  }
  return out;
});

/** The targets a word names, with the static start of a word that stays unknown. */
function targetsOf(w: Word, cmd: SimpleCommand, ir: ShellIr): { target: Target; partial?: boolean }[] {
  const out: { target: Target; partial?: boolean }[] = resolveTargets(w, cmd, ir).map((target) => ({ target }));
  if (!out.some((t) => t.target.kind === 'unknown')) return out;
  // `~name/…` is that user's home: the analysis's own when the name is its last segment.
  const user = /^~([A-Za-z_][\w.-]*)(?=\/|$)/.exec(w.value);
  if (user) {
    const home = homeOf(ir);
    const homes =
      home.split('/').pop() === user[1] ? [home] : user[1] === 'root' ? ['/root', '/var/root'] : [`/home/${user[1]}`, `/Users/${user[1]}`];
    for (const h of homes) out.push(...targetsOf({ ...w, value: h + w.value.slice(user[0].length) }, cmd, ir));
  }
  if (w.static) return out;
  const v = w.value.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  const at = v.search(/[$`]/);
  if (at <= 0) return out;
  const start = v.slice(0, at);
  const slash = start.lastIndexOf('/');
  const folder = slash < 0 ? '.' : start.slice(0, slash) || '/';
  const name = start.slice(slash + 1);
  const value = name ? `${folder}/${name}*` : folder;
  for (const target of resolveTargets({ value, static: true, raw: w.raw }, cmd, ir))
    if (target.kind !== 'unknown') out.push({ target, partial: true });
  return out;
}

/** `{}` of `find -exec`, or xargs' `-I{}`: a word that stands for input. */
function isPlaceholder(w: Word, cmd: SimpleCommand): boolean {
  return !!cmd.fedByUnknownInput && !w.static && !w.glob && !/[$`]/.test(w.value);
}

/** The roots of a `find` that feeds this command (its `-exec`, or an earlier stage into xargs), as deletes below them. */
function findFeeding(cmd: SimpleCommand, ir: ShellIr): PathChange[] | undefined {
  const parent = cmd.parentId !== undefined ? ir.commands[cmd.parentId] : undefined;
  const finds =
    parent && nameOf(parent) === 'find' && cmd.wrappers.includes('find')
      ? [parent]
      : appendsInput(cmd)
        ? earlierStages(cmd, ir).filter((c) => nameOf(c) === 'find')
        : [];
  if (!finds.length) return undefined;
  return finds.flatMap((f) => {
    const names = findNames(f);
    return findCall(f, ir).roots.map((target) => ({
      how: 'delete' as const,
      target,
      below: true,
      unnamed: false,
      ...(names ? { names } : {}),
    }));
  });
}

/** The `-name`/`-iname` patterns a find expression selects by, when nothing else can widen it. */
function findNames(find: SimpleCommand): string[] | undefined {
  const a = find.args.map((w) => w.value);
  if (a.some((v) => ['-o', '-or', ',', '!', '-not'].includes(v))) return undefined;
  const names = a.flatMap((v, i) => ((v === '-name' || v === '-iname') && a[i + 1] !== undefined ? [a[i + 1]!] : []));
  return names.length ? names : undefined;
}

/** How a program changes the operands xargs appends. */
function inputHow(cmd: SimpleCommand): ChangeHow | undefined {
  const n = nameOf(cmd);
  if (DELETERS.has(n)) return 'delete';
  if (MODE_CHANGERS.has(n)) return 'mode';
  if (n === 'mv') return 'move';
  if (['tee', 'truncate', 'touch', 'sponge'].includes(n)) return 'write';
  if ((n === 'sed' || n === 'perl') && cmd.args.some((w) => /^-[a-zA-Z]*i|^--in-place/.test(w.value))) return 'write';
  return undefined;
}

type Add = (how: ChangeHow, words: Word[], below?: boolean, unnamed?: boolean) => void;

/**
 * What a copy, move or link does beyond its destination: each source lands at `dest/<name>`
 * (or, for `src/.`, `rsync src/ …` and `-T`, its contents land in dest under names we do not
 * see); `ln` and `cp -l/-s` make links to their sources; a tree copied or moved to a name that
 * may not exist yet becomes that name, contents included.
 */
function copyEffects(cmd: SimpleCommand, ir: ShellIr, add: Add): void {
  const n = nameOf(cmd);
  const shortValue = n === 'install' ? 'tSmogb' : n === 'rsync' ? 'eBfMT' : n === 'scp' ? 'cFiJloPSDX' : 'tS';
  const p = parseOptions(cmd.args, { shortValue, longValue: ['target-directory', 'suffix', 'backup', 'mode', 'owner', 'group'] });
  const t = values(p, 't', 'target-directory')[0];
  let sources = t !== undefined ? p.operands : p.operands.slice(0, -1);
  let dest: Word | undefined = t !== undefined ? { value: t, static: true, raw: t } : p.operands[p.operands.length - 1];
  if ((n === 'ln' || n === 'link') && p.operands.length === 1 && t === undefined) {
    // `ln -s /a/b` links ./b to /a/b.
    sources = p.operands;
    dest = { value: basename(p.operands[0]!.value), static: p.operands[0]!.static, raw: p.operands[0]!.raw };
    add('write', [dest]);
  }
  // writtenFiles knows cp/mv/ln/install/rsync destinations; `link` and `scp` write theirs too.
  if ((n === 'link' || n === 'scp') && sources.length) add('write', [dest!]);
  const links = n === 'ln' || n === 'link' || (n === 'cp' && has(p, 'l', 's', 'link', 'symbolic-link'));
  if (links) add('link', sources, true);
  if (!dest || (n !== 'rsync' && sources.length === 0)) return;
  const tree = n === 'mv' || n === 'rsync' || (n === 'cp' && has(p, 'r', 'R', 'a', 'recursive', 'archive'));
  const exact = has(p, 'T', 'no-target-directory');
  for (const s of sources) {
    const contents = exact || s.value.endsWith('/.') || (n === 'rsync' && s.value.endsWith('/'));
    if (contents) add('write', [dest], true, tree);
    else if (!/[$`]/.test(s.value))
      add(
        'write',
        [{ value: `${dest.value.replace(/\/+$/, '')}/${basename(s.value)}`, static: dest.static && s.static, raw: dest.raw }],
        tree,
      );
  }
  // `cp -r tpl ~/.config/fish` creates the folder when it does not exist: its contents land in it.
  if (
    tree &&
    !exact &&
    !dest.value.endsWith('/') &&
    !resolveTargets(dest, cmd, ir).some((d) => d.kind === 'path' && surelyExists(d.path, cmd, ir))
  )
    add('write', [dest], true);
}

/** Folders that exist whenever a command runs: the root, top-level folders, homes, the working folders and what holds them. */
function surelyExists(path: string, cmd: SimpleCommand, ir: ShellIr): boolean {
  const cwds = [startCwdOf(ir), cmd.cwd].filter((c): c is string => !!c);
  return path.split('/').length <= 2 || isHome(path, homeOf(ir)) || cwds.some((c) => isAncestorOrSelf(path, c));
}

const OUTPUT_OPTION = /^(-o|-out|--out|--output|--outfile|--out-file|--output-file|--output-document)$/;
const OUTPUT_OPTION_EQ = /^(--out|--output|--outfile|--out-file|--output-file|--output-document)=(.+)$/;

/**
 * Files named by an output option (`-o F`, `--output=F`, openssl's `-out F`), by archivers that
 * create (`tar -cf F`, `zip F …`), and by `ssh-keygen -f F` when it makes a key. For programs whose
 * options we do not read one by one, `-o` may mean something else: judged only where it names a
 * protected place, where a false reading costs nothing and a true one is a write.
 */
function outputFiles(cmd: SimpleCommand): Word[] {
  const n = nameOf(cmd);
  const a = cmd.args;
  const out: Word[] = [];
  a.forEach((w, i) => {
    if (OUTPUT_OPTION.test(w.value) && a[i + 1]) out.push(a[i + 1]!);
    const eq = OUTPUT_OPTION_EQ.exec(w.value);
    if (eq) out.push({ ...w, value: eq[2]! });
  });
  if (['tar', 'gtar', 'bsdtar'].includes(n)) {
    const first = a[0]?.value ?? '';
    const creates =
      /^-?[a-zA-Z]*[crAu]/.test(first) ||
      a.some((w) => /^--(create|append|update|concatenate)$/.test(w.value) || /^-[a-zA-Z]*[crAu][a-zA-Z]*$/.test(w.value));
    const f = a.findIndex((w) => /^-?[a-zA-Z]*f$/.test(w.value) || w.value === '--file');
    const glued = a.find((w) => w.value.startsWith('--file='));
    if (creates && f >= 0 && a[f + 1]) out.push(a[f + 1]!);
    if (creates && glued) out.push({ ...glued, value: glued.value.slice(7) });
  }
  if (n === 'zip') {
    const first = parseOptions(a, { shortValue: 'bntiPxZ' }).operands[0];
    if (first) out.push(first);
  }
  if (n === 'ssh-keygen' && !a.some((w) => /^-[a-zA-Z]*[lyFBRDeimQ]$/.test(w.value))) {
    const f = a.findIndex((w) => w.value === '-f');
    if (f >= 0 && a[f + 1]) out.push(a[f + 1]!);
  }
  return out;
}

/** `git rm`, `git mv`, and `git checkout`/`git restore` of paths, which overwrite them from another commit. */
function gitWorktreeEffects(g: GitCall, add: Add): void {
  if (g.sub === 'rm') {
    const p = parseOptions(g.args, gitGrammar('rm'));
    if (!has(p, 'cached', 'n', 'dry-run')) add('delete', p.operands, has(p, 'r', 'recursive'));
  } else if (g.sub === 'mv') {
    const ops = parseOptions(g.args, gitGrammar('mv')).operands;
    if (ops.length >= 2) {
      add('move', ops.slice(0, -1), true);
      add('write', ops.slice(-1), true);
    }
  } else if (g.sub === 'checkout' || g.sub === 'restore') {
    add('write', parseOptions(g.args, gitGrammar(g.sub)).operands);
  }
}

function basename(v: string): string {
  return v.replace(/\/+$/, '').split('/').pop() || v;
}

/** The files of chmod/chown/chgrp/chattr/setfacl (the mode, owner or ACL operand left out). */
function modeTargets(cmd: SimpleCommand): { files: Word[]; recursive: boolean } {
  const n = nameOf(cmd);
  const p = parseOptions(cmd.args, {
    shortValue: n === 'setfacl' ? 'mMxX' : n === 'chattr' ? 'vp' : '',
    longValue: ['reference', 'from', 'set', 'set-file', 'modify', 'modify-file', 'remove', 'remove-file'],
    longFlags: ['recursive', 'verbose', 'changes', 'silent', 'quiet', 'dereference', 'no-dereference'],
  });
  const recursive = has(p, 'R', 'recursive');
  if (n === 'setfacl' || has(p, 'reference')) return { files: p.operands, recursive };
  if (n === 'chattr') return { files: p.operands.filter((w) => !/^[+=]/.test(w.value)), recursive };
  // `chmod -x f`: getopt reads the mode as options; chmod takes it as the mode.
  const dashMode = n === 'chmod' && cmd.args.some((w) => /^-[rwxXst]+$/.test(w.value));
  return { files: dashMode ? p.operands : p.operands.slice(1), recursive };
}

/** `mount … DIR` hides DIR behind another file system; a bind mount also opens its source elsewhere. */
function mountEffects(cmd: SimpleCommand, add: Add): void {
  const p = parseOptions(cmd.args, {
    shortValue: 'toOLUTN',
    longValue: ['types', 'options', 'label', 'uuid', 'fstab', 'namespace', 'source', 'target'],
  });
  const target = values(p, 'target')[0];
  const ops = p.operands;
  const dir = target !== undefined ? { value: target, static: true, raw: target } : ops.length >= 2 ? ops[ops.length - 1] : undefined;
  if (dir) add('write', [dir], true, true);
  const bind = has(p, 'B', 'bind', 'rbind') || values(p, 'o', 'options').some((o) => /(^|,)r?bind(,|$)/.test(o));
  if (bind && ops.length >= 2) add('link', [ops[0]!], true);
}

const CONFIG_READS =
  /^--(get|get-all|get-regexp|get-urlmatch|get-color|get-colorbool|list|show-origin|show-scope|name-only)$|^-[a-zA-Z]*l$/;

/** `git config --file F …` writes F unless it only reads. */
function gitConfigFile(args: Word[]): Word[] {
  const files: Word[] = [];
  const rest: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if ((w.value === '-f' || w.value === '--file') && args[i + 1]) files.push(args[++i]!);
    else if (w.value.startsWith('--file=')) files.push({ ...w, value: w.value.slice(7) });
    else rest.push(w);
  }
  const verb = rest.find((w) => !w.value.startsWith('-'))?.value ?? '';
  return rest.some((w) => CONFIG_READS.test(w.value)) || verb === 'get' || verb === 'list' ? [] : files;
}

/** `realpath` of a path, or of its nearest existing folder with the rest re-appended. */
export function realPath(path: string, real: (p: string) => string | null): string[] {
  let rest = '';
  for (let cur = path; ;) {
    const r = real(cur);
    if (r !== null) return [rest ? `${r === '/' ? '' : r}${rest}` : r];
    if (cur === '/' || cur === '') return [];
    const at = cur.lastIndexOf('/');
    rest = cur.slice(at) + rest;
    cur = cur.slice(0, at) || '/';
  }
}

const realByChange = new WeakMap<PathChange, Target[]>();

/** Where a changed target really is, through links that exist now (rm and mv act on a link itself, not on what it points to). */
export function realTargets(c: PathChange, ir: ShellIr): Target[] {
  const real = ir.guard?.realpath;
  if (!real || c.target.kind === 'unknown') return [];
  // Each rule asks; the links are looked up once per change.
  let found = realByChange.get(c);
  if (!found) realByChange.set(c, (found = resolveLinks(c, real)));
  return found;
}

function resolveLinks(c: PathChange, real: (p: string) => string | null): Target[] {
  const t = c.target;
  if (t.kind === 'unknown') return [];
  const p = t.kind === 'path' ? t.path : t.base;
  const onLink = (c.how === 'delete' || c.how === 'move') && !c.below && t.kind === 'path' && p !== '/';
  const at = p.lastIndexOf('/');
  const found = onLink ? realPath(p.slice(0, at) || '/', real).map((d) => `${d === '/' ? '' : d}${p.slice(at)}`) : realPath(p, real);
  return found.filter((r) => r !== p).map((r): Target => (t.kind === 'path' ? { kind: 'path', path: r } : { ...t, base: r }));
}

/** Unpacking or copying a tree into the folder the work started in is everyday work (not in a home or the root). */
export function isEverydayUnpack(t: Target, ir: ShellIr): boolean {
  return t.kind === 'path' && t.path === startCwdOf(ir) && t.path !== '/' && !isHome(t.path, homeOf(ir));
}
