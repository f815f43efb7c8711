// Files a command runs or reads as its program, read when the command is judged: a script given to
// a shell (`bash x.sh`, `. ./env.sh`), a program run by its path (`./build.sh`: its `#!` line says
// what reads it), interpreter code in a file (`python3 x.py`), SQL in a file (`psql -f x.sql`,
// `mysql < x.sql`, `\i x.sql`). The file's text is judged like the same text given inline. What
// cannot be read blocks, except where nothing runs: a file that does not exist (the command fails),
// a binary program run by its path (an unknown program, like any other), an installed program.
import type { Undecidable, Word } from '../../core/ir.js';
import type { AnalyzeContext, Dialect } from '../../core/types.js';
import type { Action, FileUse, Language } from './actions.js';
import { specFor } from '../../catalogue/index.js';
import { readInvocation } from '../../catalogue/read.js';
import type { ProgramSpec } from '../../catalogue/spec.js';
import { invocationActions } from './catalogue-actions.js';
import { interpreterOf } from './interpreters.js';
import { normalizePath } from './paths.js';
import { scriptFileOperand } from './shells.js';
import { commandBasename } from './unwrap.js';
import { undecidable } from './undecidable.js';
import { POSIX_SHELLS } from '../../catalogue/kinds.js';

/** Shells whose scripts the shell parser reads (fish and the C shells speak other languages: not read). */
const READ_SHELLS: ReadonlySet<string> = new Set([...POSIX_SHELLS, 'source', '.']);
const STDIN_PATHS = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);
/** Interpreter code read from files: the languages whose inline code is read. */
const READ_LANGUAGES: readonly Language[] = ['python', 'node', 'perl', 'ruby', 'php'];

/**
 * Folders of installed programs and system configuration: what runs from there was installed, not
 * written by the agent, and is judged by its name like a program found on the PATH.
 */
const INSTALLED = /^\/(bin|sbin|lib|lib32|lib64|usr|opt|nix|snap|etc|System|Library|Applications)\//;
/** Folders package managers fill, wherever they are: npm's `node_modules`, tox's and nox's environments. */
const PACKAGE_FOLDERS = /\/(node_modules|\.tox|\.nox)\//;
/** Version and tool managers under the home folder (nvm, pyenv, rbenv, asdf, rustup and cargo, …). */
const HOME_MANAGERS =
  /^\/(\.nvm|\.pyenv|\.rbenv|\.asdf|\.sdkman|\.cargo|\.rustup|\.volta|\.bun|\.deno|\.ghcup|\.opam|\.nix-profile|\.linuxbrew|\.local\/share\/mise|\.local\/pipx|\.jenv|\.goenv|\.nodenv|\.phpenv)\//;
/** The user's own shell start-up files (which the persistence rules keep the agent from changing). */
const STARTUP_FILES = /^\/\.(bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|kshrc|mkshrc)$/;

/**
 * A program or script installed rather than written: in the system's folders, a package manager's
 * folder, a Python virtual environment (its `bin/` beside a `pyvenv.cfg`: `activate`, `pip`), a
 * version manager's folder, or one of the user's shell start-up files.
 */
function installed(path: string, ctx: AnalyzeContext): boolean {
  if (INSTALLED.test(path) || PACKAGE_FOLDERS.test(path)) return true;
  // seatbelt's own installed files are the guard itself (trusted); what a seatbelt invocation may do is the guard-command rule's business.
  if (ctx.guard?.paths.some((g) => g.kind === 'install' && (path === g.path || path.startsWith(g.path + '/')))) return true;
  const home = ctx.home.replace(/\/+$/, '');
  if (home && path.startsWith(home + '/') && (HOME_MANAGERS.test(path.slice(home.length)) || STARTUP_FILES.test(path.slice(home.length))))
    return true;
  const venv = /^(.*)\/(bin|Scripts)\/[^/]+$/.exec(path)?.[1];
  if (venv && ctx.readFile) {
    const cfg = ctx.readFile(`${venv}/pyvenv.cfg`);
    return 'text' in cfg;
  }
  return false;
}

