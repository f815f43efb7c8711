// Self-protection: every route by which a command can change what keeps the guard on (its home,
// trail, keys, configs, the hosts' hook settings, git hooks, its install) or skip git hooks,
// through the real analyser; with the session's guarded paths and without them (defaults under
// the home); and through the default engine and applyPolicy under every policy, audit_mode
// included, where these findings always block. Strings are only analysed, never run.
import { describe, expect, it } from 'vitest';
import type { GuardContext } from '../../../src/core/guarded.js';
import type { AnalyzeContext, RuleMatch } from '../../../src/core/types.js';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { defaultAnalyzer } from '../../../src/engine/default-engine.js';
import { evaluateShell } from '../../../src/rules/shell/index.js';
import { SELF_PROTECTION_RULE_IDS } from '../../../src/rules/shell/self-protection.js';
import { applyPolicy } from '../../../src/policy/apply.js';
import { POLICIES, POLICY_NAMES } from '../../../src/policy/policies.js';
import { isGuardFinding } from '../../../src/policy/findings.js';

const CTX: AnalyzeContext = { cwd: '/home/u/proj', home: '/home/u' };
const PATH = 'self_protection.guarded_path';
const HOOKS = 'self_protection.hook_bypass';

async function matches(script: string, ctx: AnalyzeContext = CTX): Promise<RuleMatch[]> {
  return evaluateShell(await shellIrFromScript(script, ctx), ctx);
}
const idsOf = async (script: string, ctx?: AnalyzeContext) => (await matches(script, ctx)).map((m) => m.ruleId);

