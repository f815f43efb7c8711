// Shell evaluation the IR did not see (issue 13): arithmetic and subscripts that evaluate text,
// prompt and trace expansion, start-up code, the command table, process substitutions that feed a
// shell, and zsh-only forms. Each script here was allowed under the default policy; now it is
// judged as the code it runs, or refused. Every script is valid bash (checked with `bash -n`,
// which parses without running).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decisionOf, matchesOf } from '../../rules/shell/helpers.js';
import { findBash } from '../../../src/run/bash.js';

const SCRIPTS: string[] = [];

async function verdict(src: string): Promise<{ decision: string; ids: string[] }> {
  const m = await matchesOf(src);
  return { decision: decisionOf(m), ids: m.map((x) => x.ruleId) };
}

/** Blocked, with `id` among the findings. */
function blocks(src: string, id: string): void {
  SCRIPTS.push(src);
  it(`blocks ${JSON.stringify(src)} (${id})`, async () => {
    const v = await verdict(src);
    expect(v.decision, JSON.stringify(v.ids)).toBe('block');
    expect(v.ids).toContain(id);
  });
}

function allows(src: string): void {
  SCRIPTS.push(src);
  it(`allows ${JSON.stringify(src)}`, async () => {
    const v = await verdict(src);
    expect(v.decision, JSON.stringify(v.ids)).toBe('allow');
  });
}

const HOME = 'filesystem.recursive_delete_home';
const ARITH = 'parse.dynamic_arithmetic';
const SCRIPT = 'parse.dynamic_script';
const REBIND = 'parse.command_rebinding';

describe('arithmetic evaluates the values of the variables it reads', () => {
  const evil = `x='a[$(rm -rf ~)]'; `;
  blocks(`${evil}echo $((x))`, ARITH);
  blocks(`${evil}echo $[x + 1]`, ARITH);
  blocks(`${evil}(( x ))`, ARITH);
  blocks(`${evil}let x`, ARITH);
  blocks(`${evil}for ((i = x; i < 3; i++)); do :; done`, ARITH);
  blocks(`${evil}echo \${y:x}`, ARITH);
  blocks(`${evil}echo "\${y:0:x}"`, ARITH);
  blocks(`${evil}n=\${#x}; echo $((n)); echo $((x))`, ARITH);
});

describe('[[ … ]] arithmetic comparisons evaluate both operands', () => {
  blocks(`x='a[$(rm -rf ~)]'; [[ $x -eq 1 ]]`, ARITH);
  blocks(`x='a[$(rm -rf ~)]'; [[ 1 -lt "$x" ]]`, ARITH);
  blocks(`[[ 'a[$(rm -rf ~)]' -ge 0 ]]`, ARITH);
  blocks('[[ $1 -gt 3 ]]', ARITH);
  // `[ … ]` and `test` read plain integers only: no evaluation.
  allows(`x='a[$(rm -rf ~)]'; [ "$x" -eq 1 ]`);
  allows(`x='a[$(rm -rf ~)]'; test "$x" -eq 1`);
});

describe('a variable from outside the script holds unknown text: evaluating it is running code', () => {
  blocks('(( $1 ))', ARITH);
  blocks('echo $((X))', ARITH);
  blocks('echo $(( $(cat count.txt) + 1 ))', ARITH);
  blocks('read -r n; echo $((n * 2))', ARITH);
  blocks('let "n = n + 1"', ARITH);
  blocks('x=$((x + 1))', ARITH);
  blocks('echo $(( $@ ))', ARITH);
});

describe('builtins that take a variable name evaluate its subscript', () => {
  for (const b of ['declare', 'typeset', 'export', 'readonly']) blocks(`${b} 'a[$(rm -rf ~)]=1'`, ARITH);
  blocks(`f() { local 'a[$(rm -rf ~)]=1'; }`, ARITH);
  blocks(`printf -v 'a[$(rm -rf ~)]' '%s' x`, ARITH);
  blocks(`read 'a[$(rm -rf ~)]'`, ARITH);
  blocks(`read -r -a 'a[$(rm -rf ~)]'`, ARITH);
  blocks(`test -v 'a[$(rm -rf ~)]'`, ARITH);
  blocks(`[ -v 'a[$(rm -rf ~)]' ]`, ARITH);
  blocks(`[[ -v 'a[$(rm -rf ~)]' ]]`, ARITH);
  blocks(`unset 'a[$(rm -rf ~)]'`, ARITH);
  blocks(`i='b[$(rm -rf ~)]'; unset "a[$i]"`, ARITH);
  blocks('declare "$1=x"', ARITH);
  blocks('read -r "$name"', ARITH);
  blocks(`declare -n ref='a[$(rm -rf ~)]'; echo "$ref"`, ARITH);
  blocks('local -n ref=$1', ARITH);
});

