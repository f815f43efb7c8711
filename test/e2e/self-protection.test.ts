// The guard cannot be switched off by what it guards (issue 11), end to end through bin/seatbelt in
// a scratch home and project: seatbelt issued by the agent, a `HOME=` override, a project config
// that loosens (untrusted: no effect; trusted by the operator: applies), one that tightens, a trail
// a project file tries to move, writes to the guard's own files — and everyday reads still allowed.
// Every destructive target is a scratch `.git` that must survive.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seatbelt, tempHome } from './helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A scratch home and a scratch repository with a dummy `.git` that a failing guard would delete. */
function scratch(project?: Record<string, unknown>) {
  const t = tempHome();
  made.push(t.dir);
  const repo = path.join(t.dir, 'repo');
  fs.mkdirSync(path.join(repo, '.git', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  if (project) fs.writeFileSync(path.join(repo, '.seatbelt.json'), JSON.stringify(project));
  // No SEATBELT_AUDIT: the trail's place comes from the settings, which a project file must not move.
  const env = { SEATBELT_HOME: t.home, HOME: t.dir, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const gitIntact = () => fs.existsSync(path.join(repo, '.git', 'HEAD'));
  const records = () => {
    const file = path.join(t.home, 'audit.jsonl');
    return fs.existsSync(file)
      ? fs
          .readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, any>)
      : [];
  };
  return { ...t, repo, env, gitIntact, records };
}

const claudePayload = (cwd: string, command: string) =>
  JSON.stringify({
    session_id: 's1',
    transcript_path: '/dev/null',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
  });

describe('seatbelt issued by the agent', () => {
  it('a nested seatbelt with its own policy is refused, and the scratch .git survives', async () => {
    const s = scratch();
    for (const inner of [
      'seatbelt exec --policy audit_mode -- rm -rf .git',
      `${path.resolve('bin/seatbelt')} exec --policy=audit_mode -- rm -rf .git`,
    ]) {
      const r = await seatbelt(['exec', '--shell', inner], { env: s.env, cwd: s.repo });
      expect(r.exitCode, r.stderr).toBe(77);
      expect(r.stderr).toMatch(/self_protection\.guard_command/);
      expect(s.gitIntact()).toBe(true);
    }
  });

  it('a HOME= override in front of seatbelt is refused', async () => {
    const s = scratch();
    const r = await seatbelt(['exec', '--shell', 'HOME=/tmp/evil seatbelt exec --policy audit_mode -- rm -rf .git'], {
      env: s.env,
      cwd: s.repo,
    });
    expect(r.exitCode).toBe(77);
    expect(r.stderr).toMatch(/self_protection\.guard_command/);
    expect(s.gitIntact()).toBe(true);
  });

  it('the hook refuses a nested seatbelt and uninstalling the hook, and allows reading the trail', async () => {
    const s = scratch();
    for (const command of [
      'seatbelt exec --policy audit_mode -- rm -rf .git',
      'seatbelt hook uninstall claude-code',
      'seatbelt keys rotate',
    ]) {
      const r = await seatbelt(['hook', 'claude-code'], { env: s.env, cwd: s.repo, input: claudePayload(s.repo, command) });
      expect(JSON.parse(r.stdout).hookSpecificOutput, command).toMatchObject({ permissionDecision: 'deny' });
    }
    const ok = await seatbelt(['hook', 'claude-code'], {
      env: s.env,
      cwd: s.repo,
      input: claudePayload(s.repo, 'seatbelt audit tail -n 5'),
    });
    expect(JSON.parse(ok.stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'allow' });
  });

  it('the inner command of a nested seatbelt is judged under the outer settings', async () => {
    const s = scratch();
    const r = await seatbelt(['check', '--json', '--shell', 'seatbelt exec -- rm -rf .git'], { env: s.env, cwd: s.repo });
    expect(r.exitCode).toBe(77);
    expect(JSON.parse(r.stdout).rules).toContain('filesystem.recursive_delete_git_dir');
  });
});

describe('settings come from the operator', () => {
  it('HOME in the environment does not move the operator files: the home comes from the password database', async () => {
    const evil = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-evil-home-'));
    made.push(evil);
    // `config show` only reads; without SEATBELT_HOME the home is the account's, not $HOME.
    const r = await seatbelt(['config', 'show', '--json'], {
      env: { HOME: evil, SEATBELT_HOME: '', PATH: process.env.PATH ?? '' },
      cwd: evil,
    });
    expect(r.exitCode).toBe(0);
    const shown = JSON.parse(r.stdout);
    expect(shown.settings.home).toBe(path.join(os.userInfo().homedir, '.seatbelt'));
    expect(shown.settings.home.startsWith(evil)).toBe(false);
  });

  it('an untrusted project config that loosens has no effect, says so, and seals the notice', async () => {
    const s = scratch({ policy: 'audit_mode' });
    const r = await seatbelt(['exec', '--shell', 'rm -rf .git'], { env: s.env, cwd: s.repo });
    expect(r.exitCode).toBe(77);
    expect(s.gitIntact()).toBe(true);
    expect(r.stderr).toMatch(/untrusted project config .*policy/);
    const decision = s.records().find((x) => x.type === 'decision');
    expect(decision?.policy?.name ?? decision?.policy).toMatch(/safe_defaults/);
    expect(JSON.stringify(decision)).toMatch(/self_protection\.untrusted_project_config/);
  });

  it('the operator can trust that exact file; a change withdraws the trust', async () => {
    const s = scratch({ policy: 'audit_mode' });
    // Only checked, never run: a destructive command audit_mode lets through (a guarded path would not be).
    const destructive = ['check', '--shell', 'git push --force origin main'];
    const before = await seatbelt(destructive, { env: s.env, cwd: s.repo });
    expect(before.exitCode).toBe(77);
    const t = await seatbelt(['trust'], { env: s.env, cwd: s.repo });
    expect(t.exitCode, t.stderr).toBe(0);
    expect((await seatbelt(['trust', '--list'], { env: s.env, cwd: s.repo })).stdout).toMatch(/^trusted .*\.seatbelt\.json/m);
    expect((await seatbelt(destructive, { env: s.env, cwd: s.repo })).exitCode).toBe(0);
    // Even trusted audit_mode never lets the guard's own state be touched.
    expect((await seatbelt(['check', '--shell', 'rm -rf .git'], { env: s.env, cwd: s.repo })).exitCode).toBe(77);
    fs.writeFileSync(path.join(s.repo, '.seatbelt.json'), JSON.stringify({ policy: 'audit_mode', dialect: 'mysql' }));
    expect((await seatbelt(destructive, { env: s.env, cwd: s.repo })).exitCode).toBe(77);
    expect((await seatbelt(['trust', '--list'], { env: s.env, cwd: s.repo })).stdout).toMatch(/^changed /m);
    expect((await seatbelt(['trust', '--revoke'], { env: s.env, cwd: s.repo })).stdout).toMatch(/no longer trusted/);
  });

  it('a project config that tightens applies', async () => {
    const s = scratch({ policy: 'read_only' });
    const r = await seatbelt(['exec', '--', 'touch', 'made-by-agent'], { env: s.env, cwd: s.repo });
    expect(r.exitCode).toBe(77);
    expect(fs.existsSync(path.join(s.repo, 'made-by-agent'))).toBe(false);
  });

  it('a project file cannot move the trail', async () => {
    const s = scratch({ audit: 'hidden.jsonl' });
    const r = await seatbelt(['exec', '--', 'true'], { env: s.env, cwd: s.repo });
    expect(r.exitCode).toBe(0);
    expect(fs.existsSync(path.join(s.repo, 'hidden.jsonl'))).toBe(false);
    expect(s.records().some((x) => x.type === 'decision')).toBe(true);
  });

  it('the pin cannot be lifted by an environment variable on the agent command line', async () => {
    const s = scratch();
    fs.mkdirSync(s.home, { recursive: true });
    fs.writeFileSync(path.join(s.home, 'config.json'), JSON.stringify({ pin: true, policy: 'safe_defaults' }));
    const nested = await seatbelt(['exec', '--shell', 'SEATBELT_PIN=0 seatbelt exec --policy audit_mode -- rm -rf .git'], {
      env: s.env,
      cwd: s.repo,
    });
    expect(nested.exitCode).toBe(77);
    const direct = await seatbelt(['exec', '--policy', 'audit_mode', '--', 'true'], { env: { ...s.env, SEATBELT_PIN: '0' }, cwd: s.repo });
    expect(direct.exitCode).toBe(77);
    expect(direct.stderr).toMatch(/policy\.pin_violation/);
    expect(s.gitIntact()).toBe(true);
  });
});

describe("the guard's own state", () => {
  it('writes to the trail, the config, a project config and the hooks are refused', async () => {
    const s = scratch({ policy: 'read_only' });
    await seatbelt(['exec', '--', 'true'], { env: { ...s.env }, cwd: s.dir }); // makes the trail and key
    const trail = path.join(s.home, 'audit.jsonl');
    const size = fs.statSync(trail).size;
    for (const script of [
      `: > ${trail}`,
      `rm -rf ${s.home}`,
      `echo '{}' > ${path.join(s.home, 'config.json')}`,
      "echo '{}' > .seatbelt.json",
      'rm .git/hooks/pre-commit',
      "mkdir -p .claude && echo '{}' > .claude/settings.json",
    ]) {
      const r = await seatbelt(['exec', '--policy', 'strict_prod', '--shell', script], { env: s.env, cwd: s.repo });
      expect(r.exitCode, script).toBe(77);
      expect(r.stderr, script).toMatch(/self_protection\./);
    }
    expect(fs.statSync(trail).size).toBeGreaterThan(size); // only grew: refusals are sealed
    expect(JSON.parse(fs.readFileSync(path.join(s.repo, '.seatbelt.json'), 'utf8'))).toEqual({ policy: 'read_only' });
  });

  it('everyday reads of the same files stay allowed', async () => {
    const s = scratch({ policy: 'safe_defaults' });
    fs.writeFileSync(path.join(s.dir, '.bashrc'), '# rc\n');
    for (const script of ['cat .seatbelt.json', 'cat ~/.bashrc', 'ls .git/hooks']) {
      const r = await seatbelt(['exec', '--shell', script], { env: s.env, cwd: s.repo });
      expect(r.exitCode, `${script}: ${r.stderr}`).toBe(0);
    }
    expect((await seatbelt(['audit', 'tail', '-n', '1'], { env: s.env, cwd: s.repo })).exitCode).toBe(0);
    expect((await seatbelt(['check', '--shell', 'git commit -m "docs: seatbelt"'], { env: s.env, cwd: s.repo })).exitCode).toBe(0);
    expect((await seatbelt(['check', '--shell', 'seatbelt verify'], { env: s.env, cwd: s.repo })).exitCode).toBe(0);
  });
});
