// tree-sitter's concrete tree → the normalised AST. Every node type is on an explicit allow-list;
// anything else is undecidable. Known tree-sitter quirks are repaired here (redirect targets that
// swallow arguments, `a | b && c` read as a pipe into a list, commands continuing after a heredoc
// start) and known blind spots are reported.
import type { Node, Tree } from 'web-tree-sitter';
import type { Undecidable, Word } from '../../core/ir.js';
import type { AstAssignment, AstCommand, AstRedirect, AstWord, Stmt, Substitution } from './ast.js';
import { isArithmetic } from './arith.js';
import { isConditional } from './test-syntax.js';
import { groupAdjacent, scanExpression, wordFromNodes, type WordEnv } from './cst-words.js';
import { convertHeredoc, type HeredocParts } from './cst-heredoc.js';
import { undecidable, type UndecidableId } from './undecidable.js';

/** Tokens that separate or frame statements and carry no command. */
const SEPARATORS = new Set([
  ';', '\n', ';;', ';&', ';;&', '(', ')', '{', '}', 'do', 'done', 'then', 'fi', 'if', 'elif', 'else',
  'while', 'until', 'for', 'select', 'in', 'case', 'esac', 'function', '!', '((', '))',
]);

const CASE_TERMINATORS = new Set([';;', ';&', ';;&']);

/** Reserved words are only reserved as whole words: `do''`, `if}`, `{echo`, `in*.log` are not. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'select', 'in', 'case', 'esac', 'function', '{', '}', '[[', ']]', '[', ']', '!']);
const BOUNDARY = /[\s;&|()<>`]/;
/** Reserved words that need their next word on the same line. */
const HEADS = new Set(['for', 'select', 'case', 'function']);

