// AST → IR: walks statements with their context chain (pipeline, list, subshell, if, loop,
// function, substitution, nested script), tracks the working folder through `cd`, and hands each
// simple command to the emitter (emit.ts), which unwraps it and follows what it runs.
import type { Parser } from 'web-tree-sitter';
import type { Context, Redirect, ShellIr, Undecidable } from '../../core/ir.js';
import type { AnalyzeContext } from '../../core/types.js';
import type { AstRedirect, AstWord, Stmt } from './ast.js';
import { convertTree } from './cst/nodes.js';
import { snapshot, type SNode } from './snapshot.js';
import { plainTree } from './plain-tree.js';
import { isTerminal, mayChangeDir } from './cwd.js';
import { emitCommand } from './emit.js';
import type { ShellLimits } from './limits.js';
import { parseReadingExtglob } from './cst/extglob.js';
import { pipeText, stdinOfRedirects, type Stdin } from './stdin.js';
import { undecidable } from './undecidable.js';
import { State } from './state.js';
import { assignedNames } from './vars.js';
import { writesOf } from './var-writes.js';
import { judgeWordEvaluations } from './evaluations.js';
import { isCodeVariable } from './code-variables.js';
import { judgeLoopAssignment } from './judge-assignments.js';

/** Thrown when a nested script needs the parser and it is not loaded (argv analysis). */
export class NeedParser extends Error {
  constructor() {
    super('the shell parser is needed');
  }
}

export interface Scope {
  context: Context[];
  /** Wrappers of the command that carries this script (`sudo bash -c '…'` → sudo). */
  wrappers: string[];
  parentId?: number;
  fed?: boolean;
  placeholders?: string[];
  /** How many scripts deep (bash -c inside eval inside …). */
  nest: number;
  /** How many commands deep, each started by the one around it (`xvfb-run strace cmd`: 2 for cmd). */
  launched?: number;
  pipeline?: { id: number; stage: number; stages: number };
  /** Redirects of enclosing compound commands (`{ …; } > f`). */
  outer: Redirect[];
  stdin?: Stdin;
  /**
   * Variables the scripts around may change more than once ('all': any), each with whether it only
   * ever gets numbers: function bodies forget them.
   */
  changing?: ReadonlyMap<string, boolean> | 'all';
  /** Aliases being expanded here (an alias is not expanded inside its own expansion). */
  aliasing?: string[];
}

/** The variables a function body cannot trust from its definition: those the script writes more than once. */
function changedVariables(stmts: Stmt[], outer: Scope['changing']): Scope['changing'] {
  if (outer === 'all') return 'all';
  const w = writesOf(stmts); // calls to the script's own functions: their bodies are counted
  if (w.anything) return 'all';
  const out = new Map(outer ?? []);
  for (const [n, count] of w.counts) if (count > 1) out.set(n, (out.get(n) ?? true) && w.integer.get(n) !== false);
  return out;
}

const isNumberIn = (state: State, n: string) => state.ints.has(n) || /^-?[0-9]+$/.test(state.vars.get(n) ?? '');

/** Forgets what may have changed before a function is called; numbers that stay numbers are kept. */
function forgetChanged(body: State, changing: Scope['changing'], at: State): void {
  if (!changing) return;
  if (changing === 'all') {
    body.forgetVars();
    return;
  }
  const numbers = [...changing].filter(([n, integer]) => integer && isNumberIn(at, n)).map(([n]) => n);
  body.forgetVars(changing.keys());
  for (const n of numbers) body.ints.add(n);
}

export { State } from './state.js';

export class IrBuilder {
  readonly ir: ShellIr;
  readonly cdFunctions = new Set<string>();
  private pipelines = 0;
  private full = false;

