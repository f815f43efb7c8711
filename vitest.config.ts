import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// One temporary folder per run: TMPDIR for the tests and what they start; test/setup/temp-folders.ts
// names what tests left there and removes it when the run ends.
const runTmp = (process.env.SEATBELT_TEST_TMPDIR ??= mkdtempSync(path.join(tmpdir(), 'seatbelt-test-run-')));
// Like /tmp itself: tests that drop privileges (the package test runs the CLI as nobody) must reach their folders.
chmodSync(runTmp, 0o1777);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup/fast-check-seed.ts'],
    env: { TMPDIR: runTmp, SEATBELT_TEST_TMPDIR: runTmp },
    // Builds dist/ when a source is newer, so end-to-end tests never run a stale bin/seatbelt.
    globalSetup: ['test/setup/build-bundle.ts', 'test/setup/temp-folders.ts'],
  },
});
