// Redaction of known secret formats, for inputs recorded with --record-input and for evidence
// shown to users. Over-redacting is acceptable; leaking a credential into a permanent, signed,
// append-only trail is not. Every pattern is linear-time (no nested quantifiers).

const R = '[REDACTED]';

/** Words that make `name=value`, `"name": "value"` or `--name value` carry a secret. */
const SECRET_NAME =
  '[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential)[A-Za-z0-9_.-]*|pwd|pass';

interface Pattern {
  kind: string;
  re: RegExp;
  replace: string;
}

const PATTERNS: Pattern[] = [
  {
    kind: 'private-key',
    re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g,
    replace: `-----BEGIN $1PRIVATE KEY$2-----${R}-----END $1PRIVATE KEY$2-----`,
  },
  { kind: 'aws-access-key', re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: R },
  { kind: 'github-token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g, replace: R },
  { kind: 'github-pat', re: /\bgithub_pat_[A-Za-z0-9_]{22,255}/g, replace: R },
  { kind: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: R },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: R },
  { kind: 'slack-app-token', re: /\bxapp-\d+-[A-Za-z0-9-]{10,}/g, replace: R },
  { kind: 'slack-webhook', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g, replace: R },
  { kind: 'stripe-key', re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: R },
  // OpenAI (`sk-…`, `sk-proj-…`) and Anthropic (`sk-ant-…`) API keys.
  { kind: 'sk-api-key', re: /\bsk-[A-Za-z0-9_-]{20,}/g, replace: R },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}/g, replace: R },
  { kind: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: R },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: R },
  // scheme://user:password@host
  { kind: 'url-password', re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, replace: `$1${R}@` },
  { kind: 'authorization-header', re: /\b(authorization\s*:\s*(?:bearer|basic|token|digest)?\s*)[^\s'"]+/gi, replace: `$1${R}` },
  { kind: 'bearer-token', re: /\b(bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi, replace: `$1${R}` },
  // mysql -psecret (the password glued to -p)
  {
    kind: 'mysql-password',
    re: /(\bmysql(?:dump|admin|import|show|check)?\b[^\n;&|]*?\s-p)(?=[^\s])(?!\[REDACTED\])\S+/g,
    replace: `$1${R}`,
  },
  // password=…, "token": "…", api_key: … (also inside URLs' query strings)
  {
    kind: 'secret-assignment',
    re: new RegExp(
      `(?<![A-Za-z0-9_])((?:${SECRET_NAME})["']?\\s*[=:]\\s*)(?:(")[^"\\n]*"|(')[^'\\n]*'|(?!\\[REDACTED\\])[^\\s&;'"]+)`,
      'gi',
    ),
    replace: `$1$2$3${R}$2$3`,
  },
  // --password value, -token value
  {
    kind: 'secret-flag',
    re: new RegExp(`(?<![A-Za-z0-9_-])(--?(?:${SECRET_NAME})\\s+)(?:(")[^"\\n]*"|(')[^'\\n]*'|(?!\\[REDACTED\\])[^\\s'"-]\\S*)`, 'gi'),
    replace: `$1$2$3${R}$2$3`,
  },
];

/** The formats (kind, pattern, replacement), for scanners that pick a subset: the gateway's output inspection. */
export const SECRET_FORMATS: readonly Readonly<Pattern>[] = PATTERNS;

/** `text` with every known secret format replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p.re, (...m) => expand(p.replace, m));
  return out;
}

/** True when `text` holds something that looks like a known secret. */
export function containsSecret(text: string): boolean {
  return secretKinds(text).length > 0;
}

/** The kinds of secret found in `text` (e.g. `aws-access-key`), for messages. */
export function secretKinds(text: string): string[] {
  const kinds: string[] = [];
  for (const p of PATTERNS) {
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
