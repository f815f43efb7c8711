// tree-sitter's concrete tree → the normalised AST. Every node type is on an explicit allow-list;
// anything else is undecidable. Known tree-sitter quirks are repaired here (redirect targets that
// swallow arguments, `a | b && c` read as a pipe into a list, commands continuing after a heredoc
// start) and known blind spots are reported.
import type { SNode as Node } from '../snapshot.js';
import type { Undecidable, Word } from '../../../core/ir.js';
import type { AstAssignment, AstCommand, AstRedirect, AstWord, Evaluation, Stmt, Substitution } from '../ast.js';
import { assignmentEvaluations, testEvaluations, wordEvaluations } from './evaluations.js';
import { tokens } from '../test-syntax.js';
import { isArithmetic } from '../arith.js';
import { groupAdjacent, scanExpression, wordFromNodes, type WordEnv } from './words.js';
import { convertHeredoc, type HeredocParts } from './heredoc.js';
import { checkGaps, checkOneLine, checkReserved, checkTest, continuationInsideWord, firstErrorNode } from './checks.js';
import { attachRedirects, flattenList, joinPipeline } from './join.js';
import { caseStatement, cFor, forStatement, functionDefinition, ifStatement, whileStatement } from './compound.js';
import { undecidable, type UndecidableId } from '../undecidable.js';

export interface Converted {
  stmts: Stmt[];
  undecidable: Undecidable[];
}

class Converter implements WordEnv {
  readonly undecidable: Undecidable[] = [];
  private readonly reported = new Set<string>();
  private tooDeep = false;
  inBackticks = 0;
  inHeredoc = 0;

  constructor(
    readonly source: string,
    private readonly maxDepth: number,
  ) {}

