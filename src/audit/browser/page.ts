// The HTML report's script (bundled by scripts/build.mjs into dist/report-page.js and inlined in
// every report). It draws the figures from the summary seatbelt embedded, and verifies a trail the
// auditor drops on the page, in the browser, then redraws the figures from what it verified.
// All text goes in through textContent: agent ids and reasons in a trail are untrusted input.
import { blockingRules, decisionRows, figuresOf, summarize, type DecisionRow, type Figures, type ReportSummary } from './summary.js';
import { emptyFilter, filterChoices, haystackOf, NO_OWNER, rowMatcher, toUtcInput, utcInput, type RowFilter } from './filters.js';
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

function renderFigures(s: Figures): void {
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
}

const bucketLabel = (s: Figures, start: string) => (s.bucketMs < 86_400_000 ? start.slice(5, 16).replace('T', ' ') : start.slice(0, 10));

function renderTimeline(s: Figures): void {
  const box = $('timeline');
  if (s.buckets.length === 0) return void box.replaceChildren(el('p', { class: 'muted' }, 'No decisions to show.'));
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
    const g = svg('g', { class: 'bucket', 'data-start': b.start });
    const title = svg('title', {});
    title.textContent = `${fmtTime(b.start)}: ${b.allow} allowed, ${b.block} blocked (click to show this ${s.bucket})`;
    g.append(title);
    // A transparent full-height target, so an empty or short bar is easy to click.
    g.append(svg('rect', { x, width: w, y: pad.t, height: H - pad.t - pad.b, fill: 'transparent' }));
    if (b.allow) g.append(svg('rect', { x, width: w, y: y(b.allow), height: y(0) - y(b.allow), class: 'allow' }));
    if (b.block) g.append(svg('rect', { x, width: w, y: y(b.allow + b.block), height: y(b.allow) - y(b.allow + b.block), class: 'block' }));
    g.addEventListener('click', () => view.narrowTo(Date.parse(b.start), Date.parse(b.start) + s.bucketMs - 60_000));
    root.append(g);
  });
  const ticks = Math.min(6, s.buckets.length);
  for (let k = 0; k < ticks; k++) {
    const i = ticks === 1 ? 0 : Math.round((k * (s.buckets.length - 1)) / (ticks - 1));
    // The outermost labels align to the plot's edges so they are never cut off.
    const anchor = ticks > 1 && k === 0 ? 'start' : ticks > 1 && k === ticks - 1 ? 'end' : 'middle';
    const x = anchor === 'start' ? pad.l + i * bw : anchor === 'end' ? pad.l + (i + 1) * bw : pad.l + (i + 0.5) * bw;
    const t = svg('text', { x, y: H - 12, 'text-anchor': anchor, class: 'axis' });
    t.textContent = bucketLabel(s, s.buckets[i]!.start);
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
      el('span', { class: 'muted' }, ` · one bar per ${s.bucket} (UTC) · click a bar to show only its decisions`),
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

// ---- decisions: search, filters, paging -----------------------------------------------------

function commandCell(r: DecisionRow): HTMLElement {
  const what = r.kind === 'sql' ? `SQL${r.dialect ? ` (${r.dialect})` : ''}` : r.kind === 'tool' ? `tool ${r.tool ?? ''}`.trim() : r.kind;
  const cell = el('td', { class: 'cmd' });
  if (r.input !== null) cell.append(el('code', { class: 'input' }, r.input));
  else
    cell.append(
      el(
        'span',
        { class: 'muted', title: `input sha256 ${r.inputSha256 ?? '?'}` },
        'command not recorded (run with --record-input to keep it)',
      ),
    );
  const why = r.decision === 'block' && r.remediation ? `${r.reason} — fix: ${r.remediation}` : r.reason;
  cell.append(el('span', { class: 'sub' }, `${what}${r.tool && r.kind !== 'tool' ? ` · tool ${r.tool}` : ''} · ${why}`));
  return cell;
}

function rulesCell(r: DecisionRow): HTMLElement {
  if (r.rules.length === 0) return el('td', { class: 'muted' }, '—');
  const blocking = new Set(blockingRules(r));
  return el(
    'td',
    {},
    ...r.rules.map((x) =>
      el(
        'span',
        { class: `rule${blocking.has(x.id) || r.decision !== 'block' ? '' : ' side'}` },
        el('code', {}, x.id),
        el('span', { class: `risk ${x.risk}` }, x.risk || '?'),
      ),
    ),
  );
}

function whoCell(r: DecisionRow): HTMLElement {
  const extra = [
    r.owner && r.owner !== r.actor ? `owner ${r.owner}` : null,
    r.user || r.host ? `${r.user ?? '?'}@${r.host ?? '?'}` : null,
    r.role ? `role ${r.role}` : null,
  ];
  return el(
    'td',
    {},
    el('span', { class: 'actor' }, r.actor),
    ...extra.filter((x): x is string => !!x).map((x) => el('span', { class: 'sub' }, x)),
  );
}

function whereCell(r: DecisionRow): HTMLElement {
  return el(
    'td',
    {},
    el('code', { class: 'cwd' }, r.cwd ?? '—'),
    ...(r.session ? [el('span', { class: 'sub' }, `session ${r.session}`)] : []),
  );
}

function resultCell(r: DecisionRow): HTMLElement {
  const o = r.outcome;
  if (r.decision === 'block') return el('td', { class: 'muted' }, 'not run');
  if (!o)
    return el(
      'td',
      { class: 'muted', title: 'no outcome record: not run through seatbelt exec, still running, or seatbelt was stopped' },
      'no outcome',
    );
  const how = o.error ? `could not start: ${o.error}` : o.signal ? `signal ${o.signal}` : `exit ${o.exitCode ?? '?'}`;
  return el(
    'td',
    {},
    how,
    ...(o.durationMs !== null ? [el('span', { class: 'sub' }, `${(o.durationMs / 1000).toFixed(o.durationMs < 10_000 ? 1 : 0)} s`)] : []),
  );
}

function rowOf(r: DecisionRow): HTMLElement {
  return el(
    'tr',
    { class: r.decision, 'data-line': String(r.line), 'data-event': r.eventId },
    el('td', {}, fmtTime(r.time), el('span', { class: 'sub' }, `line ${r.line}${r.seq !== null ? ` · seq ${r.seq}` : ''}`)),
    el(
      'td',
      {},
      el(
        'span',
        { class: `verdict ${r.decision}` },
        r.decision === 'block' ? 'BLOCK' : r.decision === 'allow' ? 'ALLOW' : r.decision.toUpperCase(),
      ),
    ),
    commandCell(r),
    rulesCell(r),
    whoCell(r),
    whereCell(r),
    resultCell(r),
  );
}

function fillSelect(id: string, values: string[], label: (v: string) => string = (v) => v): void {
  const select = $<HTMLSelectElement>(id);
  const keep = select.value;
  const first = select.options[0]!;
  select.replaceChildren(first, ...values.map((v) => el('option', { value: v }, label(v))));
  select.value = values.includes(keep) ? keep : '';
}

/** The rows on show: all decisions of the trail, the filters over them, the page. */
const view = {
  rows: [] as DecisionRow[],
  haystacks: [] as string[],
  matching: [] as DecisionRow[],
  page: 0,
  origin: '',

  setRows(rows: DecisionRow[], origin: string): void {
    // Newest first: the trail is in time order, so the reverse of file order.
    this.rows = [...rows].reverse();
    this.haystacks = this.rows.map(haystackOf);
    this.origin = origin;
    const c = filterChoices(this.rows);
    fillSelect('f-rule', c.rules);
    fillSelect('f-risk', c.risks);
    fillSelect('f-actor', c.actors);
    fillSelect('f-owner', c.owners, (v) => (v === NO_OWNER ? 'No owner' : v));
    const times = this.rows.map((r) => Date.parse(r.time)).filter((t) => !Number.isNaN(t));
    for (const id of ['f-from', 'f-to']) {
      const input = $<HTMLInputElement>(id);
      if (times.length) {
        input.min = toUtcInput(Math.min(...times));
        input.max = toUtcInput(Math.max(...times) + 60_000);
      }
    }
    this.apply(true);
  },

  filter(): RowFilter {
    const f = emptyFilter();
    f.query = $<HTMLInputElement>('q').value;
    f.decision = $<HTMLSelectElement>('f-decision').value;
    f.rule = $<HTMLSelectElement>('f-rule').value;
    f.risk = $<HTMLSelectElement>('f-risk').value;
    f.actor = $<HTMLSelectElement>('f-actor').value;
    f.owner = $<HTMLSelectElement>('f-owner').value;
    f.from = utcInput($<HTMLInputElement>('f-from').value);
    f.to = utcInput($<HTMLInputElement>('f-to').value, true);
    return f;
  },

  apply(resetPage: boolean): void {
    const f = this.filter();
    const match = rowMatcher(f);
    this.matching = this.rows.filter((r, i) => match(r, this.haystacks[i]!));
    if (resetPage) this.page = 0;
    for (const id of ['q', 'f-decision', 'f-rule', 'f-risk', 'f-actor', 'f-owner', 'f-from', 'f-to']) {
      const e = $<HTMLInputElement>(id);
      e.classList.toggle('active', e.value !== '');
    }
    const filtered = this.matching.length !== this.rows.length;
    // The figures follow the filters, oldest first as the trail is.
    renderFigures(figuresOf([...this.matching].reverse()));
    $('figures-origin').textContent = filtered
      ? `${this.origin} Showing the ${plural(this.matching.length, 'decision')} that match the search and filters (of ${this.rows.length.toLocaleString('en')}).`
      : this.origin;
    this.draw();
  },

  draw(): void {
    const size = Number($<HTMLSelectElement>('page-size').value) || 50;
    const pages = Math.max(1, Math.ceil(this.matching.length / size));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    const from = this.page * size;
    const shown = this.matching.slice(from, from + size);
    $('row-body').replaceChildren(
      ...(shown.length
        ? shown.map(rowOf)
        : [
            el(
              'tr',
              {},
              el(
                'td',
                { colspan: '7', class: 'muted' },
                this.rows.length ? 'No decision matches the search and filters.' : 'No decisions.',
              ),
            ),
          ]),
    );
    const total = this.rows.length;
    $('match-count').textContent =
      this.matching.length === total
        ? `${plural(total, 'decision')}, newest first.`
        : `${plural(this.matching.length, 'decision')} of ${total.toLocaleString('en')} match, newest first.`;
    $('page-info').textContent = shown.length
      ? `${(from + 1).toLocaleString('en')}–${(from + shown.length).toLocaleString('en')} of ${this.matching.length.toLocaleString('en')} · page ${this.page + 1} of ${pages}`
      : '';
    $<HTMLButtonElement>('page-prev').disabled = this.page === 0;
    $<HTMLButtonElement>('page-next').disabled = this.page >= pages - 1;
  },

  narrowTo(from: number, to: number): void {
    $<HTMLInputElement>('f-from').value = toUtcInput(from);
    $<HTMLInputElement>('f-to').value = toUtcInput(to);
    this.apply(true);
  },
};

function wireFilters(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  $('q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => view.apply(true), 120);
  });
  for (const id of ['f-decision', 'f-rule', 'f-risk', 'f-actor', 'f-owner', 'f-from', 'f-to'])
    $(id).addEventListener('change', () => view.apply(true));
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('filters').addEventListener('reset', () => setTimeout(() => view.apply(true), 0));
  $('page-prev').addEventListener('click', () => {
    view.page--;
    view.draw();
  });
  $('page-next').addEventListener('click', () => {
    view.page++;
    view.draw();
  });
  $('page-size').addEventListener('change', () => {
    view.page = 0;
    view.draw();
  });
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
  view.setRows(
    decisionRows(r.entries),
    `Figures and decisions from ${trail.name} as verified in this browser${r.ok ? '' : ' (only the records that verify; see the findings above)'}.`,
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
  const rows = readJson<DecisionRow[]>('seatbelt-rows');
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
  wireFilters();
  view.setRows(rows, `Figures and decisions from ${meta.source} as seatbelt read it when the report was generated.`);
  wireDrop(meta);
}

// For tests and the curious: the page's own JCS and verifier, reachable from the console.
(globalThis as Record<string, unknown>).seatbeltReport = { canonicalize, verifyTrailBytes, parseKeyFile, summarize };
main();
