// Environment variables that make programs run code (src/catalogue/env.ts, and a spec's own `env`):
// set on a command or exported, their value is judged as a script (or refused as code seatbelt
// cannot read), while everyday values stay allowed.
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../src/engine/default-engine.js';
import { applyPolicy } from '../../src/policy/apply.js';
import { SAFE_DEFAULTS } from '../../src/policy/policies.js';
import { ctx } from '../rules/shell/helpers.js';

const decide = async (script: string) =>
  applyPolicy(await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx), SAFE_DEFAULTS, undefined, { ctx });

const BLOCK = [
  "LESSOPEN='|rm -rf ~' less x",
  "LESSOPEN='||rm -rf ~ %s' less x",
  "MANPAGER='rm -rf ~' man ls",
  "PAGER='rm -rf ~' man ls",
  "GIT_SSH_COMMAND='rm -rf ~' git fetch",
  "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0='rm -rf ~' git log",
  "EDITOR='rm -rf ~' git commit",
  "export EDITOR='rm -rf ~'; git commit",
  "export MANPAGER='rm -rf ~'; man ls",
  "GH_PAGER='rm -rf ~' gh pr list",
  "RSYNC_RSH='rm -rf ~' rsync -a src host:dst",
  "FZF_DEFAULT_COMMAND='rm -rf ~' fzf",
  "export FZF_DEFAULT_COMMAND='rm -rf ~'; fzf",
  'FZF_DEFAULT_OPTS="--bind \'start:execute(rm -rf ~)\'" fzf',
  "MAKEFLAGS='--eval=all: ; rm -rf ~' make",
  "TAR_OPTIONS='--to-command=sh' tar -xf a.tar",
  "ZIPOPT='-T -TT sh' zip a.zip f",
  "LESS='+!rm -rf ~' less x",
  "VIMINIT='!rm -rf ~' vim f",
  "ALTERNATE_EDITOR='rm -rf ~' emacsclient -c f",
  'LD_PRELOAD=/tmp/evil.so ls',
];

const ALLOW = [
  'EDITOR=vim git commit',
  "EDITOR='code --wait' git commit",
  'PAGER=cat git log',
  "GIT_PAGER='less -R' git log",
  "MANPAGER='less -R' man ls",
  "LESSOPEN='| /usr/bin/lesspipe %s' less x.gz",
  "GIT_SSH_COMMAND='ssh -i ~/.ssh/deploy -o IdentitiesOnly=yes' git fetch",
  "GH_PAGER='' gh pr list",
  'AWS_PAGER= aws s3 ls',
  "FZF_DEFAULT_COMMAND='fd --type f' fzf",
  "FZF_DEFAULT_OPTS='--height 40% --layout=reverse' fzf",
  "MAKEFLAGS='-j8 --no-print-directory' make test",
  'LESS=-R git log',
  "LESS='-FRX' less x",
  "RSYNC_RSH='ssh -p 2222' rsync -a src host:dst",
  "TAR_OPTIONS='--no-same-owner' tar -xf a.tar",
];

describe('variables that run programs', () => {
  for (const script of BLOCK) {
    it(`blocks ${script}`, async () => {
      const d = await decide(script);
      expect(d.decision, d.reason).toBe('block');
    });
  }
  for (const script of ALLOW) {
    it(`allows ${script}`, async () => {
      const d = await decide(script);
      expect(d.decision, `${d.reason} ${d.blocking.map((m) => `${m.ruleId}: ${m.evidence}`).join('; ')}`).toBe('allow');
    });
  }
});
