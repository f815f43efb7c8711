// A small lexer for the arguments of a call in interpreter code (Python, JavaScript, Perl, Ruby,
// PHP): string literals with their language's quoting, lists, keyword arguments, and "something
// else". Enough to read `os.system('…')` or `spawnSync('sh', ['-c', '…'])` exactly, and to know
// when an argument is not a literal.
import { decodeAnsiC } from './ansi-c.js';
import type { Language } from './actions.js';

export type Arg =
  | { kind: 'string'; value: string; dynamic: boolean }
  | { kind: 'list'; items: Arg[] }
  | { kind: 'keyword'; name: string; value: Arg }
  | { kind: 'other'; text: string };

export interface Lexed<T> {
  value: T;
  end: number;
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function until(code: string, from: number, quote: string, escapes: boolean): number {
  for (let i = from; i < code.length; i++) {
    if (escapes && code[i] === '\\') i++;
    else if (code.startsWith(quote, i)) return i;
  }
  return -1;
}

/** Perl/Ruby/PHP: a string literal interpolates `$x`, `@x`, `#{…}`. */
const INTERPOLATES: Record<Language, RegExp> = {
  python: /\{[^{]/, // only for f-strings
  node: /\$\{/, // only for templates
  perl: /(^|[^\\])[$@][\w{:]/,
  ruby: /#\{/,
  php: /(^|[^\\])\$[\w{]/,
};

/** A string literal starting at `i`, or null. */
export function stringAt(code: string, i: number, lang: Language): Lexed<{ value: string; dynamic: boolean }> | null {
  let j = i;
  let raw = false;
  let fstring = false;
  if (lang === 'python') {
    const m = /^[rRbBuUfF]{1,2}(?=['"])/.exec(code.slice(i, i + 3));
    if (m) {
      raw = /[rR]/.test(m[0]);
      fstring = /[fF]/.test(m[0]);
      j += m[0].length;
    }
  }
  const quoteOp = lang === 'perl' ? /^(qq|q)(?=[({[<|/!])/ : lang === 'ruby' ? /^(%Q|%q|%)(?=[({[<|/!])/ : null;
  const m = quoteOp?.exec(code.slice(i, i + 4));
  if (m) {
    const open = code[i + m[0].length]!;
    const close = CLOSE[open] ?? open;
    const end = until(code, i + m[0].length + 1, close, true);
    if (end < 0) return null;
    const body = code.slice(i + m[0].length + 1, end);
    const interpolating = m[0] === 'qq' || m[0] === '%Q' || m[0] === '%';
    return { value: { value: body, dynamic: interpolating && INTERPOLATES[lang].test(body) }, end: end + 1 };
  }
  const q = code[j];
  if (q !== "'" && q !== '"' && !(q === '`' && lang === 'node')) return null;
  const triple = lang === 'python' && code.startsWith(q.repeat(3), j);
  const quote = triple ? q.repeat(3) : q;
  const end = until(code, j + quote.length, quote, true);
  if (end < 0) return null;
  const body = code.slice(j + quote.length, end);
  let value: string;
  let dynamic = false;
  if (q === '`') {
    dynamic = INTERPOLATES.node.test(body);
    value = body;
  } else if (q === "'" && lang !== 'python' && lang !== 'node') {
    value = body.replace(/\\([\\'])/g, '$1'); // single quotes in Perl/Ruby/PHP: only \\ and \'
  } else {
    value = raw ? body : decodeAnsiC(body.replace(/\\\n/g, ''));
    if (q === '"' && (lang === 'perl' || lang === 'ruby' || lang === 'php')) dynamic = INTERPOLATES[lang].test(body);
    if (fstring) dynamic = INTERPOLATES.python.test(body.replace(/\{\{/g, ''));
  }
  return { value: { value, dynamic }, end: end + quote.length };
}

function skipBlank(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i]!)) i++;
  return i;
}

/** One argument at `i`, ending before `,` or a closing bracket at depth 0 (or `stop`). */
function argAt(code: string, i: number, lang: Language, stop: RegExp): Lexed<Arg> {
  i = skipBlank(code, i);
  const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(code.slice(i));
  if (kw && lang === 'python') {
    const v = argAt(code, i + kw[0].length, lang, stop);
    return { value: { kind: 'keyword', name: kw[1]!, value: v.value }, end: v.end };
  }
  const s = stringAt(code, i, lang);
  if (s) {
    const after = skipBlank(code, s.end);
    if (after >= code.length || code[after] === ',' || /[)\]}]/.test(code[after]!) || stop.test(code.slice(after))) {
      return { value: { kind: 'string', ...s.value }, end: after };
    }
  }
  if ((code[i] === '[' || (code[i] === '(' && lang === 'perl')) && !s) {
    const list = argsAt(code, i + 1, lang, /^$/);
    const after = skipBlank(code, list.end + 1);
    if (after >= code.length || code[after] === ',' || /[)\]}]/.test(code[after]!) || stop.test(code.slice(after))) {
      return { value: { kind: 'list', items: list.value }, end: after };
    }
  }
  // Anything else: skip to the end of the argument, minding brackets and strings.
  let depth = 0;
  let j = i;
  for (; j < code.length; j++) {
    const str = stringAt(code, j, lang);
    if (str) {
      j = str.end - 1;
      continue;
    }
    const ch = code[j]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (ch === ',' || stop.test(code.slice(j)))) break;
  }
  return { value: { kind: 'other', text: code.slice(i, j).trim() }, end: j };
}

/** Arguments from `i` (just after an opening bracket, or after a paren-less call's name). */
export function argsAt(code: string, i: number, lang: Language, stop: RegExp): Lexed<Arg[]> {
  const args: Arg[] = [];
  let j = skipBlank(code, i);
  if (/[)\]}]/.test(code[j] ?? '')) return { value: args, end: j };
  while (j < code.length) {
    const a = argAt(code, j, lang, stop);
    args.push(a.value);
    j = skipBlank(code, a.end);
    if (code[j] === ',') {
      j++;
      continue;
    }
    break;
  }
  return { value: args, end: j };
}
