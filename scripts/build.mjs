// Bundles the CLI into one unminified ESM file. Parsers and heavy packages stay external so they
// are loaded lazily (dynamic import) only on the paths that need them.
//   --types     also emit the library's type declarations (dist/types), as a package needs
//   --if-stale  do nothing when every output is newer than every input (npm pack runs prepack,
//               then prepare: the second build would redo the first)
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { emitTypes, isStale, LIBRARY_ENTRIES } from './build-library.mjs';
import { catalogueAsData, writeCatalogueJson } from './catalogue-data.mjs';

const flags = new Set(process.argv.slice(2));
const withTypes = flags.has('--types');
if (flags.has('--if-stale') && !isStale({ withTypes })) {
  console.error('seatbelt build: dist/ is up to date');
  process.exit(0);
}

// The catalogue's specs as data, read by every bundle below on first use (scripts/catalogue-data.mjs).
mkdirSync('dist', { recursive: true });
// What a process killed between writing and renaming left behind (the code cache a run without the
// snapshot writes, the parsers' caches, a blob): nothing reads these names.
for (const name of readdirSync('dist')) if (/\.\d+\.tmp$/.test(name)) rmSync(path.join('dist', name), { recursive: true, force: true });
await writeCatalogueJson(process.cwd(), 'dist/catalogue.data');

await build({
  entryPoints: ['src/adapters/cli/entry.ts'],
  outfile: 'dist/seatbelt.mjs',
  plugins: [catalogueAsData],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  packages: 'external',
  logLevel: 'warning',
});

// Two small bundles of their own beside seatbelt.mjs, each without the CLI's engine:
// - verify-worker.mjs: verify's signature-checking worker threads (src/audit/verify-parallel.ts);
// - verify-cli.mjs: `seatbelt verify` alone (src/adapters/cli/verify-main.ts), which bin/seatbelt
//   runs for verify, so a long trail's verify keeps its memory for the trail.
// No splitting: each file stands alone (the worker is loaded by path).
await build({
  entryPoints: { 'verify-worker': 'src/audit/verify-worker.ts', 'verify-cli': 'src/adapters/cli/verify-main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  packages: 'external',
  logLevel: 'warning',
});

// The hook client (src/adapters/daemon/client.ts): what bin/seatbelt runs for a host hook when
// SEATBELT_DAEMON=1. CommonJS and small, since it starts at every tool call; the whole CLI loads
// only when it decides without the daemon.
await build({
  entryPoints: ['src/adapters/daemon/client-main.ts'],
  outfile: 'dist/daemon-client.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  packages: 'external',
  logLevel: 'warning',
});

// The HTML report's in-browser verifier (src/audit/browser/page.ts with @noble/ed25519 and
// @noble/hashes), one IIFE that `seatbelt audit report` inlines. Shared modules import node:crypto
// for things the page never calls (uuidv7's randomness): those imports resolve to a stub that throws.
await build({
  entryPoints: ['src/audit/browser/page.ts'],
  outfile: 'dist/report-page.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome100',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'no-node-in-browser',
      setup(b) {
        b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
        b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
          contents: `const no = () => { throw new Error(${JSON.stringify(args.path)} + ' is not available in the browser'); }; export const randomBytes = no, createHash = no; export default {};`,
          loader: 'js',
        }));
      },
    },
  ],
});

// The library (`import … from 'seatbelt'`) and its adapters (seatbelt/ai-sdk, …): ES modules
// that share chunks, so GovernanceBlocked is one class whichever entry a program imports, and an
// import pulls in only what it uses. Packages stay external: the parsers load on the first
// decision that needs one, and an adapter's framework is the program's own (a peer). Chunk names
// change with their content: start from an empty folder so old ones do not pile up.
rmSync('dist/lib', { recursive: true, force: true });
await build({
  entryPoints: LIBRARY_ENTRIES,
  outdir: 'dist/lib',
  plugins: [catalogueAsData],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  packages: 'external',
  logLevel: 'warning',
});

// The parsers the CLI bundles below load from dist/parsers (see scripts/parser-bundles.mjs).
const { bundleParsers } = await import('./parser-bundles.mjs');
bundleParsers();

// bin/seatbelt runs the CLI as CommonJS with a V8 code cache made here (see scripts/cached-cli.mjs).
const { buildCachedCli } = await import('./cached-cli.mjs');
await buildCachedCli();
// ...and, where this node can make one, from a V8 start-up snapshot of it (see scripts/snapshot.mjs).
const { buildSnapshot } = await import('./snapshot.mjs');
buildSnapshot();

if (withTypes) emitTypes();
