// libpg-query's parse tree for the plainest SQL, built without libpg-query (issue 19). Loading the
// WebAssembly grammar and compiling the two giant functions a parse runs through (the bison
// parser and the scanner, ~180 KB of code) costs a `sql` run ~25 ms, more than the rest of its
// analysis. Most statements an agent sends are plain: SELECT [DISTINCT] … FROM … [JOIN …]
// [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT …] [OFFSET …], INSERT … VALUES,
// UPDATE … SET and DELETE, over names, numbers, strings, $n parameters, calls, casts to plainly
// named types, comparisons, arithmetic, [NOT] IN, LIKE, ILIKE and BETWEEN, AND/OR/NOT and
// IS [NOT] NULL. For a text wholly
// inside that subset this builds the tree libpg-query builds (the same nodes, fields, field order,
// values and byte offsets, its folds included: `-5` is one constant, `a AND b AND c` one AND). For
// anything else it returns undefined and the caller parses with libpg-query, so the subset can
// only ever be too small. test/sql/pg-plain-parse.test.ts checks the two trees equal over every
// SQL text the tests know and over random texts in and near the subset.
import type { PgParseResult } from './load.js';
import { pgKeywords } from './keywords.js';
import { at, BLANKS, decline, plainAscii, TokenCursor, unlessDeclined } from '../token-cursor.js';

type Node = Record<string, unknown>;

/** libpg-query's PostgreSQL version, which its parse results carry. */
const PG_VERSION_NUM = 180004;
/** PostgreSQL truncates longer names (NAMEDATALEN - 1), with a notice: left to the real parser. */
const MAX_NAME_BYTES = 63;
/** Deeper nesting is left to the real parser, which knows its own limits. */
const MAX_DEPTH = 32;
const INT32_MAX = 2147483647;
/**
 * Unreserved keywords that PostgreSQL's scanner reads ahead of (`NULLS FIRST`, `FORMAT JSON`,
 * `WITHOUT TIME`): never names here.
 */
const LOOKAHEAD_KEYWORDS = new Set(['nulls', 'format', 'without']);
/** Whether PostgreSQL takes an unquoted word as a name wherever one may stand. */
function nameWord(word: string): boolean {
  const { all, unreserved } = pgKeywords();
  return !all.has(word) || (unreserved.has(word) && !LOOKAHEAD_KEYWORDS.has(word));
}

type Token =
  | { kind: 'word'; key: string; start: number } // an unquoted name or keyword, lower-cased
  | { kind: 'name'; name: string; start: number } // a quoted name
  | { kind: 'int' | 'float' | 'string'; text: string; start: number }
  | { kind: 'param'; number: number; start: number }
  | { kind: 'op'; op: string; start: number } // operators and punctuation
  | { kind: 'end'; start: number };

