// The staged files for `seatbelt scan --staged` (the pre-commit hook): their names and their staged
// content (the index, not the working tree, since that is what the commit will hold). Read-only git.
import { execFileSync } from 'node:child_process';
import { SeatbeltError } from '../../core/error.js';
import { fileKind, kindByPath } from './detect.js';
import { MAX_SCAN_FILE_BYTES, type ScanFile } from './files.js';

function git(args: string[], cwd: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new SeatbeltError('IO', `git ${args[0]} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
  }
}

export function stagedFiles(cwd: string): ScanFile[] {
  const top = git(['rev-parse', '--show-toplevel'], cwd).toString().trim();
  const names = git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], top).toString().split('\0').filter(Boolean);
  const out: ScanFile[] = [];
  for (const name of names) {
    const size = Number(git(['cat-file', '-s', `:${name}`], top).toString().trim());
    if (size > MAX_SCAN_FILE_BYTES) {
      const source = kindByPath(name); // a large file of no known kind (an image, a data file) is not a script
      if (source) out.push({ display: name, text: null, kind: fileKind(name, '')!, error: `too large to scan (${size} bytes, limit ${MAX_SCAN_FILE_BYTES})` });
      continue;
    }
    const blob = git(['cat-file', 'blob', `:${name}`], top);
    const kind = fileKind(name, blob.subarray(0, 256).toString('utf8'));
    if (kind) out.push({ display: name, text: blob.toString('utf8'), kind });
  }
  return out;
}
