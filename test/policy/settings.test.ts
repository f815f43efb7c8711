// Settings: precedence flag > env > project > user > default with the source of each; project
// config discovery; validation; pinning (loosening refused, tightening accepted).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SeatbeltError } from '../../src/core/error.js';
import { findProjectConfig, readConfig, updateConfig } from '../../src/policy/config.js';
import { loosening, pinViolationMatch } from '../../src/policy/pin.js';
import { isAtLeastAsStrict, loadPolicy, POLICY_NAMES } from '../../src/policy/policies.js';
import { resolveSettings, type SettingsFlags } from '../../src/policy/settings.js';
import { openGuard, withOverrides } from '../../src/policy/guard.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-settings-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
let homeDir: string;
let project: string;
beforeEach(() => {
  const base = path.join(root, String(n++));
  homeDir = path.join(base, 'home');
  project = path.join(base, 'repo');
  fs.mkdirSync(path.join(homeDir, '.seatbelt'), { recursive: true });
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  fs.mkdirSync(path.join(project, 'pkg', 'sub'), { recursive: true });
});

const userConfig = (data: unknown) => fs.writeFileSync(path.join(homeDir, '.seatbelt', 'config.json'), JSON.stringify(data));
const projectConfig = (data: unknown, dir = project) => fs.writeFileSync(path.join(dir, '.seatbelt.json'), JSON.stringify(data));
/** The operator trusts the project file as it is now (what `seatbelt trust` records). */
const trustProject = (dir = project) => {
  const file = path.join(homeDir, '.seatbelt', 'config.json');
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const projectFile = path.join(dir, '.seatbelt.json');
  const sha256 = createHash('sha256').update(fs.readFileSync(projectFile)).digest('hex');
  fs.writeFileSync(file, JSON.stringify({ ...current, trusted: [{ path: projectFile, sha256 }] }));
};
const resolve = (flags: SettingsFlags = {}, env: Record<string, string> = {}, cwd = path.join(project, 'pkg', 'sub')) =>
  resolveSettings({ flags, env, cwd, homeDir });

describe('precedence', () => {
  it('defaults, each with source "default"', () => {
    const r = resolve();
    expect(r.settings).toEqual({
      policy: 'safe_defaults',
      role: null,
      dialect: 'postgresql',
      audit: path.join(homeDir, '.seatbelt', 'audit.jsonl'),
      agent: null,
      owner: null,
      home: path.join(homeDir, '.seatbelt'),
      keys: path.join(homeDir, '.seatbelt', 'keys'),
      autoKeys: true,
      recordInput: false,
      lockTimeoutMs: 5000,
      environment: null,
    });
    expect(new Set(Object.values(r.sources))).toEqual(new Set(['default']));
    expect(r.files).toEqual({ project: null, user: null });
    expect(r.pin).toBeNull();
    expect(r.checkpoint).toBeNull();
  });

  it('flag > env > project > user > default, setting by setting', () => {
    userConfig({ policy: 'read_only', dialect: 'sqlite', agent: 'user-agent', owner: 'human:ops', lockTimeoutMs: 100 });
    projectConfig({ policy: 'strict_prod', dialect: 'mysql', agent: 'project-agent', role: 'junior_admin' });
    trustProject();
    const env = { SEATBELT_POLICY: 'strict_whitelist', SEATBELT_DIALECT: 'bigquery' };
    const r = resolve({ policy: 'audit_mode' }, env);
    expect(r.settings.policy).toBe('audit_mode');
    expect(r.sources.policy).toBe('flag');
    expect([r.settings.dialect, r.sources.dialect]).toEqual(['bigquery', 'env']);
    expect([r.settings.agent, r.sources.agent]).toEqual(['project-agent', 'project']);
    expect([r.settings.role, r.sources.role]).toEqual(['junior_admin', 'project']);
    expect([r.settings.owner, r.sources.owner]).toEqual(['human:ops', 'user']);
    expect([r.settings.lockTimeoutMs, r.sources.lockTimeoutMs]).toEqual([100, 'user']);
    expect([r.settings.recordInput, r.sources.recordInput]).toEqual([false, 'default']);
    expect(r.files).toEqual({ project: path.join(project, '.seatbelt.json'), user: path.join(homeDir, '.seatbelt', 'config.json') });
    // Without the flag, the environment wins; without that, the project; then the user.
    expect(resolve({}, env).sources.policy).toBe('env');
    expect(resolve({}).sources.policy).toBe('project');
    fs.rmSync(path.join(project, '.seatbelt.json'));
    expect(resolve({}).settings.policy).toBe('read_only');
  });

  it('SEATBELT_HOME moves the user config, keys and the default audit file', () => {
    const alt = path.join(homeDir, 'alt');
    fs.mkdirSync(alt);
    fs.writeFileSync(path.join(alt, 'config.json'), JSON.stringify({ agent: 'alt' }));
    const r = resolve({}, { SEATBELT_HOME: alt });
    expect([r.settings.home, r.sources.home]).toEqual([alt, 'env']);
    expect(r.settings.agent).toBe('alt');
    expect(r.settings.audit).toBe(path.join(alt, 'audit.jsonl'));
    expect(r.settings.keys).toBe(path.join(alt, 'keys'));
  });

  it('paths in a config file are relative to that file; on the command line to the working folder', () => {
    projectConfig({ audit: 'logs/audit.jsonl', role: 'roles/team.json' });
    trustProject();
    const r = resolve();
    expect(r.settings.audit).toBe(path.join(project, 'logs', 'audit.jsonl'));
    expect(r.settings.role).toBe(path.join(project, 'roles', 'team.json'));
    const cwd = path.join(project, 'pkg');
    expect(resolve({ audit: 'a.jsonl', role: './r.json' }, {}, cwd).settings).toMatchObject({
      audit: path.join(cwd, 'a.jsonl'),
      role: path.join(cwd, 'r.json'),
    });
    expect(resolve({ role: 'none' }).settings.role).toBeNull();
  });
});

