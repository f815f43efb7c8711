// Rules that took every word not starting with `-` for a subcommand or an operand misread option
// values (`pulumi -C infra destroy` read `infra` as the subcommand). Where the catalogue knows the
// program, they read its words with its grammar (src/rules/shell/operands.ts). Each case shows the
// old reading and the rule's answer now.
import { describe, expect, it } from 'vitest';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { commandWrites } from '../../../src/rules/shell/index.js';
import { INFRA_RULES } from '../../../src/rules/shell/infra.js';
import { DISK_SYSTEM_RULES } from '../../../src/rules/shell/disk-system.js';
import { DATABASE_RULES } from '../../../src/rules/shell/databases.js';
import { GIT_RULES } from '../../../src/rules/shell/git.js';
import { operandWords } from '../../../src/rules/shell/operands.js';
import type { ShellIr, SimpleCommand } from '../../../src/core/ir.js';
import { ctx } from './helpers.js';

async function first(script: string): Promise<{ cmd: SimpleCommand; ir: ShellIr }> {
  const ir = await shellIrFromScript(script, ctx);
  return { cmd: ir.commands[0]!, ir };
}
/** The old reading: every word that does not start with `-`. */
const oldReading = (cmd: SimpleCommand) => cmd.args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
const rule = (id: string) => [...INFRA_RULES, ...DISK_SYSTEM_RULES, ...DATABASE_RULES, ...GIT_RULES].find((r) => r.id === id)!;

describe('operands read with the catalogue', () => {
  it('reads subcommands behind global options, and leaves option values out', async () => {
    const { cmd } = await first('pulumi -C infra --stack prod destroy --yes');
    expect(oldReading(cmd)).toEqual(['infra', 'prod', 'destroy']);
    expect(operandWords(cmd)).toEqual(['destroy']);
  });

  it('keeps the old reading for a program the catalogue does not know', async () => {
    const { cmd } = await first('frobnicate -x 3 go');
    expect(operandWords(cmd)).toEqual(['3', 'go']);
  });
});

describe('rules that misread option values', () => {
  it('infra.terraform_destroy: `pulumi -C infra destroy`, `cdk --profile prod destroy`', async () => {
    for (const s of ['pulumi -C infra destroy --yes', 'cdk --profile prod destroy', 'serverless --stage prod remove']) {
      const { cmd, ir } = await first(s);
      expect(rule('infra.terraform_destroy').match(cmd, ir), s).toBe(true);
    }
    // The old reading took the option's value for the subcommand and missed it.
    expect(oldReading((await first('pulumi -C infra destroy --yes')).cmd)[0]).toBe('infra');
  });

  it('infra.change: `pulumi -C infra up`, `cdk --profile prod deploy`', async () => {
    for (const s of ['pulumi -C infra up --yes', 'cdk --profile prod deploy']) {
      const { cmd, ir } = await first(s);
      expect(rule('infra.change').match(cmd, ir), s).toBe(true);
    }
  });

  it('infra.cloud_resource_delete: an option value `delete` is not the operation; `gh -R o/r repo delete` is', async () => {
    const list = await first('gcloud compute instances list --filter delete');
    expect(oldReading(list.cmd)).toContain('delete');
    expect(rule('infra.cloud_resource_delete').match(list.cmd, list.ir)).toBe(false);
    const del = await first('gh -R acme/site repo delete --yes');
    expect(oldReading(del.cmd)[0]).toBe('acme/site');
    expect(rule('infra.cloud_resource_delete').match(del.cmd, del.ir)).toBe(true);
  });

  it("read_only (commandWrites): a global option's value is not the subcommand", async () => {
    for (const s of [
      'docker -H tcp://build:2375 ps',
      'docker --log-level debug images',
      'gh -R acme/site pr list',
      'npm --prefix web ls',
      'helm --kube-context prod list',
    ]) {
      const { cmd } = await first(s);
      expect(commandWrites(cmd), s).toBe(false);
    }
    for (const s of ['docker -H tcp://build:2375 rm web', 'gh -R acme/site pr merge 3', 'npm --prefix web install']) {
      const { cmd } = await first(s);
      expect(commandWrites(cmd), s).toBe(true);
    }
  });

  it('disk_system.service_stop and disk_system.power: systemctl on another host (-H web1) still stops sshd, reboots', async () => {
    const stop = await first('systemctl -H web1 stop sshd');
    expect(oldReading(stop.cmd)[0]).toBe('web1');
    expect(rule('disk_system.service_stop').match(stop.cmd, stop.ir)).toBe(true);
    const reboot = await first('systemctl --host web1 reboot');
    expect(rule('disk_system.power').match(reboot.cmd, reboot.ir)).toBe(true);
    const status = await first('systemctl -H web1 status sshd');
    expect(rule('disk_system.service_stop').match(status.cmd, status.ir)).toBe(false);
  });

  it('databases.drop_database: influx behind its global options', async () => {
    const { cmd, ir } = await first('influx --host http://db:8086 bucket delete -n metrics');
    expect(oldReading(cmd)[0]).toBe('http://db:8086');
    expect(rule('databases.drop_database').match(cmd, ir)).toBe(true);
  });

  // git's subcommand grammars (src/catalogue/specs/core-tools.ts): options whose value is optional take it only glued.
  it('git.branch_force_delete: `--color`, `--merged`, `-t` take no next word, so they no longer hide -D', async () => {
    for (const s of ['git branch --color -D main', 'git branch --merged -D old', 'git branch -t -D feature']) {
      const { cmd, ir } = await first(s);
      expect(rule('git.branch_force_delete').match(cmd, ir), s).toBe(true);
    }
    const { cmd, ir } = await first('git branch --color=always -d merged');
    expect(rule('git.branch_force_delete').match(cmd, ir)).toBe(false);
  });

  it('git.history_rewrite: `git commit -u --amend` (-u is --untracked-files[=mode]) amends', async () => {
    const { cmd, ir } = await first('git commit -u --amend --no-edit');
    expect(rule('git.history_rewrite').match(cmd, ir)).toBe(true);
  });

  it('git.stash_drop: a stash message is not the stash command', async () => {
    const msg = await first('git stash -m drop');
    expect(oldReading(msg.cmd)).toEqual(['stash', 'drop']);
    expect(rule('git.stash_drop').match(msg.cmd, msg.ir)).toBe(false);
    const drop = await first('git stash drop -q stash@{1}');
    expect(rule('git.stash_drop').match(drop.cmd, drop.ir)).toBe(true);
  });

  it('read_only (commandWrites): `git branch --format …`, `--sort -committerdate`, `git tag --sort -creatordate` list; -u, -d and a name change', async () => {
    expect(commandWrites((await first(`git branch --format '%(refname:short)'`)).cmd)).toBe(false);
    expect(commandWrites((await first('git branch --sort -committerdate')).cmd)).toBe(false);
    expect(commandWrites((await first('git tag --sort -creatordate')).cmd)).toBe(false);
    expect(commandWrites((await first('git tag -d v1')).cmd)).toBe(true);
    expect(commandWrites((await first('git branch -u origin/main')).cmd)).toBe(true);
    expect(commandWrites((await first('git branch feature')).cmd)).toBe(true);
  });
});
