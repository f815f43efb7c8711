import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup/fast-check-seed.ts'],
    // Builds dist/ when a source is newer, so end-to-end tests never run a stale bin/seatbelt.
    globalSetup: ['test/setup/build-bundle.ts'],
  },
});
