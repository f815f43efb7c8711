// The file I/O the analysis calls through (AnalyzeContext.readFile): a script, code or SQL file a
// command runs is read when the command is judged, so its contents are judged too. Only regular
// files up to MAX_PROGRAM_FILE_BYTES of UTF-8 text are read; anything else says why not. Opening
// never blocks (O_NONBLOCK: a named pipe is refused, not waited on).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FileRead } from '../core/types.js';
import type { TrustedFile } from '../policy/project-trust.js';

/** The largest file read for judging (1 MiB). */
export const MAX_PROGRAM_FILE_BYTES = 1024 * 1024;

/** Executable formats: ELF, Mach-O (both byte orders, 32/64-bit, universal), PE (MZ). */
const EXECUTABLE_MAGIC = [
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x4d, 0x5a],
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The reader with the operator's trusted files (`seatbelt trust FILE`, path and SHA-256 in the user
 * config): a file whose bytes are exactly the trusted ones is run without being judged.
 */
export function programFileReader(trusted: readonly TrustedFile[]): (file: string) => FileRead {
  if (!trusted.length) return readProgramFile;
  return (file) => {
    const read = readProgramFile(file);
    if (!('text' in read)) return read;
    const sha256 = createHash('sha256').update(read.text, 'utf8').digest('hex');
    const abs = path.resolve(file);
    return trusted.some((t) => path.resolve(t.path) === abs && t.sha256 === sha256)
      ? { trusted: `${file} is trusted by the operator` }
      : read;
  };
}

export function readProgramFile(path: string, limit = MAX_PROGRAM_FILE_BYTES): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { refused: 'missing', reason: `${path} does not exist` };
    if (code === 'EISDIR') return { refused: 'not_regular', reason: `${path} is a folder` };
    return { refused: 'unreadable', reason: `${path} cannot be read (${code ?? 'error'})` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { refused: 'not_regular', reason: `${path} is not a regular file` };
    if (st.size > limit) return { refused: 'too_large', reason: `${path} is larger than ${limit} bytes` };
    // Read one byte past the limit: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let got = 0;
    for (let n; got < buf.length && (n = fs.readSync(fd, buf, got, buf.length - got, got)) > 0;) got += n;
    if (got > limit) return { refused: 'too_large', reason: `${path} is larger than ${limit} bytes` };
    const bytes = buf.subarray(0, got);
    if (EXECUTABLE_MAGIC.some((m) => m.every((b, i) => bytes[i] === b)) || bytes.includes(0))
      return { refused: 'binary', reason: `${path} is a binary file` };
    try {
      return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
    } catch {
      return { refused: 'binary', reason: `${path} is not UTF-8 text` };
    }
  } catch (err) {
    return { refused: 'unreadable', reason: `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}
