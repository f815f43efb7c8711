// The plain-script tree (src/analyze/shell/plain-tree.ts) stands in for tree-sitter's. Wherever it
// builds a tree, that tree must be tree-sitter's own, node for node (type, named, field, offsets,
// id, parent): over every script the tests know, over random scripts made of the subset's pieces and
// of the pieces just outside it, joined every way, and over scripts agents type all day (which it
// must accept, or the fast path is dead code).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { loadShellParser } from '../../src/analyze/shell/parser.js';
import { plainTree } from '../../src/analyze/shell/plain-tree.js';
import { snapshot } from '../../src/analyze/shell/snapshot.js';
import { knownShellTexts, plain } from './shell-trees.js';
import { runs } from '../fuzz/support.js';
import { hidden, script as fuzzScript, shellish } from '../fuzz/shell-arbitraries.js';

/** 'declined' when the plain tree declines, 'equal' when it is tree-sitter's, else what differs. */
function compare(parser: Parser, text: string): 'declined' | 'equal' | string {
  const mine = plainTree(text);
  if (!mine) return 'declined';
  const tree = parser.parse(text)!;
  try {
    const theirs = snapshot(tree, text);
    if (tree.rootNode.descendantCount !== mine.nodes) return `node count ${mine.nodes}, tree-sitter ${tree.rootNode.descendantCount}`;
    const a = JSON.stringify(plain(mine.root));
    const b = JSON.stringify(plain(theirs));
    return a === b ? 'equal' : `differs:\n  plain       ${a}\n  tree-sitter ${b}`;
  } finally {
    tree.delete();
  }
}

/** Scripts agents run all day: the fast path must take them. */
const EVERYDAY = [
  'git status --short && npm test -- --watch=false 2>&1 | tail -n 40',
  'ls -la',
  'npm test 2>&1 | tail -20',
  'git diff HEAD~1 --stat',
  'cat package.json',
  'grep -rn "TODO" src',
  "git log --oneline -n 20 --format '%h %s'",
  'npx tsc --noEmit -p . 2>&1 | head -50',
  'cd build; make -j4 >> build.log 2>&1',
  'python3 -m pytest tests/ -x -q 2>/dev/null || echo failed',
  'rm -rf dist\nnpm run build',
  'wc -l src/*.ts',
  "git log --oneline -n 20 --format='%h %s'",
  'grep -rn --include="*.ts" "TODO" src',
  'CI=true NODE_ENV=test npm test -- --coverage=false',
  'cd "$HOME/project" && echo $PATH > out.txt',
  'cp "${SRC}/a.txt" ${DEST}/ 2>/dev/null',
  'cd "$(git rev-parse --show-toplevel)" && npm test',
  'kill $(lsof -t -i:3000)',
  'echo "built at $(date)"',
  'docker rm $(docker ps -aq) 2>/dev/null',
  'export NODE_ENV=test && npm test',
  'export PATH="$HOME/.local/bin:$PATH"; python3 -m pip --version',
  '[ -d node_modules ] || npm ci',
  '[ -f .env ] && cat .env | head -5',
  'printf "%s\\n" "$X" | grep -E "foo\\.bar"',
];