/** The script file an interpreter runs (`python3 -u x.py`, `node --require r x.js`, `php -f x.php`), if it reads one. */
export function interpreterScript(name: string, args: readonly Word[]): { file: Word; index: number; language: Language } | undefined {
  const spec = interpreterOf(name);
  if (!spec || !READ_LANGUAGES.includes(spec.language) || /^(bun|deno|irb[\d.]*)$/.test(name)) return undefined;
  const found = (index: number) =>
    args[index] && !(args[index]!.static && STDIN_PATHS.has(args[index]!.value))
      ? { file: args[index]!, index, language: spec.language }
      : undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !v.startsWith('-') || v === '-') return found(i);
    if (v === '--') return found(i + 1);
    if (spec.wordsWithArg?.includes(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      // Inline code, a test run over folders, a syntax check, a package script: no program file.
      if (spec.longCode?.includes(long) || (spec.language === 'node' && /^(test|check|run|help|version|v8-options)$/.test(long)))
        return undefined;
      if (spec.longWithArg?.includes(long) && eq < 0) i++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (spec.module?.includes(letter) || spec.code.includes(letter)) return undefined;
      if (spec.language === 'php' && letter === 'f')
        return j + 1 < v.length ? { file: { ...w, value: v.slice(j + 1) }, index: i, language: 'php' } : found(i + 1);
      if (spec.preload?.includes(letter) || spec.withArg.includes(letter)) {
        if (j + 1 === v.length) i++;
        break;
      }
      if (spec.digits?.includes(letter)) {
        while (j + 1 < v.length && /\d/.test(v[j + 1]!)) j++;
        continue;
      }
      if (spec.rest?.includes(letter)) break;
    }
  }
  return undefined;
}

/**
 * The module a Python interpreter runs as its program (`python3 -m twine upload dist/*`, `python -mpip`):
 * the module's name and the index of its first argument. Undefined when it runs a file, inline code or stdin.
 */
export function interpreterModule(name: string, args: readonly Word[]): { module: Word; rest: number } | undefined {
  const spec = interpreterOf(name);
  if (!spec?.module || spec.language !== 'python') return undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !v.startsWith('-') || v === '-' || v === '--') return undefined;
    if (spec.wordsWithArg?.includes(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      if (spec.longCode?.includes(long)) return undefined;
      if (spec.longWithArg?.includes(long) && eq < 0) i++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (spec.module.includes(letter)) {
        if (j + 1 < v.length) return { module: { ...w, value: v.slice(j + 1) }, rest: i + 1 };
        return args[i + 1] ? { module: args[i + 1]!, rest: i + 2 } : undefined;
      }
      if (spec.code.includes(letter)) return undefined;
      if (spec.preload?.includes(letter) || spec.withArg.includes(letter)) {
        if (j + 1 === v.length) i++;
        break;
      }
      if (spec.rest?.includes(letter)) break;
    }
  }
  return undefined;
}

/**
 * A program the catalogue knows, run by an interpreter: a script by its file name (`python manage.py
 * flush`), or a module by its name (`python3 -m twine upload`: the module is the twine program). Its
 * spec and arguments.
 */
export function scriptProgram(name: string, args: readonly Word[]): { spec: ProgramSpec; args: readonly Word[] } | undefined {
  const script = interpreterScript(name, args);
  const spec = script?.file.static ? specFor(commandBasename(script.file.value)) : undefined;
  if (spec) return { spec, args: args.slice(script!.index + 1) };
  const mod = interpreterModule(name, args);
  // `python -m timeit`: the module's own spec, else the program the module is (`python -m pip` is pip).
  const modSpec = mod?.module.static ? (specFor(`python -m ${mod.module.value}`) ?? specFor(mod.module.value)) : undefined;
  return modSpec ? { spec: modSpec, args: args.slice(mod!.rest) } : undefined;
}

