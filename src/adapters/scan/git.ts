// The staged files for `seatbelt scan --staged` (the pre-commit hook): their names and their staged
// content (the index, not the working tree, since that is what the commit will hold). Read-only git.
import { execFileSync } from 'node:child_process';
import { SeatbeltError } from '../../core/error.js';
import { fileKind, kindByPath } from './detect.js';
import path from 'node:path';
import { MAX_SCAN_FILE_BYTES, type ScanFile } from './files.js';
import type { PathFilter } from './ignore.js';

function git(args: string[], cwd: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new SeatbeltError('IO', `git ${args[0]} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
  }
}

/**
 * Paths of the staged regular files (added, copied, modified, renamed). Submodules (mode 160000)
 * and symbolic links (120000) hold no script text and are left out.
 */
function stagedBlobs(top: string): string[] {
  // --raw -z: ":<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0" (renames off: one path each)
  const fields = git(['diff', '--cached', '--raw', '-z', '--no-renames', '--diff-filter=ACMR'], top).toString().split('\0');
  const names: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const mode = fields[i]!.split(' ')[1];
    if (mode === '100644' || mode === '100755') names.push(fields[i + 1]!);
  }
  return names;
}

export function repoTop(cwd: string): string {
  return git(['rev-parse', '--show-toplevel'], cwd).toString().trim();
}

/** The staged text of a file (its path relative to the top), or null when it is not in the index. */
export function stagedText(top: string, name: string): string | null {
  try {
    return execFileSync('git', ['cat-file', 'blob', `:${name}`], {
      cwd: top,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('utf8');
  } catch {
    return null;
  }
}

/** Reads a file another names (a Makefile's `include`) from the index, relative to the naming file's folder. */
export function stagedReader(top: string): (from: string, name: string) => { file: string; text: string } | null {
  return (from, name) => {
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(from), name));
    if (file.startsWith('../') || path.posix.isAbsolute(file)) return null;
    const text = stagedText(top, file);
    return text === null ? null : { file, text };
  };
}

export function stagedFiles(cwd: string, filter?: PathFilter): { files: ScanFile[]; excluded: number } {
  const top = repoTop(cwd);
  const out: ScanFile[] = [];
  let excluded = 0;
  for (const name of stagedBlobs(top)) {
    if (filter?.excludes(name)) {
      excluded++;
      continue;
    }
    const size = Number(
      git(['cat-file', '-s', `:${name}`], top)
        .toString()
        .trim(),
    );
    if (size > MAX_SCAN_FILE_BYTES) {
      const source = kindByPath(name); // a large file of no known kind (an image, a data file) is not a script
      if (source)
        out.push({
          display: name,
          text: null,
          kind: fileKind(name, '')!,
          error: `too large to scan (${size} bytes, limit ${MAX_SCAN_FILE_BYTES})`,
        });
      continue;
    }
    const blob = git(['cat-file', 'blob', `:${name}`], top);
    const kind = fileKind(name, blob.subarray(0, 256).toString('utf8'));
    if (kind) out.push({ display: name, text: blob.toString('utf8'), kind });
  }
  return { files: out, excluded };
}
