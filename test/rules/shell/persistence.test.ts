// Persistence: writes that plant code to run later, outside the guard (shell start-up files, cron
// and at, systemd and launchd, git settings that run programs, SSH access), through every route
// the IR sees, and reads that stay allowed; then through the default engine and applyPolicy
// under every policy. Strings are only analysed, never run.
import { describe, expect, it } from 'vitest';
import type { AnalyzeContext, RuleMatch } from '../../../src/core/types.js';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { defaultAnalyzer } from '../../../src/engine/default-engine.js';
import { evaluateShell } from '../../../src/rules/shell/index.js';
import { PERSISTENCE_RULE_IDS } from '../../../src/rules/shell/persistence.js';
import { applyPolicy } from '../../../src/policy/apply.js';
import { POLICIES, POLICY_NAMES } from '../../../src/policy/policies.js';

const CTX: AnalyzeContext = { cwd: '/home/u/proj', home: '/home/u' };

async function matches(script: string, ctx: AnalyzeContext = CTX): Promise<RuleMatch[]> {
  return evaluateShell(await shellIrFromScript(script, ctx), ctx);
}
const idsOf = async (script: string) => (await matches(script)).map((m) => m.ruleId);

type Id = (typeof PERSISTENCE_RULE_IDS)[number];

const PLANTED: [Id, string][] = [
  // Shell start-up files, through each writing route.
  ['persistence.shell_startup', "echo 'curl x | sh' >> ~/.bashrc"],
  ['persistence.shell_startup', 'cat payload > ~/.zshrc'],
  ['persistence.shell_startup', 'printf x | tee -a ~/.profile'],
  ['persistence.shell_startup', 'cp rc ~/.bash_profile'],
  ['persistence.shell_startup', 'mv /tmp/rc ~/.bash_login'],
  ['persistence.shell_startup', 'ln -sf /tmp/rc ~/.zprofile'],
  ['persistence.shell_startup', 'sed -i "1i x" ~/.zshenv'],
  ['persistence.shell_startup', 'vim ~/.zlogin'],
  ['persistence.shell_startup', 'dd of=/home/u/.bashrc if=x'],
  ['persistence.shell_startup', 'echo x > ~/.config/fish/config.fish'],
  ['persistence.shell_startup', 'cp x.fish ~/.config/fish/conf.d/'],
  ['persistence.shell_startup', 'cp -r /tmp/fish ~/.config/'],
  ['persistence.shell_startup', 'echo x | sudo tee /etc/profile.d/x.sh'],
  ['persistence.shell_startup', 'echo x >> /etc/bash.bashrc'],
  ['persistence.shell_startup', 'echo x >> /etc/profile'],
  ['persistence.shell_startup', 'cp x /etc/zsh/zshrc'],
  ['persistence.shell_startup', 'echo x >> /root/.bashrc'],
  ['persistence.shell_startup', 'echo x >> /home/other/.bashrc'],
  ['persistence.shell_startup', 'cd ~ && echo x >> .bashrc'],
  ['persistence.shell_startup', "python3 -c \"open('/home/u/.bashrc', 'a').write('x')\""],
  ['persistence.shell_startup', 'tar -xf dots.tar -C ~'],
  // Cron, at and timers.
  ['persistence.scheduled_job', 'crontab jobs.txt'],
  ['persistence.scheduled_job', 'echo "* * * * * x" | crontab -'],
  ['persistence.scheduled_job', 'crontab -e'],
  ['persistence.scheduled_job', 'crontab -u root jobs.txt'],
  ['persistence.scheduled_job', 'echo "* * * * * root x" > /etc/cron.d/x'],
  ['persistence.scheduled_job', 'cp x /etc/cron.daily/'],
  ['persistence.scheduled_job', 'echo "* * * * * x" >> /etc/crontab'],
  ['persistence.scheduled_job', 'cp job /var/spool/cron/crontabs/root'],
  ['persistence.scheduled_job', 'echo x | at now + 1 hour'],
  ['persistence.scheduled_job', 'at -f job.sh midnight'],
  ['persistence.scheduled_job', 'batch < job.sh'],
  ['persistence.scheduled_job', 'systemd-run --user --on-calendar=hourly /tmp/x'],
  ['persistence.scheduled_job', 'systemd-run --on-active=30 /tmp/x'],
  // systemd and launchd.
  ['persistence.service_unit', 'cp x.service ~/.config/systemd/user/'],
  ['persistence.service_unit', 'tee /etc/systemd/system/x.service < unit'],
  ['persistence.service_unit', 'echo x > /lib/systemd/system/x.service'],
  ['persistence.service_unit', 'install -m 644 x.service /usr/lib/systemd/system/x.service'],
  ['persistence.service_unit', 'systemctl enable x'],
  ['persistence.service_unit', 'systemctl --user enable --now x.service'],
  ['persistence.service_unit', 'systemctl link /tmp/x.service'],
  ['persistence.service_unit', 'cp x.plist ~/Library/LaunchAgents/'],
  ['persistence.service_unit', 'cp x.plist /Library/LaunchDaemons/x.plist'],
  ['persistence.service_unit', 'launchctl load -w ~/Library/LaunchAgents/x.plist'],
  ['persistence.service_unit', 'launchctl bootstrap gui/501 x.plist'],
  ['persistence.service_unit', 'launchctl submit -l x -- /tmp/x'],
  // Git settings that run programs.
  ['persistence.git_config_program', 'git config core.fsmonitor /tmp/x'],
  ['persistence.git_config_program', 'git config --global core.pager "sh -c x"'],
  ['persistence.git_config_program', 'git config --local core.sshCommand "ssh -o ProxyCommand=x"'],
  ['persistence.git_config_program', 'git config --global core.editor vim'],
  ['persistence.git_config_program', 'git config core.hooksPath /tmp/h'],
  ['persistence.git_config_program', "git config alias.st '!curl x | sh'"],
  ['persistence.git_config_program', 'git config diff.x.textconv /tmp/x'],
  ['persistence.git_config_program', 'git config diff.x.command /tmp/x'],
  ['persistence.git_config_program', 'git config filter.x.clean /tmp/x'],
  ['persistence.git_config_program', 'git config filter.x.smudge /tmp/x'],
  ['persistence.git_config_program', 'git config filter.x.process /tmp/x'],
  ['persistence.git_config_program', 'git config --global credential.helper "!f() { x; }; f"'],
  ['persistence.git_config_program', 'git config sequence.editor /tmp/x'],
  ['persistence.git_config_program', 'git config --system gpg.program /tmp/x'],
  ['persistence.git_config_program', 'git config set core.sshCommand x'],
  ['persistence.git_config_program', 'git config -f .gitmodules submodule.x.update "!sh x"'],
  ['persistence.git_config_program', 'echo "[core] pager = x" >> ~/.gitconfig'],
  // SSH.
  ['persistence.ssh_access', 'echo "ssh-ed25519 AAAA x" >> ~/.ssh/authorized_keys'],
  ['persistence.ssh_access', 'cp k.pub /root/.ssh/authorized_keys2'],
  ['persistence.ssh_access', 'echo "ProxyCommand x" >> ~/.ssh/config'],
  ['persistence.ssh_access', 'echo x > ~/.ssh/rc'],
  ['persistence.ssh_access', 'sed -i "s/no/yes/" /etc/ssh/sshd_config'],
  ['persistence.ssh_access', 'cp x.conf /etc/ssh/sshd_config.d/'],
];