/** The comparison operators, non-associative to PostgreSQL (`!=` is read as `<>`). */
const COMPARISONS: readonly string[] = ['=', '<>', '<', '>', '<=', '>='];
/** Operators of the subset, as PostgreSQL's scanner reads them; `!=` is its spelling of `<>`. */
const OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);
const OP_CHARS = /[~!@#^&|`?+\-*/%<>=]+/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const DIGITS = /[0-9]+/y;

/** The text between the quote at `start` and the one that closes it, a doubled quote read as one; and where it ends. */
function quoted(sql: string, start: number): { text: string; end: number } {
  const q = sql[start]!;
  let text = '';
  let i = start + 1;
  for (;;) {
    const close = sql.indexOf(q, i);
    if (close < 0) decline();
    text += sql.slice(i, close);
    i = close + 1;
    if (sql[i] !== q) return { text, end: i };
    text += q;
    i++;
  }
}

/** The tokens of `sql`; declines a character or a token outside the subset. */
function tokenize(sql: string): Token[] {
  // Byte offsets are the parser's: ASCII keeps them character offsets. No backslash
  // (standard_conforming_strings and escape strings are the real parser's business).
  plainAscii(sql);
  const tokens: Token[] = [];
  let i = at(BLANKS, sql, 0)!.length;
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    const word = at(WORD, sql, i);
    if (word !== null) {
      i += word.length;
      // `E'…'`, `U&"…"`, `a$b`: prefixed literals and names with `$` are the real parser's.
      if (i < sql.length && /['"$&]/.test(sql[i]!)) decline();
      if (word.length > MAX_NAME_BYTES) decline();
      tokens.push({ kind: 'word', key: word.toLowerCase(), start });
    } else if (c >= '0' && c <= '9') {
      const whole = at(DIGITS, sql, i)!;
      i += whole.length;
      let kind: 'int' | 'float' = 'int';
      if (sql[i] === '.' && /[0-9]/.test(sql[i + 1] ?? '')) {
        i += 1 + at(DIGITS, sql, i + 1)!.length;
        kind = 'float';
      }
      // `1.`, `1e5`, `0x1F`, `1_000`, `1.2.3`, `1a`: other spellings of numbers, and trailing junk.
      if (i < sql.length && /[A-Za-z0-9_.$'"]/.test(sql[i]!)) decline();
      tokens.push({ kind, text: sql.slice(start, i), start });
    } else if (c === "'") {
      const string = quoted(sql, i);
      i = string.end;
      tokens.push({ kind: 'string', text: string.text, start });
    } else if (c === '"') {
      const { text: name, end } = quoted(sql, i);
      i = end;
      if (name === '' || name.length > MAX_NAME_BYTES) decline();
      tokens.push({ kind: 'name', name, start });
    } else if (c === '$') {
      const digits = at(DIGITS, sql, i + 1);
      if (digits === null || digits[0] === '0' || digits.length > 6) decline();
      i += 1 + digits.length;
      if (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) decline();
      tokens.push({ kind: 'param', number: Number(digits), start });
    } else if (sql.startsWith('::', i)) {
      i += 2;
      tokens.push({ kind: 'op', op: '::', start });
    } else if ('(),;.'.includes(c)) {
      i++;
      tokens.push({ kind: 'op', op: c, start });
    } else {
      // A run of operator characters is one operator to PostgreSQL's scanner (`=-` and `*-` stay
      // one token or split by its own rules; `--` and `/*` start comments): only the subset's own
      // operators, whole, are read here.
      const run = at(OP_CHARS, sql, i);
      if (run === null || !OPERATORS.has(run)) decline();
      i += run.length;
      tokens.push({ kind: 'op', op: run === '!=' ? '<>' : run, start });
    }
    const blanks = at(BLANKS, sql, i)!;
    // Two string constants with a line break between them are one constant to PostgreSQL.
    if (tokens[tokens.length - 1]!.kind === 'string' && sql[i + blanks.length] === "'") decline();
    i += blanks.length;
  }
  tokens.push({ kind: 'end', start: sql.length });
  return tokens;
}

const loc = (location: number): Node => (location === 0 ? {} : { location });
const str = (sval: string): Node => ({ String: { sval } });

/** A recursive-descent reader of the subset's grammar over the tokens, in PostgreSQL's precedence. */
class Reader extends TokenCursor<Token> {
  private depth = 0;

  /**
   * Whether the next token is a bare alias (`SELECT a b`, `FROM t x`): a quoted name or a word
   * that is no keyword at all (a keyword there may start the next clause).
   */
  private atBareAlias(): boolean {
    const t = this.t;
    return t.kind === 'name' || (t.kind === 'word' && !pgKeywords().all.has(t.key));
  }
  /** A name: quoted, or a word that is no keyword or an unreserved one. */
  private name(): string {
    const t = this.t;
    if (t.kind === 'name') {
      this.i++;
      return t.name;
    }
    if (t.kind === 'word' && nameWord(t.key)) {
      this.i++;
      return t.key;
    }
    return decline();
  }

  statements(): PgParseResult {
    const stmts: NonNullable<PgParseResult['stmts']> = [];
    for (;;) {
      const start = this.t.start;
      const stmt = this.statement();
      const entry: { stmt: Node; stmt_location?: number; stmt_len?: number } = { stmt };
      if (start !== 0) entry.stmt_location = start;
      if (this.isOp(';')) {
        entry.stmt_len = this.t.start - start;
        this.i++;
      } else if (this.t.kind !== 'end') decline();
      stmts.push(entry);
      if (this.t.kind === 'end') break;
    }
    return { version: PG_VERSION_NUM, stmts };
  }

  private statement(): Node {
    if (this.isWord('select')) return { SelectStmt: this.select() };
    if (this.isWord('insert')) return { InsertStmt: this.insert() };
    if (this.isWord('update')) return { UpdateStmt: this.update() };
    if (this.isWord('delete')) return { DeleteStmt: this.delete() };
    return decline();
  }

  private select(): Node {
    this.word('select');
    // DISTINCT is a list holding one empty node to the parser; DISTINCT ON is the parser's.
    const s: Node = this.takeWord('distinct') ? { distinctClause: [{}] } : {};
    if (this.isWord('on')) decline();
    s.targetList = this.list(() => this.target());
    if (this.takeWord('from')) s.fromClause = this.list(() => this.fromItem());
    if (this.takeWord('where')) s.whereClause = this.expr();
    if (this.isWord('group')) {
      this.i++;
      this.word('by');
      s.groupClause = this.list(() => this.expr());
    }
    if (this.takeWord('having')) s.havingClause = this.expr();
    if (this.isWord('order')) {
      this.i++;
      this.word('by');
      s.sortClause = this.list(() => this.sortBy());
    }
    // LIMIT and OFFSET, either first, each at most once.
    let limitCount: Node | undefined;
    let limitOffset: Node | undefined;
    for (;;) {
      if (limitCount === undefined && this.takeWord('limit')) limitCount = this.expr();
      else if (limitOffset === undefined && this.takeWord('offset')) limitOffset = this.expr();
      else break;
    }
    if (limitOffset) s.limitOffset = limitOffset;
    if (limitCount) s.limitCount = limitCount;
    s.limitOption = limitCount || limitOffset ? 'LIMIT_OPTION_COUNT' : 'LIMIT_OPTION_DEFAULT';
    s.op = 'SETOP_NONE';
    return s;
  }

  private insert(): Node {
    this.word('insert');
    this.word('into');
    const relation = this.relation(false);
    const s: Node = { relation };
    if (this.isOp('(')) {
      this.i++;
      s.cols = this.list(() => {
        const start = this.t.start;
        return { ResTarget: { name: this.name(), ...loc(start) } };
      });
      this.op(')');
    }
    this.word('values');
    const valuesLists = this.list(() => {
      this.op('(');
      const items = this.list(() => this.expr());
      this.op(')');
      return { List: { items } };
    });
    s.selectStmt = { SelectStmt: { valuesLists, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } };
    s.override = 'OVERRIDING_NOT_SET';
    return s;
  }

  private update(): Node {
    this.word('update');
    const s: Node = { relation: this.relation(true) };
    this.word('set');
    s.targetList = this.list(() => {
      const start = this.t.start;
      const name = this.name();
      this.op('=');
      return { ResTarget: { name, val: this.expr(), ...loc(start) } };
    });
    if (this.takeWord('where')) s.whereClause = this.expr();
    return s;
  }

  private delete(): Node {
    this.word('delete');
    this.word('from');
    const s: Node = { relation: this.relation(true) };
    if (this.takeWord('where')) s.whereClause = this.expr();
    return s;
  }

  private target(): Node {
    const start = this.t.start;
    if (this.isOp('*')) {
      this.i++;
      return { ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }], ...loc(start) } }, ...loc(start) } };
    }
    const val = this.expr();
    let name: string | undefined;
    if (this.takeWord('as')) name = this.name();
    else if (this.atBareAlias()) name = this.name();
    return { ResTarget: { ...(name !== undefined ? { name } : {}), val, ...loc(start) } };
  }

  /** A table, `[schema.]name [[AS] alias]`, as a RangeVar (the body alone where `bare`). */
  private relation(aliased: boolean): Node {
    const start = this.t.start;
    const first = this.name();
    let schemaname: string | undefined;
    let relname = first;
    if (this.takeOp('.')) {
      schemaname = first;
      relname = this.name();
    }
    let alias: string | undefined;
    if (aliased) {
      if (this.takeWord('as')) alias = this.name();
      else if (this.atBareAlias()) alias = this.name();
    }
    return {
      ...(schemaname !== undefined ? { schemaname } : {}),
      relname,
      inh: true,
      relpersistence: 'p',
      ...(alias !== undefined ? { alias: { aliasname: alias } } : {}),
      ...loc(start),
    };
  }

  /** A FROM item: a table, and the joins that follow it, left to right. */
  private fromItem(): Node {
    let left: Node = { RangeVar: this.relation(true) };
    for (;;) {
      let jointype: string;
      if (this.isWord('cross')) {
        this.i++;
        this.word('join');
        left = { JoinExpr: { jointype: 'JOIN_INNER', larg: left, rarg: { RangeVar: this.relation(true) } } };
        continue;
      }
      const side = ['left', 'right', 'full'].find((w) => this.isWord(w));
      if (this.takeWord('join')) jointype = 'JOIN_INNER';
      else if (this.takeWord('inner')) {
        this.word('join');
        jointype = 'JOIN_INNER';
      } else if (side !== undefined) {
        jointype = `JOIN_${side.toUpperCase()}`;
        this.i++;
        this.takeWord('outer');
        this.word('join');
      } else return left;
      const rarg: Node = { RangeVar: this.relation(true) };
      this.word('on');
      left = { JoinExpr: { jointype, larg: left, rarg, quals: this.expr() } };
    }
  }

  private sortBy(): Node {
    const node = this.expr();
    let dir = 'SORTBY_DEFAULT';
    if (this.takeWord('asc')) dir = 'SORTBY_ASC';
    else if (this.takeWord('desc')) dir = 'SORTBY_DESC';
    let nulls = 'SORTBY_NULLS_DEFAULT';
    if (this.takeWord('nulls')) {
      if (this.takeWord('first')) nulls = 'SORTBY_NULLS_FIRST';
      else if (this.takeWord('last')) nulls = 'SORTBY_NULLS_LAST';
      else decline();
    }
    return { SortBy: { node, sortby_dir: dir, sortby_nulls: nulls, location: -1 } };
  }

  // Expressions, loosest first: OR, AND, NOT, IS, comparison (non-associative), + -, * / %, unary -.

  expr(): Node {
    if (++this.depth > MAX_DEPTH) decline();
    const e = this.or();
    this.depth--;
    return e;
  }

  private or(): Node {
    return this.bool('or', 'OR_EXPR', () => this.and());
  }

  private and(): Node {
    return this.bool('and', 'AND_EXPR', () => this.not());
  }

  /** PostgreSQL's makeAndExpr/makeOrExpr: `a AND b AND c` is one AND of three, even as `(a AND b) AND c`. */
  private bool(word: string, boolop: string, operand: () => Node): Node {
    let left = operand();
    while (this.isWord(word)) {
      const location = this.t.start;
      this.i++;
      const right = operand();
      const body = (left.BoolExpr as Node | undefined) ?? undefined;
      if (body && body.boolop === boolop) (body.args as Node[]).push(right);
      else left = { BoolExpr: { boolop, args: [left, right], location } };
    }
    return left;
  }

  private not(): Node {
    if (!this.isWord('not')) return this.is();
    const location = this.t.start;
    this.i++;
    if (++this.depth > MAX_DEPTH) decline();
    const arg = this.not();
    this.depth--;
    return { BoolExpr: { boolop: 'NOT_EXPR', args: [arg], location } };
  }

  private is(): Node {
    const arg = this.comparison();
    if (!this.isWord('is')) return arg;
    const location = this.t.start;
    this.i++;
    const negated = this.takeWord('not');
    this.word('null');
    if (this.isWord('is')) decline(); // non-associative
    return { NullTest: { arg, nulltesttype: negated ? 'IS_NOT_NULL' : 'IS_NULL', location } };
  }

  private comparison(): Node {
    const left = this.pattern();
    const t = this.t;
    if (t.kind !== 'op' || !COMPARISONS.includes(t.op)) return left;
    this.i++;
    const right = this.pattern();
    if (COMPARISONS.some((op) => this.isOp(op))) decline(); // non-associative
    return binary(t.op, left, right, t.start);
  }

  /**
   * `[NOT] IN (…)`, `[NOT] LIKE`, `[NOT] ILIKE`, `[NOT] BETWEEN … AND …`: one level above the
   * comparisons, non-associative; the node's location is the NOT's, or the keyword's.
   */
  private pattern(): Node {
    const lexpr = this.sum();
    const location = this.t.start;
    const negated = this.isWord('not') && ['in', 'like', 'ilike', 'between'].some((w) => this.isWord(w, 1));
    if (negated) this.i++;
    let node: Node;
    if (this.takeWord('in')) {
      const start = this.op('(').start;
      const items = this.list(() => this.expr());
      const end = this.op(')').start;
      node = aExpr('AEXPR_IN', negated ? '<>' : '=', lexpr, { List: { items } }, location, {
        rexpr_list_start: start,
        rexpr_list_end: end,
      });
    } else if (this.isWord('like') || this.isWord('ilike')) {
      const ilike = this.isWord('ilike');
      this.i++;
      const name = `${negated ? '!' : ''}~~${ilike ? '*' : ''}`;
      node = aExpr(ilike ? 'AEXPR_ILIKE' : 'AEXPR_LIKE', name, lexpr, this.sum(), location);
    } else if (this.takeWord('between')) {
      const low = this.sum();
      this.word('and');
      const high = this.sum();
      node = aExpr(
        negated ? 'AEXPR_NOT_BETWEEN' : 'AEXPR_BETWEEN',
        negated ? 'NOT BETWEEN' : 'BETWEEN',
        lexpr,
        { List: { items: [low, high] } },
        location,
      );
    } else return lexpr;
    // Non-associative, and ESCAPE, SYMMETRIC and a second pattern are the parser's.
    if (['in', 'like', 'ilike', 'between', 'not', 'escape'].some((w) => this.isWord(w))) decline();
    return node;
  }

  private sum(): Node {
    return this.leftToRight(['+', '-'], () => this.product());
  }

  private product(): Node {
    return this.leftToRight(['*', '/', '%'], () => this.unary());
  }

  /** Operands joined by any of `ops`, grouped left to right. */
  private leftToRight(ops: readonly string[], operand: () => Node): Node {
    let left = operand();
    for (let t = this.t; t.kind === 'op' && ops.includes(t.op); t = this.t) {
      this.i++;
      left = binary(t.op, left, operand(), t.start);
    }
    return left;
  }

  private unary(): Node {
    if (!this.isOp('-')) return this.cast();
    const location = this.t.start;
    this.i++;
    if (++this.depth > MAX_DEPTH) decline();
    const operand = this.unary();
    this.depth--;
    return negate(operand, location);
  }

  /**
   * `x::type`, binding tighter than any operator. Only a type named by a word that is no keyword or
   * an unreserved one (`uuid`, `date`, `jsonb`, `text`): PostgreSQL renames the other keyword types
   * (`int` is `pg_catalog.int4`), and a qualified name, a modifier or an array is the parser's.
   */
  private cast(): Node {
    let node = this.primary();
    while (this.isOp('::')) {
      const location = this.t.start;
      this.i++;
      const t = this.t;
      if (t.kind !== 'word' || !nameWord(t.key)) decline();
      this.i++;
      if (this.isOp('(') || this.isOp('.')) decline();
      node = { TypeCast: { arg: node, typeName: { names: [str(t.key)], typemod: -1, location: t.start }, location } };
    }
    return node;
  }

  private primary(): Node {
    const t = this.t;
    switch (t.kind) {
      case 'int': {
        this.i++;
        const value = t.text.length > 10 ? Infinity : Number(t.text);
        return value <= INT32_MAX ? aConst(integer(value), t.start) : aConst({ fval: { fval: t.text } }, t.start);
      }
      case 'float':
        this.i++;
        return aConst({ fval: { fval: t.text } }, t.start);
      case 'string':
        this.i++;
        return aConst({ sval: { sval: t.text } }, t.start);
      case 'param':
        this.i++;
        return { ParamRef: { number: t.number, ...loc(t.start) } };
      case 'op':
        if (t.op !== '(') return decline();
        this.i++;
        {
          const inner = this.expr();
          this.op(')');
          return inner;
        }
      case 'word':
        if (t.key === 'true' || t.key === 'false') {
          this.i++;
          return aConst({ boolval: t.key === 'true' ? { boolval: true } : {} }, t.start);
        }
        if (t.key === 'null') {
          this.i++;
          return aConst({ isnull: true }, t.start);
        }
        return this.reference();
      case 'name':
        return this.reference();
      default:
        return decline();
    }
  }

  /** A column `a`, `t.a`, `t.*`, or a call `f(…)`, `s.f(…)`. */
  private reference(): Node {
    const start = this.t.start;
    const names = [this.name()];
    while (this.takeOp('.')) {
      if (this.isOp('*')) {
        this.i++;
        return { ColumnRef: { fields: [...names.map(str), { A_Star: {} }], ...loc(start) } };
      }
      names.push(this.name());
    }
    if (!this.isOp('(')) return { ColumnRef: { fields: names.map(str), ...loc(start) } };
    this.i++;
    const call: Node = { funcname: names.map(str) };
    if (this.isOp('*')) {
      this.i++;
      call.agg_star = true;
    } else if (!this.isOp(')')) call.args = this.list(() => this.expr());
    this.op(')');
    call.funcformat = 'COERCE_EXPLICIT_CALL';
    return { FuncCall: { ...call, ...loc(start) } };
  }
}

