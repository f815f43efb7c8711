// Token formats the shared redactor (src/audit/redact.ts) does not know yet. They are detected
// and redacted here too, so a command carrying one is blocked and never recorded in the clear.
// (Candidates to move into redact.ts.)

const R = '[REDACTED]';

const EXTRA: { kind: string; re: RegExp; replace: string }[] = [
  { kind: 'pypi-token', re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, replace: R },
  { kind: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,}\b/g, replace: R },
  { kind: 'sendgrid-key', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, replace: R },
  { kind: 'digitalocean-token', re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g, replace: R },
  { kind: 'shopify-token', re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, replace: R },
  { kind: 'azure-storage-key', re: /(AccountKey=)[A-Za-z0-9+/]{40,}={0,2}/g, replace: `$1${R}` },
  { kind: 'aws-secret-key', re: /(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi, replace: `$1${R}` },
];

/** The formats themselves, for scanners that pick a subset (the gateway's output inspection). */
export const EXTRA_SECRET_FORMATS: readonly Readonly<{ kind: string; re: RegExp; replace: string }>[] = EXTRA;

export const EXTRA_KINDS: readonly string[] = EXTRA.map((p) => p.kind);

export function extraSecretKinds(text: string): string[] {
  return EXTRA.filter((p) => {
    p.re.lastIndex = 0;
    return [...text.matchAll(p.re)].some((m) => !m[0].includes(R));
  }).map((p) => p.kind);
}

export function redactExtraSecrets(text: string): string {
  let out = text;
  for (const p of EXTRA) out = out.replace(p.re, (_m, g1: unknown) => p.replace.replace('$1', typeof g1 === 'string' ? g1 : ''));
  return out;
}
