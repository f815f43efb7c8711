// A tokenizer for interpreter code: names, strings, numbers, punctuation, regex and command
// literals, with comments dropped. Code hidden inside text — an f-string's `{…}`, a template's
// `${…}`, Ruby's `#{…}`, Perl's `@{[…]}`, `s///e` — comes back as fragments, read the same way.
// Where the language itself guesses (`/` as regex or division), both readings are returned; a
// string or comment left open is a problem, since what follows cannot be told from text.
import type { Language } from '../actions.js';
import { stringAt } from '../code-lexer.js';
import { SYNTAX, type Interpolation, type Syntax } from './syntax.js';

export type TokenKind = 'name' | 'string' | 'number' | 'punct' | 'command' | 'regex';

export interface Token {
  kind: TokenKind;
  /** The source text. */
  text: string;
  start: number;
  end: number;
  /** Names: the identifier as the language reads it; strings and commands: the decoded text. */
  value: string;
  /** Strings, commands: part of the value is computed (interpolation). */
  dynamic?: boolean;
  /** Variables: the sigil (`$`, `@`, `%`, `&`, `*`, `$$`, `&$`…). */
  sigil?: string;
  /** Ruby symbols (`:system`), R's backquoted names. */
  symbol?: boolean;
  /** A newline comes between this token and the one before. */
  newline?: boolean;
}

/** Code inside text, or the other reading of the code from an ambiguous `/` on. */
export interface Fragment {
  code: string;
  offset: number;
  division?: boolean;
}

export interface Lexed {
  tokens: Token[];
  fragments: Fragment[];
  problems: string[];
}

export interface LexOptions {
  /** Text that may not be code (an interpolation, the other reading of a `/`): an open string is no failure. */
  lenient?: boolean;
  /** The `/` at offset 0 is division. */
  division?: boolean;
  /** Ambiguous `/` readings left to explore, shared by every nested tokenization. */
  budget?: { forks: number };
}

const MAX_FORKS = 8;

const PUNCT = [
  '?->',
  '...',
  '===',
  '!==',
  '<=>',
  '**=',
  '->',
  '::',
  '?.',
  '&.',
  '*.',
  '.&',
  '.@',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '**',
  '..',
  '+=',
  '-=',
  '*=',
  '/=',
  '.=',
  '=~',
  '!~',
  '<<',
  '>>',
  '++',
  '--',
  '//',
];

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Words after which a `/` starts a regex. */
const REGEX_AFTER: Record<'js' | 'perl' | 'ruby', Set<string>> = {
  js: new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']),
  perl: new Set([
    'if',
    'unless',
    'and',
    'or',
    'not',
    'xor',
    'lt',
    'gt',
    'le',
    'ge',
    'eq',
    'ne',
    'cmp',
    'x',
    'return',
    'split',
    'grep',
    'map',
    'join',
    'push',
    'unshift',
    'print',
    'say',
    'when',
    'while',
    'until',
    'defined',
    'scalar',
    'lc',
    'uc',
    'length',
    'die',
    'warn',
  ]),
  ruby: new Set([
    'if',
    'unless',
    'and',
    'or',
    'not',
    'when',
    'while',
    'until',
    'return',
    'puts',
    'p',
    'print',
    'case',
    'elsif',
    'then',
    'do',
    'in',
  ]),
};

const CONTROL = new Set(['if', 'while', 'for', 'with', 'elsif', 'unless', 'until']);

function isTerm(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'command') return true;
  if (t.kind === 'name') return t.sigil !== undefined;
  return t.text === ')' || t.text === ']' || t.text === '}';
}

/** Where a bracketed body opened at `from - 1` ends (the closer's index), or -1. */
function balanced(code: string, from: number, open: string, close: string, escapes = true): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if (escapes && ch === '\\') i++;
    else if (ch === open && open !== close) depth++;
    else if (ch === close) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The end (exclusive) of a delimited body starting after its opener at `from`, and the body. */
