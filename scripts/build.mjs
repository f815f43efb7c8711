// Bundles the CLI into one unminified ESM file. Parsers and heavy packages stay external so they
// are loaded lazily (dynamic import) only on the paths that need them.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/adapters/cli/main.ts'],
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
