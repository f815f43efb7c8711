// Heredoc bodies as words: a quoted delimiter keeps the text literally; otherwise expansions and
// substitutions in it are live (backticks, which tree-sitter leaves unparsed, are cut out here and
// parsed as scripts), and a body tree-sitter misread is rebuilt from the source text.
import type { AstWord } from '../ast.js';
import { WordBuilder, part, type WordEnv } from './words.js';
import { wordEvaluations } from './evaluations.js';
import type { SNode as Node } from '../snapshot.js';

/**
 * Heredoc text: backslash escapes only `$ \` \\` and newline; nothing is globbed. Returns false
 * when the text still holds a `$(` or `${` (tree-sitter missed a substitution, e.g. after `\⏎`).
 */
function heredocText(b: WordBuilder, text: string): boolean {
  let out = '';
  let missed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && '$`\\\n'.includes(next)) {
      if (next !== '\n') out += next;
      i++;
    } else {
      if (ch === '$' && (next === '(' || next === '{')) missed = true;
      out += ch;
    }
  }
  b.literal(out, false);
  return !missed;
}

/**
 * Unescaped backticks in heredoc text outside the nodes tree-sitter did parse, paired in order,
 * as [start, end) source offsets; null when one is left unpaired (bash: unexpected end of file).
 */
function backtickSpans(source: string, from: number, to: number, nodes: Node[]): [number, number][] | null {
  const ticks: number[] = [];
  for (let i = from; i < to; i++) {
    const inside = nodes.find((n) => i >= n.startIndex && i < n.endIndex);
    if (inside) i = inside.endIndex - 1;
    else if (source[i] === '\\') i++;
    else if (source[i] === '`') ticks.push(i);
  }
  if (ticks.length % 2) return null;
  const spans: [number, number][] = [];
  for (let k = 0; k < ticks.length; k += 2) spans.push([ticks[k]!, ticks[k + 1]! + 1]);
  return spans;
}

function stripTabs(text: string, atLineStart: boolean): string {
  return (atLineStart ? text.replace(/^\t+/, '') : text).replace(/\n\t+/g, '\n');
}

/**
 * The body of a heredoc as one word. A quoted delimiter (`<<'EOF'`) keeps the text literally;
 * otherwise expansions and substitutions in it are live, as in double quotes.
 */
/**
 * A heredoc body tree-sitter did not read as one (a body line starting with a backslash makes it
 * read the lines as words): rebuilt from the source text. Expansions in an unquoted body cannot be
 * told apart then, so those are a blind spot.
 */
export function heredocFromText(text: string, node: Node, env: WordEnv, quoted: boolean, dash: boolean): AstWord {
  const b = new WordBuilder();
  const body = dash ? stripTabs(text, true) : text;
  if (quoted) b.literal(body, false);
  else {
    if (/[$`]/.test(body)) env.fail('parse.blind_spot', 'the parser misread a heredoc body with expansions', node);
    heredocText(b, body);
  }
  return { word: { value: b.value, static: !b.dynamic, raw: text }, subs: [] };
}

export function heredocWord(body: Node | null, env: WordEnv, depth: number, quoted: boolean, dash: boolean): AstWord {
  const b = new WordBuilder();
  /** Expansions in an unquoted body: their arithmetic and subscripts are evaluated too. */
  const evaluated: Node[] = [];
  if (body) {
    const tidy = (text: string) => (dash ? stripTabs(text, b.value === '' || b.value.endsWith('\n')) : text);
    if (quoted) {
      b.literal(tidy(env.source.slice(body.startIndex, body.endIndex)), false);
    } else {
      // tree-sitter leaves backtick substitutions in heredoc text unparsed: cut them out here and
      // hand their text on to be parsed as scripts; its nodes inside them are ignored.
      const parsed = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'heredoc_content');
      let spans = backtickSpans(env.source, body.startIndex, body.endIndex, parsed);
      if (!spans) {
        env.fail('parse.syntax_error', 'an unterminated backtick in a heredoc', body);
        spans = [];
      }
      const cut = spans;
      env.inHeredoc++;
      const events = [
        ...cut.map(([start, end]) => ({ start, end, node: null as Node | null })),
        ...parsed
          .filter((c) => !cut.some(([a, z]) => c.startIndex < z && c.endIndex > a))
          .map((c) => ({ start: c.startIndex, end: c.endIndex, node: c as Node | null })),
      ].sort((x, y) => x.start - y.start);
      let pos = body.startIndex;
      let complete = true;
      for (const e of events) {
        if (e.start > pos) complete = heredocText(b, tidy(env.source.slice(pos, e.start))) && complete;
        if (e.node) {
          part(b, e.node, env, depth + 1, null);
          evaluated.push(e.node);
        } else {
          const text = env.source.slice(e.start, e.end);
          b.expansion(text);
          b.subs.push({
            kind: 'command_substitution',
            body: [],
            script: text.slice(1, text.endsWith('`') && text.length > 1 ? -1 : undefined).replace(/\\([$`\\])/g, '$1'),
          });
        }
        pos = e.end;
      }
      if (body.endIndex > pos) complete = heredocText(b, tidy(env.source.slice(pos, body.endIndex))) && complete;
      if (!complete) env.fail('parse.blind_spot', 'a substitution in a heredoc the parser did not read', body);
      env.inHeredoc--;
    }
  }
  const raw = body ? env.source.slice(body.startIndex, body.endIndex) : '';
  const evals = evaluated.length ? wordEvaluations(evaluated) : [];
  return { word: { value: b.value, static: !b.dynamic, raw }, subs: b.subs, ...(evals.length ? { evals } : {}) };
}
