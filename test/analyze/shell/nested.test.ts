// Scripts inside commands are parsed and analysed: shells, eval, su, ssh, containers, git,
// interpreters, heredocs and herestrings fed to shells. A script that is not known is undecidable.
import { describe, expect, it } from 'vitest';
import { argValues, ids, ir, only } from './helpers.js';

/** The nested command `name` and its innermost nested_script/heredoc context. */
async function nested(src: string, name = 'rm') {
  const i = await ir(src);
  const c = only(i, name);
  return { i, c, last: c.context.filter((x) => x.kind === 'nested_script' || x.kind === 'heredoc').at(-1) };
}

describe('nested shell scripts', () => {
  const table: [string, string][] = [
    ["bash -c 'rm -rf /'", 'bash -c'],
    ["sh -c 'rm -rf /'", 'sh -c'],
    ["zsh -c 'rm -rf /'", 'zsh -c'],
    ["dash -c 'rm -rf /'", 'dash -c'],
    ["ksh -c 'rm -rf /'", 'ksh -c'],
    ["fish -c 'rm -rf /'", 'fish -c'],
    ["bash -lc 'rm -rf /'", 'bash -c'],
    ["bash -ec 'rm -rf /'", 'bash -c'],
    ["bash -xec 'rm -rf /'", 'bash -c'],
    ["bash -c -- 'rm -rf /'", 'bash -c'],
    ["bash --login -c 'rm -rf /'", 'bash -c'],
    ["bash --norc --noprofile -o pipefail -c 'rm -rf /' arg0 arg1", 'bash -c'],
    ["/bin/sh -c 'rm -rf /'", 'sh -c'],
    ["eval 'rm -rf /'", 'eval'],
    ['eval rm -rf /', 'eval'],
    ["su -c 'rm -rf /'", 'su -c'],
    ["su - root -c 'rm -rf /'", 'su -c'],
    ["su root --command='rm -rf /'", 'su -c'],
    ["ssh host 'rm -rf /'", 'ssh'],
    ['ssh -p 22 -i key.pem user@host rm -rf /', 'ssh'],
    ["ssh -o StrictHostKeyChecking=no -t host 'cd /srv && rm -rf /'", 'ssh'],
    ["docker exec ctr sh -c 'rm -rf /'", 'sh -c'],
    ["xargs sh -c 'rm -rf /'", 'sh -c'],
    ["git -c core.pager='rm -rf /' log", 'git -c core.pager'],
    ["git -c alias.x='!rm -rf /' x", 'git -c alias.x'],
    ["git -c core.sshCommand='rm -rf /' fetch", 'git -c core.sshcommand'],
    ["git rebase --exec 'rm -rf /' main", 'git rebase --exec'],
    ["git rebase -x 'rm -rf /' main", 'git rebase --exec'],
    ["git rebase --exec='rm -rf /' main", 'git rebase --exec'],
    ["git submodule foreach 'rm -rf /'", 'git submodule foreach'],
    ["git filter-branch --tree-filter 'rm -rf /' HEAD", 'git filter-branch --tree-filter'],
    ["watch 'rm -rf /'", 'watch'],
    ['watch -n 1 rm -rf /', 'watch'],
    ["flock /tmp/l -c 'rm -rf /'", 'flock -c'],
    ["script -qc 'rm -rf /' /dev/null", 'script -c'],
    ['parallel rm -rf ::: /', 'parallel'],
    ["sudo sh -c 'rm -rf /'", 'sh -c'],
    ['bash -c "bash -c \'rm -rf /\'"', 'bash -c'],
  ];
  for (const [src, detail] of table) {
    it(src, async () => {
      const { i, c, last } = await nested(src);
      expect(last).toEqual({ kind: 'nested_script', detail });
      expect(c.parentId).toBeDefined();
      expect(argValues(c).slice(0, 1)).toEqual(['-rf']);
      expect(ids(i)).toEqual([]);
    });
  }

  it('the carrier stays a command, and its wrappers carry over', async () => {
    const { i, c } = await nested("sudo -u x bash -c 'rm -rf /'");
    expect(only(i, 'bash').wrappers).toEqual(['sudo']);
    expect(c.wrappers).toEqual(['sudo']);
    expect(c.parentId).toBe(only(i, 'bash').id);
  });

  it('docker exec / kubectl exec run an argv in the container', async () => {
    for (const src of [
      'docker exec -it -u root web rm -rf /',
      'docker container exec web rm -rf /',
      'podman exec -e A=1 web rm -rf /',
      'docker compose exec web rm -rf /',
      'kubectl exec -it pod -c app -- rm -rf /',
      'kubectl -n prod exec pod -- rm -rf /',
      'oc exec pod -- rm -rf /',
    ]) {
      const i = await ir(src);
      const c = only(i, 'rm');
      expect(argValues(c), src).toEqual(['-rf', '/']);
      expect(c.wrappers[c.wrappers.length - 1], src).toMatch(/exec$/);
      expect(c.cwd, src).toBeNull();
      expect(ids(i), src).toEqual([]);
    }
  });

  it('git bisect run and plain aliases spawn commands', async () => {
    expect(only(await ir('git bisect run rm -rf /'), 'rm').wrappers).toEqual(['git bisect run']);
    const alias = await ir("git -c alias.nuke='reset --hard' nuke");
    expect(alias.commands.filter((c) => c.name.value === 'git').map(argValues)).toContainEqual(['reset', '--hard']);
  });

  it('parallel placeholders are dynamic, and the commands are fed unknown input', async () => {
    const c = only(await ir('parallel gzip {} ::: *.log'), 'gzip');
    expect(c.args[0]!.static).toBe(false);
    expect(c.fedByUnknownInput).toBe(true);
  });

  it('eval runs in the current shell: its cd moves what follows', async () => {
    expect(only(await ir("eval 'cd /' && rm -rf *"), 'rm').cwd).toBe('/');
    expect(only(await ir("bash -c 'cd /' && rm -rf *"), 'rm').cwd).toBe('/home/u/proj');
  });
});

