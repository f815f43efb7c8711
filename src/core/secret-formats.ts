// The secret formats seatbelt knows, as data: one list for the one redactor (src/core/redact.ts)
// that evidence, recorded input, exports, reports and the gateway's output inspection all use.
// Over-redacting is acceptable; leaking a credential into a permanent, signed, append-only trail is
// not (a secret in a signed line cannot be scrubbed without breaking the chain). Every pattern is
// linear-time (no nested quantifiers). Pure: no I/O, no imports.

export const REDACTED = '[REDACTED]';
const R = REDACTED;

/** Words that make `name=value`, `"name": "value"` or `--name value` carry a secret. */
export const SECRET_NAME =
  '[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential)[A-Za-z0-9_.-]*|pwd|pass';

export interface SecretFormat {
  kind: string;
  re: RegExp;
  replace: string;
}

/** Every known secret format, in the order they are applied (the private key block first). */
export const SECRET_FORMATS: readonly SecretFormat[] = [
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
  // Package registries, hosting and mail services.
  { kind: 'pypi-token', re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, replace: R },
  { kind: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,}\b/g, replace: R },
  { kind: 'sendgrid-key', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, replace: R },
  { kind: 'digitalocean-token', re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g, replace: R },
  { kind: 'shopify-token', re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, replace: R },
  // Azure: storage account keys and shared access keys in connection strings, SAS signatures in URLs.
  { kind: 'azure-storage-key', re: /((?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/]{40,}={0,2}/g, replace: `$1${R}` },
  { kind: 'azure-sas-signature', re: /([?&]sig=)[A-Za-z0-9%+/=]{20,}/g, replace: `$1${R}` },
  // Google Cloud: OAuth client secrets and refresh tokens (API keys are google-api-key; service account keys are private-key blocks).
  { kind: 'gcp-oauth-secret', re: /\bGOCSPX-[A-Za-z0-9_-]{20,}/g, replace: R },
  { kind: 'gcp-refresh-token', re: /\b1\/\/0[A-Za-z0-9_-]{30,}/g, replace: R },
  { kind: 'aws-secret-key', re: /(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi, replace: `$1${R}` },
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
