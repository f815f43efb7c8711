// What launchers and code runners need from the reader: rest words joined into one shell string,
// what follows `--`, values of several words, a separator between commands, options that change
// what the operands are, `+cmd` words, and `NAME=value` operands with a role.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import { specProblems } from '../../src/catalogue/validate.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const w = (value: string): Word => ({ value, static: !value.includes('$'), raw: value });
const words = (line: string) => line.split(' ').map(w);
const spec = (extra: Partial<ProgramSpec>): ProgramSpec => ({
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  examples: { block: [], allow: ['tool'] },
  ...extra,
});
const values = (ws: Word[][]) => ws.map((c) => c.map((x) => x.value).join(' '));

describe('the reader, for launchers and code runners', () => {
  it("rest: 'joined' makes one shell string of the words left", () => {
    const s = spec({ optionsFirst: true, options: [{ names: ['-e'], value: 'required' }], operands: [{ kind: 'script', rest: 'joined' }] });
    const inv = readInvocation(s, words('-e rs cargo test --release'));
    expect(inv.roles.map((r) => r.word.value)).toEqual(['cargo test --release']);
    expect(readInvocation(s, [w('$X'), w('y')]).roles[0]!.word.static).toBe(false);
  });

  it("dashDash 'command': the words after -- are a command", () => {
    const s = spec({ options: [{ names: ['-n', '--name'], value: 'required' }], operands: [{ kind: 'data' }], dashDash: 'command' });
    expect(values(readInvocation(s, words('-n box -- rm -rf ~')).commands)).toEqual(['rm -rf ~']);
    expect(values(readInvocation(s, words('box --')).commands)).toEqual([]);
  });

  it("dashDash 'arguments': the words after -- go to the command an option named", () => {
    const s = spec({ options: [{ names: ['-x', '--exec'], value: 'required', role: { kind: 'command' } }], dashDash: 'arguments' });
    expect(values(readInvocation(s, words('--start --exec /bin/rm -- -rf ~')).commands)).toEqual(['/bin/rm -rf ~']);
    expect(readInvocation(s, words('--start -- a b')).operands.map((x) => x.value)).toEqual(['a', 'b']);
  });

  it('words: an option value of several words', () => {
    const s = spec({
      optionsFirst: true,
      options: [{ names: ['--bind'], value: 'required', words: 2 }],
      operands: [{ kind: 'command', rest: true }],
    });
    expect(values(readInvocation(s, words('--bind /a /b rm -rf ~')).commands)).toEqual(['rm -rf ~']);
  });

  it('separator: another command after it, with options again', () => {
    const s = spec({
      optionsFirst: true,
      options: [{ names: ['-n'], value: 'required' }],
      operands: [{ kind: 'command', rest: true }],
      separator: ':',
    });
    expect(values(readInvocation(s, words('-n 1 true : -n 1 rm -rf ~')).commands)).toEqual(['true', 'rm -rf ~']);
  });

  it('an option may change what the operands are', () => {
    const s = spec({
      optionsFirst: true,
      options: [{ names: ['-r'] }, { names: ['-s'], operands: [{ kind: 'script' }, { kind: 'data', rest: true }] }],
      operands: [{ kind: 'command', rest: true }],
    });
    expect(values(readInvocation(s, words('-r make test')).commands)).toEqual(['make test']);
    const inv = readInvocation(s, [w('-rs'), w('rm -rf ~'), w('x')]);
    expect(inv.commands).toEqual([]);
    expect(inv.roles.map((r) => [r.role.kind, r.word.value])).toEqual([
      ['script', 'rm -rf ~'],
      ['data', 'x'],
    ]);
  });

  it('+cmd words are a + option with the rest as value; written with $, still one', () => {
    const s = spec({
      options: [
        { names: ['+'], value: 'optional', role: { kind: 'code', language: 'vim' } },
        { names: ['-c'], value: 'required', role: { kind: 'code', language: 'vim' } },
      ],
      operands: [{ kind: 'path', access: 'write', rest: true }],
    });
    const inv = readInvocation(s, words('+42 -c wq notes.txt'));
    expect(inv.roles.map((r) => [r.role.kind, r.word.value])).toEqual([
      ['code', '42'],
      ['code', 'wq'],
      ['path', 'notes.txt'],
    ]);
    expect(readInvocation(s, words('+ f')).roles[0]!.word.value).toBe('');
    const dyn = readInvocation(s, [w('+$CMD'), w('f')]).roles[0]!;
    expect([dyn.role.kind, dyn.word.static]).toEqual(['code', false]);
    // Without a + option, +x is an operand.
    expect(readInvocation(spec({}), words('+x')).operands.map((x) => x.value)).toEqual(['+x']);
  });

  it('clusters: false reads an undeclared single-dash word as one option', () => {
    const s = spec({
      options: [{ names: ['-e'], value: 'required', role: { kind: 'code', language: 'haskell' } }],
      operands: [{ kind: 'data', rest: true }],
    });
    expect(readInvocation(s, words('-threaded Main.hs')).roles.map((r) => r.role.kind)).toEqual(['code', 'data']);
    const off = readInvocation({ ...s, clusters: false }, words('-threaded -e x Main.hs'));
    expect(off.options.map((o) => o.name)).toEqual(['-threaded', '-e']);
    expect(off.roles.map((r) => [r.role.kind, r.word.value])).toEqual([
      ['code', 'x'],
      ['data', 'Main.hs'],
    ]);
  });

  it('variables: NAME=value operands with a role, not counted as operands', () => {
    const s = spec({ variables: { SHELL: { kind: 'script' } }, operands: [{ kind: 'data', rest: true }] });
    const inv = readInvocation(s, words('CC=clang SHELL=/bin/bash all'));
    expect(inv.roles.map((r) => [r.role.kind, r.word.value])).toEqual([
      ['data', 'CC=clang'],
      ['script', '/bin/bash'],
      ['data', 'all'],
    ]);
  });

  it('validation of the new fields', () => {
    const bad = spec({
      dashDash: 'maybe' as never,
      separator: '',
      variables: { 'not a name': { kind: 'script' } },
      options: [
        { names: ['--two'], value: 'required', words: 1 },
        { names: ['--flag'], words: 2 },
        { names: ['-s'], operands: [{ kind: 'script', rest: 'all' as never }] },
      ],
    });
    expect(specProblems([bad]).map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'tool.dashDash',
        'tool.separator',
        'tool.variables.not a name',
        'tool.options[0].words',
        'tool.options[1].words',
        'tool.options[2].operands[0].rest',
      ]),
    );
  });
});
