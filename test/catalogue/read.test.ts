// The one argument reader, on specs made for the test: option spellings (clusters, attached and `=`
// values, unique prefixes, single-dash long names, `--`), subcommands and global options, roles of
// operands and option values, verbs and harmless options, and what it refuses to guess.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const words = (...xs: string[]): Word[] => xs.map((value) => ({ value, static: true, raw: value }));
const dyn = (raw: string): Word => ({ value: raw, static: false, raw });

const TOOL: ProgramSpec = {
  names: ['tool'],
  family: 'test',
  summary: 'a test program',
  prefixes: true,
  options: [
    { names: ['-r', '--recursive'] },
    { names: ['-f', '--force'], verb: { effect: 'destroy', why: 'forces' } },
    { names: ['-o', '--output'], value: 'required', role: { kind: 'path', access: 'write' } },
    { names: ['-c', '--command'], value: 'required', role: { kind: 'script' } },
    { names: ['--color'], value: 'optional' },
    { names: ['-exec'], value: 'required', rest: true, role: { kind: 'command' } },
    { names: ['-n', '--dry-run'], harmless: true },
    { names: ['--verbose'] },
    { names: ['--version'] },
  ],
  subcommands: {
    rm: {
      verb: { effect: 'destroy', why: 'removes things' },
      operands: [{ kind: 'path', access: 'delete', rest: true }],
      unknown: 'block',
    },
    ls: { verb: { effect: 'read', why: 'lists' }, subcommands: { deep: { verb: { effect: 'write', why: 'goes deep' } } } },
    run: { optionsFirst: true, operands: [{ kind: 'command', rest: true }] },
  },
  examples: { block: [], allow: ['tool ls'] },
};

const read = (...args: (string | Word)[]) =>
  readInvocation(
    TOOL,
    args.map((a) => (typeof a === 'string' ? words(a)[0]! : a)),
  );

describe('the argument reader', () => {
  it('reads clusters, attached values and = values the same way', () => {
    for (const args of [
      ['-rfo', 'out.txt'],
      ['-r', '-f', '-o', 'out.txt'],
      ['-rf', '-oout.txt'],
      ['--recursive', '--force', '--output=out.txt'],
      ['--rec', '--forc', '--out', 'out.txt'],
    ]) {
      const inv = read(...args);
      expect(
        inv.options.map((o) => o.name),
        args.join(' '),
      ).toEqual(['-r', '-f', '-o']);
      expect(inv.roles).toEqual([
        { role: { kind: 'path', access: 'write' }, word: expect.objectContaining({ value: 'out.txt' }), option: '-o' },
      ]);
      expect(inv.verbs.map((v) => v.effect)).toEqual(['destroy']);
    }
  });

  it('an optional value is only taken attached or after =', () => {
    expect(read('--color', 'ls').path).toEqual(['ls']);
    expect(read('--color=always', 'ls').options[0]).toMatchObject({ name: '--color', value: { value: 'always' } });
  });

  it('an ambiguous prefix is not guessed', () => {
    expect(read('--ver', 'ls').undecidable).toMatch(/ambiguous/);
  });

  it('-- ends the options: what follows are operands even if they look like options', () => {
    const inv = read('rm', '--', '-rf', '/x');
    expect(inv.roles.map((r) => r.word.value)).toEqual(['-rf', '/x']);
    expect(inv.options).toEqual([]);
  });

  it('the first operand picks the subcommand; global options stay valid after it; the deepest verb applies', () => {
    const inv = read('-r', 'ls', 'deep', '--force');
    expect(inv.path).toEqual(['ls', 'deep']);
    // `deep` (write) wins over `ls` (read); the option's verb applies besides.
    expect(inv.verbs.map((v) => v.effect)).toEqual(['write', 'destroy']);
  });

  it('a subcommand computed at run time cannot be read', () => {
    expect(read(dyn('$SUB'), 'x').undecidable).toMatch(/only known when the command runs/);
  });

  it('an undeclared option where the spec says block cannot be read; elsewhere it is a flag', () => {
    expect(read('rm', '--weird', 'x').undecidable).toMatch(/unknown option --weird/);
    expect(read('ls', '--weird').undecidable).toBeUndefined();
  });

  it('a command operand takes the rest, options and all', () => {
    const inv = read('run', 'rm', '-rf', '~');
    expect(inv.commands.map((c) => c.map((w) => w.value))).toEqual([['rm', '-rf', '~']]);
  });

  it('a rest option takes every word after it as its value', () => {
    const inv = read('-exec', 'rm', '-rf', '/');
    expect(inv.commands.map((c) => c.map((w) => w.value))).toEqual([['rm', '-rf', '/']]);
  });

  it('script values keep their role and option', () => {
    expect(read('-c', 'echo hi').roles).toEqual([
      { role: { kind: 'script' }, word: expect.objectContaining({ value: 'echo hi' }), option: '-c' },
    ]);
  });

  it('a harmless option marks the invocation', () => {
    expect(read('rm', 'x').harmless).toBe(false);
    expect(read('-n', 'rm', 'x').harmless).toBe(true);
  });
});
