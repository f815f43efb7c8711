// libpg-query expression nodes → the neutral Expr the folder understands.
import { UNKNOWN, constant, opaque, rowComparison, type CmpOp, type Expr } from '../expr.js';
import { conditionValue, isTautology } from '../fold.js';
import { checkDepth } from '../limits.js';
import { notNullOf } from '../null-rows.js';
import { pgRefs } from './refs.js';

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** The single `{Type: body}` pair of a libpg-query node. */
export function unwrap(node: unknown): [string, Node] | undefined {
  if (!isNode(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  const k = keys[0] as string;
  const body = node[k];
  return isNode(body) ? [k, body] : [k, {}];
}

/** `String` nodes' values, e.g. a qualified name `[{String:{sval:'public'}}, {String:{sval:'t'}}]`. */
export function strings(list: unknown): string[] {
  return asArray(list)
    .map((n) => {
      const u = unwrap(n);
      return u && u[0] === 'String' && typeof u[1].sval === 'string' ? u[1].sval : undefined;
    })
    .filter((s): s is string => s !== undefined);
}

/** A SELECT's body: wrapped (`{SelectStmt: …}`) or bare, as set operations keep `larg`/`rarg`. */
export function selectBody(node: unknown): Node | undefined {
  const u = unwrap(node);
  if (u?.[0] === 'SelectStmt') return u[1];
  return isNode(node) && typeof node.op === 'string' ? node : undefined;
}

export function defElems(list: unknown): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const d of asArray(list)) {
    const u = unwrap(d);
    if (u && u[0] === 'DefElem') m.set(String(u[1].defname), u[1].arg);
  }
  return m;
}

/** A DefElem's value: Boolean/Integer/String nodes; a missing value means "on". */
export function defValue(arg: unknown): boolean | string | number {
  const u = unwrap(arg);
  if (!u) return true;
  if (u[0] === 'Boolean') return u[1].boolval === true;
  if (u[0] === 'Integer') return typeof u[1].ival === 'number' ? u[1].ival : 0;
  if (u[0] === 'String') return String(u[1].sval ?? '');
  if (u[0] === 'List') return strings(u[1].items).join(',');
  return true;
}

const CMP: Record<string, CmpOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ARITH: Record<string, '+' | '-' | '*' | '/' | '%' | '||'> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '||': '||' };

function aConst(b: Node): Expr {
  if (b.isnull) return constant(null);
  if (isNode(b.ival)) return constant(typeof b.ival.ival === 'number' ? b.ival.ival : 0);
  if (isNode(b.fval)) return constant(Number(b.fval.fval));
  if (isNode(b.sval)) return constant(typeof b.sval.sval === 'string' ? b.sval.sval : '');
  if (isNode(b.boolval)) return constant(b.boolval.boolval === true);
  return UNKNOWN;
}

/** A subquery that reads no table: its WHERE (true when absent) and its single output, if any. */
function tableless(sub: unknown, depth: number): { where: Expr; value?: Expr } | undefined {
  const u = unwrap(sub);
  if (!u || u[0] !== 'SelectStmt') return undefined;
  const s = u[1];
  if (s.fromClause != null || s.havingClause != null || s.limitCount != null || s.valuesLists != null || s.op !== 'SETOP_NONE')
    return undefined;
  const where = s.whereClause != null ? pgExpr(s.whereClause, depth + 1) : constant(true);
  const targets = asArray(s.targetList);
  const only = targets.length === 1 ? unwrap(targets[0])?.[1].val : undefined;
  return { where, ...(only !== undefined ? { value: pgExpr(only, depth + 1) } : {}) };
}

/** Plain `SELECT DISTINCT` (not DISTINCT ON): the same set of values. */
const plainDistinct = (clause: unknown) => asArray(clause).every((x) => isNode(x) && Object.keys(x).length === 0);

/**
 * `SELECT col FROM table` with nothing that narrows it (a WHERE that always holds, or only asks
 * that col has a value): the table and the column, else undefined.
 */
