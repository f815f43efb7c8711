// The installed seatbelt's build id: the nonce the build writes on the last line of
// dist/seatbelt.cjs (scripts/cached-cli.mjs). The hook client and the daemon each read it, so a
// daemon started before an upgrade is never asked to judge for the new seatbelt.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const TAIL = 120;

/** The build id of the bundle at `file`, or null when it has none (not a built seatbelt) or cannot be read. */
export function bundleBuildId(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(TAIL, size));
    const got = readSync(fd, buf, 0, buf.length, size - buf.length);
    const m = /\/\/# seatbelt-build ([0-9a-f]{16,})\s*$/.exec(buf.subarray(0, got).toString('latin1'));
    return m ? m[1]! : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
