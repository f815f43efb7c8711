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

/** The closing bracket of `q(…)`, `%(…)`: brackets of the same kind nest inside. */
function closing(code: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '\\') i++;
    else if (ch === open && open !== close) depth++;
    else if (ch === close) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Perl/Ruby/PHP: a string literal interpolates `$x`, `@x`, `#{…}`. */
const INTERPOLATES: Record<Language, RegExp> = {
  python: /\{[^{]/, // only for f-strings
  node: /\$\{/, // only for templates
  jxa: /\$\{/,
  perl: /(^|[^\\])[$@][\w{:]/,
  ruby: /#\{/,
  php: /(^|[^\\])\$[\w{]/,
  r: /(?!)/,
  julia: /(^|[^\\])\$[\w(]/,
  lua: /(?!)/,
  powershell: /(^|[^`])\$[\w{(:]/,
  applescript: /(?!)/,
  groovy: /(^|[^\\])\$[\w{]/,
  java: /(?!)/,
  tcl: /(^|[^\\])[$[]/,
};

/** Quotes each language reads as strings beyond `'` and `"`. */
const LONG_QUOTES: Partial<Record<Language, string[]>> = {
  python: ["'''", '"""'],
  julia: ['"""'],
  groovy: ["'''", '"""'],
  java: ['"""'],
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
    const from = i + m[0].length + 1;
    const end = close !== open ? closing(code, from, open, close) : until(code, from, close, true);
    if (end < 0) return null;
    const body = code.slice(from, end);
    const interpolating = m[0] === 'qq' || m[0] === '%Q' || m[0] === '%';
    return { value: { value: body, dynamic: interpolating && INTERPOLATES[lang].test(body) }, end: end + 1 };
  }
  if (lang === 'lua') {
    // Long brackets: [[…]], [==[…]==]; no escapes inside.
    const long = /^\[(=*)\[/.exec(code.slice(i, i + 64));
    if (long) {
      const close = `]${long[1]}]`;
      const end = code.indexOf(close, i + long[0].length);
      if (end < 0) return null;
      return { value: { value: code.slice(i + long[0].length, end), dynamic: false }, end: end + close.length };
    }
  }
  if (lang === 'powershell' && /^@['"]/.test(code.slice(i, i + 2))) {
    // Here-strings: @'…'@ and @"…"@, closed at the start of a line.
    const q = code[i + 1]!;
    const end = code.indexOf(`\n${q}@`, i + 2);
    if (end < 0) return null;
    const body = code.slice(i + 2, end).replace(/^\r?\n/, '');
    return { value: { value: body, dynamic: q === '"' && INTERPOLATES.powershell.test(body) }, end: end + 3 };
  }
  const q = code[j];
  const backtickString = lang === 'node' || lang === 'jxa' || lang === 'julia';
  if (q !== "'" && q !== '"' && !(q === '`' && backtickString)) return null;
  if (q === "'" && (lang === 'java' || lang === 'julia') && !/^'(?:\\.[^']{0,8}|[^\\'\n]{1,2})'/.test(code.slice(j, j + 12))) return null; // a char literal, or not a string (Julia's transpose)
  const triple = (LONG_QUOTES[lang] ?? []).includes(q.repeat(3)) && code.startsWith(q.repeat(3), j);
  const quote = triple ? q.repeat(3) : q;
  const end = lang === 'powershell' ? powershellEnd(code, j + 1, q) : until(code, j + quote.length, quote, true);
  if (end < 0) return null;
  const body = code.slice(j + quote.length, end);
  let value: string;
  let dynamic = false;
  if (q === '`') {
    dynamic = INTERPOLATES[lang].test(body);
    value = body;
  } else if (lang === 'powershell') {
    value =
      q === "'" ? body.replace(/''/g, "'") : body.replace(/`(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
    dynamic = q === '"' && INTERPOLATES.powershell.test(body);
  } else if (q === "'" && (lang === 'perl' || lang === 'ruby' || lang === 'php')) {
    value = body.replace(/\\([\\'])/g, '$1'); // single quotes in Perl/Ruby/PHP: only \\ and \'
  } else {
    value = raw ? body : decodeAnsiC(body.replace(/\\\n/g, ''));
    if (q === '"' && lang !== 'python' && lang !== 'node') dynamic = INTERPOLATES[lang].test(body);
    if (fstring) dynamic = INTERPOLATES.python.test(body.replace(/\{\{/g, ''));
  }
  return { value: { value, dynamic }, end: end + quote.length };
}

/** PowerShell: '' inside single quotes and `" inside double quotes do not close the string. */
function powershellEnd(code: string, from: number, q: string): number {
  for (let i = from; i < code.length; i++) {
    if (q === '"' && code[i] === '`') i++;
    else if (code[i] === q) {
      if (code[i + 1] === q) i++;
      else return i;
    }
  }
  return -1;
}

function skipBlank(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i]!)) i++;
  return i;
}

/** One argument at `i`, ending before `,` or a closing bracket at depth 0 (or `stop`). */
function argAt(code: string, i: number, lang: Language, stop: RegExp): Lexed<Arg> {
  i = skipBlank(code, i);
  const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(code.slice(i));
  if (kw && (lang === 'python' || lang === 'r')) {
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
