// The tree copy (src/analyze/shell/snapshot.ts) asks the cursor fewer questions than it could: it
// takes a node's type name and whether it is named from its type id, and asks about missing nodes
// only in trees with errors. Over every shell text the tests know, and scripts that do not parse,
// the copy equals one made with every one of the cursor's own getters.
import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { loadShellParser } from '../../src/analyze/shell/parser.js';
import { snapshot } from '../../src/analyze/shell/snapshot.js';
import { knownShellTexts, plain, type Plain } from './shell-trees.js';

/** The copy made the long way: every getter of the cursor, recursively (ids in the order visited). */
function reference(tree: Tree): Plain {
  const cursor = tree.walk();
  let id = 0;
  const visit = (parent: number | null): Plain => {
    const node: Plain = {
      // In plain()'s key order: the two are compared as JSON.
      id: id++,
      type: cursor.nodeType,
      named: cursor.nodeIsNamed,
      missing: cursor.nodeIsMissing,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: cursor.currentFieldName,
      error: false,
      parent,
      children: [],
    };
    if (cursor.gotoFirstChild()) {
      do node.children.push(visit(node.id));
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    node.error = node.type === 'ERROR' || node.missing || node.children.some((c) => c.error);
    return node;
  };
  try {
    return visit(null);
  } finally {
    cursor.delete();
  }
}

function texts(): string[] {
  const out = new Set(knownShellTexts());
  // Scripts that do not parse: error and missing nodes.
  for (const s of [
    'if true; then echo x',
    'echo "unterminated',
    '(ls',
    'for x in; do echo; done',
    'a && ',
    'case x in',
    '$(',
    'f() {',
    '[[ -f x ]',
  ])
    out.add(s);
  return [...out];
}

describe('the tree copy', () => {
  it('equals the copy made with every cursor getter', async () => {
    const parser = await loadShellParser();
    const differ: string[] = [];
    let errors = 0;
    for (const text of texts()) {
      const tree = parser.parse(text);
      if (!tree) continue;
      try {
        if (tree.rootNode.hasError) errors++;
        if (JSON.stringify(plain(snapshot(tree, text))) !== JSON.stringify(reference(tree))) differ.push(text);
      } finally {
        tree.delete();
      }
    }
    expect(differ).toEqual([]);
    expect(errors).toBeGreaterThan(5);
  }, 120_000);
});
