// `seatbelt init` scaffolds the project config and a key, prints next steps, never overwrites.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sb, tempHome } from './spawn.js';

describe('seatbelt init (end to end)', () => {
  it('writes .seatbelt.json, creates a key, prints the next steps; a second run changes nothing', async () => {
    const t = tempHome();
    const project = path.join(t.dir, 'project');
    mkdirSync(project);
    const r = await sb(['init', '--policy', 'read_only'], { env: t.env, cwd: project });
    expect(r.exitCode).toBe(0);
    const config = path.join(project, '.seatbelt.json');
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({ policy: 'read_only', role: null });
    const key = path.join(t.home, 'keys', 'private-key.pem');
    expect(existsSync(key)).toBe(true);
    expect(r.stdout).toMatch(/created a signing key/);
    expect(r.stdout).toMatch(/seatbelt hook install claude-code/);
    expect(r.stdout).toMatch(/seatbelt hook install git/);
    expect(r.stdout).toContain(t.audit);
    const keyBytes = readFileSync(key, 'utf8');
    writeFileSync(config, '{"policy": "strict_prod"}\n');
    const again = await sb(['init'], { env: t.env, cwd: project });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already exists: left unchanged/);
    expect(again.stdout).toMatch(/signing key found/);
    expect(readFileSync(config, 'utf8')).toBe('{"policy": "strict_prod"}\n');
    expect(readFileSync(key, 'utf8')).toBe(keyBytes);
  });

  it('refuses an unknown policy without writing anything', async () => {
    const t = tempHome();
    const r = await sb(['init', '--policy', 'yolo', '--no-keys'], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/policy/);
    expect(existsSync(path.join(t.dir, '.seatbelt.json'))).toBe(false);
  });
});
