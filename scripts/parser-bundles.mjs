// node-sql-parser's single-dialect builds, each joined with big-integer (the one package they
// require) into one file of dist/ (issue 19). A CLI run that reads MySQL (or another of these
// dialects) then loads one file beside its bundle: no search of node_modules and package.json files
// for two packages, one script compiled with its code cache (scripts/package-code-cache.mjs) instead
// of two, known by the build id on its last line instead of a SHA-256 of its text. Each package's
// code runs in a function that gives it the `module`, `exports` and `require` it would have had,
// and esbuild prints the whole with non-ASCII characters escaped (a few in the grammars' character
// classes), so V8 keeps it as a one-byte string, not a two-byte one of twice the size. The same
// grammar decides as from node_modules, which the library and the tests on src/ still load.

import { transformSync } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The builds src/analyze/sql/nsp/load.ts imports (`node-sql-parser/build/<dialect>.js`). */
export const NSP_DIALECTS = ['mysql', 'mariadb', 'sqlite', 'transactsql', 'bigquery'];

/** The folder of dist/ the joined files are in. */
export const PARSERS = 'parsers';

/** Where a dialect's file is, relative to the CLI bundles in dist/. */
export const parserBundle = (dialect) => `./${PARSERS}/node-sql-parser-${dialect}.cjs`;

/** The requires in a package file's text, to check that it asks for what is joined to it. */
const requiresIn = (text) => [...new Set([...text.matchAll(/\brequire\(\s*(["'])([^"']*)\1\s*\)/g)].map((m) => m[2]))];

/**
 * A dialect's build and big-integer (each `{ name, text }`) as the text of one CommonJS file, its
 * build id on its last line. Throws when the build requires more than big-integer, or big-integer
 * anything: what they would then need is not in the file.
 */
export function joinParser(parser, bigInteger, buildId = randomBytes(12).toString('hex')) {
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
  return `// ${parser.name} and ${bigInteger.name} (scripts/parser-bundles.mjs)\n${code}\n//# seatbelt-build ${buildId}\n`;
}

/** A file of node_modules as joinParser takes it. */
function packageFile(request) {
  const file = createRequire(path.join(ROOT, 'package.json')).resolve(request);
  return { name: path.relative(ROOT, file), text: readFileSync(file, 'utf8') };
}

/** Writes dist/parsers/node-sql-parser-<dialect>.cjs for each dialect, from scratch. */
export function bundleParsers() {
  const out = path.join(ROOT, 'dist', PARSERS);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const dialect of NSP_DIALECTS) {
    const joined = joinParser(packageFile(`node-sql-parser/build/${dialect}.js`), packageFile('big-integer'));
    writeFileSync(path.join(ROOT, 'dist', parserBundle(dialect)), joined);
  }
}

/**
 * For the CLI bundles (scripts/cached-cli.mjs): `node-sql-parser/build/<dialect>.js` becomes a
 * require of that dialect's bundle beside them. An import of a build without one fails the build.
 */
export const parserBundles = {
  name: 'parser-bundles',
  setup(b) {
    b.onResolve({ filter: /^node-sql-parser\/build\// }, (args) => {
      const dialect = /^node-sql-parser\/build\/([a-z]+)\.js$/.exec(args.path)?.[1];
      if (!dialect || !NSP_DIALECTS.includes(dialect))
        return { errors: [{ text: `${args.path} has no bundle in scripts/parser-bundles.mjs (NSP_DIALECTS)` }] };
      return { path: parserBundle(dialect), external: true };
    });
  },
};