// Pieces in the subset and just outside it.
const piece = fc.oneof(
  fc.constantFrom('ls', 'git', 'npm', 'rm', 'echo', 'cat', 'tail', 'a', 'b-c', 'x.y', '/bin/sh', './run', '~/x', '*.ts', 'a*b?', 'src/**'),
  fc.constantFrom('-la', '-n', '-5', '--', '--x=y', '-f/tmp', '-eq', '-o', '-a', 'x=1', 'x+=1', 'a=b=c', 'A_B=', '==', '=~', '=x'),
  fc.constantFrom('0', '1', '40', '007', '-1', '1.5', '0x10', '0x1F', '10#5', '2x', '1a', '-'),
  fc.constantFrom('if', 'then', 'fi', 'do', 'done', 'in', 'for', 'case', 'esac', 'export', 'local', 'time', 'function', '!', '!x', 'a!b'),
  fc.constantFrom('a%b', 'a^b', 'a:b', 'a,b', 'a@b', 'a+b', '@x', '%x', '+x', ':', ',', '.', '..', 'é', 'a\u00a0b'),
  fc.stringMatching(/^'[ -&(-~\t]{0,6}'$/),
  fc.stringMatching(/^"[ -~\t]{0,6}"$/),
  fc.constantFrom("''", '""', "'a'b", '"a"b', 'a"b"', "a'b'", '"a b"c', '"\\"', '"$x"', '"`x`"', "'\n'", '"\n"'),
  fc.constantFrom(
    '$x',
    '$HOME/x',
    'a$b',
    '$a$b',
    '$a:b',
    '$a%b',
    '$a=b',
    '$a[0]',
    '$1',
    '$?',
    '$',
    '$_x',
    '"$a"',
    '"$a $b"',
    '"a $b c"',
    '"$a$b"',
    '"x$"',
    '"$a."',
    '"$1"',
  ),
  fc.constantFrom(
    '${x}',
    '${x}y',
    'a${x}',
    '"${x}"',
    '"a${x}b"',
    '${x:-y}',
    '${#x}',
    '${x[0]}',
    '${1}',
    '${}',
    '${x',
    '"${x"',
    '${ x}',
    '${x }',
    '$(ls)',
    '`ls`',
    '{a,b}',
    '[x]',
    '(ls)',
    '{ ls; }',
    'a\\ b',
    '\\n',
    '#c',
    'a#b',
    'x #c',
  ),
  // Command substitutions, plain inside and not.
  fc.constantFrom(
    '$(ls)',
    '$(ls -la)',
    '"$(ls)"',
    '$( ls )',
    '$(a | b)',
    '$(a;b)',
    '$(a; b;)',
    '$(a && b || c)',
    '$(ls)x',
    'a$(b)',
    '$(a)$(b)',
    '"a $(b) c"',
    '"$(a)$X"',
    "$(echo 'a)')",
    '$(echo ")")',
    '$(echo "$(a)")',
    '$($(a))',
    '$(a $(b c))',
    '$()',
    '$( )',
    '$((1))',
    '$( (a) )',
    '$(ls\n)',
    '$(\nls)',
    '$(a\nb)',
    '$(a >f)',
    '$(a 2>&1)',
    '$(A=1 b)',
    '$(A=$(b) c)',
    'A=$(b)',
    '$(ls',
    'x)',
    '$(a #c\n)',
    '$(a &)',
    '$(if)',
    '$(1)',
    '$(-a)',
    '$(a)=b',
  ),
  // Backslashes in "…".
  fc.constantFrom(
    '"a\\nb"',
    '"\\""',
    '"a\\"b"',
    '"\\$X"',
    '"\\\\$X"',
    '"\\\\"',
    '"x\\ "',
    '"\\ "',
    '"\\',
    '"a\\',
    '"\\$(ls)"',
    '"$X\\n"',
    '"\\n$X"',
    '"\\`x\\`"',
    '"a\\\nb"',
    '"$(echo \\n)"',
    '"\\${X}"',
    '"\\\\${X}"',
  ),
  // Test commands.
  fc.constantFrom(
    '[ -f x ]',
    '[ -d "$X" ]',
    '[ -n $X ]',
    '[ -z "" ]',
    '[ -e a"b" ]',
    '[ -f 1 ]',
    '[  -f  x  ]',
    '[ -f x]',
    '[ -ot x ]',
    '[ ! -f x ]',
    '[ x ]',
    '[ a = b ]',
    '[ -f x -a -d y ]',
    '[[ -f x ]]',
    '[ -f $(ls) ]',
    '[ -f',
    '[',
    ']',
    '[ -f x ]y',
    '[ - x ]',
    '[ -f export ]',
  ),
  // Declarations.
  fc.constantFrom(
    'export',
    'export A=1',
    'export A',
    'export A B=2',
    'export A=$(b)',
    'export A="x y"',
    'export A=$B:/c',
    'export -n A',
    'export 1A',
    'export a-b',
    'export A=',
    'export "A"',
    'A=1 export B',
    'echo export',
    'export=1',
    'exports',
    'export\nA',
  ),
  fc.stringMatching(/^[-A-Za-z0-9_.\/~*?@%^:,+=!]{1,4}$/),
  fc.stringMatching(/^[0-9]{0,2}(?:>|>>|<|>&|<&)[-0-9a-z]{0,2}$/),
  fc.constantFrom(
    '>f',
    '> f',
    '>>f',
    '2>&1',
    '2>/dev/null',
    '<in',
    '< in',
    '>&2',
    '>&-',
    '1>f',
    '12>f',
    '&>f',
    '>|f',
    '<<EOF',
    '<&0',
    '<>f',
    '2>',
    '>',
  ),
  fc.constantFrom('|', '||', '&&', ';', '\n', '&', '|&', ';;', ' | ', ' && ', ';\n', '\n\n'),
);
const gap = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t', '\n');
const script = fc.array(fc.tuple(piece, gap), { minLength: 1, maxLength: 10 }).map((parts) => parts.map(([p, g]) => p + g).join(''));
/** Scripts mostly inside the subset: commands, operators and redirects in their places. */
const command = fc
  .tuple(
    fc.constantFrom('ls', 'git', 'npm', 'echo', 'tail', 'grep'),
    fc.array(
      fc.constantFrom(
        '-la',
        '-n',
        '40',
        '-5',
        'x',
        "'a b'",
        '"c d"',
        '""',
        '--x=y',
        'src/*.ts',
        '~/y',
        '--f="a b"',
        "a'b'c",
        "x='1'",
        '$X',
        '"$X/y"',
        '"a $X"',
        '$Y.z',
        '${Z}/w',
        '"${Z}.x"',
        '$(date)',
        '"$(pwd)/x"',
        '$(git rev-parse HEAD)',
        '"%s\\n"',
        '"a\\.b"',
        '"\\$X$Y"',
      ),
      {
        maxLength: 3,
      },
    ),
    fc.array(fc.constantFrom('>f', '2>&1', '>> log', '< in', '2>/dev/null', '>&2'), { maxLength: 2 }),
  )
  .map(([n, args, redirects]) => [n, ...args, ...redirects].join(' '));
