// Bundles the CLI into one unminified ESM file. Parsers and heavy packages stay external so they
// are loaded lazily (dynamic import) only on the paths that need them.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/adapters/cli/entry.ts'],
  outfile: 'dist/seatbelt.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  packages: 'external',
  logLevel: 'warning',
});

// verify's signature-checking worker threads (src/audit/verify-parallel.ts): a small bundle of its
// own beside seatbelt.mjs, so a worker never loads the CLI.
await build({
  entryPoints: ['src/audit/verify-worker.ts'],
  outfile: 'dist/verify-worker.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
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

// bin/seatbelt runs the CLI as CommonJS with a V8 code cache made here (see scripts/cached-cli.mjs).
const { buildCachedCli } = await import('./cached-cli.mjs');
await buildCachedCli();