describe('an untrusted project config may only tighten', () => {
  it('ignores a looser policy, a cleared or swapped role, a moved trail or keys, and the operator-only names', () => {
    userConfig({ policy: 'strict_prod', role: 'junior_admin', recordInput: true });
    projectConfig({
      policy: 'audit_mode',
      role: null,
      audit: '/tmp/hidden.jsonl',
      keys: 'k',
      autoKeys: false,
      owner: 'human:ceo',
      agent: 'x',
      recordInput: false,
    });
    const r = resolve();
    expect(r.settings).toMatchObject({
      policy: 'strict_prod',
      role: 'junior_admin',
      audit: path.join(homeDir, '.seatbelt', 'audit.jsonl'),
      recordInput: true,
      owner: null,
      agent: null,
      autoKeys: true,
    });
    expect(r.sources.policy).toBe('user');
    expect(r.project).toMatchObject({ path: path.join(project, '.seatbelt.json'), trusted: false });
    expect(r.project!.ignored.map((i) => i.setting).sort()).toEqual([
      'agent',
      'audit',
      'autoKeys',
      'keys',
      'owner',
      'policy',
      'recordInput',
      'role',
    ]);
    expect(r.violation).toBeNull();
  });

  it('applies what tightens: a stricter policy, a role where a role narrows, more recorded input, the dialect', () => {
    projectConfig({ policy: 'read_only', role: 'junior_admin', recordInput: true, dialect: 'mysql' });
    const r = resolve();
    expect(r.settings).toMatchObject({ policy: 'read_only', role: 'junior_admin', recordInput: true, dialect: 'mysql' });
    expect(r.sources.policy).toBe('project');
    expect(r.project!.ignored).toEqual([]);
  });

  it('a role under a policy that runs nothing without one is a loosening', () => {
    userConfig({ policy: 'strict_prod' });
    projectConfig({ role: 'devops_senior' });
    expect(resolve().settings.role).toBeNull();
    expect(resolve().project!.ignored.map((i) => i.setting)).toEqual(['role']);
  });

  it('trust covers exactly the bytes trusted: any change withdraws it', () => {
    projectConfig({ policy: 'audit_mode' });
    trustProject();
    expect(resolve().settings.policy).toBe('audit_mode');
    expect(resolve().project!.trusted).toBe(true);
    projectConfig({ policy: 'audit_mode', dialect: 'mysql' });
    expect(resolve().settings.policy).toBe('safe_defaults');
    expect(resolve().project!.trusted).toBe(false);
  });

  it('the trusted list lives only in the user config', () => {
    projectConfig({ trusted: [{ path: path.join(project, '.seatbelt.json'), sha256: '0'.repeat(64) }] });
    expect(() => resolve()).toThrow(/trusted/);
  });
});

