// node-sql-parser expression nodes → the neutral Expr the folder understands.
import type { Dialect } from '../../../core/types.js';
import { UNKNOWN, constant, opaque, rowComparison, type CmpOp, type Expr } from '../expr.js';
import { conditionValue, isTautology } from '../fold.js';
import { checkDepth } from '../limits.js';
import { notNullOf } from '../null-rows.js';
import { mysqlBinaryLiteral, nspColumnName, nspRefs } from './refs.js';
import { objectName } from '../statement.js';

type Node = Record<string, unknown>;

export interface NspExprContext {
  dialect: Dialect;
  /** Set when the text means something else to the database than to the parser. */
  ambiguous?: string;
}

const CMP: Record<string, CmpOp> = {
  '=': '=',
  '==': '=',
  '!=': '<>',
  '<>': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '<=>': '<=>',
};
const ARITH: Record<string, '+' | '-' | '*' | '/' | '%'> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', DIV: '/', MOD: '%' };

const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

export { nspColumnName } from './refs.js';

/** `a.b.c` from a function name node (`{ name: [{ value }] }`) or a plain string. */
export function nspFunctionName(node: Node): string {
  const n = node.name;
  if (typeof n === 'string') return n.toLowerCase();
  if (isNode(n) && Array.isArray(n.name)) {
    const parts = n.name.map((p) => (isNode(p) && typeof p.value === 'string' ? p.value : '')).filter(Boolean);
    const schema = isNode(n.schema) && typeof n.schema.value === 'string' ? [n.schema.value] : [];
    return [...schema, ...parts].join('.').toLowerCase();
  }
  return '';
}

function listItems(node: unknown): unknown[] {
  if (isNode(node) && node.type === 'expr_list' && Array.isArray(node.value)) return node.value;
  return [node];
}

/** A subquery that reads no table: its WHERE (true when absent) and its single output, if any. */
function tableless(sub: unknown, ctx: NspExprContext, depth: number): { where: Expr; value?: Expr } | undefined {
  const ast = isNode(sub) && 'ast' in sub ? sub.ast : sub;
  if (!isNode(ast) || ast.type !== 'select' || ast._next != null) return undefined;
  const noFrom = ast.from == null || (Array.isArray(ast.from) && ast.from.every((f) => isNode(f) && f.type === 'dual'));
  if (!noFrom || ast.having != null || ast.limit != null) return undefined;
  const where = ast.where != null ? nspExpr(ast.where, ctx, depth + 1) : constant(true);
  const cols = Array.isArray(ast.columns) ? ast.columns : [];
  const only = cols.length === 1 && isNode(cols[0]) ? cols[0].expr : undefined;
  return { where, ...(only !== undefined ? { value: nspExpr(only, ctx, depth + 1) } : {}) };
}

/**
 * `SELECT col FROM table` with nothing that narrows it (a WHERE that always holds, or only asks
 * that col has a value): the table and the column, else undefined.
 */
function wholeTableColumn(sub: unknown, ctx: NspExprContext, depth: number): { table: string; col: string } | undefined {
  const ast = isNode(sub) && 'ast' in sub ? sub.ast : undefined;
  if (!isNode(ast) || ast.type !== 'select' || ast._next != null || (ast.limit != null && !emptyLimit(ast.limit))) return undefined;
  if (
    ast.groupby != null ||
    ast.having != null ||
    ast.with != null ||
    (ast.distinct != null && ast.distinct !== 'DISTINCT') ||
    ast.top != null
  )
    return undefined;
  const from = Array.isArray(ast.from) ? ast.from : [];
  const cols = Array.isArray(ast.columns) ? ast.columns : [];
  const f = from[0];
  const c = isNode(cols[0]) ? cols[0].expr : undefined;
  if (from.length !== 1 || cols.length !== 1 || !isNode(f) || typeof f.table !== 'string' || f.join != null) return undefined;
  if (!isNode(c) || c.type !== 'column_ref') return undefined;
  const col = nspColumnName(c)?.toLowerCase();
  if (!col || col === '*') return undefined;
  if (ast.where != null) {
    const where = nspExpr(ast.where, ctx, depth + 1);
    if (!isTautology(where, ctx.dialect) && !notNullOf(where, ctx.dialect, col)) return undefined;
  }
  return { table: f.table.toLowerCase(), col };
}

