// One error class for the whole library; the CLI maps `code` to an exit code in one place.

export type ErrorCode =
  | 'USAGE' // bad flags or arguments (exit 64)
  | 'CONFIG' // bad configuration, policy, role or key setup (exit 78)
  | 'AUDIT' // the audit record could not be made durable (exit 74)
  | 'INPUT' // malformed input data (a hook payload, a batch line) (exit 65)
  | 'IO' // a file could not be read (exit 74)
  | 'UNAVAILABLE'; // a program seatbelt needs is missing: bash for `--shell` scripts (exit 69)

export class SeatbeltError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeatbeltError';
    this.code = code;
  }
}

export const EXIT = {
  OK: 0,
  FINDINGS: 1,
  USAGE: 64,
  INPUT: 65,
  UNAVAILABLE: 69,
  AUDIT: 74,
  REFUSED: 77,
  CONFIG: 78,
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
      case 'UNAVAILABLE':
        return EXIT.UNAVAILABLE;
      case 'AUDIT':
      case 'IO':
        return EXIT.AUDIT;
    }
  }
  return 70; // EX_SOFTWARE: an internal error
}
