// The rules' examples are for the tests (every rule's `examples` are run through the engine there);
// nothing at run time reads them. In the CLI bundle (and so in its start-up snapshot) they were
// ~2,500 of the heap's objects and ~120 KB of its source, deserialised at every start. This esbuild
// plugin empties them there: each `examples: { … }` in src/rules/** whose value is made of literals
// only becomes `examples: { block: [], allow: [] }`, the same shape. A value that is not plain
// literals (built from variables, say) is left as it is.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const EMPTY = '{ block: [], allow: [] }';

/** Whether `node` is a literal made of literals only: strings, numbers, booleans, null, arrays and objects of them. */
function isPlainLiteral(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    case ts.SyntaxKind.ArrayLiteralExpression:
      return node.elements.every(isPlainLiteral);
    case ts.SyntaxKind.ObjectLiteralExpression:
      return node.properties.every(
        (p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isPlainLiteral(p.initializer),
      );
    default:
      return false;
  }
}

/** `text` (a rule module) with its literal examples emptied; the same text when it has none. */
export function withoutExamples(text, fileName) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans = [];
  const visit = (node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'examples' &&
      ts.isObjectLiteralExpression(node.initializer) &&
      isPlainLiteral(node.initializer)
    ) {
      spans.push([node.initializer.getStart(source), node.initializer.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const [from, to] of spans.reverse()) out = out.slice(0, from) + EMPTY + out.slice(to);
  return out;
}

export const rulesWithoutExamples = {
  name: 'rules-without-examples',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]rules[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return text.includes('examples') ? { contents: withoutExamples(text, args.path), loader: 'ts' } : undefined;
    });
  },
};
