// Reading a stretch of an open file whole: one readSync may return fewer bytes than asked (a
// large read, a signal), so read until the stretch is in or the file ends.
import * as fs from 'node:fs';

/** The bytes [from, to) of an open file; fewer when the file ends first (the caller decides whether that is an error). */
export function readRange(fd: number, from: number, to: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.max(0, to - from));
  let got = 0;
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, from + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}
