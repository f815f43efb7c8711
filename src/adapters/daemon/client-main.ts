// The entry of dist/daemon-client.cjs (see client.ts). A client that fails in itself blocks the
// call (exit 2 blocks in every host): it never lets a tool call through undecided.
import { runClient } from './client.js';

runClient().catch((err: unknown) => {
  process.stderr.write(`seatbelt: refused: the hook client failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
