// The IR's structure: every command that can run is there, with the context it sits in.
import { describe, expect, it } from 'vitest';
import { argValues, ids, ir, kinds, names, only } from './helpers.js';

describe('contexts', () => {
  it('pipelines share an id and number their stages', async () => {
    const i = await ir('curl -s x | grep y | sh');
    expect(names(i)).toEqual(['curl', 'grep', 'sh']);
    const [a, b, c] = i.commands;
    expect(a!.pipeline).toEqual({ id: b!.pipeline!.id, stage: 0, stages: 3 });
    expect(c!.pipeline).toMatchObject({ stage: 2, stages: 3 });
    expect(kinds(c!)).toEqual(['pipeline']);
  });

  it('`a | b && c`: c is not a pipeline stage (also after |&, where tree-sitter nests a list in the pipe)', async () => {
    for (const [src, stages] of [
      ['a | b && c', 2],
      ['a | b | c && d', 3],
      ['a |& b && c || d', 2],
    ] as const) {
      const i = await ir(src);
      const last = i.commands[i.commands.length - 1]!;
      expect(last.pipeline, src).toBeUndefined();
      expect(kinds(last), src).toEqual(['list']);
      expect(i.commands[0]!.pipeline?.stages, src).toBe(stages);
      expect(kinds(i.commands[0]!), src).toEqual(['list', 'pipeline']);
      expect(ids(i), src).toEqual([]);
    }
  });

  it('lists record the operator before each part', async () => {
    const i = await ir('a && b || c');
    expect(i.commands.map((c) => c.context[0])).toEqual([{ kind: 'list' }, { kind: 'list', detail: '&&' }, { kind: 'list', detail: '||' }]);
  });

  it('subshells, groups, background', async () => {
    const i = await ir('(a; b) & { c; } ; d &');
    expect(kinds(only(i, 'a'))).toEqual(['background', 'subshell']);
    expect(kinds(only(i, 'c'))).toEqual(['group']);
    expect(kinds(only(i, 'd'))).toEqual(['background']);
  });

  it('if / while / until / for / select / c-style for / case bodies', async () => {
    const i = await ir(`if a; then b; elif c; then d; else e; fi
while f; do g; done
until h; do i; done
for x in 1 2; do j; done
select y in 1; do k; done
for ((n=0; n<3; n++)); do l; done
case $z in a|b) m;; *) n;; esac`);
    expect(names(i)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n']);
    expect(only(i, 'a').context).toEqual([{ kind: 'if', detail: 'condition' }]);
    expect(only(i, 'e').context).toEqual([{ kind: 'if', detail: 'else' }]);
    expect(kinds(only(i, 'g'))).toEqual(['while']);
    expect(kinds(only(i, 'i'))).toEqual(['while']);
    expect(kinds(only(i, 'j'))).toEqual(['for']);
    expect(kinds(only(i, 'l'))).toEqual(['for']);
    expect(kinds(only(i, 'n'))).toEqual(['case']);
    expect(ids(i)).toEqual([]);
  });

  it('function bodies are in the IR even when never called; names are recorded', async () => {
    const i = await ir('f() { rm -rf /; }\nfunction g { h; }\nk() ( l )');
    expect(i.functions).toEqual(['f', 'g', 'k']);
    expect(only(i, 'rm').context).toEqual([{ kind: 'function', detail: 'f' }]);
    expect(kinds(only(i, 'l'))).toEqual(['function', 'subshell']);
  });

  it('command substitutions anywhere: arguments, assignments, redirect targets, expansions, arithmetic, [[ ]]', async () => {
    const i = await ir(
      'echo "$(a)" `b` ${x:-$(c)} $((1+$(d))); X=$(e) y; cat > "$(f)"; [[ -f $(g) ]]; ((n = $(h))); for v in $(i); do :; done; case $(j) in *) ;; esac',
    );
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) expect(kinds(only(i, n)), n).toContain('command_substitution');
    expect(only(i, 'a').parentId).toBe(only(i, 'echo').id);
    expect(only(i, 'e').parentId).toBe(only(i, 'y').id);
  });

  it('process substitutions, also as the file of source and bash', async () => {
    const i = await ir('diff <(a) >(b); source <(curl -s x); bash <(wget -qO- y)');
    expect(kinds(only(i, 'a'))).toEqual(['process_substitution']);
    expect(kinds(only(i, 'b'))).toEqual(['process_substitution']);
    expect(only(i, 'curl').parentId).toBe(only(i, 'source').id);
    expect(only(i, 'wget').parentId).toBe(only(i, 'bash').id);
  });

  it('substitutions in unquoted heredoc bodies run; quoted heredoc bodies are text', async () => {
    const i = await ir("cat <<EOF\n$(a) `b`\nEOF\ncat <<'EOF'\n$(c)\nEOF");
    expect(names(i)).toEqual(['cat', 'a', 'b', 'cat']);
    const quoted = i.commands[3]!;
    expect(quoted.redirects[0]!.target).toMatchObject({ value: '$(c)\n', static: true });
  });

  it('assignment-only and redirect-only statements are commands with an empty name', async () => {
    const i = await ir('X=1 Y=$(z)\n> /etc/passwd');
    expect(i.commands[0]!.name.value).toBe('');
    expect(i.commands[0]!.assignments.map((a) => a.name)).toEqual(['X', 'Y']);
    expect(only(i, 'z').parentId).toBe(0);
    const trunc = i.commands.find((c) => c.redirects.length)!;
    expect(trunc.name.value).toBe('');
    expect(trunc.redirects[0]).toMatchObject({ op: '>', target: { value: '/etc/passwd' } });
  });

  it('declaration builtins keep their words', async () => {
    const i = await ir('export A=$(b) C; local -r d=1; unset e');
    expect(argValues(only(i, 'export'))).toEqual(['A=$(b)', 'C']);
    expect(argValues(only(i, 'local'))).toEqual(['-r', 'd=1']);
    expect(argValues(only(i, 'unset'))).toEqual(['e']);
    expect(kinds(only(i, 'b'))).toEqual(['command_substitution']);
  });
});

