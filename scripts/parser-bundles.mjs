// The parsers' JavaScript as files of dist/parsers, which the CLI bundles require beside them
// (issue 19). A CLI run that parses SQL or shell then loads one file: no search of node_modules and
// package.json files for its packages, one script compiled with its code cache
// (scripts/package-code-cache.mjs) instead of several, known by the build id on its last line
// instead of a SHA-256 of its text, and in a snapshot run without Node's module loader. esbuild
// prints each with non-ASCII characters escaped (a few in node-sql-parser's character classes), so
// V8 keeps it as a one-byte string, not a two-byte one of twice the size.
// - node-sql-parser's single-dialect builds, each joined with big-integer, the one package they
//   require: each package's code runs in a function that gives it the `module`, `exports` and
//   `require` it would have had.
// - libpg-query's, with @pgsql/types, bundled by esbuild, and its WebAssembly module copied beside
//   it, where its emscripten code looks for it (its own folder);
// - web-tree-sitter's CommonJS build, with its runtime's and the bash grammar's WebAssembly
//   modules beside it (src/analyze/shell/grammar-files.ts).
// The same grammars decide as from node_modules, which the library and the tests on src/ still load.

import { buildSync, transformSync } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The builds src/analyze/sql/nsp/load.ts imports (`node-sql-parser/build/<dialect>.js`). */
export const NSP_DIALECTS = ['mysql', 'mariadb', 'sqlite', 'transactsql', 'bigquery'];

/** The folder of dist/ the parser files are in. */
export const PARSERS = 'parsers';

/** Where a dialect's file is, relative to the CLI bundles in dist/. */
export const parserBundle = (dialect) => `./${PARSERS}/node-sql-parser-${dialect}.cjs`;

/**
 * The packages bundled whole, by the name the sources import, each with its file relative to the CLI
 * bundles in dist/ and the files of the package copied beside it.
 */
export const PACKAGES = {
  'libpg-query': {
    file: `./${PARSERS}/libpg-query.cjs`,
    about: 'libpg-query with @pgsql/types',
    beside: ['libpg-query/wasm/libpg-query.wasm'],
  },
  'web-tree-sitter': {
    file: `./${PARSERS}/web-tree-sitter.cjs`,
    about: "web-tree-sitter's CommonJS build",
    // where src/analyze/shell/grammar-files.ts finds them in the CLI bundles
    beside: ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'],
  },
};

/**
 * The build id line the build ends the CLI bundles and these files with: it names their very text
 * for their code caches (bin/seatbelt, scripts/package-code-cache.mjs).
 */
export const buildIdLine = (buildId = randomBytes(12).toString('hex')) => `//# seatbelt-build ${buildId}\n`;

/** The requires in a package file's text, to check that it asks for what is joined to it. */
const requiresIn = (text) => [...new Set([...text.matchAll(/\brequire\(\s*(["'])([^"']*)\1\s*\)/g)].map((m) => m[2]))];

/**
 * A dialect's build and big-integer (each `{ name, text }`) as the text of one CommonJS file, its
 * build id on its last line. Throws when the build requires more than big-integer, or big-integer
 * anything: what they would then need is not in the file.
 */
export function joinParser(parser, bigInteger, buildId) {
  const asked = requiresIn(parser.text);
  if (asked.join() !== 'big-integer' || requiresIn(bigInteger.text).length > 0)
    throw new Error(
      `seatbelt build: ${parser.name} requires ${asked.join(', ') || 'nothing'} and ${bigInteger.name} ${requiresIn(bigInteger.text).join(', ') || 'nothing'}, where big-integer alone is joined; update scripts/parser-bundles.mjs`,
    );
  const joined = [
    'var __bigInteger = { exports: {} };',
    '(function (module, exports) {',
    bigInteger.text,
    '}).call(__bigInteger.exports, __bigInteger, __bigInteger.exports);',
    '(function (require) {',
    parser.text,
    "}).call(exports, function (id) { return id === 'big-integer' ? __bigInteger.exports : require(id); });",
  ].join('\n');
  const { code } = transformSync(joined, { loader: 'js', charset: 'ascii', minifyWhitespace: true, legalComments: 'none' });
  // The build id names this very text for its code cache (scripts/package-code-cache.mjs).
  return `// ${parser.name} and ${bigInteger.name} (scripts/parser-bundles.mjs)\n${code}\n${buildIdLine(buildId)}`;
}

/** A file of node_modules as joinParser takes it. */
function packageFile(request) {
  const file = createRequire(path.join(ROOT, 'package.json')).resolve(request);
  return { name: path.relative(ROOT, file), text: readFileSync(file, 'utf8') };
}

/** Writes a package's file of PACKAGES, bundled, and copies its files beside it. */
function bundlePackage(name, { file, about, beside }) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const out = path.join(ROOT, 'dist', file);
  const { outputFiles } = buildSync({
    entryPoints: [require.resolve(name)],
    outfile: out,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'ascii',
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(out, `// ${about} (scripts/parser-bundles.mjs)\n${outputFiles[0].text}\n${buildIdLine()}`);
  for (const request of beside) copyFileSync(require.resolve(request), path.join(path.dirname(out), path.basename(request)));
}

/** Writes dist/parsers from scratch: node-sql-parser-<dialect>.cjs for each dialect, and PACKAGES. */
export function bundleParsers() {
  const out = path.join(ROOT, 'dist', PARSERS);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const dialect of NSP_DIALECTS) {
    const joined = joinParser(packageFile(`node-sql-parser/build/${dialect}.js`), packageFile('big-integer'));
    writeFileSync(path.join(ROOT, 'dist', parserBundle(dialect)), joined);
  }
  for (const [name, pkg] of Object.entries(PACKAGES)) bundlePackage(name, pkg);
}

/** For the CLI bundles' `define`: the folder grammar-files.ts finds the shell parser's files in. */
export const PARSERS_DEFINE = { __SEATBELT_PARSERS__: JSON.stringify(`./${PARSERS}/`) };

/**
 * For the CLI bundles (scripts/cached-cli.mjs): PACKAGES and `node-sql-parser/build/<dialect>.js`
 * become requires of their files beside them. An import of a build without one fails the build.
 */
export const parserBundles = {
  name: 'parser-bundles',
  setup(b) {
    b.onResolve({ filter: /^(libpg-query|web-tree-sitter)$/ }, (args) => ({ path: PACKAGES[args.path].file, external: true }));
    b.onResolve({ filter: /^node-sql-parser\/build\// }, (args) => {
      const dialect = /^node-sql-parser\/build\/([a-z]+)\.js$/.exec(args.path)?.[1];
      if (!dialect || !NSP_DIALECTS.includes(dialect))
        return { errors: [{ text: `${args.path} has no bundle in scripts/parser-bundles.mjs (NSP_DIALECTS)` }] };
      return { path: parserBundle(dialect), external: true };
    });
  },
};
