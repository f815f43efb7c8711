// Resource limits of the shell analysis. Exceeding any of them is undecidable (fail closed), never
// a silent truncation. The parse budget counts tree-sitter's progress callbacks, not wall-clock
// time, so the same input gets the same verdict on a loaded machine.

export interface ShellLimits {
  /** Largest script accepted, in UTF-16 code units (≈ bytes for ASCII). */
  maxInputChars: number;
  /** Deepest nesting of compound statements, substitutions and words. */
  maxDepth: number;
  /** Deepest chain of scripts inside scripts (`bash -c 'eval "sh -c …"'`). */
  maxNestedScripts: number;
  /** Deepest chain of commands started by other commands' arguments (`xvfb-run strace nsenter … cmd`). */
  maxLaunchers: number;
  /**
   * Tree-sitter progress callbacks allowed per parse. Ordinary input costs about one per 80 bytes
   * (a 256 KiB script ≈ 3,400); pathological input costs more per byte and more time per step.
   * Plain scripts never reach tree-sitter (plain-tree.ts reads them in one linear pass).
   */
  maxParseSteps: number;
  /** Most syntax nodes converted (the conversion costs a few microseconds per node). */
  maxNodes: number;
  /** Most simple commands one analysis may produce. */
  maxCommands: number;
}

export const DEFAULT_LIMITS: ShellLimits = {
  maxInputChars: 256 * 1024,
  maxDepth: 100,
  maxNestedScripts: 8,
  maxLaunchers: 16,
  maxParseSteps: 5_000,
  maxNodes: 150_000,
  maxCommands: 20_000,
};
