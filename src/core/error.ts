// One error class for the whole library; the CLI maps `code` to an exit code in one place, and
// every exit code seatbelt uses lives in `EXIT` (README "Exit codes" and `seatbelt --help` show it).

export type ErrorCode =
  | 'USAGE' // bad flags or arguments (exit 64)
  | 'CONFIG' // bad configuration, policy, role or key setup (exit 78)
  | 'AUDIT' // the audit record could not be made durable, so nothing ran (exit 74)
  | 'INPUT' // malformed input data (a hook payload, a batch line) (exit 65)
  | 'IO' // an input file or folder is missing or cannot be read (exit 66)
  | 'OUTPUT' // a file seatbelt was asked to write cannot be written (exit 73)
  | 'UNAVAILABLE'; // a program seatbelt needs is missing: bash for `--shell` scripts (exit 69)

export class SeatbeltError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeatbeltError';
    this.code = code;
  }
}

/** Every exit code seatbelt uses (sysexits.h where one fits). */
export const EXIT = {
  /** allowed / ran and exited 0 / intact */
  OK: 0,
  /** verify, verify-export, scan: findings */
  FINDINGS: 1,
  /** hook hosts' protocol: exit 2 blocks the tool call (Claude Code, Codex, Gemini CLI, Cursor) */
  HOOK_BLOCK: 2,
  /** EX_USAGE: bad flags or arguments */
  USAGE: 64,
  /** EX_DATAERR: malformed input data */
  INPUT: 65,
  /** EX_NOINPUT: an input file or folder is missing or unreadable */
  NO_INPUT: 66,
  /** EX_UNAVAILABLE: a program seatbelt needs (bash) is missing */
  UNAVAILABLE: 69,
  /** EX_SOFTWARE: an internal error */
  INTERNAL: 70,
  /** EX_CANTCREAT: an output file cannot be written */
  CANT_CREATE: 73,
  /** EX_IOERR: the decision could not be sealed durably; nothing ran */
  AUDIT: 74,
  /** EX_NOPERM: refused by the policy */
  REFUSED: 77,
  /** EX_CONFIG: bad configuration, policy, role or signing key */
  CONFIG: 78,
  /** the command was found but could not be executed (not executable, permission denied) */
  CANNOT_EXECUTE: 126,
  /** the command was not found */
  NOT_FOUND: 127,
} as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof SeatbeltError) {
    switch (err.code) {
      case 'USAGE':
        return EXIT.USAGE;
      case 'CONFIG':
        return EXIT.CONFIG;
      case 'INPUT':
        return EXIT.INPUT;
      case 'IO':
        return EXIT.NO_INPUT;
      case 'OUTPUT':
        return EXIT.CANT_CREATE;
      case 'UNAVAILABLE':
        return EXIT.UNAVAILABLE;
      case 'AUDIT':
        return EXIT.AUDIT;
    }
  }
  return EXIT.INTERNAL;
}
