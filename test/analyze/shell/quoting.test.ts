// Quote removal: every spelling of a word gives the value bash would see, marked static only
// when nothing is expanded when the script runs.
import { describe, expect, it } from 'vitest';
import { decodeAnsiC } from '../../../src/analyze/shell/ansi-c.js';
import { ir } from './helpers.js';

const first = async (src: string) => (await ir(src)).commands[0]!;

describe('quote removal of the command name', () => {
  const table: [string, string][] = [
    ["r''m", 'rm'],
    ['\\rm', 'rm'],
    ['"rm"', 'rm'],
    ["'rm'", 'rm'],
    ["$'\\x72\\x6d'", 'rm'],
    ["$'\\x72m'", 'rm'],
    ["$'\\162\\155'", 'rm'],
    ["$'\\u0072\\U0000006d'", 'rm'],
    ['$"rm"', 'rm'],
    ['r"m"', 'rm'],
    ['r\\m', 'rm'],
    ['"r"\'m\'', 'rm'],
    ['/usr/bin/rm', 'rm'],
    ['/bin/r""m', 'rm'],
  ];
  for (const [src, value] of table) {
    it(`${src} → ${value}`, async () => {
      const c = await first(`${src} -rf /`);
      expect(c.name).toMatchObject({ value, static: true });
      expect(c.name.raw).toBe(src);
      expect(c.args.map((a) => a.value)).toEqual(['-rf', '/']);
    });
  }
});

describe('argument words', () => {
  const table: [string, string, boolean, boolean?][] = [
    // [word, value, static, glob]
    ['"a b"', 'a b', true],
    ["'$HOME'", '$HOME', true],
    ['\\$HOME', '$HOME', true],
    ['"\\$x"', '$x', true],
    ['"a\\"b"', 'a"b', true],
    ['"a\\b"', 'a\\b', true],
    ["'it'\\''s'", "it's", true],
    ['a\\ b', 'a b', true],
    ["$'a\\tb'", 'a\tb', true],
    ["$'\\n'", '\n', true],
    ['~', '~', true],
    ['~/x', '~/x', true],
    ['$HOME', '$HOME', false],
    ['"$HOME"/x', '$HOME/x', false],
    ['${HOME}', '${HOME}', false],
    ['$(pwd)', '$(pwd)', false],
    ['`pwd`', '`pwd`', false],
    ['$((1+2))', '$((1+2))', false],
    ['"$@"', '$@', false],
    ['r``m', 'r``m', false],
    ['*.log', '*.log', false, true],
    ['/*', '/*', false, true],
    ['a?c', 'a?c', false, true],
    ['[ab]c', '[ab]c', false, true],
    ['{a,b}', '{a,b}', false, true],
    ['x{1..3}', 'x{1..3}', false, true],
    ['"*.log"', '*.log', true],
    ["'{a,b}'", '{a,b}', true],
    ['\\*', '*', true],
    ['{}', '{}', true],
    ['[', '[', true],
    ['x#y', 'x#y', true],
    ['"a\\\nb"', 'ab', true],
    ['$"hello"', 'hello', true],
  ];
  for (const [src, value, isStatic, glob] of table) {
    it(`${JSON.stringify(src)} → ${JSON.stringify(value)} (${isStatic ? 'static' : glob ? 'glob' : 'dynamic'})`, async () => {
      const w = (await first(`echo ${src}`)).args[0]!;
      expect(w.value).toBe(value);
      expect(w.static).toBe(isStatic);
      expect(w.glob ?? false).toBe(glob ?? false);
      expect(w.raw).toBe(src);
    });
  }
});

describe('ANSI-C decoding', () => {
  const table: [string, string][] = [
    ['\\x41', 'A'],
    ['\\x4', '\x04'],
    ['\\101', 'A'],
    ['\\0', '\0'],
    ['\\u00e9', 'é'],
    ['\\U0001F600', '😀'],
    ['\\a\\b\\e\\E\\f\\n\\r\\t\\v', '\x07\b\x1b\x1b\f\n\r\t\v'],
    ['\\\\\\\'\\"\\?', '\\\'"?'],
    ['\\cA', '\x01'],
    ['\\q', '\\q'],
    ['\\x', '\\x'],
  ];
  for (const [src, out] of table) it(`${src}`, () => expect(decodeAnsiC(src)).toBe(out));
});
