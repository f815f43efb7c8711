// One command against one allow rule, with hand-built IR: flags in every spelling, subcommands
// behind global options, folders after normalisation, redirections, wrappers, assignments.
import { describe, expect, it } from 'vitest';
import type { CommandAllowRule, RoleFile } from '../../src/policy/role/role.js';
import { checkCommand } from '../../src/policy/role/check.js';
import { matchCommandRule } from '../../src/policy/role/match.js';
import { CTX, cmd, w } from './helpers.js';

const rule = (r: Partial<CommandAllowRule>): CommandAllowRule => ({ id: 't', command: 'x', match: ['x'], notMatch: ['y'], ...r });
const ok = (r: CommandAllowRule, c: ReturnType<typeof cmd>) => matchCommandRule(r, c, CTX);

describe('flags in every spelling', () => {
  const git = rule({ command: 'git', subcommands: ['push'], forbidFlags: ['-f', '--force', '--mirror'] });
  it.each([
    ['git push -f origin main', false],
    ['git push --force origin main', false],
    ['git push --force=true origin', false],
    ['git push -uf origin main', false],
    ['git push --forc origin', false],
    ['git push --mirror', false],
    ['git push origin -- --force', false],
    ['git push -u origin main', true],
    ['git push --force-with-lease origin main', true],
    ['git push --follow-tags', true],
  ])('%s → allowed %s', (text, allowed) => {
    expect(ok(git, cmd(text)) === null).toBe(allowed);
  });

  const ls = rule({ command: 'ls', allowFlags: ['-l', '-a', '-h', '--all', '--color'] });
  it.each([
    ['ls -la', true],
    ['ls -l -a -h', true],
    ['ls --all', true],
    ['ls --color=auto', true],
    ['ls -laR', false],
    ['ls --recursive', false],
    ['ls --al', false], // abbreviations are not exact allows
  ])('allow list: %s → %s', (text, allowed) => {
    expect(ok(ls, cmd(text)) === null).toBe(allowed);
  });

  it('a value glued to a short value option is not read as flags', () => {
    const head = rule({ command: 'head', allowFlags: ['-n'], valueOptions: ['-n'] });
    expect(ok(head, cmd('head -n5 file'))).toBeNull();
    expect(ok(head, cmd('head -n 5 file'))).toBeNull();
    expect(ok(head, cmd('head -c5 file'))).toMatch(/flag "-c5"/);
  });
});

describe('subcommands behind global options', () => {
  const git = rule({ command: 'git', subcommands: ['status', 'log', 'diff'] });
  it.each([
    ['git status', true],
    ['git -C /srv/repo log --oneline', true],
    ['git --git-dir=/x/.git diff', true],
    ['git -c core.pager=less log', true],
    ['git --no-pager diff HEAD~1', true],
    ['git push', false],
    ['git -C /srv/repo push', false],
    ['git', false],
    ['git --unknown-opt log', true], // a flag without value: log is still the subcommand
  ])('%s → %s', (text, allowed) => {
    expect(ok(git, cmd(text)) === null).toBe(allowed);
  });

  it('an unknown option that really takes a value makes the rule refuse, never skip', () => {
    const k = rule({ command: 'kubectl', subcommands: ['get'] });
    expect(ok(k, cmd('kubectl -n kube-system get pods'))).toBeNull();
    expect(ok(k, cmd('kubectl --namespace=prod get pods'))).toBeNull();
    expect(ok(k, cmd('kubectl --weird-value delete get'))).toMatch(/subcommand delete/);
    expect(ok(k, cmd('kubectl delete pods'))).toMatch(/subcommand/);
  });

  it('multi-word subcommands with wildcards', () => {
    const aws = rule({ command: 'aws', subcommands: ['s3 ls', '* describe-*'] });
    expect(ok(aws, cmd('aws --profile prod ec2 describe-instances'))).toBeNull();
    expect(ok(aws, cmd('aws s3 ls s3://bucket'))).toBeNull();
    expect(ok(aws, cmd('aws s3 rm s3://bucket/x'))).not.toBeNull();
    expect(ok(aws, cmd('aws ec2 terminate-instances describe-x'))).not.toBeNull();
  });

  it('a dynamic word in subcommand position refuses', () => {
    const git = rule({ command: 'git', subcommands: ['log'] });
    expect(ok(git, cmd('git x', { args: [w('$SUB', { static: false })] }))).toMatch(/subcommand/);
  });
});

