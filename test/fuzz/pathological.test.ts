// Hostile input of the kinds that break parsers: megabyte commands, 10,000-deep nesting, a
// 20,000-item IN list, NUL bytes, invalid UTF-8 and lone surrogates. Each must end in a clear
// decision (a refusal for all but the IN list) within a bounded time — through the library and
// through the real binary, whose stderr must never show a stack trace.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { DIALECTS, type Action, type Decision } from '../../src/core/types.js';
import { BIN, tempHome } from '../e2e/helpers.js';
import { decideWithin, fuzzSession } from './support.js';

const session = fuzzSession();
const MB = 1 << 20;
const DEEP = 10_000;
const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;

const nest = (open: string, inner: string, close: string, n = DEEP) => open.repeat(n) + inner + close.repeat(n);

const SHELL: Record<string, string> = {
  '1 MB argument': `echo ${'a'.repeat(MB)}`,
  '1 MB of commands': 'true; '.repeat(MB / 6),
  '10,000-deep command substitution': nest('echo $(', 'true', ')'),
  '10,000-deep subshells': nest('(', 'true', ')'),
  '10,000-deep groups': nest('{ ', 'true; ', '}; ').replace(/; $/, ''),
  '10,000-deep if': nest('if true; then ', 'true; ', 'fi; ').replace(/; $/, ''),
  '10,000-deep quoted substitution': nest('echo "$(', 'true', ')"'),
  'NUL byte in a word': 'echo a\0b',
  'NUL byte between commands': 'ls\0rm -rf /',
  'lone high surrogate': 'echo \ud800',
  'lone low surrogate': 'touch \udc00file',
  'replacement character (invalid UTF-8 decoded)': 'cat \ufffd\ufffd',
};

const SQL: Record<string, string> = {
  '1 MB string literal': `SELECT '${'a'.repeat(MB)}'`,
  '10,000-deep parentheses': `SELECT ${nest('(', '1', ')')}`,
  '10,000-deep subqueries': nest('SELECT * FROM (', 'SELECT 1', ') t'),
  'NUL byte': 'SELECT 1\0; DROP TABLE users',
  'lone surrogate': "SELECT '\ud800'",
  'replacement character (invalid UTF-8 decoded)': "SELECT '\ufffd'",
};
const IN_LIST = `SELECT * FROM orders WHERE id IN (${Array.from({ length: 20_000 }, (_, i) => i + 1).join(', ')})`;

function expectClearRefusal(d: Decision) {
  expect(d.decision).toBe('block');
  expect(d.blocking.length).toBeGreaterThan(0);
  for (const m of d.blocking) {
    expect(m.ruleId).toMatch(/^[a-z][a-z0-9_-]*\.[a-z0-9_.-]+$/);
    expect(m.reason.length).toBeGreaterThan(0);
    expect(m.reason).not.toMatch(STACK_LINE);
    expect(m.evidence.length).toBeLessThan(10_000); // evidence is for people: never the whole megabyte
  }
}

describe('pathological input through the library', () => {
  it.each(Object.entries(SHELL))('shell, %s: a clear refusal', async (_name, script) => {
    expectClearRefusal(await decideWithin(session, { kind: 'shell', script }, 20_000));
  });

  for (const dialect of DIALECTS) {
    it.each(Object.entries(SQL))(`sql ${dialect}, %s: a clear refusal`, async (_name, sql) => {
      expectClearRefusal(await decideWithin(session, { kind: 'sql', sql, dialect }, 20_000));
    });

    it(`sql ${dialect}, 20,000-item IN list: a decision, and a clear one if refused`, async () => {
      const d = await decideWithin(session, { kind: 'sql', sql: IN_LIST, dialect }, 20_000);
      if (d.decision === 'block') expectClearRefusal(d);
      else expect(d.decision).toBe('allow');
    });
  }

  it('argv with a NUL byte or a lone surrogate: a clear refusal', async () => {
    for (const argv of [
      ['touch', 'a\0b'],
      ['echo', '\udfff'],
      ['rm', '-rf', '/\0'],
    ]) {
      expectClearRefusal(await decideWithin(session, { kind: 'argv', argv } as Action, 5_000));
    }
  });
});