  constructor(
    readonly ctx: AnalyzeContext,
    readonly limits: ShellLimits,
    readonly parser: Parser | null,
  ) {
    this.ir = {
      commands: [],
      functions: [],
      embeddedSql: [],
      undecidable: [],
      home: ctx.home,
      cwd: ctx.cwd,
      ...(ctx.projectRoot ? { projectRoot: ctx.projectRoot } : {}),
      ...(ctx.guard ? { guard: ctx.guard } : {}),
    };
  }

  fail(u: Undecidable): void {
    if (!this.ir.undecidable.some((x) => x.ruleId === u.ruleId && x.evidence === u.evidence)) this.ir.undecidable.push(u);
  }

  /** False (reported once) when the command limit is reached. */
  room(text: string): boolean {
    if (this.ir.commands.length < this.limits.maxCommands) return true;
    if (!this.full) {
      this.full = true;
      this.fail(undecidable('limits.input_too_large', `more than ${this.limits.maxCommands} commands`, text));
    }
    return false;
  }

  /** Parses `text` and walks it. */
  script(text: string, scope: Scope, state: State): void {
    if (text.length > this.limits.maxInputChars) {
      this.fail(undecidable('limits.input_too_large', `the script is longer than ${this.limits.maxInputChars} characters`, text));
      return;
    }
    if (scope.nest > this.limits.maxNestedScripts) {
      this.fail(undecidable('limits.nesting_too_deep', `scripts nested more than ${this.limits.maxNestedScripts} deep`, text));
      return;
    }
    const root = this.tree(text);
    if (!root) return;
    const converted = convertTree(root, text, this.limits.maxDepth);
    for (const u of converted.undecidable) this.fail(u);
    this.walk(converted.stmts, { ...scope, changing: changedVariables(converted.stmts, scope.changing) }, state);
  }

  /** `text`'s syntax tree: built directly when the script is plain (plain-tree.ts), else by tree-sitter; null when a limit was reached (reported). */
  private tree(text: string): SNode | null {
    const tooLarge = (nodes: number): boolean => {
      if (nodes <= this.limits.maxNodes) return false;
      this.fail(undecidable('limits.input_too_large', `the script has more than ${this.limits.maxNodes} syntax nodes`, text));
      return true;
    };
    const plain = plainTree(text);
    if (plain) return tooLarge(plain.nodes) ? null : plain.root;
    if (!this.parser) throw new NeedParser();
    const tree = parseReadingExtglob(this.parser, text, this.limits.maxParseSteps);
    if (!tree) {
      this.fail(undecidable('limits.parse_timeout', 'parsing the script took too long', text));
      return null;
    }
    try {
      return tooLarge(tree.rootNode.descendantCount) ? null : snapshot(tree, text);
    } finally {
      tree.delete();
    }
  }

  /** A sequence (`;`, newlines): each command runs whether or not the one before succeeded. */
  walk(stmts: Stmt[], scope: Scope, state: State): void {
    stmts.forEach((s, i) => {
      if (i > 0) state.sequence();
      this.stmt(s, scope, state);
    });
  }

  private within(scope: Scope, kind: Context['kind'], detail?: string): Scope {
    const c: Context = detail === undefined ? { kind } : { kind, detail };
    return { ...scope, context: [...scope.context, c] };
  }

  /**
   * Judges what expanding the words evaluates (arithmetic, subscripts, prompt strings) and walks
   * their substitutions (which run in a subshell: the folder is not changed). False when an
   * evaluation is undecidable (reported).
   */
  substitutions(words: AstWord[], scope: Scope, state: State, parentId?: number, feeds?: ReadonlyMap<AstWord, Stdin>): boolean {
    let decided = true;
    for (const w of words) {
      decided = judgeWordEvaluations(this, w, scope, state) && decided;
      for (const sub of w.subs) {
        const inner = this.within(scope, sub.kind);
        if (parentId === undefined) delete inner.parentId;
        else inner.parentId = parentId;
        // `>(…)` reads what the command writes into it: the command's output, when it is known.
        if (sub.output) inner.stdin = feeds?.get(w) ?? { kind: 'unknown', from: w.word.raw };
        if (sub.script !== undefined) this.script(sub.script, { ...inner, nest: inner.nest + 1 }, state.fork());
        else this.walk(sub.body, inner, state.fork());
      }
    }
    return decided;
  }

