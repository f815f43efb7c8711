// The plain MySQL reader (src/analyze/sql/nsp/plain-mysql.ts) stands in for node-sql-parser's MySQL
// grammar. Wherever it builds a tree, that tree must be node-sql-parser's own, to the field order:
// over every SQL text the tests know, over random texts made of the subset's pieces and of the
// pieces just outside it, and over statements agents send all day (which it must accept, or the
// fast path is dead code). Its word list must be the grammar's.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sqlStatements } from '../../src/analyze/sql/index.js';
import { mysqlKeywords } from '../../src/analyze/sql/nsp/mysql-keywords.js';
import { plainMysqlAst } from '../../src/analyze/sql/nsp/plain-mysql.js';
import { runs } from '../fuzz/support.js';
import { compareTrees, everyTextDeclinedOrEqual, knownTextsTaken } from './plain-readers.js';

const require = createRequire(import.meta.url);
const GRAMMAR = require.resolve('node-sql-parser/build/mysql.js');
const { Parser } = require(GRAMMAR) as { Parser: new () => { astify(sql: string, o: { database: string }): unknown } };
const parser = new Parser();

const compare = (sql: string) => compareTrees(plainMysqlAst(sql), () => parser.astify(sql, { database: 'mysql' }), 'node-sql-parser');

/** Statements agents send all day: the fast path must take them. */
const EVERYDAY = [
  "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@example.com' ORDER BY o.id DESC LIMIT 20",
  'SELECT * FROM users LIMIT 10',
  'SELECT id, name, email FROM users WHERE id = 42',
  'SELECT u.name, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE p.created_at IS NOT NULL',
  "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')",
  "UPDATE users SET name = 'Bob' WHERE id = 7",
  'DELETE FROM sessions WHERE user_id = 3',
  'DELETE FROM users',
  'SELECT * FROM shop.accounts WHERE balance < 0 OR frozen = 0',
  'SELECT * FROM orders WHERE total >= 10.50 AND (paid = 1 OR refunded = 0) ORDER BY id LIMIT 5, 10;',
];

