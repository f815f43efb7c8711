// A small, normalised syntax tree between tree-sitter's concrete tree and the IR. The converter
// (cst/nodes.ts) fixes tree-sitter's quirks here once, so the IR builder walks a tree that means what
// bash means. Words already carry quote removal; the scripts of substitutions hang off them.
import type { Word } from '../../core/ir.js';

/** `$(…)`, `` `…` ``, `<(…)` or `>(…)` found inside a word, with its parsed body. */
export interface Substitution {
  kind: 'command_substitution' | 'process_substitution';
  /** `>(…)`: the command inside reads what is written to it. */
  output?: boolean;
  body: Stmt[];
  /** Set instead of a parsed body when tree-sitter left the text unparsed (backticks in a heredoc). */
  script?: string;
}

/**
 * Text bash evaluates while expanding a word or running a test (cst/evaluations.ts): arithmetic,
 * an array subscript, a variable named by another's value (`${!x}`), a prompt string (`${x@P}`),
 * a variable name tested with `-v`. Judged by the IR builder with the variables it knows.
 */
export type Evaluation =
  | { kind: 'arith'; text: string }
  /** Arithmetic, unless `array` is associative (then a key, expanded once). */
  | { kind: 'subscript'; array: string; text: string }
  | { kind: 'indirect'; name: string }
  | { kind: 'prompt'; name: string }
  | { kind: 'name'; text: string };

export interface AstWord {
  word: Word;
  subs: Substitution[];
  evals?: Evaluation[];
}

export interface AstAssignment {
  name: string;
  value: AstWord;
}

export interface AstRedirect {
  op: string;
  fd?: string;
  target: AstWord;
  /** For `<<`/`<<-`: whether the delimiter was quoted (then the body is not expanded). */
  heredocQuoted?: boolean;
}

export interface AstCommand {
  assignments: AstAssignment[];
  /** Command name first; empty for an assignment- or redirect-only statement. */
  words: AstWord[];
  redirects: AstRedirect[];
  text: string;
}

export type BlockKind = 'subshell' | 'group' | 'arith' | 'test';

export type Stmt =
  | { t: 'cmd'; cmd: AstCommand; bg?: boolean }
  | { t: 'pipeline'; stages: Stmt[]; bg?: boolean }
  | { t: 'list'; items: Stmt[]; ops: string[]; bg?: boolean }
  /** `( … )`, `{ …; }`, `(( … ))`, `[[ … ]]`: words are the operands evaluated by arith/test. */
  | { t: 'block'; kind: BlockKind; body: Stmt[]; words: AstWord[]; redirects: AstRedirect[]; bg?: boolean }
  | { t: 'if'; clauses: { cond: Stmt[]; body: Stmt[] }[]; elseBody: Stmt[] | null; redirects: AstRedirect[]; bg?: boolean }
  /** `cstyle`: `for ((init; cond; step))`, whose words are the expressions (the first `init` of them run once). */
  | {
      t: 'loop';
      kind: 'while' | 'for';
      variable?: string;
      cstyle?: { init: number };
      words: AstWord[];
      cond: Stmt[];
      body: Stmt[];
      redirects: AstRedirect[];
      bg?: boolean;
    }
  | { t: 'case'; word: AstWord; items: { patterns: AstWord[]; body: Stmt[] }[]; redirects: AstRedirect[]; bg?: boolean }
  | { t: 'function'; name: string; body: Stmt[]; redirects: AstRedirect[]; bg?: boolean };
