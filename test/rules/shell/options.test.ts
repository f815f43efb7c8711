// The getopt-style reader every rule uses: flags in every spelling, values, `--`, prefixes.
import { describe, expect, it } from 'vitest';
import { has, parseOptions, values } from '../../../src/rules/shell/options.js';
import { word } from './helpers.js';

const parse = (args: string[], spec = {}) =>
  parseOptions(
    args.map((a) => word(a)),
    spec,
  );
const rm = { longFlags: ['recursive', 'force', 'interactive', 'no-preserve-root', 'preserve-root'] };

describe('parseOptions', () => {
  it.each([
    ['-rf'],
    ['-fr'],
    ['-r', '-f'],
    ['-Rf'],
    ['--recursive', '--force'],
    ['--recur', '-f'],
    ['-f', '--recursive'],
    ['-v', '-r', '-f'],
  ])('reads recursion in %j', (...flags) => {
    const p = parse([...flags, '/'], rm);
    expect(has(p, 'r', 'R', 'recursive')).toBe(true);
    expect(p.operands.map((w) => w.value)).toEqual(['/']);
  });

  it('treats everything after -- as operands', () => {
    const p = parse(['-f', '--', '-r', '/'], rm);
    expect(has(p, 'r')).toBe(false);
    expect(p.operands.map((w) => w.value)).toEqual(['-r', '/']);
  });

  it('keeps reading options after operands (GNU permutation) unless told to stop', () => {
    expect(has(parse(['/', '--no-preserve-root', '-r'], rm), 'r')).toBe(true);
    const p = parse(['sub', '-r'], { stopAtOperand: true });
    expect(has(p, 'r')).toBe(false);
    expect(p.operands.map((w) => w.value)).toEqual(['sub', '-r']);
  });

  it('reads values: separate, glued, and --long=value', () => {
    const p = parse(['-ofile', '-O', 'x', '--output=y', '--data', '@z'], { shortValue: 'oO', longValue: ['output', 'data'] });
    expect(values(p, 'o')).toEqual(['file']);
    expect(values(p, 'O')).toEqual(['x']);
    expect(values(p, 'output')).toEqual(['y']);
    expect(values(p, 'data')).toEqual(['@z']);
    expect(p.operands).toEqual([]);
  });

  it('does not expand an ambiguous prefix', () => {
    const p = parse(['--forc'], { longFlags: ['force', 'force-with-lease'] });
    expect(has(p, 'force')).toBe(false);
  });

  it('notes a dynamic word that may expand to options', () => {
    const p = parseOptions([word('$FLAGS', '$FLAGS', false), word('/')], rm);
    expect(p.dynamicOptions).toBe(true);
    expect(p.operands.map((w) => w.value)).toEqual(['$FLAGS', '/']);
  });

  it('a lone - is an operand', () => {
    expect(parse(['-']).operands.map((w) => w.value)).toEqual(['-']);
  });
});
