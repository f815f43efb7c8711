// Checks for where tree-sitter-bash reads a script differently from bash (found by reading its
// grammar and by the differential test against mvdan-sh): reserved words glued to text, commands
// read on over a line break, dropped words, lenient `[[ … ]]`, backslash-newlines inside words.
// Each finding is undecidable, so the script is refused rather than judged on a misreading.
import { BINARY, UNARY } from '../test-syntax.js';
import type { SNode as Node } from '../snapshot.js';
import { isConditional } from '../test-syntax.js';
import type { UndecidableId } from '../undecidable.js';
import { RESERVED_WORDS } from '../reserved-words.js';

/** What the checks need from the converter. */
export interface Checker {
  source: string;
  fail(id: UndecidableId, reason: string, node: Node): void;
}

export const CASE_TERMINATORS = new Set([';;', ';&', ';;&']);

/** Reserved words are only reserved as whole words: `do''`, `if}`, `{echo`, `in*.log` are not. */
export const RESERVED = new Set([...RESERVED_WORDS, '{', '}', '[[', ']]', '[', ']', '!']);
const BOUNDARY = /[\s;&|()<>`]/;
/** Reserved words that need their next word on the same line. */
const HEADS = new Set(['for', 'select', 'case', 'function']);

/** Operators bash knows inside `[[ … ]]`; tree-sitter accepts any `-word`. */
const TEST_OPERATORS = new Set([...UNARY, ...[...BINARY].filter((o) => o.startsWith('-'))]);

/**
 * A simple command or a redirect never continues over an unescaped newline; tree-sitter
 * sometimes reads on (`a | b | c⏎ls 2>x` makes `ls` an argument of c).
 */
export function checkOneLine(conv: Checker, nodes: (Node | null)[], textChecked = false): void {
  const parts = nodes.filter((n): n is Node => !!n).sort((a, b) => a.startIndex - b.startIndex);
  for (let i = 1; i < parts.length; i++) {
    const gap = conv.source.slice(parts[i - 1]!.endIndex, parts[i]!.startIndex).replace(/\\\n/g, '');
    if (gap.includes('\n')) {
      conv.fail('parse.blind_spot', 'the parser continued a command over a line break', parts[i]!);
      return;
    }
    // Text between two parts that belongs to neither: tree-sitter dropped a word.
    if (!textChecked && /[^ \t]/.test(gap)) {
      conv.fail('parse.blind_spot', `the parser skipped "${gap.trim()}"`, parts[i]!);
      return;
    }
  }
}

/** Between the children of a statement there is only blank space: anything else was dropped. */
export function checkGaps(conv: Checker, node: Node): void {
  let prev: Node | null = null;
  for (const c of node.children) {
    if (!c) continue;
    if (prev) {
      const gap = conv.source.slice(prev.endIndex, c.startIndex).replace(/\\\n/g, '');
      if (/\S/.test(gap)) {
        conv.fail('parse.blind_spot', `the parser skipped "${gap.trim().slice(0, 40)}"`, c);
        return;
      }
    }
    prev = c;
  }
}

/** Checks that the reserved words among a node's direct children stand alone. */
export function checkReserved(conv: Checker, node: Node): void {
  for (const c of node.children) {
    if (c?.type === 'esac' && !/(^|[;\n&)]|\bin)$/.test(conv.source.slice(0, c.startIndex).replace(/[ \t]+$/, ''))) {
      conv.fail('parse.syntax_error', '"esac" must follow ";;" or a line break', c);
    }
    if (c && !c.isNamed && ['&', '|', ';'].includes(c.type) && node.type === 'case_statement') {
      conv.fail('parse.syntax_error', `"${c.type}" in a case statement`, c);
    }
    if (c && CASE_TERMINATORS.has(c.type) && node.type !== 'case_item') {
      conv.fail('parse.syntax_error', `"${c.type}" outside a case statement`, c);
    }
    if (c && HEADS.has(c.type) && !/^[ \t]+[^\s]/.test(conv.source.slice(c.endIndex, c.endIndex + 200))) {
      conv.fail('parse.syntax_error', `"${c.type}" must be followed by a word on the same line`, c);
    }
    if (!c || c.isNamed || !RESERVED.has(c.type)) continue;
    const before = conv.source[c.startIndex - 1];
    const after = conv.source[c.endIndex];
    const okBefore = before === undefined || BOUNDARY.test(before) || (c.type === '}' && before === '}');
    const okAfter =
      after === undefined ||
      BOUNDARY.test(after) ||
      ((c.type === '}' || c.type === ']]' || c.type === 'fi' || c.type === 'done' || c.type === 'esac') && after === '}');
    const spacedAfter = ['{', '[[', '[', '!'].includes(c.type) ? after === undefined || /\s/.test(after) : true;
    const spacedBefore = [']]', ']'].includes(c.type) ? before !== undefined && /\s/.test(before) : true;
    const spaced = spacedAfter && spacedBefore;
    if (!okBefore || !okAfter || !spaced)
      conv.fail('parse.syntax_error', `"${c.type}" is not a reserved word where it is glued to other text`, c);
  }
}

/** tree-sitter accepts any `-word` as a test operator; bash rejects unknown ones at parse time. */
function checkTestOperators(conv: Checker, node: Node): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'test_operator' && !TEST_OPERATORS.has(n.text)) {
      conv.fail('parse.syntax_error', `unknown test operator "${n.text}"`, n);
    }
    if (n.type !== 'command_substitution' && n.type !== 'process_substitution') {
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
  }
}

/** `[[ … ]]` and `[ … ]` as bash reads them. */
export function checkTest(conv: Checker, node: Node): void {
  checkTestOperators(conv, node);
  // `[ … ]` is a command: it ends at a line break, and `|`, `&`, `;`, `<`, `>` in it are
  // pipes, lists and redirects for bash (`[ a > b ]` writes the file b).
  if (!node.text.startsWith('[[')) {
    if (node.text.replace(/\\\n/g, '').includes('\n'))
      conv.fail('parse.blind_spot', 'the parser continued "[ … ]" over a line break', node);
    const op = operatorInside(node);
    if (op) conv.fail('parse.blind_spot', `"${op.type}" inside "[ … ]" is an operator for bash`, op);
  } else if (!isConditional(node.text)) {
    conv.fail('parse.syntax_error', 'not a well-formed [[ … ]] expression', node);
  }
}

/** A shell operator token anywhere in a `[ … ]` (not inside substitutions or strings). */
function operatorInside(node: Node): Node | null {
  const stack: Node[] = [...node.children.filter((c): c is Node => !!c)];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.isNamed && ['|', '&', '&&', '||', ';', '<', '>', '>>', '<<'].includes(n.type)) return n;
    if (!['command_substitution', 'process_substitution', 'string', 'raw_string'].includes(n.type)) {
      for (const c of n.children) if (c) stack.push(c);
    }
  }
  return null;
}

/** The first ERROR or MISSING node (iterative: error trees can be as deep as the input). */
export function firstErrorNode(root: Node): Node | null {
  let node = root;
  for (;;) {
    if (node.type === 'ERROR' || node.isMissing) return node;
    const next = node.children.find((c) => c && (c.hasError || c.isMissing || c.type === 'ERROR'));
    if (!next) return node;
    node = next;
  }
}

const QUOTING_NODES = ['raw_string', 'string', 'heredoc_body', 'comment', 'ansi_c_string', 'translated_string'];
const WORD_NODES = ['word', 'concatenation', 'number', 'extglob_pattern', 'regex', ...QUOTING_NODES];
const CODE_NODES = [
  'command',
  'command_substitution',
  'process_substitution',
  'program',
  'compound_statement',
  'subshell',
  'do_group',
  'if_statement',
  'list',
  'pipeline',
];

/**
 * Backslash-newline inside a word joins two halves bash reads as one word, and tree-sitter splits
 * them; a backslash-blank outside any word (`|\ sh`) is the start of a word tree-sitter drops.
 */
export function continuationInsideWord(root: Node, source: string): Node | null {
  const re = /\\[\n \t]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let slashes = 0;
    for (let i = m.index; i >= 0 && source[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 0) continue; // an escaped backslash, then a plain character
    if (source[m.index + 1] !== '\n') {
      const at = root.descendantForIndex(m.index, m.index + 1);
      let inWord = false;
      for (let n: Node | null = at; n; n = n.parent) {
        if (WORD_NODES.includes(n.type)) {
          inWord = true;
          break;
        }
        if (CODE_NODES.includes(n.type)) break;
      }
      if (!inWord) return at;
      continue;
    }
    const before = source[m.index - 1];
    const after = source[m.index + 2];
    const blank = (c: string | undefined) => c === undefined || /[\s;&|()<>]/.test(c);
    if (blank(before) || blank(after)) continue;
    let node: Node | null = root.descendantForIndex(m.index, m.index + 1);
    let quoted = false;
    for (; node; node = node.parent) {
      if (QUOTING_NODES.includes(node.type)) {
        quoted = true;
        break;
      }
      if (CODE_NODES.includes(node.type)) break;
    }
    if (!quoted) return root.descendantForIndex(m.index, m.index + 1);
  }
  return null;
}
