// Heredocs in tree-sitter-bash: the rest of the command line after `<<EOF` (more redirects,
// arguments, `| next`, `&& next`) hangs inside the heredoc node. This pulls it back out, checks
// that the delimiter and the end line agree (when they do not, tree-sitter has misread the
// heredoc), and turns the body into a word.
import type { SNode as Node } from '../snapshot.js';
import type { AstRedirect, AstWord, Stmt } from '../ast.js';
import type { Converter } from './nodes.js';
import { groupAdjacent } from './words.js';
import { heredocFromText, heredocWord } from './heredoc-body.js';

export interface HeredocParts {
  redirect: AstRedirect;
  /** Redirects written after the heredoc start on the same line. */
  redirects: AstRedirect[];
  /** Arguments written after the heredoc start on the same line. */
  args: AstWord[];
  continuation: null | { kind: 'pipe'; stages: Stmt[] } | { kind: 'list'; op: string; rest: Stmt };
}

const DELIMITER = /^[^\s;&|<>()`$]+$/;

export function convertHeredoc(node: Node, conv: Converter, depth: number): HeredocParts {
  let op = '<<';
  let fd: string | undefined;
  let start: Node | null = null;
  let body: Node | null = null;
  let end: Node | null = null;
  let listOp: string | null = null;
  const redirects: AstRedirect[] = [];
  const argNodes: Node[] = [];
  let continuation: HeredocParts['continuation'] = null;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    const field = node.fieldNameForChild(i);
    if (field === 'descriptor') fd = child.text;
    else if (child.type === '<<' || child.type === '<<-') op = child.type;
    else if (child.type === '&&' || child.type === '||') listOp = child.type;
    else if (child.type === 'heredoc_start') start = child;
    else if (child.type === 'heredoc_body') body = child;
    else if (child.type === 'heredoc_end') end = child;
    else if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
      const r = conv.redirectOf(child, depth);
      redirects.push(r.redirect);
      argNodes.push(...r.extraArgs);
    } else if (child.type === 'pipeline' && child.child(0)?.isNamed === false) {
      const stages = child.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      continuation = { kind: 'pipe', stages: conv.stages(stages, depth) };
    } else if (field === 'right' && listOp) {
      const rest = conv.stmt(child, depth + 1);
      if (rest?.length === 1) continuation = { kind: 'list', op: listOp, rest: rest[0]! };
    } else if (field === 'argument') {
      argNodes.push(child);
    } else if (child.type === 'ERROR') {
      conv.fail('parse.syntax_error', 'the shell parser reported a syntax error', child);
    } else if (child.isNamed && child.type !== 'comment') {
      conv.fail('parse.unknown_node', `unexpected "${child.type}" in a heredoc`, child);
    }
  }
  if (conv.inHeredoc > 0) conv.fail('parse.blind_spot', 'a heredoc inside a heredoc body', node);
  // The end line must stand alone; tree-sitter also accepts `EOF | next` and reads on.
  if (end && end.text !== '') {
    const before = conv.source[end.startIndex - 1];
    const after = conv.source[end.endIndex];
    if ((before !== undefined && before !== '\n' && before !== '\t') || (after !== undefined && after !== '\n')) {
      conv.fail('parse.blind_spot', 'the heredoc end line has more text on it', node);
    }
  }
  const opNode = node.children.find((c) => c?.type === op);
  if (start && opNode && conv.source.slice(opNode.endIndex, start.startIndex).includes('\n')) {
    conv.fail('parse.syntax_error', 'the heredoc delimiter is missing', node);
  }
  const startText = start?.text ?? '';
  if (/['"]/.test(startText.replace(/\\./g, '').replace(/'[^']*'|"[^"]*"/g, ''))) {
    conv.fail('parse.syntax_error', 'an unbalanced quote in the heredoc delimiter', node);
  }
  const quoted = /['"\\]/.test(startText);
  const delimiter = startText.replace(/['"\\]/g, '');
  const endLine = (end?.text ?? '').replace(/\n+$/, '').replace(op === '<<-' ? /^\t+/ : /^$/, '');
  const unterminated = endLine === '' && node.endIndex >= conv.source.trimEnd().length;
  if (!quoted && !DELIMITER.test(delimiter)) {
    conv.fail('parse.blind_spot', 'the parser misread the heredoc delimiter', node);
  } else if (endLine !== delimiter && !unterminated) {
    conv.fail('parse.blind_spot', 'the parser misread where the heredoc ends', node);
  }
  // Words that start past the end of the heredoc's first line are body lines tree-sitter misread.
  const lineEnd = start ? conv.source.indexOf('\n', start.endIndex) : -1;
  const spilled = lineEnd >= 0 && argNodes.some((n) => n.startIndex >= lineEnd);
  let target: AstWord;
  if (spilled && end && (!body || body.startIndex > lineEnd)) {
    target = heredocFromText(conv.source.slice(lineEnd + 1, end.startIndex), node, conv, quoted, op === '<<-');
  } else {
    if (spilled) conv.fail('parse.blind_spot', 'the parser read heredoc lines as words', node);
    target = heredocWord(body, conv, depth, quoted, op === '<<-');
  }
  const redirect: AstRedirect = { op, target, heredocQuoted: quoted };
  if (fd !== undefined) redirect.fd = fd;
  const args = groupAdjacent(argNodes.filter((n) => lineEnd < 0 || n.startIndex < lineEnd)).map((g) => conv.word(g, depth));
  return { redirect, redirects, args, continuation };
}
