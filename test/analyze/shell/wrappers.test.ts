// Wrappers are seen through, each with its own options: the wrapped command is the command.
import { describe, expect, it } from 'vitest';
import { argValues, ids, ir, names, only } from './helpers.js';

interface Case {
  src: string;
  name: string;
  args: string[];
  wrappers: string[];
}

const cases: Case[] = [
  { src: 'sudo rm -rf /', name: 'rm', args: ['-rf', '/'], wrappers: ['sudo'] },
  { src: 'sudo -u postgres -E -H rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo -uroot -- rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo --user=root --preserve-env=PATH -n rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo -g wheel -p "pw:" -C 3 -T 10 rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo -s rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo -i rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'sudo FOO=1 rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  { src: 'doas -u root rm x', name: 'rm', args: ['x'], wrappers: ['doas'] },
  { src: 'doas -n -- rm x', name: 'rm', args: ['x'], wrappers: ['doas'] },
  { src: 'env rm x', name: 'rm', args: ['x'], wrappers: ['env'] },
  { src: 'env -i PATH=/bin rm x', name: 'rm', args: ['x'], wrappers: ['env'] },
  { src: 'env -u HOME -u=X --unset=Y -C /tmp rm x', name: 'rm', args: ['x'], wrappers: ['env'] },
  { src: 'env - A=1 rm x', name: 'rm', args: ['x'], wrappers: ['env'] },
  { src: 'env -S "rm -rf /"', name: 'rm', args: ['-rf', '/'], wrappers: ['env'] },
  { src: 'env -S\'A=1 rm "a b"\' c', name: 'rm', args: ['a b', 'c'], wrappers: ['env'] },
  { src: 'env --split-string="-i rm x"', name: 'rm', args: ['x'], wrappers: ['env'] },
  { src: 'command rm x', name: 'rm', args: ['x'], wrappers: ['command'] },
  { src: 'command -p rm x', name: 'rm', args: ['x'], wrappers: ['command'] },
  { src: 'builtin cd /', name: 'cd', args: ['/'], wrappers: ['builtin'] },
  { src: 'exec rm x', name: 'rm', args: ['x'], wrappers: ['exec'] },
  { src: 'exec -a name -c -l rm x', name: 'rm', args: ['x'], wrappers: ['exec'] },
  { src: 'nohup rm x', name: 'rm', args: ['x'], wrappers: ['nohup'] },
  { src: 'nice rm x', name: 'rm', args: ['x'], wrappers: ['nice'] },
  { src: 'nice -n 10 rm x', name: 'rm', args: ['x'], wrappers: ['nice'] },
  { src: 'nice -n10 rm x', name: 'rm', args: ['x'], wrappers: ['nice'] },
  { src: 'nice -10 rm x', name: 'rm', args: ['x'], wrappers: ['nice'] },
  { src: 'nice --adjustment=5 rm x', name: 'rm', args: ['x'], wrappers: ['nice'] },
  { src: 'ionice -c 3 rm x', name: 'rm', args: ['x'], wrappers: ['ionice'] },
  { src: 'ionice -c2 -n7 -t rm x', name: 'rm', args: ['x'], wrappers: ['ionice'] },
  { src: 'timeout 10 rm x', name: 'rm', args: ['x'], wrappers: ['timeout'] },
  { src: 'timeout -s KILL -k 5 --preserve-status 1m rm x', name: 'rm', args: ['x'], wrappers: ['timeout'] },
  { src: 'time rm x', name: 'rm', args: ['x'], wrappers: ['time'] },
  { src: 'time -p rm x', name: 'rm', args: ['x'], wrappers: ['time'] },
  { src: 'stdbuf -oL -e0 rm x', name: 'rm', args: ['x'], wrappers: ['stdbuf'] },
  { src: 'stdbuf -o L --error=0 rm x', name: 'rm', args: ['x'], wrappers: ['stdbuf'] },
  { src: 'setsid rm x', name: 'rm', args: ['x'], wrappers: ['setsid'] },
  { src: 'setsid -f -w rm x', name: 'rm', args: ['x'], wrappers: ['setsid'] },
  { src: 'chroot /mnt rm x', name: 'rm', args: ['x'], wrappers: ['chroot'] },
  { src: 'chroot --userspec=1:1 /mnt rm x', name: 'rm', args: ['x'], wrappers: ['chroot'] },
  { src: 'flock /tmp/l rm x', name: 'rm', args: ['x'], wrappers: ['flock'] },
  { src: 'flock -n -w 5 /tmp/l rm x', name: 'rm', args: ['x'], wrappers: ['flock'] },
  { src: 'watch -x rm x', name: 'rm', args: ['x'], wrappers: ['watch'] },
  { src: 'watch -n 5 -d -x rm x', name: 'rm', args: ['x'], wrappers: ['watch'] },
  { src: 'xargs rm -f', name: 'rm', args: ['-f'], wrappers: ['xargs'] },
  { src: 'xargs -0 -n 1 -P 4 rm', name: 'rm', args: [], wrappers: ['xargs'] },
  { src: 'xargs -d "\\n" -r rm', name: 'rm', args: [], wrappers: ['xargs'] },
  { src: 'busybox rm -rf /', name: 'rm', args: ['-rf', '/'], wrappers: ['busybox'] },
  { src: 'coproc rm x', name: 'rm', args: ['x'], wrappers: ['coproc'] },
  { src: '/usr/bin/sudo /bin/rm x', name: 'rm', args: ['x'], wrappers: ['sudo'] },
  {
    src: 'sudo env A=1 nice -n 5 timeout 3 nohup /usr/bin/rm -rf /',
    name: 'rm',
    args: ['-rf', '/'],
    wrappers: ['sudo', 'env', 'nice', 'timeout', 'nohup'],
  },
  { src: 'A=1 B=2 rm x', name: 'rm', args: ['x'], wrappers: [] },
];

describe('every wrapper', () => {
  for (const c of cases) {
    it(c.src, async () => {
      const i = await ir(c.src);
      const cmd = i.commands[0]!;
      expect(cmd.name.value).toBe(c.name);
      expect(argValues(cmd)).toEqual(c.args);
      expect(cmd.wrappers).toEqual(c.wrappers);
      expect(ids(i)).toEqual([]);
    });
  }
});

describe('wrapper details', () => {
  it('assignments from the command line, env and sudo', async () => {
    const c = (await ir('A=1 sudo B=2 env C=3 rm x')).commands[0]!;
    expect(c.assignments.map((a) => `${a.name}=${a.value.value}`)).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('xargs feeds unknown input; -I names a placeholder that is dynamic', async () => {
    const plain = only(await ir('find . | xargs rm'), 'rm');
    expect(plain.fedByUnknownInput).toBe(true);
    const c = only(await ir('xargs -I % mv % /tmp/%.bak'), 'mv');
    expect(c.fedByUnknownInput).toBe(true);
    expect(c.args.map((a) => a.static)).toEqual([false, false]);
  });

  it('find -exec/-execdir/-ok/-okdir: the executed command is its own command, {} dynamic', async () => {
    const i = await ir('find / -name x -exec rm -rf {} \\; -execdir chmod 777 {} + -ok shred {} ";" -okdir ls \\;');
    expect(names(i)).toEqual(['find', 'rm', 'chmod', 'shred', 'ls']);
    const rm = only(i, 'rm');
    expect(rm.wrappers).toEqual(['find']);
    expect(rm.fedByUnknownInput).toBe(true);
    expect(rm.parentId).toBe(only(i, 'find').id);
    expect(rm.args.map((a) => [a.value, a.static])).toEqual([
      ['-rf', true],
      ['{}', false],
    ]);
    expect(only(i, 'chmod').cwd).toBeNull(); // -execdir runs in each file's folder
    expect(only(i, 'find').args.map((a) => a.value)).toContain('-exec');
  });

  it('wrappers that run nothing are the command themselves', async () => {
    for (const src of [
      'sudo -l',
      'sudo -v',
      'sudo -k',
      'env',
      'env -i',
      'command -v rm',
      'command -V rm',
      'nice',
      'time',
      'exec >log',
      'ionice -p 12',
      'timeout 5',
      'xargs',
    ]) {
      const i = await ir(src);
      expect(i.commands.length, src).toBe(1);
      expect(i.commands[0]!.wrappers, src).toEqual([]);
      expect(ids(i), src).toEqual([]);
    }
  });

  it('sudo -D, env -C and chroot move the command', async () => {
    expect(only(await ir('sudo -D /etc rm x'), 'rm').cwd).toBe('/etc');
    expect(only(await ir('env -C sub rm x'), 'rm').cwd).toBe('/home/u/proj/sub');
    expect(only(await ir('chroot /mnt rm x'), 'rm').cwd).toBeNull();
    expect(only(await ir('sudo -i rm x'), 'rm').cwd).toBeNull();
  });

  it('an unknown wrapper option is undecidable: the command could start anywhere', async () => {
    for (const src of ['sudo --frobnicate rm -rf /', 'env -Z rm x', 'timeout --bogus 5 rm x', 'xargs --what rm']) {
      expect(ids(await ir(src)), src).toEqual(['parse.unknown_option']);
    }
  });

  it('a dynamic word where the command should be is a dynamic command', async () => {
    for (const src of ['env -S "$ARGS"', 'xargs "$tool"']) {
      expect(ids(await ir(src)), src).toContain('parse.dynamic_command');
    }
  });
  it('an unquoted expansion where options may be could hide options of the wrapper: undecidable', async () => {
    for (const src of ['sudo $CMD x', 'nice -n 5 $(which rm) -rf /']) {
      expect(ids(await ir(src)), src).toContain('parse.unknown_option');
    }
  });
});