describe('the plain MySQL reader', () => {
  it('takes the statements agents send all day, and builds what node-sql-parser builds', () => {
    for (const sql of EVERYDAY) expect(compare(sql), sql).toBe('equal');
  });

  it("builds node-sql-parser's tree for every SQL text the tests know that it takes", () => {
    expect(knownTextsTaken(compare)).toBeGreaterThan(20);
  });

  it('declines what is beyond its subset', () => {
    for (const sql of [
      'SELECT COUNT(*) FROM t',
      "SELECT 'a\\'b'",
      "SELECT 'it''s'",
      'SELECT "x"',
      'SELECT 1 -- note',
      'SELECT 1 # note',
      'SELECT /*! 1 */ 2',
      'SELECT @a',
      'SELECT 1; SELECT 2',
      'SELECT a FROM t UNION SELECT b FROM u',
      'SELECT a FROM t WHERE a IN (1, 2)',
      'SELECT DISTINCT a FROM t',
      'SELECT a b FROM t',
      "SELECT x'41'",
      'SELECT 1e5, 0x1F',
      'SELECT a FROM t WHERE a=-1',
      'SELECT a FROM t WHERE NOT (a = 1)',
      'INSERT INTO t (a, b) VALUES (1)',
      'INSERT INTO t VALUES (1 OR 2)',
      'UPDATE t SET a = b OR c',
      'SELECT `t`.a FROM t',
      'SELECT date FROM t',
      'SELECT 12345678901234567',
      'DELETE FROM t LIMIT 1',
      `SELECT a FROM t WHERE ${'NOT '.repeat(40)}a`,
    ])
      expect(plainMysqlAst(sql), sql).toBeUndefined();
  });

  it('yields the same statements, and so the same decisions, as node-sql-parser', async () => {
    for (const sql of ['DELETE FROM users', 'UPDATE users SET flag = 1', "SELECT * FROM t WHERE a = 'x'"]) {
      const fast = await sqlStatements(sql, 'mysql');
      // The same text with a trailing comment is beyond the subset: node-sql-parser reads it.
      const full = await sqlStatements(`${sql} -- x`, 'mysql');
      const strip = (s: unknown) => JSON.parse(JSON.stringify(s).replaceAll(' -- x', '')) as unknown;
      expect(plainMysqlAst(sql), sql).toBeDefined();
      expect(plainMysqlAst(`${sql} -- x`)).toBeUndefined();
      expect(strip(fast), sql).toEqual(strip(full));
    }
  });

  it("has the grammar's words: its keyword table and every word it matches as a literal", () => {
    const source = readFileSync(GRAMMAR, 'utf8');
    const from = source.indexOf('{ALTER:!0,ALL:!0');
    expect(from).toBeGreaterThan(0);
    const words = new Set(
      source
        .slice(from + 1, source.indexOf('}', from))
        .split(',')
        .map((w) => w.split(':')[0]!),
    );
    for (const m of source.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)",!0\)/g)) words.add(m[1]!.toUpperCase());
    expect([...mysqlKeywords()]).toEqual([...words].filter((w) => w.length > 1).sort());
    expect(mysqlKeywords().has('ESCAPE')).toBe(true);
  });

  // Random texts: the subset's pieces and the pieces just outside it, joined every way.
  const blank = fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '\t', '\r\n') },
    { weight: 1, arbitrary: fc.constantFrom('', ' -- c\n', ' /* c */ ', '#c\n', '\f', '\u00a0') },
  );
  const name = fc.oneof(
    {
      weight: 24,
      arbitrary: fc.constantFrom(
        'a',
        'b',
        'T',
        'users',
        'id',
        'x1',
        '_y',
        'Ab_C',
        'x',
        'n',
        'name',
        'value',
        'type',
        '`select`',
        '`a b`',
        '`x`',
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...mysqlKeywords()) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('date', 'year', 'count', 'escape', 'binary', 'interval', 'div', 'xor', 'a$b', '1abc', '``', '`a``b`', 'é'),
    },
  );
  const qualified = fc.oneof({ weight: 4, arbitrary: name }, { weight: 1, arbitrary: fc.tuple(name, name).map((p) => p.join('.')) });
  const number = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom(
        '0',
        '1',
        '42',
        '007',
        '-1',
        '-0',
        '2147483648',
        '123456789012345',
        '1.5',
        '-1.5',
        '0.0',
        '-0.0',
        '10.00',
        '3.14159',
      ),
    },
    { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => d.toFixed(Math.floor(Math.abs(d) % 7))) },
    { weight: 1, arbitrary: fc.constantFrom('1.', '.5', '1e5', '0x1F', '9007199254740993', '- 1', '+1', '0.1234567890123456789') },
  );
  const string = fc.oneof(
    { weight: 12, arbitrary: fc.stringMatching(/^'[ -&(-[\]-~]*'$/).filter((s) => s.length < 12) },
    { weight: 1, arbitrary: fc.constantFrom("'it''s'", "'a\\'b'", '"dq"', "x'41'", "_utf8'x'", "N'x'", "'a' 'b'", "'") },
  );
  const atom = fc.oneof(qualified, number, string, fc.constantFrom('true', 'FALSE', 'null', 't.*', '*', '@v', '?'));
  const op = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom('=', '<>', '!=', '<', '>', '<=', '>=', 'and', 'OR', 'And') },
    { weight: 1, arbitrary: fc.constantFrom('&&', '||', '<=>', '+', '-', 'like', 'xor', 'div', 'is', 'in', '=-') },
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 6, arbitrary: atom },
      { weight: 4, arbitrary: fc.tuple(tie('expr'), blank, op, blank, tie('expr')).map((p) => p.join('')) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('not ', 'NOT ', '! ', '-', 'not not '), tie('expr')).map((p) => p.join('')) },
      { weight: 2, arbitrary: tie('expr').map((e) => `(${e})`) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(tie('expr'), fc.constantFrom(' is null', ' IS NOT NULL', ' is true', ' is null is null'))
          .map((p) => p.join('')),
      },
      { weight: 1, arbitrary: fc.tuple(qualified, fc.constantFrom('()', '(*)', '(a)')).map((p) => p.join('')) },
    ),
  })) as { expr: fc.Arbitrary<string> };
  const list = (item: fc.Arbitrary<string>, max = 3) => fc.array(item, { minLength: 1, maxLength: max }).map((a) => a.join(', '));
  const alias = fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    name.map((n) => ` ${n}`),
    name.map((n) => ` AS ${n}`),
  );
  const relation = fc.tuple(qualified, alias).map((p) => p.join(''));
  const join = fc.tuple(
    fc.constantFrom(
      'join',
      'JOIN',
      'inner join',
      'left join',
      'left outer join',
      'right join',
      'cross join',
      'natural join',
      'straight_join',
      ',',
    ),
    relation,
    fc.oneof({ weight: 5, arbitrary: expr.map((e) => ` on ${e}`) }, { weight: 1, arbitrary: fc.constant('') }),
  );
  const from = fc
    .tuple(relation, fc.array(join, { maxLength: 2 }))
    .map(([r, js]) => r + js.map(([j, rel, on]) => ` ${j} ${rel}${on}`).join(''));
  const clause = (word: string, body: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: body.map((b) => ` ${word} ${b}`) });
  const select = fc
    .tuple(
      fc.constantFrom('select', 'SELECT'),
      blank,
      list(
        fc.oneof(
          fc.constant('*'),
          expr,
          fc.tuple(expr, alias).map((p) => p.join('')),
        ),
      ),
      clause('from', list(from, 2)),
      clause('where', expr),
      clause(
        'order by',
        list(
          fc.tuple(expr, fc.constantFrom('', ' asc', ' DESC')).map((p) => p.join('')),
          2,
        ),
      ),
      clause(
        'limit',
        fc.oneof(
          number,
          fc.tuple(number, number).map(([a, b]) => `${a}, ${b}`),
          fc.tuple(number, number).map(([a, b]) => `${a} offset ${b}`),
        ),
      ),
      fc.oneof({ weight: 20, arbitrary: fc.constant('') }, fc.constantFrom(' for update', ' union select 1', ' group by a')),
    )
    .map((p) => p.join(''));
  const insert = fc
    .tuple(
      qualified,
      fc.oneof(
        fc.constant(''),
        list(name).map((c) => ` (${c})`),
      ),
      list(
        list(expr).map((v) => `(${v})`),
        2,
      ),
    )
    .map(([t, cols, rows]) => `insert into ${t}${cols} values ${rows}`);
  const update = fc
    .tuple(
      relation,
      list(
        fc.tuple(name, expr).map(([n, e]) => `${n} = ${e}`),
        2,
      ),
      clause('where', expr),
    )
    .map(([r, sets, where]) => `update ${r} set ${sets}${where}`);
  const del = fc
    .tuple(relation, clause('where', expr), fc.constantFrom('', '', ' limit 5'))
    .map(([r, w, tail]) => `delete from ${r}${w}${tail}`);
  const statement = fc.oneof({ weight: 5, arbitrary: select }, insert, update, del);
  const text = fc
    .tuple(blank, statement, fc.oneof({ weight: 6, arbitrary: fc.constant('') }, fc.constantFrom(';', ' ;  ', ';;', '; select 1')))
    .map((p) => p.join(''));

  it("builds node-sql-parser's tree for random texts in and near the subset, or declines", () => {
    everyTextDeclinedOrEqual(text, compare, runs(3000));
  });
});