/** node-sql-parser writes an absent LIMIT as `{ seperator: '', value: [] }`. */
const emptyLimit = (limit: unknown) => isNode(limit) && Array.isArray(limit.value) && limit.value.length === 0;

/** `LIMIT 0`, `LIMIT 5, 0`, `LIMIT 0 OFFSET 5`, T-SQL `TOP 0`. */
function limitZero(ast: Node): boolean {
  if (isNode(ast.top) && ast.top.value === 0 && !ast.top.percent) return true;
  const limit = ast.limit;
  if (!isNode(limit) || !Array.isArray(limit.value)) return false;
  const count = limit.value[limit.seperator === ',' ? 1 : 0];
  return isNode(count) && count.type === 'number' && Number(count.value) === 0;
}

/** A call anywhere inside (it may aggregate a query into one row). */
function callsFunction(node: unknown, depth = 0): boolean {
  checkDepth(depth);
  if (Array.isArray(node)) return node.some((n) => callsFunction(n, depth + 1));
  if (!isNode(node)) return false;
  if (node.type === 'function' || node.type === 'aggr_func') return true;
  return Object.values(node).some((v) => typeof v === 'object' && v !== null && callsFunction(v, depth + 1));
}

/**
 * A subquery that returns no row whatever the tables hold: LIMIT 0, or a WHERE that folds to
 * FALSE or NULL — unless it aggregates (`SELECT max(id) … WHERE false` still returns one row).
 */
function emptyResult(sub: unknown, ctx: NspExprContext, depth: number): boolean {
  checkDepth(depth);
  const ast = isNode(sub) && 'ast' in sub ? sub.ast : sub;
  if (!isNode(ast) || ast.type !== 'select') return false;
  // A set operation of empty queries is empty, whichever it is.
  if (ast._next != null)
    return emptyResult({ ...ast, _next: null, set_op: null }, ctx, depth + 1) && emptyResult(ast._next, ctx, depth + 1);
  if (limitZero(ast)) return true;
  if (ast.where == null) return false;
  const where = conditionValue(nspExpr(ast.where, ctx, depth + 1), ctx.dialect);
  if (where !== false && where !== null) return false;
  return ast.groupby != null || (ast.having == null && !callsFunction(ast.columns));
}

/** A column reference `q.c` as [q, c], lower-case; undefined for any other shape. */
function qualifiedColumn(node: unknown): [string, string] | undefined {
  if (!isNode(node) || node.type !== 'column_ref' || typeof node.table !== 'string' || node.table === '') return undefined;
  const c = nspColumnName(node);
  return c ? [node.table.toLowerCase(), c.toLowerCase()] : undefined;
}

/**
 * `EXISTS (SELECT … FROM t t2 WHERE t2.c = outer.c)`: each outer row finds its own `c` in `t`.
 * The table, the column and the outer qualifier, else undefined.
 */
function selfCorrelated(sub: unknown): { table: string; col: string; outer: string } | undefined {
  const ast = isNode(sub) && 'ast' in sub ? sub.ast : sub;
  if (!isNode(ast) || ast.type !== 'select' || ast._next != null || !noLimit(ast) || ast.groupby != null || ast.having != null)
    return undefined;
  const from = Array.isArray(ast.from) ? ast.from : [];
  const f = from[0];
  if (from.length !== 1 || !isNode(f) || typeof f.table !== 'string' || f.join != null) return undefined;
  const inner = typeof f.as === 'string' ? f.as.toLowerCase() : f.table.toLowerCase();
  const w = ast.where;
  if (!isNode(w) || w.type !== 'binary_expr' || w.operator !== '=') return undefined;
  const l = qualifiedColumn(w.left);
  const r = qualifiedColumn(w.right);
  if (!l || !r || l[1] !== r[1] || (l[0] === inner) === (r[0] === inner)) return undefined;
  return { table: f.table.toLowerCase(), col: l[1], outer: l[0] === inner ? r[0] : l[0] };
}

/** No LIMIT or TOP (node-sql-parser writes an absent LIMIT as an empty list). */
const noLimit = (ast: Node) => (ast.limit == null || emptyLimit(ast.limit)) && ast.top == null;

