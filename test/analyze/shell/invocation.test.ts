// The catalogue's reading attached to the IR (SimpleCommand.invocation): set once by the analyser for
// every command whose program the catalogue knows, by a script's own spec when an interpreter runs
// it, and read afresh for commands the rules derive (never the outer command's).
import { describe, expect, it } from 'vitest';
import { shellIrFromArgv, shellIrFromScript, withInvocation } from '../../../src/analyze/shell/index.js';
import { hiddenCommandsOf } from '../../../src/rules/shell/hidden-commands.js';
import { ctx } from '../../rules/shell/helpers.js';

const first = async (script: string) => (await shellIrFromScript(script, ctx)).commands[0]!;

describe('SimpleCommand.invocation', () => {
  it('is the spec, subcommand path, options and verbs of a program the catalogue knows', async () => {
    const c = await first('kubectl -n prod delete ns web');
    expect(c.invocation?.spec.names[0]).toBe('kubectl');
    expect(c.invocation?.path).toEqual(['delete']);
    expect(c.invocation?.options.map((o) => [o.name, o.value?.value])).toEqual([['-n', 'prod']]);
    expect(c.invocation?.operands.map((w) => w.value)).toEqual(['ns', 'web']);
    expect((await first('gh repo delete acme/site --yes')).invocation?.verbs.map((v) => v.effect)).toContain('destroy');
    expect((await first('rm -rf build')).invocation?.verbs.map((v) => v.effect)).toEqual(['change']);
  });
  it('is absent for a program the catalogue does not know, and for a dynamic name', async () => {
    expect((await first('my-own-tool --flag')).invocation).toBeUndefined();
    expect((await first('$TOOL x')).invocation).toBeUndefined();
  });
  it('is set for argv input and for every command of a line', async () => {
    const ir = await shellIrFromArgv(['npm', 'publish', '--dry-run'], ctx);
    expect(ir.commands[0]!.invocation?.harmless).toBe(true);
    const line = await shellIrFromScript('cd src && git status; sort -o out.txt in.txt', ctx);
    expect(line.commands.map((c) => c.invocation?.spec.names[0])).toEqual([undefined, 'git', 'sort']);
  });
  it('reads a script a project ships by its own spec when an interpreter runs it', async () => {
    const c = await first('python3 manage.py flush --noinput');
    expect(c.invocation?.spec.names).toContain('manage.py');
    expect(c.invocation?.path).toEqual(['flush']);
  });
  it('is read afresh for the commands rules derive, never copied from the outer command', async () => {
    const c = await first(`python3 -c "import shutil; shutil.rmtree('build')"`);
    const derived = hiddenCommandsOf(c);
    expect(derived.map((d) => d.name.value)).toContain('rm');
    const rm = derived.find((d) => d.name.value === 'rm')!;
    expect(rm.invocation?.spec.names[0]).toBe('rm');
    // withInvocation drops a reading that does not belong to the new words.
    expect(withInvocation({ ...c, name: { value: 'my-own-tool', static: true, raw: 'my-own-tool' }, args: [] }).invocation).toBeUndefined();
  });
});
