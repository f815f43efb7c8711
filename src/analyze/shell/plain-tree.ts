// tree-sitter's tree for the plainest scripts, built without tree-sitter (issue 19). Most scripts an
// agent runs are a few plain words (bare or quoted, `NAME=value` first, maybe a `$(…)` of such
// commands, `export` and its assignments, or a `[ -f x ]` test) joined by `|`, `&&`, `||`, `;` or
// newlines, with a redirect or two at the end; loading the WebAssembly parser costs such a run more
// than all the rest of its analysis (~27 ms a process; `echo $(date)` 63.5 → 41.3 ms, measured).
// For a script wholly inside that subset this builds the very tree tree-sitter-bash builds (the
// same nodes, types, fields, offsets and ids, its quirks included: a redirect after a list or a
// pipeline wraps all of it). For anything else it returns null and the caller parses with
// tree-sitter, so the subset can only ever be too small, and the converter (cst/nodes.ts) reads one
// kind of tree either way. test/analyze/plain-tree.test.ts checks the two trees equal over every
// script the tests know and over random scripts in and near the subset.
import { SNode } from './snapshot.js';
import { RESERVED_WORDS } from './reserved-words.js';

/** A node before it is numbered: SNode wants its id and parent when made. */
interface Draft {
  type: string;
  named: boolean;
  start: number;
  end: number;
  field: string | null;
  children: Draft[];
}

type Token =
  | { kind: 'literal'; node: Draft }
  | { kind: 'redirect'; node: Draft }
  | { kind: 'test'; node: Draft }
  | { kind: 'op'; op: '|' | '&&' | '||' | ';' | '\n'; start: number; end: number };

/**
 * Words tree-sitter reads as something else where a command may start (reserved words, declarations)
 * or, after error-free parses, may read differently: the subset leaves them to tree-sitter anywhere.
 */
const KEYWORDS = new Set([...RESERVED_WORDS, 'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv']);

