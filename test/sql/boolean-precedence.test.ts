// Conditions as the databases bind them. node-sql-parser reads AND, XOR and OR at one precedence,
// left to right (`TRUE OR FALSE AND FALSE` as `(TRUE OR FALSE) AND FALSE`, false), reads XOR tighter
// than comparisons and BETWEEN, and reads `NOT (x) * 0` as a call of NOT times 0; MySQL, MariaDB, SQLite, SQL
// Server and BigQuery bind AND tighter than XOR, XOR than OR, and NOT looser than comparisons and
// arithmetic. Read the parser's way, a WHERE that reaches every row passes for one that reaches
// none. src/analyze/sql/nsp/expr.ts regroups AND, XOR and OR, and refuses as ambiguous the two
// others. Random constant conditions must fold to the value an evaluator with the databases'
// precedence gives them, or be refused as ambiguous.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/core/types.js';
import { conditionValue } from '../../src/analyze/sql/fold.js';
import { nspExpr, type NspExprContext } from '../../src/analyze/sql/nsp/expr.js';
import { runs } from '../fuzz/support.js';

const require = createRequire(import.meta.url);

/**
 * Loosest first; NOT is a prefix at its level; BETWEEN sits between NOT and the comparisons, IN with
 * them (MySQL's and SQLite's orders); each binds left to right.
 */
const LEVELS: readonly (readonly string[])[] = [
  ['OR'],
  ['XOR'],
  ['AND'],
  ['NOT'],
  ['BETWEEN'],
  ['=', '<>', '<', '>', 'IN'],
  ['+', '-'],
  ['*'],
];
const NOT_LEVEL = 3;

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  OR: (a, b) => +(a !== 0 || b !== 0),
  XOR: (a, b) => +((a !== 0) !== (b !== 0)),
  AND: (a, b) => +(a !== 0 && b !== 0),
  '=': (a, b) => +(a === b),
  '<>': (a, b) => +(a !== b),
  '<': (a, b) => +(a < b),
  '>': (a, b) => +(a > b),
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};

/** The value of a condition over integers and TRUE/FALSE with the databases' precedence (TRUE is 1). */
function evaluate(text: string): number {
  const tokens = text.match(/\(|\)|,|<>|[=<>+\-*]|[A-Z]+|\d+/g)!;
  let i = 0;
  const level = (l: number): number => {
    if (l === LEVELS.length) return primary();
    if (l === NOT_LEVEL) {
      if (tokens[i] !== 'NOT') return level(l + 1);
      i++;
      return level(l) === 0 ? 1 : 0;
    }
    let left = level(l + 1);
    for (;;) {
      const negated = tokens[i] === 'NOT' && (tokens[i + 1] === 'IN' || tokens[i + 1] === 'BETWEEN');
      const op = negated ? tokens[i + 1]! : (tokens[i] ?? '');
      if (!LEVELS[l]!.includes(op)) return left;
      i += negated ? 2 : 1;
      if (op === 'IN') {
        i++; // (
        const a = level(0);
        i++; // ,
        const b = level(0);
        i++; // )
        left = +((left === a || left === b) !== negated);
      } else if (op === 'BETWEEN') {
        const low = level(l + 1);
        i++; // AND
        const high = level(l + 1);
        left = +((left >= low && left <= high) !== negated);
      } else left = BINARY[op]!(left, level(l + 1));
    }
  };
  // A NOT where an operand stands (`1 * NOT 0 > 2`) takes what follows at NOT's level, as SQLite's
  // grammar does (MySQL refuses it without HIGH_NOT_PRECEDENCE).
  const primary = (): number => {
    const t = tokens[i++]!;
    if (t === '(') {
      const v = level(0);
      i++;
      return v;
    }
    if (t === 'NOT') return level(NOT_LEVEL) === 0 ? 1 : 0;
    return t === 'TRUE' ? 1 : t === 'FALSE' ? 0 : Number(t);
  };
  return level(0);
}

