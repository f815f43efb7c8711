// End to end through the real binary, per host wire format, with recorded payloads: a destructive
// command refused in the host's form, an ordinary one allowed, garbage refused with exit 2, and
// every decision sealed in the audit file (proved with verifyTrail and the home's public key).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readHomePublicKeys } from '../../src/audit/keys.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { sb, tempHome } from './spawn.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/hooks');
const fixture = (host: string, name: string): string => readFileSync(path.join(FIXTURES, host, `${name}.json`), 'utf8');

function trail(t: ReturnType<typeof tempHome>): Array<Record<string, any>> {
  const bytes = readFileSync(t.audit);
  const report = verifyTrail(bytes, { publicKeys: readHomePublicKeys(t.home).map((k) => k.key) });
  expect(report.findings).toEqual([]);
  expect(report.ok).toBe(true);
  return bytes
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

interface HostCase {
  host: string;
  denied(r: { stdout: string; stderr: string; exitCode?: number }): string;
  allowed(r: { stdout: string; stderr: string; exitCode?: number }): void;
  session: string;
  cwd: string;
}

const CASES: HostCase[] = [
  {
    host: 'claude-code',
    denied: (r) => {
      expect(r.exitCode).toBe(0);
      const o = JSON.parse(r.stdout).hookSpecificOutput;
      expect(o).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
      return o.permissionDecisionReason;
    },
    allowed: (r) => {
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout).hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'allow' });
    },
    session: '8f0c6a4e-2b1d-4c55-9a0e-3d6f1b7e2a90',
    cwd: '/home/dev/project',
  },
  {
    host: 'codex',
    denied: (r) => {
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      return r.stderr;
    },
    allowed: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('');
    },
    session: '0199a3b2-7c4d-7e21-8f00-5a6b7c8d9e0f',
    cwd: '/home/dev/project',
  },
  {
    host: 'gemini',
    denied: (r) => {
      expect(r.exitCode).toBe(0);
      const o = JSON.parse(r.stdout);
      expect(o.decision).toBe('deny');
      return o.reason;
    },
    allowed: (r) => {
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ decision: 'allow' });
    },
    session: 'c7d2a1f0-5b3e-4e8a-9c61-2f4d8b0a6e13',
    cwd: '/home/dev/project',
  },
  {
    host: 'cursor',
    denied: (r) => {
      expect(r.exitCode).toBe(0);
      const o = JSON.parse(r.stdout);
      expect(o.permission).toBe('deny');
      expect(o.user_message).toMatch(/seatbelt blocked this command/);
      return o.agent_message;
    },
    allowed: (r) => {
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ permission: 'allow' });
    },
    session: '5e1b7c2a-9d3f-4a86-b0c4-71e2d9f3a8b5',
    cwd: '/home/dev/project',
  },
];

describe.each(CASES)('seatbelt hook $host (end to end)', (c) => {
  it('refuses a destructive command in the host form, naming rule, remediation and event id, and seals it', async () => {
    const t = tempHome();
    const r = await sb(['hook', c.host], { env: t.env, input: fixture(c.host, 'destructive') });
    const reason = c.denied(r);
    const recs = trail(t);
    expect(recs).toHaveLength(1);
    const rec = recs[0]!;
    expect(rec).toMatchObject({ type: 'decision', decision: 'block' });
    expect(rec.actor).toMatchObject({ agent: c.host, session: c.session, cwd: c.cwd });
    const rule = rec.rules.find((x: { blocking?: boolean }) => x.blocking).id as string;
    expect(reason).toContain(rule);
    expect(reason).toMatch(/remediation:/);
    expect(reason).toContain(rec.event_id);
  });

  it('allows an ordinary command and seals the decision', async () => {
    const t = tempHome();
    const r = await sb(['hook', c.host], { env: t.env, input: fixture(c.host, 'ordinary') });
    c.allowed(r);
    const recs = trail(t);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ type: 'decision', decision: 'allow' });
    expect(recs[0]!.actor.session).toBe(c.session);
  });

  it.each([
    ['not JSON', 'this is not json {'],
    ['an empty stdin', ''],
    ['a JSON array', '[1,2]'],
    ['a payload without its fields', '{"hook_event_name": 7}'],
  ])('refuses %s with exit 2 and the reason on stderr', async (_label, input) => {
    const t = tempHome();
    const r = await sb(['hook', c.host], { env: t.env, input });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/seatbelt: refused/);
  });
});

describe('hook details', () => {
  it('gives no opinion on tools that are not a shell, and seals nothing for them', async () => {
    for (const host of ['claude-code', 'codex', 'gemini']) {
      const t = tempHome();
      const r = await sb(['hook', host], { env: t.env, input: fixture(host, 'other-tool') });
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim() === '' || r.stdout.trim() === '{}').toBe(true);
      expect(existsSync(t.audit)).toBe(false);
    }
  });

  it('claude-code: names every bad field at once', async () => {
    const t = tempHome();
    const input = JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      cwd: 'relative/dir',
      session_id: 5,
      tool_input: { command: '' },
    });
    const r = await sb(['hook', 'claude-code'], { env: t.env, input });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/"session_id" expected a string/);
    expect(r.stderr).toMatch(/"cwd" expected an absolute path/);
  });

  it('claude-code: --no-auto-approve answers an allowed command with no opinion (the host still asks)', async () => {
    const t = tempHome();
    const r = await sb(['hook', 'claude-code', '--no-auto-approve'], { env: t.env, input: fixture('claude-code', 'ordinary') });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(trail(t)[0]!.decision).toBe('allow');
  });

  it('a bad hook command line blocks in the host form rather than exiting with a "proceed" code', async () => {
    const t = tempHome();
    const r = await sb(['hook', 'claude-code', '--no-such-flag'], { env: t.env, input: fixture('claude-code', 'ordinary') });
    expect(r.exitCode).toBe(2);
    const misspelled = await sb(['hook', 'claude'], { env: t.env, input: fixture('claude-code', 'ordinary') });
    expect(misspelled.exitCode).toBe(2);
    expect(misspelled.stderr).toMatch(/seatbelt: refused: bad hook command line/);
    const install = await sb(['hook', 'install', 'vscode'], { env: t.env });
    expect(install.exitCode).toBe(64); // the installers are for people: a usage error is a usage error
    const c = await sb(['hook', 'cursor', '--timeout', 'soon'], { env: t.env, input: fixture('cursor', 'ordinary') });
    expect(c.exitCode).toBe(2);
    expect(JSON.parse(c.stdout).permission).toBe('deny');
  });

  it('an audit file that cannot be written means deny (exit 2), never allow', async () => {
    const t = tempHome();
    const env = { ...t.env, SEATBELT_AUDIT: t.dir }; // a folder: nothing can be appended to it
    for (const host of ['claude-code', 'codex', 'gemini', 'cursor']) {
      const r = await sb(['hook', host], { env, input: fixture(host, 'ordinary') });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/could not be recorded durably|refused/);
    }
  });

  it('gemini: a relative directory is resolved against the project folder for the actor', async () => {
    const t = tempHome();
    await sb(['hook', 'gemini'], { env: t.env, input: fixture('gemini', 'ordinary') });
    expect(trail(t)[0]!.actor.cwd).toBe('/home/dev/project/src');
  });

  it('cursor: an empty cwd falls back to the first workspace root', async () => {
    const t = tempHome();
    await sb(['hook', 'cursor'], { env: t.env, input: fixture('cursor', 'ordinary') });
    expect(trail(t)[0]!.actor.cwd).toBe('/home/dev/project');
  });
});