/** One case per route the IR sees: [route, script]. */
const GUARDED_WRITES: [string, string][] = [
  ['truncating redirect', ': > ~/.seatbelt/audit.jsonl'],
  ['bare redirect', '> ~/.seatbelt/audit.jsonl'],
  ['appending redirect', 'echo x >> ~/.seatbelt/audit.jsonl'],
  ['&> redirect', 'ls &> ~/.seatbelt/audit.jsonl'],
  ['>| redirect', 'echo {} >| ~/.seatbelt/config.json'],
  ['exec redirect', 'exec 3>~/.seatbelt/audit.jsonl'],
  ['user config', "echo '{}' > ~/.seatbelt/config.json"],
  ['project config', 'echo \'{"policy":"audit_mode"}\' > .seatbelt.json'],
  ['project config in a subfolder', 'echo {} > packages/app/.seatbelt.json'],
  ['project host settings', "echo '{}' > .claude/settings.json"],
  ['user host settings', "echo '{}' > ~/.claude/settings.json"],
  ['codex hooks', 'echo {} > ~/.codex/hooks.json'],
  ['gemini settings', 'echo {} > ~/.gemini/settings.json'],
  ['cursor hooks', 'echo {} > .cursor/hooks.json'],
  ['git config file', 'echo "[core] hooksPath = /dev/null" >> .git/config'],
  ['cp destination', 'cp /dev/null ~/.seatbelt/audit.jsonl'],
  ['cp into a guarded folder', 'cp settings.json ~/.claude/'],
  ['cp -r contents', 'cp -r /tmp/evil/. ~/.claude'],
  ['cp -r tree to a guarded name', 'cp -r tpl .claude'],
  ['mv destination', 'mv /tmp/x .seatbelt.json'],
  ['mv source', 'mv .seatbelt.json /tmp'],
  ['mv brace pair', 'mv ~/.seatbelt{,.bak}'],
  ['ln replacing', 'ln -sf /dev/null ~/.seatbelt/audit.jsonl'],
  ['ln to a guarded target', 'ln -s ~/.seatbelt/audit.jsonl /tmp/a'],
  ['ln to a guarded folder', 'ln -s ~/.seatbelt link'],
  ['hard link via cp -l', 'cp -l ~/.seatbelt/audit.jsonl /tmp/a'],
  ['install', 'install -m 644 x ~/.gemini/settings.json'],
  ['tee', 'echo {} | tee .claude/settings.local.json'],
  ['dd of=', 'dd if=/dev/zero of=/home/u/.seatbelt/audit.jsonl'],
  ['truncate', 'truncate -s 0 ~/.seatbelt/audit.jsonl'],
  ['sed -i', 'sed -i s/seatbelt/true/ ~/.claude/settings.json'],
  ['perl -i', 'perl -pi -e s/a/b/ .claude/settings.json'],
  ['sponge', 'jq . x | sponge ~/.seatbelt/config.json'],
  ['touch', 'touch .seatbelt.json'],
  ['chmod', 'chmod 000 ~/.seatbelt'],
  ['chown', 'chown nobody ~/.seatbelt/audit.jsonl'],
  ['chattr', 'chattr +i ~/.seatbelt/audit.jsonl'],
  ['chmod -R of a parent', 'chmod -R u+w ~'],
  ['rm', 'rm .git/hooks/pre-commit'],
  ['rm -rf', 'rm -rf ~/.seatbelt'],
  ['unlink', 'unlink .seatbelt.json'],
  ['shred', 'shred -u ~/.seatbelt/keys/k'],
  ['find -delete', 'find ~/.seatbelt -delete'],
  ['find -exec rm', 'find ~/.seatbelt -name "*.jsonl" -exec rm {} +'],
  ['find -exec chmod', 'find ~/.seatbelt -exec chmod 000 {} +'],
  ['find -name selecting a guarded name', 'find . -name pre-commit -delete'],
  ['find | xargs rm', 'find ~/.seatbelt -type f | xargs rm'],
  ['echo | xargs rm', 'echo ~/.seatbelt/audit.jsonl | xargs rm'],
  ['rsync destination', 'rsync -a /tmp/x/ ~/.seatbelt/'],
  ['rsync contents into a parent', 'rsync -a /tmp/x/ ~/'],
  ['rsync --delete', 'rsync -a --delete empty/ ~/.seatbelt'],
  ['scp destination', 'scp host:x ~/.claude/settings.json'],
  ['editor', 'vim ~/.codex/config.toml'],
  ['tar extraction into it', 'tar -xf x.tar -C ~/.seatbelt'],
  ['tar extraction over a home', 'tar -xf x.tar -C ~'],
  ['unzip into .git', 'unzip -o x.zip -d .git'],
  ['archive written over it', 'tar -cf ~/.seatbelt/audit.jsonl x'],
  ['output option', 'openssl genpkey -algorithm ed25519 -out ~/.seatbelt/keys/k.pem'],
  ['git config --file', 'git config --file ~/.seatbelt/config.json policy audit_mode'],
  ['git rm', 'git rm .seatbelt.json'],
  ['git checkout of a path', 'git checkout evil -- .claude/settings.json'],
  ['mount over it', 'mount -t tmpfs none ~/.seatbelt'],
  ['python open', "python3 -c \"open('.seatbelt.json', 'w').write('{}')\""],
  ['python remove', 'python3 -c "import os; os.remove(os.path.expanduser(\'~/.seatbelt/audit.jsonl\'))"'],
  ['python rmtree', 'python3 -c "import shutil; shutil.rmtree(\'.git\')"'],
  ['node writeFileSync', "node -e \"require('fs').writeFileSync('.claude/settings.json', '{}')\""],
  ['cd first', 'cd ~/.claude && sed -i s/seatbelt/true/ settings.json'],
  ['cd that may fail', 'cd "$X" && rm -rf .git'],
  ['cd ~ then relative', 'cd ~; rm -rf .seatbelt'],
  ['$HOME', 'rm -rf "$HOME"/.seatbelt'],
  ['${HOME}', 'rm -rf ${HOME}/.seatbelt/keys'],
  ['~user', 'rm -rf ~u/.seatbelt'],
  ['..', 'rm -rf /home/u/proj/../.seatbelt'],
  ['case', 'rm -rf ~/.SeatBelt'],
  ['nested shell', "bash -c 'rm -rf ~/.seatbelt'"],
  ['sudo', 'sudo rm -rf ~/.seatbelt'],
  ['parent: the home', 'rm -rf ~'],
  ['parent: moved away', 'mv ~ /tmp/old'],
  ['parent: .git', 'rm -rf .git'],
  ['parent: .claude', 'rm -rf .claude'],
  ['parent: from a subfolder', 'cd .git && rm -rf hooks'],
  ['glob over a parent', 'rm -rf ~/.seat*'],
  ['glob inside', 'rm ~/.seatbelt/*'],
  ['glob over project dot folders', 'rm -rf .[!.]*'],
  ['dynamic rest inside', 'rm -rf ~/.seatbelt/$X'],
  ['dynamic end of a name', 'rm -rf ~/.seat$X'],
  ['package manager', 'npm uninstall -g seatbelt'],
];

