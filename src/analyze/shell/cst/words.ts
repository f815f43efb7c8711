// Quote removal over tree-sitter's word nodes. A bash word may be split by tree-sitter into several
// adjacent nodes (`$"…"` is `$` + string), so words are built from groups of adjacent nodes. The
// result keeps the value bash would see, marks anything the shell expands as dynamic, and collects
// the scripts of command and process substitutions for the IR.
import type { SNode as Node } from '../snapshot.js';
import type { Word } from '../../../core/ir.js';
import type { AstWord, Stmt, Substitution } from '../ast.js';
import { decodeAnsiC } from '../ansi-c.js';
import { isArithmetic } from '../arith.js';
import { extglobText, hasExtglob } from './extglob.js';
import type { UndecidableId } from '../undecidable.js';
import { wordEvaluations } from './evaluations.js';

/** What word conversion needs from the statement converter. */
export interface WordEnv {
  /** The whole source the nodes index into. */
  source: string;
  /** Converts the statements inside a substitution. */
  body(node: Node, depth: number): Stmt[];
  fail(id: UndecidableId, reason: string, node: Node): void;
  /** False (and reported) when `depth` is over the limit. */
  deepEnough(depth: number, node: Node): boolean;
  /** Inside a backtick substitution (for the nested-backtick blind spot). */
  inBackticks: number;
  /** Inside a heredoc body (a heredoc there is read by bash differently from tree-sitter). */
  inHeredoc: number;
}

/** Node types that are scanned for substitutions inside expansions, arithmetic and `[[ … ]]`. */
const EXPRESSION_TYPES = new Set([
  'binary_expression',
  'unary_expression',
  'ternary_expression',
  'postfix_expression',
  'parenthesized_expression',
  'number',
  'variable_name',
  'word',
  'string',
  'raw_string',
  'ansi_c_string',
  'translated_string',
  'test_operator',
  'extglob_pattern',
  'regex',
  'subscript',
  'special_variable_name',
  'simple_expansion',
  'expansion',
  'arithmetic_expansion',
  'concatenation',
  'string_content',
  'brace_expression',
  'array',
  'variable_assignment',
  'command_substitution',
  'process_substitution',
  'comment',
]);

/** Node types holding unquoted text as written. */
const PLAIN_TEXT = new Set(['word', 'number', 'extglob_pattern', 'brace_expression', 'variable_name', 'test_operator']);

export class WordBuilder {
  value = '';
  /** Unquoted literal characters as written; everything else replaced, for glob/brace detection. */
  mask = '';
  dynamic = false;
  subs: Substitution[] = [];

  literal(text: string, unquoted: boolean): void {
    this.value += text;
    this.mask += unquoted ? text : '_'.repeat(text.length);
  }
  expansion(text: string): void {
    this.value += text;
    this.mask += '\0'.repeat(text.length);
    this.dynamic = true;
  }
}

/** Unquoted text: a backslash quotes the next character; backslash-newline disappears. */
function unquotedText(b: WordBuilder, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      if (next !== '\n') b.literal(next, false);
    } else {
      b.literal(ch, true);
    }
  }
}

/** Text between double quotes: backslash escapes only `$ \` " \\` and newline. */
function doubleQuotedText(b: WordBuilder, text: string): void {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') out += next;
      i++;
    } else {
      out += ch;
    }
  }
  b.literal(out, false);
}

