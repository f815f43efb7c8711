// What the scan extractors return: the commands a file will run later, each with where it sits.
import type { Action } from '../../core/types.js';
import type { Placeholders } from './placeholders.js';

export type ScanSource = 'github-actions' | 'gitlab-ci' | 'makefile' | 'dockerfile' | 'package.json' | 'shell-script';

/** One command (or script) found in a file, to be judged as it will run. */
export interface ExtractedCommand {
  /** The file's path as shown to the user (relative to the scan root, forward slashes). */
  file: string;
  /** 1-based line where the command's text starts. */
  line: number;
  source: ScanSource;
  action: Action;
  /** Where in the file, for the reader: `jobs.build.steps[2].run`, `target "clean"`, `scripts.test`. */
  where: string;
  /**
   * Offsets in the script text where each following source line starts (`offsets[k]` is line
   * `line + k`), when the script is not a verbatim copy of the lines (a Dockerfile joins its
   * continuations). Absent: the script's own newlines map 1:1 to the file's.
   */
  offsets?: number[];
  /**
   * Where the command will run: `image_build` for a Dockerfile RUN (the image's filesystem, see
   * src/rules/shell/image-build.ts), with the folder WORKDIR set. Absent: on the host, in the scan's folder.
   */
  runsIn?: { kind: 'image_build'; cwd: string };
  /** Placeholders the extractor put in the script for text it cannot know (`${{ … }}`, `$(GO)`), with the text they stand for. */
  placeholders?: Placeholders;
}

/** A part of a file that will run but could not be read statically: counted as blocked (fail closed). */
export interface ScanProblem {
  file: string;
  line: number;
  source: ScanSource;
  message: string;
}

/** A part that runs in something other than a POSIX shell (pwsh, python): reported, not judged. */
export interface ScanSkip {
  file: string;
  line: number;
  /** Null for a named file of no kind scan reads. */
  source: ScanSource | null;
  message: string;
}

export interface Extraction {
  commands: ExtractedCommand[];
  problems: ScanProblem[];
  skipped: ScanSkip[];
  /** Other files the extractor read (a Makefile's `include`s), by the name findings give them, for their lines' text. */
  related?: Record<string, string>;
}

/** What an extractor may read besides its file: another file named by it (`include common.mk`), relative to its folder. */
export interface ExtractContext {
  /** The file's name as shown and its text, or null when it does not exist or cannot be read. */
  readRelated?(from: string, name: string): { file: string; text: string } | null;
}

export type Extractor = (file: string, text: string, ctx?: ExtractContext) => Extraction | Promise<Extraction>;

export function emptyExtraction(): Extraction {
  return { commands: [], problems: [], skipped: [] };
}