describe('project config discovery', () => {
  it('finds the nearest .seatbelt.json upward and stops at the git root', () => {
    const sub = path.join(project, 'pkg', 'sub');
    expect(findProjectConfig(sub, homeDir)).toBeNull();
    projectConfig({});
    expect(findProjectConfig(sub, homeDir)).toBe(path.join(project, '.seatbelt.json'));
    projectConfig({}, path.join(project, 'pkg'));
    expect(findProjectConfig(sub, homeDir)).toBe(path.join(project, 'pkg', '.seatbelt.json'));
    // Above the repository root is not the project.
    const above = path.dirname(project);
    fs.writeFileSync(path.join(above, '.seatbelt.json'), '{}');
    fs.rmSync(path.join(project, '.seatbelt.json'));
    fs.rmSync(path.join(project, 'pkg', '.seatbelt.json'));
    expect(findProjectConfig(sub, homeDir)).toBeNull();
  });
});

describe('validation', () => {
  it('names every bad setting with its source', () => {
    projectConfig({ policy: 'lenient', dialect: 'oracle', pin: true, colour: 'red', lockTimeoutMs: -1 });
    const err = (() => {
      try {
        resolve();
      } catch (e) {
        return e as SeatbeltError;
      }
      throw new Error('expected a CONFIG error');
    })();
    expect(err.code).toBe('CONFIG');
    for (const bit of ['policy', 'dialect', 'pin', 'colour', 'lockTimeoutMs', 'pinning is honoured only in the user config'])
      expect(err.message).toContain(bit);
    expect(err.message.split('\n').length).toBe(6);
  });

  it('an unknown policy from a flag or the environment is a configuration error, never a fallback', () => {
    expect(() => resolve({ policy: 'lenient' })).toThrowError(/--policy: unknown policy "lenient"/);
    expect(() => resolve({}, { SEATBELT_POLICY: 'x' })).toThrowError(/SEATBELT_POLICY: unknown policy "x"/);
    expect(() => loadPolicy('x')).toThrowError(SeatbeltError);
    expect(() => resolve({}, { SEATBELT_PIN: 'maybe' })).toThrowError(/SEATBELT_PIN/);
    fs.writeFileSync(path.join(homeDir, '.seatbelt', 'config.json'), '{ not json');
    expect(() => resolve()).toThrowError(/config\.json is not valid JSON/);
  });
});

describe('environment (issue 17): the operator says which deployment the records are from', () => {
  it('comes from SEATBELT_ENVIRONMENT or the user config, and is none by default', () => {
    expect(resolve().settings.environment).toBeNull();
    userConfig({ environment: 'staging' });
    expect(resolve().settings).toMatchObject({ environment: 'staging' });
    expect(resolve().sources.environment).toBe('user');
    expect(resolve({}, { SEATBELT_ENVIRONMENT: 'prod' }).settings.environment).toBe('prod');
  });

  it('only prod, staging or dev; never from the project file the agent can write', () => {
    expect(() => resolve({}, { SEATBELT_ENVIRONMENT: 'production' })).toThrowError(
      /SEATBELT_ENVIRONMENT: expected one of prod, staging, dev/,
    );
    userConfig({ environment: 'qa' });
    expect(() => resolve()).toThrowError(/environment/);
    userConfig({});
    projectConfig({ environment: 'dev' });
    expect(() => resolve()).toThrowError(/no "environment" here: it is set only in the user config or SEATBELT_ENVIRONMENT/);
  });
});

