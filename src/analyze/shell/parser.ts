// Lazy, once-only loading of web-tree-sitter and the bash grammar (their files: grammar-files.ts).
import { readFileSync } from 'node:fs';
import type { Parser as TsParser, Tree } from 'web-tree-sitter';
import { bashGrammarWasm, treeSitterWasm } from './grammar-files.js';

let parserPromise: Promise<TsParser> | null = null;
let loaded: TsParser | null = null;

async function load(): Promise<TsParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init({ locateFile: treeSitterWasm });
  // The grammar's bytes, not its path: given a path, web-tree-sitter imports fs/promises, which
  // starts Node's ES module loader in a CommonJS process (~12 M instructions of every parsing run).
  const bash = await Language.load(readFileSync(bashGrammarWasm()));
  const parser = new Parser();
  parser.setLanguage(bash);
  loaded = parser;
  return parser;
}

/** The shared bash parser, loaded on first use. */
export function loadShellParser(): Promise<TsParser> {
  if (!parserPromise) {
    parserPromise = load().catch((err: unknown) => {
      parserPromise = null; // allow a retry after a transient failure
      throw err;
    });
  }
  return parserPromise;
}

/** The parser if it is already loaded (synchronous access for the IR builder). */
export function loadedShellParser(): TsParser | null {
  return loaded;
}

/** True once tree-sitter has been loaded in this process. */
export function isShellParserLoaded(): boolean {
  return loaded !== null;
}

/** Parses `source`; null when the step budget ran out (the caller reports `limits.parse_timeout`). */
export function parseBash(parser: TsParser, source: string, maxSteps: number): Tree | null {
  let steps = 0;
  const tree = parser.parse(source, null, { progressCallback: () => ++steps > maxSteps });
  if (!tree) parser.reset(); // a cancelled parse would otherwise resume on the next call
  return tree;
}
