// The plain PostgreSQL parser (src/analyze/sql/pg/plain-parse.ts) stands in for libpg-query. Wherever
// it builds a parse result, that result must be libpg-query's own, to the field order and the byte
// offset: over every SQL text the tests know, over random texts made of the subset's pieces and of
// the pieces just outside it, joined every way, and over queries agents send all day (which it must
// accept, or the fast path is dead code). Its keyword lists must be PostgreSQL's.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlStatements } from '../../src/analyze/sql/index.js';
import { pgKeywords } from '../../src/analyze/sql/pg/keywords.js';
import { plainPgParse } from '../../src/analyze/sql/pg/plain-parse.js';
import { runs } from '../fuzz/support.js';
import { compareTrees, everyTextDeclinedOrEqual, knownTextsTaken } from './plain-readers.js';

const require = createRequire(import.meta.url);
let pgParse: (sql: string) => unknown;
beforeAll(async () => {
  const pg = await import('libpg-query');
  await pg.loadModule();
  pgParse = pg.parseSync;
});

const compare = (sql: string) => compareTrees(plainPgParse(sql), () => pgParse(sql), 'libpg-query');

/** Queries agents send all day: the fast path must take them. */
const EVERYDAY = [
  "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@example.com' ORDER BY o.id DESC LIMIT 20",
  'SELECT * FROM users LIMIT 10',
  'SELECT count(*) FROM orders',
  'SELECT id, name, email FROM users WHERE id = 42',
  'select * from users where email = $1',
  'SELECT status, count(*) AS n FROM orders GROUP BY status HAVING count(*) > 1 ORDER BY n DESC',
  'SELECT u.name, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE p.created_at IS NOT NULL',
  "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')",
  "UPDATE users SET name = 'Bob', updated_at = now() WHERE id = 7",
  'DELETE FROM sessions WHERE user_id = 3',
  'DELETE FROM users',
  'UPDATE users SET admin = true',
  'SELECT * FROM public.accounts WHERE balance < 0 OR frozen = false',
  'SELECT max(total), min(total), avg(total) FROM orders WHERE total > 10.5',
  'SELECT * FROM pg_shadow',
  "SELECT pg_read_file('/etc/passwd')",
  'SELECT 1;\nSELECT 2;',
  "SELECT DISTINCT status FROM orders WHERE status IN ('paid', 'shipped') AND email LIKE '%@example.com'",
  'SELECT * FROM events WHERE created_at BETWEEN $1 AND $2 AND kind NOT IN (3, 4)',
  "SELECT id FROM sessions WHERE user_id = $1::uuid AND created_at::date = '2024-01-01'",
];

