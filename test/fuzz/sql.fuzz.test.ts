// Property tests on the SQL analyser through the library's decision call, for every dialect: any
// string gets a decision, what the dialect's parser rejects is blocked, and a destructive
// statement hidden in a batch, a transaction, a CTE, EXPLAIN ANALYZE or a DO body stays blocked.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type Dialect } from '../../src/core/types.js';
import { decideWithin, fuzzSession, runs } from './support.js';

const session = fuzzSession();
const verdict = async (sql: string, dialect: Dialect) => (await decideWithin(session, { kind: 'sql', sql, dialect })).decision;

// Independent oracles for "this does not parse": the dialects' own parsers, called directly.
const require = createRequire(import.meta.url);
let pgParse: (sql: string) => unknown;
const mysql = new (require('node-sql-parser/build/mysql.js') as { Parser: new () => { astify(s: string, o: object): unknown } }).Parser();
function parses(sql: string, dialect: 'postgresql' | 'mysql'): boolean {
  try {
    if (dialect === 'postgresql') pgParse(sql);
    else mysql.astify(sql, { database: 'mysql' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const pg = await import('libpg-query');
  await pg.loadModule();
  pgParse = pg.parseSync;
  for (const d of DIALECTS) await verdict('SELECT 1', d); // load every parser once
});

const ident = fc.constantFrom('users', 'orders', 'logs', 'drop_temp', 'truncate_log', 'accounts');
const column = fc.constantFrom('id', 'name', 'email', 'total', 'created_at');
const literal = fc.oneof(
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9 _.,:;-]{0,16}$/).map((s) => `'${s}'`),
  fc.constantFrom("'DROP TABLE users'", "'; DELETE FROM users; --'", "'TRUNCATE accounts'"),
);
/** Well-formed, portable statements (every dialect here parses them). */
const statement = fc.oneof(
  fc
    .tuple(fc.array(column, { minLength: 1, maxLength: 3 }), ident, column, literal)
    .map(([cs, t, c, v]) => `SELECT ${cs.join(', ')} FROM ${t} WHERE ${c} = ${v}`),
  fc.tuple(ident, fc.nat(100)).map(([t, n]) => `SELECT COUNT(*) FROM ${t} WHERE id > ${n}`),
  fc.tuple(ident, literal).map(([t, v]) => `INSERT INTO ${t} (name) VALUES (${v})`),
  fc.tuple(ident, column, literal, fc.nat(1000)).map(([t, c, v, id]) => `UPDATE ${t} SET ${c} = ${v} WHERE id = ${id}`),
);

/** Destructive statements, and the dialects whose grammar has them. */
const DESTRUCTIVE: { sql: string; dialects: readonly Dialect[] }[] = [
  { sql: 'DROP TABLE users', dialects: DIALECTS },
  { sql: 'DELETE FROM users', dialects: DIALECTS },
  { sql: 'DELETE FROM users WHERE 1=1', dialects: DIALECTS },
  { sql: "DELETE FROM users WHERE 'a' = 'a' OR id = 3", dialects: DIALECTS },
  { sql: 'UPDATE users SET is_admin = 1', dialects: DIALECTS },
  { sql: 'TRUNCATE TABLE users', dialects: ['postgresql', 'mysql', 'mariadb', 'transactsql', 'bigquery'] },
  { sql: 'ALTER TABLE users DROP COLUMN email', dialects: ['postgresql', 'mysql', 'mariadb', 'sqlite', 'transactsql'] },
  { sql: 'DROP DATABASE app', dialects: ['postgresql', 'mysql', 'mariadb', 'transactsql'] },
];
const pairs = DESTRUCTIVE.flatMap((d) => d.dialects.map((dialect) => ({ sql: d.sql, dialect })));
const destructivePair = fc.constantFrom(...pairs);

