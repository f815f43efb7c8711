// Bundles the library (src/) for in-process benchmarks and the trail generator, the same way the
// CLI is bundled (esbuild, packages external). Written under node_modules/.cache so that the
// external packages resolve from there and nothing lands in the source tree.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CACHE = path.join(ROOT, 'node_modules', '.cache', 'seatbelt-bench');

export async function bundleLibrary() {
  mkdirSync(CACHE, { recursive: true });
  const outfile = path.join(CACHE, 'lib.mjs');
  await build({
    stdin: {
      contents: [
        "export { openSession } from './src/adapters/session.ts';",
        "export * as append from './src/audit/append.ts';",
        "export * as keys from './src/audit/keys.ts';",
        "export * as envelope from './src/audit/envelope.ts';",
        "export * as seal from './src/audit/seal.ts';",
        "export * as uuid from './src/audit/uuid.ts';",
        "export * as verify from './src/audit/verify.ts';",
        "export * as verifyParallel from './src/audit/verify-parallel.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
