// The one reader of the trail for people and tools: only records that verify as part of the
// chain are read (`audit tail`, `show`, `stats`, `export`, `report`, the MCP audit_trail tool).
// A line anyone could write without the key — a forged decision, a fragment, a copy, a record
// signed by a key outside the keyring — is skipped and named with the finding that explains why,
// never counted, exported or signed. The rules are verify's own (verify-core.ts).
import type { KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import type { KeyWindow } from './key-windows.js';
import type { TrailEntry, TrailRecord } from './read.js';
import { coreOptions, verifyFile, verifyTrail, READABLE_DESPITE, type Finding, type VerifyOptions, type VerifyReport } from './verify.js';
import { LineSplitter, TrailVerifier } from './verify-core.js';

export interface TrustedKeys {
  publicKeys: (string | KeyObject)[];
  keyWindows?: readonly KeyWindow[] | null;
}

export interface VerifiedTrail {
  /** The records that verify as part of the chain, in file order. */
  entries: TrailEntry[];
  /** The lines not read, one finding per line saying why (in line order). */
  skipped: Finding[];
  report: VerifyReport;
}

function select(candidates: TrailEntry[], report: VerifyReport): VerifiedTrail {
  const unreadable = new Set(report.findings.filter((f) => !READABLE_DESPITE.has(f.class)).map((f) => f.line));
  const entries = candidates.filter((e) => !unreadable.has(e.line));
  const read = new Set(entries.map((e) => e.line));
  const skipped: Finding[] = [];
  for (const f of report.findings) {
    if (f.line === 0 || read.has(f.line) || skipped.at(-1)?.line === f.line) continue;
    skipped.push(f);
  }
  return { entries, skipped, report };
}

/** Verifies `bytes` and returns the records that verify, and the lines skipped and why. */
export function verifiedTrailOf(bytes: Uint8Array, keys: TrustedKeys): VerifiedTrail {
  const candidates: TrailEntry[] = [];
  const report = verifyTrail(bytes, { ...keys, onRecord: (line, record) => candidates.push({ line, record: record as TrailRecord }) });
  return select(candidates, report);
}

/** The same for a file, streamed (memory holds the records read, not the file). */
export function readVerifiedTrail(
  file: string,
  keys: TrustedKeys,
  onProgress?: (done: number, total: number, lines: number) => void,
): VerifiedTrail {
  const candidates: TrailEntry[] = [];
  let report: VerifyReport;
  try {
    report = verifyFile(file, {
      ...keys,
      onRecord: (line, record) => candidates.push({ line, record: record as TrailRecord }),
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError('IO', code === 'ENOENT' ? `no audit file at ${file}` : `cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return select(candidates, report);
}

/** One line for stderr when lines were skipped: how many, why, and where to look. Null when none. */
export function skippedNote(skipped: readonly Finding[], file: string): string | null {
  if (skipped.length === 0) return null;
  const byClass = new Map<string, number>();
  for (const f of skipped) byClass.set(f.class, (byClass.get(f.class) ?? 0) + 1);
  const why = [...byClass].map(([c, n]) => `${n} ${c}`).join(', ');
  const first = skipped[0]!;
  return (
    `seatbelt: skipped ${skipped.length} line(s) of ${file} that do not verify as part of the chain (${why}; first: line ${first.line}, ${first.detail}); ` +
    `only verified records are shown. Check with: seatbelt verify ${file}`
  );
}

/**
 * Follows a growing trail (`audit tail -f`): feed the appended bytes, get back the records that
 * verify, in order. A record is handed out as soon as the read that brought it verifies (the last
 * record read is an anchor: its signature is checked then); a chain-order finding that only a
 * later line reveals is reported through `onLate`.
 */
export class VerifiedFollower {
  private readonly verifier: TrailVerifier;
  private readonly split: LineSplitter;
  private candidates: TrailEntry[] = [];
  private flagged = new Set<number>();
  private shown = new Set<number>();

  constructor(keys: TrustedKeys, onLate: (f: Finding) => void, onSkip: (f: Finding) => void) {
    this.verifier = new TrailVerifier({
      ...coreOptions(keys),
      onRecord: (line, record) => void this.candidates.push({ line, record: record as TrailRecord }),
      onFinding: (f) => {
        if (READABLE_DESPITE.has(f.class) || f.line === 0) return;
        if (this.shown.has(f.line)) onLate(f);
        else if (!this.flagged.has(f.line)) {
          this.flagged.add(f.line);
          onSkip(f);
        }
      },
    });
    this.split = new LineSplitter((line) => this.verifier.push(line));
  }

  /** Whole lines only: pass bytes up to and including a newline. */
  feed(bytes: Uint8Array): TrailEntry[] {
    this.split.feed(bytes);
    this.verifier.settle(); // what was read is judged now, not when more comes
    const got = this.candidates.filter((c) => !this.flagged.has(c.line));
    this.candidates = [];
    for (const c of got) this.shown.add(c.line);
    return got;
  }
}
