// Which level's verb applies: the deepest level on the subcommand path that has one (a parent's
// verb is the default for what its children do not say), the program's own verb when no subcommand
// has one, and the verbs of options and conditions besides.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const w = (value: string): Word => ({ value, static: true, raw: value });
const words = (line: string) => (line ? line.split(' ').map(w) : []);

const SPEC: ProgramSpec = {
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  verb: { effect: 'publish', why: 'releases by default' },
  options: [{ names: ['--force'], verb: { effect: 'destroy', why: 'forces' } }],
  subcommands: {
    check: { verb: { effect: 'read', why: 'checks' } },
    secrets: {
      verb: { effect: 'credential', why: 'prints every secret' },
      subcommands: { set: { verb: { effect: 'write', why: 'sets a secret' } }, help: {} },
    },
    build: {},
  },
  examples: { block: [], allow: ['tool check'] },
};

const effects = (line: string) => readInvocation(SPEC, words(line)).verbs.map((v) => v.effect);

describe('level verbs', () => {
  it("the program's own verb applies when no subcommand is chosen", () => {
    expect(effects('')).toEqual(['publish']);
    expect(effects('--snapshot')).toEqual(['publish']);
  });

  it('the deepest level with a verb wins over its parents', () => {
    expect(effects('check')).toEqual(['read']);
    expect(effects('secrets')).toEqual(['credential']);
    expect(effects('secrets set X=1')).toEqual(['write']);
  });

  it('a level without a verb inherits the nearest one above it', () => {
    expect(effects('secrets help')).toEqual(['credential']);
    expect(effects('build')).toEqual(['publish']);
  });

  it('option verbs apply besides', () => {
    expect(effects('check --force')).toEqual(['read', 'destroy']);
  });
});
