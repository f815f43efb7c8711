// Shared by the tree tests (snapshot-copy, plain-tree): every shell text the tests know, and a
// syntax tree as plain data, so two trees compare with one toEqual.
import { readFileSync } from 'node:fs';
import type { SNode } from '../../src/analyze/shell/snapshot.js';
import { catalogue } from '../../src/catalogue/index.js';
import { SHELL_RULES } from '../../src/rules/shell/index.js';

export interface Plain {
  id: number;
  type: string;
  named: boolean;
  missing: boolean;
  start: number;
  end: number;
  field: string | null;
  error: boolean;
  parent: number | null;
  children: Plain[];
}

export function plain(n: SNode): Plain {
  return {
    id: n.id,
    type: n.type,
    named: n.isNamed,
    missing: n.isMissing,
    start: n.startIndex,
    end: n.endIndex,
    field: n.field,
    error: n.hasError,
    parent: n.parent?.id ?? null,
    children: n.children.map(plain),
  };
}

/** The rules' and the catalogue's examples and every input of the shell corpus. */
export function knownShellTexts(): string[] {
  const out = new Set<string>();
  for (const r of SHELL_RULES) for (const s of [...r.examples.block, ...r.examples.allow]) out.add(s);
  for (const s of catalogue()) for (const x of [...s.examples.block, ...s.examples.allow]) out.add(x);
  for (const line of readFileSync(new URL('../corpus/shell.jsonl', import.meta.url), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as { input?: string };
    if (c.input !== undefined) out.add(c.input);
  }
  return [...out];
}