const exists = (sub: unknown, neg: boolean, ctx: NspExprContext, depth: number): Expr => {
  if (emptyResult(sub, ctx, depth + 1)) return { t: 'exists', where: constant(false), neg };
  const self = selfCorrelated(sub);
  if (self) {
    const lookup: Expr = {
      t: 'inTable',
      arg: { t: 'col', name: `${self.outer}.${self.col}` },
      table: self.table,
      col: self.col,
      inner: opaque(nspRefs(sub, ctx.dialect)),
    };
    return neg ? { t: 'not', arg: lookup } : lookup;
  }
  const t = tableless(sub, ctx, depth);
  return t ? { t: 'exists', where: t.where, neg } : { t: 'exists', neg, refs: nspRefs(sub, ctx.dialect) };
};

/**
 * `x op ANY/SOME/ALL (subquery)`, `x [NOT] IN (subquery)`: over an empty subquery ANY and IN are
 * false and ALL and NOT IN true for every row, NULLs included.
 */
function quantified(all: boolean, op: string, test: unknown, sub: unknown, ctx: NspExprContext, depth: number): Expr {
  if (emptyResult(sub, ctx, depth + 1)) return { t: 'in', arg: nspExpr(test, ctx, depth + 1), list: [], neg: all };
  if (!all && op === '=') {
    const whole = wholeTableColumn(sub, ctx, depth);
    if (whole) return { t: 'inTable', arg: nspExpr(test, ctx, depth + 1), ...whole, inner: opaque(nspRefs(sub, ctx.dialect)) };
  }
  return UNKNOWN;
}

/** `ANY (subquery)` as the parser gives it (a function named ANY, SOME or ALL): its kind and subquery. */
function quantifier(node: unknown): { all: boolean; sub: unknown } | undefined {
  if (!isNode(node) || node.type !== 'function') return undefined;
  const name = nspFunctionName(node);
  const args = listItems(node.args);
  if (!['any', 'some', 'all'].includes(name) || args.length !== 1 || !isNode(args[0]) || !('ast' in args[0])) return undefined;
  return { all: name === 'all', sub: args[0] };
}

/** The fields of a row value (`(a, b)`, `ROW(a, b)`), or undefined when the node is not one. */
function rowFields(node: unknown, ctx: NspExprContext, depth: number): Expr[] | undefined {
  if (!isNode(node)) return undefined;
  const items =
    node.type === 'expr_list' && Array.isArray(node.value) && node.value.length > 1
      ? node.value
      : node.type === 'function' && nspFunctionName(node) === 'row'
        ? listItems(node.args)
        : undefined;
  return items?.map((i) => nspExpr(i, ctx, depth + 1));
}

/** `(a, b) = (a, b)`: the row comparison field by field, when both sides are row values. */
function rows(node: Node, op: Parameters<typeof rowComparison>[0], ctx: NspExprContext, depth: number): Expr | undefined {
  const l = rowFields(node.left, ctx, depth);
  const r = rowFields(node.right, ctx, depth);
  return l && r ? rowComparison(op, l, r) : undefined;
}

/** BigQuery's `UNNEST(ARRAY(subquery))`: `x IN UNNEST(ARRAY(SELECT …))` is `x IN (SELECT …)`. */
function arraySubquery(node: unknown): unknown[] | undefined {
  if (!isNode(node) || node.type !== 'unnest' || !isNode(node.expr) || node.expr.type !== 'array') return undefined;
  const sub = node.expr.expr_list;
  return isNode(sub) && 'ast' in sub ? [sub] : undefined;
}

/**
 * AND, XOR and OR by how tightly the database binds them. node-sql-parser reads all three at one
 * precedence, left to right, in every dialect: `1=1 OR id = 5 AND 0=1` comes back as
 * `(1=1 OR id = 5) AND 0=1`, never true, where MySQL reads `1=1 OR (id = 5 AND 0=1)` and deletes
 * every row. A chain the text does not parenthesise is read again here, in the order written.
 */
const BINDING: Readonly<Record<string, number>> = { OR: 0, XOR: 1, AND: 2, '&&': 2 };

