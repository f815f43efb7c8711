// Differential test against a second, strict bash parser (mvdan-sh). Over a deterministic corpus
// of mutated commands, both parsers name the commands each script runs; wherever they disagree,
// or mvdan rejects the script, our analyser must report it undecidable (and so block it).
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stmt } from '../../../src/analyze/shell/ast.js';
import { decodeAnsiC } from '../../../src/analyze/shell/ansi-c.js';
import { convertTree } from '../../../src/analyze/shell/cst/nodes.js';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { loadShellParser, parseBash } from '../../../src/analyze/shell/parser.js';
import { snapshot } from '../../../src/analyze/shell/snapshot.js';
import { ctx } from './helpers.js';

/* ---------- the corpus ---------- */

const SEEDS = [
  'rm -rf /tmp/x',
  'ls -la | grep foo',
  'echo "hello $USER" > out.txt',
  'git commit -m "fix rm -rf"',
  'sudo rm -rf /',
  'cd /tmp && rm -rf *',
  'for f in *.log; do gzip "$f"; done',
  'if [ -f x ]; then cat x; else touch x; fi',
  'case $1 in start) run;; stop) halt;; esac',
  'f() { echo hi; }; f',
  'x=$(date +%s); echo $x',
  'cat <<EOF\nline $HOME $(id)\nEOF',
  'while read -r l; do echo "$l"; done < file',
  "find . -name '*.tmp' -exec rm {} \\;",
  'curl -s https://x | sh',
  '(cd /srv && make) || exit 1',
  'echo `whoami`',
  'export PATH=$PATH:/bin; env',
  'diff <(ls a) <(ls b)',
  'a=1 b=2 cmd arg',
  '[[ -n $x && $y == z* ]] && echo ok',
  "echo $'\\x72\\x6d' \"a\\\"b\" 'c'\\''d'",
  'time ls',
  'let i=i+1',
  'declare -a arr=(1 2 3)',
  "trap 'rm -f tmp' EXIT",
  "printf '%s\\n' a b | sort -u | head -n1",
  '{ echo a; echo b; } > f 2>&1',
  'ls 2>/dev/null | wc -l &',
  "r''m -rf \\/",
  'make -j4 && ./bin/test --fast || true',
  'tar czf out.tgz dir; scp out.tgz host:',
  'echo ${x:-$(pwd)} $((1 + $(nproc)))',
  'npm test 2>&1 | tee log.txt',
  'docker run --rm -v "$PWD":/w img make',
  "python3 -c 'print(1)'",
  'until false; do sleep 1; done',
  'select x in a b; do echo $x; done',
  'for ((i=0; i<3; i++)); do echo $i; done',
  'exec 3>&1; cmd >&3',
];

const SPECIALS = ['{', '}', '(', ')', ';', '&', '|', '\\', "'", '"', '$', '`', '#', '\n', '\\\n', ' ', '<', '>', '*', '!', '=', '~'];
const OPERATORS = [';', '&&', '||', '|', '&', '\n', '|&'];
const WRAPS: ((s: string) => string)[] = [
  (s) => `$(${s})`,
  (s) => `\`${s}\``,
  (s) => `( ${s} )`,
  (s) => `{ ${s}; }`,
  (s) => `if true; then ${s}; fi`,
  (s) => `while false; do ${s}; done`,
  (s) => `g() { ${s}; }`,
  (s) => `time ${s}`,
  (s) => `! ${s}`,
  (s) => `echo "$(${s})"`,
  (s) => `cat <<EOF\n$(${s})\nEOF`,
  (s) => `x=\`${s}\``,
  (s) => `time { ${s}; }`,
  (s) => `coproc { ${s}; }`,
];

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(count: number, seed: number): string[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = (s: string) => Math.floor(rnd() * (s.length + 1));
  const mutations: ((s: string) => string)[] = [
    (s) => {
      const i = at(s);
      return s.slice(0, i) + pick(SPECIALS) + s.slice(i);
    },
    (s) => {
      const i = at(s);
      return s.slice(0, i) + s.slice(i + 1);
    },
    (s) => {
      const i = at(s);
      const j = Math.min(s.length, i + 1 + Math.floor(rnd() * 8));
      return s.slice(0, j) + s.slice(i, j) + s.slice(j);
    },
    (s) => {
      // Requote one letter: r → 'r', "r", \r or $'\x72'.
      const letters = [...s.matchAll(/[a-z]/g)];
      if (!letters.length) return s;
      const m = pick(letters);
      const c = m[0];
      const q = pick([`'${c}'`, `"${c}"`, `\\${c}`, `$'\\x${c.charCodeAt(0).toString(16)}'`, `${c}''`]);
      return s.slice(0, m.index) + q + s.slice(m.index! + 1);
    },
    (s) => `${s} ${pick(OPERATORS)} ${pick(SEEDS)}`,
    (s) => pick(WRAPS)(s),
  ];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let s = pick(SEEDS);
    const rounds = 1 + Math.floor(rnd() * 3);
    for (let r = 0; r < rounds; r++) s = pick(mutations)(s);
    out.push(s);
  }
  return out;
}