describe('pathological input through bin/seatbelt', () => {
  const h = tempHome();
  const run = (args: string[], input?: string | Buffer) =>
    execa(BIN, args, { env: h.env, reject: false, timeout: 30_000, ...(input !== undefined ? { input } : { stdin: 'ignore' }) });

  function expectNoStack(r: { stderr: unknown; stdout: unknown; timedOut?: boolean }) {
    expect(r.timedOut ?? false).toBe(false);
    expect(String(r.stderr)).not.toMatch(STACK_LINE);
    expect(String(r.stderr)).not.toMatch(/internal error/i);
    expect(String(r.stdout)).not.toMatch(STACK_LINE);
  }

  it('check --shell with 10,000-deep nesting: refused (77), no stack trace', async () => {
    for (const script of [SHELL['10,000-deep command substitution']!, SHELL['10,000-deep subshells']!]) {
      const r = await run(['check', '--shell', script]);
      expectNoStack(r);
      expect(r.exitCode).toBe(77);
      expect(r.stderr).toMatch(/refused/);
    }
  });

  it('check --sql with 10,000-deep nesting: refused (77), no stack trace', async () => {
    for (const dialect of DIALECTS) {
      const r = await run(['check', '--sql', SQL['10,000-deep parentheses']!, '--dialect', dialect]);
      expectNoStack(r);
      expect({ dialect, exit: r.exitCode }).toEqual({ dialect, exit: 77 });
    }
  });

  it('check --jsonl with megabyte, NUL, surrogate and IN-list lines: one clear answer per line', async () => {
    const lines = [
      { shell: SHELL['1 MB argument'] },
      { shell: 'echo a\0b' },
      { shell: 'echo \ud800' },
      { sql: SQL['1 MB string literal'], dialect: 'mysql' },
      { sql: 'SELECT 1\0; DROP TABLE users', dialect: 'postgresql' },
      { sql: IN_LIST, dialect: 'postgresql' },
    ];
    const r = await run(['check', '--jsonl'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expectNoStack(r);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { decision: string; reason?: string; error?: string });
    expect(out).toHaveLength(lines.length);
    expect(out.slice(0, 5).map((o) => o.decision)).toEqual(['block', 'block', 'block', 'block', 'block']);
    expect(['allow', 'block']).toContain(out[5]!.decision);
    for (const o of out) expect(String(o.reason ?? o.error)).not.toMatch(STACK_LINE);
  });

  it('answers into a pipe that the reader closed early: no stack trace', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ shell: `ls -la dir${i}` })).join('\n') + '\n';
    const r = await execa('bash', ['-c', '"$0" check --jsonl | head -c 10 > /dev/null', BIN], {
      env: h.env,
      input: lines,
      reject: false,
      timeout: 60_000,
    });
    expectNoStack(r);
    expect(String(r.stderr)).not.toMatch(/EPIPE|Unhandled 'error' event/);
  });

  it('invalid UTF-8 in argv and on stdin: refused, no stack trace', async () => {
    // Raw bytes cannot be passed from JavaScript as argv, so a shell hands them over.
    const viaShell = await execa('bash', ['-c', 'exec "$0" check --shell "$(printf "cat \\xff\\xfe.txt")"', BIN], {
      env: h.env,
      reject: false,
      timeout: 30_000,
    });
    expectNoStack(viaShell);
    expect(viaShell.exitCode).toBe(77);
    const argvForm = await execa('bash', ['-c', 'exec "$0" check -- cat "$(printf "\\xc3\\x28")"', BIN], {
      env: h.env,
      reject: false,
      timeout: 30_000,
    });
    expectNoStack(argvForm);
    expect(argvForm.exitCode).toBe(77);
    const line = Buffer.concat([Buffer.from('{"shell":"cat '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('"}\n')]);
    const batch = await run(['check', '--jsonl'], line);
    expectNoStack(batch);
    expect(JSON.parse(String(batch.stdout).trim()).decision).toBe('block');
  });
});
