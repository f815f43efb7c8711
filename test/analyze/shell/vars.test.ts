// Variables with statically known values are substituted into the words that use them.
import { describe, expect, it } from 'vitest';
import { argValues, ids, ir, only } from './helpers.js';

const rmArgs = async (src: string) => {
  const rm = only(await ir(src), 'rm');
  return rm.args.map((a) => ({ value: a.value, static: a.static }));
};

describe('known variables', () => {
  it('a static value is substituted, quoted or not, and the names are kept', async () => {
    const rm = only(await ir('d=build; rm -rf "$d" ${d}/x "$d"/*'), 'rm');
    expect(argValues(rm)).toEqual(['-rf', 'build', 'build/x', 'build/*']);
    expect(rm.args[1]).toEqual({ value: 'build', static: true, raw: '"$d"', vars: ['d'] });
    expect(rm.args[3]!.glob).toBe(true);
  });

  it('a command named by a variable is resolved for the rules and still a dynamic command name', async () => {
    const i = await ir('a=rm; $a -rf /');
    expect(only(i, 'rm').name.vars).toEqual(['a']);
    expect(ids(i)).toEqual(['parse.dynamic_command']);
  });

  it('export/local/readonly assignments count; a later assignment replaces', async () => {
    expect((await rmArgs('export D=/srv/app; rm -rf "$D"'))[1]).toEqual({ value: '/srv/app', static: true });
    expect((await rmArgs('D=a; D=b; rm -rf "$D"'))[1]).toEqual({ value: 'b', static: true });
  });

  it('mktemp gives a fresh temporary folder, known on the && path or under set -e', async () => {
    expect((await rmArgs('T=$(mktemp -d) && cd "$T" && rm -rf "$T"'))[1]).toEqual({ value: '/tmp/tmp.XXXXXXXXXX', static: true });
    expect((await rmArgs('set -e; T=$(mktemp -d); rm -rf "$T"'))[1]!.static).toBe(true);
    expect((await rmArgs('T=$(mktemp -d -p /var/tmp x.XXXX) && rm -rf "$T"'))[1]!.value).toBe('/var/tmp/x.XXXX');
    expect((await rmArgs('T=$(mktemp -d) || exit 1; rm -rf "$T"'))[1]!.static).toBe(true);
    // If mktemp failed, T is empty and `rm -rf "$T"/*` is `rm -rf /*`: not known after `;`.
    expect((await rmArgs('T=$(mktemp -d); rm -rf "$T"/*'))[1]!.static).toBe(false);
  });

  it('what is not known stays dynamic', async () => {
    const table = [
      'd=$(pwd); rm -rf "$d"',
      'read d; rm -rf "$d"',
      'd=x; unset d; rm -rf "$d"',
      'd=x; source env.sh; rm -rf "$d"',
      'd=x; f() { d=y; }; f; rm -rf "$d"',
      'd=x; for d in a b; do rm -rf "$d"; done',
      'd=x; if true; then d=y; fi; rm -rf "$d"',
      'd="a b"; rm -rf $d',
      'd=""; rm -rf $d',
      'd=x; (( d = 1 )); rm -rf "$d"',
      'd=x; bash -c \'rm -rf "$d"\'',
      'rm -rf "$HOME/$d"',
    ];
    for (const src of table)
      expect(
        (await rmArgs(src)).some((a) => !a.static),
        src,
      ).toBe(true);
  });

  it('values set in a subshell, a pipeline stage or a branch do not leak', async () => {
    expect((await rmArgs('(d=x); rm -rf "$d"'))[1]!.static).toBe(false);
    expect((await rmArgs('d=x | true; rm -rf "$d"'))[1]!.static).toBe(false);
    expect((await rmArgs('d=x; (d=y); rm -rf "$d"'))[1]).toEqual({ value: 'x', static: true });
  });
});
