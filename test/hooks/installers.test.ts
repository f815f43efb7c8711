// `seatbelt hook install|uninstall <host>` for every host, through the real binary, in a scratch
// HOME and project: each writes the file its host reads, merges with what is there, is idempotent,
// keeps a backup, updates its entry when installed again with other flags, stores paths absolute,
// says plainly what an "allow" does in that host, and uninstalls to the original bytes. The
// installed command is then run the way the host runs it, with a payload of a destructive command.
import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, sb, tempHome } from './spawn.js';

type Host = 'claude-code' | 'codex' | 'gemini' | 'cursor';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch() {
  const t = tempHome();
  made.push(t.dir);
  const project = path.join(t.dir, 'project');
  mkdirSync(project);
  return { ...t, project };
}

const PROJECT_FILE: Record<Host, string> = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  gemini: '.gemini/settings.json',
  cursor: '.cursor/hooks.json',
};

/** The host's own settings, with hooks of its own, written by a person (4-space indent, key order of their own). */
const EXISTING: Record<Host, string> = {
  'claude-code': JSON.stringify(
    { model: 'opus', hooks: { PreToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --check' }] }] } },
    null,
    4,
  ),
  codex: JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }] } }, null, 4),
  gemini: JSON.stringify(
    { theme: 'GitHub', hooks: { AfterTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'npm run lint' }] }] } },
    null,
    4,
  ),
  cursor: JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: './format.sh' }] } }, null, 4),
};

/** seatbelt's hook command as stored, and the shape around it. */
function ours(host: Host, settings: any): { command: string; entry: any } {
  const list: any[] =
    host === 'claude-code' || host === 'codex'
      ? settings.hooks.PreToolUse
      : host === 'gemini'
        ? settings.hooks.BeforeTool
        : settings.hooks.beforeShellExecution;
  const found = list.filter((e) => JSON.stringify(e).includes(' hook '));
  expect(found).toHaveLength(1);
  const entry = found[0];
  return { command: host === 'cursor' ? entry.command : entry.hooks[0].command, entry };
}

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
const backups = (f: string) => readdirSync(path.dirname(f)).filter((n) => n.startsWith(`${path.basename(f)}.bak-`));

