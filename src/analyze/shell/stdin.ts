// What a command reads on stdin when that is known text: a heredoc, a herestring, or the output
// of a static `echo`/`printf`/`cat <<EOF` piped into it. Shells, interpreters and SQL clients
// that read stdin run that text, so it is analysed as a nested script, code or SQL.
import type { Word } from '../../core/ir.js';
import type { AstRedirect, AstWord, Stmt } from './ast.js';
import { decodeAnsiC } from './ansi-c.js';
import { commandBasename } from './unwrap.js';

export type Stdin =
  | { kind: 'text'; word: Word; via: 'heredoc' | 'herestring' | 'pipe'; from: string }
  /** Piped from a command whose output is not known statically. */
  | { kind: 'pipe' }
  /** The output of the command around a `>(…)`, or of one inside `<(…)`, that is not known statically. */
  | { kind: 'unknown'; from: string }
  /** A file (`< f`, or `cat f |`: `path` names it) or another descriptor. */
  | { kind: 'file'; path?: Word };

/** The stdin a command's own redirects give it (the last input redirect on fd 0 wins). */
export function stdinOfRedirects(redirects: readonly AstRedirect[]): Stdin | undefined {
  let found: Stdin | undefined;
  for (const r of redirects) {
    if (r.fd !== undefined && r.fd !== '0') continue;
    if (r.op === '<<' || r.op === '<<-') found = { kind: 'text', word: r.target.word, via: 'heredoc', from: r.op };
    else if (r.op === '<<<') {
      const w = r.target.word;
      found = { kind: 'text', word: { ...w, value: w.value + '\n' }, via: 'herestring', from: '<<<' };
    } else if (r.op === '<') found = processSubstitutionText(r.target) ?? { kind: 'file', path: r.target.word };
    else if (r.op === '<&' || r.op === '<>') found = { kind: 'file' };
  }
  return found;
}

function echoText(args: Word[]): string | null {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!.value); i++) {
    const v = args[i]!.value;
    if (v.includes('n')) newline = false;
    if (v.includes('e')) escapes = true;
    if (v.includes('E')) escapes = false;
  }
  const text = args
    .slice(i)
    .map((w) => w.value)
    .join(' ');
  return (escapes ? decodeAnsiC(text) : text) + (newline ? '\n' : '');
}

function printfText(args: Word[]): string | null {
  const [format, ...rest] = args;
  if (!format) return null;
  if (!rest.length && !/%(?!%)/.test(format.value)) return decodeAnsiC(format.value).replace(/%%/g, '%');
  if (/^%[sb](\\n)?$/.test(format.value)) {
    const nl = format.value.endsWith('\\n') ? '\n' : '';
    return rest.map((w) => (format.value.startsWith('%b') ? decodeAnsiC(w.value) : w.value) + nl).join('');
  }
  return null;
}

/** The text a pipeline stage writes, when it is a static echo/printf/cat of a heredoc. */
export function pipeText(stage: Stmt): Stdin {
  if (stage.t !== 'cmd' || !stage.cmd.words.length) return { kind: 'pipe' };
  const ws = stage.cmd.words.map((w) => w.word);
  if (!ws.every((w) => w.static)) return { kind: 'pipe' };
  const name = commandBasename(ws[0]!.value);
  const args = ws.slice(1);
  let text: string | null = null;
  if (name === 'echo') text = echoText(args);
  else if (name === 'printf') text = printfText(args);
  else if (name === 'cat' && !args.length) {
    const s = stdinOfRedirects(stage.cmd.redirects);
    if (s?.kind === 'text') return { ...s, via: 'pipe', from: `cat ${s.from}` };
  } else if (name === 'cat' && args.length === 1 && !args[0]!.value.startsWith('-') && !stage.cmd.redirects.length) {
    return { kind: 'file', path: stage.cmd.words[1]!.word }; // `cat f |`: the reader gets f
  }
  if (text === null) return { kind: 'pipe' };
  return { kind: 'text', word: { value: text, static: true, raw: stage.cmd.text }, via: 'pipe', from: name };
}

/**
 * What reading a word that is exactly `<(…)` gives (`bash < <(echo …)`, `sh <(echo …)`): the
 * output of the command inside when it is known text, else unknown; null for any other word.
 */
export function processSubstitutionText(w: AstWord): Stdin | null {
  const sub = w.subs.length === 1 ? w.subs[0]! : undefined;
  if (!sub || sub.kind !== 'process_substitution' || sub.output || !/^<\([\s\S]*\)$/.test(w.word.raw)) return null;
  const out = sub.body.length === 1 && sub.script === undefined ? pipeText(sub.body[0]!) : null;
  return out?.kind === 'text' ? { ...out, from: `<(${out.from})` } : { kind: 'unknown', from: w.word.raw };
}