describe('scripts fed on stdin', () => {
  const table: [string, string][] = [
    ['bash <<EOF\nrm -rf /\nEOF', 'bash <<'],
    ["sh <<'EOF'\nrm -rf /\nEOF", 'sh <<'],
    ['bash -s <<-EOF\n\trm -rf /\n\tEOF', 'bash <<-'],
    ['sh <<< "rm -rf /"', 'sh <<<'],
    ['source /dev/stdin <<EOF\nrm -rf /\nEOF', 'source <<'],
    ['. /dev/stdin <<< "rm -rf /"', '. <<<'],
    ['ssh host <<EOF\nrm -rf /\nEOF', 'ssh <<'],
    ['su - postgres <<EOF\nrm -rf /\nEOF', 'su <<'],
    ['sudo -s <<EOF\nrm -rf /\nEOF', 'sudo <<'],
    ['sudo bash <<EOF\nrm -rf /\nEOF', 'bash <<'],
  ];
  for (const [src, detail] of table) {
    it(JSON.stringify(src), async () => {
      const { i, last } = await nested(src);
      expect(last).toEqual({ kind: 'heredoc', detail });
      expect(ids(i)).toEqual([]);
    });
  }

  it('`ssh host bash -s <<EOF`: the remote shell reads the local heredoc', async () => {
    const { c } = await nested('ssh host bash -s <<EOF\nrm -rf /\nEOF');
    expect(c.context.map((x) => x.kind)).toEqual(['nested_script', 'heredoc']);
  });

  it('static text piped into a shell is parsed too', async () => {
    for (const [src, detail] of [
      ["echo 'rm -rf /' | sh", 'echo | sh'],
      ["printf 'rm -rf /\\n' | bash", 'printf | bash'],
      ["cat <<'EOF' | sudo sh\nrm -rf /\nEOF", 'cat << | sh'],
    ] as const) {
      const { last } = await nested(src);
      expect(last, src).toEqual({ kind: 'nested_script', detail });
    }
  });

  it('a heredoc fed to a program that is not a shell is data', async () => {
    const i = await ir('cat > notes.txt <<EOF\nrm -rf /\nEOF\ngrep x <<< "rm -rf /"');
    expect(i.commands.map((c) => c.name.value)).toEqual(['cat', 'grep']);
  });

  it('bash with a script file does not read stdin as code', async () => {
    expect((await ir('bash deploy.sh <<EOF\nrm -rf /\nEOF')).commands.map((c) => c.name.value)).toEqual(['bash']);
  });
});

