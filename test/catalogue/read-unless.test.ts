// The reader's `when … unless` (a verb that holds unless an option is given or an operand matches:
// `crontab` changes the table unless `-l` lists it), tar's old-style first word, and the effect
// `change` through real specs: what the read_only policy's commandWrites asks.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import { specProblems } from '../../src/catalogue/validate.js';
import { specFor } from '../../src/catalogue/index.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';
import { changingByDefault } from '../../src/catalogue/specs/builders.js';

const w = (value: string): Word => ({ value, static: !value.includes('$'), raw: value });
const words = (line: string) => (line ? line.split(' ').map(w) : []);

const SPEC: ProgramSpec = {
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  options: [{ names: ['-l', '--list'] }, { names: ['-o'], value: 'required' }],
  when: [
    { unless: { options: [{ name: '-l' }, { name: '-o', value: '^-$' }], operand: '^print$' }, verb: { effect: 'change', why: 'changes' } },
  ],
  examples: { block: [], allow: ['tool -l'] },
};
const effects = (spec: ProgramSpec, line: string) => readInvocation(spec, words(line)).verbs.map((v) => v.effect);

describe('when … unless', () => {
  it('holds when none of its options is given and no operand matches', () => {
    expect(effects(SPEC, 'x')).toEqual(['change']);
    expect(effects(SPEC, '')).toEqual(['change']);
    expect(effects(SPEC, '-o out x')).toEqual(['change']);
  });
  it('does not hold when one is given, in any spelling or cluster, or an operand matches', () => {
    expect(effects(SPEC, '-l')).toEqual([]);
    expect(effects(SPEC, '--list x')).toEqual([]);
    expect(effects(SPEC, '-o - x')).toEqual([]);
    expect(effects(SPEC, 'dev print')).toEqual([]);
  });
  it('is validated: option spellings and regular expressions, and something to match', () => {
    const bad = { ...SPEC, when: [{ unless: { options: [{ name: 'x y' }], operand: '(' }, verb: { effect: 'change', why: 'x' } }] };
    const paths = specProblems([bad]).map((p) => p.path);
    expect(paths.some((p) => p.includes('unless.options'))).toBe(true);
    expect(paths.some((p) => p.includes('unless.operand'))).toBe(true);
    expect(specProblems([{ ...SPEC, when: [{ unless: {}, verb: { effect: 'change', why: 'x' } }] }]).length).toBeGreaterThan(0);
    expect(specProblems([SPEC])).toEqual([]);
  });
});

describe('firstWordOptions (tar)', () => {
  const tar = specFor('tar')!;
  it('reads an old-style first word as a cluster, its f taking the next word', () => {
    const inv = readInvocation(tar, words('xzf a.tgz -C out'));
    expect(inv.options.map((o) => o.name)).toEqual(expect.arrayContaining(['-x', '-z', '-C']));
    expect(inv.operands).toEqual([]);
    expect(inv.verbs.map((v) => v.effect)).toEqual(['change']);
  });
  it('lists with t, in either style, and --list is not --listed-incremental', () => {
    for (const line of ['tf a.tar', '-tzf a.tgz', '--list -f a.tar']) expect(readInvocation(tar, words(line)).verbs, line).toEqual([]);
  });
  it('leaves a first word that is an operand elsewhere alone', () => {
    expect(readInvocation(specFor('rm')!, words('build')).operands.map((x) => x.value)).toEqual(['build']);
  });
});

describe('changingByDefault', () => {
  const subs = changingByDefault(
    {
      get: { verb: { effect: 'read', why: 'shows' } },
      delete: { when: [{ options: [{ name: '--all' }], verb: { effect: 'destroy', why: 'all' } }] },
      group: { subcommands: { ls: { verb: { effect: 'read', why: 'lists' } } } },
      shows: { verb: { effect: 'read', why: 'shows' }, subcommands: { x: { verb: { effect: 'write', why: 'x' } } } },
    },
    'changes',
  );
  const spec: ProgramSpec = { names: ['t'], family: 'test', summary: 't', subcommands: subs, examples: { block: [], allow: ['t get'] } };
  const e = (line: string) => effects(spec, line);
  it('declared reads stay reads; a leaf without a verb and an unknown subcommand change', () => {
    expect(e('get')).toEqual(['read']);
    expect(e('delete pod')).toEqual(['change']);
    expect(e('delete --all')).toEqual(['change', 'destroy']);
    expect(e('frobnicate')).toEqual(['change']);
    expect(e('group ls')).toEqual(['read']);
    expect(e('group frobnicate')).toEqual(['change']);
  });
  it('a level with a verb of its own keeps it for what it does not name; no subcommand changes nothing', () => {
    expect(e('shows other')).toEqual(['read']);
    expect(e('')).toEqual([]);
  });
});
