// Installing into Claude Code settings merges, backs up, is idempotent and removes only our entry;
// the git pre-commit hook never replaces someone else's.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installClaudeCode, uninstallClaudeCode } from '../../src/adapters/hooks/install.js';
import { installGitHook, uninstallGitHook } from '../../src/adapters/hooks/git-hook.js';
import { BIN, sb, tempHome } from './spawn.js';
import { scratchDir } from '../setup/scratch.js';

const CMD = '/opt/seatbelt/bin/seatbelt hook claude-code';
const tmp = () => scratchDir('seatbelt-install-');

const EXISTING = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test)'] },
  hooks: {
    PreToolUse: [{ matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'prettier --check' }] }],
    PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo done' }] }],
  },
};

describe('installClaudeCode / uninstallClaudeCode', () => {
  it('creates the settings file when there is none (no backup needed)', () => {
    const file = path.join(tmp(), '.claude', 'settings.json');
    const r = installClaudeCode(file, CMD);
    expect(r).toMatchObject({ changed: true });
    expect(r.backup).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: CMD, timeout: 60 }] }] },
    });
  });

  it('merges into existing settings, backs the file up first, and is idempotent', () => {
    const dir = tmp();
    const file = path.join(dir, 'settings.json');
    const original = JSON.stringify(EXISTING, null, 4);
    writeFileSync(file, original);
    const r = installClaudeCode(file, CMD, new Date('2025-02-03T04:05:06Z'));
    expect(r.changed).toBe(true);
    expect(r.backup).toBe(`${file}.bak-20250203T040506Z`);
    expect(readFileSync(r.backup!, 'utf8')).toBe(original);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.model).toBe('opus');
    expect(after.permissions).toEqual(EXISTING.permissions);
    expect(after.hooks.PostToolUse).toEqual(EXISTING.hooks.PostToolUse);
    expect(after.hooks.PreToolUse).toEqual([
      ...EXISTING.hooks.PreToolUse,
      { matcher: 'Bash', hooks: [{ type: 'command', command: CMD, timeout: 60 }] },
    ]);
    const again = installClaudeCode(file, CMD);
    expect(again.changed).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('.bak-'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(after);
    // Another command (other flags, another seatbelt) updates the entry in place instead of being ignored.
    const other = installClaudeCode(file, '/other/path/seatbelt hook claude-code --policy read_only');
    expect(other).toMatchObject({ changed: true, replaced: CMD });
    expect(JSON.parse(readFileSync(file, 'utf8')).hooks.PreToolUse).toEqual([
      ...EXISTING.hooks.PreToolUse,
      { matcher: 'Bash', hooks: [{ type: 'command', command: '/other/path/seatbelt hook claude-code --policy read_only', timeout: 60 }] },
    ]);
  });

  it('uninstall removes only our entry and leaves everything else as it was', () => {
    const file = path.join(tmp(), 'settings.json');
    const mixed = structuredClone(EXISTING) as any;
    mixed.hooks.PreToolUse.push({
      matcher: 'Bash',
      hooks: [
        { type: 'command', command: 'my-own-guard' },
        { type: 'command', command: `'/x y/seatbelt' hook claude-code --policy read_only` },
      ],
    });
    writeFileSync(file, JSON.stringify(mixed));
    installClaudeCode(file, CMD); // already installed (the second group holds our command): no change
    const r = uninstallClaudeCode(file);
    expect(r.changed).toBe(true);
    expect(existsSync(r.backup!)).toBe(true);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.hooks.PreToolUse).toEqual([
      EXISTING.hooks.PreToolUse[0],
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'my-own-guard' }] },
    ]);
    expect(after.hooks.PostToolUse).toEqual(EXISTING.hooks.PostToolUse);
    expect(uninstallClaudeCode(file).changed).toBe(false);
  });

  it('install then uninstall gives back the original settings', () => {
    const file = path.join(tmp(), 'settings.json');
    writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    installClaudeCode(file, CMD);
    uninstallClaudeCode(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark' });
  });

  it.each([
    ['invalid JSON', '{"hooks": {', /not valid JSON/],
    ['a JSON array', '[]', /must hold a JSON object/],
    ['hooks that is not an object', '{"hooks": []}', /"hooks" must be an object/],
    ['PreToolUse that is not an array', '{"hooks": {"PreToolUse": {}}}', /"hooks.PreToolUse" must be an array/],
  ])('refuses %s with a clear error and leaves the file untouched', (_l, text, message) => {
    const dir = tmp();
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, text);
    expect(() => installClaudeCode(file, CMD)).toThrow(message);
    expect(() => uninstallClaudeCode(file)).toThrow(message);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('seatbelt hook install claude-code (end to end)', () => {
  it('--project writes ./.claude/settings.json with the policy baked into the command; --user writes ~/.claude', async () => {
    const t = tempHome();
    const project = path.join(t.dir, 'project');
    mkdirSync(project);
    const r = await sb(['hook', 'install', 'claude-code', '--project', '--policy', 'read_only'], { env: t.env, cwd: project });
    expect(r.exitCode).toBe(0);
    const settings = JSON.parse(readFileSync(path.join(project, '.claude', 'settings.json'), 'utf8'));
    const command = settings.hooks.PreToolUse[0].hooks[0].command as string;
    expect(command).toBe(`${BIN} hook claude-code --policy read_only`);
    const u = await sb(['hook', 'install', 'claude-code', '--user'], { env: t.env, cwd: project });
    expect(u.exitCode).toBe(0);
    expect(existsSync(path.join(t.dir, '.claude', 'settings.json'))).toBe(true);
    const bad = await sb(['hook', 'install', 'claude-code', '--user', '--project'], { env: t.env, cwd: project });
    expect(bad.exitCode).toBe(64);
  });
});

describe('seatbelt hook install git', () => {
  const repo = () => {
    const dir = tmp();
    execFileSync('git', ['init', '-q', dir]);
    return dir;
  };

  it('installs an executable pre-commit hook that runs scan --staged, idempotently, and uninstalls it', () => {
    const dir = repo();
    const r = installGitHook(dir, BIN);
    const file = path.join(dir, '.git', 'hooks', 'pre-commit');
    expect(r).toMatchObject({ changed: true, file });
    expect(readFileSync(file, 'utf8')).toContain(`exec ${BIN} scan --staged`);
    expect(statSync(file).mode & 0o111).not.toBe(0);
    expect(installGitHook(dir, BIN).changed).toBe(false);
    expect(uninstallGitHook(dir).changed).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it("refuses to replace someone else's pre-commit hook, and leaves it as it was", () => {
    const dir = repo();
    const file = path.join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(file, '#!/bin/sh\nnpm run lint\n', { mode: 0o755 });
    expect(() => installGitHook(dir, BIN)).toThrow(/already exists.*scan --staged \|\| exit 1/s);
    expect(readFileSync(file, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    expect(uninstallGitHook(dir).changed).toBe(false);
    expect(existsSync(file)).toBe(true);
  });
});
