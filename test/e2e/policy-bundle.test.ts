// The fleet's signed policy bundle through the real binary: an operator signs a folder, a machine
// pins the operator key and installs the bundle; decisions then follow the bundle and every
// decision record names its hash. A changed bundle, or one signed by another key, is refused
// (78) and the bundle in force stays. The agent cannot sign, pin or install one itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seatbelt, tempHome } from './helpers.js';

const ROLE = {
  name: 'lister',
  description: 'list files only',
  allow: [{ id: 'files.list', command: 'ls', match: ['ls -la'], notMatch: ['rm -rf dist'] }],
};

/** An operator (own SEATBELT_HOME with a key) with a policy folder, and a machine that trusts that operator. */
async function fleet() {
  const t = tempHome();
  const opEnv = { ...t.env, SEATBELT_HOME: path.join(t.dir, 'operator') };
  const machineEnv = { ...t.env, SEATBELT_HOME: path.join(t.dir, 'machine'), SEATBELT_AUDIT: path.join(t.dir, 'machine', 'audit.jsonl') };
  const policyDir = path.join(t.dir, 'fleet-policy');
  mkdirSync(path.join(policyDir, 'roles'), { recursive: true });
  writeFileSync(path.join(policyDir, 'config.json'), JSON.stringify({ policy: 'strict_whitelist', role: 'lister', pin: true }));
  writeFileSync(path.join(policyDir, 'roles', 'lister.json'), JSON.stringify(ROLE));
  expect((await seatbelt(['keys', 'init'], { env: opEnv })).exitCode).toBe(0);
  const bundle = path.join(t.dir, 'bundle.json');
  const signed = await seatbelt(['policy', 'sign', policyDir, '--out', bundle], { env: opEnv });
  expect(signed.exitCode, signed.stderr).toBe(0);
  const pub = path.join(opEnv.SEATBELT_HOME, 'keys', 'public-key.pem');
  return { t, opEnv, machineEnv, policyDir, bundle, pub };
}

