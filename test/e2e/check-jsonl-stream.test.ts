// `check --jsonl` answers the lines of each read as soon as they are decided (issue 19: batch at
// line rate without a write per line): a client that sends one line and waits gets its answer
// before it closes stdin, and lines split the way readline splits them keep their numbers.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertFreshBundle, BIN, tempHome } from './helpers.js';

describe('check --jsonl as a stream', () => {
  it('answers a line before stdin closes, and numbers lines split by \\n, \\r\\n (also across reads) and \\r', async () => {
    assertFreshBundle();
    const t = tempHome();
    const child = spawn(BIN, ['check', '--jsonl'], { env: { ...process.env, ...t.env }, cwd: t.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    let waiting: (() => void) | undefined;
    child.stdout.on('data', (d) => {
      out += d;
      waiting?.();
    });
    const lines = (n: number) =>
      new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${n} answer lines within 60 s: ${JSON.stringify(out)} ${err}`)), 60_000);
        waiting = () => {
          const got = out.split('\n').filter(Boolean);
          if (got.length < n) return;
          clearTimeout(timer);
          waiting = undefined;
          resolve(got);
        };
        waiting();
      });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    child.stdin.write('{"argv":["ls","-la"]}\n');
    const first = await lines(1); // stdin is still open
    expect(JSON.parse(first[0]!).decision).toBe('allow');

    child.stdin.write('{"shell":"rm -rf /"}\r');
    await new Promise((r) => setTimeout(r, 200));
    child.stdin.write('\nnot json\r{"shell":"git status"}');
    child.stdin.end();
    expect(await exited).toBe(0);
    const all = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { decision: string; line?: number; error?: string });
    expect(all.map((a) => a.decision)).toEqual(['allow', 'block', 'block', 'allow']);
    expect(all[1]!.error).toBeUndefined(); // a refusal, not a bad line: the \r\n split across reads is one break
    expect(all[2]).toMatchObject({ line: 3 });
    expect(all[2]!.error).toContain('not JSON');
  }, 120_000);
});
