import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SeatbeltError } from '../../src/core/error.js';
import {
  defaultRegistry,
  isJsonPointer,
  readRegistry,
  resolvePointer,
  resolveToolCall,
  validateRegistry,
} from '../../src/gateway/registry.js';

describe('JSON pointer (RFC 6901)', () => {
  // The examples of RFC 6901 §5.
  const doc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };
  it.each([
    ['', doc],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('%j', (p, want) => expect(resolvePointer(doc, p)).toEqual(want));

  it('reads nothing past arrays, leading zeros, "-", inherited members', () => {
    expect(resolvePointer(doc, '/foo/2')).toBeUndefined();
    expect(resolvePointer(doc, '/foo/01')).toBeUndefined();
    expect(resolvePointer(doc, '/foo/-')).toBeUndefined();
    expect(resolvePointer({}, '/constructor')).toBeUndefined();
    expect(resolvePointer({ a: 'x' }, '/a/b')).toBeUndefined();
  });

  it('tells pointers from other strings', () => {
    for (const p of ['', '/', '/a/b', '/a~0~1']) expect(isJsonPointer(p), p).toBe(true);
    for (const p of ['a', '/a~2', '/~', 'command']) expect(isJsonPointer(p), p).toBe(false);
  });
});

describe('defaultRegistry / resolveToolCall', () => {
  const reg = defaultRegistry();
  it.each(['bash', 'shell', 'run_shell_command', 'execute_command', 'terminal', 'exec', 'Bash', 'BASH'])('%s → shell', (name) => {
    expect(resolveToolCall(reg, name, { command: 'ls -la' })).toMatchObject({
      kind: 'action',
      action: { kind: 'shell', script: 'ls -la' },
    });
    expect(resolveToolCall(reg, name, { cmd: 'ls' })).toMatchObject({ kind: 'action', action: { kind: 'shell', script: 'ls' } });
  });
  it.each(['execute_sql', 'run_sql', 'sql', 'query'])('%s → SQL', (name) => {
    expect(resolveToolCall(reg, name, { query: 'SELECT 1' })).toMatchObject({
      kind: 'action',
      action: { kind: 'sql', sql: 'SELECT 1', dialect: 'postgresql' },
    });
    expect(resolveToolCall(reg, name, { sql: 'SELECT 1' }, { dialect: 'mysql' })).toMatchObject({ action: { dialect: 'mysql' } });
  });
  it('unknown tools are unknown', () => expect(resolveToolCall(reg, 'get_weather', { city: 'x' })).toEqual({ kind: 'unknown' }));
  it.each([
    ['not JSON', '{"command": "ls"', /not JSON/],
    ['an array', ['ls'], /not a JSON object/],
    ['no command', { foo: 'ls' }, /no "\/command" or "\/cmd"/],
    ['empty command', { command: '  ' }, /non-empty string/],
    ['a non-string command', { command: ['rm', '-rf', '/'] }, /non-empty string/],
    ['two different commands', { command: 'ls', cmd: 'rm -rf ~' }, /differ/],
  ])('%s is malformed', (_l, args, why) => {
    const r = resolveToolCall(reg, 'bash', args);
    expect(r.kind).toBe('malformed');
    expect(r.kind === 'malformed' && r.reason).toMatch(why);
  });
  it('the same command under both pointers is not ambiguous', () =>
    expect(resolveToolCall(reg, 'bash', { command: 'ls', cmd: 'ls' })).toMatchObject({ kind: 'action' }));
  it('MCP may omit the arguments', () => expect(resolveToolCall(reg, 'bash', undefined)).toMatchObject({ kind: 'malformed' }));

  const script = (name: string, args: unknown) => {
    const r = resolveToolCall(reg, name, args);
    return r.kind === 'action' && r.action.kind === 'shell' ? r.action.script : r;
  };
  it.each(['str_replace_based_edit_tool', 'str_replace_editor', 'text_editor'])(
    '%s (the text editor) → its writes judged as tee, its view as cat',
    (name) => {
      for (const command of ['create', 'str_replace', 'insert', 'undo_edit'])
        expect(script(name, { command, path: '/srv/app/.seatbelt.json', file_text: 'rm -rf /' })).toBe("tee -- '/srv/app/.seatbelt.json'");
      expect(script(name, { command: 'view', path: '/srv/app/README.md' })).toBe("cat -- '/srv/app/README.md'");
    },
  );
  it.each(['write_file', 'edit_file', 'create_file'])('%s → a write of /path or /file_path', (name) => {
    expect(script(name, { path: 'src/a.ts', content: 'x' })).toBe("tee -- 'src/a.ts'");
    expect(script(name, { file_path: 'src/a.ts' })).toBe("tee -- 'src/a.ts'");
  });
  it('a path is one word: quotes kept, $ and ; literal, a leading ~/ judged as the home folder', () => {
    expect(script('write_file', { path: "it's; rm -rf / $(id)" })).toBe(`tee -- 'it'\\''s; rm -rf / $(id)'`);
    expect(script('write_file', { path: '~/.ssh/authorized_keys' })).toBe("tee -- ~/'.ssh/authorized_keys'");
    expect(script('write_file', { path: '-rf' })).toBe("tee -- '-rf'");
  });
  it.each([
    ['an unknown editor command', { command: 'delete', path: '/a' }, /"\/command" expected view, create/],
    ['no editor command', { path: '/a' }, /"\/command" expected/],
    ['no path', { command: 'create' }, /no "\/path"/],
    ['a path on two lines', { command: 'create', path: '/tmp/a\n/home/u/.ssh/authorized_keys' }, /one line/],
    ['a NUL in the path', { command: 'create', path: '/tmp/a\0b' }, /one line/],
    ['a path that is not a string', { command: 'create', path: ['/a'] }, /file path/],
    ['Command beside command', { command: 'view', Command: 'create', path: '/a' }, /"Command" beside "\/command"/],
  ])('editor: %s is malformed', (_l, args, why) => {
    const r = resolveToolCall(reg, 'str_replace_based_edit_tool', args);
    expect(r.kind).toBe('malformed');
    expect(r.kind === 'malformed' && r.reason).toMatch(why);
  });
});

describe('validateRegistry', () => {
  it('adds to the defaults, replaces one by name (any case), or starts empty', () => {
    const reg = validateRegistry({
      tools: [
        { name: 'send_payment', action: 'tier', risk: 'CRITICAL', approval: 'required' },
        { name: 'Bash', action: 'argv', pointer: '/argv' },
        { name: 'db', action: 'sql', pointer: ['/statement'], dialect: 'sqlite' },
      ],
    });
    expect(resolveToolCall(reg, 'send_payment', { amount: 1 })).toMatchObject({ action: { kind: 'tier', risk: 'CRITICAL' } });
    expect(resolveToolCall(reg, 'bash', { argv: ['ls', '-l'] })).toMatchObject({ action: { kind: 'argv', argv: ['ls', '-l'] } });
    expect(resolveToolCall(reg, 'db', { statement: 'DROP TABLE t' })).toMatchObject({ action: { kind: 'sql', dialect: 'sqlite' } });
    expect(resolveToolCall(reg, 'shell', { command: 'ls' }).kind).toBe('action');
    const only = validateRegistry({ defaults: false, tools: [{ name: 'x', action: 'tier', risk: 'LOW' }] });
    expect(resolveToolCall(only, 'bash', { command: 'ls' })).toEqual({ kind: 'unknown' });
  });

  it('lists every bad field at once', () => {
    let err: unknown;
    try {
      validateRegistry({
        defaults: 'yes',
        extra: 1,
        tools: [
          { name: 'a b', action: 'shell', pointer: 'command' },
          { name: 'p', action: 'tier' },
          { name: 'q', action: 'sql', pointer: '/q', dialect: 'oracle', approval: 'maybe' },
          { name: 'r', action: 'shell', pointer: '/c', risk: 'LOW', colour: 'red' },
          { name: 'P', action: 'tier', risk: 'LOW' },
          'x',
        ],
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SeatbeltError);
    const e = err as SeatbeltError;
    expect(e.code).toBe('CONFIG');
    for (const part of [
      'unknown field "extra"',
      '"defaults" expected true or false',
      'tools[0].name',
      'tools[0].pointer "command" is not a JSON pointer',
      'tools[1].risk expected CRITICAL',
      'tools[2].dialect expected one of',
      'tools[2].approval expected',
      'tools[3].risk applies to tier tools only',
      'unknown field "tools[3].colour"',
      'tools[4].name "P" repeats tools[1]',
      'tools[5] expected an object',
    ])
      expect(e.message).toContain(part);
  });

  it('readRegistry reads a file, and names it in errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-registry-'));
    try {
      const f = path.join(dir, 'tools.json');
      writeFileSync(f, JSON.stringify({ tools: [{ name: 'deploy', action: 'tier', risk: 'HIGH' }] }));
      expect(resolveToolCall(readRegistry(f), 'deploy', {})).toMatchObject({ action: { kind: 'tier', risk: 'HIGH' } });
      writeFileSync(f, '{');
      expect(() => readRegistry(f)).toThrow(/tools\.json: not JSON/);
      expect(() => readRegistry(path.join(dir, 'none.json'))).toThrow(/cannot read the tool registry/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