const unparenthesisedNotCall = (node: unknown): boolean =>
  isNode(node) && node.type === 'function' && node.parentheses !== true && nspFunctionName(node) === 'not';

const unparenthesisedXor = (node: unknown): boolean =>
  isNode(node) && node.type === 'binary_expr' && node.parentheses !== true && String(node.operator).toUpperCase() === 'XOR';

/**
 * The operands of a binary operator other than AND, XOR and OR where an XOR cannot stand without
 * parentheses: both sides, BETWEEN's bounds; an IN list's items are whole expressions.
 */
function xorOperands(node: Node, op: string): unknown[] {
  if (op === 'IN' || op === 'NOT IN') return [node.left];
  const bounds = (op === 'BETWEEN' || op === 'NOT BETWEEN') && isNode(node.right) ? listItems(node.right) : [];
  return [node.left, node.right, ...bounds];
}

const unparenthesisedLogic = (node: unknown): node is Node =>
  isNode(node) && node.type === 'binary_expr' && node.parentheses !== true && String(node.operator).toUpperCase() in BINDING;

/** The operands and operators of an unparenthesised chain of AND, XOR and OR, in the order written. */
function chainOf(node: unknown, operands: unknown[], ops: string[], depth: number): void {
  checkDepth(depth);
  if (!unparenthesisedLogic(node)) {
    operands.push(node);
    return;
  }
  chainOf(node.left, operands, ops, depth + 1);
  ops.push(String(node.operator).toUpperCase());
  chainOf(node.right, operands, ops, depth + 1);
}

/** operands[from..to] joined by ops[from..to-1], grouped loosest first (OR, then XOR, then AND), left to right. */
function grouped(operands: unknown[], ops: string[], from: number, to: number, binding: number, ctx: NspExprContext, depth: number): Expr {
  checkDepth(depth);
  if (from === to) return nspExpr(operands[from], ctx, depth + 1);
  const at: number[] = [];
  for (let i = from; i < to; i++) if (BINDING[ops[i]!] === binding) at.push(i);
  if (at.length === 0) return grouped(operands, ops, from, to, binding + 1, ctx, depth + 1);
  const t = binding === 0 ? 'or' : binding === 1 ? 'xor' : 'and';
  let start = from;
  let acc: Expr | undefined;
  for (const i of [...at, to]) {
    const part = grouped(operands, ops, start, i, binding + 1, ctx, depth + 1);
    acc = acc === undefined ? part : { t, args: [acc, part] };
    start = i + 1;
  }
  return acc!;
}

