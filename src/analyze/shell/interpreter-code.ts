// Shell commands inside interpreter code (`python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r`,
// `lua -e`, `Rscript -e`). Calls that run a shell or a program with literal arguments are
// extracted exactly; a call whose arguments are not literal is a problem. Everything else the code
// can do — run programs another way, change files, signal, upload, evaluate — is judged by the
// capability scan (code/scan.ts): what it cannot account for is a problem too, and the caller
// turns problems into an undecidable.
import { boundedMemo } from '../../core/bounded-memo.js';
import type { Language } from './actions.js';
import { argsAt, stringAt, type Arg } from './code-lexer.js';
import { capabilityProblems, type Span } from './code/scan.js';
import { fileCallsIn } from './code/file-calls.js';
import { actionsFor } from './programs.js';
import { canonicalCandidates, pythonImports } from './code/python-imports.js';
import { commandBasename } from './unwrap.js';

export interface ShellCalls {
  /** Shell scripts the code runs. */
  scripts: string[];
  /** Programs the code runs directly, as argv. */
  argvs: string[][];
  /** Why some part of the code cannot be decided. */
  problems: string[];
}

type Kind =
  'script' | 'auto' | 'subprocess' | 'exec-l' | 'exec-v' | 'spawn-l' | 'spawn-v' | 'argv-args' | 'node-spawn' | 'perl-open' | 'argv-list';

interface Call {
  re: RegExp;
  kind: Kind;
  /** Perl and Ruby may call without parentheses. */
  bare?: boolean;
}

interface LanguageSpec {
  calls: Call[];
  /** Calls by canonical dotted name, for languages whose imports rename modules and functions. */
  byName?: Record<string, Kind>;
  /** Local names → the dotted names they stand for. */
  imports?: (masked: string) => Map<string, string>;
  /** Changes to the environment the programs it runs inherit (`LD_PRELOAD`, `PATH`, `NODE_OPTIONS`). */
  env?: RegExp;
  comment: RegExp;
  /** Inline command literals: backticks, qx{}, %x(). */
  inline?: RegExp;
}

function byName(modules: string, members: string, kind: Kind): Record<string, Kind> {
  const out: Record<string, Kind> = {};
  for (const m of modules.split(' ')) for (const n of members.split(' ')) out[`${m}.${n}`] = kind;
  return out;
}