/* ---------- command names from mvdan-sh ---------- */

interface MvNode {
  [key: string]: unknown;
}
interface MvSyntax {
  NewParser(): { Parse(src: string, name: string): MvNode };
  Walk(node: MvNode, fn: (n: MvNode | null) => boolean): void;
  NodeType(n: MvNode): string;
}
const mvdan = createRequire(import.meta.url)('mvdan-sh') as { syntax: MvSyntax };
const syntax = mvdan.syntax;

const unquotedLit = (v: string): string | null => {
  let out = '';
  let mask = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\' && i + 1 < v.length) {
      if (v[i + 1] !== '\n') out += v[i + 1];
      mask += '_';
      i++;
    } else {
      out += v[i];
      mask += v[i];
    }
  }
  if (/[*?]|\[.*\]|\{[^{}]*(,|\.\.)[^{}]*\}/.test(mask)) return null; // a glob or a brace expansion
  return out;
};

const dqLit = (v: string): string => v.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));

/** The static value of an mvdan word, or null when the shell expands it. */
function mvWord(word: MvNode): string | null {
  let out = '';
  for (const part of word.Parts as MvNode[]) {
    const t = syntax.NodeType(part);
    if (t === 'Lit') {
      const v = unquotedLit(part.Value as string);
      if (v === null) return null;
      out += v;
    } else if (t === 'SglQuoted') {
      out += part.Dollar ? decodeAnsiC(part.Value as string) : (part.Value as string);
    } else if (t === 'DblQuoted') {
      for (const inner of part.Parts as MvNode[]) {
        if (syntax.NodeType(inner) !== 'Lit') return null;
        out += dqLit(inner.Value as string);
      }
    } else {
      return null;
    }
  }
  return out;
}

const parser = syntax.NewParser();

/** The command names mvdan sees (null when it rejects the script). */
function mvdanNames(src: string): string[] | null {
  let file: MvNode;
  try {
    file = parser.Parse(src, 'corpus.sh');
  } catch {
    return null;
  }
  const names: string[] = [];
  syntax.Walk(file, (n) => {
    if (!n) return true;
    const t = syntax.NodeType(n);
    if (t === 'CallExpr') {
      const args = n.Args as MvNode[];
      if (args.length) names.push(mvWord(args[0]!) ?? '?');
    } else if (t === 'DeclClause') {
      names.push((n.Variant as MvNode).Value as string);
    } else if (t === 'LetClause') {
      names.push('let');
    }
    return true;
  });
  return names.filter((x) => x !== '[');
}

/* ---------- command names from our parse ---------- */

async function ourNames(src: string): Promise<string[]> {
  const tsParser = await loadShellParser();
  const names: string[] = [];
  const visitScript = (text: string) => {
    const tree = parseBash(tsParser, text, 1e9);
    if (!tree) return;
    const root = snapshot(tree, text);
    tree.delete();
    const { stmts } = convertTree(root, text, 1e6);
    stmts.forEach(visit);
  };
  const visitWords = (words: { subs: { body: Stmt[]; script?: string }[] }[]) => {
    for (const w of words) for (const sub of w.subs) sub.script !== undefined ? visitScript(sub.script) : sub.body.forEach(visit);
  };
  const visit = (s: Stmt): void => {
    switch (s.t) {
      case 'cmd': {
        const words = s.cmd.words.map((w) => w.word);
        // mvdan reads `time` and `coproc` as clauses around the command.
        let i = 0;
        while (words[i]?.raw === 'time' || words[i]?.raw === 'coproc') {
          i++;
          while (words[i]?.static && words[i]!.value === '-p') i++;
          while (words[i]?.static && /^[A-Za-z_]\w*=/.test(words[i]!.raw)) i++;
        }
        const w = words[i];
        if (w) names.push(w.static ? w.value : '?');
        visitWords([...s.cmd.assignments.map((a) => a.value), ...s.cmd.words, ...s.cmd.redirects.map((r) => r.target)]);
        return;
      }
      case 'pipeline':
        return s.stages.forEach(visit);
      case 'list':
        return s.items.forEach(visit);
      case 'block':
        visitWords([...s.words, ...s.redirects.map((r) => r.target)]);
        return s.body.forEach(visit);
      case 'if':
        visitWords(s.redirects.map((r) => r.target));
        s.clauses.forEach((c) => [...c.cond, ...c.body].forEach(visit));
        return (s.elseBody ?? []).forEach(visit);
      case 'loop':
        visitWords([...s.words, ...s.redirects.map((r) => r.target)]);
        return [...s.cond, ...s.body].forEach(visit);
      case 'case':
        visitWords([s.word, ...s.items.flatMap((i) => i.patterns), ...s.redirects.map((r) => r.target)]);
        return s.items.forEach((i) => i.body.forEach(visit));
      case 'function':
        return s.body.forEach(visit);
    }
  };
  visitScript(src);
  return names.filter((x) => x !== '['); // `[ … ]` is a test command for tree-sitter, a call for mvdan
}