function delimited(code: string, from: number, open: string): { body: string; end: number } | null {
  const close = CLOSE[open] ?? open;
  const at = balanced(code, from, open, close);
  return at < 0 ? null : { body: code.slice(from, at), end: at + 1 };
}

/** Code inside an interpolating string body that starts at `offset`. */
function interpolations(body: string, offset: number, style: Interpolation): Fragment[] {
  const out: Fragment[] = [];
  const take = (open: number, openCh: string, closeCh: string, from = open + 1): number => {
    const end = balanced(body, from, openCh, closeCh);
    const stop = end < 0 ? body.length : end;
    out.push({ code: body.slice(from, stop), offset: offset + from });
    return stop;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && style !== 'python' && style !== 'dollar-paren') {
      i++;
      continue;
    }
    const next = body[i + 1];
    switch (style) {
      case 'python':
        if (ch === '{') {
          if (next === '{') i++;
          else i = take(i, '{', '}');
        }
        break;
      case 'js':
        if (ch === '$' && next === '{') i = take(i + 1, '{', '}');
        break;
      case 'ruby':
        if (ch === '#' && next === '{') i = take(i + 1, '{', '}');
        break;
      case 'php':
        if (ch === '{' && next === '$') i = take(i, '{', '}');
        else if (ch === '$' && next === '{') i = take(i + 1, '{', '}');
        break;
      case 'dollar-paren':
        if (ch === '$' && next === '(') i = take(i + 1, '(', ')');
        break;
      case 'tcl':
        if (ch === '[') i = take(i, '[', ']');
        break;
      case 'perl':
        // `@{[ … ]}`, `${\ … }`, and the subscripts of interpolated variables (`$a[…]`, `$h{…}`) run code.
        if ((ch === '$' || ch === '@') && next === '{') i = take(i + 1, '{', '}');
        else if ((ch === '$' || ch === '@') && /[\w:]/.test(next ?? '')) {
          let j = i + 1;
          while (j < body.length && /[\w:]/.test(body[j]!)) j++;
          for (;;) {
            if (body.startsWith('->', j) && /[[{]/.test(body[j + 2] ?? '')) j += 2;
            const open = body[j];
            if (open !== '[' && open !== '{') break;
            j = take(j, open, CLOSE[open]!) + 1;
          }
          i = j - 1;
        }
        break;
      case 'none':
        return out;
    }
  }
  return out;
}

/** Reads code into tokens. */
export function tokenize(lang: Language, code: string, opts: LexOptions = {}): Lexed {
  const syn = SYNTAX[lang];
  const out: Lexed = { tokens: [], fragments: [], problems: [] };
  const budget = opts.budget ?? { forks: MAX_FORKS };
  /** The token before each open bracket: `if (…) /re/` vs `f(…) / 2`. */
  const openers: (Token | undefined)[] = [];
  const closed = new Map<Token, Token | undefined>();
  let newline = false;
  const push = (t: Omit<Token, 'text'> & { text?: string }): void => {
    const token = t as Token;
    token.text ??= code.slice(t.start, t.end);
    if (newline) token.newline = true;
    newline = false;
    out.tokens.push(token);
  };
  const fail = (what: string): void => {
    if (!opts.lenient) out.problems.push(what);
  };
  const fragmentsOf = (body: string, bodyStart: number, style: Interpolation): void => {
    out.fragments.push(...interpolations(body, bodyStart, style));
  };
  const prev = (): Token | undefined => out.tokens[out.tokens.length - 1];

  let i = 0;
  while (i < code.length) {
    const ch = code[i]!;
    if (/\s/.test(ch)) {
      if (ch === '\n') newline = true;
      i++;
      continue;
    }
    const lineStart = i === 0 || code[i - 1] === '\n';
    const rest = code.slice(i, i + 16);
    if (lineStart && (lang === 'perl' || lang === 'ruby') && /^__(END|DATA)__\b/.test(rest)) break;
    if (lineStart && lang === 'perl' && /^=[A-Za-z]/.test(rest)) {
      const cut = code.indexOf('\n=cut', i);
      i = cut < 0 ? code.length : nextLine(code, cut + 1);
      continue;
    }
    if (lineStart && lang === 'ruby' && /^=begin\b/.test(rest)) {
      const end = code.indexOf('\n=end', i);
      i = end < 0 ? code.length : nextLine(code, end + 1);
      continue;
    }
    if (i === 0 && code.startsWith('#!')) {
      i = nextLine(code, 0);
      continue;
    }
    // Comments.
    const comment = commentEnd(code, i, lang, syn, out.tokens, newline || i === 0);
    if (comment !== null) {
      if (comment < 0) {
        fail('a comment that is never closed');
        break;
      }
      if (code.slice(i, comment).includes('\n')) newline = true;
      i = comment;
      continue;
    }
    // Template literals, with `${…}` nesting (JavaScript).
    if (ch === '`' && (lang === 'node' || lang === 'jxa')) {
      const end = templateEnd(code, i + 1, out.fragments);
      if (end < 0) {
        fail('a template string that is never closed');
        break;
      }
      const body = code.slice(i + 1, end - 1);
      push({ kind: 'string', start: i, end, value: body, dynamic: /\$\{/.test(body) });
      i = end;
      continue;
    }
    // Shell commands in backticks (Perl, Ruby, PHP).
    if (ch === '`' && syn.backtickCommand) {
      const end = code.indexOf('`', i + 1);
      if (end < 0) {
        fail('a command in backticks that is never closed');
        break;
      }
      const body = code.slice(i + 1, end);
      fragmentsOf(body, i + 1, syn.interpolation);
      push({ kind: 'command', start: i, end: end + 1, value: body, dynamic: interpolates(body, lang) });
      i = end + 1;
      continue;
    }
    if (lang === 'perl' && /[a-z]/.test(ch) && !isWordChar(code[i - 1]) && prev()?.text !== '->') {
      const q = perlQuoteLike(code, i, lang, out, fail);
      if (q !== null) {
        push(q);
        i = q.end;
        continue;
      }
    }
    if (lang === 'ruby') {
      const r = rubyLiteral(code, i, prev(), out, fail);
      if (r !== null) {
        push(r);
        i = r.end;
        continue;
      }
    }
    // Regex literals.
    if (ch === '/' && syn.regex !== 'none' && !(opts.division && i === 0)) {
      const reading = regexReading(syn.regex, prev(), closed, code, i);
      if (reading !== 'division') {
        const r = regexAt(code, i, syn.regex);
        if (r && reading === 'maybe') {
          if (budget.forks > 0) {
            budget.forks--;
            out.fragments.push({ code: code.slice(i), offset: i, division: true });
          } else out.problems.push('too many places where `/` may be division or a regex');
        }
        if (r) {
          if (syn.interpolation === 'ruby' || syn.interpolation === 'perl') fragmentsOf(r.body, i + 1, syn.interpolation);
          if (lang === 'perl' && /\(\?\??\{/.test(r.body)) out.problems.push('code inside a regex: (?{ … })');
          push({ kind: 'regex', start: i, end: r.end, value: r.body });
          i = r.end;
          continue;
        }
        if (reading === 'regex') {
          fail('a regex that is never closed');
          break;
        }
      }
    }
    if (lang === 'r') {
      const r = rLiteral(code, i);
      if (r === -1) {
        fail('a string that is never closed');
        break;
      }
      if (r !== null) {
        const backquoted = ch === '`';
        const body = backquoted ? code.slice(i + 1, r - 1) : code.slice(i, r);
        push(
          backquoted ? { kind: 'name', start: i, end: r, value: body, symbol: true } : { kind: 'string', start: i, end: r, value: body },
        );
        i = r;
        continue;
      }
    }
    // Strings.
    const s = stringAt(code, i, lang);
    if (s) {
      if (s.value.dynamic) fragmentsOf(code.slice(i, s.end), i, syn.interpolation);
      push({ kind: 'string', start: i, end: s.end, value: s.value.value, dynamic: s.value.dynamic });
      i = s.end;
      continue;
    }
    if (ch === "'" || ch === '"' || (ch === '`' && lang === 'julia')) {
      if (lang === 'java' || lang === 'julia') {
        push({ kind: 'punct', start: i, end: i + 1, value: ch }); // a transpose or a char we do not read
        i++;
        continue;
      }
      fail('a string that is never closed');
      if (!opts.lenient) break;
      push({ kind: 'punct', start: i, end: i + 1, value: ch });
      i++;
      continue;
    }
    // Variables.
    if (syn.sigils.includes(ch)) {
      const v = variableAt(code, i, lang, prev());
      if (v) {
        push(v);
        i = v.end;
        continue;
      }
    }
    // Names.
    syn.name.lastIndex = i;
    const n = syn.name.exec(code);
    if (n && n[0].length && !/^\d/.test(n[0])) {
      push({ kind: 'name', start: i, end: i + n[0].length, value: nameValue(n[0], lang) });
      i += n[0].length;
      continue;
    }
    const num = /\d[\w.]*/y;
    num.lastIndex = i;
    const d = num.exec(code);
    if (d) {
      push({ kind: 'number', start: i, end: i + d[0].length, value: d[0] });
      i += d[0].length;
      continue;
    }
    const p =
      lang === 'r' && ch === '%'
        ? /^%[^%\n]*%/.exec(code.slice(i, i + 32))?.[0]
        : PUNCT.find((x) => code.startsWith(x, i) && !(x === '//' && syn.line.includes('//')));
    const text = p ?? ch;
    const t: Token = { kind: 'punct', text, start: i, end: i + text.length, value: text };
    if (text === '(' || text === '[' || text === '{') openers.push(prev());
    else if (text === ')' || text === ']' || text === '}') closed.set(t, openers.pop());
    push(t);
    i += text.length;
  }
  return out;
}

function nextLine(code: string, from: number): number {
  const nl = code.indexOf('\n', from);
  return nl < 0 ? code.length : nl + 1;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}

function interpolates(body: string, lang: Language): boolean {
  return lang === 'ruby' ? /#\{/.test(body) : /(^|[^\\])[$@][\w{:]/.test(body);
}

/** Python reads identifiers in NFKC (`ｏｓ` is `os`); JavaScript decodes `\u0065` in names. */
function nameValue(text: string, lang: Language): string {
  if (lang === 'python') return text.normalize('NFKC');
  if ((lang === 'node' || lang === 'jxa') && text.includes('\\')) {
    return text.replace(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})/g, (_, a: string | undefined, b: string | undefined) =>
      String.fromCodePoint(parseInt(a ?? b!, 16)),
    );
  }
  if (lang === 'perl') return text.replace(/'(?=\w)/g, '::');
  return text;
}

/** The end of a comment at `i`, -1 when it never closes, or null when none starts here. */
function commentEnd(code: string, i: number, lang: Language, syn: Syntax, tokens: Token[], afterNewline: boolean): number | null {
  if (lang === 'tcl') {
    // A comment only where a command starts.
    const last = tokens[tokens.length - 1];
    if (code[i] === '#' && (afterNewline || !last || last.text === ';' || last.text === '{' || last.text === '[')) return nextLine(code, i);
    return null;
  }
  if (lang === 'lua' && code.startsWith('--[', i)) {
    const long = /^--\[(=*)\[/.exec(code.slice(i, i + 64));
    if (long) {
      const close = `]${long[1]}]`;
      const end = code.indexOf(close, i + long[0].length);
      return end < 0 ? -1 : end + close.length;
    }
  }
  for (const [open, close] of syn.block) {
    if (!code.startsWith(open, i)) continue;
    const end = code.indexOf(close, i + open.length);
    return end < 0 ? -1 : end + close.length;
  }
  for (const open of syn.line) {
    if (!code.startsWith(open, i)) continue;
    if (lang === 'php' && code.startsWith('#[', i)) continue; // an attribute, not a comment
    if (lang === 'perl' && code[i - 1] === '$') continue; // `$#array`
    return nextLine(code, i);
  }
  return null;
}

/** After a template's opening backtick: the index after its closing one, or -1. */
function templateEnd(code: string, from: number, fragments: Fragment[]): number {
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '\\') i++;
    else if (ch === '`') return i + 1;
    else if (ch === '$' && code[i + 1] === '{') {
      const end = codeEnd(code, i + 2, fragments);
      if (end < 0) return -1;
      fragments.push({ code: code.slice(i + 2, end), offset: i + 2 });
      i = end;
    }
  }
  return -1;
}

/** The `}` that closes JavaScript code starting at `from` (minding strings and templates). */
function codeEnd(code: string, from: number, fragments: Fragment[]): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === "'" || ch === '"') {
      const s = stringAt(code, i, 'node');
      if (!s) return -1;
      i = s.end - 1;
    } else if (ch === '`') {
      const end = templateEnd(code, i + 1, fragments);
      if (end < 0) return -1;
      i = end - 1;
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

type Reading = 'regex' | 'division' | 'maybe';

/** Whether a `/` here starts a regex: certain where the grammar says so, `maybe` where the language guesses. */
function regexReading(
  grammar: 'js' | 'perl' | 'ruby',
  prev: Token | undefined,
  closed: Map<Token, Token | undefined>,
  code: string,
  i: number,
): Reading {
  if (!prev) return 'regex';
  if (prev.kind === 'number' || prev.kind === 'string' || prev.kind === 'regex' || prev.kind === 'command') return 'division';
  if (prev.kind === 'name') {
    if (prev.sigil) return 'division';
    if (REGEX_AFTER[grammar].has(prev.value)) return 'regex';
    if (grammar === 'js') return 'division';
    if (grammar === 'perl') return 'maybe';
    // Ruby: `foo /x/` is a regex argument, `foo / x` and `foo/x` divide.
    return code[i - 1] === ' ' && code[i + 1] !== ' ' ? 'maybe' : 'division';
  }
  switch (prev.text) {
    case ')': {
      const opener = closed.get(prev);
      return opener?.kind === 'name' && CONTROL.has(opener.value) ? 'regex' : 'division';
    }
    case ']':
      return 'division';
    case '}': {
      // `$h{a} / 2`, `({}) / 2`: a subscript or an object literal divides; after a block a regex starts.
      const opener = closed.get(prev);
      if (grammar === 'perl')
        return opener?.sigil || opener?.text === '->' || opener?.text === '}' || opener?.text === ']' ? 'division' : 'maybe';
      if (grammar === 'ruby') return 'maybe';
      if (!opener || ['(', ')', '=>', ';', '{', '}'].includes(opener.text) || /^(else|do|try|finally)$/.test(opener.value))
        return opener?.text === '(' ? 'division' : 'regex';
      return opener.kind === 'punct' || /^(return|typeof|case|in|of|yield|await)$/.test(opener.value) ? 'division' : 'maybe';
    }
    case '++':
    case '--':
      return 'division';
    default:
      return 'regex';
  }
}

/** A regex literal at `i` (`/…/flags`). */
function regexAt(code: string, i: number, grammar: 'js' | 'perl' | 'ruby'): { body: string; end: number } | null {
  let inClass = false;
  for (let j = i + 1; j < code.length; j++) {
    const ch = code[j]!;
    if (ch === '\\') j++;
    else if (ch === '\n' && grammar === 'js') return null;
    else if (grammar === 'js' && ch === '[') inClass = true;
    else if (grammar === 'js' && ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      let end = j + 1;
      while (end < code.length && /[a-z]/i.test(code[end]!)) end++;
      return { body: code.slice(i + 1, j), end };
    }
  }
  return null;
}

/** Perl's quote-like operators: qw, qx, m, qr, s, tr, y (q and qq are strings). */
function perlQuoteLike(code: string, i: number, lang: Language, out: Lexed, fail: (w: string) => void): Token | null {
  const m = /^(qw|qx|qr|m|s|tr|y)(\s*)([^\w\s,;)\]}=>])/.exec(code.slice(i, i + 8));
  if (!m || (m[2] && m[3] === '#')) return null;
  const op = m[1]!;
  const open = m[3]!;
  const bodyStart = i + m[1]!.length + m[2]!.length + 1;
  const first = delimited(code, bodyStart, open);
  if (!first) {
    fail(`a Perl ${op} literal that is never closed`);
    return { kind: 'punct', start: i, end: code.length, value: '', text: code.slice(i) };
  }
  let end = first.end;
  let second: { body: string; start: number } | null = null;
  if (op === 's' || op === 'tr' || op === 'y') {
    let from = end;
    let opener = open;
    if (CLOSE[open]) {
      while (/\s/.test(code[from] ?? '')) from++;
      opener = code[from] ?? '';
      from++;
    }
    const part = delimited(code, from, opener);
    if (!part) {
      fail(`a Perl ${op} literal that is never closed`);
      return { kind: 'punct', start: i, end: code.length, value: '', text: code.slice(i) };
    }
    second = { body: part.body, start: from };
    end = part.end;
  }
  const flags = /^[a-z]*/.exec(code.slice(end))![0];
  end += flags.length;
  const text = code.slice(i, end);
  if (op === 'qx')
    return { kind: 'command', start: i, end, value: first.body, dynamic: open !== "'" && interpolates(first.body, lang), text };
  if (op === 'qw') return { kind: 'string', start: i, end, value: first.body, text };
  if (op !== 'tr' && op !== 'y' && open !== "'") {
    out.fragments.push(...interpolations(first.body, bodyStart, 'perl'));
    if (/\(\?\??\{/.test(first.body)) out.problems.push('code inside a regex: (?{ … })');
  }
  if (op === 's' && second) {
    // s///e runs its replacement as code; s///ee evaluates what that code returns.
    const evals = (flags.match(/e/g) ?? []).length;
    if (evals >= 2) out.problems.push('s///ee evaluates a string as code');
    else if (evals === 1) out.fragments.push({ code: second.body, offset: second.start });
    else if (open !== "'") out.fragments.push(...interpolations(second.body, second.start, 'perl'));
  }
  return { kind: 'regex', start: i, end, value: first.body, text };
}

/** Ruby's literals that are not plain strings: %w %i %W %I %s %r %x, symbols, `?c`. */
function rubyLiteral(code: string, i: number, prev: Token | undefined, out: Lexed, fail: (w: string) => void): Token | null {
  const ch = code[i]!;
  if (ch === '%' && !(isTerm(prev) && (code[i + 1] === ' ' || code[i - 1] !== ' '))) {
    const m = /^%([wWiIsrx])([^\w\s])/.exec(code.slice(i, i + 3));
    if (!m) return null;
    const kind = m[1]!;
    const body = delimited(code, i + 3, m[2]!);
    if (!body) {
      fail(`a Ruby %${kind} literal that is never closed`);
      return { kind: 'punct', start: i, end: code.length, value: '', text: code.slice(i) };
    }
    const text = code.slice(i, body.end);
    const dynamic = /[WIrx]/.test(kind) && /#\{/.test(body.body);
    if (dynamic) out.fragments.push(...interpolations(body.body, i + 3, 'ruby'));
    if (kind === 'x') return { kind: 'command', start: i, end: body.end, value: body.body, dynamic, text };
    if (kind === 'r') {
      const flags = /^[a-z]*/.exec(code.slice(body.end))![0];
      return { kind: 'regex', start: i, end: body.end + flags.length, value: body.body, text: code.slice(i, body.end + flags.length) };
    }
    return { kind: 'string', start: i, end: body.end, value: body.body, dynamic, symbol: kind === 's', text };
  }
  if (ch === ':' && code[i + 1] !== ':' && code[i - 1] !== ':') {
    const quoted = stringAt(code, i + 1, 'ruby');
    if (quoted && (code[i + 1] === '"' || code[i + 1] === "'")) {
      if (quoted.value.dynamic) out.fragments.push(...interpolations(code.slice(i + 1, quoted.end), i + 1, 'ruby'));
      return {
        kind: 'string',
        start: i,
        end: quoted.end,
        value: quoted.value.value,
        dynamic: quoted.value.dynamic,
        symbol: true,
        text: code.slice(i, quoted.end),
      };
    }
    const m = /^:([A-Za-z_]\w*[?!=]?|`|\[\]=?|[+\-*/%<>=!~^&|]+)/.exec(code.slice(i, i + 64));
    if (m && !(isTerm(prev) && code[i + 1] === ' '))
      return { kind: 'string', start: i, end: i + m[0].length, value: m[1]!, symbol: true, text: m[0] };
    return null;
  }
  if (ch === '?' && !isTerm(prev)) {
    const m = /^\?(\\.|[^\s\\])(?![\w])/.exec(code.slice(i, i + 4));
    if (m) return { kind: 'string', start: i, end: i + m[0].length, value: m[1]!, text: m[0] };
  }
  return null;
}

/** R: raw strings r"(…)" and backquoted names; the end, -1 when open, null when none. */
function rLiteral(code: string, i: number): number | null {
  if (code[i] === '`') {
    const end = code.indexOf('`', i + 1);
    return end < 0 ? -1 : end + 1;
  }
  const raw = /^[rR](["'])(-*)([([{])/.exec(code.slice(i, i + 40));
  if (!raw) return null;
  const close = `${CLOSE[raw[3]!] ?? ')'}${raw[2]}${raw[1]}`;
  const end = code.indexOf(close, i + raw[0].length);
  return end < 0 ? -1 : end + close.length;
}

/** A variable at a sigil: `$x`, `@x`, `%h`, `&f`, `*g`, `$$x`, `${…}`, `$#a`, `$_`, `$env:PATH`. */
function variableAt(code: string, i: number, lang: Language, prev: Token | undefined): Token | null {
  const ch = code[i]!;
  // `%`, `&`, `*` after a term are operators.
  if (lang === 'perl' && '%&*'.includes(ch) && (isTerm(prev) || code[i + 1] === ch || code[i + 1] === '=')) return null;
  let j = i + 1;
  let sigil = ch;
  // `$$x`, `@$x`, `&$f`: dereferences (Perl); `$$x`: a variable variable (PHP).
  while ((lang === 'perl' || lang === 'php') && code[j] === '$' && /[\w${:]/.test(code[j + 1] ?? '') && j - i < 4) {
    sigil += '$';
    j++;
  }
  if (lang === 'perl' && code.startsWith('$#', i) && /[{$\w]/.test(code[i + 2] ?? '')) {
    sigil = '$#';
    j = i + 2;
  }
  if (lang === 'ruby' && code.startsWith('@@', i)) {
    sigil = '@@';
    j = i + 2;
  }
  const rest = code.slice(j, j + 128);
  let name = (
    lang === 'perl'
      ? /^(?:::)?[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:(?:::|')[\w\u0080-\uffff]+)*(?:::)?/
      : /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/
  ).exec(rest)?.[0];
  if (lang === 'powershell') name = /^(?:[A-Za-z]+:)?[\w?]+/.exec(rest)?.[0] ?? (rest.startsWith('{') ? '' : undefined);
  if (name === undefined && /^\d+/.test(rest)) name = /^\d+/.exec(rest)![0];
  if (name === undefined && rest.startsWith('^')) name = /^\^(\w+|.)/.exec(rest)?.[0];
  if (name === undefined && (rest.startsWith('{') || rest.startsWith('$'))) name = ''; // `${…}`, `@{…}`, `&$f`: the rest is read as tokens
  if (name === undefined && ch === '$' && (lang === 'perl' || lang === 'ruby') && rest.length) name = rest[0]!; // special variables: `$!`, `$/`, `$"`, `$;`
  if (name === undefined)
    return lang === 'php' || lang === 'tcl' || lang === 'powershell'
      ? { kind: 'punct', start: i, end: j, value: sigil, text: sigil }
      : null;
  const end = j + name.length;
  return { kind: 'name', start: i, end, value: name.replace(/'(?=\w)/g, '::'), sigil, text: code.slice(i, end) };
}
