// Repairs of tree-sitter's structure: `&&`/`||` lists nested left-associatively, lists nested
// inside pipelines, redirects written after a compound statement.
import type { AstRedirect, AstWord, Stmt } from '../ast.js';
import type { SNode as Node } from '../snapshot.js';
import type { UndecidableId } from '../undecidable.js';

/** What the repairs need from the converter. */
export interface Joiner {
  fail(id: UndecidableId, reason: string, node: Node): void;
  /** Statements written with a leading `!` (bash allows it only at the start of a pipeline). */
  readonly negatedStmts: WeakSet<Stmt>;
}

/** Redirects written after a statement apply to its last simple part (`a | b > f` redirects b). */
export function attachRedirects(
  stmt: Stmt,
  redirects: AstRedirect[],
  args: AstWord[],
  text: string | null,
  onExtraWords: (args: AstWord[]) => void,
): void {
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
export function flattenList(list: Extract<Stmt, { t: 'list' }>): Stmt {
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
export function joinPipeline(stages: Stmt[], conv: Joiner, node: Node): Stmt {
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