const READS: string[] = [
  'cat .seatbelt.json',
  'cat ~/.seatbelt/audit.jsonl | wc -l',
  'cp ~/.seatbelt/audit.jsonl /tmp/copy.jsonl',
  'ls -la .git/hooks',
  'tar -czf /tmp/b.tgz ~/.seatbelt',
  'zip -r /tmp/b.zip ~/.seatbelt',
  'git commit -m "docs: seatbelt"',
  'cat ~/.bashrc',
  'grep x .claude/settings.json',
  'diff a .seatbelt.json',
  'jq .hooks ~/.claude/settings.json > /tmp/hooks.json',
  'sha256sum ~/.seatbelt/audit.jsonl',
  'less ~/.seatbelt/config.json',
];

/** Everyday work near guarded places that must stay allowed. */
const EVERYDAY: string[] = [
  'rm -rf ./build',
  'rm -rf node_modules dist',
  'find . -name "*.pyc" -delete',
  'find . -type d -name node_modules -exec rm -rf {} +',
  'tar -xzf deps.tgz',
  'unzip release.zip',
  'cp -r src dist',
  'mv notes.txt ~/',
  'mv x ~/Documents',
  'echo x > out.txt',
  'sed -i s/a/b/ src/x.ts',
  'rm -rf ~/.cache/pip',
  'git add . && git commit -am "x"',
  'git checkout main',
  'git rm --cached .seatbelt.json',
  'npm install -g typescript',
  'rm -rf .github/workflows/old.yml',
  'rm .gitignore',
  'ssh -o StrictHostKeyChecking=no host ls',
];

describe('self_protection.guarded_path', () => {
  it.each(GUARDED_WRITES)('blocks %s: %s', async (_route, script) => {
    expect(await idsOf(script)).toContain(PATH);
  });

  it.each(READS)('reading stays allowed: %s', async (script) => {
    expect(await idsOf(script)).not.toContain(PATH);
  });

  it.each(EVERYDAY)('everyday work stays allowed: %s', async (script) => {
    const ids = await idsOf(script);
    expect(ids).not.toContain(PATH);
    expect(ids).not.toContain(HOOKS);
  });

  it('names the guarded place, its kind and how it changes in the evidence', async () => {
    const [m] = (await matches(': > ~/.seatbelt/audit.jsonl')).filter((x) => x.ruleId === PATH);
    expect(m!.evidence).toBe(': > ~/.seatbelt/audit.jsonl (writes /home/u/.seatbelt/audit.jsonl: guarded seatbelt_home /home/u/.seatbelt)');
    const [n] = (await matches('rm -rf .git')).filter((x) => x.ruleId === PATH);
    expect(n!.evidence).toMatch(/deletes \/home\/u\/proj\/\.git and everything below it: guarded git_hooks any \.git\/hooks/);
    expect(m!.risk).toBe('CRITICAL');
    expect(m!.remediation).toMatch(/operator/);
  });

  it('a target that cannot be resolved is left to other rules unless its known start lies in a guarded place', async () => {
    for (const s of ['rm -rf "$DIR"', 'echo x > "$OUT"', 'rm -rf ~/$X', 'cp x "build/$NAME"'])
      expect(await idsOf(s), s).not.toContain(PATH);
  });
});

