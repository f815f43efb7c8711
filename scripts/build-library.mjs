// The library's part of the build (scripts/build.mjs): its entries, its type declarations, and
// whether dist/ needs building at all.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** dist/lib/<name>.mjs ← source; package.json's `exports` names the same files. */
export const LIBRARY_ENTRIES = {
  index: 'src/index.ts',
  'ai-sdk': 'src/library/adapters/ai-sdk.ts',
  'openai-agents': 'src/library/adapters/openai-agents.ts',
  langchain: 'src/library/adapters/langchain.ts',
  mcp: 'src/library/adapters/mcp.ts',
};

const TYPES = path.join(ROOT, 'dist', 'types');

/**
 * tsc writes a declaration for every module the entries reach, internal ones included (186 files);
 * keep only those the public declarations import, so the package ships what its types need.
 */
export function emitTypes() {
  rmSync(TYPES, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status ?? r.signal})`);
  const entries = Object.values(LIBRARY_ENTRIES).map((src) => path.join(TYPES, path.relative('src', src).replace(/\.ts$/, '.d.ts')));
  const keep = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop();
    if (keep.has(file)) continue;
    keep.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.d.ts'));
      if (!existsSync(target)) throw new Error(`${path.relative(ROOT, file)} imports ${m[1]}, which has no declaration`);
      queue.push(target);
    }
  }
  prune(TYPES, keep);
}

function prune(dir, keep) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(p, keep);
      if (readdirSync(p).length === 0) rmSync(p, { recursive: true });
    } else if (!keep.has(p)) rmSync(p);
  }
}

const OUTPUTS = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'build-outputs.json'), 'utf8')).outputs;
const INPUTS = ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestIn(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestIn(path.join(p, name))));
}

/** True when an output is missing or older than an input. */
export function isStale({ withTypes }) {
  const outputs = withTypes ? [...OUTPUTS, 'dist/types/index.d.ts'] : OUTPUTS;
  let oldest = Infinity;
  for (const rel of outputs) {
    const st = statSync(path.join(ROOT, rel), { throwIfNoEntry: false });
    if (!st) return true;
    oldest = Math.min(oldest, st.mtimeMs);
  }
  return Math.max(...INPUTS.map((rel) => newestIn(path.join(ROOT, rel)))) > oldest;
}
