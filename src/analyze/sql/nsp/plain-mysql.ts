// node-sql-parser's MySQL tree for the plainest statements, built without node-sql-parser (issue 19).
// Loading its MySQL grammar (~330 KB of generated JavaScript and its code cache) and running it for
// the first time costs a `sql --dialect mysql` run ~8 ms. Most statements an agent sends are plain:
// one SELECT … FROM … [JOIN … ON …] [WHERE …] [ORDER BY …] [LIMIT …], INSERT … VALUES, UPDATE … SET
// or DELETE, over names, numbers, strings, comparisons, AND/OR/NOT and IS [NOT] NULL. For a text
// wholly inside that subset this builds the tree node-sql-parser's `astify` returns (the same
// fields, field order and values, its quirks included: `-1` is one number, AND and OR share one
// precedence, a parenthesised condition is marked, a trailing `;` makes a list). For anything else
// it returns undefined and the caller parses with node-sql-parser, so the subset can only ever be
// too small. test/sql/mysql-plain-parse.test.ts checks the two trees equal over every SQL text the
// tests know and over random texts in and near the subset.
import { mysqlKeywords } from './mysql-keywords.js';
import { at, BLANKS, decline, plainAscii, TokenCursor, unlessDeclined } from '../token-cursor.js';

type Node = Record<string, unknown>;

/** Deeper nesting is left to the real parser. */
const MAX_DEPTH = 32;

type Token =
  | { kind: 'word'; text: string; key: string } // an unquoted name or keyword; its key upper-case
  | { kind: 'name'; text: string } // a `quoted` name
  | { kind: 'number'; value: number | string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; op: string }
  | { kind: 'end' };

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?/y;
const OPERATOR = /<>|!=|<=|>=|[=<>(),;.*]/y;