describe('pinning', () => {
  it('orders policies by what they block', () => {
    expect(isAtLeastAsStrict('strict_prod', 'safe_defaults')).toBe(true);
    expect(isAtLeastAsStrict('read_only', 'safe_defaults')).toBe(true);
    expect(isAtLeastAsStrict('strict_prod', 'strict_whitelist')).toBe(true);
    expect(isAtLeastAsStrict('safe_defaults', 'read_only')).toBe(false);
    expect(isAtLeastAsStrict('audit_mode', 'safe_defaults')).toBe(false);
    // read_only blocks writes a role may allow under strict_prod: neither is stricter.
    expect(isAtLeastAsStrict('strict_prod', 'read_only')).toBe(false);
    expect(isAtLeastAsStrict('read_only', 'strict_prod')).toBe(false);
    for (const p of POLICY_NAMES) expect(isAtLeastAsStrict(p, p)).toBe(true);
  });

  it.each([
    // pinned, requested, loosening?
    [['safe_defaults', null], ['strict_prod', null], false],
    [['safe_defaults', null], ['safe_defaults', 'junior_admin'], false],
    [['safe_defaults', 'junior_admin'], ['read_only', 'junior_admin'], false],
    [['strict_prod', 'junior_admin'], ['strict_prod', null], false],
    [['audit_mode', null], ['safe_defaults', 'anything'], false],
    [['strict_whitelist', 'junior_admin'], ['strict_prod', 'junior_admin'], false],
    [['strict_prod', null], ['audit_mode', null], true],
    [['read_only', null], ['safe_defaults', null], true],
    [['read_only', 'junior_admin'], ['strict_prod', 'junior_admin'], true],
    [['safe_defaults', 'junior_admin'], ['safe_defaults', 'devops_senior'], true],
    [['safe_defaults', 'junior_admin'], ['safe_defaults', null], true],
    [['strict_whitelist', null], ['strict_whitelist', 'devops_senior'], true],
  ] as const)('pinned %j, requested %j → loosening %s', (pinned, requested, loosens) => {
    const l = loosening({ policy: pinned[0], role: pinned[1] }, { policy: requested[0], role: requested[1] });
    expect(l !== null).toBe(loosens);
  });

  it('a pinned user config refuses a looser flag, env or project value, and keeps the pinned values', () => {
    userConfig({ pin: true, policy: 'strict_whitelist', role: 'junior_admin' });
    for (const [flags, env, proj, from] of [
      [{ policy: 'audit_mode' }, {}, null, 'flag'],
      [{}, { SEATBELT_POLICY: 'safe_defaults' }, null, 'env'],
      [{}, {}, { policy: 'safe_defaults' }, 'project'],
      [{}, { SEATBELT_ROLE: 'devops_senior' }, null, 'env'],
      [{}, { SEATBELT_PIN: '0', SEATBELT_POLICY: 'audit_mode' }, null, 'env'],
    ] as const) {
      if (proj) {
        // A project file loosens only when trusted; then the pin still refuses it.
        projectConfig(proj);
        trustProject();
      } else fs.rmSync(path.join(project, '.seatbelt.json'), { force: true });
      const r = resolve(flags, env);
      expect(r.pin).toEqual({ by: 'user', policy: 'strict_whitelist', role: 'junior_admin' });
      expect(r.violation, JSON.stringify([flags, env, proj])).not.toBeNull();
      expect(Object.values(r.violation!.from)).toContain(from);
      expect(r.settings.policy).toBe('strict_whitelist');
      expect(r.settings.role).toBe('junior_admin');
      expect(r.sources.policy).toBe('user');
      const m = pinViolationMatch(r.violation!);
      expect(m.ruleId).toBe('policy.pin_violation');
      expect(m.reason).toMatch(/refused to loosen the pinned guard/);
    }
  });

  it('a pinned user config accepts a stricter policy', () => {
    userConfig({ pin: true, policy: 'safe_defaults', role: 'junior_admin' });
    const r = resolve({ policy: 'strict_prod' });
    expect(r.violation).toBeNull();
    expect([r.settings.policy, r.sources.policy]).toEqual(['strict_prod', 'flag']);
    expect(r.settings.role).toBe('junior_admin');
    projectConfig({ policy: 'read_only' });
    expect(resolve().settings.policy).toBe('read_only');
    expect(resolve().violation).toBeNull();
  });

  it('SEATBELT_PIN=1 pins the environment and user values against flags and the project', () => {
    const env = { SEATBELT_PIN: '1', SEATBELT_POLICY: 'read_only' };
    expect(resolve({ policy: 'safe_defaults' }, env).violation?.from).toEqual({ policy: 'flag' });
    expect(resolve({}, env).violation).toBeNull();
    // The pin covers the user config's values too; the project may not loosen them.
    userConfig({ role: 'junior_admin' });
    projectConfig({ role: 'devops_senior' });
    trustProject();
    const r = resolve({}, { SEATBELT_PIN: '1' });
    expect(r.violation?.pinnedBy).toBe('env');
    expect(r.violation?.from).toEqual({ role: 'project' });
    expect([r.settings.role, r.sources.role]).toEqual(['junior_admin', 'user']);
    projectConfig({ policy: 'strict_whitelist' });
    expect(resolve({}, { SEATBELT_PIN: '1' }).violation).toBeNull();
  });

  it('moving SEATBELT_HOME does not escape a pin in the default home', () => {
    userConfig({ pin: true, policy: 'strict_prod', role: 'junior_admin' });
    const alt = path.join(homeDir, 'alt');
    fs.mkdirSync(alt);
    fs.writeFileSync(path.join(alt, 'config.json'), JSON.stringify({ policy: 'audit_mode' }));
    const r = resolve({}, { SEATBELT_HOME: alt });
    expect(r.files.user).toBe(path.join(homeDir, '.seatbelt', 'config.json'));
    expect(r.pin?.policy).toBe('strict_prod');
    expect(r.settings.policy).toBe('strict_prod');
    expect(resolve({ policy: 'audit_mode' }, { SEATBELT_HOME: alt }).violation).not.toBeNull();
  });

  it('without a pin, every layer may loosen', () => {
    userConfig({ policy: 'strict_prod' });
    const r = resolve({ policy: 'audit_mode' });
    expect(r.violation).toBeNull();
    expect(r.settings.policy).toBe('audit_mode');
  });
});