  fail(id: UndecidableId, reason: string, node: Node): void {
    const key = `${id}@${node.startIndex}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.undecidable.push(undecidable(id, reason, node.text));
  }

  deepEnough(depth: number, node: Node): boolean {
    if (depth <= this.maxDepth) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.undecidable.push(undecidable('limits.nesting_too_deep', `the script nests deeper than ${this.maxDepth} levels`, node.text));
    }
    return false;
  }

  body(node: Node, depth: number): Stmt[] {
    return this.sequence(node, depth);
  }

  /** The statements among a node's children; `&` after a statement puts it in the background. */
  sequence(node: Node, depth: number): Stmt[] {
    checkReserved(this, node);
    checkGaps(this, node);
    const out: Stmt[] = [];
    for (const child of node.children) {
      if (!child) continue;
      if (!child.isNamed) {
        if (child.type === '&' && out.length) out[out.length - 1]!.bg = true;
        continue;
      }
      if (child.type === 'comment') continue;
      const stmt = this.stmt(child, depth + 1);
      if (stmt) out.push(...stmt);
    }
    return out;
  }

  word(nodes: Node[], depth: number): AstWord {
    return wordFromNodes(nodes, this, depth);
  }

  words(nodes: Node[], depth: number): AstWord[] {
    return groupAdjacent(nodes).map((g) => this.word(g, depth));
  }

  /** A pseudo-word for expressions (`[[ … ]]`, `(( … ))`): only its substitutions matter. */
  expression(node: Node, depth: number): AstWord {
    const subs: Substitution[] = [];
    scanExpression(node, this, depth, subs);
    const word: Word = { value: node.text, static: false, raw: node.text };
    const evals = wordEvaluations([node]);
    return evals.length ? { word, subs, evals } : { word, subs };
  }

  /** An expression whose evaluations are `own` and those of the expansions inside it. */
  evaluated(node: Node, depth: number, own: Evaluation[]): AstWord {
    const w = this.expression(node, depth);
    const evals = [...own, ...(w.evals ?? [])];
    return evals.length ? { ...w, evals } : w;
  }

  stmt(node: Node, depth: number): Stmt[] | null {
    if (!this.deepEnough(depth, node)) return null;
    if (node.type !== 'command' && node.type !== 'program') checkReserved(this, node);
    if (node.type !== 'command' && node.type !== 'redirected_statement') checkGaps(this, node);
    switch (node.type) {
      case 'command':
        return [{ t: 'cmd', cmd: this.command(node, depth) }];
      case 'declaration_command':
      case 'unset_command':
        return [{ t: 'cmd', cmd: this.declaration(node, depth) }];
      case 'variable_assignment':
      case 'variable_assignments': {
        checkOneLine(this, node.children);
        const nodes = node.type === 'variable_assignment' ? [node] : node.namedChildren.filter((c): c is Node => !!c);
        const assignments = nodes.map((n) => this.assignment(n, depth));
        return [{ t: 'cmd', cmd: { assignments, words: [], redirects: [], text: node.text } }];
      }
      case 'redirected_statement':
        return this.redirected(node, depth);
      case 'pipeline':
        return [this.pipeline(node, depth)];
      case 'list':
        return [this.list(node, depth)];
      case 'negated_command':
        return this.negated(node, depth);
      case 'subshell':
        return [{ t: 'block', kind: 'subshell', body: this.sequence(node, depth), words: [], redirects: [] }];
      case 'compound_statement':
        if (node.child(0)?.type === '((') {
          if (!isArithmetic(node.text.slice(2, -2))) this.fail('parse.syntax_error', 'not a well-formed arithmetic expression', node);
          return [
            {
              t: 'block',
              kind: 'arith',
              body: [],
              words: [this.evaluated(node, depth, [{ kind: 'arith', text: node.text.slice(2, -2) }])],
              redirects: [],
            },
          ];
        }
        return [{ t: 'block', kind: 'group', body: this.sequence(node, depth), words: [], redirects: [] }];
      case 'test_command':
        checkTest(this, node);
        return [{ t: 'block', kind: 'test', body: [], words: [this.evaluated(node, depth, testOf(node.text))], redirects: [] }];
      case 'if_statement':
        return [ifStatement(this, node, depth)];
      case 'while_statement':
        return [whileStatement(this, node, depth)];
      case 'for_statement':
        return [forStatement(this, node, depth)];
      case 'c_style_for_statement':
        return [cFor(this, node, depth)];
      case 'case_statement':
        return [caseStatement(this, node, depth)];
      case 'function_definition':
        return [functionDefinition(this, node, depth)];
      case 'ERROR':
        this.fail('parse.syntax_error', 'the shell parser reported a syntax error', node);
        return null;
      default:
        this.fail('parse.unknown_node', `the analyser does not know the node type "${node.type}"`, node);
        return null;
    }
  }

  assignment(node: Node, depth: number): AstAssignment {
    const nameNode = node.childForFieldName('name');
    if (nameNode?.type === 'variable_name' && !/^[A-Za-z_]\w*$/.test(nameNode.text)) {
      this.fail('parse.blind_spot', `"${nameNode.text}=" is not an assignment to bash but a word`, node);
    }
    const valueNodes = node.childrenForFieldName('value').filter((c): c is Node => !!c);
    const subs: Substitution[] = [];
    if (nameNode?.type === 'subscript') scanExpression(nameNode, this, depth + 1, subs);
    const value: AstWord = valueNodes.length ? this.word(valueNodes, depth + 1) : { word: { value: '', static: true, raw: '' }, subs: [] };
    value.subs.push(...subs);
    const evals = assignmentEvaluations(nameNode, valueNodes);
    if (evals.length) value.evals = [...evals, ...(value.evals ?? [])];
    const op = node.children.find((c) => c?.type === '+=') ? '+' : '';
    return { name: (nameNode?.text ?? '') + op, value };
  }

  redirectOf(node: Node, depth: number): { redirect: AstRedirect; extraArgs: Node[] } {
    const fd = node.childForFieldName('descriptor')?.text;
    const op = node.children.find((c) => c && !c.isNamed)?.type ?? '>';
    const targets = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'file_descriptor');
    checkOneLine(this, node.children);
    const opNode = node.children.find((c) => c && !c.isNamed);
    if (opNode && targets[0]?.type === 'process_substitution' && targets[0].startIndex === opNode.endIndex) {
      this.fail('parse.syntax_error', `"${opNode.type}${targets[0].text.slice(0, 2)}" is not a redirect bash reads`, node);
    }
    const groups = groupAdjacent(targets);
    // `2> 2>x`, `>&12>&1`: a number right before `<`/`>` is a file descriptor, not a target word.
    const first = groups[0]?.[groups[0].length - 1];
    if (first && /^\d+$/.test(first.text) && /[<>]/.test(this.source[first.endIndex] ?? '')) {
      this.fail('parse.syntax_error', 'a redirect is missing its target', node);
    }
    const target = groups.length ? this.word(groups[0]!, depth + 1) : { word: { value: '-', static: true, raw: '' }, subs: [] };
    const redirect: AstRedirect = { op, target };
    if (fd !== undefined) redirect.fd = fd;
    // tree-sitter lets a redirect target run on over later words; bash makes them arguments.
    return { redirect, extraArgs: groups.slice(1).flat() };
  }

  command(node: Node, depth: number): AstCommand {
    const assignments: AstAssignment[] = [];
    const redirects: AstRedirect[] = [];
    const redirectEnds: number[] = [];
    const parts: Node[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child) continue;
      const field = node.fieldNameForChild(i);
      if (child.type === 'variable_assignment') {
        assignments.push(this.assignment(child, depth));
      } else if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
        const { redirect, extraArgs } = this.redirectOf(child, depth);
        redirects.push(redirect);
        redirectEnds.push(child.endIndex);
        parts.push(...extraArgs);
      } else if (child.type === 'command_name') {
        parts.push(...child.children.filter((c): c is Node => !!c));
      } else if (field === 'argument') {
        parts.push(child);
      } else if (child.type === 'ERROR') {
        this.fail('parse.syntax_error', 'the shell parser reported a syntax error', child);
      } else if (child.type !== 'comment') {
        this.fail('parse.blind_spot', `unexpected "${child.type}" inside a simple command`, child);
      }
    }
    checkOneLine(this, node.children);
    // Words are what touches in the source: tree-sitter splits `'r'\m` into name and argument.
    parts.sort((a, b) => a.startIndex - b.startIndex);
    const glued = parts.find((p) => redirectEnds.includes(p.startIndex));
    if (glued) this.fail('parse.blind_spot', 'a word glued to a redirect target', glued);
    // `e=#ch$'\x6f' a`: bash reads one assignment; tree-sitter ends it early and starts a command.
    const assignmentEnds = node.children.filter((c) => c?.type === 'variable_assignment').map((c) => c!.endIndex);
    const gluedToAssignment = parts.find((p) => assignmentEnds.includes(p.startIndex));
    if (gluedToAssignment) this.fail('parse.blind_spot', 'a word glued to an assignment', gluedToAssignment);
    const words = groupAdjacent(parts).map((g) => this.word(g, depth));
    return { assignments, words, redirects, text: node.text };
  }