function wholeTableColumn(sub: unknown, depth: number): { table: string; col: string } | undefined {
  const u = unwrap(sub);
  if (!u || u[0] !== 'SelectStmt') return undefined;
  const s = u[1];
  const from = asArray(s.fromClause);
  const targets = asArray(s.targetList);
  if (from.length !== 1 || targets.length !== 1 || s.op !== 'SETOP_NONE' || s.limitCount != null || s.limitOffset != null) return undefined;
  if (s.groupClause != null || s.havingClause != null || !plainDistinct(s.distinctClause) || s.withClause != null) return undefined;
  const rv = unwrap(from[0]);
  const col = unwrap(unwrap(targets[0])?.[1].val);
  if (rv?.[0] !== 'RangeVar' || typeof rv[1].relname !== 'string' || col?.[0] !== 'ColumnRef') return undefined;
  const names = strings(col[1].fields);
  if (names.length !== asArray(col[1].fields).length || names.length === 0) return undefined;
  const column = (names[names.length - 1] as string).toLowerCase();
  if (s.whereClause != null) {
    const where = pgExpr(s.whereClause, depth + 1);
    if (!isTautology(where, 'postgresql') && !notNullOf(where, 'postgresql', column)) return undefined;
  }
  return { table: rv[1].relname.toLowerCase(), col: column };
}

/** A node of this type anywhere inside (a function call may aggregate a query into one row). */
function contains(node: unknown, type: string, depth = 0): boolean {
  checkDepth(depth);
  if (Array.isArray(node)) return node.some((n) => contains(n, type, depth + 1));
  if (!isNode(node)) return false;
  return type in node || Object.values(node).some((v) => typeof v === 'object' && v !== null && contains(v, type, depth + 1));
}

/**
 * A subquery that returns no row whatever the tables hold: LIMIT 0, or a WHERE that folds to
 * FALSE or NULL — unless it aggregates (`SELECT max(id) … WHERE false` still returns one row).
 */
function emptyResult(sub: unknown, depth: number): boolean {
  checkDepth(depth);
  const s = selectBody(sub);
  if (!s) return false;
  // A set operation of empty queries is empty, whichever it is.
  if (s.op !== 'SETOP_NONE' && s.op !== undefined) return emptyResult(s.larg, depth + 1) && emptyResult(s.rarg, depth + 1);
  if (s.valuesLists != null) return false;
  if (s.limitCount != null && conditionValue(pgExpr(s.limitCount, depth + 1), 'postgresql') === false) return true;
  if (s.whereClause == null) return false;
  const where = conditionValue(pgExpr(s.whereClause, depth + 1), 'postgresql');
  if (where !== false && where !== null) return false;
  return s.groupClause != null || (s.havingClause == null && !contains(s.targetList, 'FuncCall'));
}

/**
 * `x op ANY (subquery)` (`x IN (…)`) and `x op ALL (subquery)` (`x NOT IN (…)` is NOT of the
 * first): over an empty subquery ANY is false and ALL true for every row, NULLs included.
 */
function quantified(all: boolean, op: string, test: unknown, subselect: unknown, depth: number): Expr {
  if (emptyResult(subselect, depth + 1)) return { t: 'in', arg: pgExpr(test, depth + 1), list: [], neg: all };
  if (!all && (op === '' || op === '=')) {
    const whole = wholeTableColumn(subselect, depth);
    if (whole) return { t: 'inTable', arg: pgExpr(test, depth + 1), ...whole, inner: opaque(pgRefs(subselect)) };
  }
  return UNKNOWN;
}

/** A column reference `q.c` as [q, c], lower-case; undefined for any other shape. */
function qualifiedColumn(node: unknown): [string, string] | undefined {
  const c = unwrap(node);
  const fields = c?.[0] === 'ColumnRef' ? asArray(c[1].fields) : [];
  const names = strings(fields).map((n) => n.toLowerCase());
  return fields.length === 2 && names.length === 2 ? [names[0] as string, names[1] as string] : undefined;
}

/**
 * `EXISTS (SELECT … FROM t t2 WHERE t2.c = outer.c)`: each outer row finds its own `c` in `t`.
 * The table, the column and the outer qualifier, else undefined.
 */
