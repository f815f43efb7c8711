// Calls in interpreter code that change files or signal processes without a shell:
// `shutil.rmtree('/')`, `fs.rmSync(dir, {recursive: true})`, `FileUtils.rm_rf`, `unlink glob "/*"`,
// `open('/etc/passwd', 'w')`, `os.chmod(p, 0o777)`, `os.kill(-1, 9)`. Each is taken apart into an
// effect with its targets; the shell rules judge it as the equivalent command (rules/shell/
// interpreter-files.ts), and the capability scan allows it only when every target is literal.
import type { Word } from '../../../core/ir.js';
import type { Language } from '../actions.js';
import { argsAt, type Arg } from '../code-lexer.js';
import { perlOpenMode } from './perl.js';
import { canonicalCandidates, pythonImports } from './python-imports.js';
import { literal, writesMode } from './table.js';

export type FileEffect =
  | { op: 'delete'; recursive: boolean; targets: Arg[] }
  | { op: 'rmdir' | 'write' | 'mkdir' | 'touch'; targets: Arg[] }
  | { op: 'move'; from: Arg[]; to: Arg | undefined }
  | { op: 'copy'; recursive: boolean; from: Arg[]; to: Arg | undefined }
  | { op: 'link'; symbolic: boolean; target: Arg | undefined; link: Arg | undefined }
  | { op: 'chmod'; mode: Arg | undefined; targets: Arg[] }
  | { op: 'signal'; signal: Arg | undefined; pids: Arg[] };

export interface FileCall {
  effect: FileEffect;
  /** The call's name (and, for `Path(p).unlink()`, its receiver) in the code. */
  start: number;
  end: number;
  /** Every target is a literal (or the home or working folder). */
  literal: boolean;
}

type Build = (args: Arg[], pos: Arg[]) => FileEffect | null;

interface Call {
  re: RegExp;
  build: Build;
  /** The receiver holds the path: `Path('/x').unlink()`. */
  receiver?: boolean;
}

const pos = (args: Arg[]): Arg[] => args.filter((a) => a.kind !== 'keyword');
const kw = (args: Arg[], ...names: string[]): Arg | undefined => {
  const k = args.find((a): a is Extract<Arg, { kind: 'keyword' }> => a.kind === 'keyword' && names.includes(a.name));
  return k?.value;
};
/** The first positional argument, or the keyword that names the path (`rmtree(path='/')`). */
const first = (args: Arg[]): Arg[] => {
  const a = pos(args)[0] ?? kw(args, 'path', 'src', 'p', 'dst', 'name', 'file');
  return a ? [a] : [];
};
const all = (_args: Arg[], p: Arg[]): Arg[] => p;

const del =
  (recursive: boolean, pick: (args: Arg[], p: Arg[]) => Arg[] = first): Build =>
  (args, p) => ({ op: 'delete', recursive, targets: pick(args, p) });
const simple =
  (op: 'rmdir' | 'write' | 'mkdir' | 'touch', pick: (args: Arg[], p: Arg[]) => Arg[] = first): Build =>
  (args, p) => ({ op, targets: pick(args, p) });
const move: Build = (args, p) => ({ op: 'move', from: first(args), to: p[1] ?? kw(args, 'dst') });
const copy =
  (recursive: boolean): Build =>
  (args, p) => ({ op: 'copy', recursive, from: first(args), to: p[1] ?? kw(args, 'dst') });
const link =
  (symbolic: boolean): Build =>
  (_args, p) => ({ op: 'link', symbolic, target: p[0], link: p[1] });
/** `os.chmod(path, mode)` (mode second) or `chmod 0755, @files` (mode first). */
const chmod =
  (modeFirst: boolean): Build =>
  (_args, p) =>
    modeFirst ? { op: 'chmod', mode: p[0], targets: p.slice(1) } : { op: 'chmod', mode: p[1], targets: p.slice(0, 1) };