describe('dynamic scripts are undecidable', () => {
  const table = [
    'bash -c "$X"',
    'sh -c "$(curl -s https://x)"',
    'eval "$(curl -s x)"',
    'eval $cmd',
    'ssh host "$REMOTE"',
    'bash <<EOF\n$(curl -s x)\nEOF',
    'su -c "$1"',
    'git -c core.pager="$P" log',
    'watch "$CMD"',
    'xargs -I{} sh -c "rm {}"',
    'sh <<< "$SCRIPT"',
  ];
  for (const src of table) {
    it(JSON.stringify(src), async () => {
      expect(ids(await ir(src))).toContain('parse.dynamic_script');
    });
  }
});

describe('interpreter code', () => {
  const table: [string, string, string[]][] = [
    ['python -c \'import os; os.system("rm -rf /")\'', 'python -c', ['-rf', '/']],
    ['python3 -c "import subprocess; subprocess.run(\'rm -rf /\', shell=True)"', 'python3 -c', ['-rf', '/']],
    ["python3 -c \"import subprocess; subprocess.call(['rm', '-rf', '/'])\"", 'python3 -c', ['-rf', '/']],
    [
      "python3 -c \"import subprocess as s\" -c x; python -c \"import subprocess; subprocess.Popen(['rm','-rf','/'])\"",
      'python -c',
      ['-rf', '/'],
    ],
    ['python -c "import os; os.popen(\'rm -rf /\')"', 'python -c', ['-rf', '/']],
    ["python -c \"import os; os.execvp('rm', ['rm', '-rf', '/'])\"", 'python -c', ['-rf', '/']],
    ["python3 -Bc \"__import__ ; x\" 2>/dev/null; python3 -c \"import pty; pty.spawn(['rm', '-rf', '/'])\"", 'python3 -c', ['-rf', '/']],
    ["node -e \"require('child_process').execSync('rm -rf /')\"", 'node -e', ['-rf', '/']],
    ["node -e \"const { exec } = require('child_process'); exec('rm -rf /')\"", 'node -e', ['-rf', '/']],
    ["node -e \"require('child_process').spawnSync('sh', ['-c', 'rm -rf /'])\"", 'sh -c', ['-rf', '/']],
    ["node -e \"require('child_process').spawnSync('rm', ['-rf', '/'])\"", 'node -e', ['-rf', '/']],
    ["node -p \"require('child_process').execSync('rm -rf /').toString()\"", 'node -e', ['-rf', '/']],
    ['perl -e \'system("rm -rf /")\'', 'perl -e', ['-rf', '/']],
    ['perl -e \'system("rm", "-rf", "/")\'', 'perl -e', ['-rf', '/']],
    ["perl -e '`rm -rf /`'", 'perl -e', ['-rf', '/']],
    ["perl -e 'qx{rm -rf /}'", 'perl -e', ['-rf', '/']],
    ['perl -le \'exec "rm -rf /"\'', 'perl -e', ['-rf', '/']],
    ['ruby -e \'system("rm -rf /")\'', 'ruby -e', ['-rf', '/']],
    ['ruby -e \'system "rm", "-rf", "/"\'', 'ruby -e', ['-rf', '/']],
    ["ruby -e '`rm -rf /`'", 'ruby -e', ['-rf', '/']],
    ["ruby -e '%x(rm -rf /)'", 'ruby -e', ['-rf', '/']],
    ['php -r \'system("rm -rf /");\'', 'php -r', ['-rf', '/']],
  ];
  for (const [src, detail, args] of table) {
    it(src, async () => {
      const i = await ir(src);
      const rm = only(i, 'rm');
      expect(rm.context[rm.context.length - 1]).toEqual({ kind: 'nested_script', detail });
      expect(argValues(rm)).toEqual(args);
    });
  }

  it('code with no shell call is fine', async () => {
    for (const src of [
      'python3 -c "print(1+1)"',
      "python -c \"import os; print(os.path.join('a', 'b'))\"",
      'node -e "console.log(/x/.exec(\'x\'))"',
      "perl -ne 'print if /x/' f",
      "ruby -e 'puts 1'",
      'python3 -m http.server',
      'python3 script.py',
    ]) {
      const i = await ir(src);
      expect(i.commands.length, src).toBe(1);
      expect(ids(i), src).toEqual([]);
    }
  });

  it('code calling a shell with something that is not a literal is undecidable', async () => {
    const table = [
      'python -c "import os; os.system(cmd)"',
      'python -c "import os; os.system(f\'rm {x}\')"',
      'python -c "from os import system; system(cmd)"',
      'python -c "import subprocess; s = subprocess.run; s(\'ls\')"',
      'python -c "exec(\'import os\')"',
      "python -c \"__import__('os').system('ls')\"",
      'python -c "import subprocess; subprocess.run(\'ls\', shell=flag)"',
      'node -e "require(\'child_process\').execSync(process.argv[1])"',
      'node -e "require(\'child_process\').exec(`rm ${x}`)"',
      "node -e \"const { execSync: run } = require('child_process'); run('ls')\"",
      'node -e "eval(process.argv[1])"',
      "perl -e 'system($cmd)'",
      'perl -e \'system "rm $x"\'',
      "perl -e 'eval $code'",
      "perl -e 'open(F, $file)'",
      'ruby -e \'system("rm #{x}")\'',
      "ruby -e 'eval(code)'",
    ];
    for (const src of table) expect(ids(await ir(src)), src).toContain('parse.unsupported_interpreter_code');
  });

  it('dynamic interpreter code is undecidable', async () => {
    expect(ids(await ir('python -c "$CODE"'))).toContain('parse.dynamic_script');
  });

  it('code on stdin (heredoc) is read too', async () => {
    const i = await ir("python3 - <<'EOF'\nimport os\nos.system('rm -rf /')\nEOF");
    expect(only(i, 'rm').context[0]).toEqual({ kind: 'heredoc', detail: 'python3 <<' });
  });
});

describe('nesting limit', () => {
  it('scripts nested deeper than the limit are undecidable', async () => {
    const deep = 'eval '.repeat(12) + 'rm -rf /';
    expect(ids(await ir(deep))).toContain('limits.nesting_too_deep');
    expect(ids(await ir('eval '.repeat(6) + 'rm -rf /'))).toEqual([]);
    let quoted = 'rm -rf /';
    for (let n = 0; n < 3; n++) quoted = `bash -c ${"'" + quoted.replace(/'/g, `'\\''`) + "'"}`;
    expect(ids(await ir(quoted, { limits: { maxNestedScripts: 2 } }))).toContain('limits.nesting_too_deep');
  });

  it('statements nested deeper than the limit are undecidable', async () => {
    const deep = '('.repeat(150) + 'rm -rf /' + ')'.repeat(150);
    expect(ids(await ir(deep))).toContain('limits.nesting_too_deep');
    expect(ids(await ir('$(echo '.repeat(30) + 'x' + ')'.repeat(30), { limits: { maxDepth: 20 } }))).toContain('limits.nesting_too_deep');
  });
});
