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
  /** Tree-sitter progress callbacks allowed per parse (≈ one per 80 bytes of ordinary input). */
  maxParseSteps: number;
  /** Most simple commands one analysis may produce. */
  maxCommands: number;
}

export const DEFAULT_LIMITS: ShellLimits = {
  maxInputChars: 256 * 1024,
  maxDepth: 100,
  maxNestedScripts: 8,
  maxParseSteps: 20_000,
  maxCommands: 20_000,
};
