// The same delete, however spelled: what `find` finds and feeds into a deleter (by -exec under a
// wrapper, or through `xargs`) is judged like `rm` of it; GNU parallel's jobs are judged as the
// command lines it runs; and words of an -exec are the program's, not find's.
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from '../../rules/shell/helpers.js';
import { argValues, ids, ir, names } from './helpers.js';

const decision = async (script: string) => decisionOf(await matchesOf(script));
const ruleIds = async (script: string) => (await matchesOf(script)).map((m) => m.ruleId);

describe('find feeding a deleter is judged like rm of what it finds', () => {
  const pairs: [string, string][] = [
    ['find . -print0 | xargs -0 rm -rf', 'rm -rf ./*'],
    ['find . | xargs rm -rf', 'rm -rf ./*'],
    ['find /tmp -execdir rm -rf {} +', 'rm -rf /tmp/*'], // both allowed: /tmp is scratch
    ['find /var -execdir rm -rf {} +', 'rm -rf /var/*'],
    ['find . -exec env rm -rf {} \\;', 'find . -exec rm -rf {} \\;'],
    ['find . -exec sudo rm -rf {} \\;', 'find . -exec rm -rf {} \\;'],
    ['find . -exec command rm -rf {} \\;', 'find . -exec rm -rf {} \\;'],
    ['find . -exec busybox rm -rf {} \\;', 'find . -exec rm -rf {} \\;'],
    ['find . -exec nice -n 5 rm -rf {} +', 'find . -exec rm -rf {} \\;'],
    ['find ~ -type f | xargs rm -f', 'find ~ -type f -delete'],
    ['find /etc -name "*.conf" -print0 | xargs -0 rm', 'find /etc -name "*.conf" -delete'],
  ];
  for (const [spelled, plain] of pairs) {
    it(`${spelled}  ≡  ${plain}`, async () => {
      expect(await decision(spelled)).toBe(await decision(plain));
    });
  }

  it('the find behind `| xargs rm` carries the find rules (broad, dynamic root)', async () => {
    expect(await ruleIds('find ~ -type f | xargs rm -f')).toContain('filesystem.find_delete_broad');
    expect(await ruleIds('find "$DIR" -name "*.tmp" | xargs rm')).toContain('filesystem.find_delete_dynamic_root');
  });

  it('a filtered find stays allowed however it deletes', async () => {
    for (const s of ["find . -name '*.pyc' -delete", "find . -name '*.pyc' | xargs rm -f", "find . -name '*.pyc' -exec env rm -f {} +"]) {
      expect(await decision(s), s).toBe('allow');
    }
  });

  it('words of an -exec belong to its program: `-exec echo -delete ;` deletes nothing', async () => {
    expect(await decision('find . -exec echo -delete \\; -print')).toBe('allow');
    expect(await ruleIds('find . -exec echo -delete \\; -print')).not.toContain('filesystem.delete');
    // …while a -delete after the -exec's `;` is find's own.
    expect(await decision('find . -exec echo {} \\; -delete')).toBe('block');
  });
});

describe('GNU parallel runs the command lines it is given', () => {
  it('with no command, each ::: argument is a command line', async () => {
    const i = await ir("parallel ::: 'rm -rf /' 'echo hi'");
    expect(names(i)).toEqual(['parallel', 'rm', 'echo']);
    expect(await decision("parallel ::: 'rm -rf /'")).toBe('block');
    expect(await decision("parallel ::: 'echo a' 'echo b'")).toBe('allow');
  });

  it('with a command, {} is each argument (also inside a quoted script)', async () => {
    const rm = (await ir('parallel rm -rf {} ::: /')).commands.find((c) => c.name.value === 'rm')!;
    expect(argValues(rm)).toEqual(['-rf', '/']);
    expect(rm.fedByUnknownInput).toBeUndefined();
    expect(await decision("parallel bash -c 'rm -rf {}' ::: /")).toBe('block');
    expect(await decision("parallel bash -c 'rm -rf {}' ::: /")).toBe(await decision("bash -c 'rm -rf /'"));
    expect(await decision("parallel bash -c 'echo {}' ::: a b")).toBe('allow');
    expect(await decision('parallel rm -rf ::: build dist')).toBe('allow');
  });

  it('{.} {/} {//} and source numbers are filled in', async () => {
    const i = await ir('parallel cp {1} {2//}/{1/.}.bak ::: src/a.txt ::: /tmp/x/y');
    const cp = i.commands.find((c) => c.name.value === 'cp')!;
    expect(argValues(cp)).toEqual(['src/a.txt', '/tmp/x/a.bak']);
  });

  it('commands read from a file, or grouped by options, cannot be known: refused', async () => {
    expect(ids(await ir('parallel :::: cmds.txt'))).toContain('parse.dynamic_script');
    expect(ids(await ir("parallel -n 2 ::: 'rm -rf' /"))).toContain('parse.dynamic_script');
    expect(ids(await ir('parallel -a cmds.txt'))).toContain('parse.dynamic_script');
    expect(await decision("parallel -j4 ::: 'echo a' 'echo b'")).toBe('allow');
  });

  it('with no command, the lines it reads are commands: `… | parallel` is `… | bash`', async () => {
    expect(await decision('cat cmds.txt | parallel')).toBe(await decision('cat cmds.txt | bash'));
    expect(await ruleIds('cat cmds.txt | parallel')).toContain('remote_code.pipe_to_shell');
    expect(await decision("find . -name '*.log' | parallel gzip")).toBe('allow');
  });

  it('input it reads at run time stays a placeholder, fed by unknown input', async () => {
    const c = (await ir('cat list | parallel rm -rf {}')).commands.find((x) => x.name.value === 'rm')!;
    expect(c.fedByUnknownInput).toBe(true);
    expect(await decision('cat list | parallel rm -rf {}')).toBe('block');
  });
});
