// Where the shell parser's WebAssembly files are. The CLI bundles carry copies beside them in
// dist/parsers (scripts/parser-bundles.mjs) and name that folder at build time: there a file is
// found without Node's resolution of the package's `exports`, whose functions a snapshot run has
// not compiled yet (~2 ms of a first parse, measured). Anywhere else (the library, the tests on
// src/) the files are the packages' own in node_modules.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The dist/parsers folder relative to the bundle, defined by the CLI build only. */
declare const __SEATBELT_PARSERS__: string | undefined;

function grammarFile(pkg: string, file: string): string {
  if (typeof __SEATBELT_PARSERS__ === 'string') return fileURLToPath(new URL(`${__SEATBELT_PARSERS__}${file}`, import.meta.url));
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

/** web-tree-sitter's runtime. */
export const treeSitterWasm = (): string => grammarFile('web-tree-sitter', 'tree-sitter.wasm');

/** The bash grammar. */
export const bashGrammarWasm = (): string => grammarFile('tree-sitter-bash', 'tree-sitter-bash.wasm');