describe('the plain PostgreSQL parser', () => {
  it('takes the queries agents send all day, and builds what libpg-query builds', () => {
    for (const sql of EVERYDAY) expect(compare(sql), sql).toBe('equal');
  });

  it("builds libpg-query's result for every SQL text the tests know that it takes", () => {
    expect(knownTextsTaken(compare)).toBeGreaterThan(30);
  });

  it('declines what is beyond its subset', () => {
    for (const sql of [
      'SELECT 1::int',
      'SELECT a::text[]',
      "SELECT E'a\\nb'",
      "SELECT 'a\\'",
      'SELECT $$x$$',
      'SELECT 1 -- note',
      'SELECT /* note */ 1',
      'SELECT 1 UNION SELECT 2',
      'WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x',
      'SELECT a FROM t FOR UPDATE',
      "SELECT 'a'\n'b'",
      'SELECT 1e5, 0x1F, 1_000',
      'SELECT a=-1',
      'SELECT * FROM t WHERE a IN (SELECT b FROM u)',
      "SELECT * FROM t WHERE a LIKE 'x!%' ESCAPE '!'",
      'SELECT DISTINCT ON (a) a FROM t',
      "SELECT 'café'",
      `SELECT ${'a'.repeat(64)}`,
      'SELECT coalesce(a, b) FROM t',
      'DELETE FROM t RETURNING *',
      'DO $$ BEGIN DELETE FROM t; END $$',
      ';',
      'SELECT 1;;',
      'SELECT a FROM t ORDER BY nulls first',
      'UPDATE t SET format = 1',
      `SELECT ${'('.repeat(40)}1${')'.repeat(40)}`,
    ])
      expect(plainPgParse(sql), sql).toBeUndefined();
  });

  it('yields the same statements, and so the same decisions, as libpg-query', async () => {
    for (const sql of [
      'DELETE FROM users',
      'UPDATE users SET admin = true',
      "SELECT pg_read_file('/etc/passwd')",
      'SELECT 1; DELETE FROM t',
    ]) {
      const fast = await sqlStatements(sql, 'postgresql');
      // The same text with a trailing comment is beyond the subset: libpg-query reads it.
      const full = await sqlStatements(`${sql} -- x`, 'postgresql');
      const strip = (s: unknown) => JSON.parse(JSON.stringify(s).replaceAll(' -- x', '')) as unknown;
      expect(plainPgParse(sql), sql).toBeDefined();
      expect(plainPgParse(`${sql} -- x`)).toBeUndefined();
      expect(strip(fast), sql).toEqual(strip(full));
    }
  });

  it('has the keyword list compiled into libpg-query, and its unreserved keywords', () => {
    // The scanner's table in the WebAssembly: the keywords in alphabetical order, NUL-separated.
    const wasm = readFileSync(path.join(path.dirname(require.resolve('libpg-query')), 'libpg-query.wasm')).toString('latin1');
    const from = wasm.indexOf('abort\0absent\0');
    expect(from).toBeGreaterThan(0);
    const table: string[] = [];
    for (let i = from; ;) {
      const end = wasm.indexOf('\0', i);
      const word = wasm.slice(i, end);
      if (!/^[a-z_]+$/.test(word)) break;
      table.push(word);
      i = end + 1;
    }
    expect([...pgKeywords().all]).toEqual(table);
    // Unreserved: a table's name, a column's, a function's and a type's (PostgreSQL's ColId and type_function_name).
    const json = (sql: string) => {
      try {
        return JSON.stringify(pgParse(sql));
      } catch {
        return '';
      }
    };
    const unreserved = table.filter(
      (k) =>
        json(`UPDATE ${k} SET x = 1`).includes(`"relname":"${k}"`) &&
        json(`SELECT ${k}(1)`).includes(`"FuncCall":{"funcname":[{"String":{"sval":"${k}"}}]`) &&
        json(`SELECT ${k} FROM t`).includes(`"ColumnRef":{"fields":[{"String":{"sval":"${k}"}}]`) &&
        json(`SELECT a::${k}`).includes(`"typeName":{"names":[{"String":{"sval":"${k}"}}]`),
    );
    expect([...pgKeywords().unreserved]).toEqual(unreserved);
  });

  // Random texts: the subset's pieces and the pieces just outside it, joined every way.
  const blank = fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '\t', '\r\n', '') },
    { weight: 1, arbitrary: fc.constantFrom(' -- c\n', ' /* c */ ', '\f', '\v', '\u00a0') },
  );
  const name = fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom('a', 'b', 'T', 'users', 'id', 'x1', '_y', 'Ab_C', '"Quoted"', '"a""b"', '"select"', '"a b"') },
    { weight: 6, arbitrary: fc.constantFrom('name', 'value', 'type', 'set', 'update', 'first', 'last', 'data', 'admin', 'password') },
    { weight: 1, arbitrary: fc.constantFrom(...pgKeywords().all) },
    { weight: 1, arbitrary: fc.constantFrom('nulls', 'format', 'without', 'a$b', 'é', '""', 'x'.repeat(63), 'x'.repeat(64)) },
  );
  const qualified = fc.oneof(
    { weight: 6, arbitrary: name },
    { weight: 2, arbitrary: fc.tuple(name, name).map((p) => p.join('.')) },
    { weight: 1, arbitrary: fc.tuple(name, name, name).map((p) => p.join('.')) },
  );
  const number = fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom('0', '1', '42', '007', '2147483647', '2147483648', '99999999999', '1.5', '0.0', '10.000') },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 4294967296 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('1.', '.5', '1e5', '0x1F', '1_000', '1a', '1.2.3', '00') },
  );
  const string = fc.oneof(
    { weight: 24, arbitrary: fc.stringMatching(/^'([ -&(-[\]-~]|'')*'$/).filter((s) => s.length < 12) },
    { weight: 1, arbitrary: fc.constantFrom("E'x'", "'a' 'b'", "'a'\n'b'", "'\\'", '$$x$$', "B'01'", "U&'x'", "'é'", "'") },
  );
  const atom = fc.oneof(qualified, number, string, fc.constantFrom('true', 'FALSE', 'null', '$1', '$12', '$0', '*', 't.*', 'a.*', '?'));
  const op = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom('=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', 'and', 'OR', 'And') },
    { weight: 1, arbitrary: fc.constantFrom('||', '=-', '::', '^', 'is', 'like', 'in', '@', '!', '==', '<=>', '.', ',') },
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { weight: 6, arbitrary: atom },
      { weight: 4, arbitrary: fc.tuple(tie('expr'), blank, op, blank, tie('expr')).map((p) => p.join('')) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom('-', '- ', 'not ', 'NOT ', '+', '~', 'not not '), tie('expr')).map((p) => p.join('')),
      },
      { weight: 2, arbitrary: tie('expr').map((e) => `(${e})`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            tie('expr'),
            fc.constantFrom('::', '::', ' :: ', ':'),
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('text', 'uuid', 'date', 'jsonb', 'int8', 'name', 'float8') },
              { weight: 1, arbitrary: fc.constantFrom('int', 'integer', 'varchar(3)', 'text[]', 'public.t', 'json', 'interval', 'bigint') },
              { weight: 1, arbitrary: fc.constantFrom(...pgKeywords().all) },
            ),
          )
          .map((p) => p.join('')),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(tie('expr'), fc.constantFrom(' is null', ' IS NOT NULL', ' is true', ' isnull', ' is null is null', ' is not'))
          .map((p) => p.join('')),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            qualified,
            fc.oneof(
              fc.constant(''),
              fc.constant('*'),
              fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((a) => a.join(', ')),
            ),
          )
          .map(([f, args]) => `${f}(${args})`),
      },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc
            .tuple(
              tie('expr'),
              fc.constantFrom(' in (', ' NOT IN (', ' in('),
              fc.array(tie('expr'), { minLength: 1, maxLength: 3 }),
              fc.constantFrom(')', ',)'),
            )
            .map(([e, o, items, c]) => `${e}${o}${items.join(', ')}${c}`),
          fc
            .tuple(
              tie('expr'),
              fc.constantFrom(' like ', ' not like ', ' ILIKE ', ' not ilike '),
              tie('expr'),
              fc.constantFrom('', '', " escape '!'"),
            )
            .map((p) => p.join('')),
          fc
            .tuple(tie('expr'), fc.constantFrom(' between ', ' NOT BETWEEN ', ' between symmetric '), tie('expr'), tie('expr'))
            .map(([e, o, lo, hi]) => `${e}${o}${lo} and ${hi}`),
        ),
      },
    ),
  })) as { expr: fc.Arbitrary<string> };
  const list = (item: fc.Arbitrary<string>, max = 3) => fc.array(item, { minLength: 1, maxLength: max }).map((a) => a.join(', '));
  const alias = fc.oneof(
    fc.constant(''),
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
      'full outer join',
      'cross join',
      'natural join',
      ',',
    ),
    relation,
    fc.oneof(
      fc.constant(''),
      expr.map((e) => ` on ${e}`),
    ),
  );
  const from = fc
    .tuple(relation, fc.array(join, { maxLength: 2 }))
    .map(([r, js]) => r + js.map(([j, rel, on]) => ` ${j} ${rel}${on}`).join(''));
  const target = fc.oneof(
    fc.constant('*'),
    expr,
    fc.tuple(expr, alias).map((p) => p.join('')),
  );
  const clause = (word: string, body: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: body.map((b) => ` ${word} ${b}`) });
  const select = fc
    .tuple(
      fc.constantFrom('select', 'SELECT', 'Select', 'select distinct', 'SELECT DISTINCT', 'select distinct on (a)', 'select all'),
      blank,
      list(target),
      clause('from', list(from, 2)),
      clause('where', expr),
      clause('group by', list(expr, 2)),
      clause('having', expr),
      clause(
        'order by',
        list(
          fc.tuple(expr, fc.constantFrom('', ' asc', ' DESC', ' nulls first', ' desc nulls last', ' nulls')).map((p) => p.join('')),
          2,
        ),
      ),
      clause('limit', fc.oneof(number, expr, fc.constant('all'))),
      clause('offset', fc.oneof(number, expr)),
      fc.oneof({ weight: 20, arbitrary: fc.constant('') }, fc.constantFrom(' for update', ' union select 1', ' limit 1', ' into x')),
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
      fc.constantFrom('', '', ' returning *', ' on conflict do nothing'),
    )
    .map(([t, cols, rows, tail]) => `insert into ${t}${cols} values ${rows}${tail}`);
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
    .tuple(relation, clause('where', expr), fc.constantFrom('', '', ' using t', ' returning id'))
    .map(([r, w, tail]) => `delete from ${r}${w}${tail}`);
  const statement = fc.oneof({ weight: 5, arbitrary: select }, insert, update, del);
  const text = fc
    .tuple(
      blank,
      fc.array(fc.tuple(statement, fc.constantFrom(';', '; ', ';\n', ' ;', ';;')), { maxLength: 1 }),
      statement,
      fc.constantFrom('', ';', ' ;  ', ';;'),
    )
    .map(([lead, first, last, end]) => lead + first.map((p) => p.join('')).join('') + last + end);

  it("builds libpg-query's result for random texts in and near the subset, or declines", () => {
    everyTextDeclinedOrEqual(text, compare, runs(3000));
  });
});
