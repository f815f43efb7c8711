// argv analysis (`exec -- cmd …`) needs no shell parser unless the argv carries a script that is not plain. This
// file must not analyse any script before the first test: it checks that tree-sitter is not loaded.
import { describe, expect, it } from 'vitest';
import { isShellParserLoaded } from '../../../src/analyze/shell/index.js';
import { argValues, argvIr, ids, only } from './helpers.js';

describe('argv analysis', () => {
  it('peels wrappers, reads find -exec, interpreter argv and SQL without loading tree-sitter', async () => {
    const a = await argvIr(['sudo', '-u', 'root', 'env', 'A=1', '/bin/rm', '-rf', '/']);
    expect(a.commands.map((c) => c.name.value)).toEqual(['rm']);
    expect(a.commands[0]!.wrappers).toEqual(['sudo', 'env']);
    expect(argValues(a.commands[0]!)).toEqual(['-rf', '/']);
    const f = await argvIr(['find', '.', '-exec', 'rm', '{}', ';']);
    expect(f.commands.map((c) => c.name.value)).toEqual(['find', 'rm']);
    const p = await argvIr(['python3', '-c', "import subprocess; subprocess.run(['git', 'push', '--force'])"]);
    expect(argValues(only(p, 'git'))).toEqual(['push', '--force']);
    const s = await argvIr(['psql', '-c', 'DROP TABLE t']);
    expect(s.embeddedSql).toEqual([{ commandId: 0, dialect: 'postgresql', sql: 'DROP TABLE t' }]);
    expect(isShellParserLoaded()).toBe(false);
  });

  it('words are static: no shell expands them', async () => {
    const a = await argvIr(['rm', '-rf', '$HOME', '*', '`x`']);
    expect(a.commands[0]!.args.every((w) => w.static)).toBe(true);
    expect(ids(a)).toEqual([]);
    expect(a.commands[0]!.text).toBe("rm -rf '$HOME' '*' '`x`'");
    expect(isShellParserLoaded()).toBe(false);
  });

  it('leading NAME=value words are assignments', async () => {
    const a = await argvIr(['A=1', 'rm', 'x']);
    expect(a.commands[0]!.name.value).toBe('rm');
    expect(a.commands[0]!.assignments).toEqual([{ name: 'A', value: { value: '1', static: true, raw: '1' } }]);
  });

  it('reads a plain nested script without tree-sitter (src/analyze/shell/plain-tree.ts)', async () => {
    const a = await argvIr(['bash', '-c', 'cd / && rm -rf *']);
    expect(isShellParserLoaded()).toBe(false);
    expect(only(a, 'rm').cwd).toBe('/');
  });

  it('loads tree-sitter when a nested script must be parsed', async () => {
    // A backquote substitution: outside what plain-tree.ts builds without tree-sitter.
    const a = await argvIr(['bash', '-c', 'cd / && rm -rf "`echo *`"']);
    expect(isShellParserLoaded()).toBe(true);
    expect(only(a, 'rm').cwd).toBe('/');
    expect(only(a, 'rm').context).toEqual([
      { kind: 'nested_script', detail: 'bash -c' },
      { kind: 'list', detail: '&&' },
    ]);
  });

  it('an empty argv is an empty IR', async () => {
    expect((await argvIr([])).commands).toEqual([]);
  });
});