function selfCorrelated(sub: unknown): { table: string; col: string; outer: string } | undefined {
  const s = selectBody(sub);
  if (!s || (s.op !== 'SETOP_NONE' && s.op !== undefined) || s.limitCount != null || s.groupClause != null || s.havingClause != null)
    return undefined;
  const from = asArray(s.fromClause);
  const rv = unwrap(from[0]);
  if (from.length !== 1 || rv?.[0] !== 'RangeVar' || typeof rv[1].relname !== 'string') return undefined;
  const alias = isNode(rv[1].alias) && typeof rv[1].alias.aliasname === 'string' ? rv[1].alias.aliasname.toLowerCase() : undefined;
  const inner = alias ?? rv[1].relname.toLowerCase();
  const w = unwrap(s.whereClause);
  if (w?.[0] !== 'A_Expr' || w[1].kind !== 'AEXPR_OP' || strings(w[1].name).join('') !== '=') return undefined;
  const l = qualifiedColumn(w[1].lexpr);
  const r = qualifiedColumn(w[1].rexpr);
  if (!l || !r || l[1] !== r[1] || (l[0] === inner) === (r[0] === inner)) return undefined;
  return { table: rv[1].relname.toLowerCase(), col: l[1], outer: l[0] === inner ? r[0] : l[0] };
}

function subLink(b: Node, depth: number): Expr {
  const type = String(b.subLinkType);
  if (type === 'EXISTS_SUBLINK') {
    if (emptyResult(b.subselect, depth + 1)) return { t: 'exists', where: constant(false), neg: false };
    const self = selfCorrelated(b.subselect);
    if (self)
      return {
        t: 'inTable',
        arg: { t: 'col', name: `${self.outer}.${self.col}` },
        table: self.table,
        col: self.col,
        inner: opaque(pgRefs(b.subselect)),
      };
    const sub = tableless(b.subselect, depth);
    return sub ? { t: 'exists', where: sub.where, neg: false } : { t: 'exists', neg: false, refs: pgRefs(b.subselect) };
  }
  if (type === 'ANY_SUBLINK' || type === 'ALL_SUBLINK')
    return quantified(type === 'ALL_SUBLINK', strings(b.operName).join(''), b.testexpr, b.subselect, depth);
  if (type === 'EXPR_SUBLINK') {
    if (emptyResult(b.subselect, depth + 1)) return constant(null); // a scalar subquery with no row is NULL
    // `(SELECT 1) = 1`: a scalar subquery over no table is its value when its WHERE holds, else NULL.
    const sub = tableless(b.subselect, depth);
    if (sub?.value)
      return sub.where.t === 'const' && sub.where.v === true ? sub.value : { t: 'case', whens: [{ cond: sub.where, then: sub.value }] };
  }
  return UNKNOWN;
}

/** The fields of a row value (`(a, b)`, `ROW(a)`), or undefined when the node is not one. */
function rowFields(node: unknown, depth: number): Expr[] | undefined {
  const u = unwrap(node);
  return u?.[0] === 'RowExpr' ? asArray(u[1].args).map((a) => pgExpr(a, depth + 1)) : undefined;
}

/** `(a, b) = (a, b)`: the row comparison field by field, when both sides are row values. */
function rows(b: Node, op: Parameters<typeof rowComparison>[0], depth: number): Expr | undefined {
  const l = rowFields(b.lexpr, depth);
  const r = rowFields(b.rexpr, depth);
  return l && r ? rowComparison(op, l, r) : undefined;
}

function aExpr(b: Node, depth: number): Expr {
  const op = strings(b.name).pop() ?? '';
  const l = () => pgExpr(b.lexpr, depth + 1);
  const r = () => pgExpr(b.rexpr, depth + 1);
  const asRows = (rowOp: Parameters<typeof rowComparison>[0]) => rows(b, rowOp, depth);
  const list = () => {
    const u = unwrap(b.rexpr);
    return u && u[0] === 'List' ? asArray(u[1].items).map((i) => pgExpr(i, depth + 1)) : [r()];
  };
  switch (b.kind) {
    case 'AEXPR_OP': {
      if (b.lexpr == null) return op === '-' ? { t: 'neg', arg: r() } : op === '+' ? r() : UNKNOWN;
      if (CMP[op]) return asRows(CMP[op] as CmpOp) ?? { t: 'cmp', op: CMP[op] as CmpOp, l: l(), r: r() };
      if (ARITH[op]) return { t: 'arith', op: ARITH[op], l: l(), r: r() };
      if (op === '~~' || op === '!~~' || op === '~~*' || op === '!~~*')
        return { t: 'like', arg: l(), pattern: r(), neg: op.startsWith('!'), ci: op.endsWith('*') };
      return UNKNOWN;
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      // `x = ANY(ARRAY(SELECT …))` is `x = ANY (SELECT …)`.
      const sub = unwrap(b.rexpr);
      if (sub?.[0] === 'SubLink' && sub[1].subLinkType === 'ARRAY_SUBLINK')
        return quantified(b.kind === 'AEXPR_OP_ALL', op, b.lexpr, sub[1].subselect, depth);
      return UNKNOWN;
    }
    case 'AEXPR_IN':
      return { t: 'in', arg: l(), list: list(), neg: op === '<>' };
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      return { t: 'like', arg: l(), pattern: r(), neg: op.startsWith('!'), ci: b.kind === 'AEXPR_ILIKE' };
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const [lo, hi] = list();
      return { t: 'between', arg: l(), lo: lo ?? UNKNOWN, hi: hi ?? UNKNOWN, neg: b.kind === 'AEXPR_NOT_BETWEEN' };
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT':
      return (
        asRows(b.kind === 'AEXPR_DISTINCT' ? 'distinct' : 'not distinct') ?? {
          t: 'is',
          arg: l(),
          test: 'distinct',
          other: r(),
          neg: b.kind === 'AEXPR_NOT_DISTINCT',
        }
      );
    case 'AEXPR_NULLIF':
      return { t: 'func', name: 'nullif', args: [l(), r()] };
    default:
      return UNKNOWN;
  }
}

