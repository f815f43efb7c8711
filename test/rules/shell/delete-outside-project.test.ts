// filesystem.recursive_delete_outside_project: a recursive or mass delete whose targets resolve
// outside the project root, the temp folders and known caches is HIGH, with the resolved target
// in the evidence; the project root is passed in by the session (the repository's top level).
import { describe, expect, it } from 'vitest';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { evaluateShell } from '../../../src/rules/shell/index.js';
import { findProjectRoot } from '../../../src/adapters/project-root.js';
import type { AnalyzeContext } from '../../../src/core/types.js';
import { decisionOf, matchesOf } from './helpers.js';

const ID = 'filesystem.recursive_delete_outside_project';

async function judged(script: string, ctx?: AnalyzeContext) {
  const matches = ctx ? evaluateShell(await shellIrFromScript(script, ctx)) : await matchesOf(script);
  return { decision: decisionOf(matches), hit: matches.find((m) => m.ruleId === ID) };
}

describe('recursive deletes outside the project', () => {
  const outside: [string, string][] = [
    ['rm -rf ~/Documents', '/home/user/Documents'],
    ['rm -rf ~/projects', '/home/user/projects'],
    ['rm -rf ../other-project', '/home/user/other-project'],
    ['cd .. && rm -rf build', '/home/user/build'],
    ['rm -rf /srv/www', '/srv/www'],
    ['rm -rf /some/very/long/path', '/some/very/long/path'],
    ['npx rimraf ~/Documents/old', '/home/user/Documents/old'],
    ['find ~/Documents -name "*.pdf" -delete', '/home/user/Documents'],
    ['find /srv/www -type f -exec rm -f {} +', '/srv/www'],
    ['find ../other -print0 | xargs -0 rm -rf', '/home/user/other'],
    ['rsync -a --delete dist/ /srv/www/site/', '/srv/www/site'],
    ['python3 -c "import shutil; shutil.rmtree(\'/srv/www\')"', '/srv/www'],
    ['rm -f ~/Documents/*.pdf', '/home/user/Documents/*.pdf'],
    ['rm -rf ../other/node_modules', '/home/user/other/node_modules'],
  ];
  for (const [script, target] of outside) {
    it(`blocks ${script}, naming ${target}`, async () => {
      const r = await judged(script);
      expect(r.decision).toBe('block');
      expect(r.hit?.risk).toBe('HIGH');
      expect(r.hit?.evidence).toContain(target);
    });
  }

  const everyday = [
    'rm -rf build',
    'rm -rf node_modules dist',
    'rm -rf /tmp/x',
    'rm -rf /tmp/*',
    'rm -rf /var/tmp/build-1',
    'rm -rf ~/.cache/pip',
    'rm -rf ~/.cache/*',
    'rm -rf ~/.npm',
    'rm -rf ~/.cargo/registry/cache',
    'rm -rf ~/.gradle/caches',
    'rm -rf ~/.m2/repository',
    'rm -rf ~/Library/Caches/com.example',
    'rm -rf /private/var/folders/ab/cd1234/T/tmp.x',
    'rm -rf "$TMPDIR/x"',
    'T=$(mktemp -d) && rm -rf "$T"',
    "find . -name '*.pyc' -delete",
    'find . -name node_modules -prune -exec rm -rf {} +',
    'rm ~/notes.txt',
    'ls ~/Documents',
  ];
  for (const script of everyday) {
    it(`allows ${script}`, async () => {
      expect((await judged(script)).hit).toBeUndefined();
    });
  }

  it('judges against the project root, not the folder the work started in', async () => {
    const ctx = { cwd: '/home/user/project/packages/web', home: '/home/user', projectRoot: '/home/user/project' };
    expect((await judged('rm -rf ../api/dist', ctx)).hit).toBeUndefined();
    expect((await judged('rm -rf ../../../other', ctx)).hit?.evidence).toContain('/home/user/other');
  });

  it('without a project root, the working folder is the project', async () => {
    const ctx = { cwd: '/srv/app', home: '/home/user' };
    expect((await judged('rm -rf build', ctx)).hit).toBeUndefined();
    expect((await judged('rm -rf /srv/other', ctx)).hit).toBeDefined();
  });

  it('work started in the home folder has no project: only temp folders and caches are free', async () => {
    const ctx = { cwd: '/home/user', home: '/home/user' };
    expect((await judged('rm -rf Documents', ctx)).hit?.evidence).toContain('/home/user/Documents');
    expect((await judged('rm -rf .cache/pip', ctx)).hit).toBeUndefined();
  });

  it("paths on another machine or in a container are not this project's (the CRITICAL rules still judge them)", async () => {
    for (const s of [
      'ssh host rm -rf /srv/app/releases/old',
      'docker exec web rm -rf /var/www/cache',
      'kubectl exec pod -- rm -rf /data/tmp',
      'docker run --rm node:20 rm -rf /app/build',
    ]) {
      expect((await judged(s)).hit, s).toBeUndefined();
    }
    expect((await matchesOf('ssh host rm -rf /')).map((m) => m.ruleId)).toContain('filesystem.recursive_delete_root');
  });

  it('unknown targets stay with the dynamic-target rule', async () => {
    const matches = await matchesOf('rm -rf "$DIR"');
    expect(matches.map((m) => m.ruleId)).not.toContain(ID);
    expect(matches.map((m) => m.ruleId)).toContain('filesystem.recursive_delete_dynamic_target');
  });
});

describe('findProjectRoot', () => {
  const has =
    (...gits: string[]) =>
    (p: string) =>
      gits.includes(p);
  it('is the nearest folder upward holding .git', () => {
    expect(findProjectRoot('/home/u/repo/src/lib', '/home/u', has('/home/u/repo/.git'))).toBe('/home/u/repo');
  });
  it('is the working folder when no repository holds it', () => {
    expect(findProjectRoot('/srv/app/sub', '/home/u', has())).toBe('/srv/app/sub');
  });
  it('never takes a repository at the home folder or above it (a dotfiles repo)', () => {
    expect(findProjectRoot('/home/u/notes', '/home/u', has('/home/u/.git'))).toBe('/home/u/notes');
    expect(findProjectRoot('/home/u/notes', '/home/u', has('/.git'))).toBe('/home/u/notes');
  });
});
