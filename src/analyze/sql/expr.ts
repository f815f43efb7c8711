// A small, parser-neutral model of SQL expressions, so that one folder decides what a WHERE
// means whichever parser produced it. Converters from each parser's AST live beside their parser.

export type Value = null | boolean | number | string;

/**
 * A column reference found inside an expression the folder does not model (a function it does
 * not know, a subquery, an operator): `qualifier` is the table or alias written before the column
 * (lower-case), absent when unqualified. References that resolve inside a subquery's own FROM are
 * left out. Used to tell whether a WHERE reads the row it is about to change.
 */
export interface ColumnRef {
  qualifier?: string;
}

export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | '<=>';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '||';

export type Expr =
  | { t: 'const'; v: Value }
  | { t: 'col'; name: string }
  | { t: 'and' | 'or' | 'xor'; args: Expr[] }
  | { t: 'not'; arg: Expr }
  | { t: 'cmp'; op: CmpOp; l: Expr; r: Expr }
  /** `IS [NOT] NULL / TRUE / FALSE / UNKNOWN`, `IS [NOT] DISTINCT FROM` (test 'distinct'). */
  | { t: 'is'; arg: Expr; test: 'null' | 'true' | 'false' | 'unknown' | 'distinct'; other?: Expr; neg: boolean }
  | { t: 'in'; arg: Expr; list: Expr[]; neg: boolean }
  | { t: 'between'; arg: Expr; lo: Expr; hi: Expr; neg: boolean }
  /** `ci`: the match ignores case (ILIKE; LIKE in MySQL, SQLite, T-SQL). */
  | { t: 'like'; arg: Expr; pattern: Expr; neg: boolean; ci?: boolean }
  | { t: 'arith'; op: ArithOp; l: Expr; r: Expr }
  | { t: 'neg'; arg: Expr }
  | { t: 'func'; name: string; args: Expr[] }
  | { t: 'cast'; arg: Expr; to: string }
  | { t: 'case'; whens: { cond: Expr; then: Expr }[]; else?: Expr }
  /**
   * `EXISTS (subquery)`. For a subquery without FROM, `where` is its WHERE (constant true when it
   * has none): it returns a row exactly when that holds. Undefined when the subquery reads tables.
   */
  | { t: 'exists'; where?: Expr; neg: boolean; refs?: ColumnRef[] }
  /**
   * `x IN (SELECT col FROM table)` over a whole table (no restriction other than a tautology, no
   * LIMIT, no grouping): when `table` is the one being changed and `col` is `x`, it holds for
   * every row whose `x` is not NULL. `inner` is the unmodelled subquery, kept for its references.
   */
  | { t: 'inTable'; arg: Expr; table: string; col: string; inner: Expr }
  /** Anything else; `refs` lists the column references inside it, when the converter knows them. */
  | { t: 'unknown'; refs?: ColumnRef[] };

export const UNKNOWN: Expr = { t: 'unknown' };
/** An expression not modelled, with the column references found in it. */
export const opaque = (refs: ColumnRef[]): Expr => ({ t: 'unknown', refs });
export const constant = (v: Value): Expr => ({ t: 'const', v });

/**
 * A comparison of two row values (`(a, b) = (c, d)`, `ROW(a) = ROW(b)`), field by field as SQL
 * defines it: `=` and IS NOT DISTINCT FROM hold when every pair does, `<>` and IS DISTINCT FROM
 * when some pair does. Undefined for orderings and rows of different widths (left unmodelled).
 */
export function rowComparison(op: CmpOp | 'distinct' | 'not distinct', l: Expr[], r: Expr[]): Expr | undefined {
  if (l.length !== r.length || l.length === 0) return undefined;
  const pairs = l.map((x, i): Expr => {
    const y = r[i] as Expr;
    if (op === 'distinct' || op === 'not distinct') return { t: 'is', arg: x, test: 'distinct', other: y, neg: op === 'not distinct' };
    return { t: 'cmp', op, l: x, r: y };
  });
  if (op === '=' || op === '<=>' || op === 'not distinct') return { t: 'and', args: pairs };
  if (op === '<>' || op === 'distinct') return { t: 'or', args: pairs };
  return undefined;
}
