// Path judgements on hand-built commands: resolution against the tracked folder and home, globs,
// braces, and what counts as the root, a home, a system folder or a critical file.
import { describe, expect, it } from 'vitest';
import { globMatches, isCriticalFile, isMatchAll, protectedKind, resolveTargets } from '../../../src/rules/shell/paths.js';
import { secretKindOfPath } from '../../../src/rules/shell/secret-paths.js';
import { cmd, ctx, irOf, word } from './helpers.js';

const resolve = (value: string, cwd: string | null = ctx.cwd, isStatic?: boolean) => {
  const c = cmd('rm', [], { cwd });
  return resolveTargets(word(value, value, isStatic), c, irOf(c));
};
const kind = (value: string, cwd: string | null = ctx.cwd) => resolve(value, cwd).map((t) => protectedKind(t, ctx.home));

describe('resolveTargets', () => {
  it('resolves relative paths, ~, $HOME, ${HOME:?} and $PWD', () => {
    expect(resolve('build')).toEqual([{ kind: 'path', path: '/home/user/project/build' }]);
    expect(resolve('~/x')).toEqual([{ kind: 'path', path: '/home/user/x' }]);
    expect(resolve('$HOME/x', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/home/user/x' }]);
    expect(resolve('${HOME:?}/x', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/home/user/x' }]);
    expect(resolve('$PWD/..', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/home/user' }]);
    expect(resolve('$(pwd)/x', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/home/user/project/x' }]);
    expect(resolve('`pwd`/x', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/home/user/project/x' }]);
  });

  it('reads $TMPDIR as a scratch folder, and also as empty when that names a real top-level folder', () => {
    expect(resolve('$TMPDIR/x', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/tmp/x' }]);
    expect(resolve('${TMPDIR:?}/etc', ctx.cwd, false)).toEqual([{ kind: 'path', path: '/tmp/etc' }]);
    expect(resolve('$TMPDIR/etc', ctx.cwd, false)).toEqual([
      { kind: 'path', path: '/tmp/etc' },
      { kind: 'path', path: '/etc' },
    ]);
    expect(resolve('${TMPDIR:-/var/tmp}/x', ctx.cwd, false)).toEqual([
      { kind: 'path', path: '/tmp/x' },
      { kind: 'path', path: '/var/tmp/x' },
    ]);
  });

  it('reads /proc/<pid>/root as the root folder', () => {
    expect(resolve('/proc/self/root/etc')).toEqual([{ kind: 'path', path: '/etc' }]);
    expect(resolve('/proc/1/root/')).toEqual([{ kind: 'path', path: '/' }]);
    expect(resolve('/proc/1/cwd')[0]!.kind).toBe('unknown');
  });

  it('splits globs into a base folder and a pattern', () => {
    expect(resolve('/tmp/../*')).toEqual([{ kind: 'glob', base: '/', pattern: '*' }]);
    expect(resolve('./src/*.ts')).toEqual([{ kind: 'glob', base: '/home/user/project/src', pattern: '*.ts' }]);
  });

  it('expands braces of dynamic words', () => {
    expect(resolve('/{etc,usr}', ctx.cwd, false)).toEqual([
      { kind: 'path', path: '/etc' },
      { kind: 'path', path: '/usr' },
    ]);
  });

  it('is unknown for other expansions, other users and relative paths in an unknown folder', () => {
    for (const [v, cwd] of [
      ['$DIR', ctx.cwd],
      ['$(cat f)/x', ctx.cwd],
      ['$(pwd)/x', null],
      ['~bob/x', ctx.cwd],
      ['build', null],
    ] as const) {
      expect(resolve(v, cwd, v.includes('$') ? false : undefined)[0]!.kind, v).toBe('unknown');
    }
  });

  it('keeps a literal $ of a static word', () => {
    expect(resolve('a$b', ctx.cwd, true)).toEqual([{ kind: 'path', path: '/home/user/project/a$b' }]);
  });
});

describe('protectedKind', () => {
  it.each([
    ['/', 'root'],
    ['/*', 'root'],
    ['//', 'root'],
    ['/usr/..', 'root'],
    ['/tmp*', 'system'],
    ['~', 'home'],
    ['/root', 'home'],
    ['/Users/alice', 'home'],
    ['~/*', 'home'],
    ['~/.*', 'home'],
    ['..', 'home'],
    ['/etc', 'system'],
    ['/opt', 'system'],
    ['/usr/local', 'system'],
    ['/etc/*', 'system'],
    ['/home', 'system'],
    ['/var/lib/mysql', 'system'],
    ['/opt/*', 'system'],
  ])('%s is %s', (p, k) => expect(kind(p)).toEqual([k]));

  it.each(['/tmp/*', '/var/tmp/*', '/usr/local/go', '/var/lib/apt/lists/*', '~/.cache', '~/*.log', './build', '/opt/app/x', '/tmp/x'])(
    '%s is not protected',
    (p) => {
      expect(kind(p)).toEqual([null]);
    },
  );
});

describe('file classes', () => {
  it('critical system files', () => {
    for (const p of ['/etc/passwd', '/etc/shadow', '/etc/sudoers', '/etc/sudoers.d/x', '/boot/vmlinuz', '/etc/ssh/sshd_config'])
      expect(isCriticalFile(p), p).toBe(true);
    for (const p of ['/etc/hosts', '/etc/apt/sources.list.d/x.list', '/etc/nginx/nginx.conf']) expect(isCriticalFile(p), p).toBe(false);
  });

  it('secrets: keys and credentials, not public keys or plain config', () => {
    for (const p of [
      '/home/user/.ssh/id_rsa',
      '/home/user/.ssh/id_ed25519',
      '/home/user/.aws/credentials',
      '/home/user/.kube/config',
      '/etc/shadow',
      '/home/user/.ssh',
      '/proc/1/environ',
    ]) {
      expect(secretKindOfPath(p, ctx.home), p).toBe('credential');
    }
    for (const p of [
      '/home/user/.ssh/id_rsa.pub',
      '/home/user/.ssh/config',
      '/home/user/.ssh/known_hosts',
      '/home/user/.aws/config',
      '/etc/passwd',
    ]) {
      expect(secretKindOfPath(p, ctx.home), p).toBe(null);
    }
    expect(secretKindOfPath('/home/user/project/.env', ctx.home)).toBe('env');
    expect(secretKindOfPath('/home/user/project/.env.example', ctx.home)).toBe(null);
  });

  it('globs', () => {
    expect(globMatches('.g*', '.git')).toBe(true);
    expect(globMatches('*', '.git')).toBe(false);
    expect(globMatches('id_[re]*', 'id_rsa')).toBe(true);
    expect(isMatchAll('*')).toBe(true);
    expect(isMatchAll('.[!.]*')).toBe(true);
    expect(isMatchAll('*.log')).toBe(false);
  });
});
