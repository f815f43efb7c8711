// vitest globalSetup: build dist/ once, before any test file runs, unless it is already newer than
// every source (`npm test` builds first, so this is usually one cheap walk of src/). A failed build
// fails the run here, loudly, instead of letting end-to-end tests run an old bin/seatbelt.
import { ensureBundle } from './bundle.js';

export default function setup(): void {
  // Unit tests alone (no bin/seatbelt) can run while another change leaves the build broken; the
  // end-to-end helpers still refuse a stale bundle.
  if (process.env.SEATBELT_TEST_NO_BUILD === '1') return;
  const t0 = Date.now();
  const { built } = ensureBundle();
  if (built) process.stderr.write(`globalSetup: dist/ was stale, rebuilt with node scripts/build.mjs in ${Date.now() - t0} ms\n`);
}