describe('subscripts of indexed arrays are arithmetic', () => {
  blocks(`x='$(rm -rf ~)'; echo \${a[$x]}`, ARITH);
  blocks(`x='b[$(rm -rf ~)]'; echo "\${a[x]}"`, ARITH);
  blocks('a[$1]=x', ARITH);
  blocks('b=([$1]=2)', ARITH);
  blocks('echo ${#a[$1]}', ARITH);
  // An associative array's subscript is a key, expanded once.
  allows('declare -A m; k=$1; echo "${m[$k]}"; m[$k]=v');
  blocks('declare -A m; unset "m[$1]"', ARITH);
});

describe('${!x} names a variable by the value of x', () => {
  blocks('echo ${!x}', ARITH);
  blocks(`y='a[$(rm -rf ~)]'; echo \${!y}`, ARITH);
  allows('y=HOME; echo "${!y}"');
  allows('echo "${!#}" "${!prefix@}" "${!arr[@]}"');
});

describe('the integer attribute makes every assignment arithmetic', () => {
  blocks('declare -i n; n=$1', ARITH);
  blocks('declare -i n=$1', ARITH);
  blocks('declare -i n; read -r n', ARITH);
  blocks(`declare -i n; for n in 'a[$(rm -rf ~)]'; do :; done`, ARITH);
  allows('declare -i n=5; n+=1; echo $n');
});

describe('a function body runs when it is called, not where it is written', () => {
  blocks('x=1; f() { echo $((x)); }; read -r x; f', ARITH);
  blocks('d=build; f() { rm -rf "$d"; }; d=~; f', 'filesystem.recursive_delete_dynamic_target');
  allows('x=1; f() { echo $((x)); }; f');
  allows('n=0; f() { echo $((n + 1)); }; f');
  allows('n=0; f() { n=$((n + 1)); echo $((n)); }; f; f');
});

describe('everyday arithmetic stays allowed', () => {
  for (const src of [
    'i=0; echo $((i+1))',
    'for ((i=0;i<3;i++)); do echo $i; done',
    'for ((i = 0, j = 10; i < j; i++, j--)); do echo $i; done',
    '[[ $# -eq 0 ]]',
    '(( $# > 1 ))',
    'n=5; [[ $n -gt 3 ]]',
    'echo ${arr[0]}',
    'echo ${#arr[@]}',
    'n=3; echo $((--n))',
    'echo $(( $$ % 7 )) $? $(( ${#1} + 1 ))',
    'n=0; for f in *.txt; do n=$((n + 1)); done; echo "$n files"',
    'count=0; while read -r line; do ((count++)); done < list.txt; echo "$count"',
    'for i in 1 2 3; do echo $((i * 2)); done',
    'for i in {1..5}; do echo $((i * 2)); done',
    'total=10; n=3; (( avg = total / n )); echo $avg',
    'x=5; echo "${s:1:2}" "${s: -1}" "${s:x}"',
    'arr=(a b c); i=1; echo "${arr[$i]}"; unset "arr[$i]"; arr[i+1]=d',
    'i=0; let i++ "j = i * 2"; echo $((i + j))',
    'sleep $((RANDOM % 5)); echo $((SECONDS + 1)) $(( LINENO ))',
  ])
    allows(src);
  // bash's own numbers stop being numbers once the script writes them.
  blocks('unset RANDOM; read -r RANDOM; echo $((RANDOM))', ARITH);
  blocks('RANDOM=$1; echo $((RANDOM % 5))', ARITH);
});

describe('prompt and trace expansion run the substitutions in the prompt string', () => {
  blocks(`x='$(rm -rf ~)'; echo "\${x@P}"`, HOME);
  blocks('echo "${x@P}"', SCRIPT);
  allows(`x='\\u@\\h:\\w\\$ '; echo "\${x@P}"`);
  blocks(`PS4='$(rm -rf ~)'; set -x; true`, HOME);
  blocks(`PS4='$(rm -rf ~)' bash -x -c true`, HOME);
  blocks(`export PS4='$(rm -rf ~)'; bash -o xtrace -c true`, HOME);
  blocks(`PS4='\\044(rm -rf ~)' bash -x -c true`, SCRIPT);
  blocks('PS4="$1"; set -x', SCRIPT);
  blocks('read -r PS4; set -x', SCRIPT);
  blocks(`for PS4 in '$(rm -rf ~)'; do set -x; :; done`, HOME);
  blocks(`y=x; x='$(rm -rf ~)'; echo "\${!y@P}"`, SCRIPT);
  allows(`PS4='+ $(date +%s) ' bash -x -c true`);
  blocks(`PROMPT_COMMAND='rm -rf ~' bash -i`, HOME);
  blocks(`PS1='$(rm -rf ~)' bash -i`, HOME);
  blocks(`export PS0='\`rm -rf ~\`'; bash -i`, HOME);
  blocks('PROMPT_COMMAND=("$1") bash -i', SCRIPT);
});

