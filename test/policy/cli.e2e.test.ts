// `seatbelt roles …` and `seatbelt config show` through the real binary (npm run build first).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { sha256Hex } from '../../src/policy/role/load.js';
import { seatbelt as spawnSeatbelt, tempHome } from '../e2e/helpers.js';

const ROLES_DIR = path.resolve(import.meta.dirname, '../../roles');
const ready = (await defaultAnalyzer.analyze({ kind: 'shell', script: 'ls' }, { cwd: '/', home: '/root' })).shell !== undefined;

async function seatbelt(args: string[], opts: Parameters<typeof spawnSeatbelt>[1] = {}) {
  const r = await spawnSeatbelt(args, opts);
  return { exitCode: r.exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

function setup() {
  const t = tempHome();
  const project = path.join(t.dir, 'project');
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  fs.mkdirSync(t.home, { recursive: true });
  return { ...t, project };
}

describe('seatbelt roles', () => {
  it('list names every shipped role with its description', async () => {
    const t = setup();
    const r = await seatbelt(['roles', 'list'], { env: t.env });
    expect(r.exitCode).toBe(0);
    for (const name of ['junior_admin', 'devops_senior', 'mlops_engineer', 'ci_runner'])
      expect(r.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
    const json = JSON.parse((await seatbelt(['roles', 'list', '--json'], { env: t.env })).stdout) as { name: string; rules: number }[];
    expect(json.map((x) => x.name)).toContain('junior_admin');
  });

  it('show prints the file, its SHA-256 and the rules', async () => {
    const t = setup();
    const r = await seatbelt(['roles', 'show', 'junior_admin'], { env: t.env });
    expect(r.exitCode).toBe(0);
    const sha = sha256Hex(fs.readFileSync(path.join(ROLES_DIR, 'junior_admin.json')));
    expect(r.stdout).toContain(`sha256: ${sha}`);
    expect(r.stdout).toMatch(/git\.read/);
    const json = JSON.parse((await seatbelt(['roles', 'show', 'junior_admin', '--json'], { env: t.env })).stdout);
    expect(json.sha256).toBe(sha);
    const missing = await seatbelt(['roles', 'show', 'nope'], { env: t.env });
    expect(missing.exitCode).toBe(78);
    expect(missing.stderr).toMatch(/role "nope" not found/);
  });

  it('lint reports every bad field of a file at once (exit 1), ok for a good one', async () => {
    const t = setup();
    const bad = path.join(t.dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'X', allow: [{ id: 'a', command: 'ls', forbidFlag: ['-f'], match: [] }] }));
    const r = await seatbelt(['roles', 'lint', bad, path.join(ROLES_DIR, 'ci_runner.json')], { env: t.env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`invalid ${bad}`);
    for (const p of ['name:', 'description:', 'allow[0].forbidFlag:', 'allow[0].match:', 'allow[0].notMatch:'])
      expect(r.stdout).toContain(p);
    expect(r.stdout).toContain(`ok      ${path.join(ROLES_DIR, 'ci_runner.json')}`);
    const good = await seatbelt(['roles', 'lint', 'junior_admin'], { env: t.env });
    expect(good.exitCode).toBe(0);
  });

  it.skipIf(!ready)('test runs the examples and prints each result (exit 1 when one fails)', async () => {
    const t = setup();
    const file = path.join(t.dir, 'mine.json');
    const role = {
      name: 'mine',
      description: 'lists',
      allow: [{ id: 'ls.any', command: 'ls', match: ['ls -la'], notMatch: ['ls; rm -rf ~'] }],
    };
    fs.writeFileSync(file, JSON.stringify(role));
    const ok = await seatbelt(['roles', 'test', file], { env: t.env });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^pass {2}ls\.any {2}match {3}.*ls -la$/m);
    expect(ok.stdout).toMatch(/^pass {2}ls\.any {2}notMatch {2}ls; rm -rf ~$/m);
    expect(ok.stdout).toContain('mine: 2 of 2 examples pass');
    fs.writeFileSync(file, JSON.stringify({ ...role, allow: [{ ...role.allow[0], notMatch: ['ls /etc'] }] }));
    const bad = await seatbelt(['roles', 'test', file], { env: t.env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL {2}ls\.any {2}notMatch {2}ls \/etc$/m);
    expect(bad.stdout).toContain('the role allows it');
    const shipped = await seatbelt(['roles', 'test', 'junior_admin', '--json'], { env: t.env });
    expect(shipped.exitCode).toBe(0);
    expect(
      shipped.stdout
        .trim()
        .split('\n')
        .every((l: string) => JSON.parse(l).ok === true),
    ).toBe(true);
  });
});

describe('seatbelt config show', () => {
  it('prints each setting with its source and file', async () => {
    const t = setup();
    fs.writeFileSync(path.join(t.home, 'config.json'), JSON.stringify({ policy: 'read_only', owner: 'human:ops' }));
    fs.writeFileSync(path.join(t.project, '.seatbelt.json'), JSON.stringify({ role: 'junior_admin', dialect: 'mysql' }));
    const r = await seatbelt(['config', 'show', '--agent', 'claude'], { env: { ...t.env, SEATBELT_DIALECT: 'sqlite' }, cwd: t.project });
    expect(r.exitCode).toBe(0);
    const row = (k: string) =>
      r.stdout
        .split('\n')
        .find((l) => l.startsWith(k + ' '))!
        .replace(/\s+/g, ' ');
    expect(row('policy')).toBe(`policy read_only user ${path.join(t.home, 'config.json')}`);
    expect(row('role')).toBe(`role junior_admin project ${path.join(t.project, '.seatbelt.json')}`);
    expect(row('dialect')).toBe('dialect sqlite env');
    expect(row('agent')).toBe('agent claude flag');
    expect(row('owner')).toMatch(/^owner human:ops user/);
    expect(row('recordInput')).toBe('recordInput false default');
    const json = JSON.parse((await seatbelt(['config', 'show', '--json'], { env: t.env, cwd: t.project })).stdout);
    expect(json.sources).toMatchObject({ policy: 'user', role: 'project', dialect: 'project', audit: 'env' });
    expect(json.settings.audit).toBe(t.audit);
  });

  it('refuses to loosen a pin (exit 77) and shows the pin', async () => {
    const t = setup();
    fs.writeFileSync(path.join(t.home, 'config.json'), JSON.stringify({ policy: 'strict_whitelist', role: 'junior_admin', pin: true }));
    const r = await seatbelt(['config', 'show', '--policy', 'audit_mode'], { env: t.env, cwd: t.project });
    expect(r.exitCode).toBe(77);
    expect(r.stdout).toMatch(/^policy\s+strict_whitelist \(pinned\)\s+user/m);
    expect(r.stdout).toContain('pinned by the user config: policy strict_whitelist, role junior_admin');
    expect(r.stdout).toMatch(/REFUSED: refused to loosen the pinned guard: policy audit_mode .* \(from flag\)/);
    const tighter = await seatbelt(['config', 'show', '--policy', 'strict_prod'], { env: t.env, cwd: t.project });
    expect(tighter.exitCode).toBe(0);
    expect(tighter.stdout).toMatch(/^policy\s+strict_prod \(pinned\)\s+flag/m);
  });

  it('a bad setting is a configuration error (exit 78) naming it', async () => {
    const t = setup();
    const r = await seatbelt(['config', 'show'], { env: { ...t.env, SEATBELT_POLICY: 'lenient' }, cwd: t.project });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain('SEATBELT_POLICY: unknown policy "lenient"');
    fs.writeFileSync(path.join(t.project, '.seatbelt.json'), JSON.stringify({ pin: true, policy: 'x' }));
    const p = await seatbelt(['config', 'show'], { env: t.env, cwd: t.project });
    expect(p.exitCode).toBe(78);
    expect(p.stderr).toMatch(/pin: expected no "pin" here/);
    expect(p.stderr).toMatch(/policy: expected one of/);
  });
});