describe('redirects', () => {
  it('keeps op, fd and target', async () => {
    const c = (await ir('cmd 2>&1 >>log <in &>/dev/null 3<&- >|f')).commands[0]!;
    expect(c.redirects.map((r) => [r.fd ?? '', r.op, r.target.value])).toEqual([
      ['2', '>&', '1'],
      ['', '>>', 'log'],
      ['', '<', 'in'],
      ['', '&>', '/dev/null'],
      ['3', '<&-', '-'],
      ['', '>|', 'f'],
    ]);
  });

  it('words after a redirect target are arguments (tree-sitter reads them as more targets)', async () => {
    const c = (await ir('rm >/dev/null -rf / x')).commands[0]!;
    expect(argValues(c)).toEqual(['-rf', '/', 'x']);
    expect(c.redirects).toHaveLength(1);
  });

  it('redirects of a compound command reach the commands inside', async () => {
    const i = await ir('{ echo a; echo b; } > /etc/hosts; while read l; do x; done < list');
    expect(i.commands.filter((c) => c.name.value === 'echo').every((c) => c.redirects.some((r) => r.target.value === '/etc/hosts'))).toBe(
      true,
    );
    expect(only(i, 'x').redirects[0]!.target.value).toBe('list');
  });

  it('a redirect after a pipeline belongs to its last stage', async () => {
    const i = await ir('a | b > out');
    expect(only(i, 'a').redirects).toEqual([]);
    expect(only(i, 'b').redirects[0]!.target.value).toBe('out');
  });

  it('herestrings and heredocs are targets holding their text', async () => {
    const i = await ir('cat <<< "hi $x"; cat <<-EOF\n\tline\n\tEOF\n');
    expect(i.commands[0]!.redirects[0]).toMatchObject({ op: '<<<', target: { value: 'hi $x', static: false } });
    expect(i.commands[1]!.redirects[0]).toMatchObject({ op: '<<-', target: { value: 'line\n', static: true } });
  });

  it('what follows a heredoc start on its line: arguments, redirects, pipes, lists', async () => {
    const piped = await ir('cat <<EOF | sh && x || y\nbody\nEOF');
    // sh reads what cat writes: the heredoc body is parsed as a script (the command `body`).
    expect(names(piped)).toEqual(['cat', 'sh', 'body', 'x', 'y']);
    expect(only(piped, 'body').context.at(-1)).toEqual({ kind: 'nested_script', detail: 'cat << | sh' });
    expect(only(piped, 'sh').pipeline).toMatchObject({ stage: 1, stages: 2 });
    expect(only(piped, 'x').pipeline).toBeUndefined();
    expect(ids(piped)).toEqual([]);
    const more = await ir('cat <<EOF > out 2>&1 && z\nbody\nEOF');
    expect(names(more)).toEqual(['cat', 'z']);
    expect(only(more, 'cat').redirects.map((r) => r.op)).toEqual(['<<', '>', '>&']);
    expect(ids(more)).toEqual([]);
    // tree-sitter cannot read a redirect and a pipe after a heredoc start: fail closed.
    expect(ids(await ir('cat <<EOF > out | sh\nrm -rf /\nEOF'))).toContain('parse.syntax_error');
  });
});

describe('data is not code', () => {
  const table: [string, string][] = [
    ['echo "rm -rf /"', 'echo'],
    ["git commit -m 'rm -rf /'", 'git'],
    ['grep -r "DROP TABLE" .', 'grep'],
    ['printf "%s\\n" "sudo rm -rf /"', 'printf'],
    ['echo rm -rf / # rm -rf /', 'echo'],
    ["cat <<'EOF'\nrm -rf /\nEOF", 'cat'],
  ];
  for (const [src, name] of table) {
    it(src, async () => {
      const i = await ir(src);
      expect(names(i)).toEqual([name]);
      expect(ids(i)).toEqual([]);
    });
  }
});

describe('a simple command carries its text', () => {
  it('for evidence', async () => {
    const i = await ir('ls -la; rm -rf x 2>/dev/null');
    expect(i.commands.map((c) => c.text)).toEqual(['ls -la', 'rm -rf x 2>/dev/null']);
  });
});