/** `os.kill(pid, sig)` (pid first) or `kill 'KILL', @pids` / `Process.kill(:KILL, pid)` (signal first). */
const signal =
  (signalFirst: boolean): Build =>
  (_args, p) =>
    signalFirst ? { op: 'signal', signal: p[0], pids: p.slice(1) } : { op: 'signal', signal: p[1], pids: p.slice(0, 1) };
/** `open(path, mode)`: only a write mode changes the file. */
const open =
  (modeAt: number): Build =>
  (args, p) =>
    writesMode(kw(args, 'mode') ?? p[modeAt]) ? { op: 'write', targets: first(args) } : null;

/** `fs.rmSync(p)` deletes a file; `{recursive: true}` (or options we cannot read) makes it `rm -rf`. */
const nodeRm: Build = (args, p) => {
  const opts = p[1];
  const tree =
    opts !== undefined && (opts.kind !== 'other' || !/^\{[^}]*\}$/.test(opts.text) || /recursive\s*:\s*(?!false)/.test(opts.text));
  return { op: 'delete', recursive: tree, targets: first(args) };
};

/** `fs.openSync(p, flags)`: no flags or `r` reads. */
const nodeOpen: Build = (args, p) => {
  const flags = p[1];
  if (flags === undefined) return null;
  const v = literal(flags);
  return v !== null && /^r[sb]*$/.test(v) ? null : { op: 'write', targets: first(args) };
};

/** Perl's `open FH, MODE, PATH` / `open FH, ">PATH"`. */
const perlOpen: Build = (_args, p) => {
  if (perlOpenMode(p) !== 'write') return null;
  if (p.length >= 3) return { op: 'write', targets: [p[2]!] };
  const mode = literal(p[1])!;
  const path = mode.replace(/^\s*(?:\+?>>?|\+<)\s*/, '');
  return { op: 'write', targets: [{ kind: 'string', value: path, dynamic: false }] };
};

/** `Path(p).<method>(…)`: what each method does to the receiver's path. */
function pathMethod(method: string, receiver: Arg[], args: Arg[]): FileEffect | null {
  const p = pos(args);
  switch (method) {
    case 'unlink':
      return { op: 'delete', recursive: false, targets: receiver };
    case 'rmdir':
      return { op: 'rmdir', targets: receiver };
    case 'write_text':
    case 'write_bytes':
      return { op: 'write', targets: receiver };
    case 'mkdir':
      return { op: 'mkdir', targets: receiver };
    case 'touch':
      return { op: 'touch', targets: receiver };
    case 'chmod':
    case 'lchmod':
      return { op: 'chmod', mode: p[0] ?? kw(args, 'mode'), targets: receiver };
    case 'rename':
    case 'replace':
      return { op: 'move', from: receiver, to: p[0] ?? kw(args, 'target') };
    case 'symlink_to':
    case 'hardlink_to':
      return { op: 'link', symbolic: method === 'symlink_to', target: p[0] ?? kw(args, 'target'), link: receiver[0] };
    case 'open':
      return writesMode(kw(args, 'mode') ?? p[0]) ? { op: 'write', targets: receiver } : null;
    default:
      return null;
  }
}