describe('the session guard: custom paths and links', () => {
  const trail: GuardContext = {
    paths: [
      { path: '/var/log/agent/trail.jsonl', kind: 'audit_trail' },
      { path: '/opt/seatbelt', kind: 'install' },
    ],
  };
  const withTrail: AnalyzeContext = { ...CTX, guard: trail };

  it('protects the audit file where the session keeps it', async () => {
    for (const s of [
      ': > /var/log/agent/trail.jsonl',
      'rm /var/log/agent/trail.jsonl',
      'rm -rf /var/log/agent',
      'cd /var/log && rm -rf agent',
      'mv /var/log/agent/trail.jsonl /tmp/',
      'rm -rf /opt/seatbelt/dist',
    ]) {
      expect(await idsOf(s, withTrail), s).toContain(PATH);
    }
    expect(await idsOf('cat /var/log/agent/trail.jsonl | tail -n 3', withTrail)).not.toContain(PATH);
  });

  it("always keeps the hosts' user-level hook settings, and names anywhere, next to the session's paths", async () => {
    for (const s of ["echo '{}' > ~/.claude/settings.json", 'rm ~/.codex/hooks.json', 'echo {} > .seatbelt.json', 'rm -rf .git/hooks'])
      expect(await idsOf(s, withTrail), s).toContain(PATH);
  });

  it('without a session guard, protects seatbelt under the home', async () => {
    expect(await idsOf('rm -rf ~/.seatbelt')).toContain(PATH);
  });

  it('judges where an existing link leads (realpath), also for a file that does not exist yet', async () => {
    const realpath = (p: string): string | null =>
      p === '/tmp/link' || p.startsWith('/tmp/link/') ? p.replace('/tmp/link', '/home/u/.seatbelt') : p.startsWith('/tmp/link') ? null : p;
    const linked: AnalyzeContext = { ...CTX, guard: { paths: [{ path: '/home/u/.seatbelt', kind: 'seatbelt_home' }], realpath } };
    for (const s of ['rm -rf /tmp/link/audit.jsonl', 'rm /tmp/link/audit.jsonl', 'echo x > /tmp/link/new-file', 'chmod 000 /tmp/link'])
      expect(await idsOf(s, linked), s).toContain(PATH);
    // rm acts on the link itself, not on what it points to.
    expect(await idsOf('rm /tmp/link', linked)).not.toContain(PATH);
    expect(await idsOf('rm -rf /tmp/other', linked)).not.toContain(PATH);
  });

  it('a guarded path that is itself a link is also protected where it leads', async () => {
    const realpath = (p: string) =>
      p === '/home/u/.seatbelt' || p.startsWith('/home/u/.seatbelt/') ? p.replace('/home/u/.seatbelt', '/data/sb') : p;
    const ctx: AnalyzeContext = { ...CTX, guard: { paths: [{ path: '/home/u/.seatbelt', kind: 'seatbelt_home' }], realpath } };
    expect(await idsOf('rm -rf /data/sb', ctx)).toContain(PATH);
  });

  it('a repository hooks folder given by the session is judged by hook names for find -name', async () => {
    const repo: AnalyzeContext = { ...CTX, guard: { paths: [{ path: '/home/u/proj/.git/hooks', kind: 'git_hooks' }] } };
    expect(await idsOf('find . -name "*.pyc" -delete', repo)).not.toContain(PATH);
    expect(await idsOf('find . -name "pre-*" -delete', repo)).toContain(PATH);
    expect(await idsOf('find . -type f -delete', repo)).toContain(PATH);
  });
});

