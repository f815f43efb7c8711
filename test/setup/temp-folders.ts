// vitest globalSetup: the run's temporary folders. vitest.config.ts points TMPDIR (os.tmpdir() in
// the test processes and every program they start) at one folder per run; when every test file is
// done, this teardown names what tests left in it — each leak by its folder's prefix, which says
// which helper or test made it — then removes the folder, so a run leaves nothing behind in /tmp.
// The check is reliable with parallel workers: the folder is this run's alone, and the teardown runs
// after every worker has finished. SEATBELT_TEST_STRICT_TMP=1 fails the run on a leak.
import * as fs from 'node:fs';
import path from 'node:path';

/** What was left in `dir`, grouped by name prefix (the part before the random suffix). */
export function leftovers(dir: string): Map<string, string[]> {
  const byPrefix = new Map<string, string[]>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return byPrefix;
  }
  for (const name of names.sort()) {
    const prefix = name.replace(/[-_.]?[A-Za-z0-9]{6}$/, '') || name;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), name]);
  }
  return byPrefix;
}

export default function setup(): () => void {
  const dir = process.env.SEATBELT_TEST_TMPDIR;
  return () => {
    if (!dir) return;
    const left = leftovers(dir);
    const count = [...left.values()].reduce((n, v) => n + v.length, 0);
    fs.rmSync(dir, { recursive: true, force: true });
    if (count === 0) return;
    const lines = [...left].map(
      ([prefix, names]) => `  ${prefix}: ${names.length} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`,
    );
    const message =
      `${count} temporary folder(s) were left by tests in ${dir} (removed now); the tests that make these should remove them in afterAll/afterEach:\n` +
      lines.join('\n');
    if (process.env.SEATBELT_TEST_STRICT_TMP === '1') throw new Error(message);
    process.stderr.write(`temp-folders: ${message}\n`);
  };
}

/** For tests: the run's folder, or the system's when tests run outside vitest's config. */
export const runTmpDir = (): string => process.env.SEATBELT_TEST_TMPDIR ?? path.resolve(process.env.TMPDIR ?? '/tmp');
