// A plain-JavaScript copy of tree-sitter's tree, taken in one pass with a tree cursor. Every
// access to a web-tree-sitter Node crosses into WebAssembly and allocates; the converter reads
// each node many times, so it reads this copy instead (several times faster, and the WASM tree
// can be freed at once).
import type { Language, Tree } from 'web-tree-sitter';

export class SNode {
  readonly children: SNode[] = [];
  /** The field name this node has in its parent (`name`, `argument`, `body`, …). */
  field: string | null = null;
  hasError = false;

  constructor(
    private readonly source: string,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: SNode | null,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get childCount(): number {
    return this.children.length;
  }
  get namedChildren(): SNode[] {
    return this.children.filter((c) => c.isNamed);
  }
  child(i: number): SNode | null {
    return this.children[i] ?? null;
  }
  fieldNameForChild(i: number): string | null {
    return this.children[i]?.field ?? null;
  }
  childForFieldName(name: string): SNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }
  childrenForFieldName(name: string): SNode[] {
    return this.children.filter((c) => c.field === name);
  }
  /** The smallest node spanning [start, end). */
  descendantForIndex(start: number, end = start + 1): SNode {
    let node: SNode = this;
    for (;;) {
      const inner = node.children.find((c) => c.startIndex <= start && end <= c.endIndex && c.endIndex > c.startIndex);
      if (!inner) return node;
      node = inner;
    }
  }
}

/** Whether each node type of a language is named, asked of the language once per type. */
const namedTypes = new WeakMap<Language, Map<number, boolean>>();

function namedType(language: Language, typeId: number): boolean {
  let known = namedTypes.get(language);
  if (!known) namedTypes.set(language, (known = new Map()));
  let named = known.get(typeId);
  if (named === undefined) known.set(typeId, (named = language.nodeTypeIsNamed(typeId)));
  return named;
}

/**
 * Copies `tree` (iteratively: error trees can be as deep as the input is long). Each question to
 * the cursor crosses into WebAssembly, so the copy asks the fewest: a node's type name and whether
 * it is named follow from its type id (as the cursor's own getters derive them), and a tree without
 * errors has no missing node (a missing node counts as an error of the tree).
 */
export function snapshot(tree: Tree, source: string): SNode {
  const cursor = tree.walk();
  const language = tree.language;
  const mayMiss = tree.rootNode.hasError;
  let id = 0;
  const make = (parent: SNode | null): SNode => {
    const typeId = cursor.nodeTypeId;
    const n = new SNode(
      source,
      id++,
      language.types[typeId] || 'ERROR',
      namedType(language, typeId),
      mayMiss && cursor.nodeIsMissing,
      cursor.startIndex,
      cursor.endIndex,
      parent,
    );
    n.field = cursor.currentFieldName;
    return n;
  };
  const root = make(null);
  const done: SNode[] = []; // post-order, to compute hasError bottom-up
  let node = root;
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = make(node);
        node.children.push(child);
        node = child;
        continue;
      }
      for (;;) {
        done.push(node);
        if (cursor.gotoNextSibling()) {
          const sibling = make(node.parent);
          node.parent!.children.push(sibling);
          node = sibling;
          break;
        }
        if (!cursor.gotoParent() || !node.parent) {
          for (const n of done) n.hasError = n.type === 'ERROR' || n.isMissing || n.children.some((c) => c.hasError);
          return root;
        }
        node = node.parent;
      }
    }
  } finally {
    cursor.delete();
  }
}
