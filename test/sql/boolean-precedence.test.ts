// AND, XOR and OR as the databases bind them. node-sql-parser reads the three at one precedence, left
// to right (`TRUE OR FALSE AND FALSE` as `(TRUE OR FALSE) AND FALSE`, false), where MySQL, MariaDB,
// SQLite, SQL Server and BigQuery bind AND tighter than XOR and XOR tighter than OR (true): a WHERE
// that reaches every row would pass for one that reaches none. src/analyze/sql/nsp/expr.ts regroups
// what the text leaves unparenthesised. Random chains of TRUE and FALSE, parenthesised at random,
// must fold to the value an evaluator with the databases' precedence gives them.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/core/types.js';
import { conditionValue } from '../../src/analyze/sql/fold.js';
import { nspExpr } from '../../src/analyze/sql/nsp/expr.js';
import { runs } from '../fuzz/support.js';

const require = createRequire(import.meta.url);

type Chain = { value: boolean } | { group: Chain } | { ops: string[]; parts: Chain[] };

/** The text of a chain, parenthesised where the chain says so. */
function text(c: Chain): string {
  if ('value' in c) return c.value ? 'TRUE' : 'FALSE';
  if ('group' in c) return `(${text(c.group)})`;
  return c.parts.map((p, i) => (i === 0 ? text(p) : `${c.ops[i - 1]} ${text(p)}`)).join(' ');
}

/** Its value with AND binding tighter than XOR, and XOR than OR, each left to right (the databases' rules). */
function value(c: Chain): boolean {
  if ('value' in c) return c.value;
  if ('group' in c) return value(c.group);
  const ranks: Record<string, number> = { OR: 0, XOR: 1, AND: 2 };
  const reduce = (from: number, to: number, rank: number): boolean => {
    if (from === to) return value(c.parts[from]!);
    const splits = [];
    for (let i = from; i < to; i++) if (ranks[c.ops[i]!] === rank) splits.push(i);
    if (splits.length === 0) return reduce(from, to, rank + 1);
    let acc: boolean | undefined;
    let start = from;
    for (const i of [...splits, to]) {
      const v = reduce(start, i, rank + 1);
      acc = acc === undefined ? v : rank === 0 ? acc || v : rank === 1 ? acc !== v : acc && v;
      start = i + 1;
    }
    return acc!;
  };
  return reduce(0, c.parts.length - 1, 0);
}

/** A chain's operands are TRUE, FALSE or a parenthesised chain: what the text writes, nothing else. */
const chain = (ops: string[]): fc.Arbitrary<Chain> =>
  fc.letrec<{ chain: Chain; operand: Chain }>((tie) => ({
    operand: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: fc.boolean().map((v): Chain => ({ value: v })) },
      { weight: 1, arbitrary: tie('chain').map((g): Chain => ({ group: g })) },
    ),
    chain: fc
      .tuple(tie('operand'), fc.array(fc.tuple(fc.constantFrom(...ops), tie('operand')), { minLength: 1, maxLength: 5 }))
      .map(([first, rest]): Chain => ({ ops: rest.map(([o]) => o), parts: [first, ...rest.map(([, p]) => p)] })),
  })).chain as fc.Arbitrary<Chain>;

const parsers: Record<string, { astify(sql: string, o: { database: string }): unknown }> = {};
function where(sql: string, dialect: Dialect): unknown {
  const build = dialect === 'transactsql' ? 'transactsql' : dialect;
  parsers[build] ??= new (require(`node-sql-parser/build/${build}.js`) as { Parser: new () => (typeof parsers)[string] }).Parser();
  const ast = parsers[build].astify(sql, { database: dialect });
  return (Array.isArray(ast) ? ast[0] : ast) as { where: unknown };
}

describe('AND, XOR and OR in the node-sql-parser dialects', () => {
  const cases: [Dialect, string[]][] = [
    ['mysql', ['AND', 'OR', 'XOR']],
    ['mariadb', ['AND', 'OR', 'XOR']],
    ['sqlite', ['AND', 'OR']],
    ['transactsql', ['AND', 'OR']],
    ['bigquery', ['AND', 'OR']],
  ];
  for (const [dialect, ops] of cases) {
    it(`${dialect}: a chain folds to the value the database gives it`, () => {
      fc.assert(
        fc.property(chain(ops), (c) => {
          const sql = `SELECT 1 FROM t WHERE ${text(c)}`;
          const e = nspExpr((where(sql, dialect) as { where: unknown }).where, { dialect });
          expect(conditionValue(e, dialect), sql).toBe(value(c));
        }),
        { numRuns: runs(300) },
      );
    });
  }

  it('reads the example that was let through: every row, refused', () => {
    expect(value({ ops: ['OR', 'AND'], parts: [{ value: true }, { value: false }, { value: false }] })).toBe(true);
    const e = nspExpr((where('SELECT 1 FROM t WHERE TRUE OR FALSE AND FALSE', 'mysql') as { where: unknown }).where, { dialect: 'mysql' });
    expect(conditionValue(e, 'mysql')).toBe(true);
  });
});
