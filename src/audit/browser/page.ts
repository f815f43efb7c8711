// The HTML report's script (bundled by scripts/build.mjs into dist/report-page.js and inlined in
// every report). It draws the figures from the summary seatbelt embedded, and verifies a trail the
// auditor drops on the page, in the browser, then redraws the figures from what it verified.
// All text goes in through textContent: agent ids and reasons in a trail are untrusted input.
import { summarize, type ReportSummary } from './summary.js';
import { looksLikeKeyFile, parseKeyFile, verifyTrailBytes, type BrowserKey, type BrowserVerifyReport } from './verifier.js';
import { canonicalize } from '../canonical.js';

interface Meta {
  title: string;
  source: string;
  generated: string;
  filters: Record<string, string>;
  unreadable: number;
  verification: {
    ok: boolean;
    records: number;
    findingCount: number;
    findings: { line: number; seq: number | null; class: string; detail: string }[];
    lastHash: string | null;
  } | null;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const fmtTime = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC') : '—');
function duration(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (h < 48) return `${h.toFixed(h < 10 ? 1 : 0)} h`;
  return `${(h / 24).toFixed(h < 240 ? 1 : 0)} days`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function readJson<T>(id: string): T {
  return JSON.parse($(id).textContent ?? 'null') as T;
}

// ---- figures ------------------------------------------------------------------------------

function renderFigures(s: ReportSummary, origin: string): void {
  $('figures-origin').textContent = origin;
  const tiles: [string, string, string?][] = [
    ['Decisions', s.decisions.toLocaleString('en')],
    ['Allowed', s.allow.toLocaleString('en'), 'allow'],
    ['Blocked', s.block.toLocaleString('en'), 'block'],
    ['Block rate', s.decisions ? `${((100 * s.block) / s.decisions).toFixed(1)} %` : '—'],
    ['Commands run', s.outcomes.toLocaleString('en')],
    [
      s.first
        ? `${s.first.slice(0, 4) === s.last!.slice(0, 4) ? s.first.slice(5, 10) : s.first.slice(0, 10)} → ${s.last!.slice(s.first.slice(0, 4) === s.last!.slice(0, 4) ? 5 : 0, 10)} (UTC)`
        : 'Time span',
      s.first ? duration(Date.parse(s.last!) - Date.parse(s.first)) : '—',
    ],
  ];
  $('tiles').replaceChildren(
    ...tiles.map(([label, value, cls]) =>
      el(
        'div',
        { class: `tile ${cls ?? ''}` },
        el('div', { class: 'tile-value' }, value),
        el('div', { class: 'tile-label', title: label }, label),
      ),
    ),
  );
  renderTimeline(s);
  renderBars(
    'by-rule',
    s.byRule.map((r) => ({ key: r.key, a: 0, b: r.block })),
    'No blocks.',
  );
  renderBars(
    'by-actor',
    s.byActor.map((r) => ({ key: r.key, a: r.allow, b: r.block })),
    'No decisions.',
  );
  renderBlocks(s);
}

function renderTimeline(s: ReportSummary): void {
  const box = $('timeline');
  if (s.buckets.length === 0) return void box.replaceChildren(el('p', { class: 'muted' }, 'No decisions in this trail.'));
  const W = 960;
  const H = 220;
  const pad = { l: 44, r: 12, t: 12, b: 34 };
  const max = Math.max(1, ...s.buckets.map((b) => b.allow + b.block));
  const bw = (W - pad.l - pad.r) / s.buckets.length;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `decisions per ${s.bucket}` });
  for (const v of [0, Math.round(max / 2), max]) {
    root.append(svg('line', { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), class: 'grid' }));
    const t = svg('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' });
    t.textContent = String(v);
    root.append(t);
  }
  s.buckets.forEach((b, i) => {
    const x = pad.l + i * bw + Math.min(2, bw * 0.15);
    const w = Math.max(1, bw - 2 * Math.min(2, bw * 0.15));
    const g = svg('g', {});
    const title = svg('title', {});
    title.textContent = `${fmtTime(b.start)}: ${b.allow} allowed, ${b.block} blocked`;
    g.append(title);
    if (b.allow) g.append(svg('rect', { x, width: w, y: y(b.allow), height: y(0) - y(b.allow), class: 'allow' }));
    if (b.block) g.append(svg('rect', { x, width: w, y: y(b.allow + b.block), height: y(b.allow) - y(b.allow + b.block), class: 'block' }));
    root.append(g);
  });
  const ticks = Math.min(6, s.buckets.length);
  for (let k = 0; k < ticks; k++) {
    const i = ticks === 1 ? 0 : Math.round((k * (s.buckets.length - 1)) / (ticks - 1));
    // The outermost labels align to the plot's edges so they are never cut off.
    const anchor = ticks > 1 && k === 0 ? 'start' : ticks > 1 && k === ticks - 1 ? 'end' : 'middle';
    const x = anchor === 'start' ? pad.l + i * bw : anchor === 'end' ? pad.l + (i + 1) * bw : pad.l + (i + 0.5) * bw;
    const t = svg('text', { x, y: H - 12, 'text-anchor': anchor, class: 'axis' });
    const start = s.buckets[i]!.start;
    t.textContent = s.bucket === 'hour' ? start.slice(5, 16).replace('T', ' ') : start.slice(0, 10);
    root.append(t);
  }
  box.replaceChildren(
    root,
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'key allow' }),
      'allowed',
      el('span', { class: 'key block' }),
      'blocked',
      el('span', { class: 'muted' }, ` · one bar per ${s.bucket} (UTC)`),
    ),
  );
}