function binary(node: Node, ctx: NspExprContext, depth: number): Expr {
  const op = String(node.operator).toUpperCase();
  const l = () => nspExpr(node.left, ctx, depth + 1);
  const r = () => nspExpr(node.right, ctx, depth + 1);
  if (op in BINDING) {
    const operands: unknown[] = [];
    const ops: string[] = [];
    chainOf({ ...node, parentheses: false }, operands, ops, depth);
    return grouped(operands, ops, 0, operands.length - 1, 0, ctx, depth + 1);
  }
  if ([node.left, node.right].some(unparenthesisedNotCall)) {
    // `NOT (id = 5) * 0`: the parser reads a call of NOT, then `* 0`, never true; the database
    // reads NOT of `(id = 5) * 0`, every row (or, under MySQL's HIGH_NOT_PRECEDENCE, the parser's
    // way). The same where NOT (…) follows the operator (`1 * NOT (0) > 2` in SQLite).
    ctx.ambiguous = `NOT binds looser than ${op} in the database, but the parser reads NOT (…) as a call that binds tighter`;
  }
  if (op === '||') {
    if (ctx.dialect === 'mysql' || ctx.dialect === 'mariadb') {
      // MySQL reads `||` as a low-precedence OR (unless PIPES_AS_CONCAT); the parser as concatenation.
      ctx.ambiguous = "'||' is OR in MySQL but the parser reads it as concatenation, with another precedence";
      return { t: 'or', args: [l(), r()] };
    }
    return { t: 'arith', op: '||', l: l(), r: r() };
  }
  if (xorOperands(node, op).some(unparenthesisedXor)) {
    // The parser reads XOR tighter than comparisons, arithmetic and BETWEEN (`1=1 XOR 1=1 AND 0=1`
    // as `(1 = (1 XOR 1)) = 1 AND 0=1`); the database reads it looser, between AND and OR.
    ctx.ambiguous = `XOR binds looser than ${op} in MySQL, but the parser reads it tighter`;
  }
  const cmp = CMP[op];
  const q = cmp ? quantifier(node.right) : undefined;
  if (cmp && q) {
    const e = quantified(q.all, cmp, node.left, q.sub, ctx, depth);
    return e === UNKNOWN ? opaque(nspRefs(node, ctx.dialect)) : e;
  }
  if (cmp) return rows(node, cmp, ctx, depth) ?? { t: 'cmp', op: cmp, l: l(), r: r() };
  const arith = ARITH[op];
  if (arith) return { t: 'arith', op: arith, l: l(), r: r() };
  if (op === 'IS' || op === 'IS NOT') {
    const neg = op === 'IS NOT';
    const right = node.right;
    if (isNode(right) && right.type === 'null') return { t: 'is', arg: l(), test: 'null', neg };
    if (isNode(right) && right.type === 'bool') return { t: 'is', arg: l(), test: right.value ? 'true' : 'false', neg };
    // SQLite's IS compares like = but with NULL equal to NULL.
    const same: Expr = rows(node, '<=>', ctx, depth) ?? { t: 'cmp', op: '<=>', l: l(), r: r() };
    return neg ? { t: 'not', arg: same } : same;
  }
  if (op === 'IN' || op === 'NOT IN') {
    const items = arraySubquery(node.right) ?? listItems(node.right);
    if (items.length === 1 && isNode(items[0]) && 'ast' in items[0]) {
      // `x NOT IN (q)` is NOT (`x IN (q)`), and `x IN (q)` is `x = ANY (q)`.
      const inSub = quantified(false, '=', node.left, items[0], ctx, depth);
      if (inSub !== UNKNOWN) return op === 'IN' ? inSub : { t: 'not', arg: inSub };
    }
    if (items.some((i) => isNode(i) && 'ast' in i)) return UNKNOWN;
    return { t: 'in', arg: l(), list: items.map((i) => nspExpr(i, ctx, depth + 1)), neg: op === 'NOT IN' };
  }
  if (op === 'BETWEEN' || op === 'NOT BETWEEN') {
    const [lo, hi] = listItems(node.right);
    return { t: 'between', arg: l(), lo: nspExpr(lo, ctx, depth + 1), hi: nspExpr(hi, ctx, depth + 1), neg: op === 'NOT BETWEEN' };
  }
  if (/^(NOT )?I?LIKE$/.test(op)) {
    // An ESCAPE clause changes what the pattern means: not folded.
    if (isNode(node.right) && node.right.escape != null) return UNKNOWN;
    return { t: 'like', arg: l(), pattern: r(), neg: op.startsWith('NOT'), ci: op.endsWith('ILIKE') };
  }
  return UNKNOWN;
}

function caseExpr(node: Node, ctx: NspExprContext, depth: number): Expr {
  const subject = node.expr != null ? nspExpr(node.expr, ctx, depth + 1) : undefined;
  const whens: { cond: Expr; then: Expr }[] = [];
  let otherwise: Expr | undefined;
  for (const a of Array.isArray(node.args) ? node.args : []) {
    if (!isNode(a)) return UNKNOWN;
    const result = nspExpr(a.result, ctx, depth + 1);
    if (a.type === 'else') otherwise = result;
    else {
      const c = nspExpr(a.cond, ctx, depth + 1);
      whens.push({ cond: subject ? { t: 'cmp', op: '=', l: subject, r: c } : c, then: result });
    }
  }
  return { t: 'case', whens, ...(otherwise ? { else: otherwise } : {}) };
}

/** The folder's model of a node-sql-parser expression; what it does not model keeps its column references. */
export function nspExpr(node: unknown, ctx: NspExprContext, depth = 0): Expr {
  const e = convert(node, ctx, depth);
  if (e === UNKNOWN && node != null) return opaque(nspRefs(node, ctx.dialect));
  // `'a' = 'A' COLLATE utf8mb4_bin`: the collation decides equality, so the value is not folded.
  if (isNode(node) && isNode(node.suffix) && node.suffix.collate != null) return { t: 'func', name: 'collate', args: [e] };
  if (isNode(node) && isNode(node.collate) && node.type !== 'column_ref') return { t: 'func', name: 'collate', args: [e] };
  return e;
}

