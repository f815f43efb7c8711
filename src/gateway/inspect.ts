// Inspection: the text a model emits is re-checked for secrets before the caller sees it — private
// key blocks, cloud keys, API tokens — chunk by chunk, across chunk boundaries. The formats are the
// trail's own (src/core/redact.ts), restricted to those that
// name a credential by their shape alone; generic `password=…` assignments are left out, because
// models write example code with them all day.
//
// How it stays streaming: text is released as soon as no secret can still start in it. Every token
// format is one run of non-blank characters, so only the trailing run is held back (at most
// RUN_HOLD characters of it), plus a `-----BEGIN …` header still being written, plus a match that
// reaches the end of what has arrived (it may go on). A private key block is held until its END
// line; a block larger than `maxHeld` ends the stream (fail closed).
import { createHash } from 'node:crypto';
import { SECRET_FORMATS } from '../core/redact.js';

export const OUTPUT_SECRET_RULE = 'gateway.secret_in_output';
export type InspectAction = 'redact' | 'end';

/** The kinds judged in model output (see the header comment for what is left out and why). */
export const OUTPUT_SECRET_KINDS: readonly string[] = [
  'private-key',
  'aws-access-key',
  'aws-secret-key',
  'github-token',
  'github-pat',
  'gitlab-token',
  'slack-token',
  'slack-app-token',
  'slack-webhook',
  'stripe-key',
  'sk-api-key',
  'google-api-key',
  'npm-token',
  'jwt',
  'pypi-token',
  'huggingface-token',
  'sendgrid-key',
  'digitalocean-token',
  'shopify-token',
  'azure-storage-key',
];

interface Format {
  kind: string;
  re: RegExp;
  one: RegExp;
  replace: string;
}

const FORMATS: Format[] = SECRET_FORMATS.filter((f) => OUTPUT_SECRET_KINDS.includes(f.kind)).map((f) => ({
  kind: f.kind,
  re: new RegExp(f.re.source, f.re.flags),
  one: new RegExp(f.re.source, f.re.flags.replace('g', '')),
  replace: f.replace,
}));

const MARK = '[REDACTED]';
/** Characters of released text kept as context, so `aws_secret_access_key = ` before a chunk boundary still counts. */
const CONTEXT = 96;
/** The longest trailing run held whole; a longer run keeps only its last RUN_TAIL characters (every format's shortest match is shorter). */
const RUN_HOLD = 1024;
const RUN_TAIL = 256;

export interface SecretHit {
  ruleId: typeof OUTPUT_SECRET_RULE;
  kind: string;
}

/** One secret found, as the trail records it: its kind and the SHA-256 of its text — never the text. */
export interface SecretFound {
  kind: string;
  /** SHA-256 (hex) of the secret's UTF-8 bytes (of the whole held block when a held block grew too large). */
  sha256: string;
}

/** Told of each secret when it is found, before any text around it is released (the gateway seals a record). */
export type OnSecret = (found: SecretFound) => void;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface Released {
  /** Text safe to pass on now (secrets replaced by [REDACTED] when the action is redact). */
  text: string;
  /** Set when the action is `end` (or a held block grew too large): release nothing more, end the stream naming the rule. */
  ended?: SecretHit;
}

interface Match {
  start: number;
  end: number;
  format: Format;
}

/** One inspector per text stream (a choice's content, a content block, an output item). */
export class TextInspector {
  private context = '';
  private pending = '';
  private done = false;
  /** Kinds found so far (one entry per occurrence), for metrics and the caller's notice. */
  readonly found: string[] = [];

  constructor(
    private readonly action: InspectAction = 'redact',
    private readonly maxHeld = 64 * 1024,
    private readonly onSecret?: OnSecret,
  ) {}

  private report(kind: string, text: string): void {
    this.found.push(kind);
    this.onSecret?.({ kind, sha256: digest(text) });
  }