/** Operators bash knows inside `[[ … ]]`; tree-sitter accepts any `-word`. */
const TEST_OPERATORS = new Set([
  '-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S',
  '-z', '-n', '-o', '-v', '-R', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-ef', '-nt', '-ot',
]);

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

  /**
   * A simple command or a redirect never continues over an unescaped newline; tree-sitter
   * sometimes reads on (`a | b | c⏎ls 2>x` makes `ls` an argument of c).
   */
  checkOneLine(nodes: (Node | null)[]): void {
    const parts = nodes.filter((n): n is Node => !!n).sort((a, b) => a.startIndex - b.startIndex);
    for (let i = 1; i < parts.length; i++) {
      const gap = this.source.slice(parts[i - 1]!.endIndex, parts[i]!.startIndex).replace(/\\\n/g, '');
      if (gap.includes('\n')) {
        this.fail('parse.blind_spot', 'the parser continued a command over a line break', parts[i]!);
        return;
      }
    }
  }

  /** Checks that the reserved words among a node's direct children stand alone. */
  checkReserved(node: Node): void {
    for (const c of node.children) {
      if (c && !c.isNamed && ['&', '|', ';'].includes(c.type) && node.type === 'case_statement') {
        this.fail('parse.syntax_error', `"${c.type}" in a case statement`, c);
      }
      if (c && CASE_TERMINATORS.has(c.type) && node.type !== 'case_item') {
        this.fail('parse.syntax_error', `"${c.type}" outside a case statement`, c);
      }
      if (c && HEADS.has(c.type) && !/^[ \t]+[^\s]/.test(this.source.slice(c.endIndex, c.endIndex + 200))) {
        this.fail('parse.syntax_error', `"${c.type}" must be followed by a word on the same line`, c);
      }
      if (!c || c.isNamed || !RESERVED.has(c.type)) continue;
      const before = this.source[c.startIndex - 1];
      const after = this.source[c.endIndex];
      const okBefore = before === undefined || BOUNDARY.test(before) || (c.type === '}' && before === '}');
      const okAfter = after === undefined || BOUNDARY.test(after) || ((c.type === '}' || c.type === ']]' || c.type === 'fi' || c.type === 'done' || c.type === 'esac') && after === '}');
      const spacedAfter = ['{', '[[', '[', '!'].includes(c.type) ? after === undefined || /\s/.test(after) : true;
      const spacedBefore = [']]', ']'].includes(c.type) ? before !== undefined && /\s/.test(before) : true;
      const spaced = spacedAfter && spacedBefore;
      if (!okBefore || !okAfter || !spaced) this.fail('parse.syntax_error', `"${c.type}" is not a reserved word where it is glued to other text`, c);
    }
  }

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
    this.checkReserved(node);
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
    return { word, subs };
  }

  stmt(node: Node, depth: number): Stmt[] | null {
    if (!this.deepEnough(depth, node)) return null;
    if (node.type !== 'command' && node.type !== 'program') this.checkReserved(node);
    switch (node.type) {
      case 'command':
        return [{ t: 'cmd', cmd: this.command(node, depth) }];
      case 'declaration_command':
      case 'unset_command':
        return [{ t: 'cmd', cmd: this.declaration(node, depth) }];
      case 'variable_assignment':
      case 'variable_assignments': {
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
          return [{ t: 'block', kind: 'arith', body: [], words: [this.expression(node, depth)], redirects: [] }];
        }
        return [{ t: 'block', kind: 'group', body: this.sequence(node, depth), words: [], redirects: [] }];
      case 'test_command':
        this.checkTestOperators(node);
        // `[ … ]` is a command: it ends at a line break, and `|`, `&`, `;`, `<`, `>` in it are
        // pipes, lists and redirects for bash (`[ a > b ]` writes the file b).
        if (!node.text.startsWith('[[')) {
          if (node.text.replace(/\\\n/g, '').includes('\n')) this.fail('parse.blind_spot', 'the parser continued "[ … ]" over a line break', node);
          const op = operatorInside(node);
          if (op) this.fail('parse.blind_spot', `"${op.type}" inside "[ … ]" is an operator for bash`, op);
        }
        if (node.text.startsWith('[[') && !isConditional(node.text)) this.fail('parse.syntax_error', 'not a well-formed [[ … ]] expression', node);
        return [{ t: 'block', kind: 'test', body: [], words: [this.expression(node, depth)], redirects: [] }];
      case 'if_statement':
        return [this.ifStatement(node, depth)];
      case 'while_statement':
        return [this.whileStatement(node, depth)];
      case 'for_statement':
        return [this.forStatement(node, depth)];
      case 'c_style_for_statement':
        return [this.cFor(node, depth)];
      case 'case_statement':
        return [this.caseStatement(node, depth)];
      case 'function_definition':
        return [this.functionDefinition(node, depth)];
      case 'ERROR':
        this.fail('parse.syntax_error', 'the shell parser reported a syntax error', node);
        return null;
      default:
        this.fail('parse.unknown_node', `the analyser does not know the node type "${node.type}"`, node);
        return null;
    }
  }

  /** tree-sitter accepts any `-word` as a test operator; bash rejects unknown ones at parse time. */
  private checkTestOperators(node: Node): void {
    const stack: Node[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'test_operator' && !TEST_OPERATORS.has(n.text)) {
        this.fail('parse.syntax_error', `unknown test operator "${n.text}"`, n);
      }
      if (n.type !== 'command_substitution' && n.type !== 'process_substitution') {
        for (const c of n.namedChildren) if (c) stack.push(c);
      }
    }
  }

  private assignment(node: Node, depth: number): AstAssignment {
    const nameNode = node.childForFieldName('name');
    if (nameNode?.type === 'variable_name' && !/^[A-Za-z_]\w*$/.test(nameNode.text)) {
      this.fail('parse.blind_spot', `"${nameNode.text}=" is not an assignment to bash but a word`, node);
    }
    const valueNodes = node.childrenForFieldName('value').filter((c): c is Node => !!c);
    const subs: Substitution[] = [];
    if (nameNode?.type === 'subscript') scanExpression(nameNode, this, depth + 1, subs);
    const value: AstWord = valueNodes.length
      ? this.word(valueNodes, depth + 1)
      : { word: { value: '', static: true, raw: '' }, subs: [] };
    value.subs.push(...subs);
    const op = node.children.find((c) => c?.type === '+=') ? '+' : '';
    return { name: (nameNode?.text ?? '') + op, value };
  }

  redirectOf(node: Node, depth: number): { redirect: AstRedirect; extraArgs: Node[] } {
    const fd = node.childForFieldName('descriptor')?.text;
    const op = node.children.find((c) => c && !c.isNamed)?.type ?? '>';
    const targets = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'file_descriptor');
    this.checkOneLine(node.children);
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
    const target = groups.length
      ? this.word(groups[0]!, depth + 1)
      : { word: { value: '-', static: true, raw: '' }, subs: [] };
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
    this.checkOneLine(node.children);
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

  private declaration(node: Node, depth: number): AstCommand {
    this.checkOneLine(node.children);
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
    if (bodyNode?.type === 'command') this.checkOneLine(node.children);
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

  /** Splits a compound statement's children into sections started by keywords. */
  private sections(node: Node, depth: number, starts: string[]): Map<string, Stmt[]> {
    this.checkReserved(node);
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
      const s = this.stmt(child, depth + 1);
      if (s && current) current.push(...s);
      else if (s) this.fail('parse.unknown_node', `statement outside any section of "${node.type}"`, child);
    }
    return map;
  }

  private ifStatement(node: Node, depth: number): Stmt {
    const clauses: { cond: Stmt[]; body: Stmt[] }[] = [];
    const first = this.sections(node, depth, ['if', 'then']);
    clauses.push({ cond: first.get('if') ?? [], body: first.get('then') ?? [] });
    let elseBody: Stmt[] | null = null;
    for (const child of node.namedChildren) {
      if (child?.type === 'elif_clause') {
        const s = this.sections(child, depth + 1, ['elif', 'then']);
        clauses.push({ cond: s.get('elif') ?? [], body: s.get('then') ?? [] });
      } else if (child?.type === 'else_clause') {
        elseBody = this.sections(child, depth + 1, ['else']).get('else') ?? [];
      }
    }
    return { t: 'if', clauses, elseBody, redirects: [] };
  }

  private doBody(node: Node, depth: number): Stmt[] {
    const body = node.childForFieldName('body');
    if (!body) return [];
    if (body.type === 'do_group') return this.sequence(body, depth + 1);
    return this.stmt(body, depth + 1) ?? [];
  }

  private whileStatement(node: Node, depth: number): Stmt {
    const cond = this.sections(node, depth, ['while', 'until']);
    const stmts = [...(cond.get('while') ?? []), ...(cond.get('until') ?? [])];
    return { t: 'loop', kind: 'while', words: [], cond: stmts, body: this.doBody(node, depth), redirects: [] };
  }

  private forStatement(node: Node, depth: number): Stmt {
    const values = node.childrenForFieldName('value').filter((c): c is Node => !!c);
    return { t: 'loop', kind: 'for', words: this.words(values, depth + 1), cond: [], body: this.doBody(node, depth), redirects: [] };
  }

  private cFor(node: Node, depth: number): Stmt {
    const words: AstWord[] = [];
    const open = node.children.findIndex((c) => c?.type === '((');
    const close = node.children.findIndex((c) => c?.type === '))');
    const semis = node.children.slice(open, close).filter((c) => c?.type === ';').length;
    if (semis !== 2) this.fail('parse.syntax_error', 'a C-style for needs two ";" inside "(( ))"', node);
    const after = node.children[close + 1];
    if (after?.type === ';' && this.source.slice(node.children[close]!.endIndex, after.startIndex).includes('\n')) {
      this.fail('parse.syntax_error', '";" alone on a line after "for (( ))"', after);
    }
    for (let i = 0; i < node.childCount; i++) {
      const n = node.child(i);
      if (!n || !n.isNamed || n.type === 'comment' || node.fieldNameForChild(i) === 'body') continue;
      if (!isArithmetic(n.text)) this.fail('parse.syntax_error', 'not a well-formed arithmetic expression', n);
      words.push(this.expression(n, depth + 1));
    }
    return { t: 'loop', kind: 'for', words, cond: [], body: this.doBody(node, depth), redirects: [] };
  }

  private caseStatement(node: Node, depth: number): Stmt {
    const valueNodes = node.childrenForFieldName('value').filter((c): c is Node => !!c);
    const word = valueNodes.length ? this.word(valueNodes, depth + 1) : { word: { value: '', static: true, raw: '' }, subs: [] };
    const items: { patterns: AstWord[]; body: Stmt[] }[] = [];
    for (const item of node.namedChildren) {
      if (!item || item.type === 'comment' || valueNodes.some((v) => v.id === item.id)) continue;
      if (item.type !== 'case_item') {
        this.fail('parse.unknown_node', `unexpected "${item.type}" in a case statement`, item);
        continue;
      }
      this.checkReserved(item);
      // Before the `)` only patterns, `(` and `|` may stand: tree-sitter also takes `a;b)`.
      const close = item.children.findIndex((c) => c?.type === ')');
      const bad = item.children.slice(0, close).find((c) => c && !c.isNamed && c.type !== '(' && c.type !== '|');
      if (bad) this.fail('parse.syntax_error', `"${bad.type}" in a case pattern`, bad);
      for (const p of item.childrenForFieldName('value')) {
        if (p && /[;&<>]/.test(p.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, ''))) this.fail('parse.syntax_error', `an operator inside the case pattern ${p.text}`, p);
      }
      const patterns: Node[] = [];
      const body: Stmt[] = [];
      for (let i = 0; i < item.childCount; i++) {
        const c = item.child(i);
        if (!c) continue;
        if (item.fieldNameForChild(i) === 'value') patterns.push(c);
        else if (!c.isNamed) {
          if (c.type === '&' && body.length) body[body.length - 1]!.bg = true;
        } else if (c.type !== 'comment') body.push(...(this.stmt(c, depth + 2) ?? []));
      }
      items.push({ patterns: patterns.map((p) => this.word([p], depth + 2)), body });
    }
    return { t: 'case', word, items, redirects: [] };
  }

  private functionDefinition(node: Node, depth: number): Stmt {
    const name = node.childForFieldName('name');
    if (name && (RESERVED.has(name.text) || ['time', 'coproc'].includes(name.text))) {
      this.fail('parse.syntax_error', `"${name.text}" is a reserved word, not a function name`, node);
    }
    const open = node.children.find((c) => c?.type === '(');
    const close = node.children.find((c) => c?.type === ')');
    if (open && close && /\n/.test(this.source.slice(open.endIndex, close.startIndex))) {
      this.fail('parse.syntax_error', 'a line break inside "()" of a function definition', node);
    }
    const bodyNode = node.childForFieldName('body');
    const redirects: AstRedirect[] = [];
    for (const r of node.childrenForFieldName('redirect')) {
      if (r) redirects.push(this.redirectOf(r, depth).redirect);
    }
    let body: Stmt[] = [];
    if (bodyNode?.type === 'compound_statement') body = this.sequence(bodyNode, depth + 1);
    else if (bodyNode) body = this.stmt(bodyNode, depth + 1) ?? [];
    return { t: 'function', name: name ? this.word([name], depth + 1).word.value : '', body, redirects };
  }
}