const assignments = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  fc.array(fc.constantFrom('A=1', 'CI=true', 'J=$HOME', 'K="$X y"', 'B="x y"', "C='z'", 'D=-1', 'E=a=b', 'F=', 'G=1.5', '_H=x', 'I+=1'), {
    minLength: 1,
    maxLength: 2,
  }),
);
const assigned = fc.tuple(assignments, command).map(([a, c]) => [...a, c].join(' '));
const operator = fc.constantFrom(' | ', ' && ', ' || ', '; ', '\n', ';', '|', '&&');
const plainScript = fc
  .tuple(assigned, fc.array(fc.tuple(operator, assigned), { maxLength: 5 }), fc.constantFrom('', ';', '\n', ' ', ';\n'))
  .map(([first, rest, end]) => first + rest.map(([o, c]) => o + c).join('') + end);

/** Commands without redirects, and scripts of them: what the subset takes inside `$(…)`. */
const bare = fc
  .tuple(
    fc.constantFrom('ls', 'git', 'date', 'pwd', 'cat'),
    fc.array(fc.constantFrom('-la', 'x', '"a b"', "'c'", '$X', '"$X/y"', '1', '$(pwd)'), { maxLength: 3 }),
  )
  .map(([n, args]) => [n, ...args].join(' '));
const inner = fc
  .tuple(
    bare,
    fc.array(fc.tuple(fc.constantFrom(' | ', ' && ', ' || ', '; ', ';', '\n', '|'), bare), { maxLength: 2 }),
    fc.constantFrom('', '', ';', '\n', ' ', '; '),
  )
  .map(([first, rest, end]) => first + rest.map(([o, c]) => o + c).join('') + end);
/** Plain scripts inside `$(…)`, bare or quoted, as an argument, a value or part of a word, and nested. */
const substituted = fc
  .tuple(
    command,
    fc.oneof(inner, plainScript),
    fc.constantFrom('$(%)', '"$(%)"', 'x$(%)', '$(%)/y', '"a $(%) b"', '$( %)', '$(% )', '$(\n%)', '$($(%))', '$(echo $(%))'),
    fc.constantFrom('', 'A=', ' && ls', ' | tail', ' >f', '; ls'),
  )
  .map(([c, inner, shape, around]) => {
    const sub = shape.replace('%', inner);
    return around === 'A=' ? `A=${sub} ${c}` : `${c} ${sub}${around}`;
  });

