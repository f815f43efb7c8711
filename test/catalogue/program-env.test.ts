// A variable a program's own spec says it runs (`BORG_RSH` for borg) is judged as the script it
// holds, like the variables any program honours (env.ts).
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { ctx } from '../rules/shell/helpers.js';

const ids = async (script: string) => (await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx)).matches.map((m) => m.ruleId);

describe("a program's own executor variables", () => {
  it('judge the script they hold', async () => {
    expect(await ids("BORG_RSH='rm -rf ~' borg list ssh://backup/repo")).toContain('filesystem.recursive_delete_home');
    expect(await ids("RESTIC_PASSWORD_COMMAND='rm -rf ~' restic snapshots")).toContain('filesystem.recursive_delete_home');
  });
  it('leave everyday values alone', async () => {
    expect(await ids("BORG_RSH='ssh -i ~/.ssh/backup' borg list ssh://backup/repo")).not.toContain('filesystem.recursive_delete_home');
  });
  it('only for that program', async () => {
    expect(await ids("BORG_RSH='rm -rf ~' ls")).not.toContain('filesystem.recursive_delete_home');
  });
});
