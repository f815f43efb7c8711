import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { seatbelt, tempHome } from './helpers.js';

describe('seatbelt check (end to end)', () => {
  it('decides without sealing or running', async () => {
    const t = tempHome();
    const allow = await seatbelt(['check', '--', 'ls', '-la'], { env: t.env });
    expect(allow.exitCode).toBe(0);
    const block = await seatbelt(['check', '--shell', 'rm -rf /'], { env: t.env });
    expect(block.exitCode).toBe(77);
    expect(existsSync(t.audit)).toBe(false);
  });

  it('answers a JSON-lines batch in order, with an error object for each bad line', async () => {
    const t = tempHome();
    const input = [
      JSON.stringify({ shell: 'ls -la' }),
      'not json',
      JSON.stringify({ argv: ['rm', '-rf', '/'] }),
      JSON.stringify({ shell: 42 }),
      JSON.stringify({ sql: 'SELECT 1', dialect: 'postgresql' }),
    ].join('\n');
    const r = await seatbelt(['check', '--jsonl'], { env: t.env, input, cwd: t.dir });
    expect(r.exitCode).toBe(0);
    const out = r.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]!.decision).toBe('allow');
    expect(out[1]).toMatchObject({ line: 2, decision: 'block' });
    expect(String(out[1]!.error)).toMatch(/not JSON/);
    expect(out[2]!.decision).toBe('block');
    expect((out[2]!.rules as string[]).length).toBeGreaterThan(0);
    expect(String(out[3]!.error)).toMatch(/"shell" expected a string, got number/);
    expect(out[4]!.decision).toBe('allow');
  });

  it('honours "policy" and "role" per batch line, and refuses an unknown policy on its own line', async () => {
    const t = tempHome();
    const input = [
      JSON.stringify({ shell: 'rm -rf ./build' }),
      JSON.stringify({ shell: 'rm -rf ./build', policy: 'read_only' }),
      JSON.stringify({ shell: 'rm -rf ./build', role: 'junior_admin' }),
      JSON.stringify({ shell: 'ls -la', role: 'junior_admin' }),
      // audit_mode lets through what safe_defaults blocks, but never a change to the guard itself.
      JSON.stringify({ shell: 'git push --force origin main', policy: 'audit_mode' }),
      JSON.stringify({ shell: 'ls', policy: 'no_such_policy' }),
    ].join('\n');
    const r = await seatbelt(['check', '--jsonl'], { env: t.env, input });
    const out = r.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.decision)).toEqual(['allow', 'block', 'block', 'allow', 'allow', 'block']);
    expect(out[1]!.rules).toContain('policy.read_only_write');
    expect(out[2]!.rules).toContain('role.not_allowed');
    expect(out[4]!.rules).toContain('git.push_force');
    expect(out[4]!.would_block).toContain('git.push_force');
    expect(String(out[5]!.error)).toMatch(/unknown policy "no_such_policy"/);
  });
});
