// The one redactor: every known secret format (src/core/secret-formats.ts) replaced by
// [REDACTED]. Evidence shown to users, inputs recorded with --record-input, the records' reasons,
// exports, reports and the gateway's output inspection all use it. Pure.
import { boundedMemo } from './bounded-memo.js';
import { REDACTED as R, SECRET_FORMATS, SECRET_NAME } from './secret-formats.js';

export { REDACTED, SECRET_FORMATS, type SecretFormat } from './secret-formats.js';

/** `text` with every known secret format replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
  // Rules' reasons and remediations are the same few texts in every record: each is redacted once.
  return text.length <= 512 ? redactShort(text) : redactAll(text);
}

function redactAll(text: string): string {
  let out = text;
  for (const p of SECRET_FORMATS) out = out.replace(p.re, (...m) => expand(p.replace, m));
  return out;
}
const redactShort = boundedMemo(redactAll, 1024);

/** True when `text` holds something that looks like a known secret. */
export function containsSecret(text: string): boolean {
  return secretKinds(text).length > 0;
}

/** The kinds of secret found in `text` (e.g. `aws-access-key`), for messages. */
export function secretKinds(text: string): string[] {
  const kinds: string[] = [];
  for (const p of SECRET_FORMATS) {
    // A match that already holds the marker is a redacted value, not a secret any more.
    for (const m of text.matchAll(p.re)) {
      if (!m[0].includes(R)) {
        kinds.push(p.kind);
        break;
      }
    }
  }
  return kinds;
}

const FLAG_TAKING_SECRET = new RegExp(`^--?(?:${SECRET_NAME})$`, 'i');

/** Redacts each argument, and the argument after a flag like `--password` or `--token`. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const prev = i > 0 ? argv[i - 1] : undefined;
    if (prev !== undefined && FLAG_TAKING_SECRET.test(prev)) return R;
    return redactSecrets(arg);
  });
}

// String#replace with a function gets groups positionally; expand `$1`/`$2` ourselves so an
// unmatched optional group becomes '' (not "undefined").
function expand(template: string, m: unknown[]): string {
  return template.replace(/\$(\d)/g, (_, d: string) => {
    const g = m[Number(d)];
    return typeof g === 'string' ? g : '';
  });
}