function convert(node: unknown, ctx: NspExprContext, depth: number): Expr {
  checkDepth(depth);
  if (!isNode(node)) return typeof node === 'number' ? constant(node) : UNKNOWN;
  if ('ast' in node) {
    if (emptyResult(node, ctx, depth + 1)) return constant(null); // a scalar subquery with no row is NULL
    // A scalar subquery over no table is its value when its WHERE holds, else NULL.
    const t = tableless(node, ctx, depth);
    if (!t?.value) return UNKNOWN;
    return t.where.t === 'const' && t.where.v === true ? t.value : { t: 'case', whens: [{ cond: t.where, then: t.value }] };
  }
  switch (node.type) {
    case 'number':
      return typeof node.value === 'number' ? constant(node.value) : constant(Number(node.value));
    case 'bigint':
      return constant(Number(node.value));
    case 'hex_string':
    case 'full_hex_string':
    case 'bit_string':
      // MySQL reads 0x41 as the number 65 or the string 'A' depending on the other operand: never folded.
      return { t: 'func', name: 'binary literal', args: [constant(String(node.value ?? ''))] };
    case 'bool':
    case 'boolean':
      return constant(Boolean(node.value));
    case 'null':
      return constant(null);
    case 'single_quote_string':
    case 'natural_string':
    case 'string':
      return typeof node.value === 'string' ? constant(node.value) : UNKNOWN;
    case 'double_quote_string':
      if (typeof node.value !== 'string') return UNKNOWN;
      // A string in MySQL and BigQuery; an identifier in SQLite and T-SQL.
      return ['mysql', 'mariadb', 'bigquery'].includes(ctx.dialect) ? constant(node.value) : { t: 'col', name: node.value.toLowerCase() };
    case 'column_ref': {
      const name = nspColumnName(node);
      if (!name || name === '*') return UNKNOWN;
      if (mysqlBinaryLiteral(name, ctx.dialect)) return { t: 'func', name: 'binary literal', args: [constant(name)] };
      if (name.startsWith('@')) return opaque([]); // a variable (T-SQL reads `@x` as a column reference)
      return { t: 'col', name: objectName(typeof node.table === 'string' ? node.table : undefined, name) };
    }
    case 'binary_expr':
      return binary(node, ctx, depth);
    case 'unary_expr': {
      const op = String(node.operator).toUpperCase();
      if (op === 'NOT' || op === '!') {
        // `NOT a XOR b`: the parser may put the XOR under the NOT; the database binds NOT tighter.
        if (unparenthesisedXor(node.expr)) ctx.ambiguous = 'XOR binds looser than NOT in MySQL, but the parser reads it tighter';
        return { t: 'not', arg: nspExpr(node.expr, ctx, depth + 1) };
      }
      if (op === '-') return { t: 'neg', arg: nspExpr(node.expr, ctx, depth + 1) };
      if (op === '+') return nspExpr(node.expr, ctx, depth + 1);
      if (op === 'NOT EXISTS') return exists(node.expr, true, ctx, depth);
      return UNKNOWN;
    }
    case 'function': {
      const name = nspFunctionName(node);
      const args = listItems(node.args).filter((a) => a != null);
      if (name === 'exists') return exists(args[0], false, ctx, depth);
      // `NOT (1=0)` reaches some builds as a function named NOT.
      if (name === 'not' && args.length === 1) return { t: 'not', arg: nspExpr(args[0], ctx, depth + 1) };
      return { t: 'func', name, args: args.map((a) => nspExpr(a, ctx, depth + 1)) };
    }
    case 'cast': {
      const target = Array.isArray(node.target) ? node.target[0] : node.target;
      const to = isNode(target) && typeof target.dataType === 'string' ? target.dataType : '';
      return { t: 'cast', arg: nspExpr(node.expr, ctx, depth + 1), to };
    }
    case 'case':
      return caseExpr(node, ctx, depth);
    case 'expr_list': {
      const items = listItems(node);
      return items.length === 1 ? nspExpr(items[0], ctx, depth + 1) : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}
