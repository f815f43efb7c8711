// A small, parser-neutral model of SQL expressions, so that one folder decides what a WHERE
// means whichever parser produced it. Converters from each parser's AST live beside their parser.

export type Value = null | boolean | number | string;

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
  | { t: 'like'; arg: Expr; pattern: Expr; neg: boolean }
  | { t: 'arith'; op: ArithOp; l: Expr; r: Expr }
  | { t: 'neg'; arg: Expr }
  | { t: 'func'; name: string; args: Expr[] }
  | { t: 'cast'; arg: Expr; to: string }
  | { t: 'case'; whens: { cond: Expr; then: Expr }[]; else?: Expr }
  /**
   * `EXISTS (subquery)`. For a subquery without FROM, `where` is its WHERE (constant true when it
   * has none): it returns a row exactly when that holds. Undefined when the subquery reads tables.
   */
  | { t: 'exists'; where?: Expr; neg: boolean }
  | { t: 'unknown' };

export const UNKNOWN: Expr = { t: 'unknown' };
export const constant = (v: Value): Expr => ({ t: 'const', v });