  push(fragment: string): Released {
    if (this.done) return { text: '' };
    this.pending += fragment;
    return this.release(false);
  }

  /** The end of the text: release everything still held. */
  flush(): Released {
    if (this.done) return { text: '' };
    const r = this.release(true);
    this.done = true;
    return r;
  }

  private release(final: boolean): Released {
    const ctxLen = this.context.length;
    const text = this.context + this.pending;
    const matches = findMatches(text, ctxLen);
    const p = this.pending;
    if (matches.length && this.action === 'end') {
      const first = matches[0]!;
      this.done = true;
      this.report(first.format.kind, text.slice(first.start, first.end));
      return { text: p.slice(0, Math.max(0, first.start - ctxLen)), ended: { ruleId: OUTPUT_SECRET_RULE, kind: first.format.kind } };
    }
    let cut = p.length;
    if (!final) {
      cut = holdBoundary(p);
      const begin = text.lastIndexOf('-----BEGIN');
      if (begin >= 0 && text.length - begin < 200 && !text.slice(begin + 10).includes('-----')) cut = Math.min(cut, begin - ctxLen);
      for (const m of matches) {
        // A match that reaches the end of what has arrived may go on; one that straddles the cut would be split.
        if (m.end >= text.length || (m.start < cut + ctxLen && m.end > cut + ctxLen)) cut = Math.min(cut, m.start - ctxLen);
      }
      cut = Math.max(0, cut);
      if (p.length - cut > this.maxHeld) {
        const kind = matches[0]?.format.kind ?? 'private-key';
        this.done = true;
        this.report(kind, p);
        return { text: '', ended: { ruleId: OUTPUT_SECRET_RULE, kind } };
      }
    }
    let out = '';
    let at = 0; // position in p
    for (const m of matches) {
      const s = m.start - ctxLen;
      const e = m.end - ctxLen;
      if (e > cut || e <= at) continue; // not released yet, or overlaps one already replaced
      this.report(m.format.kind, text.slice(m.start, m.end));
      if (s < at) {
        out += MARK;
      } else {
        out += p.slice(at, s) + text.slice(m.start, m.end).replace(m.format.one, m.format.replace);
      }
      at = e;
    }
    out += p.slice(at, cut);
    this.context = (this.context + p.slice(0, cut)).slice(-CONTEXT);
    this.pending = p.slice(cut);
    return { text: out };
  }
}

/** Matches that reach past the released context, earliest first (longest first at one start). */
function findMatches(text: string, ctxLen: number): Match[] {
  const out: Match[] = [];
  for (const format of FORMATS) {
    format.re.lastIndex = 0;
    for (const m of text.matchAll(format.re)) {
      const end = m.index + m[0].length;
      if (end > ctxLen && !m[0].includes(MARK)) out.push({ start: m.index, end, format });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Where the trailing run of non-blank characters starts (or its last RUN_TAIL characters, for a long run). */
function holdBoundary(p: string): number {
  let i = p.length;
  while (i > 0 && !/\s/.test(p[i - 1]!)) i--;
  return p.length - i <= RUN_HOLD ? i : p.length - RUN_TAIL;
}

/** A whole text at once (non-streamed responses). */
export function inspectText(
  text: string,
  action: InspectAction,
  onSecret?: OnSecret,
): { text: string; found: string[]; ended?: SecretHit } {
  const i = new TextInspector(action, Number.POSITIVE_INFINITY, onSecret);
  const a = i.push(text);
  if (a.ended) return { text: a.text, found: i.found, ended: a.ended };
  const b = i.flush();
  return { text: a.text + b.text, found: i.found, ...(b.ended ? { ended: b.ended } : {}) };
}

/** The notice a caller reads where text was cut: names the rule and the kind. */
export function secretNotice(hit: SecretHit): string {
  return `\n\n[seatbelt: the response was ended by rule ${hit.ruleId}: the model emitted a secret (${hit.kind}); it was not passed on]`;
}
