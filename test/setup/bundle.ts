// Is dist/ built from the current sources? End-to-end tests run bin/seatbelt, which runs the bundle
// in dist/, not src/: a test against a stale bundle tests code that no longer exists. Cheap on
// purpose (a walk of src/ comparing modification times), since `npm test` has just built.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** What scripts/build.mjs writes (bin/seatbelt runs seatbelt.cjs; seatbelt.mjs is its fallback). */
const OUTPUTS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'build-outputs.json'), 'utf8')) as { outputs: string[] }).outputs;
/** What the bundle is made from, besides src/. */
const BUILD_SCRIPTS = [
  'scripts/build.mjs',
  'scripts/cached-cli.mjs',
  'scripts/snapshot.mjs',
  'scripts/snapshot-code-cache.mjs',
  'scripts/snapshot-node-warm-up.mjs',
  'scripts/package-code-cache.mjs',
  'scripts/parser-bundles.mjs',
  'scripts/build-outputs.json',
  'scripts/catalogue-data.mjs',
  'scripts/rules-without-examples.mjs',
];

function newest(dir: string, best: { file: string; mtimeMs: number }): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest(p, best);
    else {
      const m = fs.statSync(p).mtimeMs;
      if (m > best.mtimeMs) Object.assign(best, { file: p, mtimeMs: m });
    }
  }
}

/** Null when dist/ under `root` is newer than every source; otherwise why it is not. */
export function staleBundle(root = ROOT): string | null {
  let oldest: { file: string; mtimeMs: number } | null = null;
  for (const rel of OUTPUTS) {
    const p = path.join(root, rel);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(p).mtimeMs;
    } catch {
      return `${rel} is missing`;
    }
    if (!oldest || mtimeMs < oldest.mtimeMs) oldest = { file: rel, mtimeMs };
  }
  const src = { file: '', mtimeMs: 0 };
  newest(path.join(root, 'src'), src);
  for (const rel of BUILD_SCRIPTS) {
    const m = fs.statSync(path.join(root, rel)).mtimeMs;
    if (m > src.mtimeMs) Object.assign(src, { file: path.join(root, rel), mtimeMs: m });
  }
  return src.mtimeMs > oldest!.mtimeMs ? `${path.relative(root, src.file)} is newer than ${oldest!.file}` : null;
}

/**
 * Throws unless bin/seatbelt runs a bundle built from the current sources. End-to-end helpers call
 * it before spawning the binary; checked once per test file (each file runs in its own process).
 */
let checked = false;
export function assertFreshBundle(root = ROOT): void {
  if (checked) return;
  const why = staleBundle(root);
  if (why !== null) {
    throw new Error(
      `refusing to test bin/seatbelt against a stale bundle (${why}): run \`node scripts/build.mjs\`, or run the tests through vitest's globalSetup, which builds`,
    );
  }
  checked = true;
}

/** Builds dist/ unless it is current; one build at a time across processes (a folder lock). */
export function ensureBundle(root = ROOT): { built: boolean } {
  if (staleBundle(root) === null) return { built: false };
  const lock = path.join(root, '.tmp', 'build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 180 s for ${lock}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (staleBundle(root) === null) return { built: false }; // another process built it meanwhile
    // A source saved during the build leaves dist/ stale again: build once more, then give up.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
      } catch (err) {
        const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
        throw new Error(
          `node scripts/build.mjs failed, so bin/seatbelt cannot be tested:\n${String(e.stderr ?? '')}${String(e.stdout ?? '')}\n${e.message}`,
        );
      }
      const why = staleBundle(root);
      if (why === null) return { built: true };
      if (attempt === 2)
        throw new Error(`dist/ is still stale after node scripts/build.mjs (${why}): are sources being edited during the build?`);
    }
  } finally {
    fs.rmdirSync(lock);
  }
}