/** The folder's model of a libpg-query expression; what it does not model keeps its column references. */
export function pgExpr(node: unknown, depth = 0): Expr {
  const e = convert(node, depth);
  return e === UNKNOWN && node != null ? opaque(pgRefs(node)) : e;
}

function convert(node: unknown, depth: number): Expr {
  checkDepth(depth);
  const u = unwrap(node);
  if (!u) return UNKNOWN;
  const [type, b] = u;
  switch (type) {
    case 'A_Const':
      return aConst(b);
    case 'ColumnRef': {
      const names = strings(b.fields);
      return names.length === asArray(b.fields).length ? { t: 'col', name: names.join('.') } : UNKNOWN;
    }
    case 'A_Expr':
      return aExpr(b, depth);
    case 'BoolExpr': {
      const args = asArray(b.args).map((a) => pgExpr(a, depth + 1));
      if (b.boolop === 'AND_EXPR') return { t: 'and', args };
      if (b.boolop === 'OR_EXPR') return { t: 'or', args };
      return { t: 'not', arg: args[0] ?? UNKNOWN };
    }
    case 'NullTest':
      return { t: 'is', arg: pgExpr(b.arg, depth + 1), test: 'null', neg: b.nulltesttype === 'IS_NOT_NULL' };
    case 'BooleanTest': {
      const kind = String(b.booltesttype ?? '');
      const test = kind.includes('TRUE') ? 'true' : kind.includes('FALSE') ? 'false' : 'unknown';
      return { t: 'is', arg: pgExpr(b.arg, depth + 1), test, neg: kind.includes('NOT') };
    }
    case 'TypeCast': {
      const to = isNode(b.typeName) ? (strings(b.typeName.names).pop() ?? '') : '';
      return { t: 'cast', arg: pgExpr(b.arg, depth + 1), to };
    }
    case 'FuncCall':
      return { t: 'func', name: strings(b.funcname).join('.').toLowerCase(), args: asArray(b.args).map((a) => pgExpr(a, depth + 1)) };
    case 'CollateClause':
      // The collation decides equality and order: the folder treats it as a function it cannot fold.
      return { t: 'func', name: 'collate', args: [pgExpr(b.arg, depth + 1), constant(strings(b.collname).join('.'))] };
    case 'CoalesceExpr':
      return { t: 'func', name: 'coalesce', args: asArray(b.args).map((a) => pgExpr(a, depth + 1)) };
    case 'SubLink':
      return subLink(b, depth);
    case 'CaseExpr': {
      const subject = b.arg != null ? pgExpr(b.arg, depth + 1) : undefined;
      const whens = asArray(b.args).map((w) => {
        const cw = unwrap(w)?.[1] ?? {};
        const cond = pgExpr(cw.expr, depth + 1);
        return { cond: subject ? ({ t: 'cmp', op: '=', l: subject, r: cond } as Expr) : cond, then: pgExpr(cw.result, depth + 1) };
      });
      return { t: 'case', whens, ...(b.defresult != null ? { else: pgExpr(b.defresult, depth + 1) } : {}) };
    }
    default:
      return UNKNOWN;
  }
}