/** `export` statements among plain commands, with redirects after some. */
const declaration = fc
  .tuple(
    fc.array(fc.constantFrom('A=1', 'B', 'C="x y"', 'D=$X', 'E=$(pwd)', 'F=a:b', 'G=-1', 'H=1.5', 'I=$HOME/x', "J='z'", 'K'), {
      maxLength: 3,
    }),
    fc.constantFrom('', '', ' >f', ' 2>&1'),
  )
  .map(([words, redirect]) => ['export', ...words].join(' ') + redirect);
const test = fc
  .tuple(
    fc.constantFrom('-f', '-d', '-e', '-n', '-z', '-x', '-L'),
    fc.constantFrom('x', '"$X"', '$X', "'a b'", '"$HOME/.env"', 'dist/', '1', '"$(pwd)"', 'a$X', '~/x'),
  )
  .map(([op, operand]) => `[ ${op} ${operand} ]`);
const declared = fc
  .tuple(
    fc.oneof(declaration, assigned, test),
    fc.array(fc.tuple(operator, fc.oneof(declaration, assigned, test)), { maxLength: 3 }),
    fc.constantFrom('', ';', '\n'),
  )
  .map(([first, rest, end]) => first + rest.map(([o, c]) => o + c).join('') + end);

describe('the plain-script tree', () => {
  it('is tree-sitter’s tree for every script the tests know that it takes', async () => {
    const parser = await loadShellParser();
    const differ: string[] = [];
    let taken = 0;
    const texts = knownShellTexts();
    for (const text of texts) {
      const r = compare(parser, text);
      if (r === 'equal') taken++;
      else if (r !== 'declined') differ.push(`${JSON.stringify(text)}: ${r}`);
    }
    expect(differ).toEqual([]);
    expect(taken).toBeGreaterThan(texts.length / 5);
  }, 120_000);

  it('takes the scripts agents run all day, as tree-sitter reads them', async () => {
    const parser = await loadShellParser();
    for (const text of EVERYDAY) expect([text, compare(parser, text)]).toEqual([text, 'equal']);
  });

  it('is tree-sitter’s tree for random scripts in and around the subset', async () => {
    const parser = await loadShellParser();
    let taken = 0;
    let declined = 0;
    // Ours, and the shell fuzz tests' generators (written before this file, for other properties).
    for (const arb of [script, plainScript, substituted, declared, fuzzScript, hidden.map((h) => h.script), shellish]) {
      fc.assert(
        fc.property(arb, (text) => {
          const r = compare(parser, text);
          if (r === 'declined') declined++;
          else taken++;
          return r === 'equal' || r === 'declined' ? true : (console.error(JSON.stringify(text), r), false);
        }),
        // A fixed seed in the suite; SEATBELT_FUZZ_RUNS=N tries N new scripts each run.
        process.env.SEATBELT_FUZZ_RUNS ? { numRuns: runs(4_000) } : { numRuns: 4_000, seed: 19 },
      );
    }
    // Both sides of the line are exercised.
    expect(taken).toBeGreaterThan(1_500);
    expect(declined).toBeGreaterThan(1_000);
  }, 120_000);

  it('declines what it cannot build exactly', () => {
    for (const text of [
      '',
      '   ',
      '\nls',
      'ls &',
      'a | ',
      'a &&',
      'a >f b',
      '>f a',
      'FOO= ls',
      'FOO=1',
      '! ls',
      'ls ${HOME:-x}',
      'echo "$1"',
      '$CMD x',
      'f() { x; }',
      'echo $((1))',
      'echo $()',
      'echo $(a >f)',
      'echo $(a | b | c)',
      'echo $(ls',
      'echo export',
      'A=1 export B',
      'export -n A',
      'export 1A',
      '[ -f x]',
      '[ ! -f x ]',
      '[[ -f x ]]',
      'A=1 [ -f x ]',
      `echo ${'$('.repeat(9)}a${')'.repeat(9)}`,
    ])
      expect([text, plainTree(text)]).toEqual([text, null]);
  });
});
