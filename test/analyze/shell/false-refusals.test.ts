// Valid bash from real repositories and everyday agent commands that used to be refused: the
// reading is mended (regexes after `=~`, `$((…))` inside `[[ … ]]`, extglob groups, comments in
// arrays), programs are read as they read themselves (sqlite3 -lookaside, helm --dry-run, uv run),
// a recursion is told from a fork bomb, and `eval "$(tool init)"` of a known generator is not an
// unknown script. Each valid case is checked with `bash -n` (parsed, never run).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../../src/engine/default-engine.js';
import { decisionOf } from '../../rules/shell/helpers.js';
import { ids, ir } from './helpers.js';

const ctx = { cwd: '/home/user/project', home: '/home/user' };

async function judged(script: string) {
  const a = await defaultAnalyzer.analyze({ kind: 'shell', script }, ctx);
  return { decision: decisionOf(a.matches), ids: a.matches.map((m) => m.ruleId) };
}

/** bash itself accepts the script (`-n`: read, never run). */
function bashAccepts(script: string, extglob = false): boolean {
  try {
    const out = execFileSync('bash', [...(extglob ? ['-O', 'extglob'] : []), '-n', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    return out.length === 0;
  } catch {
    return false;
  }
}

function allowed(cases: string[], extglob = false) {
  for (const src of cases) {
    it(`allows ${JSON.stringify(src)}`, async () => {
      expect(bashAccepts(src, extglob), 'bash -n').toBe(true);
      const r = await judged(src);
      expect(r, src).toMatchObject({ decision: 'allow' });
    });
  }
}

describe('[[ … =~ regex ]]: the regex is one word, `|` and groups included', () => {
  allowed([
    '[[ "$x" =~ (a|b) ]]',
    '[[ $x =~ a|b ]]',
    '[[ $x =~ ^(a|b)$ && -n $y ]]',
    '[[ $x =~ (a b) ]] || echo no',
    '[[ ( $x =~ (a) ) ]]',
  ]);
  it('still refuses what bash rejects', async () => {
    for (const src of ['[[ x =~ a b ]]', '[[ x =~ (a ]]', '[[ x =~ a)b ]]', '[[ x =~ a&b ]]'])
      expect(ids(await ir(src)), src).toContain('parse.syntax_error');
  });
  it('a substitution in the regex still runs', async () => {
    expect((await judged('[[ x =~ (a|$(rm -rf /)) ]]')).ids).toContain('filesystem.recursive_delete_root');
  });
});

describe('$((…)) and $( (…) ) inside [[ … ]] are read whole', () => {
  allowed(['n=3; [[ $((--n)) -gt 0 ]] && echo y', '[[ $( (echo a) ) == a ]]']);
  it('$((--n)) parses wherever it stands', async () => {
    for (const src of ['echo $((--n))', 'n=3; [[ $((--n)) -gt 0 ]]', 'while (( --n )); do :; done']) {
      expect(ids(await ir(src)), src).not.toContain('parse.syntax_error');
    }
  });
});

describe('extglob groups are read as the patterns they are', () => {
  allowed(['ls @(bin|share)', 'ls lib@(a|b).so', 'cp @(a|b) /tmp/', 'rm -rf @(build|dist)', 'ls ?(x) +(y) *(z)'], true);
  // (`bash -n` never runs shopt: the later line is checked with extglob on, as it runs.)
  allowed(['shopt -s extglob\nls @(bin|share)'], true);
  it('judged as a glob at least as wide: !(keep) takes the whole folder', async () => {
    expect((await judged('rm -rf !(keep)')).ids).toContain('filesystem.recursive_delete_workdir');
    expect((await judged('rm -rf ~/@(Documents|x)')).ids).toContain('filesystem.recursive_delete_outside_project');
  });
  it('a group holding blanks, quotes or substitutions stays refused', async () => {
    for (const src of ['ls @(a b)', 'ls @($(rm -rf /))']) expect(ids(await ir(src)), src).toContain('parse.syntax_error');
  });
});

describe('a comment inside an array runs to the end of its line', () => {
  allowed(['a=(x # c\n y)', 'a=(\n  one   # first (the default)\n  two\n)\necho "${a[@]}"']);
  it('a substitution before the comment still runs', async () => {
    expect((await judged('a=(x $(rm -rf /) # c\n y)')).ids).toContain('filesystem.recursive_delete_root');
  });
});

describe('recursion is not a fork bomb; two copies at a time are', () => {
  allowed(['f(){ x="$(N=1 f "$1" | tail -1)"; }', 'walk() { for d in "$@"; do walk "$d"/* | sort; done; }']);
  it('still blocks the bombs', async () => {
    for (const src of [':(){ :|:& };:', 'f(){ f | f; }; f', 'fork() { fork & fork; }; fork', 'f(){ f & }; f']) {
      expect((await judged(src)).ids, src).toContain('disk_system.fork_bomb');
    }
  });
});

describe('eval "$(tool …)" of a known generator is its setup code, not an unknown script', () => {
  allowed([
    'eval "$(ssh-agent -s)"',
    'eval "$(pyenv init -)"',
    'eval "$(direnv hook bash)"',
    'eval `ssh-agent -s`',
    'eval "$(/opt/homebrew/bin/brew shellenv)"',
  ]);
  it('any other eval of a substitution stays refused', async () => {
    for (const src of [
      'eval "$(cat setup.sh)"',
      'eval "$(ssh-agent -a /tmp/s)"',
      'eval "$(pyenv init - ; rm -rf ~)"',
      'eval "$(/tmp/x/brew shellenv)"',
    ]) {
      expect((await judged(src)).decision, src).toBe('block');
    }
  });
  it('a script that redefines the tool decides what eval runs', async () => {
    for (const src of [
      'pyenv() { echo "rm -rf ~"; }; eval "$(pyenv init -)"',
      'PATH=/tmp/evil:$PATH; eval "$(pyenv init -)"',
      'alias ssh-agent=./x; eval "$(ssh-agent -s)"',
    ]) {
      expect((await judged(src)).ids, src).toContain('remote_code.pipe_to_shell');
    }
  });
});

describe('programs read as they read themselves', () => {
  allowed([
    "uv run bash -c 'echo hello'",
    'env FOO=bar ls',
    'helm uninstall x --dry-run',
    "sqlite3 -lookaside 100 50 db 'SELECT 1'",
    "sqlite3 -pagecache 100 50 db 'SELECT 1'",
    "sqlite3 db -json 'SELECT 1'",
  ]);
  it('and still judge what they really do', async () => {
    expect((await judged("uv run bash -c 'rm -rf /'")).ids).toContain('filesystem.recursive_delete_root');
    expect((await judged('helm uninstall x')).ids).toContain('infra.helm_uninstall');
    expect((await judged('helm uninstall x --dry-run=false')).ids).toContain('infra.helm_uninstall');
    expect((await judged("sqlite3 -lookaside 100 50 db 'DROP TABLE users'")).decision).toBe('block');
  });
});