/** Redirects written after a statement apply to its last simple part (`a | b > f` redirects b). */
function attachRedirects(stmt: Stmt, redirects: AstRedirect[], args: AstWord[], text: string | null, onExtraWords: (args: AstWord[]) => void): void {
  if (!redirects.length && !args.length) return;
  switch (stmt.t) {
    case 'cmd':
      stmt.cmd.redirects.push(...redirects);
      stmt.cmd.words.push(...args);
      if (text !== null && text.length > stmt.cmd.text.length) stmt.cmd.text = text;
      return;
    case 'pipeline':
      return attachRedirects(stmt.stages[stmt.stages.length - 1]!, redirects, args, null, onExtraWords);
    case 'list':
      return attachRedirects(stmt.items[stmt.items.length - 1]!, redirects, args, null, onExtraWords);
    default:
      stmt.redirects.push(...redirects);
      // Words after a compound command's redirect are a syntax error in bash.
      if (args.length) onExtraWords(args);
  }
}

/** Flattens nested `&&`/`||` lists (tree-sitter nests them left-associatively). */
function flattenList(list: Extract<Stmt, { t: 'list' }>): Stmt {
  const items: Stmt[] = [];
  const ops: string[] = [];
  list.items.forEach((item, i) => {
    if (i > 0) ops.push(list.ops[i - 1] ?? '&&');
    if (item.t === 'list' && !item.bg) {
      const flat = flattenList(item) as Extract<Stmt, { t: 'list' }>;
      items.push(...flat.items);
      ops.push(...flat.ops);
    } else {
      items.push(item);
    }
  });
  return { t: 'list', items, ops, ...(list.bg ? { bg: true } : {}) };
}