/** Walks expression nodes (arithmetic, `${…}` operators, `[[ … ]]`) for substitutions. */
export function scanExpression(node: Node, env: WordEnv, depth: number, subs: Substitution[]): void {
  if (!env.deepEnough(depth, node)) return;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'command_substitution' || child.type === 'process_substitution') {
      subs.push(substitution(child, env, depth + 1));
    } else if (child.type === 'regex' && /\$[({]|`|[<>]\(/.test(child.text)) {
      env.fail('parse.blind_spot', 'an expansion inside text the parser read as a pattern', child);
    } else if (PLAIN_TEXT.has(child.type) && misreadText(child.text)) {
      env.fail('parse.blind_spot', 'a quote or blank inside a word the parser read as plain text', child);
    } else if (child.type === 'simple_expansion' && /\s/.test(child.text)) {
      env.fail('parse.blind_spot', 'the parser read "$" and the next word as one expansion', child);
    } else if (child.type === 'ERROR') {
      env.fail('parse.syntax_error', 'the shell parser reported a syntax error', child);
    } else if (!EXPRESSION_TYPES.has(child.type)) {
      env.fail('parse.unknown_node', `the analyser does not know the node type "${child.type}"`, child);
    } else {
      scanExpression(child, env, depth + 1, subs);
    }
  }
}

function substitution(node: Node, env: WordEnv, depth: number): Substitution {
  const backtick = node.text.startsWith('`');
  // bash reads `$((` as arithmetic when it can and as `$( (…) )` otherwise; do not guess.
  if (node.text.startsWith('$((')) env.fail('parse.blind_spot', '"$((" may be arithmetic or a command substitution of a subshell', node);
  // `$$(id)` is the PID followed by `(id)` for bash; tree-sitter reads `$` and `$(id)`.
  if (node.text.startsWith('$(') && env.source[node.startIndex - 1] === '$' && env.source[node.startIndex - 2] !== '\\') {
    env.fail('parse.blind_spot', '"$$(" is "$$" followed by "(" for bash', node);
  }
  if (backtick) {
    // Inside backticks bash un-escapes \` and re-parses: a nested substitution tree-sitter cannot see.
    // bash also un-escapes \\ and \$ there before parsing: tree-sitter does not.
    if (env.inBackticks > 0 || /\\[`\\$]|\$'/.test(node.text.slice(1, -1))) {
      env.fail(
        'parse.blind_spot',
        'escapes, ANSI-C quotes or backticks inside backticks are re-parsed by bash in a way the parser cannot see',
        node,
      );
    }
    env.inBackticks++;
  }
  const body = env.body(node, depth);
  if (backtick) env.inBackticks--;
  if (node.type !== 'process_substitution') return { kind: 'command_substitution', body };
  return node.text.startsWith('>(') ? { kind: 'process_substitution', output: true, body } : { kind: 'process_substitution', body };
}

/** An unescaped quote or blank inside what tree-sitter calls plain text: it misread the word. */
function misreadText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if ('\'"` \t\n'.includes(text[i]!)) return true;
  }
  return false;
}

export function part(b: WordBuilder, node: Node, env: WordEnv, depth: number, next: Node | null): void {
  if (!env.deepEnough(depth, node)) return;
  switch (node.type) {
    case 'word':
    case 'number':
    case 'extglob_pattern':
    case 'brace_expression':
    case 'variable_name':
    case 'test_operator':
      if (misreadText(node.text)) env.fail('parse.blind_spot', 'a quote or blank inside a word the parser read as plain text', node);
      // A word read from a script parsed with its extglob groups masked (cst/extglob.ts).
      if (node.type === 'word' && hasExtglob(node.text)) return extglobText(b, node.text, unquotedText);
      return unquotedText(b, node.text);
    case 'regex':
      if (/\$[({]|`|[<>]\(/.test(node.text)) env.fail('parse.blind_spot', 'an expansion inside text the parser read as a pattern', node);
      return unquotedText(b, node.text);
    case 'raw_string':
      return b.literal(node.text.slice(1, -1), false);
    case 'ansi_c_string':
      return b.literal(decodeAnsiC(node.text.slice(2, -1)), false);
    case 'string':
    case 'translated_string':
      return doubleQuoted(b, node, env, depth);
    case 'arithmetic_expansion': {
      const text = node.text;
      const inner = text.startsWith('$((') ? text.slice(3, -2) : text.slice(2, -1);
      if (!isArithmetic(inner)) env.fail('parse.syntax_error', 'not a well-formed arithmetic expression', node);
      b.expansion(text);
      scanExpression(node, env, depth + 1, b.subs);
      return;
    }
    case 'simple_expansion':
    case 'expansion': {
      // `$⏎$(cmd)` or `>$ f`: tree-sitter joins `$` with what follows a blank.
      if (node.type === 'simple_expansion' && /\s/.test(node.text)) {
        env.fail('parse.blind_spot', 'the parser read "$" and the next word as one expansion', node);
      }
      if (node.type === 'expansion' && !/^\$\{[#!]?[\w@*#?$!-]/.test(node.text)) {
        env.fail('parse.syntax_error', `bad substitution ${node.text}`, node);
      }
      b.expansion(node.text);
      const before = b.subs.length;
      scanExpression(node, env, depth + 1, b.subs);
      // `${x:$(…)}`: the offset is arithmetic; parsers disagree on what runs inside it.
      if (b.subs.length > before && /^\$\{[^}]*?:[^-=?+]/.test(node.text)) {
        env.fail('parse.blind_spot', 'a substitution inside the offset of ${var:offset}', node);
      }
      return;
    }
    case 'command_substitution':
    case 'process_substitution':
      b.expansion(node.text);
      b.subs.push(substitution(node, env, depth + 1));
      return;
    case 'concatenation':
      return parts(
        b,
        node.children.filter((c): c is Node => c !== null),
        env,
        depth + 1,
      );
    case 'array':
      b.literal('(', false);
      // A comment inside the parentheses runs to the end of its line, as anywhere else.
      node.namedChildren
        .filter((el) => el?.type !== 'comment')
        .forEach((el, i) => {
          if (!el) return;
          if (i > 0) b.literal(' ', false);
          part(b, el, env, depth + 1, null);
        });
      b.literal(')', false);
      return;
    case '$':
      // `$"…"` (a translated string) arrives as `$` followed by the string; a lone `$` is literal.
      if (next && next.type === 'string' && next.startIndex === node.endIndex) return;
      if (node.text !== '$') return b.expansion(node.text); // `$$` and the like reach here too
      // A `$` tree-sitter left alone right before a name still expands it for bash.
      if (/[\w{(@*#?$!-]/.test(env.source[node.endIndex] ?? '')) return b.expansion(node.text);
      return b.literal('$', false);
    case '``':
      return b.expansion(node.text); // an empty backtick substitution: still a substitution
    case '==':
    case '=~':
      return b.literal(node.type, false);
    case 'ERROR':
      env.fail('parse.syntax_error', 'the shell parser reported a syntax error', node);
      return b.expansion(node.text);
    default:
      env.fail('parse.unknown_node', `the analyser does not know the node type "${node.type}" in a word`, node);
      return b.expansion(node.text);
  }
}

function parts(b: WordBuilder, nodes: Node[], env: WordEnv, depth: number): void {
  for (let i = 0; i < nodes.length; i++) {
    const prev = nodes[i - 1];
    const node = nodes[i]!;
    // Text tree-sitter left between two parts of one word is unquoted literal text.
    if (prev && node.startIndex > prev.endIndex) {
      unquotedText(b, env.source.slice(prev.endIndex, node.startIndex));
    }
    part(b, node, env, depth, nodes[i + 1] ?? null);
  }
}

function doubleQuoted(b: WordBuilder, node: Node, env: WordEnv, depth: number): void {
  const source = env.source;
  const open = node.type === 'translated_string' ? 2 : 1;
  let pos = node.startIndex + open;
  const end = node.endIndex - 1;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_content') continue;
    if (child.startIndex > pos) doubleQuotedText(b, source.slice(pos, child.startIndex));
    if (child.type === 'process_substitution') {
      b.literal(child.text, false); // `<(` is not special between double quotes
    } else {
      part(b, child, env, depth + 1, null);
    }
    pos = child.endIndex;
  }
  if (end > pos) doubleQuotedText(b, source.slice(pos, end));
}

const GLOB = /[*?]|\[[^\]]*\]/;
const BRACE = /\{[^{}\0]*(,|\.\.)[^{}\0]*\}/;

/** Builds one word from adjacent nodes. */
export function wordFromNodes(nodes: Node[], env: WordEnv, depth: number): AstWord {
  const b = new WordBuilder();
  parts(b, nodes, env, depth);
  const first = nodes[0]!;
  const raw = env.source.slice(first.startIndex, nodes[nodes.length - 1]!.endIndex);
  const pattern = GLOB.test(b.mask) || BRACE.test(b.mask);
  const word: Word = { value: b.value, static: !b.dynamic && !pattern, raw };
  if (pattern && !b.dynamic) word.glob = true;
  const evals = b.dynamic ? wordEvaluations(nodes) : [];
  return evals.length ? { word, subs: b.subs, evals } : { word, subs: b.subs };
}

/** Groups nodes that touch (no blank between them) into words, as bash splits words. */
export function groupAdjacent(nodes: Node[]): Node[][] {
  const groups: Node[][] = [];
  for (const node of nodes) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.endIndex === node.startIndex) last.push(node);
    else groups.push([node]);
  }
  return groups;
}
