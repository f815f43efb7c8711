// Scratch folders for tests that remove themselves: scratchDir(prefix) makes a folder under
// os.tmpdir() and removes it when the importing test file's tests are done (an afterAll registered
// when this module is imported, which runs after the file's own afterAll hooks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
