// Makes sure dist/ (the CLI bundle and the report's browser script) is built from the current
// sources before a test spawns bin/seatbelt or renders a report. `npm test` builds first; this
// covers `npx vitest run test/audit-ops`. A directory lock keeps two test files from building at once.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUTS = ['dist/seatbelt.mjs', 'dist/report-page.js'].map((p) => path.join(ROOT, p));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  if (!OUTPUTS.every((p) => fs.existsSync(p))) return false;
  const built = Math.min(...OUTPUTS.map((p) => fs.statSync(p).mtimeMs));
  return built >= Math.max(newestSource(path.join(ROOT, 'src')), fs.statSync(path.join(ROOT, 'scripts/build.mjs')).mtimeMs);
}

export function ensureBuilt(): void {
  if (fresh()) return;
  const lock = path.join(ROOT, '.tmp', 'build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 120 s for ${lock}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  } finally {
    fs.rmdirSync(lock);
  }
}