/**
 * Builds a pipeline from stages. tree-sitter sometimes nests a `&&`/`||` list inside a pipeline
 * (`a |& b && c` → a piped into `b && c`; `a && b 2>x | c` → the list `a && b` piped into c);
 * bash binds `|` tighter, so the stages and list operators are laid out flat and regrouped.
 */
function joinPipeline(stages: Stmt[], conv: Converter, node: Node): Stmt {
  const items: Stmt[] = [];
  const seps: string[] = [];
  const push = (s: Stmt, sep: string | null) => {
    if (sep) seps.push(sep);
    if (s.t === 'pipeline' && !s.bg) s.stages.forEach((st, i) => push(st, i ? '|' : null));
    else if (s.t === 'list' && !s.bg) s.items.forEach((it, i) => push(it, i ? (s.ops[i - 1] ?? '&&') : null));
    else items.push(s);
  };
  stages.forEach((s, i) => push(s, i ? '|' : null));
  const groups: Stmt[][] = [[items[0]!]];
  const ops: string[] = [];
  seps.forEach((sep, i) => {
    if (sep === '|') groups[groups.length - 1]!.push(items[i + 1]!);
    else {
      ops.push(sep);
      groups.push([items[i + 1]!]);
    }
  });
  if (groups.some((g) => g.slice(1).some((st) => conv.negatedStmts.has(st)))) conv.fail('parse.syntax_error', '"!" after "|"', node);
  const parts = groups.map((g): Stmt => (g.length === 1 ? g[0]! : { t: 'pipeline', stages: g }));
  return parts.length === 1 ? parts[0]! : { t: 'list', items: parts, ops };
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
function firstErrorNode(root: Node): Node | null {
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
const CODE_NODES = ['command', 'command_substitution', 'process_substitution', 'program', 'compound_statement', 'subshell', 'do_group', 'if_statement', 'list', 'pipeline'];

/**
 * Backslash-newline inside a word joins two halves bash reads as one word, and tree-sitter splits
 * them; a backslash-blank outside any word (`|\ sh`) is the start of a word tree-sitter drops.
 */
function continuationInsideWord(tree: Tree, source: string): Node | null {
  const re = /\\[\n \t]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let slashes = 0;
    for (let i = m.index; i >= 0 && source[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 0) continue; // an escaped backslash, then a plain character
    if (source[m.index + 1] !== '\n') {
      const at = tree.rootNode.descendantForIndex(m.index, m.index + 1);
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
    let node: Node | null = tree.rootNode.descendantForIndex(m.index, m.index + 1);
    let quoted = false;
    for (; node; node = node.parent) {
      if (QUOTING_NODES.includes(node.type)) {
        quoted = true;
        break;
      }
      if (CODE_NODES.includes(node.type)) break;
    }
    if (!quoted) return tree.rootNode.descendantForIndex(m.index, m.index + 1);
  }
  return null;
}

export function convertTree(tree: Tree, source: string, maxDepth: number): Converted {
  const conv = new Converter(source, maxDepth);
  const root = tree.rootNode;
  if (root.hasError) {
    const bad = firstErrorNode(root) ?? root;
    conv.fail('parse.syntax_error', bad.isMissing ? `the script is missing "${bad.type}"` : 'the shell parser reported a syntax error', bad.isMissing ? root : bad);
  }
  const joined = continuationInsideWord(tree, source);
  if (joined) conv.fail('parse.blind_spot', 'a backslash-newline or backslash-blank the parser reads differently from bash', joined);
  const stmts = conv.sequence(root, 0);
  return { stmts, undecidable: conv.undecidable };
}

export type { Converter };
