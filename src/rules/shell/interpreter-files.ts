// Interpreter code that deletes or overwrites files itself, without a shell: `shutil.rmtree('/')`,
// `fs.rmSync(dir, {recursive: true})`, `FileUtils.rm_rf`, `unlink glob "/*"`, `open('/etc/passwd',
// 'w')`. Each call becomes the shell command it is equivalent to (`rm -rf '/'`, `: > /etc/passwd`),
// so the filesystem rules judge it with the same paths, ids and evidence as the shell spelling.
// A target that is not a literal (a variable, `sys.argv[1]`, `path.join(…)`) stays unknown, so a
// recursive delete of it blocks like `rm -rf "$DIR"`; a few spellings of the home and working
// folder are read as `$HOME` and `$PWD`.
import type { SimpleCommand, Word } from '../../core/ir.js';
import type { Language } from '../../analyze/shell/actions.js';
import { interpreterOf } from '../../analyze/shell/interpreters.js';
import { argsAt, type Arg } from '../../analyze/shell/code-lexer.js';
import { nameOf, programSource } from './programs.js';

type Op = 'tree' | 'file' | 'write' | 'maybe-tree' | 'open' | 'move';

interface Call {
  re: RegExp;
  op: Op;
  /** The call's receiver holds the path: `Path('/x').unlink()`. */
  receiver?: boolean;
}

