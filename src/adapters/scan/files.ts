// Finds the files a scan reads: the paths given (folders are walked, `.git` and `node_modules`
// skipped, symbolic links not followed, `--exclude` and `.seatbeltignore` globs left out), each
// with the extractor that reads it.
import fs from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import { fileKind, kindByPath, type FileKind } from './detect.js';
import type { PathFilter } from './ignore.js';

export const MAX_SCAN_FILE_BYTES = 2 * 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules']);

export interface ScanFile {
  /** Shown to the user: relative to the working folder, forward slashes. */
  display: string;
  text: string | null;
  kind: FileKind;
  /** Why the text is null (too large, unreadable). */
  error?: string;
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

function readHead(abs: string): string {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = fs.readSync(fd, buf, 0, 256, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function load(abs: string, cwd: string, size: number): ScanFile | null {
  const shown = display(abs, cwd);
  const byPath = kindByPath(abs); // the absolute path: `ci.yml` seen from inside .github/workflows is still a workflow
  let head = '';
  if (!byPath) {
    try {
      head = readHead(abs);
    } catch {
      return null; // unreadable and of no known kind: nothing to scan
    }
  }
  const kind = fileKind(abs, head);
  if (!kind) return null;
  if (size > MAX_SCAN_FILE_BYTES)
    return { display: shown, text: null, kind, error: `too large to scan (${size} bytes, limit ${MAX_SCAN_FILE_BYTES})` };
  try {
    return { display: shown, text: fs.readFileSync(abs, 'utf8'), kind };
  } catch (err) {
    return { display: shown, text: null, kind, error: `cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The files to scan; `ignored` lists named files of no kind scan reads, `excluded` counts those the filter left out. */
export function collectFiles(
  paths: string[],
  cwd: string,
  filter?: PathFilter,
): { files: ScanFile[]; ignored: string[]; excluded: number } {
  const out: ScanFile[] = [];
  const ignored: string[] = [];
  let excluded = 0;
  const left = (abs: string, isDir: boolean): boolean => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    if (!filter || filter.empty || rel === '' || rel.startsWith('../')) return false;
    if (filter.excludes(rel, isDir)) return (excluded++, true);
    return false;
  };
  const walk = (abs: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      throw new SeatbeltError('IO', `cannot read folder ${display(abs, cwd)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const child = path.join(abs, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !left(child, true)) walk(child);
      } else if (e.isFile() && !left(child, false)) {
        const f = load(child, cwd, fs.statSync(child).size);
        if (f) out.push(f);
      }
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new SeatbeltError('IO', `no such file or folder: ${p}`);
    }
    if (left(abs, st.isDirectory())) continue;
    if (st.isDirectory()) walk(abs);
    else {
      const f = load(abs, cwd, st.size);
      if (f) out.push(f);
      else ignored.push(display(abs, cwd));
    }
  }
  return { files: out, ignored, excluded };
}

/** Reads a file another names (a Makefile's `include`), relative to the naming file's folder; null when it cannot. */
export function diskReader(cwd: string): (from: string, name: string) => { file: string; text: string } | null {
  return (from, name) => {
    const abs = path.resolve(cwd, path.dirname(from), name);
    try {
      const st = fs.statSync(abs);
      if (!st.isFile() || st.size > MAX_SCAN_FILE_BYTES) return null;
      return { file: display(abs, cwd), text: fs.readFileSync(abs, 'utf8') };
    } catch {
      return null;
    }
  };
}
