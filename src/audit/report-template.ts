// The HTML report's page: markup and styles. report-html.ts fills in the title, the data blocks,
// the Content-Security-Policy and the bundled script (src/audit/browser/page.ts).

export const REPORT_CSS = `
:root { --fg:#1b2330; --muted:#5b6677; --line:#e3e6ea; --bg:#f6f7f9; --card:#fff; --allow:#2f855a; --block:#c53030;
  --ok-bg:#e8f5ee; --ok-fg:#1f6b45; --bad-bg:#fdecec; --bad-fg:#9b1c1c; --wait-bg:#fff8e6; --wait-fg:#7a5300; --idle-bg:#eef1f6; --idle-fg:#3b4a61; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; }
main { max-width:1100px; margin:0 auto; padding:28px 24px 48px; }
header h1 { font-size:26px; margin:0 0 4px; letter-spacing:-0.01em; }
header p { margin:0; color:var(--muted); }
code, .mono { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:13px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:18px 20px; margin-top:18px; }
.card h2 { font-size:16px; margin:0 0 12px; }
.muted { color:var(--muted); }
.status { border-width:2px; }
.status-head { display:flex; align-items:center; gap:12px; flex-wrap:wrap; }
.status-head h2 { margin:0; font-size:19px; }
.badge { font-weight:700; font-size:12px; letter-spacing:.06em; padding:4px 10px; border-radius:999px; background:var(--idle-fg); color:#fff; }
.status[data-state=unverified], .status[data-state=working] { background:var(--idle-bg); border-color:#c9d2e0; }
.status[data-state=waiting] { background:var(--wait-bg); border-color:#efd48a; }
.status[data-state=waiting] .badge { background:var(--wait-fg); }
.status[data-state=intact] { background:var(--ok-bg); border-color:#9fd3b6; }
.status[data-state=intact] .badge { background:var(--ok-fg); }
.status[data-state=intact] h2 { color:var(--ok-fg); }
.status[data-state=broken], .status[data-state=error] { background:var(--bad-bg); border-color:#f0a8a8; }
.status[data-state=broken] .badge, .status[data-state=error] .badge { background:var(--bad-fg); }
.status[data-state=broken] h2, .status[data-state=error] h2 { color:var(--bad-fg); }
#status-detail { margin:10px 0 0; white-space:pre-line; overflow-wrap:anywhere; }
#findings { list-style:none; margin:12px 0 0; padding:0; max-height:320px; overflow:auto; }
#findings li { display:grid; grid-template-columns:150px 150px 1fr; gap:10px; padding:6px 8px; border-top:1px solid #f3c9c9; background:#fff7f7; }
#findings .where { font-weight:600; }
#findings li.more { display:block; color:var(--muted); }
#findings .cls { font-family:ui-monospace,Menlo,Consolas,monospace; font-size:13px; color:var(--bad-fg); font-weight:600; }
.drop { margin-top:14px; border:2px dashed #b8c2d1; border-radius:10px; padding:16px; text-align:center; background:rgba(255,255,255,.6); }
.drop.over { border-color:var(--allow); background:#f0fbf4; }
.drop label { color:#1d5fbf; text-decoration:underline; cursor:pointer; }
.drop input { position:absolute; width:1px; height:1px; opacity:0; }
#loaded { margin-top:6px; font-size:13px; color:var(--muted); }
.fine { font-size:13px; color:var(--muted); margin:10px 0 0; }
.tiles { display:grid; grid-template-columns:repeat(6,minmax(0,1fr)); gap:12px; margin-top:10px; }
.tile { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.tile-value { font-size:22px; font-weight:700; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.tile.allow .tile-value { color:var(--allow); } .tile.block .tile-value { color:var(--block); }
.tile-label { color:var(--muted); font-size:13px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
#figures-origin { margin:18px 0 0; font-size:13px; color:var(--muted); }
svg { width:100%; height:auto; display:block; }
svg .grid { stroke:#eceff3; } svg .axis { fill:var(--muted); font-size:11px; }
svg rect.allow { fill:var(--allow); } svg rect.block { fill:var(--block); }
.legend { margin:6px 0 0; font-size:13px; color:var(--muted); display:flex; align-items:center; gap:6px; }
.key { display:inline-block; width:12px; height:12px; border-radius:3px; margin-left:10px; }
.key.allow { background:var(--allow); } .key.block { background:var(--block); }
.grid2 { display:grid; grid-template-columns:1fr 1fr; gap:18px; }
.grid2 .card { margin-top:18px; }
.row { display:grid; grid-template-columns:minmax(0,1fr) auto; align-items:baseline; column-gap:10px; row-gap:3px; padding:5px 0; }
.row .bar { grid-column:1 / -1; }
.row .label { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.bar { display:flex; height:12px; background:#f1f3f6; border-radius:4px; overflow:hidden; }
.bar .allow { background:var(--allow); } .bar .block { background:var(--block); }
.count { font-variant-numeric:tabular-nums; color:var(--muted); font-size:13px; white-space:nowrap; }
table { width:100%; border-collapse:collapse; font-size:14px; }
th { text-align:left; font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); border-bottom:1px solid var(--line); padding:6px 8px; }
td { border-bottom:1px solid #f0f2f5; padding:6px 8px; vertical-align:top; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:6px; }
.filters input[type=search] { flex:1 1 320px; min-width:220px; padding:7px 10px; border:1px solid #c9d0da; border-radius:7px; font:inherit; }
.filters select, .filters input[type=datetime-local], .filters button, .pager button, .pager select { padding:6px 8px; border:1px solid #c9d0da; border-radius:7px; background:#fff; font:inherit; font-size:14px; color:var(--fg); }
.filters select.active, .filters input.active { border-color:#1d5fbf; background:#eef4ff; }
.filters .when { font-size:13px; color:var(--muted); display:flex; gap:6px; align-items:center; }
.filters button, .pager button { cursor:pointer; }
.pager button:disabled { opacity:.45; cursor:default; }
#match-count { margin:6px 0 8px; font-size:13px; }
.table-wrap { overflow-x:auto; }
#rows td { font-size:13px; }
#rows td.cmd { max-width:360px; }
#rows td.cmd code { display:block; white-space:pre-wrap; overflow-wrap:anywhere; background:#f6f8fa; border-radius:5px; padding:3px 6px; }
#rows .sub { display:block; color:var(--muted); font-size:12px; margin-top:3px; overflow-wrap:anywhere; }
#rows .verdict { font-weight:700; font-size:11px; letter-spacing:.05em; padding:2px 7px; border-radius:999px; color:#fff; }
#rows .verdict.allow { background:var(--allow); } #rows .verdict.block { background:var(--block); }
#rows .rule { display:block; white-space:nowrap; }
#rows .rule.side { opacity:.6; }
#rows .risk { font-size:10px; font-weight:700; padding:1px 5px; border-radius:4px; margin-left:4px; background:#eef1f6; color:#3b4a61; }
#rows .risk.CRITICAL { background:#fdecec; color:#9b1c1c; } #rows .risk.HIGH { background:#fff1e6; color:#9a4a00; }
#rows .risk.MEDIUM { background:#fff8e6; color:#7a5300; }
#rows tr.block td:first-child { box-shadow:inset 3px 0 var(--block); }
.pager { display:flex; gap:12px; align-items:center; justify-content:flex-end; margin-top:10px; font-size:13px; color:var(--muted); flex-wrap:wrap; }
svg g.bucket { cursor:pointer; } svg g.bucket:hover rect { opacity:.8; }
footer { margin-top:24px; font-size:13px; color:var(--muted); }
footer p { margin:4px 0; }
@media (max-width:800px) { .tiles { grid-template-columns:repeat(3,1fr); } .grid2 { grid-template-columns:1fr; } #findings li { grid-template-columns:1fr; gap:0; } }
`;