describe('folders after normalisation', () => {
  const rm = rule({ command: 'rm', paths: ['./build', '/tmp/scratch', '~/cache'] });
  it.each([
    ['rm -rf build', true],
    ['rm -rf ./build/x', true],
    ['rm -rf /tmp/scratch/a/../b', true],
    ['rm -rf ~/cache/pip', true],
    ['rm -rf build/../src', false],
    ['rm -rf /tmp/scratch/../../etc', false],
    ['rm -rf /tmp/scratchpad', false],
    ['rm -rf .', false],
    ['rm -rf ~', false],
    ['rm -rf /', false],
  ])('%s → %s', (text, allowed) => {
    expect(ok(rm, cmd(text)) === null).toBe(allowed);
  });

  it('judges relative paths against the tracked cwd, and "./" against where the guard runs', () => {
    expect(ok(rm, cmd('rm -rf build', { cwd: '/' }))).toMatch(/outside/);
    expect(ok(rm, cmd('rm -rf build', { cwd: null }))).toMatch(/cannot be resolved/);
    expect(ok(rm, cmd('rm -rf /home/user/project/build', { cwd: null }))).toBeNull();
  });

  it('a quoted tilde is a file in the working folder, an unquoted one is home', () => {
    const home = rule({ command: 'rm', paths: ['~/cache'] });
    expect(ok(home, cmd('rm x', { args: [w('~/cache/x', { raw: '~/cache/x' })] }))).toBeNull();
    expect(ok(home, cmd('rm x', { args: [w('~/cache/x', { raw: "'~/cache/x'" })] }))).toMatch(/outside/);
  });

  it('dynamic words: $HOME prefixes and contained globs resolve; anything else refuses', () => {
    const d = (raw: string) => cmd('rm x', { args: [w(raw, { static: false, raw })] });
    expect(ok(rm, d('$HOME/cache/x'))).toBeNull();
    expect(ok(rm, d('${HOME}/cache'))).toBeNull();
    expect(ok(rm, d('build/*.o'))).toBeNull();
    expect(ok(rm, d('build/*/../../etc'))).toMatch(/dynamic|resolved/);
    expect(ok(rm, d('build/.*'))).not.toBeNull();
    expect(ok(rm, d('$TARGET'))).toMatch(/dynamic/);
    expect(ok(rm, d('$(echo build)'))).toMatch(/dynamic/);
  });

  it('URL prefixes match on whole segments', () => {
    const s3 = rule({ command: 'aws', subcommands: ['s3 cp'], paths: ['./', 's3://ml-models/', 's3://data-*/raw'] });
    expect(ok(s3, cmd('aws s3 cp model.pt s3://ml-models/v1/model.pt'))).toBeNull();
    expect(ok(s3, cmd('aws s3 cp s3://data-eu/raw/x.csv ./x.csv'))).toBeNull();
    expect(ok(s3, cmd('aws s3 cp model.pt s3://ml-models-evil/x'))).toMatch(/outside/);
    expect(ok(s3, cmd('aws s3 cp s3://data-eu/clean/x.csv ./'))).toMatch(/outside/);
    expect(ok(s3, cmd('aws s3 cp ~/.aws/credentials s3://ml-models/'))).toMatch(/outside/);
    expect(ok(s3, cmd('aws s3 cp s3://ml-models/../other/x .'))).toMatch(/outside/);
  });
});

