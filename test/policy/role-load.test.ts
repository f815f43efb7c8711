// Role files: validation reports every bad field at once; loading binds the role to the hash of
// its bytes and notices when the file changes; examples gate loading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeatbeltError } from '../../src/core/error.js';
import type { Action, Analysis } from '../../src/core/types.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { POLICIES } from '../../src/policy/policies.js';
import { listRoleFiles, loadRole, sha256Hex, shippedRolesDir } from '../../src/policy/role/load.js';
import { loadRoleChecked, runRoleExamples } from '../../src/policy/role/examples.js';
import { roleProblems, validateRole } from '../../src/policy/role/validate.js';
import { cmd, shellAnalysis } from './helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-roles-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GOOD = {
  name: 'lister',
  description: 'lists things',
  allow: [{ id: 'ls', command: 'ls', match: ['ls -la'], notMatch: ['rm -rf x'] }],
};

function write(name: string, content: unknown): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

describe('validateRole', () => {
  it('accepts every shipped role', () => {
    const shipped = listRoleFiles(shippedRolesDir());
    expect(shipped.map((r) => r.name).sort()).toEqual(['ci_runner', 'devops_senior', 'junior_admin', 'mlops_engineer']);
    for (const r of shipped) expect(roleProblems(JSON.parse(fs.readFileSync(r.path, 'utf8'))), r.name).toEqual([]);
  });

  it('reports every bad field at once, with path, expectation and what was found', () => {
    const bad = {
      name: 'Bad Name',
      description: '',
      extra: 1,
      allow: [
        { id: 'a', command: 'ls', forbidFlag: ['-f'], match: [], notMatch: ['x'] },
        { id: 'a', command: ['rm', 'bin/rm'], paths: ['var/log', '/ok', '../up'], match: ['rm'], notMatch: ['rm /'] },
        { id: 'b', command: 'x', sql: { kinds: ['select'] }, match: ['x'], notMatch: ['y'] },
        { id: 'c', sql: { kinds: ['select', 'nuke'], tables: [] }, match: [{ sql: 'SELECT 1', dialect: 'oracle' }], notMatch: [''] },
        { id: 'd', command: 'git', allowFlags: ['-f', 'force'], forbidFlags: ['-f'], stdin: 'no', match: ['git'], notMatch: ['git push'] },
      ],
    };
    const problems = roleProblems(bad).map((p) => p.path);
    expect(problems).toEqual(
      expect.arrayContaining([
        'name',
        'description',
        '(root).extra',
        'allow[0].forbidFlag',
        'allow[0].match',
        'allow[1].id',
        'allow[1].command[1]',
        'allow[1].paths[0]',
        'allow[1].paths[2]',
        'allow[2]',
        'allow[3].sql.kinds[1]',
        'allow[3].sql.tables',
        'allow[3].match[0].dialect',
        'allow[3].notMatch[0]',
        'allow[4].allowFlags[1]',
        'allow[4].allowFlags',
        'allow[4].stdin',
      ]),
    );
    expect(() => validateRole(bad, 'bad.json')).toThrowError(SeatbeltError);
    try {
      validateRole(bad, 'bad.json');
    } catch (err) {
      const msg = (err as SeatbeltError).message;
      expect((err as SeatbeltError).code).toBe('CONFIG');
      expect(msg).toMatch(/^bad\.json is not a valid role \(\d+ problems\)/);
      expect(msg).toContain('allow[0].forbidFlag: expected no such field');
      expect(msg).toContain('allow[1].id: expected an id not already used by allow[0], found "a"');
      expect(msg).toContain('allow[1].paths[0]: expected a folder');
      expect(msg.split('\n').length).toBe(problems.length + 1);
    }
  });

  it('rejects a non-object and a missing allow list', () => {
    expect(roleProblems([]).map((p) => p.path)).toEqual(['(root)']);
    expect(roleProblems({ name: 'x', description: 'y' }).map((p) => p.path)).toEqual(['allow']);
  });
});

