// The baseline of `seatbelt scan --baseline FILE`: the findings already known and accepted, by
// fingerprint (fingerprint.ts), so a run fails only on new ones. `--update-baseline` writes it as
// stable, sorted JSON (no line numbers: moving code does not change the file). Validated once on
// read, every bad field reported.
import fs from 'node:fs';
import { SeatbeltError } from '../../core/error.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  /** The finding's line as written, for the reviewer of the baseline file. */
  text: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{32}:[1-9][0-9]*$/;
const ENTRY_KEYS = ['fingerprint', 'rule', 'file', 'text'] as const;

/** The baseline in `json`, or every problem with it (`field: what is wrong`). */
export function validateBaseline(json: unknown): { baseline: Baseline } | { errors: string[] } {
  const errors: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { errors: ['the baseline must be a JSON object'] };
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'version' && k !== 'findings') errors.push(`${k}: unknown field`);
  if (o.version !== BASELINE_VERSION) errors.push(`version: expected ${BASELINE_VERSION}, got ${JSON.stringify(o.version) ?? 'nothing'}`);
  const findings: BaselineEntry[] = [];
  if (!Array.isArray(o.findings)) errors.push('findings: expected an array');
  else {
    o.findings.forEach((e, i) => {
      const at = `findings[${i}]`;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) {
        errors.push(`${at}: expected an object`);
        return;
      }
      const entry = e as Record<string, unknown>;
      for (const k of Object.keys(entry)) if (!(ENTRY_KEYS as readonly string[]).includes(k)) errors.push(`${at}.${k}: unknown field`);
      for (const k of ENTRY_KEYS) if (typeof entry[k] !== 'string') errors.push(`${at}.${k}: expected a string`);
      if (typeof entry.fingerprint === 'string' && !FINGERPRINT.test(entry.fingerprint))
        errors.push(`${at}.fingerprint: expected 32 hex digits, ":" and a count (as seatbelt scan writes it)`);
      if (ENTRY_KEYS.every((k) => typeof entry[k] === 'string')) findings.push(entry as unknown as BaselineEntry);
    });
  }
  return errors.length ? { errors } : { baseline: { version: BASELINE_VERSION, findings } };
}

/** Reads and validates a baseline file. Missing or unreadable: IO (66); not a valid baseline: INPUT (65). */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read the baseline ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('INPUT', `the baseline ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const v = validateBaseline(json);
  if ('errors' in v) throw new SeatbeltError('INPUT', `the baseline ${file} is not valid:\n  ${v.errors.join('\n  ')}`);
  return v.baseline;
}

/** The baseline's text: entries sorted by file, rule and fingerprint, two-space JSON, a final newline. */
export function baselineText(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint) || cmp(a.text, b.text),
  );
  const body: Baseline = {
    version: BASELINE_VERSION,
    findings: sorted.map((e) => ({ fingerprint: e.fingerprint, rule: e.rule, file: e.file, text: e.text })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function writeBaseline(file: string, entries: BaselineEntry[]): void {
  try {
    fs.writeFileSync(file, baselineText(entries));
  } catch (err) {
    throw new SeatbeltError('OUTPUT', `cannot write the baseline ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