describe('self_protection.hook_bypass', () => {
  const BYPASS: string[] = [
    'git commit --no-verify -m x',
    'git commit --no-ver -m x',
    'git commit -n -m x',
    'git commit -anm x',
    'git commit -m x -n',
    'git push --no-verify',
    'git merge --no-verify topic',
    'git rebase --no-verify main',
    'git am --no-verify x.patch',
    'git cherry-pick --no-verify abc123',
    'git pull --no-verify',
    "git -c alias.c='commit --no-verify' c -m x",
    'git -c core.hooksPath=/dev/null commit -m x',
    'git -c core.hookspath=/tmp/h push',
    'git --config-env=core.hooksPath=EMPTY commit -m x',
    'git -c include.path=/tmp/evil.cfg commit -m x',
    'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/null git commit -m x',
    'export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/null',
    'GIT_CONFIG_KEY_0="$K" git commit -m x',
    "GIT_CONFIG_PARAMETERS=\"'core.hooksPath'='/dev/null'\" git commit -m x",
    'git config core.hooksPath /tmp/h',
    'git config --global core.hooksPath ~/.githooks',
    'git config set core.hooksPath /dev/null',
    'git config --unset core.hooksPath',
    'git config --local include.path /tmp/evil.cfg',
    'git config --remove-section core',
  ];
  const FINE: string[] = [
    'git commit -m "no-verify"',
    'git commit -am x',
    'git commit -uno -m x',
    'git push -n',
    'git merge -n topic',
    'git config --get core.hooksPath',
    'git config core.hooksPath',
    'git config user.name A',
    'git -c user.name=A commit -m x',
    'git log --no-walk',
    'echo --no-verify',
  ];

  it.each(BYPASS)('blocks %s', async (script) => {
    expect(await idsOf(script)).toContain(HOOKS);
  });
  it.each(FINE)('allows %s', async (script) => {
    expect(await idsOf(script)).not.toContain(HOOKS);
  });
});

describe('under every policy', () => {
  const analyse = (script: string) => defaultAnalyzer.analyze({ kind: 'shell', script }, CTX);
  const BLOCKED: [string, string][] = [
    ['rm -rf ~/.seatbelt', PATH],
    [': > ~/.seatbelt/audit.jsonl', PATH],
    ["echo '{}' > ~/.seatbelt/config.json", PATH],
    ['echo \'{"policy":"audit_mode"}\' > .seatbelt.json', PATH],
    ["echo '{}' > .claude/settings.json", PATH],
    ['rm .git/hooks/pre-commit', PATH],
    ['git commit --no-verify -m x', HOOKS],
    ['git -c core.hooksPath=/dev/null commit -m x', HOOKS],
  ];

  it.each(BLOCKED.flatMap(([s, id]) => POLICY_NAMES.map((p) => [p, s, id] as const)))('%s blocks %s', async (policy, script, id) => {
    const d = applyPolicy(await analyse(script), POLICIES[policy], undefined, { ctx: CTX });
    expect(d.decision).toBe('block');
    expect(d.blocking.map((m) => m.ruleId)).toContain(id);
    if (policy === 'audit_mode') expect(d.wouldBlock!.map((m) => m.ruleId)).toContain(id);
  });

  it.each(READS.slice(0, 4))('audit_mode and safe_defaults let reading through: %s', async (script) => {
    for (const policy of ['audit_mode', 'safe_defaults'] as const)
      expect(applyPolicy(await analyse(script), POLICIES[policy], undefined, { ctx: CTX }).decision, policy).toBe('allow');
  });

  it('every self_protection id is a guard finding, also the ones other packs own', () => {
    for (const id of [...SELF_PROTECTION_RULE_IDS, 'self_protection.guard_command']) expect(isGuardFinding(id), id).toBe(true);
    // The notice that an untrusted project file's settings were ignored is recorded, never a block.
    expect(isGuardFinding('self_protection.untrusted_project_config')).toBe(false);
    for (const id of ['filesystem.delete', 'persistence.shell_startup', 'policy.pin_violation'])
      expect(isGuardFinding(id), id).toBe(id === 'policy.pin_violation');
  });
});
