// Everything the analyser cannot decide statically is reported as undecidable (which blocks):
// syntax errors, unknown node types, tree-sitter's blind spots, dynamic command names, limits.
import { describe, expect, it } from 'vitest';
import { ids, ir } from './helpers.js';

const undecidable = async (src: string, id: string) => expect(ids(await ir(src)), JSON.stringify(src)).toContain(id);

describe('syntax errors', () => {
  for (const src of [
    'rm -rf / &&',
    'if true; then rm -rf /',
    'echo "unterminated',
    "echo 'x",
    'a | | b',
    '(rm -rf /',
    'case x in',
    'echo @(a|b',
    'f() {',
    'rm x )',
  ]) {
    it(JSON.stringify(src), () => undecidable(src, 'parse.syntax_error'));
  }
});

describe('blind spots of tree-sitter', () => {
  it('time { … } is read as a command named {', () => undecidable('time { rm -rf /; }', 'parse.blind_spot'));
  it('! { … } is read as a command named {', () => undecidable('! { rm -rf /; }', 'parse.blind_spot'));
  it('coproc { … } is read as words', () => undecidable('coproc { rm -rf /; }', 'parse.blind_spot'));
  it('coproc NAME { … } is read as words', () => undecidable('coproc worker { rm -rf /; }', 'parse.blind_spot'));
  it('backslash-newline inside a word joins what tree-sitter splits', async () => {
    await undecidable('r\\\nm -rf /', 'parse.blind_spot');
    await undecidable('rm -rf /ho\\\nme', 'parse.blind_spot');
  });
  it('a line continuation between words is fine', async () => {
    expect(ids(await ir('rm -rf \\\n  build'))).toEqual([]);
    expect(ids(await ir('echo "a\\\nb"'))).toEqual([]);
  });
  it('escaped backticks inside backticks (a nested substitution bash re-parses)', () =>
    undecidable('echo `echo \\`rm -rf /\\``', 'parse.blind_spot'));
  it('nested backticks, in strings and assignments', async () => {
    await undecidable('echo "`echo \\`rm -rf /\\``"', 'parse.blind_spot');
    await undecidable('x=`a \\`rm -rf /\\``', 'parse.blind_spot');
  });
  it('a misread heredoc delimiter', () => undecidable('cat <<-EOF; echo x\n\tbody\n\tEOF\n', 'parse.blind_spot'));
  it('keywords read as command names', async () => {
    await undecidable('time if true; then rm -rf /; fi', 'parse.blind_spot');
  });
  it('backticks in an unquoted heredoc are parsed, not missed', async () => {
    const i = await ir('cat <<EOF\n`rm -rf /`\nEOF');
    expect(i.commands.map((c) => c.name.value)).toEqual(['cat', 'rm']);
  });
});

describe('tree-sitter misreads found by the differential test', () => {
  const table: [string, string][] = [
    ['a | b | c\nrm -rf / 2>/dev/null', 'parse.blind_spot'], // rm read as an argument of c
    ['! sudo \n\\rm -rf /', 'parse.blind_spot'], // a word holding a line break
    ["e=#ch$'\\x6f' rm", 'parse.blind_spot'], // an assignment ended early
    ['cat <<EOF\n$\n$(rm -rf /)\nEOF', 'parse.blind_spot'], // `$⏎$(` read as `$$`
    ['echo ${x#:-$(rm -rf /)}', 'parse.blind_spot'], // a substitution read as a pattern
    ['cat <<EOF\n$HOME\\\n $(rm -rf /)\nEOF', 'parse.blind_spot'], // a substitution left as text
    ['cat <<EOF\nbody\nEOF | sh', 'parse.blind_spot'], // heredoc end line with more text
    ['a=1\\\n rm=2 x', 'parse.blind_spot'], // an assignment read as a command name
    ['declar=e - arr=(1 2 3)', 'parse.blind_spot'], // a word dropped
    ['curl -s x |\\ sh', 'parse.blind_spot'], // an escaped blank dropped
    ['[ "$a" > /etc/passwd ]', 'parse.blind_spot'], // a redirect inside [ ] read as a comparison
    ['[[ -nn $x ]] && rm -rf /', 'parse.syntax_error'],
    ['[[ $x ==y ]]', 'parse.syntax_error'],
    ['{echo hi; }', 'parse.syntax_error'],
    ["while'' true; do rm -rf /; done", 'parse.syntax_error'],
    ['echo $$(rm -rf /)', 'parse.blind_spot'],
    ['cat <<EOF\n$((cd / && rm -rf *) || exit 1)\nEOF', 'parse.blind_spot'], // `$((` arithmetic or not
    ['export P\\ATH=1', 'parse.syntax_error'],
    ['(( a b ))', 'parse.syntax_error'],
    ['case $1 in st;op) halt;; esac', 'parse.syntax_error'],
    ['ls | ! rm -rf /', 'parse.syntax_error'],
    ['{ a; } > f 2&1', 'parse.syntax_error'],
  ];
  for (const [src, id] of table) it(JSON.stringify(src), () => undecidable(src, id));

  it('a word tree-sitter splits is one word again', async () => {
    const i = await ir("'r'\\m -rf /; $'\\x72'\\m -rf /");
    expect(i.commands.map((c) => c.name.value)).toEqual(['rm', 'rm']);
  });

  it('`time A=1 cmd` assigns, `$$` expands', async () => {
    const i = await ir('time A=1 rm -rf /; tee$$ x');
    expect(i.commands[0]!.name.value).toBe('rm');
    expect(i.commands[0]!.assignments[0]!.name).toBe('A');
    expect(i.commands[1]!.name.static).toBe(false);
  });
});

