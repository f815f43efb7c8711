// Durability helpers shared by the writers of the trail and of the keys.
import * as fs from 'node:fs';

/** fsync a folder, so a file just created in it survives a crash. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    // Some file systems refuse fsync on a directory (EINVAL/EISDIR); durability of the entry is then
    // up to the file system.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
