// The tree copy (src/analyze/shell/snapshot.ts) asks the cursor fewer questions than it could: it
// takes a node's type name and whether it is named from its type id, and asks about missing nodes
// only in trees with errors. Over every shell text the tests know, and scripts that do not parse,
// the copy equals one made with every one of the cursor's own getters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { loadShellParser } from '../../src/analyze/shell/parser.js';
import { snapshot, type SNode } from '../../src/analyze/shell/snapshot.js';
import { catalogue } from '../../src/catalogue/index.js';
import { SHELL_RULES } from '../../src/rules/shell/index.js';

interface Plain {
  type: string;
  named: boolean;
  missing: boolean;
  start: number;
  end: number;
  field: string | null;
  error: boolean;
  children: Plain[];
}

/** The copy made the long way: every getter of the cursor, recursively. */
function reference(tree: Tree): Plain {
  const cursor = tree.walk();
  const visit = (): Plain => {
    const node: Plain = {
      type: cursor.nodeType,
      named: cursor.nodeIsNamed,
      missing: cursor.nodeIsMissing,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: cursor.currentFieldName,
      error: false,
      children: [],
    };
    if (cursor.gotoFirstChild()) {
      do node.children.push(visit());
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    node.error = node.type === 'ERROR' || node.missing || node.children.some((c) => c.error);
    return node;
  };
  try {
    return visit();
  } finally {
    cursor.delete();
  }
}

function plain(n: SNode): Plain {
  return {
    type: n.type,
    named: n.isNamed,
    missing: n.isMissing,
    start: n.startIndex,
    end: n.endIndex,
    field: n.field,
    error: n.hasError,
    children: n.children.map(plain),
  };
}

function texts(): string[] {
  const out = new Set<string>();
  for (const r of SHELL_RULES) for (const s of [...r.examples.block, ...r.examples.allow]) out.add(s);
  for (const s of catalogue()) for (const x of [...s.examples.block, ...s.examples.allow]) out.add(x);
  for (const line of readFileSync(new URL('../corpus/shell.jsonl', import.meta.url), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as { input?: string };
    if (c.input !== undefined) out.add(c.input);
  }
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
