// Compound statements → AST: if/elif/else, while/until, for/select, C-style for, case, function
// definitions. Each keeps its bodies apart so the IR builder can track the folder per branch.
import type { AstRedirect, AstWord, Stmt } from '../ast.js';
import { isArithmetic } from '../arith.js';
import { RESERVED, checkReserved } from './checks.js';
import type { Converter } from './nodes.js';
import type { SNode as Node } from '../snapshot.js';

/** Splits a compound statement's children into sections started by keywords. */
function sections(conv: Converter, node: Node, depth: number, starts: string[]): Map<string, Stmt[]> {
  checkReserved(conv, node);
  const map = new Map<string, Stmt[]>();
  let current: Stmt[] | null = null;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child || node.fieldNameForChild(i) === 'body') continue;
    if (!child.isNamed) {
      if (starts.includes(child.type)) {
        current = [];
        map.set(child.type, current);
      } else if (child.type === '&' && current?.length) {
        current[current.length - 1]!.bg = true;
      }
      continue;
    }
    if (['comment', 'elif_clause', 'else_clause', 'do_group'].includes(child.type)) continue;
    const s = conv.stmt(child, depth + 1);
    if (s && current) current.push(...s);
    else if (s) conv.fail('parse.unknown_node', `statement outside any section of "${node.type}"`, child);
  }
  return map;
}

export function ifStatement(conv: Converter, node: Node, depth: number): Stmt {
  const clauses: { cond: Stmt[]; body: Stmt[] }[] = [];
  const first = sections(conv, node, depth, ['if', 'then']);
  clauses.push({ cond: first.get('if') ?? [], body: first.get('then') ?? [] });
  let elseBody: Stmt[] | null = null;
  for (const child of node.namedChildren) {
    if (child?.type === 'elif_clause') {
      const s = sections(conv, child, depth + 1, ['elif', 'then']);
      clauses.push({ cond: s.get('elif') ?? [], body: s.get('then') ?? [] });
    } else if (child?.type === 'else_clause') {
      elseBody = sections(conv, child, depth + 1, ['else']).get('else') ?? [];
    }
  }
  return { t: 'if', clauses, elseBody, redirects: [] };
}

function doBody(conv: Converter, node: Node, depth: number): Stmt[] {
  const body = node.childForFieldName('body');
  if (!body) return [];
  if (body.type === 'do_group') return conv.sequence(body, depth + 1);
  return conv.stmt(body, depth + 1) ?? [];
}

export function whileStatement(conv: Converter, node: Node, depth: number): Stmt {
  const cond = sections(conv, node, depth, ['while', 'until']);
  const stmts = [...(cond.get('while') ?? []), ...(cond.get('until') ?? [])];
  return { t: 'loop', kind: 'while', words: [], cond: stmts, body: doBody(conv, node, depth), redirects: [] };
}

export function forStatement(conv: Converter, node: Node, depth: number): Stmt {
  const values = node.childrenForFieldName('value').filter((c): c is Node => !!c);
  const variable = node.childForFieldName('variable')?.text;
  return {
    t: 'loop',
    kind: 'for',
    ...(variable ? { variable } : {}),
    words: conv.words(values, depth + 1),
    cond: [],
    body: doBody(conv, node, depth),
    redirects: [],
  };
}