describe('start-up code: BASH_ENV, ENV and functions from the environment', () => {
  blocks(`BASH_ENV='$(rm -rf ~)' bash -c true`, HOME);
  blocks(`export BASH_ENV='$(rm -rf ~)'; bash -c make`, HOME);
  blocks(`ENV='$(rm -rf ~)' sh -i`, HOME);
  blocks('export BASH_ENV="$1"; bash -c make', SCRIPT);
  it('BASH_ENV=FILE is judged as sourcing FILE', async () => {
    SCRIPTS.push('BASH_ENV=./setup.sh bash -c make', 'source ./setup.sh');
    expect((await verdict('BASH_ENV=./setup.sh bash -c make')).decision).toBe((await verdict('source ./setup.sh')).decision);
  });
  blocks(`env 'BASH_FUNC_ls%%=() { rm -rf ~; }' bash -c ls`, HOME);
  blocks(`cross-env BASH_ENV='$(rm -rf ~)' make`, 'parse.dynamic_script');
});

describe('the command table: hash -p, enable -f, aliases', () => {
  blocks('hash -p /bin/rm ls; ls -rf ~', HOME);
  blocks('f() { ls -rf ~; }; hash -p /bin/rm ls; f', REBIND);
  blocks('hash -p "$tool" ls; ls', REBIND);
  blocks('enable -f ./lib.so rm; rm x', REBIND);
  allows('enable -n kill; kill %1');
  blocks(`shopt -s expand_aliases\nalias x='rm -rf'\nx ~`, HOME);
  blocks(`alias s='sudo '\nalias x='rm -rf'\ns x ~`, HOME);
  blocks('alias x="$y"\nx', SCRIPT);
  blocks(`alias "$n=rm -rf"`, REBIND);
  allows(`shopt -s expand_aliases\nalias rmf='rm -rf'\nrmf build`);
  allows(`alias ls='ls --color=auto'\nls ~`);
});

describe('mapfile -C runs its callback on every line', () => {
  blocks(`mapfile -C 'rm -rf' -c 1 arr < list.txt`, 'filesystem.recursive_delete_dynamic_target');
  blocks(`readarray -C 'rm -rf ~;:' arr < list.txt`, HOME);
  blocks('readarray -C "$cb" arr < list.txt', SCRIPT);
  allows(`mapfile -t -C 'echo read' -c 100 arr < list.txt`);
});

describe('process substitution feeding a shell is a nested script', () => {
  blocks(`sh <(echo 'rm -rf ~')`, HOME);
  blocks(`bash <(printf 'rm -rf ~\\n')`, HOME);
  blocks(`source <(echo 'rm -rf ~')`, HOME);
  blocks(`. <(echo 'rm -rf ~')`, HOME);
  blocks(`bash < <(echo 'rm -rf ~')`, HOME);
  blocks(`echo 'rm -rf ~' > >(sh)`, HOME);
  blocks('source <(kubectl completion bash)', SCRIPT);
  blocks('cat notes.txt > >(sh)', SCRIPT);
  blocks('tee >(bash) < notes.txt', SCRIPT);
  allows(`echo 'ls' > >(sh)`);
  allows('diff <(sort a.txt) <(sort b.txt)');
  allows('make 2> >(tee err.log)');
});

describe('zsh-only forms: =cmd, precommand modifiers, emulate -c', () => {
  blocks('=rm -rf ~', HOME);
  blocks('sudo =rm -rf ~', HOME);
  blocks('noglob rm -rf ~', HOME);
  blocks('nocorrect rm -rf ~', HOME);
  blocks('- rm -rf ~', HOME);
  blocks(`emulate sh -c 'rm -rf ~'`, HOME);
  blocks('emulate sh -c "$1"', SCRIPT);
  allows('emulate -R zsh');
  allows('noglob echo *');
});

describe('every script above is valid bash', () => {
  const bash = findBash();
  it.skipIf(!bash)('bash -n parses each one (without running it)', () => {
    for (const src of SCRIPTS) {
      const r = spawnSync(bash!, ['-n', '-c', '--', src], { encoding: 'utf8' });
      expect(r.status, `${src}\n${r.stderr}`).toBe(0);
    }
  });
});