const BEGIN: Record<Dialect, string> = {
  postgresql: 'BEGIN',
  mysql: 'START TRANSACTION',
  mariadb: 'START TRANSACTION',
  sqlite: 'BEGIN',
  transactsql: 'BEGIN TRANSACTION',
  bigquery: 'BEGIN TRANSACTION',
};
const PLACES: Record<string, (d: string, s: string, dialect: Dialect) => string | null> = {
  after: (d, s) => `${s}; ${d}`,
  before: (d, s) => `${d}; ${s}`,
  between: (d, s) => `${s}; ${d}; ${s}`,
  after_newline_comment: (d, s) => `${s};\n-- the next one is fine\n${d};`,
  block_comment_before: (d) => `/* routine cleanup */ ${d}`,
  transaction: (d, _s, dialect) => `${BEGIN[dialect]}; ${d}; COMMIT`,
  cte: (d, _s, dialect) =>
    dialect === 'postgresql' && /^(DELETE|UPDATE)/.test(d) ? `WITH gone AS (${d} RETURNING *) SELECT count(*) FROM gone` : null,
  explain_analyze: (d, _s, dialect) => (dialect === 'postgresql' && /^(DELETE|UPDATE)/.test(d) ? `EXPLAIN ANALYZE ${d}` : null),
  do_block: (d, _s, dialect) => (dialect === 'postgresql' ? `DO $$ BEGIN ${d}; END $$` : null),
};

describe('SQL analyser: any input', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: any string returns allow or block, never throws`, async () => {
      const sqlish = fc.string({
        unit: fc.constantFrom(...`SELECT FROM WHERE DROP ( ) ; ' " \` -- /* */ , = 1 a \\ $$ `.split(' '), ' ', '\n', '/*!'),
        maxLength: 60,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }), sqlish, statement),
          async (sql) => {
            expect(['allow', 'block']).toContain(await verdict(sql, dialect));
          },
        ),
        { numRuns: runs(60) },
      );
    });
  }

  it('blocks SQL containing a NUL byte or a lone surrogate', async () => {
    await fc.assert(
      fc.asyncProperty(
        statement,
        fc.constantFrom('\0', '\ud800', '\udfff'),
        fc.nat(),
        fc.constantFrom(...DIALECTS),
        async (s, p, at, dialect) => {
          const i = at % (s.length + 1);
          expect(await verdict(s.slice(0, i) + p + s.slice(i), dialect)).toBe('block');
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('SQL analyser: what the parser rejects is blocked', () => {
  for (const dialect of ['postgresql', 'mysql'] as const) {
    it(`${dialect}: mangled statements that the real parser rejects are blocked`, async () => {
      const mangled = fc
        .tuple(statement, fc.nat(), fc.constantFrom('(', "'", ')', ' WHERE', ' FROM', ',', ' SELECT', '"'))
        .map(([s, at, junk]) => {
          const i = at % (s.length + 1);
          return s.slice(0, i) + junk + s.slice(i);
        });
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(mangled, async (sql) => {
          if (parses(sql, dialect)) return;
          rejected++;
          expect(await verdict(sql, dialect)).toBe('block');
        }),
        { numRuns: runs(150) },
      );
      expect(rejected).toBeGreaterThan(0);
    });
  }
});

describe('SQL analyser: a destructive statement stays blocked wherever it runs', () => {
  it.each(pairs)('$dialect: $sql is blocked on its own', async ({ sql, dialect }) => {
    expect(await verdict(sql, dialect)).toBe('block');
  });

  it('hidden among harmless statements, in transactions, CTEs, EXPLAIN ANALYZE and DO bodies', async () => {
    await fc.assert(
      fc.asyncProperty(destructivePair, statement, fc.constantFrom(...Object.keys(PLACES)), async ({ sql, dialect }, s, place) => {
        const combined = PLACES[place]!(sql, s, dialect);
        if (combined === null) return;
        expect({ combined, dialect, decision: await verdict(combined, dialect) }).toEqual({ combined, dialect, decision: 'block' });
      }),
      { numRuns: runs(300) },
    );
  });
});