export function cFor(conv: Converter, node: Node, depth: number): Stmt {
  const words: AstWord[] = [];
  const open = node.children.findIndex((c) => c?.type === '((');
  const close = node.children.findIndex((c) => c?.type === '))');
  const semis = node.children.slice(open, close).filter((c) => c?.type === ';').length;
  if (semis !== 2) conv.fail('parse.syntax_error', 'a C-style for needs two ";" inside "(( ))"', node);
  const after = node.children[close + 1];
  if (after?.type === ';' && conv.source.slice(node.children[close]!.endIndex, after.startIndex).includes('\n')) {
    conv.fail('parse.syntax_error', '";" alone on a line after "for (( ))"', after);
  }
  let init = 0;
  let semi = 0;
  for (let i = 0; i < node.childCount; i++) {
    const n = node.child(i);
    if (n?.type === ';' && i > open && i < close) semi++;
    if (!n || !n.isNamed || n.type === 'comment' || node.fieldNameForChild(i) === 'body') continue;
    if (!isArithmetic(n.text)) conv.fail('parse.syntax_error', 'not a well-formed arithmetic expression', n);
    words.push(conv.evaluated(n, depth + 1, [{ kind: 'arith', text: n.text }]));
    if (semi === 0) init++;
  }
  return { t: 'loop', kind: 'for', cstyle: { init }, words, cond: [], body: doBody(conv, node, depth), redirects: [] };
}

export function caseStatement(conv: Converter, node: Node, depth: number): Stmt {
  const valueNodes = node.childrenForFieldName('value').filter((c): c is Node => !!c);
  const word = valueNodes.length ? conv.word(valueNodes, depth + 1) : { word: { value: '', static: true, raw: '' }, subs: [] };
  const items: { patterns: AstWord[]; body: Stmt[] }[] = [];
  for (const item of node.namedChildren) {
    if (!item || item.type === 'comment' || valueNodes.some((v) => v.id === item.id)) continue;
    if (item.type !== 'case_item') {
      conv.fail('parse.unknown_node', `unexpected "${item.type}" in a case statement`, item);
      continue;
    }
    checkReserved(conv, item);
    // Before the `)` only patterns, `(` and `|` may stand: tree-sitter also takes `a;b)`.
    const close = item.children.findIndex((c) => c?.type === ')');
    const bad = item.children.slice(0, close).find((c) => c && !c.isNamed && c.type !== '(' && c.type !== '|');
    if (bad) conv.fail('parse.syntax_error', `"${bad.type}" in a case pattern`, bad);
    for (const p of item.childrenForFieldName('value')) {
      if (p && /[;&<>]/.test(p.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, '')))
        conv.fail('parse.syntax_error', `an operator inside the case pattern ${p.text}`, p);
    }
    const patterns: Node[] = [];
    const body: Stmt[] = [];
    for (let i = 0; i < item.childCount; i++) {
      const c = item.child(i);
      if (!c) continue;
      if (item.fieldNameForChild(i) === 'value') patterns.push(c);
      else if (!c.isNamed) {
        if (c.type === '&' && body.length) body[body.length - 1]!.bg = true;
      } else if (c.type !== 'comment') body.push(...(conv.stmt(c, depth + 2) ?? []));
    }
    items.push({ patterns: patterns.map((p) => conv.word([p], depth + 2)), body });
  }
  return { t: 'case', word, items, redirects: [] };
}

export function functionDefinition(conv: Converter, node: Node, depth: number): Stmt {
  const name = node.childForFieldName('name');
  if (name && (RESERVED.has(name.text) || ['time', 'coproc'].includes(name.text))) {
    conv.fail('parse.syntax_error', `"${name.text}" is a reserved word, not a function name`, node);
  }
  const open = node.children.find((c) => c?.type === '(');
  const close = node.children.find((c) => c?.type === ')');
  if (open && close && /\n/.test(conv.source.slice(open.endIndex, close.startIndex))) {
    conv.fail('parse.syntax_error', 'a line break inside "()" of a function definition', node);
  }
  const bodyNode = node.childForFieldName('body');
  const redirects: AstRedirect[] = [];
  for (const r of node.childrenForFieldName('redirect')) {
    if (r) redirects.push(conv.redirectOf(r, depth).redirect);
  }
  let body: Stmt[] = [];
  if (bodyNode?.type === 'compound_statement') body = conv.sequence(bodyNode, depth + 1);
  else if (bodyNode) body = conv.stmt(bodyNode, depth + 1) ?? [];
  return { t: 'function', name: name ? conv.word([name], depth + 1).word.value : '', body, redirects };
}