const CALLS: Record<Language, Call[]> = {
  python: [
    { re: /\b(?:shutil\.)?rmtree\s*\(/g, op: 'tree' },
    { re: /\bos\.(?:remove|unlink)\s*\(/g, op: 'file' },
    { re: /\bos\.truncate\s*\(/g, op: 'write' },
    { re: /(?<![.\w])open\s*\(/g, op: 'open' },
    { re: /\b(?:pathlib\.)?(?:Path|PosixPath)\s*\(/g, op: 'file', receiver: true },
    { re: /\b(?:os\.(?:rename|replace|renames)|shutil\.move)\s*\(/g, op: 'move' },
  ],
  node: [
    { re: /\b(?:rmSync|rmdirSync)\s*\(|\.(?:rm|rmdir)\s*\(/g, op: 'maybe-tree' },
    { re: /\b(?:rimraf(?:Sync|\.sync)?|removeSync|emptyDirSync|emptyDir)\s*\(/g, op: 'tree' },
    { re: /\bunlinkSync\s*\(|\.unlink\s*\(/g, op: 'file' },
    { re: /\b(?:writeFileSync|appendFileSync|truncateSync)\s*\(|\.(?:writeFile|appendFile|truncate)\s*\(/g, op: 'write' },
    { re: /\bDeno\.(?:removeSync|remove)\s*\(/g, op: 'maybe-tree' },
    { re: /\brenameSync\s*\(|\.rename\s*\(|\b(?:moveSync)\s*\(/g, op: 'move' },
  ],
  perl: [
    { re: /\b(?:File::Path::)?(?:rmtree|remove_tree)\b\s*\(?/g, op: 'tree' },
    { re: /(?<![$@%&\w])unlink\b\s*\(?/g, op: 'file' },
    { re: /(?<![$@%&\w:])(?:rename|move)\b\s*\(?/g, op: 'move' },
  ],
  ruby: [
    { re: /\bFileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|remove_entry_secure|rmtree)\b\s*\(?/g, op: 'tree' },
    { re: /\bFileUtils\.(?:rm|rm_f|remove|remove_file)\b\s*\(?|\bFile\.(?:delete|unlink)\b\s*\(?/g, op: 'file' },
    { re: /\bFile\.(?:write|binwrite)\b\s*\(?/g, op: 'write' },
    { re: /\bFileUtils\.(?:mv|move)\b\s*\(?|\bFile\.rename\b\s*\(?/g, op: 'move' },
  ],
  php: [
    { re: /\bunlink\s*\(/g, op: 'file' },
    { re: /\bfile_put_contents\s*\(/g, op: 'write' },
    { re: /\brename\s*\(/g, op: 'move' },
  ],
};

const STOP = /^\s*(?:;|\n|\bor\b|\band\b|\|\||&&|\bif\b|\bunless\b|\}|$)/;

/** Expressions that name the home or the working folder. */
const HOME_EXPR = /^(?:str\()?(?:os\.path\.expanduser\(\s*(['"])~\1\s*\)|os\.environ\[\s*(['"])HOME\2\s*\]|os\.(?:environ\.get|getenv)\(\s*(['"])HOME\3\s*\)|(?:pathlib\.)?Path\.home\(\)|(?:require\(\s*['"](?:node:)?os['"]\s*\)|os)\.homedir\(\)|process\.env\.HOME|process\.env\[\s*(['"])HOME\4\s*\]|\$ENV\{\s*['"]?HOME['"]?\s*\}|ENV\[\s*(['"])HOME\5\s*\]|Dir\.home|Deno\.env\.get\(\s*(['"])HOME\6\s*\)|getenv\(\s*(['"])HOME\7\s*\))\)?$/;
const CWD_EXPR = /^(?:os\.getcwd\(\)|process\.cwd\(\)|Dir\.pwd|Deno\.cwd\(\)|getcwd\(\))$/;
const EXPANDUSER = /^os\.path\.expanduser\(\s*(['"])(~\/[^'"]*)\1\s*\)$/;
const PERL_GLOB = /^glob\s*\(?\s*(['"])([^'"]*)\1\s*\)?$/;

function languageOf(name: string): Language | null {
  if (name === 'bun' || name === 'deno') return 'node';
  return interpreterOf(name)?.language ?? null;
}

/** The words a path argument stands for. */
function pathWords(a: Arg | undefined, lang: Language): Word[] {
  if (!a) return [];
  if (a.kind === 'keyword') return pathWords(a.value, lang);
  if (a.kind === 'list') return a.items.flatMap((i) => pathWords(i, lang));
  if (a.kind === 'string') {
    // The language does not expand `~`: a literal `~` folder in the working folder.
    const value = a.value.startsWith('~') ? `./${a.value}` : a.value;
    return [a.dynamic ? { value: `$(${a.value})`, static: false, raw: a.value } : { value, static: true, raw: JSON.stringify(a.value) }];
  }
  const text = a.text.trim();
  if (HOME_EXPR.test(text)) return [{ value: '$HOME', static: false, raw: text }];
  if (CWD_EXPR.test(text)) return [{ value: '$PWD', static: false, raw: text }];
  const user = EXPANDUSER.exec(text);
  if (user) return [{ value: user[2]!, static: true, raw: text }];
  const glob = lang === 'perl' ? PERL_GLOB.exec(text) : null;
  if (glob) return glob[2]!.split(/\s+/).filter(Boolean).map((g) => ({ value: g, static: false, raw: text, glob: true }));
  return [{ value: `$(${text})`, static: false, raw: text }];
}

const positional = (args: Arg[]) => args.filter((a) => a.kind !== 'keyword');

/** True when a mode argument opens for writing (`'w'`, `'a'`, `'r+'`, `'>'`); unknown modes count. */
function writesMode(a: Arg | undefined): boolean {
  if (!a) return false;
  const v = a.kind === 'keyword' ? a.value : a;
  return v.kind !== 'string' || v.dynamic || /[wax+>]/.test(v.value);
}

function rm(flags: string[], targets: Word[], cmd: SimpleCommand): SimpleCommand {
  const opts = [...flags, '--'].map((f) => ({ value: f, static: true, raw: f }));
  return { ...cmd, name: { value: 'rm', static: true, raw: 'rm' }, args: targets.length ? [...opts, ...targets] : [], redirects: [], assignments: [] };
}

function mv(from: Word[], to: Word[], cmd: SimpleCommand): SimpleCommand {
  const args = from.length && to.length ? [{ value: '--', static: true, raw: '--' }, ...from, to[0]!] : [];
  return { ...cmd, name: { value: 'mv', static: true, raw: 'mv' }, args, redirects: [], assignments: [] };
}

function write(target: Word, cmd: SimpleCommand): SimpleCommand {
  return { ...cmd, name: { value: ':', static: true, raw: ':' }, args: [], redirects: [{ op: '>', target }], assignments: [] };
}

/** The interpreter's program text: inline code, or a heredoc/herestring it reads as its program. */
function codeOf(cmd: SimpleCommand): string | null {
  const src = programSource(cmd);
  if (!src) return null;
  const texts = src.inline.map((w) => w.value);
  if (src.fromStdin) texts.push(...src.stdinRedirects.filter((r) => r.op.startsWith('<<')).map((r) => r.target.value));
  return texts.length ? texts.join('\n') : null;
}

/** Shell commands equivalent to the deletes and overwrites in this interpreter command's code. */
export function interpreterFileOps(cmd: SimpleCommand): SimpleCommand[] {
  const lang = languageOf(nameOf(cmd));
  if (!lang) return [];
  const code = codeOf(cmd);
  if (!code) return [];
  // Code that changes its own folder makes relative paths unknowable.
  const at: SimpleCommand = /\bchdir\b|\bDir\.chdir\b/.test(code) ? { ...cmd, cwd: null } : cmd;
  const out: SimpleCommand[] = [];
  const calls: number[] = [];
  for (const call of CALLS[lang]) {
    call.re.lastIndex = 0;
    for (let m = call.re.exec(code); m; m = call.re.exec(code)) {
      const paren = m[0].trimEnd().endsWith('(');
      const r = argsAt(code, m.index + m[0].length, lang, paren ? /^$/ : STOP);
      const args = r.value;
      calls.push(m.index + m[0].search(/\w+\s*\(?\s*$/));
      // `rmtree(path='/')`: the path may be given by keyword.
      const first = positional(args)[0] ?? args.find((a) => a.kind === 'keyword' && /^(path|src|p|dst)$/.test(a.name));
      if (call.receiver) {
        // `Path(p).unlink()`, `.write_text(…)`, `.rmdir()` only; other methods read.
        const after = code.slice(r.end + 1);
        if (/^\s*\.\s*unlink\s*\(/.test(after)) out.push(rm(['-f'], pathWords(first, lang), at));
        else if (/^\s*\.\s*write_(?:text|bytes)\s*\(/.test(after)) for (const w of pathWords(first, lang)) out.push(write(w, at));
        continue;
      }
      switch (call.op) {
        case 'tree':
          out.push(rm(['-r', '-f'], lang === 'perl' || lang === 'ruby' ? positional(args).flatMap((a) => pathWords(a, lang)) : pathWords(first, lang), at));
          break;
        case 'maybe-tree': {
          // `{recursive: true}` (or options we cannot read) makes it `rm -rf`.
          const opts = positional(args)[1];
          const tree = opts !== undefined && (opts.kind !== 'other' || !/^\{[^}]*\}$/.test(opts.text) || /recursive\s*:\s*(?!false)/.test(opts.text));
          out.push(rm(tree ? ['-r', '-f'] : ['-f'], pathWords(first, lang), at));
          break;
        }
        case 'file':
          out.push(rm(['-f'], lang === 'perl' || lang === 'ruby' ? positional(args).flatMap((a) => pathWords(a, lang)) : pathWords(first, lang), at));
          break;
        case 'write':
          for (const w of pathWords(first, lang)) out.push(write(w, at));
          break;
        case 'move':
          out.push(mv(pathWords(first, lang), pathWords(positional(args)[1], lang), at));
          break;
        case 'open': {
          const mode = args.find((a) => a.kind === 'keyword' && a.name === 'mode') ?? positional(args)[1];
          if (writesMode(mode)) for (const w of pathWords(first, lang)) out.push(write(w, at));
          break;
        }
      }
    }
  }
  // A delete function named but not called where we read it (`f = shutil.rmtree`, `{rmSync: r}`)
  // can be called with anything: an unknown recursive delete.
  DELETERS.lastIndex = 0;
  for (let m = DELETERS.exec(code); m; m = DELETERS.exec(code)) {
    if (calls.includes(m.index) || harmlessMention(code, m.index, m[0])) continue;
    out.push(rm(['-r', '-f'], [{ value: `$(${m[0]})`, static: false, raw: m[0] }], at));
  }
  return out.filter((c) => c.args.length > 0 || c.redirects.length > 0);
}

const DELETERS = /\b(?:rmtree|remove_tree|rmSync|rmdirSync|rm_rf|rm_r|removeSync|emptyDirSync|rimraf)\b/g;

/** An import of the name (`from shutil import rmtree`, `use File::Path qw(rmtree)`, `{ rmSync }`), not a rename. */
function harmlessMention(code: string, at: number, name: string): boolean {
  // The statement around the mention: from the last `;` or newline before it to the next.
  const lineStart = Math.max(code.lastIndexOf('\n', at), code.lastIndexOf(';', at)) + 1;
  const end = code.slice(at).search(/[;\n]/);
  const line = code.slice(lineStart, end < 0 ? undefined : at + end);
  const before = code.slice(lineStart, at);
  const after = code.slice(at + name.length);
  if (/^\s*(from\s+\S+\s+)?import\b/.test(line) && !/\bas\b/.test(line.slice(at - lineStart))) return true;
  if (/^\s*(use|require)\b/.test(line)) return true;
  return /[{,]\s*$/.test(before) && /^\s*[,}]/.test(after);
}
