// A short answer written straight to fd 1 or 2. Node makes process.stdout and process.stderr on
// first use, and setting one up (its tty, pipe or file stream) costs ~1 ms of a command that prints
// one line (`check`, `sql`, a host hook). On Linux those streams write synchronously anyway, so the
// order of what a command prints does not change.
import fs from 'node:fs';

/**
 * Writes `text` to fd 1 or 2 now. A reader that went away (EPIPE) gets nothing, as from the stream
 * (cli/program.ts quiets it); a non-blocking pipe that is full (EAGAIN) gets the rest through the stream.
 */
export function writeNow(fd: 1 | 2, text: string): void {
  if (text === '') return;
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
    else if (code !== 'EPIPE') throw err;
  }
}