const CALLS: Partial<Record<Language, Call[]>> = {
  python: [
    { re: /(?<![.\w])open\s*\(/g, build: open(1) },
    { re: /\b(?:pathlib\.)?(?:Path|PosixPath)\s*\(/g, build: () => null, receiver: true },
  ],
  node: [
    { re: /\b(?:rmSync|rmdirSync)\s*\(|\.(?:rm|rmdir)\s*\(|\bDeno\.(?:removeSync|remove)\s*\(/g, build: nodeRm },
    { re: /\b(?:rimraf(?:Sync|\.sync)?|removeSync|emptyDirSync|emptyDir)\s*\(|\.remove\s*\(/g, build: del(true) },
    { re: /\bunlinkSync\s*\(|\.unlink\s*\(/g, build: del(false) },
    {
      re: /\b(?:writeFileSync|appendFileSync|truncateSync|outputFileSync|writeJsonSync|writeJSONSync|outputJsonSync|createWriteStream)\s*\(|\.(?:writeFile|appendFile|truncate|outputFile|writeJson|writeJSON|outputJson)\s*\(|\bDeno\.(?:writeTextFile|writeFile)(?:Sync)?\s*\(|\bBun\.write\s*\(/g,
      build: simple('write'),
    },
    { re: /\b(?:renameSync|moveSync)\s*\(|\.(?:rename|move)\s*\(|\bDeno\.rename(?:Sync)?\s*\(/g, build: move },
    { re: /\b(?:copyFileSync|copySync)\s*\(|\.(?:copyFile|copy)\s*\(|\bDeno\.copyFile(?:Sync)?\s*\(/g, build: copy(false) },
    {
      re: /\bcpSync\s*\(|\.cp\s*\(/g,
      build: (args, p) => ({
        op: 'copy',
        recursive: p[2]?.kind === 'other' && /recursive\s*:\s*(?!false)/.test(p[2].text),
        from: first(args),
        to: p[1],
      }),
    },
    {
      re: /\b(?:mkdirSync|ensureDirSync|mkdirpSync|mkdirsSync)\s*\(|\.(?:mkdir|ensureDir|mkdirp|mkdirs)\s*\(|\bDeno\.mkdir(?:Sync)?\s*\(/g,
      build: simple('mkdir'),
    },
    { re: /\bchmodSync\s*\(|\.chmod\s*\(|\bDeno\.chmod(?:Sync)?\s*\(/g, build: chmod(false) },
    { re: /\bsymlinkSync\s*\(|\.symlink\s*\(|\bDeno\.symlink(?:Sync)?\s*\(/g, build: link(true) },
    { re: /\blinkSync\s*\(|(?<![\w$])fs\.link\s*\(/g, build: link(false) },
    { re: /\bprocess\.kill\s*\(|\bDeno\.kill\s*\(/g, build: signal(false) },
    { re: /\bopenSync\s*\(|(?<![\w$])fs\.open\s*\(/g, build: nodeOpen },
  ],
  perl: [
    { re: /\b(?:File::Path::)?(?:rmtree|remove_tree)\b\s*\(?/g, build: del(true, all) },
    { re: /(?<![$@%&\w>])unlink\b\s*\(?/g, build: del(false, all) },
    { re: /(?<![$@%&\w:>])(?:rename|move)\b\s*\(?|\bFile::Copy::(?:move|mv)\b\s*\(?/g, build: move },
    { re: /(?<![$@%&\w>])rmdir\b\s*\(?/g, build: simple('rmdir', all) },
    {
      re: /(?<![$@%&\w>])(?:mkdir|mkpath|make_path)\b\s*\(?|\bFile::Path::(?:mkpath|make_path)\b\s*\(?/g,
      build: (args, p) => ({ op: 'mkdir', targets: p.length > 1 && p[1]?.kind === 'other' && /^0?\d+$/.test(p[1].text) ? [p[0]!] : p }),
    },
    { re: /(?<![$@%&\w>])chmod\b\s*\(?/g, build: chmod(true) },
    { re: /(?<![$@%&\w>])symlink\b\s*\(?/g, build: link(true) },
    { re: /(?<![$@%&\w>:])link\b\s*\(?/g, build: link(false) },
    { re: /(?<![$@%&\w:>])(?:copy|cp)\b\s*\(?|\bFile::Copy::(?:copy|cp)\b\s*\(?/g, build: copy(false) },
    { re: /(?<![$@%&\w>])truncate\b\s*\(?/g, build: (_a, p) => ({ op: 'write', targets: p.slice(0, 1) }) },
    { re: /(?<![$@%&\w>])utime\b\s*\(?/g, build: (_a, p) => ({ op: 'touch', targets: p.slice(2) }) },
    { re: /(?<![$@%&\w>])kill\b\s*\(?/g, build: signal(true) },
    { re: /(?<![$@%&\w>])open\b\s*\(?/g, build: perlOpen },
  ],
  ruby: [
    { re: /\bFileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|remove_entry_secure|rmtree)\b\s*\(?/g, build: del(true, all) },
    { re: /\bFileUtils\.(?:rm|rm_f|remove|remove_file)\b\s*\(?|\bFile\.(?:delete|unlink)\b\s*\(?/g, build: del(false, all) },
    { re: /\b(?:File|IO)\.(?:write|binwrite)\b\s*\(?/g, build: simple('write') },
    { re: /\bFileUtils\.(?:mv|move)\b\s*\(?|\bFile\.rename\b\s*\(?/g, build: move },
    { re: /\bDir\.(?:rmdir|delete|unlink)\b\s*\(?/g, build: simple('rmdir') },
    { re: /\bFileUtils\.(?:mkdir|mkdir_p|makedirs|mkpath)\b\s*\(?|\bDir\.mkdir\b\s*\(?/g, build: simple('mkdir') },
    { re: /\bFile\.chmod\b\s*\(?|\bFileUtils\.chmod\b\s*\(?/g, build: chmod(true) },
    { re: /\bFileUtils\.(?:cp|copy|copy_file)\b\s*\(?/g, build: copy(false) },
    { re: /\bFileUtils\.(?:cp_r|copy_entry)\b\s*\(?/g, build: copy(true) },
    { re: /\bFile\.symlink\b\s*\(?|\bFileUtils\.(?:ln_s|ln_sf|symlink)\b\s*\(?/g, build: link(true) },
    { re: /\bFile\.link\b\s*\(?|\bFileUtils\.(?:ln|link)\b\s*\(?/g, build: link(false) },
    { re: /\bFileUtils\.touch\b\s*\(?/g, build: simple('touch', all) },
    { re: /\bProcess\.kill\b\s*\(?/g, build: signal(true) },
    { re: /\bFile\.(?:open|new)\b\s*\(?|(?<![.\w:])open\b\s*\(?/g, build: open(1) },
  ],
  php: [
    { re: /(?<![\w$>:])\\?unlink\s*\(/gi, build: del(false) },
    { re: /(?<![\w$>:])\\?file_put_contents\s*\(/gi, build: simple('write') },
    { re: /(?<![\w$>:])\\?rename\s*\(/gi, build: move },
    { re: /(?<![\w$>:])\\?rmdir\s*\(/gi, build: simple('rmdir') },
    { re: /(?<![\w$>:])\\?mkdir\s*\(/gi, build: simple('mkdir') },
    { re: /(?<![\w$>:])\\?touch\s*\(/gi, build: simple('touch') },
    { re: /(?<![\w$>:])\\?chmod\s*\(/gi, build: chmod(false) },
    { re: /(?<![\w$>:])\\?copy\s*\(/gi, build: copy(false) },
    { re: /(?<![\w$>:])\\?symlink\s*\(/gi, build: link(true) },
    { re: /(?<![\w$>:])\\?link\s*\(/gi, build: link(false) },
    { re: /(?<![\w$>:])\\?posix_kill\s*\(/gi, build: signal(false) },
    { re: /(?<![\w$>:])\\?fopen\s*\(/gi, build: open(1) },
  ],
  lua: [
    { re: /\bos\.remove\s*\(/g, build: del(false) },
    { re: /\bos\.rename\s*\(/g, build: move },
    { re: /\bio\.open\s*\(/g, build: open(1) },
  ],
  r: [
    {
      re: /(?<![\w.])(?:file\.remove|unlink)\s*\(/g,
      build: (args, p) => ({
        op: 'delete',
        recursive: /^T(RUE)?$/.test(kw(args, 'recursive')?.kind === 'other' ? (kw(args, 'recursive') as { text: string }).text : ''),
        targets: p,
      }),
    },
    { re: /(?<![\w.])file\.rename\s*\(/g, build: move },
  ],
};

/** Python's calls by module and name, found through what imports bind (`import shutil as sh`, `from os import remove`). */
const PYTHON_CALLS: Record<string, Build> = {
  'shutil.rmtree': del(true),
  ...byName('os posix nt', 'remove unlink', del(false)),
  ...byName('os posix nt', 'truncate', simple('write')),
  ...byName('os posix nt', 'rename replace renames', move),
  'shutil.move': move,
  ...byName('os posix nt', 'rmdir removedirs', simple('rmdir')),
  ...byName('os posix nt', 'mkdir makedirs', simple('mkdir')),
  ...byName('os posix nt', 'chmod lchmod', chmod(false)),
  ...byName('os posix nt', 'symlink', link(true)),
  ...byName('os posix nt', 'link', link(false)),
  ...byName('shutil', 'copy copy2 copyfile', copy(false)),
  'shutil.copytree': copy(true),
  ...byName('os posix nt', 'kill killpg', signal(false)),
};

function byName(modules: string, members: string, build: Build): Record<string, Build> {
  const out: Record<string, Build> = {};
  for (const m of modules.split(' ')) for (const n of members.split(' ')) out[`${m}.${n}`] = build;
  return out;
}

const STOP = /^\s*(?:;|\n|\bor\b|\band\b|\|\||&&|\bif\b|\bunless\b|\}|$)/;

/** Expressions that name the home or the working folder. */
const HOME_EXPR =
  /^(?:str\()?(?:os\.path\.expanduser\(\s*(['"])~\1\s*\)|os\.environ\[\s*(['"])HOME\2\s*\]|os\.(?:environ\.get|getenv)\(\s*(['"])HOME\3\s*\)|(?:pathlib\.)?Path\.home\(\)|(?:require\(\s*['"](?:node:)?os['"]\s*\)|os)\.homedir\(\)|process\.env\.HOME|process\.env\[\s*(['"])HOME\4\s*\]|\$ENV\{\s*['"]?HOME['"]?\s*\}|ENV\[\s*(['"])HOME\5\s*\]|Dir\.home|Deno\.env\.get\(\s*(['"])HOME\6\s*\)|getenv\(\s*(['"])HOME\7\s*\)|Sys\.getenv\(\s*(['"])HOME\8\s*\)|os\.getenv\(\s*(['"])HOME\9\s*\))\)?$/;
const CWD_EXPR = /^(?:os\.getcwd\(\)|process\.cwd\(\)|Dir\.pwd|Deno\.cwd\(\)|getcwd\(\)|getwd\(\))$/;
const EXPANDUSER = /^os\.path\.expanduser\(\s*(['"])(~\/[^'"]*)\1\s*\)$/;
const PERL_GLOB = /^glob\s*\(?\s*(['"])([^'"]*)\1\s*\)?$/;
/** Stream wrappers and URLs are not paths; only these write where the output goes. */
const HARMLESS_STREAM = /^php:\/\/(?:stdout|stderr|output|memory|temp)$/i;

/** The words a path argument stands for: a literal, `$HOME`/`$PWD`, a Perl glob, or unknown (`$(…)`). */
export function pathWords(a: Arg | undefined, lang: Language): Word[] {
  if (!a) return [];
  if (a.kind === 'keyword') return pathWords(a.value, lang);
  if (a.kind === 'list') return a.items.flatMap((i) => pathWords(i, lang));
  if (a.kind === 'string') {
    if (
      a.dynamic ||
      (/^[a-z][\w+.-]*:\/\//i.test(a.value) && !HARMLESS_STREAM.test(a.value)) ||
      (lang === 'ruby' && a.value.startsWith('|'))
    )
      return [{ value: `$(${a.value})`, static: false, raw: a.value }];
    // The language does not expand `~`: a literal `~` folder in the working folder.
    const value = a.value.startsWith('~') ? `./${a.value}` : a.value;
    return [{ value, static: true, raw: JSON.stringify(a.value) }];
  }
  const text = a.text.trim();
  if (HOME_EXPR.test(text)) return [{ value: '$HOME', static: false, raw: text }];
  if (CWD_EXPR.test(text)) return [{ value: '$PWD', static: false, raw: text }];
  const user = EXPANDUSER.exec(text);
  if (user) return [{ value: user[2]!, static: true, raw: text }];
  const glob = lang === 'perl' ? PERL_GLOB.exec(text) : null;
  if (glob)
    return glob[2]!
      .split(/\s+/)
      .filter(Boolean)
      .map((g) => ({ value: g, static: false, raw: text, glob: true }));
  return [{ value: `$(${text})`, static: false, raw: text }];
}

/** A word the shell rules can resolve: a literal path, the home or working folder, a literal glob. */
export function resolvable(w: Word): boolean {
  return w.static || w.value === '$HOME' || w.value === '$PWD' || w.glob === true;
}

/** A process id or signal given literally (`-1`, `9`, `'KILL'`, `:TERM`, `signal.SIGKILL`). */
function literalNumber(a: Arg | undefined): boolean {
  if (!a) return false;
  if (a.kind === 'string') return !a.dynamic && /^-?\d+$/.test(a.value);
  return a.kind === 'other' && /^-?\s*\d+$/.test(a.text);
}

function targetsOf(e: FileEffect): (Arg | undefined)[] {
  switch (e.op) {
    case 'move':
    case 'copy':
      return [...e.from, e.to];
    case 'link':
      return [e.link];
    case 'signal':
      return [];
    default:
      return e.targets;
  }
}

function isLiteral(e: FileEffect, lang: Language): boolean {
  if (e.op === 'signal') return e.pids.length > 0 && e.pids.every(literalNumber);
  const targets = targetsOf(e);
  if (!targets.length || targets.some((t) => t === undefined)) return false;
  return targets.every((t) => {
    const words = pathWords(t, lang);
    return words.length > 0 && words.every(resolvable);
  });
}

/** Where a call starts, its text up to the arguments, and how to read it. */
interface Site {
  index: number;
  text: string;
  call: Call;
}

/** Python calls found by name: `sh.rmtree(`, `remove(` after `from os import remove`. */
function pythonSites(code: string): Site[] {
  const imports = pythonImports(code);
  const sites: Site[] = [];
  for (const m of code.matchAll(/(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\s*\(/g)) {
    const name = canonicalCandidates(m[0].replace(/\s*\($/, ''), imports).find((c) => Object.hasOwn(PYTHON_CALLS, c));
    if (name) sites.push({ index: m.index, text: m[0], call: { re: /$^/, build: PYTHON_CALLS[name]! } });
  }
  return sites;
}

/** Every file and signal call in the code, taken apart. */
export function fileCallsIn(lang: Language, code: string): FileCall[] {
  const sites: Site[] = [];
  for (const call of CALLS[lang] ?? []) {
    call.re.lastIndex = 0;
    for (let m = call.re.exec(code); m; m = call.re.exec(code)) sites.push({ index: m.index, text: m[0], call });
  }
  if (lang === 'python') sites.push(...pythonSites(code));
  const out: FileCall[] = [];
  for (const { index, text, call } of sites) {
    const paren = text.trimEnd().endsWith('(');
    const r = argsAt(code, index + text.length, lang, paren ? /^$/ : STOP);
    let effect: FileEffect | null;
    let end = index + text.length;
    if (call.receiver) {
      // `Path(p).unlink()`: the method after the receiver's call.
      const method = /^\s*\.\s*(\w+)\s*\(/.exec(code.slice(r.end + 1));
      if (!method) continue;
      const methodArgs = argsAt(code, r.end + 1 + method[0].length, lang, /^$/).value;
      effect = pathMethod(method[1]!, first(r.value), methodArgs);
      end = r.end + 1 + method[0].length;
    } else effect = call.build(r.value, pos(r.value));
    if (effect) out.push({ effect, start: index, end, literal: isLiteral(effect, lang) });
  }
  return out;
}
