// What wrappers and project runners need from the reader and the schema: assignments before the
// command, options that say no command runs, split strings read as arguments again (bounded), the
// folder the command runs in, fed input and its placeholders, a lone `-` option; and the IR peeling
// them all from the catalogue, recursively, strict or lenient as each spec says.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { MAX_SPLITS, readInvocation } from '../../src/catalogue/read.js';
import { specProblems } from '../../src/catalogue/validate.js';
import { catalogue, specFor } from '../../src/catalogue/index.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';
import { ids, ir } from '../analyze/shell/helpers.js';

const w = (value: string): Word => ({ value, static: !value.includes('$'), raw: value });
const words = (line: string) => line.split(' ').map(w);
const spec = (extra: Partial<ProgramSpec>): ProgramSpec => ({
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  examples: { block: [], allow: ['tool'] },
  optionsFirst: true,
  unknown: 'block',
  operands: [{ kind: 'command', rest: true }],
  ...extra,
});
const values = (ws: Word[][]) => ws.map((c) => c.map((x) => x.value).join(' '));

describe('the reader, for wrappers', () => {
  it("assignments: 'names' takes NAME=value operands before the command; 'any' takes any name", () => {
    const inv = readInvocation(spec({ assignments: 'names' }), words('A=1 B=2 rm x'));
    expect(inv.assignments.map((a) => `${a.name}=${a.value.value}`)).toEqual(['A=1', 'B=2']);
    expect(values(inv.commands)).toEqual(['rm x']);
    expect(readInvocation(spec({ assignments: 'names' }), [w('BASH_FUNC_ls%%=x'), w('ls')]).commands[0]![0]!.value).toBe(
      'BASH_FUNC_ls%%=x',
    );
    expect(readInvocation(spec({ assignments: 'any' }), [w('BASH_FUNC_ls%%=x'), w('ls')]).assignments[0]!.name).toBe('BASH_FUNC_ls%%');
  });
  it('self: an option that says no command runs wins, wherever it is', () => {
    const s = spec({
      options: [
        { names: ['-l'], self: true },
        { names: ['-u'], value: 'required' },
      ],
    });
    expect(readInvocation(s, words('-l rm x')).commands).toEqual([]);
    expect(values(readInvocation(s, words('-u root rm x')).commands)).toEqual(['rm x']);
  });
  it('split: the value is read as arguments again, options included; nested splits are bounded', () => {
    const s = spec({ options: [{ names: ['-S'], value: 'required', split: true }, { names: ['-i'] }], assignments: 'any' });
    const inv = readInvocation(s, [w('-S'), w('-i A=1 rm "a b"'), w('c')]);
    expect(inv.options.map((o) => o.name)).toEqual(['-S', '-i']);
    expect(inv.assignments.map((a) => a.name)).toEqual(['A']);
    expect(values(inv.commands)).toEqual(['rm a b c']);
    let text = 'true';
    for (let i = 0; i < MAX_SPLITS + 1; i++) text = `-S ${JSON.stringify(text)}`;
    expect(readInvocation(s, [w('-S'), w(text)]).limit).toMatch(/nested more than/);
  });
  it("cwd: 'value' moves the command; a relative folder after another, or 'unknown', is not known", () => {
    const s = spec({
      options: [
        { names: ['-C'], value: 'required', cwd: 'value' },
        { names: ['-i'], cwd: 'unknown' },
      ],
    });
    expect(readInvocation(s, words('-C /srv rm x')).cwd?.value).toBe('/srv');
    expect(readInvocation(s, words('-C /srv -C app rm x')).cwd).toBeNull();
    expect(readInvocation(s, words('-C /srv -i rm x')).cwd).toBeNull();
    expect(readInvocation(s, words('rm x')).cwd).toBeUndefined();
    expect(readInvocation(spec({ cwd: 'unknown' }), words('rm x')).cwd).toBeNull();
  });
  it('fed: the command is fed input; placeholders come from the level and from options', () => {
    const s = spec({ fed: { placeholders: ['{}'] }, options: [{ names: ['-I'], value: 'required', placeholder: true }] });
    const inv = readInvocation(s, words('-I %% rm %%'));
    expect(inv.fed).toBe(true);
    expect(inv.placeholders).toEqual(['{}', '%%']);
  });
  it('a lone - is an option only where the spec declares it', () => {
    expect(values(readInvocation(spec({ options: [{ names: ['-'] }] }), words('- rm x')).commands)).toEqual(['rm x']);
    expect(values(readInvocation(spec({}), words('- rm x')).commands)).toEqual(['- rm x']);
  });
  it('the schema is checked: values, and a wrapper must run a command', () => {
    const bad = [
      spec({ names: ['w1'], wrapper: true, operands: [{ kind: 'data' }] }),
      spec({ names: ['w2'], assignments: 'some' as never, fed: { placeholders: [''] }, cwd: 'here' as never }),
      spec({ names: ['w3'], options: [{ names: ['-S'], split: true }, { names: ['-C'], cwd: 'value' }, { names: ['-', '-i'] }] }),
    ];
    const paths = specProblems(bad).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['w1.wrapper', 'w2.assignments', 'w2.fed', 'w2.cwd', 'w3.options[0]', 'w3.options[1]', 'w3.options[2]']),
    );
  });
});