/** Characters of a bare word: printable ASCII but the shell's quoting, expansion, grouping and comment characters. */
const WORD = /[^\s'"<>{}[\]()`$|&;\\#\x00-\x1f\x7f-\uffff]+/y;
/**
 * What may follow a literal: a blank, an operator or the end. Anything else would be a
 * concatenation, and tree-sitter reads a word glued to a redirect (`-1>f`) as its descriptor.
 */
const BOUNDARY = /$|[ \t\n;|&]/y;
/** Whether a literal may end at `i`: the end of the text read (`end`) or a boundary. */
const ends = (s: string, i: number, end: number): boolean => i >= end || at(BOUNDARY, s, i) !== null;
const DESCRIPTOR = /[0-9]+(?=[<>])/y;
const REDIRECT = />>|>&|>|</y;

/** The match of sticky `re` at `i` (no copy of the rest of the script: the scan stays linear). */
function at(re: RegExp, s: string, i: number): string | null {
  re.lastIndex = i;
  return re.exec(s)?.[0] ?? null;
}

const leaf = (type: string, named: boolean, start: number, end: number, field: string | null = null): Draft => ({
  type,
  named,
  start,
  end,
  field,
  children: [],
});

function parent(type: string, children: Draft[], field: string | null = null): Draft {
  return { type, named: true, start: children[0]!.start, end: children[children.length - 1]!.end, field, children };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** `$NAME` or `${NAME}` at `i`; null for anything else after a `$` (`${a:-b}`, `$1`, `$(…)`, …). */
function expansion(s: string, i: number): Draft | null {
  if (s[i + 1] === '{') {
    const name = at(NAME, s, i + 2);
    const close = i + 2 + (name?.length ?? 0);
    if (!name || s[close] !== '}') return null;
    return parent('expansion', [
      leaf('${', false, i, i + 2),
      leaf('variable_name', true, i + 2, close),
      leaf('}', false, close, close + 1),
    ]);
  }
  const name = at(NAME, s, i + 1);
  if (!name) return null;
  return parent('simple_expansion', [leaf('$', false, i, i + 1), leaf('variable_name', true, i + 1, i + 1 + name.length)]);
}

/** "…" at `i`: plain text with backslash escapes, `$NAME`, `${NAME}` and `$(…)`; no backquote or line break. */
function doubleQuoted(s: string, i: number, depth: number): Draft | null {
  let close = i + 1;
  while (close < s.length && s[close] !== '"') close += s[close] === '\\' ? 2 : 1;
  if (close >= s.length || /[^\x20-\x7e\t]|`/.test(s.slice(i + 1, close))) return null;
  const children = [leaf('"', false, i, i + 1)];
  for (let j = i + 1; j < close;) {
    if (s[j] === '$') {
      const e = s[j + 1] === '(' ? substitution(s, j, close, depth) : expansion(s, j);
      if (!e) return null;
      children.push(e);
      j = e.end;
      continue;
    }
    // Text up to the next `$` that no backslash escapes: tree-sitter keeps escapes in the text.
    let end = j;
    while (end < close && s[end] !== '$') end += s[end] === '\\' ? 2 : 1;
    // Blank text is skipped as whitespace into the next token's (`"$a $b"`, `" "`, `"\ "`): no string_content.
    if (/^(?:\\?[ \t])+$/.test(s.slice(j, end))) return null;
    children.push(leaf('string_content', true, j, end));
    j = end;
  }
  children.push(leaf('"', false, close, close + 1));
  return parent('string', children);
}

/**
 * `$(…)` at `i`, closing before `limit`: the plain statements inside, as tree-sitter nests them
 * (`$(`, the statements and their `;`, `)`); null for anything else (`$((…))`, an empty or
 * unclosed one, one nested deeper than MAX_NESTING, one whose inside is outside the subset).
 */
function substitution(s: string, i: number, limit: number, depth: number): Draft | null {
  if (depth >= MAX_NESTING || s[i + 2] === '(') return null;
  const close = closingParen(s, i + 2, limit);
  if (close === null) return null;
  const tokens = tokenize(s, i + 2, close, depth + 1);
  if (!tokens?.length || tokens[0]!.kind !== 'literal') return null;
  const inside = new Statements(s, tokens, depth + 1).program();
  if (!inside) return null;
  return parent('command_substitution', [leaf('$(', false, i, i + 2), ...inside, leaf(')', false, close, close + 1)]);
}

/** Nesting of `$(…)` built here; deeper ones are left to tree-sitter. */
const MAX_NESTING = 8;

/**
 * The `)` that closes a `$(` whose inside starts at `i`, before `limit`: past quoted text and
 * nested `$(…)`. Null where anything else could change where tree-sitter closes it: a backslash,
 * backquote, comment, a `(` not after `$`, or a `$`, backquote or backslash in "…" (whose own
 * substitution could hold a `"`).
 */
function closingParen(s: string, i: number, limit: number): number | null {
  let depth = 1;
  for (let j = i; j < limit; j++) {
    const c = s[j];
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, j + 1);
      if (end < 0 || end >= limit) return null;
      if (c === '"' && /[`\\$]/.test(s.slice(j + 1, end))) return null;
      j = end;
    } else if (c === '(') {
      if (s[j - 1] !== '$' || s[j + 1] === '(') return null;
      depth++;
    } else if (c === ')') {
      if (--depth === 0) return j;
    } else if (c === '\\' || c === '`' || c === '#') return null;
  }
  return null;
}

/** One part of a literal at `i`, before `end`: a bare word or number, '…', "…", `$NAME`, `${NAME}` or `$(…)`; null outside the subset. */
function part(s: string, i: number, depth: number, end: number): Draft | null {
  const c = s[i];
  if (c === "'") {
    const close = s.indexOf("'", i + 1);
    if (close < 0 || /[^\x20-\x7e\t]/.test(s.slice(i + 1, close))) return null;
    return leaf('raw_string', true, i, close + 1);
  }
  if (c === '"') return doubleQuoted(s, i, depth);
  if (c === '$') return s[i + 1] === '(' ? substitution(s, i, end, depth) : expansion(s, i);
  const text = at(WORD, s, i);
  if (!text) return null;
  // `!`, `=`: negation and test operators; a lone `-` before `2>f` is dropped by tree-sitter.
  if (text[0] === '!' || text[0] === '=' || text === '-' || KEYWORDS.has(text)) return null;
  // tree-sitter reads numbers (`-?(0x)?[0-9]+(#…)?`) and may split words that start like one.
  if (/^-?[0-9]+$/.test(text)) return leaf('number', true, i, i + text.length);
  if (/^-?[0-9]/.test(text)) return null;
  return leaf('word', true, i, i + text.length);
}

/** A literal at `i`: one part, or parts written together (`--name="x y"`: a concatenation); null outside the subset. */
function literal(s: string, i: number, depth: number, end: number): Draft | null {
  const parts: Draft[] = [];
  for (let j = i; !ends(s, j, end);) {
    const p = part(s, j, depth, end);
    // Numbers written together with more are not numbers for tree-sitter: left to it.
    if (!p || (p.type === 'number' && (parts.length || !ends(s, p.end, end)))) return null;
    parts.push(p);
    j = p.end;
  }
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : parent('concatenation', parts);
}

/** A redirect at `i` (`>`, `>>`, `<`, `>&`, each with an optional file descriptor) and its one target. */
function redirect(s: string, i: number, depth: number, end: number): Draft | null {
  const children: Draft[] = [];
  const fd = at(DESCRIPTOR, s, i);
  if (fd) {
    // Not `0>`: tree-sitter's scanner reads no descriptor starting with 0 (a target swallows it).
    if (fd[0] === '0') return null;
    children.push(leaf('file_descriptor', true, i, i + fd.length, 'descriptor'));
    i += fd.length;
  }
  const op = at(REDIRECT, s, i);
  if (!op || /^(?:<<|<&|<>|>\||[<>]\()/.test(s.slice(i, i + 2)) || (op === '>&' && s[i + 2] === '-')) return null;
  children.push(leaf(op, false, i, i + op.length));
  i += op.length;
  while (s[i] === ' ' || s[i] === '\t') i++;
  const target = literal(s, i, depth, end);
  if (!target) return null;
  target.field = 'destination';
  children.push(target);
  return parent('file_redirect', children);
}

const BLANKS = /[ \t]*/y;
const EXPORT = /export/y;
const UNARY_TEST = /-[A-Za-z](?=[ \t])/y;

/**
 * `[ -X operand ]` at `i`, before `end`: tree-sitter's test command of one unary test (a one-letter
 * operator, a plain operand, blanks before the `]`); null for any other test (`[[`, two operands,
 * `!`, `-a`, a `]` written against the operand).
 */
function testCommand(s: string, i: number, depth: number, end: number): Draft | null {
  if (s[i + 1] !== ' ' && s[i + 1] !== '\t') return null;
  const op = i + 1 + at(BLANKS, s, i + 1)!.length;
  if (!at(UNARY_TEST, s, op)) return null;
  const from = op + 2 + at(BLANKS, s, op + 2)!.length;
  // An operand starting with anything else (`~`, `-`, `+`, `!`, …) tree-sitter may read as an
  // operator of the test's expression.
  const operand = from < end && /[A-Za-z0-9_./"'$]/.test(s[from]!) ? literal(s, from, depth, end) : null;
  if (!operand) return null;
  const close = operand.end + at(BLANKS, s, operand.end)!.length;
  if (close === operand.end || close >= end || s[close] !== ']' || !ends(s, close + 1, end)) return null;
  return parent('test_command', [
    leaf('[', false, i, i + 1),
    parent('unary_expression', [leaf('test_operator', true, op, op + 2, 'operator'), operand]),
    leaf(']', false, close, close + 1),
  ]);
}

/** The tokens of `s` from `from` to `to` (a `$(…)`'s inside, `depth` deep), or null outside the subset. */
function tokenize(s: string, from = 0, to = s.length, depth = 0): Token[] | null {
  const out: Token[] = [];
  for (let i = from; i < to;) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\n' || c === ';') {
      if (s[i + 1] === ';' && c === ';') return null; // `;;` belongs to case
      out.push({ kind: 'op', op: c, start: i, end: i + 1 });
      i++;
    } else if (c === '|' || c === '&') {
      const two = s.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        out.push({ kind: 'op', op: two, start: i, end: i + 2 });
        i += 2;
      } else if (c === '|' && s[i + 1] !== '&') {
        out.push({ kind: 'op', op: '|', start: i, end: i + 1 });
        i++;
      } else return null; // `&` (background, `&>`), `|&`
    } else if (c === '[') {
      const node = testCommand(s, i, depth, to);
      if (!node) return null;
      out.push({ kind: 'test', node });
      i = node.end;
    } else if (c === '<' || c === '>' || at(DESCRIPTOR, s, i)) {
      const node = redirect(s, i, depth, to);
      if (!node) return null;
      out.push({ kind: 'redirect', node });
      i = node.end;
    } else if (at(EXPORT, s, i) && ends(s, i + 6, to) && (!out.length || out[out.length - 1]!.kind === 'op')) {
      // `export` where a statement starts (Statements.declaration); anywhere else it is a keyword
      // the subset leaves to tree-sitter.
      out.push({ kind: 'literal', node: leaf('export', false, i, i + 6) });
      i += 6;
    } else {
      const node = literal(s, i, depth, to);
      if (!node) return null;
      out.push({ kind: 'literal', node });
      i = node.end;
    }
  }
  return out;
}

/** Parses tokens into tree-sitter's statement shapes. */
class Statements {
  private at = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly depth = 0,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  /** The program's children (statements and `;`), or null outside the subset. */
  program(): Draft[] | null {
    const out: Draft[] = [];
    for (;;) {
      const stmt = this.statement();
      if (!stmt) return null;
      out.push(stmt);
      let t = this.peek();
      if (t?.kind === 'op' && t.op === ';') {
        out.push(leaf(';', false, t.start, t.end));
        t = this.tokens[++this.at];
      }
      while (t?.kind === 'op' && t.op === '\n') t = this.tokens[++this.at];
      if (!t) return out;
      if ((t.kind !== 'literal' && t.kind !== 'test') || this.tokens[this.at - 1]?.kind !== 'op') return null;
    }
  }

  /** `NAME=value` before a command's name, as tree-sitter reads it; null when the token is none. */
  private assignment(t: Token | undefined): Draft | null {
    if (t?.kind !== 'literal') return null;
    const name = at(NAME, this.source, t.node.start);
    const eq = t.node.start + (name?.length ?? 0);
    if (!name || this.source[eq] !== '=') return null;
    const value = literal(this.source, eq + 1, this.depth, t.node.end); // `A= cmd` (an empty value) is left to tree-sitter
    if (!value || value.end !== t.node.end) return null;
    value.field = 'value';
    return parent('variable_assignment', [leaf('variable_name', true, t.node.start, eq, 'name'), leaf('=', false, eq, eq + 1), value]);
  }

  /** A simple command: `NAME=value` assignments, a bare word naming it, then literal arguments. */
  private command(): Draft | null {
    const children: Draft[] = [];
    for (let a = this.assignment(this.peek()); a; a = this.assignment(this.peek())) {
      children.push(a);
      this.at++;
    }
    const name = this.peek();
    if (name?.kind === 'test') {
      this.at++;
      return children.length ? null : name.node;
    }
    if (name?.kind === 'literal' && name.node.type === 'export') return this.declaration(name.node);
    // A bare word, and not one tree-sitter's scanner starts reading as a variable's name where a
    // command may begin (`a=1`, `a%b`, `a:b`, …; scanner.c, VARIABLE_NAME) or skips (`-x`, `_x`, `*x`).
    if (name?.kind !== 'literal' || name.node.type !== 'word') return null;
    if (/^[*@?_-]|^[A-Za-z0-9_]*[=:%@+?]/.test(this.source.slice(name.node.start, name.node.end))) return null;
    this.at++;
    children.push(parent('command_name', [name.node], 'name'));
    for (let t = this.peek(); t?.kind === 'literal'; t = this.tokens[++this.at]) {
      t.node.field = 'argument';
      children.push(t.node);
    }
    return parent('command', children);
  }

  /**
   * `export` and what follows it, as tree-sitter reads them: each `NAME=value` an assignment and
   * each bare NAME a variable name (no fields); anything else (an option, `1A`, a quoted or
   * expanded word) is left to tree-sitter.
   */
  private declaration(keyword: Draft): Draft | null {
    const children = [keyword];
    for (let t = this.tokens[++this.at]; t?.kind === 'literal'; t = this.tokens[++this.at]) {
      const a = this.assignment(t);
      if (a) children.push(a);
      else if (t.node.type === 'word' && at(NAME, this.source, t.node.start)?.length === t.node.end - t.node.start)
        children.push(leaf('variable_name', true, t.node.start, t.node.end));
      else return null;
    }
    return parent('declaration_command', children);
  }

  /** Pipelines joined by `&&` and `||`, each part maybe followed by redirects of all so far. */
  private statement(): Draft | null {
    let left: Draft | null = null;
    let op: Draft | null = null;
    let pipe: Draft[] = [];
    let piped = 0; // commands since the last `&&` or `||`, whatever redirects wrapped between
    const close = (): Draft => {
      const p = pipe.length === 1 ? pipe[0]! : parent('pipeline', pipe);
      return left ? parent('list', [left, op!, p]) : p;
    };
    for (;;) {
      const cmd = this.command();
      if (!cmd) return null;
      pipe.push(cmd);
      piped++;
      if (this.depth > 0 && piped > 2) return null; // the same for long pipelines, to be safe
      const redirects: Draft[] = [];
      for (let t = this.peek(); t?.kind === 'redirect'; t = this.tokens[++this.at]) {
        t.node.field = 'redirect';
        redirects.push(t.node);
      }
      if (redirects.length) {
        // Inside a `$(…)` tree-sitter nests a redirect after a pipeline its own way (`a | b | c >f`).
        if (this.depth > 0) return null;
        const body = close();
        body.field = 'body';
        pipe = [parent('redirected_statement', [body, ...redirects])];
        left = null;
      }
      const t = this.peek();
      if (t?.kind === 'literal') return null; // after a redirect: tree-sitter reads more targets
      // After three piped commands tree-sitter may read a newline as a blank (`a | b | c⏎d >f`: `c d`).
      if (t?.kind === 'op' && t.op === '\n' && piped > 2) return null;
      if (t?.kind !== 'op' || t.op === ';' || t.op === '\n') return close();
      this.at++;
      if (t.op === '|') {
        pipe.push(leaf('|', false, t.start, t.end));
      } else {
        // `a | b | c && d` is a pipe into a list for tree-sitter (its pipeline conflict resolved by
        // the GLR parse): past two piped commands, the shapes are not this simple.
        if (piped > 2) return null;
        piped = 0;
        left = close();
        op = leaf(t.op, false, t.start, t.end);
        pipe = [];
      }
    }
  }
}

/**
 * Deepest tree built here (`a && b && …` nests a list per operator). Deeper scripts are left to
 * tree-sitter and the converter's own depth limit, and the numbering below stays off the stack's edge.
 */
const MAX_DEPTH = 200;

/** Numbers the drafts in the order tree-sitter's cursor visits them (pre-order), as snapshot() does; null when too deep. */
function numbered(source: string, root: Draft): { root: SNode; nodes: number } | null {
  let id = 0;
  let deep = false;
  const make = (d: Draft, up: SNode | null, depth: number): SNode => {
    const n = new SNode(source, id++, d.type, d.named, false, d.start, d.end, up);
    n.field = d.field;
    if (depth > MAX_DEPTH) deep = true;
    else for (const c of d.children) n.children.push(make(c, n, depth + 1));
    return n;
  };
  const made = make(root, null, 0);
  return deep ? null : { root: made, nodes: id };
}

/**
 * The tree tree-sitter-bash builds for `source`, with its node count, when the script is only plain
 * commands (`NAME=value` first; bare words, numbers, plain '…' and "…", `$NAME`, `${NAME}` and
 * `$(…)` of plain commands without redirects, written alone or together; or `export` of
 * `NAME=value` and names, or a `[ -X operand ]` test), `|`, `&&`, `||`, `;`, newlines and
 * redirects to one plain target after a command; null otherwise.
 */
export function plainTree(source: string): { root: SNode; nodes: number } | null {
  const tokens = tokenize(source);
  if (!tokens?.length || (tokens[0]!.kind !== 'literal' && tokens[0]!.kind !== 'test')) return null;
  const children = new Statements(source, tokens).program();
  if (!children) return null;
  return numbered(source, { type: 'program', named: true, start: children[0]!.start, end: source.length, field: null, children });
}