function renderBars(id: string, rows: { key: string; a: number; b: number }[], empty: string): void {
  const box = $(id);
  if (rows.length === 0) return void box.replaceChildren(el('p', { class: 'muted' }, empty));
  const shown = rows.slice(0, 15);
  const max = Math.max(1, ...shown.map((r) => r.a + r.b));
  box.replaceChildren(
    ...shown.map((r) => {
      const bar = el('div', { class: 'bar' });
      if (r.a) bar.append(el('span', { class: 'allow', style: `width:${(100 * r.a) / max}%`, title: `${r.a} allowed` }));
      if (r.b) bar.append(el('span', { class: 'block', style: `width:${(100 * r.b) / max}%`, title: `${r.b} blocked` }));
      const count = r.a ? `${r.a + r.b} decisions, ${r.b} blocked` : plural(r.b, 'block');
      return el('div', { class: 'row' }, el('code', { class: 'label', title: r.key }, r.key), el('span', { class: 'count' }, count), bar);
    }),
    ...(rows.length > shown.length ? [el('p', { class: 'muted' }, `and ${rows.length - shown.length} more`)] : []),
  );
}

function renderBlocks(s: ReportSummary): void {
  const body = $('blocks');
  if (s.recentBlocks.length === 0) return void body.replaceChildren(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No blocks.')));
  body.replaceChildren(
    ...s.recentBlocks.map((b) =>
      el(
        'tr',
        {},
        el('td', {}, fmtTime(b.time)),
        el('td', {}, b.actor),
        el('td', {}, el('code', {}, b.rules.join(', ') || '—')),
        el('td', {}, b.reason),
        el('td', { class: 'num' }, `${b.line}`),
      ),
    ),
  );
}

// ---- verification -------------------------------------------------------------------------

type State = 'unverified' | 'waiting' | 'working' | 'intact' | 'broken' | 'error';

function setStatus(
  state: State,
  badge: string,
  title: string,
  detail: string,
  findings: BrowserVerifyReport['findings'] = [],
  limit = 200,
): void {
  const box = $('status');
  box.dataset.state = state;
  $('status-badge').textContent = badge;
  $('status-title').textContent = title;
  $('status-detail').textContent = detail;
  $('findings').replaceChildren(
    ...findings
      .slice(0, limit)
      .map((f) =>
        el(
          'li',
          {},
          el('span', { class: 'where' }, f.line ? `line ${f.line}${f.seq !== null ? ` · seq ${f.seq}` : ''}` : 'file'),
          el('span', { class: 'cls' }, f.class),
          el('span', {}, f.detail),
        ),
      ),
    ...(findings.length > limit ? [el('li', { class: 'more' }, `and ${findings.length - limit} more`)] : []),
  );
}

const loaded: { trail?: { name: string; bytes: Uint8Array }; keys?: { name: string; keys: BrowserKey[] } } = {};

async function takeFiles(files: FileList | File[], meta: Meta): Promise<void> {
  try {
    for (const f of Array.from(files)) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const head = new TextDecoder().decode(bytes.subarray(0, 8192));
      if (looksLikeKeyFile(head)) loaded.keys = { name: f.name, keys: parseKeyFile(new TextDecoder().decode(bytes)) };
      else loaded.trail = { name: f.name, bytes };
    }
  } catch (err) {
    setStatus('error', 'CANNOT READ', 'That key file could not be read', (err as Error).message);
    return;
  }
  $('loaded').textContent =
    `Trail: ${loaded.trail ? `${loaded.trail.name} (${plural(loaded.trail.bytes.length, 'byte')})` : 'not given yet'} · Keys: ${loaded.keys ? `${loaded.keys.name} (${plural(loaded.keys.keys.length, 'key')})` : 'not given yet'}`;
  if (!loaded.trail)
    return setStatus(
      'waiting',
      'WAITING',
      'Now add the audit file',
      `Keys loaded. Drop ${meta.source} (the JSON Lines audit trail) as well.`,
    );
  if (!loaded.keys)
    return setStatus(
      'waiting',
      'WAITING',
      'Now add the public keys',
      'Drop the keyring from `seatbelt keys export-pub` (or a PEM / ssh-ed25519 public key) as well.',
    );
  await verify(meta, loaded.trail, loaded.keys.keys);
}