describe('the IR peels every wrapper and runner from the catalogue', () => {
  it('the old wrapper table is catalogue data: strict (an unknown option blocks) and peeled in place', () => {
    const wrappers = catalogue().filter((s) => s.wrapper);
    for (const n of [
      'sudo',
      'doas',
      'env',
      'nice',
      'nohup',
      'timeout',
      'time',
      'xargs',
      'stdbuf',
      'chroot',
      'flock',
      'watch',
      'exec',
      'command',
    ])
      expect(
        wrappers.some((s) => s.names.includes(n)),
        n,
      ).toBe(true);
    for (const s of wrappers) if (s.names[0] !== 'busybox') expect(s.unknown, s.names[0]).toBe('block');
  });
  it('project runners are lenient: an option they do not declare is a flag', async () => {
    expect(specFor('npx')?.unknown ?? 'flag').toBe('flag');
    const r = await ir('npx --some-new-flag rimraf dist');
    expect(r.commands.map((c) => [c.name.value, c.wrappers.join(',')])).toEqual([
      ['npx', ''],
      ['rimraf', 'npx'],
    ]);
    expect(ids(r)).toEqual([]);
  });
  it('chains of wrappers and runners: wrappers lists what was peeled and what launched it', async () => {
    const r = await ir('sudo -u app env X=1 npx cross-env Y=2 nice -n 5 rm -rf dist');
    const rm = r.commands.find((c) => c.name.value === 'rm')!;
    expect(rm.wrappers).toEqual(['sudo', 'env', 'npx', 'cross-env', 'nice']);
    expect(rm.assignments.map((a) => a.name)).toEqual(['Y']);
    expect(r.commands.find((c) => c.name.value === 'npx')!.assignments.map((a) => a.name)).toEqual(['X']);
  });
  it('what a runner runs reads the runner’s standard input (npx prisma db execute --stdin)', async () => {
    const r = await ir("npx prisma db execute --stdin <<< 'DROP TABLE users'");
    expect(r.embeddedSql.map((e) => e.sql?.trim())).toEqual(['DROP TABLE users']);
  });
  it('runner subcommands: npm exec, pnpm dlx, yarn dlx, bun x, poetry run, aws-vault exec', async () => {
    for (const [src, label] of [
      ['npm exec -- rimraf dist', 'npm exec'],
      ['npm x rimraf dist', 'npm x'],
      ['pnpm --filter web dlx rimraf dist', 'pnpm dlx'],
      ['yarn dlx rimraf dist', 'yarn dlx'],
      ['bun x rimraf dist', 'bun x'],
      ['poetry run rimraf dist', 'poetry run'],
      ['aws-vault exec prod -- rimraf dist', 'aws-vault exec'],
      ['runuser -u app -- rimraf dist', 'runuser'],
    ]) {
      const r = await ir(src!);
      expect(r.commands.find((c) => c.name.value === 'rimraf')?.wrappers, src).toEqual([label]);
    }
  });
  it('a shell string given to a runner is parsed like any nested script', async () => {
    for (const src of [
      "npx -c 'rimraf dist'",
      "npm exec -c 'rimraf dist'",
      "pnpm exec -c 'rimraf dist'",
      "doppler run --command 'rimraf dist'",
    ])
      expect(
        (await ir(src)).commands.map((c) => c.name.value),
        src,
      ).toContain('rimraf');
  });
});