  /** Redirects of a compound command apply to every command inside it. */
  private redirected(redirects: AstRedirect[], scope: Scope, state: State): Scope {
    if (!redirects.length) return scope;
    this.substitutions(
      redirects.map((r) => r.target),
      scope,
      state,
    );
    const ir = redirects.map(toRedirect);
    const stdin = stdinOfRedirects(redirects);
    return { ...scope, outer: [...ir, ...scope.outer], ...(stdin ? { stdin } : {}) };
  }

  private stmt(s: Stmt, scope: Scope, state: State): void {
    if (s.bg) {
      const { bg: _, ...rest } = s;
      this.stmt(rest as Stmt, this.within(scope, 'background'), state.fork());
      state.settled();
      return;
    }
    switch (s.t) {
      case 'cmd':
        return emitCommand(this, s.cmd, scope, state);
      case 'pipeline':
        return this.pipeline(s.stages, scope, state);
      case 'list':
        return this.list(s.items, s.ops, scope, state);
      case 'block': {
        const inner = this.redirected(s.redirects, scope, state);
        const decided = this.substitutions(s.words, inner, state);
        if (s.kind === 'subshell') {
          this.walk(s.body, this.within(inner, 'subshell'), state.fork());
          state.settled();
        } else if (s.kind === 'group') {
          this.walk(s.body, this.within(inner, 'group'), state);
        } else {
          // Decided arithmetic wrote only the variables it names (now numbers); else any may have changed.
          if (!decided) state.forgetVars();
          state.settled();
        }
        return;
      }
      case 'if':
        return this.ifStatement(s, this.redirected(s.redirects, scope, state), state);
      case 'loop':
        return this.loop(s, this.within(this.redirected(s.redirects, scope, state), s.kind), state);
      case 'case':
        return this.caseStatement(s, this.redirected(s.redirects, scope, state), state);
      case 'function': {
        if (!this.ir.functions.includes(s.name)) this.ir.functions.push(s.name);
        if (mayChangeDir(s.body, this.cdFunctions)) this.cdFunctions.add(s.name);
        const inner = this.within(this.redirected(s.redirects, scope, state), 'function', s.name);
        // The body runs when called, from wherever: judged from the folder at its definition, with
        // the variables the script changes more than once forgotten (a call may come after any write).
        const body = state.fork();
        forgetChanged(body, scope.changing, state);
        this.walk(s.body, inner, body);
        state.settled();
        return;
      }
    }
  }

  private pipeline(stages: Stmt[], scope: Scope, state: State): void {
    const id = ++this.pipelines;
    stages.forEach((stage, i) => {
      const inner = this.within(scope, 'pipeline');
      inner.pipeline = { id, stage: i, stages: stages.length };
      if (i > 0) inner.stdin = pipeText(stages[i - 1]!);
      this.stmt(stage, inner, state.fork()); // every stage runs in a subshell
    });
    state.settled();
  }

  /**
   * `a && b`: b runs after a succeeded; `a || b`: after it failed (so a failed `cd` there did not
   * move). The state tracks the folder for both outcomes of what ran so far.
   */
  private list(items: Stmt[], ops: string[], scope: Scope, state: State): void {
    items.forEach((item, i) => {
      const op = i === 0 ? undefined : ops[i - 1];
      const inner = this.within(scope, 'list', op);
      if (op === undefined) {
        this.stmt(item, inner, state);
      } else if (op === '&&') {
        const failedSoFar = state.failure();
        state.succeeded();
        this.stmt(item, inner, state);
        state.failWith(failedSoFar);
      } else {
        const branch = state.failurePath();
        this.stmt(item, inner, branch);
        if (isTerminal(item)) {
          state.succeeded(); // `cd x || exit`: what follows runs only after success
        } else {
          state.orElse(branch);
        }
      }
    });
  }

