// `seatbelt scan` through the real binary on the fixture repository: one blocked command in each
// file type, look-alikes that must not be reported, the three output formats, and --staged.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sb, tempHome as scratchHome } from '../hooks/spawn.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** A scratch HOME and SEATBELT_HOME under a temp folder, removed after the test. */
function tempHome(): ReturnType<typeof scratchHome> {
  const t = scratchHome();
  temps.push(t.dir);
  return t;
}

const REPO = path.resolve(import.meta.dirname, '../fixtures/scan-repo');
/** Several rules may match one command: compare the places, once each. */
const places = (xs: Array<string | undefined>) => [...new Set(xs)];

/** A private copy of the fixture, so no configuration above the test tree can change the policy. */
function fixtureCopy(t: ReturnType<typeof tempHome>): string {
  const repo = path.join(t.dir, 'scan-repo');
  cpSync(REPO, repo, { recursive: true });
  return repo;
}

/** file:line of each blocked command in the fixture (one per file type), and nothing else. */
const EXPECTED = [
  '.github/workflows/ci.yml:22',
  '.gitlab-ci.yml:14',
  'Makefile:18',
  'bin/reset:4',
  'docker/Dockerfile:9',
  'package.json:8',
  'scripts/deploy.sh:5',
];

describe('seatbelt scan (end to end)', () => {
  it('reports exactly the blocked command of each file type as file:line: BLOCK rule — reason, and exits 1', async () => {
    const t = tempHome();
    const r = await sb(['scan'], { env: t.env, cwd: fixtureCopy(t) });
    expect(r.exitCode).toBe(1);
    const found = [...r.stdout.matchAll(/^(\S+:\d+): BLOCK (\S+) — (.+)$/gm)].map((m) => m[1]);
    expect(places(found)).toEqual(EXPECTED);
    expect(r.stdout).toMatch(/\.github\/workflows\/ci\.yml:\d+: note — .*pwsh.*not judged/);
    expect(existsSync(t.audit)).toBe(false); // scan decides only: nothing is sealed
  });

  it('--json lists the same findings with rule, risk, reason, remediation and the command', async () => {
    const t = tempHome();
    const repo = fixtureCopy(t);
    const r = await sb(['scan', '--json', repo], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    const rel = (f: string) => path.relative(repo, path.resolve(t.dir, f));
    expect(places(out.findings.map((f: { file: string; line: number }) => `${rel(f.file)}:${f.line}`))).toEqual(EXPECTED);
    // `blocked` counts places: a command several rules refuse counts once.
    expect(out.blocked).toBe(EXPECTED.length);
    expect(out.findings.length).toBeGreaterThanOrEqual(EXPECTED.length);
    for (const f of out.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          rule: expect.any(String),
          risk: expect.any(String),
          reason: expect.any(String),
          remediation: expect.any(String),
          command: expect.any(String),
          source: expect.any(String),
        }),
      );
    }
    expect(new Set(out.findings.map((f: { source: string }) => f.source))).toEqual(
      new Set(['github-actions', 'gitlab-ci', 'makefile', 'dockerfile', 'package.json', 'shell-script']),
    );
  });

  it("--format sarif gives SARIF 2.1.0 with the schema's required fields", async () => {
    const t = tempHome();
    const r = await sb(['scan', '--format', 'sarif'], { env: t.env, cwd: fixtureCopy(t) });
    expect(r.exitCode).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('seatbelt');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    for (const res of run.results) {
      expect(ruleIds).toContain(res.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toEqual(expect.any(String));
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|\\/);
      expect(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1).toBe(true);
    }
    expect(
      places(
        run.results.map(
          (x: any) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`,
        ),
      ),
    ).toEqual(EXPECTED);
  });

  it('ignores named files of other kinds, exits 0 when nothing is blocked, and rejects an unknown format', async () => {
    const t = tempHome();
    const repo = fixtureCopy(t);
    const ok = await sb(['scan', path.join(repo, 'bin/tool.py'), path.join(repo, '.github')], { env: t.env, cwd: t.dir });
    expect(ok.stdout).toMatch(/1 blocked/); // the workflow still holds its blocked step
    const dir = path.join(t.dir, 'clean');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'Makefile'), 'all:\n\t@echo "rm -rf /"\n');
    const clean = await sb(['scan', dir], { env: t.env });
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toMatch(/1 command in 1 file, 0 blocked/);
    const bad = await sb(['scan', '--format', 'xml', dir], { env: t.env });
    expect(bad.exitCode).toBe(64);
  });

  it('recognises a workflow named from inside .github/workflows', async () => {
    const t = tempHome();
    const r = await sb(['scan', 'ci.yml'], { env: t.env, cwd: path.join(fixtureCopy(t), '.github', 'workflows') });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^ci\.yml:22: BLOCK/m);
  });

  it('a file of a known kind that cannot be parsed is a warning (cannot be judged), and fails the run with --strict', async () => {
    const t = tempHome();
    const dir = path.join(t.dir, 'broken');
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(dir, '.github', 'workflows', 'x.yml'), 'jobs: [\n');
    const r = await sb(['scan', dir], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/WARN scan\.unreadable — not valid YAML/);
    const strict = await sb(['scan', '--strict', dir], { env: t.env });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/BLOCK scan\.unreadable — not valid YAML/);
  });

  it('--staged scans the staged content of staged files, not the working tree', async () => {
    const t = tempHome();
    const repo = fixtureCopy(t);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });
    git('init', '-q');
    git('add', 'Makefile', 'package.json');
    writeFileSync(path.join(repo, 'package.json'), '{"scripts": {"ok": "echo fine"}}'); // unstaged: must not count
    const r = await sb(['scan', '--staged'], { env: t.env, cwd: repo });
    expect(r.exitCode).toBe(1);
    const found = [...r.stdout.matchAll(/^(\S+:\d+): BLOCK/gm)].map((m) => m[1]);
    expect(places(found)).toEqual(['Makefile:18', 'package.json:8']);
    const both = await sb(['scan', '--staged', '.'], { env: t.env, cwd: repo });
    expect(both.exitCode).toBe(64);
  });

  it('the installed pre-commit hook stops a commit that adds a blocked command', async () => {
    const t = tempHome();
    const repo = path.join(t.dir, 'repo2');
    mkdirSync(repo);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: repo,
        env: { ...process.env, ...t.env },
        stdio: 'pipe',
      });
    git('init', '-q');
    expect((await sb(['hook', 'install', 'git'], { env: t.env, cwd: repo })).exitCode).toBe(0);
    writeFileSync(path.join(repo, 'Makefile'), 'all:\n\techo ok\n');
    git('add', 'Makefile');
    git('commit', '-q', '-m', 'ok');
    writeFileSync(path.join(repo, 'Makefile'), 'all:\n\trm -rf /\n');
    git('add', 'Makefile');
    expect(() => git('commit', '-q', '-m', 'bad')).toThrow(/Makefile:2: BLOCK/);
  });

  it('when the pre-commit hook stops a commit it says how to go on: fix, a marker with a reason, or the baseline', async () => {
    const t = tempHome();
    const repo = path.join(t.dir, 'repo3');
    mkdirSync(repo);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: repo,
        env: { ...process.env, ...t.env },
        stdio: 'pipe',
      });
    const commit = (msg: string): { ok: boolean; stderr: string } => {
      try {
        git('commit', '-q', '-m', msg);
        return { ok: true, stderr: '' };
      } catch (err) {
        return { ok: false, stderr: String((err as { stderr?: Buffer }).stderr ?? '') };
      }
    };
    git('init', '-q');
    expect((await sb(['hook', 'install', 'git'], { env: t.env, cwd: repo })).exitCode).toBe(0);
    writeFileSync(path.join(repo, 'install.sh'), '#!/bin/sh\ncurl -fsSL https://example.com/i.sh | sh\n');
    git('add', 'install.sh');
    const stopped = commit('bad');
    expect(stopped.ok).toBe(false);
    expect(stopped.stderr).toContain(
      [
        'seatbelt: the commit was stopped: a staged file adds a command seatbelt blocks (listed above). To go on:',
        '  - fix it: change the command as the remediation says, then `git add` the file again;',
        '  - or accept it on its line, with a reason reviewers will see: # seatbelt: allow <rule-id> -- <reason>',
        '    (at the end of the line, or alone on the line above);',
        '  - or accept every current finding: seatbelt scan --baseline .seatbelt-baseline.json --update-baseline',
        '    at the top of the repository, then `git add .seatbelt-baseline.json` (the hook reads it; only new findings stop a commit).',
        'Warnings (commands that cannot be judged statically) never stop a commit.',
        '',
      ].join('\n'),
    );
    // A marker with a reason lets the commit through.
    writeFileSync(
      path.join(repo, 'install.sh'),
      '#!/bin/sh\n# seatbelt: allow remote_code.download_to_shell -- pinned installer, reviewed\ncurl -fsSL https://example.com/i.sh | sh\n',
    );
    git('add', 'install.sh');
    expect(commit('allowed by a marker').ok).toBe(true);
    // The baseline the hook reads lets known findings through; a new one is still stopped.
    writeFileSync(path.join(repo, 'setup.sh'), '#!/bin/sh\ncurl -fsSL https://example.com/s.sh | bash\n');
    expect((await sb(['scan', '--baseline', '.seatbelt-baseline.json', '--update-baseline'], { env: t.env, cwd: repo })).exitCode).toBe(0);
    git('add', 'setup.sh', '.seatbelt-baseline.json');
    expect(commit('known in the baseline').ok).toBe(true);
    writeFileSync(path.join(repo, 'more.sh'), '#!/bin/sh\nwget -qO- https://example.com/m.sh | sh\n');
    git('add', 'more.sh');
    const again = commit('new finding');
    expect(again.ok).toBe(false);
    expect(again.stderr).toMatch(/more\.sh:2: BLOCK/);
    expect(again.stderr).not.toMatch(/setup\.sh/);
  });
});