const integer = (value: number): Node => ({ ival: value === 0 ? {} : { ival: value } });
const aConst = (value: Node, location: number): Node => ({ A_Const: { ...value, ...loc(location) } });
const aExpr = (kind: string, op: string, lexpr: Node, rexpr: Node, location: number, more: Node = {}): Node => ({
  A_Expr: { kind, name: [str(op)], lexpr, rexpr, ...more, ...loc(location) },
});
const binary = (op: string, lexpr: Node, rexpr: Node, location: number): Node => aExpr('AEXPR_OP', op, lexpr, rexpr, location);

/**
 * PostgreSQL's doNegate: a number's constant takes the sign and the minus's location; anything
 * else becomes `-` applied to it (a constant among those still takes the minus's location).
 */
function negate(operand: Node, location: number): Node {
  const c = operand.A_Const as Node | undefined;
  if (c) {
    const value = { ...c };
    delete value.location;
    const moved: Node = { A_Const: { ...value, ...loc(location) } };
    const ival = c.ival as { ival?: number } | undefined;
    if (ival) return aConst(integer(-(ival.ival ?? 0) || 0), location);
    const fval = (c.fval as { fval: string } | undefined)?.fval;
    if (fval !== undefined) return aConst({ fval: { fval: fval.startsWith('-') ? fval.slice(1) : `-${fval}` } }, location);
    operand = moved;
  }
  return { A_Expr: { kind: 'AEXPR_OP', name: [str('-')], rexpr: operand, ...loc(location) } };
}

/** libpg-query's parse result for `sql`, or undefined when the text is not wholly in the subset. */
export function plainPgParse(sql: string): PgParseResult | undefined {
  return unlessDeclined(() => new Reader(tokenize(sql)).statements());
}