describe('writing config (lowdb, off the hot path)', () => {
  it('writes a validated file that the plain reader reads back', async () => {
    const file = path.join(homeDir, '.seatbelt', 'config.json');
    await updateConfig(file, 'user', { policy: 'read_only', pin: true });
    await updateConfig(file, 'user', { role: 'junior_admin' });
    expect(readConfig(file, 'user')?.data).toEqual({ policy: 'read_only', pin: true, role: 'junior_admin' });
    await expect(updateConfig(file, 'user', { policy: 'nope' })).rejects.toThrowError(/policy/);
    expect(readConfig(file, 'user')?.data.policy).toBe('read_only');
    await expect(updateConfig(path.join(project, '.seatbelt.json'), 'project', { pin: true })).rejects.toThrowError(/pin/);
  });
});

describe('per-action overrides and the guard', () => {
  it("a batch line's policy/role act as flags: checked against the pin, without reading files again", () => {
    userConfig({ pin: true, policy: 'safe_defaults', role: 'junior_admin' });
    const base = resolve();
    expect(withOverrides(base, {}, project)).toBe(base);
    const tighter = withOverrides(base, { policy: 'strict_prod' }, project);
    expect([tighter.settings.policy, tighter.sources.policy, tighter.violation]).toEqual(['strict_prod', 'flag', null]);
    const looser = withOverrides(base, { policy: 'audit_mode' }, project);
    expect(looser.violation?.from).toEqual({ policy: 'flag' });
    expect(looser.settings.policy).toBe('safe_defaults');
    const otherRole = withOverrides(base, { role: 'devops_senior' }, project);
    expect(otherRole.violation?.from).toEqual({ role: 'flag' });
    expect(() => withOverrides(base, { policy: 'nope' }, project)).toThrowError(/unknown policy "nope"/);
  });

  it('openGuard loads the policy template and the role, and carries the pin violation', () => {
    userConfig({ pin: true, policy: 'strict_whitelist', role: 'junior_admin' });
    const g = openGuard(resolve({ policy: 'audit_mode' }), { cwd: project, home: homeDir });
    expect(g.policy.ref.name).toBe('strict_whitelist');
    expect(g.role?.ref.name).toBe('junior_admin');
    expect(g.options.pinViolation?.requested.policy).toBe('audit_mode');
    expect(openGuard(resolve(), { cwd: project, home: homeDir }).options.pinViolation).toBeNull();
    fs.rmSync(path.join(homeDir, '.seatbelt', 'config.json'));
    expect(openGuard(resolve(), { cwd: project, home: homeDir }).role).toBeUndefined();
    expect(() => openGuard(resolve({ role: 'no_such_role' }), { cwd: project, home: homeDir })).toThrowError(
      /role "no_such_role" not found/,
    );
  });
});