const SPECS: Partial<Record<Language, LanguageSpec>> = {
  python: {
    calls: [],
    // Calls are found by name, through what imports bind (`import subprocess as sp`, `from os import system`).
    byName: {
      ...byName('os posix nt', 'system popen', 'script'),
      ...byName('subprocess', 'run call check_call check_output Popen', 'subprocess'),
      ...byName('subprocess commands', 'getoutput getstatusoutput', 'script'),
      ...byName('os posix nt', 'execv execve execvp execvpe posix_spawn posix_spawnp', 'exec-v'),
      ...byName('os posix nt', 'execl execle execlp execlpe', 'exec-l'),
      ...byName('os posix nt', 'spawnv spawnve spawnvp spawnvpe', 'spawn-v'),
      ...byName('os posix nt', 'spawnl spawnle spawnlp spawnlpe', 'spawn-l'),
      'pty.spawn': 'argv-list',
      'asyncio.create_subprocess_shell': 'script',
      'asyncio.create_subprocess_exec': 'argv-args',
    },
    imports: pythonImports,
    env: /\benv\s*=(?!=)|\bos\.environ\s*(?:\[[^\]]*\]\s*=(?!=)|\.(?:update|setdefault|pop|clear|__setitem__)\b|=(?!=))|\b(?:os\.)?putenv\b/,
    comment: /#[^\n]*/y,
  },
  node: {
    calls: [
      { re: /\b(?:exec|execSync)\b/g, kind: 'script' },
      { re: /\b(?:spawn|spawnSync|execFile|execFileSync)\b/g, kind: 'node-spawn' },
    ],
    env: /\bprocess\.env\s*(?:\.[\w$]+\s*|\[[^\]]*\]\s*)?=(?!=)|\benv\s*:|Object\.assign\s*\(\s*process\.env\b|\bdelete\s+process\.env\b/,
    comment: /\/\/[^\n]*|\/\*[\s\S]*?\*\//y,
  },
  perl: {
    calls: [
      { re: /\b(?:system|exec)\b/g, kind: 'auto', bare: true },
      { re: /\breadpipe\b/g, kind: 'script', bare: true },
      { re: /\bopen\b/g, kind: 'perl-open', bare: true },
    ],
    env: /\$ENV\s*\{[^}]*\}\s*(?:=(?!=)|\.=)|%ENV\s*=(?!=)|\blocal\s+(?:\$|%)ENV\b|\bdelete\s+\$ENV\b/,
    comment: /#[^\n]*/y,
    inline: /`|\bqx\s*[({[<|/!]/y,
  },
  ruby: {
    calls: [
      { re: /\b(?:system|exec|spawn)\b/g, kind: 'auto', bare: true },
      { re: /\bIO\.popen\b|\bOpen3\.(?:capture2e?|capture3|popen2e?|popen3|pipeline\w*)\b/g, kind: 'auto', bare: true },
    ],
    env: /\bENV\s*(?:\[[^\]]*\]\s*=(?!=)|\.(?:update|merge!|store|replace|clear|delete)\b)|\b(?:system|exec|spawn|popen\w*|capture\w*|pipeline\w*)\s*\(?\s*\{/,
    comment: /#[^\n]*/y,
    inline: /`|%x\s*[({[<|/!]/y,
  },
  php: {
    calls: [
      // PHP function names ignore case.
      { re: /\b(?:system|exec|shell_exec|passthru|popen)\b/gi, kind: 'script' },
      { re: /\bproc_open\b/gi, kind: 'auto' },
      { re: /\bpcntl_exec\b/gi, kind: 'exec-v' },
    ],
    env: /\bputenv\s*\(|\$_ENV\s*\[[^\]]*\]\s*=(?!=)|\bproc_open\s*\((?:[^;]*,){4}/,
    comment: /\/\/[^\n]*|#(?!\[)[^\n]*|\/\*[\s\S]*?\*\//y,
    inline: /`/y,
  },
  lua: {
    calls: [{ re: /\b(?:os\.execute|io\.popen)\b/g, kind: 'script' }],
    comment: /--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*/y,
  },
  r: {
    calls: [{ re: /(?<![\w.])system\b/g, kind: 'script' }],
    env: /\bSys\.setenv\b/,
    comment: /#[^\n]*/y,
  },
};

const BARE_STOP = /^\s*(?:;|\n|\bor\b|\band\b|\|\||&&|\bif\b|\bunless\b|\}|$)/;

function stringOf(a: Arg | undefined): string | null {
  return a?.kind === 'string' && !a.dynamic ? a.value : null;
}

function listOf(a: Arg | undefined): string[] | null {
  if (a?.kind !== 'list') return null;
  const items = a.items.map(stringOf);
  return items.every((x): x is string => x !== null) ? items : null;
}

/** What one call runs, or why it cannot be read. */
function resolve(kind: Kind, args: Arg[], calls: ShellCalls, name: string): void {
  const positional = args.filter((a) => a.kind !== 'keyword');
  const keyword = (n: string) => args.find((a): a is Extract<Arg, { kind: 'keyword' }> => a.kind === 'keyword' && a.name === n);
  const fail = (): void => {
    calls.problems.push(`${name}(…) with an argument that is not a literal`);
  };
  const script = (s: string | null): void => {
    if (s === null) fail();
    else calls.scripts.push(s);
  };
  const argv = (path: string | null, rest: (string | null)[] | null): void => {
    if (path === null || rest === null || rest.some((x) => x === null)) fail();
    else calls.argvs.push([path, ...(rest as string[])]);
  };
  const literal = (a: Arg | undefined, text: RegExp) => a?.kind === 'other' && text.test(a.text);
  switch (kind) {
    case 'script':
      return script(stringOf(positional[0]));
    case 'subprocess': {
      const shell = keyword('shell');
      const first = positional[0];
      if (shell && !literal(shell.value, /^False$/)) {
        if (!literal(shell.value, /^True$/)) return fail();
        return script(stringOf(first) ?? listOf(first)?.[0] ?? null);
      }
      const list = listOf(first);
      if (list) return list.length ? argv(list[0]!, list.slice(1)) : undefined;
      return script(stringOf(first)); // a lone string: judge it as a script
    }
    case 'exec-v':
      return argv(stringOf(positional[0]), listOf(positional[1])?.slice(1) ?? null);
    case 'exec-l':
      return argv(stringOf(positional[0]), positional.slice(2).map(stringOf));
    case 'spawn-v':
      return argv(stringOf(positional[1]), listOf(positional[2])?.slice(1) ?? null);
    case 'spawn-l':
      return argv(stringOf(positional[1]), positional.slice(3).map(stringOf));
    case 'argv-args':
      return argv(stringOf(positional[0]), positional.slice(1).map(stringOf));
    case 'argv-list': {
      const list = listOf(positional[0]);
      if (list?.length) return argv(list[0]!, list.slice(1));
      return argv(stringOf(positional[0]), []);
    }
    case 'node-spawn': {
      const cmd = stringOf(positional[0]);
      const rest = positional[1]?.kind === 'list' ? listOf(positional[1]) : [];
      const opts = positional.find((a) => literal(a, /\bshell\s*:/));
      if (opts && !literal(opts, /\bshell\s*:\s*false\b/)) {
        return script(cmd === null || rest === null ? null : [cmd, ...rest].join(' '));
      }
      return argv(cmd, rest);
    }
    case 'auto': {
      // Ruby/Perl: an optional env hash first, an options hash last; one string is a shell
      // script, several are an argv; a list `[cmd, argv0]` names the program.
      const parts = positional.filter((a, i) => !(literal(a, /^\{/) && (i === 0 || i === positional.length - 1)));
      if (parts.length === 1 && parts[0]!.kind === 'string') return script(stringOf(parts[0]));
      if (parts.length === 1 && parts[0]!.kind === 'list') {
        const list = listOf(parts[0]);
        return list?.length ? argv(list[0]!, list.slice(1)) : fail();
      }
      const head = parts[0]?.kind === 'list' ? (listOf(parts[0])?.[0] ?? null) : stringOf(parts[0]);
      return argv(head, parts.slice(1).map(stringOf));
    }
    case 'perl-open': {
      const mode = stringOf(positional[1]);
      if (mode === null) return fail(); // an open of a variable may open a pipe
      if (positional.length === 2) {
        const pipe = /^\s*\|(.*)$|^(.*)\|\s*$/s.exec(mode);
        if (pipe) script((pipe[1] ?? pipe[2] ?? '').trim());
        return;
      }
      if (mode.trim() === '-|' || mode.trim() === '|-') {
        const rest = positional.slice(2).map(stringOf);
        if (rest.length === 1) return script(rest[0]!);
        return argv(rest[0] ?? null, rest.slice(1));
      }
      return;
    }
  }
}

/** Blanks out strings and comments (so names inside them are not mistaken for calls); collects inline command literals. */
function mask(code: string, lang: Language, spec: LanguageSpec, calls: ShellCalls, spans: Span[]): string {
  let out = '';
  for (let i = 0; i < code.length;) {
    if (spec.inline) {
      spec.inline.lastIndex = i;
      const m = spec.inline.exec(code);
      if (m) {
        const open = code[i + m[0].length - 1]!;
        const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
        let end = code.indexOf(close, i + m[0].length);
        if (end < 0) end = code.length;
        const body = code.slice(i + m[0].length, end);
        const interpolates = lang === 'ruby' ? /#\{/.test(body) : /(^|[^\\])[$@][\w{]/.test(body);
        if (interpolates) calls.problems.push(`a command literal with interpolation: ${m[0]}${body}`);
        else calls.scripts.push(body);
        spans.push({ start: i, end: end + 1 });
        out += ' '.repeat(end + 1 - i);
        i = end + 1;
        continue;
      }
    }
    spec.comment.lastIndex = i;
    const c = spec.comment.exec(code);
    if (c && c.index === i && c[0].length) {
      out += ' '.repeat(c[0].length);
      i += c[0].length;
      continue;
    }
    const s = stringAt(code, i, lang);
    if (s) {
      const len = Math.min(s.end, code.length) - i;
      out += code[i] + ' '.repeat(Math.max(0, len - 2)) + (len > 1 ? code[s.end - 1] : '');
      i = s.end;
      continue;
    }
    out += code[i];
    i++;
  }
  return out.slice(0, code.length);
}

/** The code with strings and comments blanked. */
function maskedOf(lang: Language, code: string): string {
  const spec = SPECS[lang];
  return spec ? mask(code, lang, spec, { scripts: [], argvs: [], problems: [] }, []) : code;
}

/** Shell scripts and argvs the code runs through calls with literal arguments, and where those calls are. */
function readShellCalls(lang: Language, code: string): { calls: ShellCalls; spans: Span[] } {
  const calls: ShellCalls = { scripts: [], argvs: [], problems: [] };
  const spans: Span[] = [];
  const spec = SPECS[lang];
  if (!spec) return { calls, spans };
  const masked = mask(code, lang, spec, calls, spans);
  // Without child_process, JavaScript's exec/spawn names are other things (RegExp#exec, …).
  if (lang === 'node' && !/child_process/.test(code)) return { calls, spans };
  const found: { index: number; name: string; kind: Kind; bare?: boolean }[] = [];
  for (const call of spec.calls) {
    call.re.lastIndex = 0;
    for (let m = call.re.exec(masked); m; m = call.re.exec(masked))
      found.push({ index: m.index, name: m[0], kind: call.kind, ...(call.bare ? { bare: true } : {}) });
  }
  if (spec.byName) {
    const imports = spec.imports?.(masked) ?? new Map<string, string>();
    for (const m of masked.matchAll(/(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g)) {
      // `logging.os.system` is `os.system`: a module reached as a member is the module.
      const name = canonicalCandidates(m[0], imports).find((c) => Object.hasOwn(spec.byName!, c));
      if (name) found.push({ index: m.index, name: m[0], kind: spec.byName[name]! });
    }
  }
  for (const call of found) {
    const end = call.index + call.name.length;
    if (masked[call.index - 1] === '$' || masked[call.index - 1] === '@' || /^\s*(=>|:(?!:))/.test(masked.slice(end))) continue; // a variable or hash key
    const after = end + (/^\s*/.exec(masked.slice(end))?.[0].length ?? 0);
    let args: Arg[] | null = null;
    if (masked[after] === '(') {
      const r = argsAt(code, after + 1, lang, /^$/);
      if (code[r.end] === ')') args = r.value;
    } else if (call.bare && /^\s+\S/.test(masked.slice(end)) && !BARE_STOP.test(masked.slice(end))) {
      args = argsAt(code, after, lang, BARE_STOP).value;
    }
    if (!args) continue; // not a call we read: the capability scan judges the name
    spans.push({ start: call.index, end });
    resolve(call.kind, args, calls, call.name);
  }
  return { calls, spans };
}

/**
 * A program that reads its own program from stdin (`sh`, `bash -s`, `python3 -`, `psql`): started
 * from code, its stdin is what the code writes to it (`open(F, "|-", "sh")`, `popen(…, 'w')`,
 * `input=`) or what the interpreter inherited, never text the analyser has read.
 */
function readsProgramFromStdin(words: string[]): boolean {
  const [name, ...args] = words;
  if (!name) return false;
  const w = (value: string) => ({ value, static: true, raw: value });
  return actionsFor(commandBasename(name), args.map(w), words.join(' ')).some(
    (a) => a.kind === 'stdin-script' || a.kind === 'stdin-code' || a.kind === 'stdin-unread' || a.kind === 'stdin-sql',
  );
}

/** The commands of a script that start with the script's own stdin (not after a `|`), roughly split. */
function stdinStages(script: string): string[][] {
  return script
    .split(/\|\||&&|;|\n|&(?!&)/)
    .map((part) => part.split('|')[0]!.trim().split(/\s+/).filter(Boolean))
    .filter((ws) => ws.length > 0);
}

/**
 * What interpreter code runs (scripts, argvs), and why parts of it cannot be decided: calls with
 * arguments that are not literals, and every capability the scan cannot account for.
 */
export function shellCallsIn(lang: Language, code: string): ShellCalls {
  const calls = shellCallsOf(`${lang}\u0000${code}`);
  // A copy: callers add to what they get, and the memo's answer must stay as read.
  return { scripts: [...calls.scripts], argvs: calls.argvs.map((a) => [...a]), problems: [...calls.problems] };
}

const shellCallsOf = boundedMemo((key: string): ShellCalls => {
  const at = key.indexOf('\u0000'); // no language name holds a NUL: the first one ends it
  const lang = key.slice(0, at) as Language;
  const code = key.slice(at + 1);
  const { calls, spans } = readShellCalls(lang, code);
  for (const words of [...calls.scripts.flatMap(stdinStages), ...calls.argvs]) {
    if (readsProgramFromStdin(words))
      calls.problems.push(`${words.join(' ')} reads its program from stdin, which the code feeds or passes on`);
  }
  // A program run with an environment the code changed is not the command we read (LD_PRELOAD, PATH, NODE_OPTIONS).
  const env = SPECS[lang]?.env;
  if (env && (calls.scripts.length || calls.argvs.length) && env.test(maskedOf(lang, code)))
    calls.problems.push('runs programs in an environment the code changes');
  const files = fileCallsIn(lang, code).map((f) => ({ start: f.start, end: f.end, literal: f.literal }));
  for (const p of capabilityProblems(lang, code, { shell: spans, file: files })) if (!calls.problems.includes(p)) calls.problems.push(p);
  return calls;
}, 256);
