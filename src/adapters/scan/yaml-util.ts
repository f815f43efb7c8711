// YAML helpers shared by the CI extractors: parse keeping line numbers, and read scalars with the
// line their text starts on. Aliases and tags such as GitLab's `!reference` are left to the caller.
// The yaml package is imported lazily (only `scan` needs it): a static import would load it on
// every command, since the bundle hoists package imports.
import type { Document, Node, Scalar } from 'yaml';

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;

export interface ParsedYaml {
  doc: Document;
  lineOf(offset: number): number;
  /** The first parse error, if the file is not valid YAML. */
  error?: { line: number; message: string };
}

export async function parseYaml(text: string): Promise<ParsedYaml> {
  yaml ??= await import('yaml');
  const lc = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  const lineOf = (offset: number): number => lc.linePos(offset).line;
  const first = doc.errors[0];
  return first ? { doc, lineOf, error: { line: lineOf(first.pos[0]), message: first.message.split('\n')[0]! } } : { doc, lineOf };
}

/** The line a string scalar's content starts on (block scalars start the line after `|` / `>`). */
export function scalarLine(node: Scalar, lineOf: (o: number) => number): number {
  const start = node.range?.[0] ?? 0;
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  return lineOf(start) + (block ? 1 : 0);
}

/** Map entries of a YAML mapping node as [key, value node] pairs (keys as strings). */
export function entries(node: unknown): Array<[string, Node | null]> {
  if (!isMap(node)) return [];
  const out: Array<[string, Node | null]> = [];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key !== null) out.push([key, (pair.value as Node | null) ?? null]);
  }
  return out;
}

export function get(node: unknown, key: string): Node | null {
  for (const [k, v] of entries(node)) if (k === key) return v;
  return null;
}

export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

// Nodes exist only after parseYaml loaded the package, so before that nothing is a node.
export function isMap(node: unknown): node is import('yaml').YAMLMap {
  return yaml?.isMap(node) ?? false;
}
export function isSeq(node: unknown): node is import('yaml').YAMLSeq {
  return yaml?.isSeq(node) ?? false;
}
export function isScalar(node: unknown): node is Scalar {
  return yaml?.isScalar(node) ?? false;
}