async function verify(meta: Meta, trail: { name: string; bytes: Uint8Array }, keys: BrowserKey[]): Promise<void> {
  setStatus('working', 'CHECKING', `Verifying ${trail.name}…`, 'Re-deriving every hash and checking every signature in this browser.');
  let r: BrowserVerifyReport;
  try {
    r = await verifyTrailBytes(trail.bytes, keys, {
      onProgress: (done, total) => ($('status-detail').textContent = `${done.toLocaleString('en')} of ${plural(total, 'line')} checked…`),
    });
  } catch (err) {
    return setStatus('error', 'ERROR', 'The check could not run', `${(err as Error).message}. Nothing was verified.`);
  }
  const same =
    meta.verification?.lastHash && r.lastHash
      ? r.lastHash === meta.verification.lastHash
        ? '; the same last hash as the trail this report was made from'
        : '; a different last hash from the trail this report was made from (a later or another trail)'
      : '';
  const head = r.lastHash ? `Last record: seq ${r.lastSeq} (hash ${r.lastHash.slice(0, 16)}…)${same}.` : '';
  const trunc = 'Deleting the last records cannot be detected from the file alone: keep the last hash elsewhere and compare.';
  const unknownOnly = r.findings.length > 0 && r.findings.every((f) => f.class === 'UNKNOWN_KEY');
  if (r.ok) {
    setStatus(
      'intact',
      'INTACT',
      `Intact: ${plural(r.records, 'record')}, every hash, link and signature checks out`,
      `Verified in this browser (@noble/ed25519, @noble/hashes) with ${plural(keys.length, 'key')} from ${loaded.keys?.name ?? 'the key file'}; signed by ${r.keysUsed.join(', ') || 'no key'}.\n${head}\n${trunc}`,
    );
  } else if (unknownOnly) {
    const signedBy = [...new Set(r.entries.map((e) => String(e.record.key_id)))];
    setStatus(
      'broken',
      'UNKNOWN KEY',
      'Not verified: the records are signed by keys you did not give',
      `The trail is signed by: ${signedBy.join(', ')}\nYou gave: ${keys.map((k) => k.keyId).join(', ')}\nDrop the keyring from \`seatbelt keys export-pub\` (every key, with its validity window) instead.`,
      r.findings,
      3,
    );
  } else {
    const lines = [...new Set(r.findings.map((f) => f.line).filter((l) => l > 0))];
    const where = lines.length
      ? ` (line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 8).join(', ')}${lines.length > 8 ? ', …' : ''})`
      : '';
    setStatus(
      'broken',
      'BROKEN',
      `Broken: ${plural(r.findings.length, 'finding')} in ${trail.name}${where}`,
      `${plural(r.records, 'record')} read; each finding below names its line.\n${head}`,
      r.findings,
    );
  }
  renderFigures(
    summarize(r.entries),
    `Figures from ${trail.name} as read in this browser${r.ok ? ' (verified)' : ' (NOT intact: see the findings above)'}.`,
  );
}

function wireDrop(meta: Meta): void {
  const input = $<HTMLInputElement>('files');
  input.addEventListener('change', () => {
    if (input.files?.length) void takeFiles(input.files, meta);
  });
  const zone = $('drop');
  for (const ev of ['dragenter', 'dragover']) {
    document.addEventListener(ev, (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
  }
  document.addEventListener('dragleave', (e) => {
    if (e.target === document.documentElement || e.target === zone) zone.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer?.files.length) void takeFiles(e.dataTransfer.files, meta);
  });
}

function main(): void {
  const meta = readJson<Meta>('seatbelt-meta');
  const summary = readJson<ReportSummary>('seatbelt-summary');
  const filters = Object.entries(meta.filters)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  $('subtitle').textContent =
    `${meta.source} · ${plural(summary.records, 'record')} · ${fmtTime(summary.first)} → ${fmtTime(summary.last)}${filters ? ` · filtered: ${filters}` : ''}`;
  $('generated').textContent = `Generated ${fmtTime(meta.generated)} by seatbelt.`;
  const v = meta.verification;
  $('claim').textContent = !v
    ? `seatbelt did not check ${meta.source} when generating this report: no public keys were at hand. Verify it yourself above.`
    : v.ok
      ? `When this report was generated, seatbelt verified ${plural(v.records, 'record')} of ${meta.source} as intact (last hash ${v.lastHash?.slice(0, 16) ?? '—'}…). That is seatbelt's claim; verify it yourself above.`
      : `When this report was generated, seatbelt found ${plural(v.findingCount, 'integrity finding')} in ${meta.source}${v.findings[0] ? ` (first: line ${v.findings[0].line}, ${v.findings[0].class})` : ''}.`;
  setStatus(
    'unverified',
    'NOT VERIFIED YET',
    'Not verified in this browser yet',
    `Drop ${meta.source} and the public keys here to check every hash, link and signature yourself. Nothing leaves this page.`,
  );
  renderFigures(summary, `Figures computed by seatbelt from ${meta.source} when the report was generated.`);
  wireDrop(meta);
}

// For tests and the curious: the page's own JCS and verifier, reachable from the console.
(globalThis as Record<string, unknown>).seatbeltReport = { canonicalize, verifyTrailBytes, parseKeyFile };
main();
