// Admission: what is checked before a request reaches the upstream — the owner header, the owner
// policy, the request rate and token budget per owner. (The body size is enforced while reading
// it; tool definitions are checked by each API's adapter, in its own terms.) Each check fails
// closed with an HTTP status and a message the adapter wraps in its API's error format.
import { parseOwner } from './owner.js';

export const APPROVAL_HEADER = 'x-seatbelt-approval';

export interface Refusal {
  status: number;
  /** A short machine-readable reason (also the metrics label). */
  code:
    | 'owner_missing'
    | 'owner_malformed'
    | 'owner_not_allowed'
    | 'body_too_large'
    | 'bad_json'
    | 'rate_limited'
    | 'token_budget'
    | 'tools_malformed'
    | 'tools_unsupported';
  message: string;
  /** Seconds, for 429s. */
  retryAfter?: number;
}

/**
 * The owner of a request: `X-Commit-Owner: human:<id>` or `service:<id>` (parsed by owner.ts). It
 * is asserted by the caller, not authenticated; the trail records it as such. `fallback` is
 * --dev's `human:dev`; `allowed` is the owner policy.
 */
export function admitOwner(
  header: string | string[] | undefined,
  allowed: readonly string[] | undefined,
  fallback?: string,
): { owner: string } | Refusal {
  if (fallback && (header === undefined || (typeof header === 'string' && header.trim() === ''))) return { owner: fallback };
  const r = parseOwner(header);
  if (!r.ok) return { status: 400, code: r.error.code === 'missing' ? 'owner_missing' : 'owner_malformed', message: r.error.message };
  const owner = r.owner.value;
  if (allowed && !allowed.some((p) => ownerMatches(p, owner)))
    return { status: 403, code: 'owner_not_allowed', message: `the owner ${owner} is not allowed by this gateway's owner policy` };
  return { owner };
}

export function ownerMatches(pattern: string, owner: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith(':*')) return owner.startsWith(pattern.slice(0, -1));
  return pattern === owner;
}

/** A rough token estimate for a request body (about four bytes a token), charged at admission. */
export function estimateTokens(bodyBytes: number): number {
  return Math.ceil(bodyBytes / 4);
}

interface Bucket {
  requests: number;
  tokens: number;
  at: number;
}

/**
 * Request rate and token budget per owner: two token buckets refilled continuously at their
 * per-minute rate. A request takes one request and its estimated tokens; the upstream's reported
 * usage is charged after the response (the budget may go negative, refusing until it refills).
 */
export class OwnerBudgets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: { requestsPerMinute: number; tokensPerMinute: number },
    private readonly now: () => number = Date.now,
  ) {}

  admit(owner: string, tokens: number): Refusal | undefined {
    const b = this.refill(owner);
    if (b.requests < 1) {
      return {
        status: 429,
        code: 'rate_limited',
        message: `the owner ${owner} is over its request rate (${this.limits.requestsPerMinute} a minute)`,
        retryAfter: Math.ceil(((1 - b.requests) * 60) / this.limits.requestsPerMinute),
      };
    }
    if (b.tokens < tokens || b.tokens <= 0) {
      const need = Math.min(tokens, this.limits.tokensPerMinute) - b.tokens;
      return {
        status: 429,
        code: 'token_budget',
        message: `the owner ${owner} is over its token budget (${this.limits.tokensPerMinute} a minute; this request needs about ${tokens})`,
        retryAfter: Math.max(1, Math.ceil((need * 60) / this.limits.tokensPerMinute)),
      };
    }
    b.requests -= 1;
    b.tokens -= tokens;
    return undefined;
  }

  /** Charge tokens reported by the upstream (output tokens, and input beyond the estimate). */
  charge(owner: string, tokens: number): void {
    if (tokens > 0) this.refill(owner).tokens -= tokens;
  }

  private refill(owner: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(owner);
    if (!b) {
      b = { requests: this.limits.requestsPerMinute, tokens: this.limits.tokensPerMinute, at: t };
      this.buckets.set(owner, b);
      return b;
    }
    const minutes = Math.max(0, t - b.at) / 60_000;
    b.requests = Math.min(this.limits.requestsPerMinute, b.requests + minutes * this.limits.requestsPerMinute);
    b.tokens = Math.min(this.limits.tokensPerMinute, b.tokens + minutes * this.limits.tokensPerMinute);
    b.at = t;
    return b;
  }
}