const isStdinOrSubstitution = (w: Word): boolean => (w.static && STDIN_PATHS.has(w.value)) || /^[<>]\(/.test(w.raw);

/**
 * The files a command runs as its program, named by the words: `path` is the program's path when it
 * was run by one. A program the catalogue knows by the file's name (`./manage.py`, `bin/rails`,
 * `python manage.py`) is judged by its spec instead of being read.
 */
export function programFileActions(name: string, args: readonly Word[], path: Word | undefined, text: string): Action[] {
  const known = scriptProgram(name, args);
  if (known) return invocationActions(readInvocation(known.spec, known.args), text, known.args);
  const out: Action[] = [];
  if (path && !specFor(name)?.projectScript) out.push({ kind: 'file', path, as: { kind: 'program' }, detail: path.raw });
  const at = scriptFileOperand(name, [...args]);
  const file = at >= 0 ? args[at] : undefined;
  if (file && READ_SHELLS.has(name) && !isStdinOrSubstitution(file)) {
    out.push({
      kind: 'file',
      path: file,
      as: { kind: 'script' },
      detail: `${name} ${file.raw}`,
      shareState: name === 'source' || name === '.',
    });
  }
  const script = interpreterScript(name, args);
  if (script) {
    out.push({ kind: 'file', path: script.file, as: { kind: 'code', language: script.language }, detail: `${name} ${script.file.raw}` });
  }
  return out;
}

/** What reading a file gave, for the IR builder to judge. */
export type FileOutcome =
  | { kind: 'script'; text: Word }
  | { kind: 'code'; language: Language; code: Word }
  | { kind: 'sql'; dialect: Dialect; sql: Word; file: string }
  /** The program's own commands (`nsupdate cmds.txt`, `redis-cli --eval x.lua`). */
  | { kind: 'commands'; use: Extract<FileUse, { kind: 'commands' }>; text: Word }
  /** A text program with a `#!` line: the kernel runs `interpreter [argument] path args…`. */
  | { kind: 'spawn'; words: Word[] }
  | { kind: 'undecidable'; found: Undecidable }
  | { kind: 'none' };

export interface OpenedFile {
  /** Absolute; null when the folder it is relative to is not known. */
  path: string | null;
  outcome: FileOutcome;
}

const HOME_ONLY = /^(?:\$HOME|\$\{HOME\})\/[^$`]*$/;

/**
 * Reads the file a `file` action names, relative to each folder the command may run in, and says
 * how to judge what it holds. `args` are the words after the program (for a `#!` line's command).
 */
export function openProgramFile(
  ctx: AnalyzeContext,
  action: Extract<Action, { kind: 'file' }>,
  cwds: readonly (string | null)[],
  args: readonly Word[],
  text: string,
): OpenedFile[] {
  const w = action.path;
  const fail = (path: string | null, id: Parameters<typeof undecidable>[0], why: string): OpenedFile => ({
    path,
    outcome: { kind: 'undecidable', found: undecidable(id, why, text) },
  });
  // `"$HOME/.cargo/env"` is as good as a literal; any other expansion, or a glob, is not.
  if ((!w.static && !HOME_ONLY.test(w.value)) || w.glob)
    return [fail(null, 'parse.dynamic_script', `the file ${w.raw} run by ${action.detail} is only known when the command runs`)];
  const out: OpenedFile[] = [];
  for (const cwd of new Set(cwds)) {
    const path = normalizePath(w.value, cwd, ctx.home);
    if (path === null) {
      out.push(fail(null, 'parse.unreadable_file', `${action.detail}: ${w.raw} is relative to a folder only known when the command runs`));
      continue;
    }
    // SQL and a program's own commands act on a server whoever wrote the file.
    if (action.as.kind !== 'sql' && action.as.kind !== 'commands' && installed(path, ctx)) {
      out.push({ path, outcome: { kind: 'none' } });
      continue;
    }
    out.push({ path, outcome: judgeFile(ctx, action, path, args, text) });
  }
  return out;
}

function judgeFile(
  ctx: AnalyzeContext,
  action: Extract<Action, { kind: 'file' }>,
  path: string,
  args: readonly Word[],
  text: string,
): FileOutcome {
  const fail = (id: Parameters<typeof undecidable>[0], why: string): FileOutcome => ({
    kind: 'undecidable',
    found: undecidable(id, why, text),
  });
  if (!ctx.readFile) return fail('parse.unreadable_file', `${action.detail} runs ${path}, and files cannot be read in this analysis`);
  let read = ctx.readFile(path);
  // `python3 app/` runs app/__main__.py.
  if ('refused' in read && read.refused === 'not_regular' && action.as.kind === 'code' && action.as.language === 'python')
    read = ctx.readFile(`${path}/__main__.py`);
  if ('trusted' in read) return { kind: 'none' };
  if ('refused' in read) {
    switch (read.refused) {
      case 'missing':
        return { kind: 'none' }; // the command fails to open it: nothing runs
      case 'binary':
        // A compiled program run by its path, or given to a shell (which refuses it), runs nothing we can read.
        if (action.as.kind === 'program' || action.as.kind === 'script') return { kind: 'none' };
        return fail('parse.unreadable_file', `${action.detail}: ${read.reason}, which cannot be judged`);
      case 'too_large':
        return fail('limits.input_too_large', `${action.detail}: ${read.reason}`);
      default:
        return fail('parse.unreadable_file', `${action.detail}: ${read.reason}`);
    }
  }
  const word: Word = { value: read.text, static: true, raw: action.path.raw };
  const use: FileUse = action.as;
  switch (use.kind) {
    case 'script':
      return { kind: 'script', text: word };
    case 'code':
      return { kind: 'code', language: use.language, code: word };
    case 'sql':
      return { kind: 'sql', dialect: use.dialect, sql: word, file: path };
    case 'program':
      return programOutcome(read.text, word, action.path, args);
    case 'commands':
      return { kind: 'commands', use, text: word };
  }
}

/** A text file run by its path: its `#!` line's program reads it; without one, the shell runs it. */
function programOutcome(text: string, word: Word, path: Word, args: readonly Word[]): FileOutcome {
  const line = /^#!\s*(\S+)[ \t]*([^\n]*)/.exec(text);
  if (!line) return { kind: 'script', text: word };
  const lit = (v: string): Word => ({ value: v, static: true, raw: v });
  const interpreter = line[1]!;
  const rest = line[2]!.trim();
  // Linux passes the rest of the line as one argument, which `env -S` splits; macOS splits it for env.
  const env = commandBasename(interpreter) === 'env';
  const extra = rest === '' ? [] : env && /^-S\s/.test(rest) ? ['-S', rest.slice(2).trim()] : env ? rest.split(/\s+/) : [rest];
  return { kind: 'spawn', words: [lit(interpreter), ...extra.map(lit), path, ...args] };
}

/** Files that SQL names for the client to read and run (`\i f`, `\ir f`, `source f`, `.read f`, `:r f`). */
export function sqlIncludes(client: string, sql: string): { path: string; relative: boolean }[] {
  const out: { path: string; relative: boolean }[] = [];
  const unquote = (p: string) => p.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (const line of sql.split('\n')) {
    const t = line.trim();
    let m: RegExpExecArray | null = null;
    if (client === 'psql') m = /^\\(i|ir|include|include_relative)\s+(.+?)\s*$/.exec(t);
    else if (client === 'mysql' || client === 'mariadb') m = /^(source|\\\.)\s+(.+?)\s*;?\s*$/i.exec(t);
    else if (client === 'sqlite3' || client === 'sqlite' || client === 'duckdb') m = /^\.(read)\s+(.+?)\s*$/.exec(t);
    else if (client === 'sqlcmd') m = /^:(r)\s+(.+?)\s*$/i.exec(t);
    if (!m || m[2]!.startsWith('|')) continue; // `.read |cmd` runs a command: judged as a shell escape
    out.push({ path: unquote(m[2]!), relative: m[1] === 'ir' || m[1] === 'include_relative' });
  }
  return out;
}