async function shown(env: Record<string, string>): Promise<{ bundle: { sha256: string; settings: Record<string, unknown> } | null }> {
  const r = await seatbelt(['policy', 'show', '--json'], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('seatbelt policy sign | pin | install', () => {
  it('installs a bundle that verifies: decisions follow it and every decision record carries its hash', async () => {
    const f = await fleet();
    // Without a pin nothing is installed.
    expect((await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv })).exitCode).toBe(78);
    expect((await seatbelt(['policy', 'pin', f.pub], { env: f.machineEnv })).exitCode).toBe(0);
    const inst = await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv });
    expect(inst.exitCode, inst.stderr).toBe(0);
    const hash = (await shown(f.machineEnv)).bundle!.sha256;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(inst.stdout).toContain(hash);

    // The bundle's policy and role: ls is allowed, anything else refused, loosening refused by its pin.
    expect((await seatbelt(['exec', '--', 'ls'], { env: f.machineEnv, cwd: f.t.dir })).exitCode).toBe(0);
    const touched = await seatbelt(['exec', '--', 'touch', path.join(f.t.dir, 'never')], { env: f.machineEnv, cwd: f.t.dir });
    expect(touched.exitCode).toBe(77);
    expect(touched.stderr).toContain('role.not_allowed');
    const loosened = await seatbelt(['exec', '--policy', 'audit_mode', '--', 'ls'], { env: f.machineEnv, cwd: f.t.dir });
    expect(loosened.exitCode).toBe(77);
    expect(loosened.stderr).toContain('policy.pin_violation');

    const decisions = readFileSync(f.machineEnv.SEATBELT_AUDIT, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === 'decision');
    expect(decisions).toHaveLength(3);
    for (const d of decisions) {
      expect(d.policy).toEqual({ name: 'strict_whitelist', version: expect.any(String), bundle: hash });
      expect(d.role.name).toBe('lister');
    }
    const verified = await seatbelt(['verify'], { env: f.machineEnv });
    expect(verified.exitCode, verified.stdout + verified.stderr).toBe(0);
  });

  it('refuses a bundle with one byte changed (78) and keeps the one in force', async () => {
    const f = await fleet();
    await seatbelt(['policy', 'pin', f.pub], { env: f.machineEnv });
    expect((await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv })).exitCode).toBe(0);
    const before = (await shown(f.machineEnv)).bundle!.sha256;

    // Still well-formed JSON and a well-formed bundle: only the signature can tell (a stricter policy, and one changed letter).
    const text = readFileSync(f.bundle, 'utf8');
    const changed = path.join(f.t.dir, 'changed.json');
    expect(text).toContain('"strict_whitelist"');
    writeFileSync(changed, text.replace('"strict_whitelist"', '"strict_prod"'));
    const r1 = await seatbelt(['policy', 'install', changed], { env: f.machineEnv });
    expect(r1.exitCode).toBe(78);
    const desc = path.join(f.t.dir, 'desc.json');
    writeFileSync(desc, text.replace('list files only', 'list files onlY'));
    const r2 = await seatbelt(['policy', 'install', desc], { env: f.machineEnv });
    expect(r2.exitCode).toBe(78);
    expect(r2.stderr).toContain('signature does not verify');
    expect((await seatbelt(['policy', 'verify', desc], { env: f.machineEnv })).exitCode).toBe(78);

    expect((await shown(f.machineEnv)).bundle!.sha256).toBe(before);
    expect((await seatbelt(['exec', '--', 'touch', path.join(f.t.dir, 'never')], { env: f.machineEnv, cwd: f.t.dir })).exitCode).toBe(77);
  });

  it('refuses a bundle signed by another key (78), and an installed bundle changed on disk is not loaded', async () => {
    const f = await fleet();
    await seatbelt(['policy', 'pin', f.pub], { env: f.machineEnv });
    expect((await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv })).exitCode).toBe(0);
    const before = (await shown(f.machineEnv)).bundle!.sha256;

    const otherEnv = { ...f.opEnv, SEATBELT_HOME: path.join(f.t.dir, 'other-operator') };
    writeFileSync(path.join(f.policyDir, 'config.json'), JSON.stringify({ policy: 'audit_mode' }));
    expect((await seatbelt(['keys', 'init'], { env: otherEnv })).exitCode).toBe(0);
    const foreign = path.join(f.t.dir, 'foreign.json');
    expect((await seatbelt(['policy', 'sign', f.policyDir, '--out', foreign], { env: otherEnv })).exitCode).toBe(0);
    const r = await seatbelt(['policy', 'install', foreign], { env: f.machineEnv });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain('not by the pinned operator key');
    expect((await shown(f.machineEnv)).bundle!.sha256).toBe(before);

    // Replacing the pin needs --force.
    const otherPub = path.join(otherEnv.SEATBELT_HOME, 'keys', 'public-key.pem');
    expect((await seatbelt(['policy', 'pin', otherPub], { env: f.machineEnv })).exitCode).toBe(78);

    // The installed file itself, changed behind seatbelt's back: nothing is judged under it.
    const installed = path.join(f.machineEnv.SEATBELT_HOME, 'policy', 'bundle.json');
    writeFileSync(installed, readFileSync(installed, 'utf8').replace('"pin": true', '"pin": false'));
    const c = await seatbelt(['check', '--', 'ls'], { env: f.machineEnv });
    expect(c.exitCode).toBe(78);
    expect(c.stderr).toContain('signature does not verify');
    // Installing the signed bundle again repairs it.
    expect((await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv })).exitCode).toBe(0);
    expect((await seatbelt(['check', '--', 'ls'], { env: f.machineEnv })).exitCode).toBe(0);
  });

  it('refuses a bundle signed before the one in force unless --allow-older', async () => {
    const f = await fleet();
    await seatbelt(['policy', 'pin', f.pub], { env: f.machineEnv });
    const newer = path.join(f.t.dir, 'newer.json');
    await new Promise((r) => setTimeout(r, 5));
    expect((await seatbelt(['policy', 'sign', f.policyDir, '--out', newer], { env: f.opEnv })).exitCode).toBe(0);
    expect((await seatbelt(['policy', 'install', newer], { env: f.machineEnv })).exitCode).toBe(0);
    const older = await seatbelt(['policy', 'install', f.bundle], { env: f.machineEnv });
    expect(older.exitCode).toBe(78);
    expect(older.stderr).toContain('--allow-older');
    expect((await seatbelt(['policy', 'install', '--allow-older', f.bundle], { env: f.machineEnv })).exitCode).toBe(0);
  });

  it('names every bad field of a malformed bundle and every machine-only setting in the folder', async () => {
    const f = await fleet();
    await seatbelt(['policy', 'pin', f.pub], { env: f.machineEnv });
    const bad = path.join(f.t.dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'x', settings: { policy: 'nope', audit: '/tmp/a' }, roles: { lister: { name: 'other' } } }),
    );
    const r = await seatbelt(['policy', 'install', bad], { env: f.machineEnv });
    expect(r.exitCode).toBe(78);
    for (const field of ['format', 'created', 'key_id', 'sig', 'settings.policy', 'settings.audit', 'roles.lister.name'])
      expect(r.stderr).toContain(`  ${field}:`);
    writeFileSync(path.join(f.policyDir, 'config.json'), JSON.stringify({ policy: 'safe_defaults', audit: '/tmp/x.jsonl' }));
    const s = await seatbelt(['policy', 'sign', f.policyDir, '--out', path.join(f.t.dir, 'x.json')], { env: f.opEnv });
    expect(s.exitCode).toBe(78);
    expect(s.stderr).toContain('audit');
  });

  it('the agent cannot sign, pin or install a bundle; it may show and verify one', async () => {
    const t = tempHome();
    for (const cmd of ['seatbelt policy install x.json', 'seatbelt policy pin key.pub --force', 'seatbelt policy sign ./p --out b.json']) {
      const r = await seatbelt(['check', '--json', '--shell', cmd], { env: t.env });
      expect(r.exitCode, cmd).toBe(77);
      expect(r.stdout).toContain('self_protection.guard_command');
    }
    for (const cmd of ['seatbelt policy show', 'seatbelt policy verify bundle.json']) {
      const r = await seatbelt(['check', '--shell', cmd], { env: t.env });
      expect(r.exitCode, `${cmd}: ${r.stderr}`).toBe(0);
    }
  });
});