export const REPORT_BODY = `
<main>
  <header>
    <h1 id="title"></h1>
    <p id="subtitle"></p>
  </header>
  <section id="status" class="card status" data-state="unverified" aria-live="polite">
    <div class="status-head"><span id="status-badge" class="badge"></span><h2 id="status-title"></h2></div>
    <p id="status-detail"></p>
    <ul id="findings"></ul>
    <div id="drop" class="drop">
      <strong>Drop the audit file and the public keys here</strong>, or <label for="files">choose them</label>
      <input type="file" id="files" multiple>
      <div id="loaded">Trail: not given yet · Keys: not given yet</div>
    </div>
    <p class="fine">Everything happens inside this page: nothing is uploaded, and its security policy forbids any network request.
      Keys: the output of <code>seatbelt keys export-pub</code> (with validity windows), or PEM / ssh-ed25519 public keys.</p>
  </section>
  <p id="figures-origin"></p>
  <section id="tiles" class="tiles"></section>
  <section class="card"><h2>Decisions over time</h2><div id="timeline"></div></section>
  <div class="grid2">
    <section class="card"><h2>Blocks by rule</h2><div id="by-rule"></div></section>
    <section class="card"><h2>Decisions by actor</h2><div id="by-actor"></div></section>
  </div>
  <section class="card" id="decisions"><h2>Decisions</h2>
    <form id="filters" class="filters" role="search" autocomplete="off">
      <input type="search" id="q" placeholder="Search commands, reasons, rules, folders, sessions, event ids…" aria-label="Search">
      <select id="f-decision" aria-label="Decision"><option value="">Any decision</option><option value="allow">Allowed</option><option value="block">Blocked</option></select>
      <select id="f-rule" aria-label="Rule"><option value="">Any rule</option></select>
      <select id="f-risk" aria-label="Risk"><option value="">Any risk</option></select>
      <select id="f-actor" aria-label="Actor"><option value="">Any actor</option></select>
      <select id="f-owner" aria-label="Owner"><option value="">Any owner</option></select>
      <label class="when">From <input type="datetime-local" id="f-from" step="60"></label>
      <label class="when">to <input type="datetime-local" id="f-to" step="60"> UTC</label>
      <button type="reset" id="f-clear">Clear</button>
    </form>
    <p id="match-count" class="muted" aria-live="polite"></p>
    <div class="table-wrap">
    <table id="rows"><thead><tr><th>Time (UTC)</th><th>Decision</th><th>Command</th><th>Rules</th><th>Who</th><th>Where</th><th>Result</th></tr></thead><tbody id="row-body"></tbody></table>
    </div>
    <div class="pager">
      <button type="button" id="page-prev">← Newer</button>
      <span id="page-info"></span>
      <button type="button" id="page-next">Older →</button>
      <label>Rows per page <select id="page-size"><option>25</option><option selected>50</option><option>100</option><option>250</option></select></label>
    </div>
  </section>
  <footer>
    <p id="claim"></p>
    <p>How the check works: each line must be the canonical JSON (RFC 8785) of its record; its hash must be
      SHA-256(0x00 ‖ "seatbelt/v1/record\\n" ‖ canonical bytes without hash and sig); its Ed25519 signature must verify
      under a given key that was valid at the time; seq must count up from 0 and prev_hash must name the record before.</p>
    <p id="generated"></p>
  </footer>
</main>
`;