describe('redirections, wrappers, assignments, unknown input', () => {
  const cat = rule({ command: 'cat' });
  const red = (op: string, target: string, fd?: string) => cmd('cat a', { redirects: [{ op, target: w(target), ...(fd ? { fd } : {}) }] });
  it('output redirection to a file needs outputRedirects; /dev/null and fd duplication are fine', () => {
    expect(ok(cat, red('>', '/etc/passwd'))).toMatch(/output redirection/);
    expect(ok(cat, red('>>', 'notes.txt'))).toMatch(/output redirection/);
    expect(ok(cat, red('>', '/dev/null', '2'))).toBeNull();
    expect(ok(cat, red('>&', '1', '2'))).toBeNull();
    expect(ok(cat, red('<<<', 'text'))).toBeNull();
    expect(ok(cat, red('<', 'input.txt'))).toBeNull();
    const writer = rule({ command: 'cat', outputRedirects: true, paths: ['./out'] });
    const wr = (target: string) => cmd('cat out/in.txt', { redirects: [{ op: '>', target: w(target) }] });
    expect(ok(writer, wr('out/a.txt'))).toBeNull();
    expect(ok(writer, wr('/etc/passwd'))).toMatch(/outside/);
    const noStdin = rule({ command: 'psql', stdin: false });
    expect(ok(noStdin, cmd('psql', { redirects: [{ op: '<', target: w('dump.sql') }] }))).toMatch(/input redirection/);
    expect(ok(noStdin, cmd('psql', { redirects: [{ op: '<<', target: w('EOF') }] }))).toMatch(/stdin/);
    expect(ok(noStdin, cmd('psql', { pipeline: { id: 0, stage: 1, stages: 2 } }))).toMatch(/pipe/);
    expect(ok(noStdin, cmd('psql', { pipeline: { id: 0, stage: 0, stages: 2 } }))).toBeNull();
  });

  it('privilege wrappers are refused unless the rule lists them', () => {
    expect(ok(cat, cmd('cat a', { wrappers: ['sudo'] }))).toMatch(/sudo/);
    expect(ok(cat, cmd('cat a', { wrappers: ['nice', 'timeout'] }))).toBeNull();
    expect(ok(rule({ command: 'cat', wrappers: ['sudo'] }), cmd('cat a', { wrappers: ['sudo'] }))).toBeNull();
  });

  it('assignment prefixes beyond the locale set are refused', () => {
    expect(ok(cat, cmd('cat a', { assignments: [{ name: 'LC_ALL', value: w('C') }] }))).toBeNull();
    expect(ok(cat, cmd('cat a', { assignments: [{ name: 'LD_PRELOAD', value: w('/tmp/x.so') }] }))).toMatch(/LD_PRELOAD/);
    expect(ok(cat, cmd('cat a', { assignments: [{ name: 'GIT_PAGER', value: w('sh') }] }))).toMatch(/GIT_PAGER/);
  });

  it('dynamic or unknown arguments pass only an unconstrained rule that opts in', () => {
    const echo = rule({ command: 'echo', dynamicArgs: true });
    const dyn = cmd('echo x', { args: [w('$X', { static: false })] });
    expect(ok(echo, dyn)).toBeNull();
    expect(ok(rule({ command: 'echo' }), dyn)).toMatch(/dynamic/);
    // A dynamic word that names one known path is judged like its static spelling; a glob is not.
    expect(ok(rule({ command: 'ls' }), cmd('ls x', { args: [w('$HOME/x', { static: false })] }))).toBeNull();
    expect(ok(rule({ command: 'ls' }), cmd('ls x', { args: [w('*.log', { static: false })] }))).toMatch(/dynamic/);
    expect(ok(rule({ command: 'echo', dynamicArgs: true, forbidFlags: ['-e'] }), dyn)).toMatch(/dynamic/);
    expect(ok(rule({ command: 'wc' }), cmd('wc -l', { fedByUnknownInput: true }))).toMatch(/unknown input/);
    // The value of a value option is a word like any other.
    const docker = rule({ command: 'docker', subcommands: ['build'], forbidFlags: ['--push'] });
    expect(ok(docker, cmd('docker build -t x .', { args: [w('build'), w('-t'), w('x:$TAG', { static: false }), w('.')] }))).toMatch(
      /dynamic/,
    );
    expect(ok(docker, cmd('docker build -t x:1 .'))).toBeNull();
    expect(ok(rule({ command: 'wc', dynamicArgs: true }), cmd('wc -l', { fedByUnknownInput: true }))).toBeNull();
  });

  it('forbidden arguments, positional or option value', () => {
    const k = rule({ command: 'kubectl', subcommands: ['get'], forbidArgs: ['*secret*'] });
    expect(ok(k, cmd('kubectl get pods'))).toBeNull();
    expect(ok(k, cmd('kubectl get secrets -o yaml'))).toMatch(/forbidden/);
    expect(ok(k, cmd('kubectl get pods,secrets'))).toMatch(/forbidden/);
  });
});

describe('which program a command runs', () => {
  const file: RoleFile = {
    name: 'r',
    description: 'd',
    allow: [
      { id: 'ls', command: 'ls', match: ['ls'], notMatch: ['rm'] },
      { id: 'gradle', command: ['./gradlew', '/opt/tools/*/bin/lint'], match: ['./gradlew'], notMatch: ['gradlew'] },
    ],
  };
  // The IR keeps the basename for the blocklist (`./ls` → `ls`); the raw spelling tells the path.
  const named = (raw: string, value = raw.split('/').pop()!, cwd: string | null = CTX.cwd) => cmd(value, { name: w(value, { raw }), cwd });
  it.each([
    ['ls', true],
    ['/usr/bin/ls', true],
    ['/bin/ls', true],
    ['"/usr/bin/ls"', true],
    ['./ls', false],
    ['/tmp/evil/ls', false],
    ['bin/ls', false],
    ['~/bin/ls', false],
    ['./gradlew', true],
    ['/home/user/project/gradlew', true],
    ['gradlew', false],
    ['/tmp/gradlew', false],
    ['/opt/tools/v2/bin/lint', true],
    ['/opt/tools/v2/x/bin/lint', false],
  ])('%s → %s', (raw, allowed) => {
    const v = checkCommand(file, named(raw, raw.replace(/"/g, '').split('/').pop()!), CTX);
    expect('ruleId' in v).toBe(allowed);
  });

  it('names the path in the refusal', () => {
    expect(checkCommand(file, named('./ls'), CTX)).toEqual({
      why: 'role r does not allow the program /home/user/project/ls (run by its path, not the installed "ls")',
    });
    expect('why' in checkCommand(file, named('./gradlew', 'gradlew', '/tmp'), CTX)).toBe(true);
  });
});