/* ---------- the test ---------- */

/**
 * Where mvdan-sh itself departs from bash (checked with `bash -n` and by running bash), so a
 * disagreement says nothing about our parse:
 * - it parses `let` arguments as arithmetic source, before quote removal, and reads a `|` or `&`
 *   (or `<`, `>`) after them as part of the arithmetic (bash removes quotes first, and ends the
 *   command or starts a redirect there);
 * - it takes the digits ending a word glued to `<`/`>` as a file descriptor (`l"s"2>f`: bash runs
 *   `ls2`);
 * - it rejects a word ending in `#` glued to `&&`/`||` (bash reads `a#` and the operator);
 * - it rejects an array element starting with `=` (`arr=(1 =3)` is fine for bash);
 * - it starts a comment at a `#` right after a quote, a substitution or an expansion (`"a"#b`, `$(x)#`, `$y#` are words);
 * - it continues a comment that ends in a backslash onto the next line (bash does not);
 * - it rejects an expansion after an assignment in `export A=1 $B` (bash expands it at run time),
 *   and a redirect followed by more arguments in `export A=1 <f B`.
 */
const MVDAN_QUIRKS = [
  /\blet\b[^;\n]*[|&'"\\$<>]/,
  /[^\s\d<>&|;]\d+[<>]/,
  /#(&&|\|\|)/,
  /=\((?:[^)]*\s)?=/,
  /(['"})`]|\$\w+)#/,
  /#[^\n]*\\\n/,
  /\b(export|declare|local|readonly|typeset)\b[^;&|\n]*(=\S*\s+\$|[<>]\S*\s+\S)/,
];

const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((n) => y.has(n));
};

describe('differential test against mvdan-sh', () => {
  beforeAll(async () => {
    await loadShellParser();
  });

  it('the seeds parse the same in both parsers', async () => {
    for (const src of SEEDS) {
      const mv = mvdanNames(src);
      expect(mv, src).not.toBeNull();
      expect(new Set(await ourNames(src)), src).toEqual(new Set(mv));
    }
  });

  it('wherever the parsers disagree on a mutated command, the analyser blocks it', async () => {
    // Fixed by default; SHELL_DIFF_SEED / SHELL_DIFF_COUNT explore other corpora by hand.
    const scripts = corpus(Number(process.env.SHELL_DIFF_COUNT ?? 600), Number(process.env.SHELL_DIFF_SEED ?? 20251121));
    const escaped: string[] = [];
    let disagreements = 0;
    let rejected = 0;
    for (const src of scripts) {
      const mv = mvdanNames(src);
      const ours = await ourNames(src);
      if (mv !== null && sameSet(mv, ours)) continue;
      if (MVDAN_QUIRKS.some((q) => q.test(src))) continue;
      if (mv === null) rejected++;
      else disagreements++;
      const ir = await shellIrFromScript(src, ctx);
      if (!ir.undecidable.length)
        escaped.push(`${JSON.stringify(src)}: mvdan ${mv ? JSON.stringify(mv) : 'rejects it'}, ours ${JSON.stringify(ours)}`);
    }
    expect(escaped).toEqual([]);
    // The corpus must exercise both kinds of disagreement, or the test proves nothing.
    expect(rejected).toBeGreaterThan(50);
    expect(disagreements).toBeGreaterThan(5);
  });
});
