// Commands run somewhere else, judged like `docker exec`/`kubectl exec`: `oc rsh POD cmd` and
// `oc exec` (an argv in the pod's container), `podman machine ssh [NAME] cmd` (a script for the
// machine's shell, both readings of the optional machine name), and the command lines Salt and
// Ansible send to their hosts (shell scripts, with the remote program as context).
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from '../../rules/shell/helpers.js';
import { ir } from './helpers.js';

const ROOT = 'filesystem.recursive_delete_root';
const ids = async (script: string) => (await matchesOf(script)).map((m) => m.ruleId);

describe('oc rsh and oc exec', () => {
  for (const script of [
    'oc rsh mypod rm -rf /',
    'oc rsh -c app -T mypod rm -rf /',
    "oc rsh dc/web bash -c 'rm -rf /'",
    'oc -n prod rsh mypod rm -rf /',
    'oc exec mypod -- rm -rf /',
    "oc -n prod exec -it mypod -- bash -c 'rm -rf /'",
  ]) {
    it(`judges what ${script} runs in the pod`, async () => {
      expect(await ids(script)).toContain(ROOT);
    });
  }
  it('the command runs in the container: listed under oc rsh, in a folder not known', async () => {
    const r = await ir('oc rsh -c app mypod ls -la');
    const ls = r.commands.find((c) => c.name.value === 'ls')!;
    expect(ls.wrappers).toEqual(['oc rsh']);
    expect(ls.cwd).toBeNull();
  });
  it('an option oc rsh does not know is undecidable', async () => {
    expect(await ids('oc rsh --frobnicate mypod rm -rf /')).toContain('parse.unknown_option');
  });
  it('an interactive shell runs nothing the command line shows', async () => {
    expect((await ir('oc rsh -c app mypod')).commands.map((c) => c.name.value)).toEqual(['oc']);
  });
});

describe('podman machine ssh', () => {
  for (const script of [
    "podman machine ssh myvm 'rm -rf /'",
    'podman machine ssh rm -rf /',
    'podman machine ssh --username core myvm rm -rf /',
    "podman machine ssh 'rm -rf /'",
  ]) {
    it(`judges what ${script} runs in the machine`, async () => {
      expect(await ids(script)).toContain(ROOT);
    });
  }
  it('a command that only reads is not refused for what it runs', async () => {
    for (const script of ['podman machine ssh myvm uptime', 'podman machine ssh ls -la', 'podman machine ssh --username core myvm ls /var'])
      expect(await ids(script), script).not.toContain('parse.option_as_command');
  });
  it('a heredoc fed to the machine shell is judged', async () => {
    expect(await ids("podman machine ssh myvm <<< 'rm -rf /'")).toContain(ROOT);
  });
  it('an unknown option is undecidable', async () => {
    expect(await ids('podman machine ssh --frob myvm ls')).toContain('parse.unknown_option');
  });
});

describe('remote command strings of configuration tools', () => {
  for (const script of [
    "salt '*' cmd.run 'rm -rf /'",
    "salt-ssh 'web*' cmd.shell 'rm -rf /'",
    "ansible all -m shell -a 'rm -rf /'",
    "ansible web -m raw -a 'rm -rf /'",
  ]) {
    it(`${script}: the command line is parsed and judged`, async () => {
      expect(await ids(script)).toContain(ROOT);
    });
  }
  it('the command keeps where it came from as context', async () => {
    const r = await ir("salt '*' cmd.run 'rm -rf /'");
    const rm = r.commands.find((c) => c.name.value === 'rm')!;
    expect(rm.context.map((c) => c.detail).join(' ')).toMatch(/salt/);
  });
  it('everyday remote commands stay allowed', async () => {
    for (const script of ["salt '*' test.ping", "ansible all -m shell -a 'uptime'", 'ansible all -m ping'])
      expect(decisionOf(await matchesOf(script)), script).toBe('allow');
  });
});
