// The library bundled for child processes (soak and chaos writers run it with plain node): the
// same esbuild bundling as the CLI, written under node_modules/.cache so packages resolve.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WRITER = path.join(import.meta.dirname, 'writer.mjs');

/** Bundles src/ into a fresh file; returns its path and a cleanup function. */
export async function bundleLibrary(): Promise<{ file: string; remove: () => void }> {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'seatbelt-test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `lib-${process.pid}-${Date.now()}.mjs`);
  await build({
    stdin: {
      contents: "export { openSession } from './src/adapters/session.ts';",
      resolveDir: ROOT,
      sourcefile: 'faults-entry.ts',
      loader: 'ts',
    },
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { file, remove: () => rmSync(file, { force: true }) };
}
