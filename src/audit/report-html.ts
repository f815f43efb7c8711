// `seatbelt audit report --html`: one self-contained HTML file. The figures come from the trail at
// report time; the script (page.ts, with @noble/ed25519 and @noble/hashes, bundled at build time
// into dist/report-page.js) verifies a trail the auditor drops on the page. A Content-Security-
// Policy that allows only this one script (by hash) and no network keeps the page offline.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeatbeltError } from '../core/error.js';
import { decisionRows, summarize } from './browser/summary.js';
import type { TrailEntry } from './read.js';
import { REPORT_BODY, REPORT_CSS } from './report-template.js';

export const BUNDLE_NAME = 'report-page.js';

export interface ReportInput {
  entries: TrailEntry[];
  /** The trail's file name, as shown to the auditor. */
  source: string;
  generated: Date;
  filters: Record<string, string>;
  /** Lines of the trail left out because they do not verify as part of the chain (or are not records). */
  unreadable: number;
  /** What `verify` said when the report was made (shown as the generator's claim); null: not checked (no keys). */
  verification: {
    ok: boolean;
    records: number;
    findingCount: number;
    findings: { line: number; seq: number | null; class: string; detail: string }[];
    lastHash: string | null;
  } | null;
  title?: string;
}

/** The browser bundle: beside the CLI bundle (dist/), or dist/ from the sources (tests). */
export function readBundle(): string {
  const candidates = [new URL(`./${BUNDLE_NAME}`, import.meta.url), new URL(`../../dist/${BUNDLE_NAME}`, import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new SeatbeltError(
    'CONFIG',
    `the report's browser script (${BUNDLE_NAME}) is missing beside the seatbelt bundle; rebuild with: npm run build`,
  );
}

/** JSON that is safe inside a <script> data block: no `<`, so no `</script>`. */
export const jsonForScript = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderReport(input: ReportInput, bundle: string = readBundle()): string {
  if (/<\/script/i.test(bundle)) throw new SeatbeltError('CONFIG', `${BUNDLE_NAME} contains "</script": it cannot be inlined`);
  const title = input.title ?? 'seatbelt audit report';
  const meta = {
    title,
    source: input.source,
    generated: input.generated.toISOString(),
    filters: input.filters,
    unreadable: input.unreadable,
    verification: input.verification,
  };
  const scriptHash = createHash('sha256').update(bundle, 'utf8').digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${REPORT_BODY.replace('<h1 id="title"></h1>', `<h1 id="title">${escapeHtml(title)}</h1>`)}
<script type="application/json" id="seatbelt-meta">${jsonForScript(meta)}</script>
<script type="application/json" id="seatbelt-summary">${jsonForScript(summarize(input.entries))}</script>
<script type="application/json" id="seatbelt-rows">${jsonForScript(decisionRows(input.entries))}</script>
<script>${bundle}</script>
</body>
</html>
`;
}