/** The tokens of `sql`; declines a character or a token outside the subset. */
function tokenize(sql: string): Token[] {
  // No backslash anywhere (MySQL's string escapes). Outside strings and names, no double quote (a
  // string or a name, by sql_mode), no comment (`#`, `--`, `/*`) and no `@` variable: none of
  // them is a token here.
  plainAscii(sql);
  const tokens: Token[] = [];
  let i = at(BLANKS, sql, 0)!.length;
  while (i < sql.length) {
    const c = sql[i]!;
    const word = at(WORD, sql, i);
    const number = word === null ? at(NUMBER, sql, i) : null;
    if (word !== null) {
      i += word.length;
      // `x'…'`, `_utf8'…'`, `a$b`: prefixed literals and names with `$` are the real parser's.
      if (i < sql.length && /['`$]/.test(sql[i]!)) decline();
      tokens.push({ kind: 'word', text: word, key: word.toUpperCase() });
    } else if (number !== null) {
      i += number.length;
      // `1e5`, `0x1F`, `1abc` (a name in MySQL), `1.2.3`: other spellings, left to the parser.
      if (i < sql.length && /[A-Za-z0-9_.$'`]/.test(sql[i]!)) decline();
      const [whole, fraction] = number.split('.') as [string, string | undefined];
      if (whole.replace(/^-/, '').length > 15) decline(); // near a double's largest integer: the parser's BigInt
      // As the parser reads them: a whole number as a number, a fraction as the text of
      // parseFloat(…).toFixed(its digits) (`1.50` stays "1.50", `-0.0` becomes "0.0").
      tokens.push({ kind: 'number', value: fraction === undefined ? parseFloat(number) : parseFloat(number).toFixed(fraction.length) });
    } else if (c === "'") {
      const close = sql.indexOf("'", i + 1);
      // No '' inside: the parser keeps a doubled quote as written, which the subset leaves to it.
      if (close < 0 || sql[close + 1] === "'") decline();
      tokens.push({ kind: 'string', text: sql.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '`') {
      const close = sql.indexOf('`', i + 1);
      if (close <= i + 1 || sql[close + 1] === '`') decline();
      tokens.push({ kind: 'name', text: sql.slice(i + 1, close) });
      i = close + 1;
    } else {
      const op = at(OPERATOR, sql, i);
      if (op === null) decline();
      i += op.length;
      // `<=>`, `>>`, `!==`, `=-1`: a longer operator, or a sign glued to a comparison, is the parser's.
      if (/[<>=!]/.test(op) && i < sql.length && /[<>=!|&^~+\-*/%]/.test(sql[i]!)) decline();
      tokens.push({ kind: 'op', op });
    }
    i += at(BLANKS, sql, i)!.length;
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

const columnRef = (table: string | null, column: string): Node => ({ type: 'column_ref', table, column, collate: null });

/** A recursive-descent reader of the subset, in node-sql-parser's precedence. */
class Reader extends TokenCursor<Token> {
  private depth = 0;

  /** Whether the next token is a name: `quoted`, or a word that is no keyword. */
  private atName(): boolean {
    const t = this.t;
    return t.kind === 'name' || (t.kind === 'word' && !mysqlKeywords().has(t.key));
  }
  private name(): string {
    const t = this.t;
    if (t.kind === 'name' || (t.kind === 'word' && !mysqlKeywords().has(t.key))) {
      this.i++;
      return t.text;
    }
    return decline();
  }

  /** One statement, and a list of it where a `;` ends it (as the parser returns). */
  statement(): unknown {
    let ast: Node;
    if (this.isWord('SELECT')) ast = this.select();
    else if (this.isWord('INSERT')) ast = this.insert();
    else if (this.isWord('UPDATE')) ast = this.update();
    else if (this.isWord('DELETE')) ast = this.delete();
    else return decline();
    const listed = this.takeOp(';');
    if (this.t.kind !== 'end') decline();
    return listed ? [ast] : ast;
  }

  private select(): Node {
    this.word('SELECT');
    const columns = this.list(() => this.column());
    const from = this.takeWord('FROM') ? this.fromList() : null;
    const where = this.takeWord('WHERE') ? this.expr() : null;
    let orderby: Node[] | null = null;
    if (this.takeWord('ORDER')) {
      this.word('BY');
      orderby = this.list(() => {
        const expr = this.value();
        const type = this.takeWord('ASC') ? 'ASC' : this.takeWord('DESC') ? 'DESC' : null;
        return { expr, type };
      });
    }
    let limit: Node | null = null;
    if (this.takeWord('LIMIT')) {
      const first = this.count();
      if (this.takeOp(',')) limit = { seperator: ',', value: [first, this.count()] };
      else if (this.takeWord('OFFSET')) limit = { seperator: 'offset', value: [first, this.count()] };
      else limit = { seperator: '', value: [first] };
    }
    return {
      with: null,
      type: 'select',
      options: null,
      distinct: null,
      columns,
      into: { position: null },
      from,
      where,
      groupby: null,
      having: null,
      orderby,
      limit,
      locking_read: null,
      window: null,
      collate: null,
    };
  }

  /** A LIMIT or OFFSET count: a non-negative whole number. */
  private count(): Node {
    const t = this.t;
    if (t.kind !== 'number' || typeof t.value !== 'number' || t.value < 0 || Object.is(t.value, -0)) return decline();
    this.i++;
    return { type: 'number', value: t.value };
  }

  private insert(): Node {
    this.word('INSERT');
    this.word('INTO');
    const table = [this.table(false)];
    let columns: string[] | null = null;
    if (this.takeOp('(')) {
      columns = this.list(() => this.name());
      this.op(')');
    }
    this.word('VALUES');
    const values = this.list(() => {
      this.op('(');
      const value = this.list(() => this.value());
      this.op(')');
      return { type: 'expr_list', value, prefix: null };
    });
    // The parser refuses rows of another length than the column list: left to it, as rows of uneven length.
    const width = columns?.length ?? values[0]!.value.length;
    if (values.some((row) => row.value.length !== width)) decline();
    return {
      type: 'insert',
      table,
      columns,
      values: { type: 'values', values },
      partition: null,
      prefix: 'into',
      on_duplicate_update: null,
    };
  }

  private update(): Node {
    this.word('UPDATE');
    const table = [this.table(true)];
    this.word('SET');
    const set = this.list(() => {
      const column = this.name();
      this.op('=');
      return { column, value: this.value(), table: null };
    });
    const where = this.takeWord('WHERE') ? this.expr() : null;
    return { with: null, type: 'update', table, set, where, orderby: null, limit: null };
  }

  private delete(): Node {
    this.word('DELETE');
    this.word('FROM');
    const from = this.table(true);
    const where = this.takeWord('WHERE') ? this.expr() : null;
    return { with: null, type: 'delete', table: [{ ...from, addition: true }], from: [from], where, orderby: null, limit: null };
  }

  private column(): Node {
    if (this.takeOp('*')) return { expr: { type: 'column_ref', table: null, column: '*' }, as: null };
    const [a, dot, star] = this.tokens.slice(this.i, this.i + 3);
    if ((a?.kind === 'name' || a?.kind === 'word') && dot?.kind === 'op' && dot.op === '.' && star?.kind === 'op' && star.op === '*') {
      const table = this.name();
      this.i += 2;
      return { expr: { type: 'column_ref', table, column: '*' }, as: null };
    }
    const expr = this.value();
    return { expr, as: this.takeWord('AS') ? this.name() : null };
  }

  /** `[db.]table [[AS] alias]`. */
  private table(aliased: boolean): Node {
    const first = this.name();
    let db: string | null = null;
    let table = first;
    if (this.takeOp('.')) {
      db = first;
      table = this.name();
    }
    let as: string | null = null;
    if (aliased) {
      if (this.takeWord('AS')) as = this.name();
      else if (this.atName()) as = this.name();
    }
    return { db, table, as };
  }

  /** FROM's tables, each with the joins after it. */
  private fromList(): Node[] {
    const out: Node[] = [];
    do {
      out.push(this.table(true));
      for (;;) {
        let join: string;
        const side = ['LEFT', 'RIGHT'].find((w) => this.isWord(w));
        if (this.takeWord('JOIN')) join = 'INNER JOIN';
        else if (this.takeWord('INNER')) {
          this.word('JOIN');
          join = 'INNER JOIN';
        } else if (side !== undefined) {
          join = `${side} JOIN`;
          this.i++;
          this.takeWord('OUTER');
          this.word('JOIN');
        } else break;
        const right = this.table(true);
        this.word('ON');
        out.push({ ...right, join, on: this.expr() });
      }
    } while (this.takeOp(','));
    return out;
  }

  // Expressions, loosest first: AND and OR, NOT, then comparison and IS [NOT] NULL.

  private expr(): Node {
    if (++this.depth > MAX_DEPTH) decline();
    const e = this.logic();
    this.depth--;
    return e;
  }

  /**
   * AND and OR at one precedence, left to right, as node-sql-parser reads them (`a OR b AND c` as
   * `(a OR b) AND c`); the analysis regroups them as the database does (nsp/expr.ts).
   */
  private logic(): Node {
    let left = this.not();
    for (;;) {
      const operator = this.takeWord('AND') ? 'AND' : this.takeWord('OR') ? 'OR' : undefined;
      if (operator === undefined) return left;
      left = { type: 'binary_expr', operator, left, right: this.not() };
    }
  }

  private not(): Node {
    if (!this.takeWord('NOT')) return this.comparison();
    if (this.isOp('(')) decline(); // `NOT (…)` is a call of a function `not` to the parser
    if (++this.depth > MAX_DEPTH) decline();
    const expr = this.not();
    this.depth--;
    return { type: 'unary_expr', operator: 'NOT', expr };
  }

  private comparison(): Node {
    const left = this.primary();
    if (this.takeWord('IS')) {
      const operator = this.takeWord('NOT') ? 'IS NOT' : 'IS';
      this.word('NULL');
      return { type: 'binary_expr', operator, left, right: { type: 'null', value: null } };
    }
    const t = this.t;
    if (t.kind !== 'op' || !['=', '<>', '!=', '<', '>', '<=', '>='].includes(t.op)) return left;
    this.i++;
    return { type: 'binary_expr', operator: t.op, left, right: this.primary() };
  }

  /**
   * Where the parser reads expressions by other rules than a condition's (a selected column, a
   * VALUES row, a SET, an ORDER BY): a column or a constant here; anything more is the parser's.
   */
  private value(): Node {
    if (this.isOp('(')) decline();
    return this.primary();
  }

  private primary(): Node {
    const t = this.t;
    switch (t.kind) {
      case 'number':
        this.i++;
        return { type: 'number', value: t.value };
      case 'string':
        this.i++;
        return { type: 'single_quote_string', value: t.text };
      case 'op': {
        if (t.op !== '(') return decline();
        this.i++;
        const inner = this.expr();
        this.op(')');
        // A parenthesised condition is marked; what else parentheses may hold is the parser's.
        if (inner.type !== 'binary_expr' && inner.type !== 'unary_expr') decline();
        return { ...inner, parentheses: true };
      }
      case 'word':
        if (t.key === 'TRUE' || t.key === 'FALSE') {
          this.i++;
          return { type: 'bool', value: t.key === 'TRUE' };
        }
        if (t.key === 'NULL') {
          this.i++;
          return { type: 'null', value: null };
        }
        return this.reference();
      case 'name':
        return this.reference();
      default:
        return decline();
    }
  }

  /** A column, `a` or `t.a` (`t.*` only as a selected column); a call is the parser's. */
  private reference(): Node {
    const quoted = this.t.kind === 'name';
    const first = this.name();
    if (this.isOp('(')) decline();
    if (!this.takeOp('.')) return columnRef(null, first);
    if (quoted) decline(); // the parser keeps a `quoted` table of a column as a node of its own
    const column = this.name();
    if (this.isOp('.') || this.isOp('(')) decline();
    return columnRef(first, column);
  }
}

/** node-sql-parser's MySQL tree for `sql`, or undefined when the text is not wholly in the subset. */
export function plainMysqlAst(sql: string): unknown {
  return unlessDeclined(() => new Reader(tokenize(sql)).statement());
}