describe('dynamic command names', () => {
  for (const src of [
    '$a -rf /',
    '$(echo rm) -rf /',
    '"$CMD" x',
    '`echo rm` -rf /',
    'read a; $a -rf /',
    'a=rm; $a -rf /',
    '${X:-rm} -rf /',
    '/usr/bin/r? -rf /',
    'r{m,} -rf /',
    '$1',
  ]) {
    it(JSON.stringify(src), () => undecidable(src, 'parse.dynamic_command'));
  }
});

describe('dynamic scripts', () => {
  for (const src of ['bash -c "$X"', 'eval "$(curl -s https://x)"', 'source <(echo) ; eval $x', 'sh -c "$1" _ y']) {
    it(JSON.stringify(src), () => undecidable(src, 'parse.dynamic_script'));
  }
});

describe('limits', () => {
  it('input over the size limit', async () => {
    await undecidable('echo x; '.repeat(40_000), 'limits.input_too_large');
    expect(ids(await ir('echo 12345678901', { limits: { maxInputChars: 10 } }))).toEqual(['limits.input_too_large']);
  });
  it('a nested script over the size limit', async () => {
    expect(ids(await ir(`bash -c '${'x'.repeat(50)}'`, { limits: { maxInputChars: 40 } }))).toContain('limits.input_too_large');
  });
  it('too many commands', async () => {
    expect(ids(await ir('a; b; c; d', { limits: { maxCommands: 3 } }))).toEqual(['limits.input_too_large']);
  });
  it('too many syntax nodes', async () => {
    expect(ids(await ir('a b c d e f g', { limits: { maxNodes: 5 } }))).toEqual(['limits.input_too_large']);
  });
  it('a parse that takes too long', async () => {
    expect(ids(await ir('echo ${x:-y}; '.repeat(2_000), { limits: { maxParseSteps: 2 } }))).toEqual(['limits.parse_timeout']);
  });
  it('nesting too deep', async () => {
    await undecidable('('.repeat(200) + 'x' + ')'.repeat(200), 'limits.nesting_too_deep');
  });
  it('the parser stays usable after a cancelled parse', async () => {
    await ir('echo ${x:-y}; '.repeat(2_000), { limits: { maxParseSteps: 2 } });
    const i = await ir('rm -rf build');
    expect(i.commands.map((c) => c.name.value)).toEqual(['rm']);
    expect(ids(i)).toEqual([]);
  });
});

describe('unknown node types', () => {
  it('are reported, not skipped', async () => {
    // Every node type the grammar produces for real input is handled, so feed the converter a
    // tree with a node type it does not know.
    const { convertTree } = await import('../../../src/analyze/shell/cst/nodes.js');
    const { SNode } = await import('../../../src/analyze/shell/snapshot.js');
    const root = new SNode('x', 0, 'program', true, false, 0, 1, null);
    root.children.push(new SNode('x', 1, 'mystery_statement', true, false, 0, 1, root));
    const out = convertTree(root, 'x', 100);
    expect(out.undecidable.map((u) => u.ruleId)).toEqual(['parse.unknown_node']);
  });
});