  private ifStatement(s: Extract<Stmt, { t: 'if' }>, scope: Scope, state: State): void {
    const ends: State[] = [];
    let cond = state.fork();
    s.clauses.forEach((clause, i) => {
      this.walk(clause.cond, this.within(scope, 'if', i === 0 ? 'condition' : 'elif condition'), cond);
      const body = cond.fork();
      body.succeeded();
      this.walk(clause.body, this.within(scope, 'if', i === 0 ? 'then' : 'elif'), body);
      ends.push(body);
      cond = cond.failurePath(); // the next clause runs when this condition failed
    });
    if (s.elseBody) {
      const body = cond.fork();
      this.walk(s.elseBody, this.within(scope, 'if', 'else'), body);
      ends.push(body);
    } else {
      ends.push(cond);
    }
    this.merge(state, ends);
  }

  private loop(s: Extract<Stmt, { t: 'loop' }>, inner: Scope, state: State): void {
    // `for ((init; cond; step))`: init runs once; cond and step after each iteration, like the body.
    const once = s.cstyle ? s.words.slice(0, s.cstyle.init) : s.words;
    this.substitutions(once, inner, state);
    // `for PS4 in …`, `for n in …` with `declare -i n`: each word is assigned, and judged as such.
    if (s.variable && (isCodeVariable(s.variable) || state.integerAttr.has(s.variable))) {
      for (const w of s.words) judgeLoopAssignment(this, s.variable, w.word, inner, state);
    }
    // A loop that changes folder runs its later iterations elsewhere: judge it with no folder.
    if (mayChangeDir([...s.cond, ...s.body], this.cdFunctions)) state.moved(null, null);
    const body = state.fork();
    // Iterations may see values the body set in earlier ones, and the loop variable changes;
    // counters that only ever get numbers stay numbers.
    const writes = writesOf([s], new Set(this.ir.functions));
    const names = assignedNames([s, ...s.cond, ...s.body]);
    for (const n of writes.counts.keys()) names.add(n);
    const numbers = [...names].filter(
      (n) => writes.integer.get(n) !== false && (isNumberIn(state, n) || (n === s.variable && writes.integer.get(n))),
    );
    if (writes.anything) body.forgetVars();
    else body.forgetVars(names);
    for (const n of numbers) body.ints.add(n);
    if (s.cstyle) this.substitutions(s.words.slice(s.cstyle.init), inner, body);
    this.walk(s.cond, inner, body);
    body.sequence();
    this.walk(s.body, inner, body);
    this.merge(state, [state.fork(), body]);
  }

  private caseStatement(s: Extract<Stmt, { t: 'case' }>, scope: Scope, state: State): void {
    const inner = this.within(scope, 'case');
    this.substitutions([s.word, ...s.items.flatMap((i) => i.patterns)], inner, state);
    const ends: State[] = [];
    for (const item of s.items) {
      const body = state.fork();
      this.walk(item.body, inner, body);
      ends.push(body);
    }
    if (!s.items.some((i) => i.patterns.some((p) => p.word.raw === '*'))) ends.push(state.fork());
    this.merge(state, ends);
  }

  /** After branches: the folder if all agree, and only the variables none changed. */
  private merge(state: State, ends: State[]): void {
    const [first, ...rest] = ends;
    if (!first) return;
    first.mergeWith(rest);
    state.cwd = first.cwd;
    state.alts = first.alts;
    state.vars = first.vars;
    state.ints = first.ints;
    state.integerAttr = first.integerAttr;
    state.assoc = first.assoc;
    state.rewritten = first.rewritten;
    state.anyRewritten = first.anyRewritten;
    state.settled();
  }
}

export function toRedirect(r: AstRedirect): Redirect {
  const out: Redirect = { op: r.op, target: r.target.word };
  if (r.fd !== undefined) out.fd = r.fd;
  return out;
}
