// Interpreter code that changes files or signals processes itself, without a shell:
// `shutil.rmtree('/')`, `fs.rmSync(dir, {recursive: true})`, `FileUtils.rm_rf`, `unlink glob "/*"`,
// `open('/etc/passwd', 'w')`, `os.chmod('/etc/shadow', 0o666)`, `os.kill(-1, 9)`. Each call (read by
// the analyser's file-call reader, src/analyze/shell/code/file-calls.ts) becomes the shell command
// it is equivalent to (`rm -rf '/'`, `: > /etc/passwd`, `chmod 666 …`, `kill -s 9 -- -1`), so the
// rules judge it with the same paths, ids and evidence as the shell spelling. A target that is not
// a literal stays unknown, so a recursive delete of it blocks like `rm -rf "$DIR"` (the capability
// scan blocks the code as well); a few spellings of the home and working folder are read as
// `$HOME` and `$PWD`.
import type { SimpleCommand, Word } from '../../core/ir.js';
import type { Language } from '../../analyze/shell/actions.js';
import { interpreterActions } from '../../analyze/shell/interpreters.js';
import type { Arg } from '../../analyze/shell/code-lexer.js';
import { fileCallsIn, pathWords, type FileEffect } from '../../analyze/shell/code/file-calls.js';
import { nameOf } from './programs.js';
import { withInvocation } from '../../analyze/shell/invocation.js';

const word = (value: string): Word => ({ value, static: true, raw: value });

function command(name: string, args: Word[], cmd: SimpleCommand): SimpleCommand {
  return withInvocation({ ...cmd, name: word(name), args, redirects: [], assignments: [] });
}

function write(target: Word, cmd: SimpleCommand): SimpleCommand {
  return withInvocation({ ...cmd, name: word(':'), args: [], redirects: [{ op: '>', target }], assignments: [] });
}

/** A mode written as a literal number (`0o755`, `0755`, `'755'`), else unknown. */
function modeWord(a: Arg | undefined): Word {
  const text = a?.kind === 'string' ? a.value : a?.kind === 'other' ? a.text : '';
  const octal = /^0?[oO]?([0-7]{3,4})$/.exec(text.trim());
  return octal ? word(octal[1]!) : { value: `$(${text})`, static: false, raw: text };
}

/** A signal given literally (`9`, `'KILL'`, `:TERM`, `signal.SIGKILL`), or null. */
function signalName(a: Arg | undefined): string | null {
  const text = (a?.kind === 'string' ? a.value : a?.kind === 'other' ? a.text : '')
    .trim()
    .replace(/^:/, '')
    .replace(/^(?:signal\.|Signal::)/, '');
  return /^-?(?:\d+|(?:SIG)?[A-Z][A-Z0-9]*)$/.test(text) ? text.replace(/^-/, '') : null;
}

function pid(a: Arg): Word {
  const text = (a.kind === 'string' ? a.value : a.kind === 'other' ? a.text : '').replace(/\s+/g, '');
  return /^-?\d+$/.test(text) ? word(text) : { value: `$(${text})`, static: false, raw: text };
}

/** The shell commands one effect is equivalent to. */
function commandsOf(e: FileEffect, lang: Language, at: SimpleCommand): SimpleCommand[] {
  const words = (args: (Arg | undefined)[]) => args.flatMap((a) => pathWords(a, lang));
  const dashdash = word('--');
  switch (e.op) {
    case 'delete': {
      const targets = words(e.targets);
      return targets.length ? [command('rm', [...(e.recursive ? [word('-r'), word('-f')] : [word('-f')]), dashdash, ...targets], at)] : [];
    }
    case 'rmdir':
    case 'mkdir':
    case 'touch': {
      const targets = words(e.targets);
      const flags = e.op === 'mkdir' ? [word('-p')] : [];
      return targets.length ? [command(e.op, [...flags, dashdash, ...targets], at)] : [];
    }
    case 'write':
      return words(e.targets).map((w) => write(w, at));
    case 'move':
    case 'copy': {
      const from = words(e.from);
      const to = words([e.to]);
      if (!from.length || !to.length) return [];
      const flags = e.op === 'copy' && e.recursive ? [word('-r')] : [];
      return [command(e.op === 'move' ? 'mv' : 'cp', [...flags, dashdash, ...from, to[0]!], at)];
    }
    case 'link': {
      const target = words([e.target]);
      const link = words([e.link]);
      if (!link.length) return [];
      return [
        command(
          'ln',
          [...(e.symbolic ? [word('-s')] : []), dashdash, target[0] ?? { value: '$(target)', static: false, raw: 'target' }, link[0]!],
          at,
        ),
      ];
    }
    case 'chmod': {
      const targets = words(e.targets);
      return targets.length ? [command('chmod', [modeWord(e.mode), dashdash, ...targets], at)] : [];
    }
    case 'signal': {
      if (!e.pids.length) return [];
      const sig = signalName(e.signal);
      return [command('kill', [...(sig ? [word('-s'), word(sig)] : []), dashdash, ...e.pids.map(pid)], at)];
    }
  }
}

/** The interpreter's program text and language: inline code, or a heredoc/herestring it reads as its program. */
function codeOf(cmd: SimpleCommand): { lang: Language; code: string } | null {
  for (const a of interpreterActions(nameOf(cmd), cmd.args)) {
    if (a.kind === 'code') return { lang: a.language, code: a.code.value };
    if (a.kind === 'stdin-code') {
      const fed = cmd.redirects.filter((r) => (r.fd === undefined || r.fd === '0') && ['<<', '<<-', '<<<'].includes(r.op)).pop();
      if (fed) return { lang: a.language, code: fed.target.value };
    }
  }
  return null;
}

/** Shell commands equivalent to the deletes, writes, moves, mode changes and signals in this interpreter command's code. */
export function interpreterFileOps(cmd: SimpleCommand): SimpleCommand[] {
  const found = codeOf(cmd);
  if (!found) return [];
  const { lang, code } = found;
  // Code that changes its own folder makes relative paths unknowable.
  const at: SimpleCommand = /\bchdir\b|\bsetwd\b|\bcd\s*\(/.test(code) ? { ...cmd, cwd: null } : cmd;
  const calls = fileCallsIn(lang, code);
  const out = calls.flatMap((c) => commandsOf(c.effect, lang, at));
  // A delete function named but not called where we read it (`f = shutil.rmtree`, `{rmSync: r}`)
  // can be called with anything: an unknown recursive delete.
  DELETERS.lastIndex = 0;
  for (let m = DELETERS.exec(code); m; m = DELETERS.exec(code)) {
    const at0 = m.index;
    if (calls.some((c) => c.start <= at0 && at0 < c.end) || harmlessMention(code, m.index, m[0])) continue;
    out.push(command('rm', [word('-r'), word('-f'), word('--'), { value: `$(${m[0]})`, static: false, raw: m[0] }], at));
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