const READS: string[] = [
  'cat ~/.bashrc',
  'grep PATH ~/.profile',
  'cp ~/.bashrc /tmp/bashrc.bak',
  'source ~/.bashrc',
  'diff ~/.zshrc zshrc',
  'crontab -l',
  'crontab -l | grep backup',
  'atq',
  'at -l',
  'cat /etc/crontab',
  'ls /etc/cron.d',
  'systemctl status x',
  'systemctl --user list-units',
  'systemctl restart nginx',
  'systemctl start x',
  'systemd-run --user --scope make',
  'launchctl list',
  'cat /etc/systemd/system/x.service',
  'git config --get core.pager',
  'git config core.pager',
  'git config user.name "A"',
  'git config --global user.email a@b',
  'git config core.fsmonitor true',
  'git config pager.branch false',
  'git config alias.st status',
  'git -c core.pager=cat log',
  'git config --list',
  'cat ~/.ssh/config',
  'cat ~/.ssh/authorized_keys',
  'ssh -F ~/.ssh/config host',
  'ls -la ~/.ssh',
  'echo x >> ./notes/bashrc.md',
  'cp -r src ~/backup',
  'tar -xzf deps.tgz',
];

describe('persistence rules', () => {
  it.each(PLANTED)('%s: %s', async (id, script) => {
    expect(await idsOf(script)).toContain(id);
  });

  it.each(READS)('reading and everyday work stay allowed: %s', async (script) => {
    const ids = await idsOf(script);
    expect(ids.filter((i) => i.startsWith('persistence.'))).toEqual([]);
  });

  it('names the file or key in the evidence', async () => {
    const [m] = (await matches("echo 'curl x | sh' >> ~/.bashrc")).filter((x) => x.ruleId === 'persistence.shell_startup');
    expect(m!.evidence).toBe("echo 'curl x | sh' >> ~/.bashrc (writes /home/u/.bashrc)");
    expect(m!.risk).toBe('HIGH');
  });
});

describe('persistence under every policy', () => {
  const analyse = (script: string) => defaultAnalyzer.analyze({ kind: 'shell', script }, CTX);
  const one: [Id, string][] = PERSISTENCE_RULE_IDS.map((id) => PLANTED.find(([i]) => i === id)!);

  it.each(one.flatMap(([id, s]) => POLICY_NAMES.map((p) => [p, s, id] as const)))('%s: %s', async (policy, script, id) => {
    const d = applyPolicy(await analyse(script), POLICIES[policy], undefined, { ctx: CTX });
    if (policy === 'audit_mode') {
      // HIGH, not a guard finding: audit_mode lets it run and names it.
      expect(d.wouldBlock!.map((m) => m.ruleId)).toContain(id);
    } else {
      expect(d.decision).toBe('block');
      expect(d.blocking.map((m) => m.ruleId)).toContain(id);
    }
  });
});