describe.each(['claude-code', 'codex', 'gemini', 'cursor'] as Host[])('seatbelt hook install %s', (host) => {
  it('writes the file the host reads, in its shape, with flags stored and paths absolute', async () => {
    const t = scratch();
    const r = await sb(['hook', 'install', host, '--role', './roles/ci.json', '--owner', 'human:alice', '--audit', 'trail.jsonl'], {
      env: t.env,
      cwd: t.project,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const file = path.join(t.project, PROJECT_FILE[host]);
    const settings = read(file);
    const { command, entry } = ours(host, settings);
    expect(command).toBe(
      `${BIN} hook ${host} --role ${path.join(t.project, 'roles', 'ci.json')} --audit ${path.join(t.project, 'trail.jsonl')} --owner human:alice`,
    );
    const shapes: Record<Host, unknown> = {
      'claude-code': { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command, timeout: 60 }] }] } },
      codex: { hooks: { PreToolUse: [{ matcher: '^Bash$', hooks: [{ type: 'command', command, timeout: 60 }] }] } },
      gemini: {
        hooks: {
          BeforeTool: [{ matcher: '^run_shell_command$', hooks: [{ name: 'seatbelt', type: 'command', command, timeout: 60000 }] }],
        },
      },
      cursor: { version: 1, hooks: { beforeShellExecution: [{ command }] } },
    };
    expect(settings).toEqual(shapes[host]);
    expect(entry).toBeTruthy();
    expect(backups(file)).toEqual([]); // a new file has nothing to back up
    // Says plainly what an allow does there.
    if (host === 'claude-code' || host === 'cursor')
      expect(r.stdout).toMatch(/allowed commands will be auto-approved: .* runs them without asking you/);
    else expect(r.stdout).toMatch(/"allow" does not approve anything in (Codex|Gemini CLI)/);
    if (host === 'codex') expect(r.stdout).toMatch(/only after you trust it: start codex, open \/hooks/);
  });

  it('merges with the settings there, keeps a backup, is idempotent, updates on other flags, and uninstalls to the original bytes', async () => {
    const t = scratch();
    const file = path.join(t.project, PROJECT_FILE[host]);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, EXISTING[host]);
    const first = await sb(['hook', 'install', host], { env: t.env, cwd: t.project });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^installed the seatbelt .* hook in .*\(backup: .*\.bak-\d{8}T\d{6}Z\)/);
    expect(backups(file)).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(file), backups(file)[0]!), 'utf8')).toBe(EXISTING[host]);
    const merged = read(file);
    // Everything that was there is still there.
    const before = JSON.parse(EXISTING[host]);
    for (const [k, v] of Object.entries(before)) if (k !== 'hooks') expect(merged[k]).toEqual(v);
    for (const [event, list] of Object.entries(before.hooks as Record<string, unknown[]>))
      expect(merged.hooks[event].slice(0, list.length)).toEqual(list);
    expect(ours(host, merged).command).toBe(`${BIN} hook ${host}`);

    const again = await sb(['hook', 'install', host], { env: t.env, cwd: t.project });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already installed .* with this command/);
    expect(backups(file)).toHaveLength(1);
    expect(read(file)).toEqual(merged);

    const updated = await sb(['hook', 'install', host, '--policy', 'strict_prod', '--no-auto-approve', '--daemon'], {
      env: t.env,
      cwd: t.project,
    });
    expect(updated.exitCode).toBe(0);
    expect(updated.stdout).toMatch(/^updated the seatbelt .* hook in .* \(it ran: .*hook [a-z-]+\)/);
    expect(updated.stdout).toMatch(/allowed commands get no opinion from seatbelt/);
    expect(ours(host, read(file)).command).toBe(`${BIN} hook ${host} --policy strict_prod --no-auto-approve --daemon`);
    expect(backups(file)).toHaveLength(2);

    const u = await sb(['hook', 'uninstall', host], { env: t.env, cwd: t.project });
    expect(u.exitCode).toBe(0);
    expect(u.stdout).toMatch(/back as it was before/);
    expect(readFileSync(file, 'utf8')).toBe(EXISTING[host]);
    const twice = await sb(['hook', 'uninstall', host], { env: t.env, cwd: t.project });
    expect(twice.stdout).toMatch(/not installed/);
    expect(readFileSync(file, 'utf8')).toBe(EXISTING[host]);
  });

  it('a file seatbelt created goes on uninstall, with its folder', async () => {
    const t = scratch();
    expect((await sb(['hook', 'install', host], { env: t.env, cwd: t.project })).exitCode).toBe(0);
    expect((await sb(['hook', 'install', host, '--owner', 'human:bob'], { env: t.env, cwd: t.project })).exitCode).toBe(0);
    const u = await sb(['hook', 'uninstall', host], { env: t.env, cwd: t.project });
    expect(u.exitCode).toBe(0);
    expect(readdirSync(t.project)).toEqual([]);
  });

  it('--user writes the user settings under HOME', async () => {
    const t = scratch();
    const r = await sb(['hook', 'install', host, '--user'], { env: t.env, cwd: t.project });
    expect(r.exitCode, r.stderr).toBe(0);
    const file = path.join(t.dir, PROJECT_FILE[host]); // HOME is t.dir
    expect(ours(host, read(file)).command).toBe(`${BIN} hook ${host}`);
    expect(readdirSync(t.project)).toEqual([]);
    expect((await sb(['hook', 'uninstall', host, '--user'], { env: t.env, cwd: t.project })).exitCode).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('a settings file that is not valid JSON is refused (78) and left untouched', async () => {
    const t = scratch();
    const file = path.join(t.project, PROJECT_FILE[host]);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"hooks": {');
    const r = await sb(['hook', 'install', host], { env: t.env, cwd: t.project });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/^seatbelt: .* is not valid JSON .* left untouched/);
    expect(readFileSync(file, 'utf8')).toBe('{"hooks": {');
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('the installed command is what the host runs: a destructive command is blocked and sealed with the owner', async () => {
    const t = scratch();
    expect((await sb(['hook', 'install', host, '--owner', 'human:alice'], { env: t.env, cwd: t.project })).exitCode).toBe(0);
    const { command } = ours(host, read(path.join(t.project, PROJECT_FILE[host])));
    const fixture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/hooks', host, 'destructive.json'), 'utf8'));
    fixture.cwd = t.project;
    if (host === 'cursor') fixture.workspace_roots = [t.project];
    // The host runs the command line through a shell, with the payload on stdin; the payload's own
    // command is only judged, never run.
    const r = await execa(command, { shell: '/bin/sh', input: JSON.stringify(fixture), env: t.env, reject: false, cwd: t.project });
    const blocked: Record<Host, () => void> = {
      'claude-code': () => expect(JSON.parse(String(r.stdout)).hookSpecificOutput.permissionDecision).toBe('deny'),
      codex: () => expect(r.exitCode).toBe(2),
      gemini: () => expect(JSON.parse(String(r.stdout)).decision).toBe('deny'),
      cursor: () => expect(JSON.parse(String(r.stdout)).permission).toBe('deny'),
    };
    blocked[host]();
    const record = JSON.parse(readFileSync(t.audit, 'utf8').trim().split('\n').at(-1)!);
    expect(record).toMatchObject({ type: 'decision', decision: 'block' });
    expect(record.actor.owner).toBe('human:alice');
  });
});

describe('host-specific checks', () => {
  it('Codex: --user honours CODEX_HOME; a hooks.json with keys Codex rejects is refused', async () => {
    const t = scratch();
    const codexHome = path.join(t.dir, 'codex-home');
    const r = await sb(['hook', 'install', 'codex', '--user'], { env: { ...t.env, CODEX_HOME: codexHome }, cwd: t.project });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(path.join(codexHome, 'hooks.json'))).toBe(true);
    const file = path.join(t.project, '.codex', 'hooks.json');
    mkdirSync(path.dirname(file));
    writeFileSync(file, '{"hooks": {}, "model": "x"}');
    const bad = await sb(['hook', 'install', 'codex'], { env: t.env, cwd: t.project });
    expect(bad.exitCode).toBe(78);
    expect(bad.stderr).toMatch(/Codex accepts only "hooks"/);
  });

  it('Cursor: a hooks.json of another version is refused', async () => {
    const t = scratch();
    const file = path.join(t.project, '.cursor', 'hooks.json');
    mkdirSync(path.dirname(file));
    writeFileSync(file, '{"version": 2, "hooks": {}}');
    const r = await sb(['hook', 'install', 'cursor'], { env: t.env, cwd: t.project });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/"version" is 2/);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 2, "hooks": {}}');
  });

  it('a role given by name stays a name; git takes only --command', async () => {
    const t = scratch();
    expect((await sb(['hook', 'install', 'gemini', '--role', 'readonly-reviewer'], { env: t.env, cwd: t.project })).exitCode).toBe(0);
    expect(ours('gemini', read(path.join(t.project, '.gemini/settings.json'))).command).toBe(`${BIN} hook gemini --role readonly-reviewer`);
    const git = await sb(['hook', 'install', 'git', '--owner', 'human:alice'], { env: t.env, cwd: t.project });
    expect(git.exitCode).toBe(64);
  });
});
