// Red team (2026-12-07, second pass) of programs that run code the command line hides: cross-env's
// unquoting, `python -m` modules that run code or write, launchers whose words are node's, cargo
// settings that name programs, xargs feeding a wrapper or interpreter, links made earlier in the
// script, variables that load code, and launchers' folder options. Each case is checked through a
// session's `check` under safe_defaults; nothing here runs them.
import { redTeamSuite, type Case } from './red-team.js';

const DYNAMIC = 'filesystem.recursive_delete_dynamic_target';
const SYSTEM = 'filesystem.recursive_delete_system';
const HOME = 'filesystem.recursive_delete_home';
const CODE = 'parse.unsupported_interpreter_code';

/** Refused under safe_defaults, by this rule. */
const BLOCK: Case[] = [
  // cross-env takes quotes out of the words it runs, sets NAME from an unanchored NAME=, reads no options.
  ['cross-env "r\'m" -rf /etc', SYSTEM],
  ['cross-env NODE_ENV=test "r\'m\'" -rf /etc', SYSTEM],
  ["cross-env 'a GIT_SSH_COMMAND=rm -rf ~' git fetch", HOME],
  ["cross-env --GIT_SSH_COMMAND='rm -rf ~' git fetch", HOME],
  ['cross-env "GIT_SSH_COMMAND=\'rm -rf ~\'" git fetch', HOME],
  ['cross-env-shell "r\'m -rf /etc"', SYSTEM],
  // python -m: modules that run code, run another module or script, or write and delete.
  ['python3 -m timeit -s \'import os; os.system("rm -rf /etc")\' 1', SYSTEM],
  ["python3 -m timeit -s 'import shutil as s' 's.rmtree(\"/etc\")'", SYSTEM],
  ['python3 -m venv --clear /etc', SYSTEM],
  ['python3 -m zipfile -e x.zip /etc', 'filesystem.system_file_modify'],
  ['python3 -m tarfile -e x.tar /etc', 'filesystem.system_file_modify'],
  ['python3 -m json.tool in.json /etc/passwd', 'filesystem.system_file_modify'],
  ['python3 -m profile -o /etc/passwd app.py', 'filesystem.system_file_modify'],
  ['python3 -m cProfile -m timeit -s \'import os; os.system("rm -rf ~")\' 1', HOME],
  ['python3 -m runpy timeit -s \'import os; os.system("rm -rf ~")\' 1', HOME],
  ["python3 -m pdb -c '!import os' app.py", CODE],
  ['python3 -m code <<< \'import os; os.system("rm -rf ~")\'', HOME],
  // A launcher whose words are node's.
  ['nvm run 18 -e \'require("child_process").execSync("rm -rf /etc")\'', SYSTEM],
  ['proto run node -- -e \'require("child_process").execSync("rm -rf /etc")\'', SYSTEM],
  ["proto exec node --shell bash -- 'rm -rf ~'", 'parse.unknown_option'],
  // cargo settings and variables that name programs cargo runs.
  ['cargo --config \'target.x86_64-unknown-linux-gnu.runner="rm -rf /etc"\' run', SYSTEM],
  ['cargo build --config \'build.rustc-wrapper="rm -rf ~"\'', HOME],
  ['cargo run --config \'target."cfg(unix)".runner = ["sh", "-c", "rm -rf ~"]\'', HOME],
  ['cargo build --config evil.toml', 'parse.dynamic_script'],
  ['cargo build --config \'env.LD_PRELOAD="/tmp/x.so"\'', 'parse.dynamic_script'],
  ["CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER='rm -rf /etc' cargo run", SYSTEM],
  ["RUSTC_WRAPPER='rm -rf ~' cargo build", HOME],
  ["RUSTFLAGS='-C linker=/tmp/evil' cargo build", CODE],
  // xargs appends its input: a wrapper, shell or interpreter given no command runs the input.
  ['echo rm -rf /etc | xargs sudo', 'parse.dynamic_command'],
  ['echo rm -rf /etc | xargs env', 'parse.dynamic_command'],
  ["echo 'import os' | xargs python3 -c", 'parse.dynamic_command'],
  ['xargs -a cmds.txt sh -c', 'parse.dynamic_command'],
  ['xargs -a cmds.txt npx sh -c', 'parse.dynamic_command'],
  // A link made earlier in the script, however the commands are separated.
  ['ln -sfn /etc cfg; rm -rf cfg/', SYSTEM],
  ['ln -sfn /etc cfg && rm -rf cfg/', SYSTEM],
  ['ln -sfn /etc cfg\nrm -rf cfg/', SYSTEM],
  ['ln -s /etc cfg; rm -rf cfg/*', SYSTEM],
  ['ln -s "$T" cfg; rm -rf cfg/', DYNAMIC],
  // Variables that make a program load code.
  ["npx --node-options='--require ./x.js' tsc", CODE],
  ["JAVA_TOOL_OPTIONS='-javaagent:x.jar' java -version", CODE],
  ["PYTHONWARNINGS='ignore::x.Y' python3 -c 1", CODE],
  ['PYTHONPATH=/tmp/x python3 -c 1', CODE],
  // Launchers' folder options: the command runs in another folder.
  ['mise -C / exec -- rm -rf etc', DYNAMIC],
  ['schroot -d / -- rm -rf etc', DYNAMIC],
  ['nix develop --chdir / -c rm -rf etc', DYNAMIC],
  ['konsole --workdir / -e rm -rf etc', DYNAMIC],
  ['alacritty --working-directory / -e rm -rf etc', DYNAMIC],
  ['wezterm start --cwd / -- rm -rf etc', DYNAMIC],
  ["qterminal -w / -e 'rm -rf etc'", DYNAMIC],
];

/** Near look-alikes that must stay allowed. */
const ALLOW: string[] = [
  'cross-env NODE_ENV=test jest -t "it\'s ok"',
  "cross-env NODE_ENV=production 'webpack' --mode production",
  "python3 -m timeit -n 1000 'sum(range(100))'",
  'python3 -m venv --clear .venv',
  'python3 -m zipfile -e x.zip build/unpacked',
  'python3 -m json.tool package.json',
  'python3 -m cProfile -o prof.out -m pytest',
  'python3 -m pdb -c continue -m pytest -x',
  "nvm run 20 -e 'console.log(process.version)'",
  "proto run node 20 -- -e 'console.log(1)'",
  'proto exec node pnpm -- pnpm run build',
  'cargo --config \'target.x86_64-unknown-linux-gnu.runner="valgrind"\' run',
  'cargo build --config net.git-fetch-with-cli=true',
  'RUSTC_WRAPPER=sccache cargo build',
  "RUSTFLAGS='-D warnings' cargo build",
  'find . -name "*.tmp" | xargs rm -f',
  'ls | xargs sh -c \'echo "$@"\' _',
  'git ls-files | xargs npx prettier --check',
  'ln -s /etc/hosts h; rm -f h',
  'ln -sfn releases/v2 current; rm -rf current/tmp',
  'npx --node-options=--max-old-space-size=4096 tsc',
  "JAVA_TOOL_OPTIONS='-Xmx2g' mvn test",
  "PYTHONWARNINGS='ignore::DeprecationWarning' python3 -m pytest",
  'PYTHONPATH=src python3 -m app',
  'mise -C /srv/app exec -- npm test',
  'konsole --workdir ~/src -e make',
  'wezterm start --cwd ~/src -- make',
];

redTeamSuite({ name: 'hidden runs red team', block: BLOCK, allow: ALLOW, allowTitle: 'look-alikes stay allowed' });
