// A finding's fingerprint, stable when lines move: a hash of the rule id, the text of the finding's
// line with its blanks normalised, and the file, then `:n` for the n-th finding with that hash in
// the file (two identical lines stay two findings). Used by SARIF `partialFingerprints` and by the
// baseline. Editing the line itself, renaming the file or a different rule makes a new finding.
import { createHash } from 'node:crypto';

export const FINGERPRINT_KEY = 'seatbeltFinding/v1';

export function normaliseLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function digest(ruleId: string, lineText: string, file: string): string {
  return createHash('sha256')
    .update(`${ruleId}\n${normaliseLine(lineText)}\n${file}`)
    .digest('hex')
    .slice(0, 32);
}

/** Fingerprints for findings in report order (file, then line), one each. */
export function fingerprints(findings: ReadonlyArray<{ ruleId: string; lineText: string; file: string }>): string[] {
  const count = new Map<string, number>();
  return findings.map((f) => {
    const d = digest(f.ruleId, f.lineText, f.file);
    const n = (count.get(`${f.file}\0${d}`) ?? 0) + 1;
    count.set(`${f.file}\0${d}`, n);
    return `${d}:${n}`;
  });
}