const condition = (ops: string[]): fc.Arbitrary<string> =>
  fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: fc.constantFrom('0', '1', '2', 'TRUE', 'FALSE') },
      { weight: 1, arbitrary: tie('expr').map((e) => `(${e})`) },
      { weight: 1, arbitrary: tie('expr').map((e) => `NOT ${e}`) },
      { weight: 4, arbitrary: fc.tuple(tie('expr'), fc.constantFrom(...ops), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('expr'), fc.constantFrom('IN', 'NOT IN'), tie('expr'), tie('expr'))
          .map(([a, op, b, c]) => `${a} ${op} (${b}, ${c})`),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('expr'), fc.constantFrom('BETWEEN', 'NOT BETWEEN'), tie('expr'), tie('expr'))
          .map(([a, op, b, c]) => `${a} ${op} ${b} AND ${c}`),
      },
    ),
  })).expr as fc.Arbitrary<string>;

const parsers: Record<string, { astify(sql: string, o: { database: string }): unknown }> = {};
/** The WHERE of `SELECT 1 FROM t WHERE …` as the dialect's node-sql-parser reads it, or undefined where it cannot. */
function where(sql: string, dialect: Dialect): unknown {
  parsers[dialect] ??= new (require(`node-sql-parser/build/${dialect}.js`) as { Parser: new () => (typeof parsers)[string] }).Parser();
  try {
    const ast = parsers[dialect].astify(sql, { database: dialect });
    return ((Array.isArray(ast) ? ast[0] : ast) as { where: unknown }).where;
  } catch {
    return undefined;
  }
}

describe('conditions in the node-sql-parser dialects', () => {
  const LOGIC = ['AND', 'OR'];
  const MORE = ['=', '<>', '<', '>', '+', '-', '*'];
  const cases: [Dialect, string[]][] = [
    ['mysql', [...LOGIC, 'XOR', ...MORE]],
    ['mariadb', [...LOGIC, 'XOR', ...MORE]],
    ['sqlite', [...LOGIC, ...MORE]],
    ['transactsql', [...LOGIC, ...MORE]],
    ['bigquery', [...LOGIC, ...MORE]],
  ];
  for (const [dialect, ops] of cases) {
    it(`${dialect}: a constant condition folds to the database's value, or is refused as ambiguous`, () => {
      let folded = 0;
      fc.assert(
        fc.property(condition(ops), (text) => {
          const node = where(`SELECT 1 FROM t WHERE ${text}`, dialect);
          if (node === undefined) return; // the dialect's grammar refuses it: so does seatbelt (sql.parse_error)
          const ctx: NspExprContext = { dialect };
          const value = conditionValue(nspExpr(node, ctx), dialect);
          if (ctx.ambiguous !== undefined || value === undefined || value === null) return;
          folded++;
          expect(value, text).toBe(evaluate(text) !== 0);
        }),
        { numRuns: runs(2000) },
      );
      expect(folded).toBeGreaterThan(runs(2000) / 4);
    });
  }

  it('refuses the conditions that were let through, or folds them right', () => {
    const read = (text: string, dialect: Dialect = 'mysql') => {
      const ctx: NspExprContext = { dialect };
      const value = conditionValue(nspExpr(where(`SELECT 1 FROM t WHERE ${text}`, dialect), ctx), dialect);
      return ctx.ambiguous !== undefined ? 'ambiguous' : value;
    };
    expect(read('TRUE OR FALSE AND FALSE')).toBe(true);
    expect(read('TRUE OR FALSE AND FALSE', 'sqlite')).toBe(true);
    expect(read('1=1 XOR 1=1 AND 0=1')).toBe('ambiguous');
    expect(read('NOT (1 = 5) * 0')).toBe('ambiguous');
    expect(read('1 * NOT (0) > 2', 'sqlite')).toBe('ambiguous');
    expect(read('(NOT (1 = 5)) * 0')).toBe(false);
    expect(read('0 BETWEEN 1 AND 2 XOR 1')).toBe('ambiguous');
    expect(read('(0 BETWEEN 1 AND 2) XOR 1')).toBe(true);
  });
});