describe('loadRole', () => {
  it('binds the role to the SHA-256 of the exact bytes, by name or by path', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'dir-'));
    const text = JSON.stringify(GOOD);
    fs.writeFileSync(path.join(dir, 'lister.json'), text);
    const byName = loadRole('lister', { rolesDir: [path.join(tmp, 'nowhere'), dir] });
    expect(byName.ref).toEqual({ name: 'lister', sha256: sha256Hex(Buffer.from(text)) });
    expect(byName.path).toBe(path.join(dir, 'lister.json'));
    const byPath = loadRole(path.join(dir, 'lister.json'), { rolesDir: [] });
    expect(byPath.ref).toEqual(byName.ref);
    const relative = loadRole('lister.json', { rolesDir: [], cwd: dir });
    expect(relative.path).toBe(byName.path);
  });

  it('names what is wrong: unknown role, bad JSON, mismatched name', () => {
    expect(() => loadRole('nope', { rolesDir: shippedRolesDir() })).toThrowError(/role "nope" not found.*known roles: ci_runner/);
    expect(() => loadRole('Bad Name', { rolesDir: shippedRolesDir() })).toThrowError(/expected a role name/);
    const broken = write('broken.json', '{"name": ');
    expect(() => loadRole(broken, { rolesDir: [] })).toThrowError(/broken\.json is not valid JSON/);
    const dir = fs.mkdtempSync(path.join(tmp, 'mismatch-'));
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify(GOOD));
    expect(() => loadRole('other', { rolesDir: dir })).toThrowError(/declares "name": "lister"/);
  });

  it('detects a change of the file (and its removal), and a stale role fails closed', () => {
    const p = write('stale.json', GOOD);
    const role = loadRole(p, { rolesDir: [] });
    expect(role.isStale()).toBe(false);
    const decide = () => applyPolicy(shellAnalysis([cmd('ls')]), POLICIES.safe_defaults, role, { roleChanged: role.isStale() });
    expect(decide().decision).toBe('allow');
    fs.writeFileSync(p, JSON.stringify({ ...GOOD, allow: [{ ...GOOD.allow[0], command: ['ls', 'rm'] }] }));
    expect(role.isStale()).toBe(true);
    expect(decide().blocking.map((m) => m.ruleId)).toEqual(['role.changed']);
    fs.writeFileSync(p, JSON.stringify(GOOD, null, 2)); // same bytes as loaded
    expect(role.isStale()).toBe(false);
    fs.rmSync(p);
    expect(role.isStale()).toBe(true);
  });
});

describe('examples gate loading', () => {
  // A stand-in analyser: splits on `;` and spaces. Enough to drive the example runner.
  const fake = async (action: Action): Promise<Analysis> => {
    const script = action.kind === 'shell' ? action.script : '';
    return shellAnalysis(script.split(';').map((s) => cmd(s.trim())));
  };

  it('runs each match and notMatch example and reports each result', async () => {
    const role = loadRole(write('ok.json', GOOD), { rolesDir: [] });
    const results = await runRoleExamples(role, fake);
    expect(results.map((r) => [r.ruleId, r.kind, r.example, r.ok])).toEqual([
      ['ls', 'match', 'ls -la', true],
      ['ls', 'notMatch', 'rm -rf x', true],
    ]);
  });

  it('a role whose examples fail does not load; the error names the rule and the example', async () => {
    const bad = {
      ...GOOD,
      allow: [
        { id: 'ls', command: 'ls', match: ['ls -la', 'cat x'], notMatch: ['ls /etc'] },
        { id: 'cat', command: 'cat', forbidFlags: ['-n'], match: ['cat -n x'], notMatch: ['rm x'] },
      ],
    };
    const p = write('bad-examples.json', bad);
    await expect(loadRoleChecked(p, { rolesDir: [], analyze: fake })).rejects.toThrowError(SeatbeltError);
    const err = (await loadRoleChecked(p, { rolesDir: [], analyze: fake }).catch((e: unknown) => e)) as SeatbeltError;
    expect(err.code).toBe('CONFIG');
    expect(err.message).toContain('failed 3 of its examples');
    expect(err.message).toContain('rule ls, match "cat x": allowed, but not by rule ls (by cat)');
    expect(err.message).toContain('rule ls, notMatch "ls /etc": the role allows it');
    expect(err.message).toContain('rule cat, match "cat -n x": blocked by role.not_allowed');
    const good = await loadRoleChecked(write('good.json', GOOD), { rolesDir: [], analyze: fake });
    expect(good.ref.name).toBe('lister');
  });

  it('remembers a passing content hash so later loads skip the examples; a changed file runs them again', async () => {
    const cache = path.join(tmp, 'passed');
    let calls = 0;
    const counting = async (a: Action) => {
      calls++;
      return fake(a);
    };
    const p = write('cached.json', GOOD);
    await loadRoleChecked(p, { rolesDir: [], analyze: counting, passedCacheDir: cache });
    expect(calls).toBe(2);
    await loadRoleChecked(p, { rolesDir: [], analyze: counting, passedCacheDir: cache });
    expect(calls).toBe(2);
    write('cached.json', { ...GOOD, allow: [{ ...GOOD.allow[0], notMatch: ['ls /etc'] }] });
    await expect(loadRoleChecked(p, { rolesDir: [], analyze: counting, passedCacheDir: cache })).rejects.toThrowError(
      /failed 1 of its examples/,
    );
    expect(calls).toBe(4);
  });

  it('an analyser that throws fails the example rather than the process', async () => {
    const role = loadRole(write('throws.json', GOOD), { rolesDir: [] });
    const results = await runRoleExamples(role, async () => {
      throw new Error('parser exploded');
    });
    expect(results.every((r) => !r.ok && r.detail.includes('parser exploded'))).toBe(true);
  });
});