  declaration(node: Node, depth: number): AstCommand {
    checkOneLine(this, node.children);
    const keyword = node.child(0)!;
    const next = node.child(1);
    if (next && next.startIndex === keyword.endIndex) {
      this.fail('parse.blind_spot', `"${keyword.type}" is glued to the next word: it is not the builtin`, node);
    }
    const words: AstWord[] = [{ word: { value: keyword.type, static: true, raw: keyword.text }, subs: [] }];
    const rest: Node[] = [];
    const flush = () => {
      words.push(...this.words(rest, depth));
      rest.length = 0;
    };
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'variable_assignment') {
        flush();
        const a = this.assignment(child, depth);
        const w = a.value.word;
        words.push({ word: { value: `${a.name}=${w.value}`, static: w.static, raw: child.text }, subs: a.value.subs });
      } else {
        rest.push(child);
      }
    }
    flush();
    return { assignments: [], words, redirects: [], text: node.text };
  }

  private redirected(node: Node, depth: number): Stmt[] | null {
    const bodyNode = node.childForFieldName('body');
    // tree-sitter drops plain words between a command and a heredoc (`python3 - <<EOF`): take
    // them back; anything else it skipped is a blind spot.
    const recovered: AstWord[] = [];
    const kids = node.children;
    for (let i = 1; i < kids.length; i++) {
      const gap = this.source.slice(kids[i - 1]!.endIndex, kids[i]!.startIndex).replace(/\\\n/g, '');
      if (!/\S/.test(gap)) continue;
      if (kids[i - 1] === bodyNode && bodyNode?.type === 'command' && /^[\w\-+=.,/:@%^ \t]+$/.test(gap)) {
        for (const v of gap.trim().split(/[ \t]+/)) recovered.push({ word: { value: v, static: true, raw: v }, subs: [] });
      } else {
        this.fail('parse.blind_spot', `the parser skipped "${gap.trim().slice(0, 40)}"`, kids[i]!);
      }
    }
    if (bodyNode?.type === 'command') checkOneLine(this, node.children, true);
    const redirects: AstRedirect[] = [];
    const extraArgs: AstWord[] = [];
    let continuation: HeredocParts['continuation'] = null;
    for (const child of node.namedChildren) {
      if (!child || child === bodyNode || child.id === bodyNode?.id) continue;
      if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
        const r = this.redirectOf(child, depth);
        redirects.push(r.redirect);
        extraArgs.push(...this.words(r.extraArgs, depth));
      } else if (child.type === 'heredoc_redirect') {
        const h = convertHeredoc(child, this, depth);
        redirects.push(h.redirect, ...h.redirects);
        extraArgs.push(...h.args);
        if (h.continuation) continuation = h.continuation;
      } else if (child.type === 'ERROR') {
        this.fail('parse.syntax_error', 'the shell parser reported a syntax error', child);
      } else if (child.type !== 'comment') {
        this.fail('parse.unknown_node', `unexpected "${child.type}" in a redirected statement`, child);
      }
    }
    let body: Stmt;
    if (bodyNode) {
      const converted = this.stmt(bodyNode, depth + 1);
      if (!converted || converted.length !== 1) return converted;
      body = converted[0]!;
    } else {
      body = { t: 'cmd', cmd: { assignments: [], words: [], redirects: [], text: node.text } };
    }
    if (recovered.length && body.t === 'cmd') body.cmd.words.push(...recovered);
    attachRedirects(body, redirects, extraArgs, node.text, (args) =>
      this.fail('parse.syntax_error', `words after a compound command: ${args.map((a) => a.word.raw).join(' ')}`, node),
    );
    if (!continuation) return [body];
    if (continuation.kind === 'pipe') return [joinPipeline([body, ...continuation.stages], this, node)];
    return [flattenList({ t: 'list', items: [body, continuation.rest], ops: [continuation.op] })];
  }

  /** The statements of a `|` continuation, flattened into stages. */
  stages(nodes: Node[], depth: number): Stmt[] {
    const out: Stmt[] = [];
    for (const n of nodes) {
      const s = this.stmt(n, depth + 1);
      if (s) out.push(...s);
    }
    return out;
  }

  private pipeline(node: Node, depth: number): Stmt {
    const stageNodes = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    return joinPipeline(this.stages(stageNodes, depth), this, node);
  }

  private list(node: Node, depth: number): Stmt {
    const items: Stmt[] = [];
    const ops: string[] = [];
    for (const child of node.children) {
      if (!child) continue;
      if (!child.isNamed) {
        if (child.type === '&&' || child.type === '||') ops.push(child.type);
        continue;
      }
      if (child.type === 'comment') continue;
      const s = this.stmt(child, depth + 1);
      if (s) items.push(...s);
    }
    while (ops.length >= items.length && ops.length) ops.pop();
    return flattenList({ t: 'list', items, ops });
  }

  /** Statements written with a leading `!` (bash allows it only at the start of a pipeline). */
  readonly negatedStmts = new WeakSet<Stmt>();

  private negated(node: Node, depth: number): Stmt[] | null {
    const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
    const out = inner ? this.stmt(inner, depth + 1) : null;
    for (const s of out ?? []) this.negatedStmts.add(s);
    return out;
  }
}

/** The evaluations of a `[[ … ]]` or `[ … ]` (the whole test text). */
function testOf(text: string): Evaluation[] {
  const double = text.startsWith('[[');
  const toks = tokens(double ? text.slice(2, -2) : text.slice(1, -1));
  return toks ? testEvaluations(toks, double) : [];
}

export function convertTree(root: Node, source: string, maxDepth: number): Converted {
  const conv = new Converter(source, maxDepth);
  if (root.hasError) {
    const bad = firstErrorNode(root) ?? root;
    conv.fail(
      'parse.syntax_error',
      bad.isMissing ? `the script is missing "${bad.type}"` : 'the shell parser reported a syntax error',
      bad.isMissing ? root : bad,
    );
  }
  const joined = continuationInsideWord(root, source);
  if (joined) conv.fail('parse.blind_spot', 'a backslash-newline or backslash-blank the parser reads differently from bash', joined);
  const stmts = conv.sequence(root, 0);
  return { stmts, undecidable: conv.undecidable };
}

export type { Converter };
