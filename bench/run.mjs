// seatbelt's benchmarks with budgets (issue 8). Run by `npm run bench` (which builds first).
// Every figure is measured next to a baseline in the same run, interleaved (A B A B …), medians of
// at least 15 rounds; printed as a table and written to bench/results.json.
// Env: BENCH_RUNS (rounds of the cold figures, default 15), BENCH_VERIFY_RUNS (default 15),
// BENCH_WARM_ROUNDS (default 2000), BENCH_TRAIL (records in the verify trail, default 100000),
// BENCH_PARALLEL_RUNS (in-process verify, one thread vs all cores, default 3), BENCH_ONLY
// (comma-separated sections: cold, warm, jsonl, verify, rss, gateway), BENCH_KEEP_ENV=1 (see below).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMs, instructionsM, interleave, median, peakRssMb } from './measure.mjs';
import { bundleLibrary, ROOT } from './lib-bundle.mjs';
import { AGENT_BLOB, SNAPSHOT_FLAGS } from '../scripts/snapshot.mjs';
import { generateTrail } from './trail.mjs';

const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 15));
// BENCH_COUNT=instructions: the start-up figures in instructions (callgrind), the batch in CPU time,
// for a machine too busy for wall-clock figures; the ratios to node -e 0 keep their budgets.
const COUNT = process.env.BENCH_COUNT === 'instructions';
const VERIFY_RUNS = Math.max(1, Number(process.env.BENCH_VERIFY_RUNS ?? 15));
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 2000);
const TRAIL = Number(process.env.BENCH_TRAIL ?? 100_000);
const PARALLEL_RUNS = Math.max(1, Number(process.env.BENCH_PARALLEL_RUNS ?? 3));
const BIN = path.join(ROOT, 'bin', 'seatbelt');
const TYPICAL = 'git status --short && npm test -- --watch=false 2>&1 | tail -n 40';
const SQL =
  "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@example.com' ORDER BY o.id DESC LIMIT 20";

// Valgrind emulates a processor, and V8 ties a snapshot to the processor's features: where node
// under it refuses the blob, the counts would be the bundle's, not those of the runs measured.
if (COUNT) {
  const probe = spawnSync(
    'valgrind',
    ['--tool=none', process.execPath, ...SNAPSHOT_FLAGS, '--snapshot-blob', AGENT_BLOB, BIN, '--version'],
    {
      encoding: 'utf8',
    },
  );
  if (probe.status !== 0) {
    console.error(
      `BENCH_COUNT=instructions: node under valgrind does not start the snapshot (exit ${probe.status}); measure wall time here`,
    );
    process.exit(2);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seatbelt-bench-'));
const home = path.join(tmp, 'home');
const audit = path.join(tmp, 'audit.jsonl');
// NODE_EXTRA_CA_CERTS makes every node process read and parse a CA bundle at start (~40 ms of CPU on
// this machine, measured), the baseline as much as seatbelt: it hides seatbelt's own cost in the
// ratio. The start-up figures are measured both ways: "clean" (without it) and "as shipped" (the
// environment as given, when it sets it); every other figure runs clean unless BENCH_KEEP_ENV=1.
const baseEnv = { ...process.env };
if (process.env.BENCH_KEEP_ENV !== '1') delete baseEnv.NODE_EXTRA_CA_CERTS;
const env = { ...baseEnv, SEATBELT_HOME: home, SEATBELT_AUDIT: audit, NO_COLOR: '1' };
const cleanEnv = { ...env };
delete cleanEnv.NODE_EXTRA_CA_CERTS;
const shippedEnv = { ...process.env, SEATBELT_HOME: home, SEATBELT_AUDIT: audit, NO_COLOR: '1' };
const work = path.join(tmp, 'cwd');
mkdirSync(work, { recursive: true });
mkdirSync(path.join(tmp, 'peer-home'));

const rows = [];
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  runs: RUNS,
  env: { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? null, clean: true, asShipped: Boolean(process.env.NODE_EXTRA_CA_CERTS) },
  figures: rows,
};

function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    os: `${os.type()} ${os.release()}`,
    loadavgAtStart: os.loadavg(),
  };
}

/** One row of the table. `budget` is { max, unit, of: 'ratio' | 'value' } or absent (information only). */
function record(row) {
  const judged = row.budget ? (row.budget.of === 'ratio' ? row.ratio : row.value) : undefined;
  row.pass = row.budget ? (row.budget.min !== undefined ? judged >= row.budget.min : judged <= row.budget.max) : null;
  rows.push(row);
  const mark = row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL';
  console.error(
    `  ${mark.padEnd(4)} ${row.figure}: ${fmt(row.value, row.unit)} (baseline ${row.baselineLabel} ${fmt(row.baseline, row.baselineUnit ?? row.unit)}${row.ratio !== undefined ? `, ${row.ratio.toFixed(2)}×` : ''})`,
  );
}

function failed(figure, err) {
  rows.push({ figure, error: err.message, pass: false });
  console.error(`  ERR  ${figure}: ${err.message}`);
}

const fmt = (v, unit) =>
  v === undefined || Number.isNaN(v) ? '-' : `${v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;

const sb = (label, args, extra = {}) => ({ label, file: BIN, args, env, cwd: work, ...extra });
const nodeE0 = { label: 'node -e 0', file: process.execPath, args: ['-e', '0'], env, cwd: work };
// The library entry (`import … from 'seatbelt'`), imported by a fresh ES module.
const LIBRARY = path.join(ROOT, 'dist', 'lib', 'index.mjs');
const PARSERS = ['web-tree-sitter', 'tree-sitter-bash', 'libpg-query', 'node-sql-parser'];
const importLibrary = {
  label: 'node -e "import(\'seatbelt\')" (library)',
  file: process.execPath,
  args: ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(LIBRARY).href)})`],
  env,
  cwd: work,
};
// The library's import with a first decision (an argv command, no parser): the analysis loads with
// the first decision (src/adapters/session.ts), so the import alone does not show its cost.
const importAndDecide = {
  label: 'node -e "import(\'seatbelt\')" + createGuard + first check (argv)',
  file: process.execPath,
  args: [
    '--input-type=module',
    '-e',
    `const { createGuard } = await import(${JSON.stringify(pathToFileURL(LIBRARY).href)});
const d = await createGuard().check({ kind: 'argv', argv: ['ls', '-la'] });
if (d.decision !== 'allow') throw new Error(d.reason);`,
  ],
  env,
  cwd: work,
};
const bareTrue = { label: 'true', file: 'true', args: [], env, cwd: work };

/** The payload a Claude Code PreToolUse hook gets for a typical Bash call, in the bench's working folder. */
function hookPayload() {
  const file = path.join(tmp, 'hook-payload.json');
  const payload = {
    session_id: '8f0c6a4e-2b1d-4c55-9a0e-3d6f1b7e2a90',
    transcript_path: path.join(tmp, 'transcript.jsonl'),
    cwd: work,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: TYPICAL, description: 'Run the tests' },
    tool_use_id: 'toolu_01ABCDEF2345GHIJ6789KLMO',
  };
  writeFileSync(file, JSON.stringify(payload));
  return readFileSync(file, 'utf8');
}

/** The peer's hook: cc-safety-net (TypeScript, a Claude Code PreToolUse hook), a dev dependency of the bench. */
const PEER = path.join(ROOT, 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');
const allowedBy = (host) => (r) => {
  const out = String(r.stdout);
  if (/"permissionDecision"\s*:\s*"deny"/.test(out)) throw new Error(`${host} denied the typical command: ${out.slice(0, 300)}`);
};

/**
 * Start-up figures, each next to `node -e 0` in the same rounds, in one environment. Budgets are
 * issue 19's: `budgets[key]` is the ratio to node -e 0 (absent: information only).
 */
function coldSection(label, e, budgets) {
  const input = hookPayload();
  const sbE = (name, args, extra = {}) => ({ label: name, file: BIN, args, env: e, cwd: work, ...extra });
  const node = { label: 'node -e 0', file: process.execPath, args: ['-e', '0'], env: e, cwd: work };
  const subjects = [
    { key: 'exec', v: sbE('seatbelt exec -- true', ['exec', '--', 'true']) },
    { key: 'check', v: sbE('seatbelt check --shell <typical>', ['check', '--shell', TYPICAL]) },
    { key: 'sql', v: sbE('seatbelt sql (postgresql)', ['sql', '--dialect', 'postgresql', SQL]) },
    { key: 'sql', v: sbE('seatbelt sql (mysql)', ['sql', '--dialect', 'mysql', SQL]) },
    { key: 'hook', v: sbE('seatbelt hook claude-code (one call)', ['hook', 'claude-code'], { input, check: allowedBy('seatbelt') }) },
    // The same call through the hook daemon (docs/daemon.md), started below for this environment.
    // Not in instruction counts: the daemon's work is in another process.
    ...(COUNT
      ? []
      : [
          {
            key: 'hook',
            v: sbE('seatbelt hook claude-code --daemon (one call, daemon running)', ['hook', 'claude-code', '--daemon'], {
              input,
              check: allowedBy('seatbelt'),
            }),
          },
        ]),
    // Its own home (it writes logs there), the same payload on stdin.
    {
      key: 'peer',
      v: {
        label: 'peer hook: cc-safety-net --claude-code',
        file: PEER,
        args: ['--claude-code'],
        env: { ...e, HOME: path.join(tmp, 'peer-home') },
        cwd: work,
        input,
        check: allowedBy('cc-safety-net'),
      },
    },
    // No code cache for an ES module on Node 20; the decision engine (~800 KB) is compiled with the
    // first decision, not at the import (src/adapters/session.ts), hence the second figure.
    { key: 'import', v: { ...importLibrary, env: e } },
    { key: 'importDecide', v: { ...importAndDecide, env: e } },
    ...agentFloor(e),
  ];
  const daemon = COUNT ? undefined : startDaemon(e);
  // A subject that does not work is reported and dropped, so the others still get measured.
  const working = [];
  for (const s of subjects) {
    try {
      interleave([s.v], 0, { warmup: 1 });
      working.push(s);
    } catch (err) {
      failed(`${s.v.label} [${label}]`, err);
    }
  }
  const variants = [node, bareTrue, ...working.map((s) => s.v)].map((v) => ({ ...v, env: v.env ?? e }));
  console.error(`cold start, ${label}: ${COUNT ? 'instructions (callgrind), one run each' : `${RUNS} interleaved rounds`}`);
  const samples = COUNT ? variants.map((v) => [instructionsM(v)]) : interleave(variants, RUNS);
  daemon?.kill('SIGTERM');
  const unit = COUNT ? 'M instr' : 'ms';
  const med = samples.map(median);
  const [nodeMs, trueMs] = med;
  const peerAt = working.findIndex((s) => s.key === 'peer');
  working.forEach((s, i) => {
    const value = med[i + 2];
    const budget = budgets[s.key];
    record({
      figure: `${s.v.label} [${label}]`,
      value,
      unit,
      baselineLabel: 'node -e 0',
      baseline: nodeMs,
      ratio: value / nodeMs,
      ...(budget ? { budget: { of: 'ratio', max: budget } } : {}),
      samples: samples[i + 2],
    });
    if (s.key === 'exec')
      record({
        figure: `seatbelt exec -- true vs bare true [${label}]`,
        value,
        unit,
        baselineLabel: 'true',
        baseline: trueMs,
        ratio: value / trueMs,
      });
    if (s.key === 'hook' && peerAt >= 0) {
      const peer = med[peerAt + 2];
      record({
        figure: `${s.v.label.replace(/ \(one call.*\)$/, '')} vs the peer's hook [${label}]`,
        value,
        unit,
        baselineLabel: 'cc-safety-net',
        baseline: peer,
        ratio: value / peer,
        ...(budgets.vsPeer ? { budget: { of: 'ratio', max: budgets.vsPeer } } : {}),
      });
    }
  });
}

/**
 * The floor of exec, check, sql and the hooks, for information: the agent commands' snapshot, as
 * bin/seatbelt starts it, exiting at its first line (V8 checks and deserialises the heap that holds
 * the guard's engine before any of a command's own work). Left out where the blob does not start
 * (none built, or made by another node: bin/seatbelt would not use it either).
 */
function agentFloor(e) {
  const exitAtOnce = path.join(tmp, 'exit-at-once.cjs');
  writeFileSync(exitAtOnce, 'process.exit(0);\n');
  const floor = {
    label: 'floor: the agent snapshot, exiting at its first line',
    file: process.execPath,
    args: [...SNAPSHOT_FLAGS, '--require', exitAtOnce, '--snapshot-blob', AGENT_BLOB, BIN],
    // As bin/seatbelt starts the agent commands: without NODE_EXTRA_CA_CERTS, with glibc's huge
    // pages asked for (see there).
    env: {
      ...Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS')),
      GLIBC_TUNABLES: `glibc.malloc.hugetlb=1${e.GLIBC_TUNABLES ? `:${e.GLIBC_TUNABLES}` : ''}`,
    },
    cwd: work,
  };
  if (spawnSync(floor.file, floor.args, { env: floor.env, cwd: work, stdio: 'ignore' }).status === 0) return [{ key: 'floor', v: floor }];
  console.error('  note: no agent snapshot that this node starts, so no floor row');
  return [];
}

/** The hook daemon for environment `e` (the hook --daemon subject's), up and listening; killed after the section. */
function startDaemon(e) {
  const dir = path.join(e.SEATBELT_HOME, 'daemon');
  const sockets = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sock')) : []);
  const before = new Set(sockets());
  const daemon = spawn(BIN, ['daemon', '--idle-exit', '600'], { env: e, cwd: work, stdio: 'ignore' });
  const end = Date.now() + 15_000;
  const listening = () => sockets().some((f) => !before.has(f));
  while (!listening() && Date.now() < end) spawnSync('sleep', ['0.05']);
  return daemon;
}

async function coldFigures() {
  // The library's import must load no parser (they load on the first decision that needs one).
  const probe = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'import-probe.mjs'), LIBRARY, '--decide'], {
    env,
    cwd: work,
    encoding: 'utf8',
  });
  try {
    const { imported, decided } = JSON.parse(probe.stdout);
    const parsers = imported.filter((p) => PARSERS.some((name) => p === name || p.startsWith(`${name}/`)));
    if (parsers.length) throw new Error(`importing the library loaded ${parsers.join(', ')}`);
    if (!decided.loaded.includes('web-tree-sitter')) throw new Error('the probe did not see the first decision load the shell parser');
    console.error(
      `  ok   import 'seatbelt' loads no parser (packages imported: ${imported.length ? imported.join(', ') : 'none'}; the first shell decision loads ${decided.loaded.join(', ')})`,
    );
  } catch (err) {
    failed("import 'seatbelt' loads no parser", new Error(`${err.message}${probe.stderr ? `: ${probe.stderr.trim().slice(0, 300)}` : ''}`));
  }
  // Issue 19's budgets: clean, and exec as shipped (the rest as shipped is reported for information).
  coldSection('clean', cleanEnv, { exec: 1.6, check: 2, sql: 2, hook: 2, vsPeer: 1, import: 3 });
  if (shippedEnv.NODE_EXTRA_CA_CERTS) coldSection('as shipped, NODE_EXTRA_CA_CERTS set', shippedEnv, { exec: 1.3 });
  else console.error('  note: NODE_EXTRA_CA_CERTS is not set here, so "as shipped" is the clean environment');
}

async function warmFigures(lib) {
  console.error(`warm, in-process: ${WARM_ROUNDS} rounds`);
  const warmAudit = path.join(tmp, 'warm-audit.jsonl');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'warm.mjs'), lib, home, warmAudit, String(WARM_ROUNDS)], {
    env,
    cwd: work,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`warm.mjs: ${r.stderr.trim().slice(0, 500)}`);
  const w = JSON.parse(r.stdout);
  const d = w.decision;
  record({
    figure: 'decision p50 (typical shell command)',
    value: d.subject.p50,
    unit: 'ms',
    baselineLabel: 'sha256 of input',
    baseline: d.baseline.p50,
    ratio: d.subject.p50 / d.baseline.p50,
    budget: { of: 'value', max: 0.2 },
  });
  record({
    figure: 'decision p99',
    value: d.subject.p99,
    unit: 'ms',
    baselineLabel: 'sha256 of input',
    baseline: d.baseline.p99,
    ratio: d.subject.p99 / d.baseline.p99,
  });
  const s = w.sealed;
  record({
    figure: 'decision + seal + fsync p50',
    value: s.subject.p50,
    unit: 'ms',
    baselineLabel: `write+fsync ${w.lineBytes} B`,
    baseline: s.baseline.p50,
    ratio: s.subject.p50 / s.baseline.p50,
    budget: { of: 'value', max: 1 },
  });
  record({
    figure: 'decision + seal + fsync p99',
    value: s.subject.p99,
    unit: 'ms',
    baselineLabel: `write+fsync ${w.lineBytes} B`,
    baseline: s.baseline.p99,
    ratio: s.subject.p99 / s.baseline.p99,
  });
}

function jsonlBatch(n) {
  const kinds = [
    (i) => ({ shell: `ls -la src/dir${i} && git diff --stat HEAD~1` }),
    (i) => ({ shell: `grep -rn "TODO ${i}" src | head -n 20` }),
    (i) => ({ argv: ['npm', 'run', `build:${i}`] }),
    (i) => ({ shell: `rm -rf /tmp/build-${i}` }),
    (i) => ({ sql: `SELECT * FROM t${i} WHERE id = ${i}`, dialect: 'postgresql' }),
  ];
  return Array.from({ length: n }, (_, i) => JSON.stringify(kinds[i % kinds.length](i))).join('\n') + '\n';
}

function jsonlFigure() {
  const N = Number(process.env.BENCH_JSONL_LINES ?? 2000);
  console.error(
    `check --jsonl: ${COUNT ? '3 rounds (CPU time)' : `${RUNS} interleaved rounds`} of 1 line vs ${N.toLocaleString('en')} unique lines`,
  );
  const check = (n) => (r) => {
    const lines = String(r.stdout).trim().split('\n');
    if (lines.length !== n) throw new Error(`check --jsonl answered ${lines.length} lines for ${n}`);
  };
  const one = sb('check --jsonl, 1 line', ['check', '--jsonl'], { input: jsonlBatch(1), check: check(1) });
  const many = sb(`check --jsonl, ${N} lines`, ['check', '--jsonl'], { input: jsonlBatch(N), check: check(N) });
  const rounds = COUNT ? 3 : RUNS;
  const [a, b] = (COUNT ? [one, many].map((v) => Array.from({ length: rounds }, () => cpuMs(v))) : interleave([one, many], rounds)).map(
    median,
  );
  const how = COUNT ? ' (CPU time)' : '';
  record({
    figure: `check --jsonl ${N.toLocaleString('en')} unique lines, end to end${how}`,
    value: N / (b / 1000),
    unit: '/s',
    baselineLabel: '1-line batch',
    baseline: a,
    baselineUnit: 'ms',
    ratio: b / a,
  });
  // The line rate once started (issue 19: >= 10,000 unique lines/s).
  record({
    figure: `check --jsonl line rate (minus the 1-line batch)${how}`,
    value: (N - 1) / ((b - a) / 1000),
    unit: '/s',
    baselineLabel: '1-line batch',
    baseline: a,
    baselineUnit: 'ms',
    budget: { of: 'value', min: 10000 },
  });
}

async function verifyFigure(lib) {
  console.error(`verify: generating a ${TRAIL.toLocaleString('en')}-record trail`);
  const trail = path.join(tmp, 'trail.jsonl');
  const t0 = performance.now();
  await generateTrail(lib, { home, file: trail, records: TRAIL });
  console.error(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${VERIFY_RUNS} interleaved rounds`);
  const verify = sb(`seatbelt verify (${TRAIL} records)`, ['verify', trail]);
  const base = { label: 'sha256sum', file: 'sha256sum', args: [trail], env, cwd: work };
  const [b, v] = interleave([base, verify], VERIFY_RUNS).map(median);
  record({
    figure: `verify ${TRAIL.toLocaleString('en')} records`,
    value: v / 1000,
    unit: 's',
    baselineLabel: 'sha256sum of the file',
    baseline: b / 1000,
    ratio: v / b,
    budget: { of: 'value', max: 5 }, // issue 17 (1,000,000 records in ≤ 100 MB: bench/verify-scale.mjs)
  });

  // What the worker threads buy, in this process: the library's verifyTrail alone vs
  // verifyTrailParallel (signatures checked on the other cores), interleaved.
  const { readFileSync } = await import('node:fs');
  const m = await import(lib);
  const bytes = readFileSync(trail);
  const publicKeys = m.keys.readHomePublicKeys(home).map((k) => k.key);
  const worker = path.join(ROOT, 'dist', 'verify-worker.mjs');
  const serial = [];
  const parallel = [];
  for (let i = 0; i < PARALLEL_RUNS; i++) {
    let t = performance.now();
    const a = m.verify.verifyTrail(bytes, { publicKeys });
    serial.push(performance.now() - t);
    t = performance.now();
    const p = await m.verifyParallel.verifyTrailParallel(bytes, { publicKeys, worker, threads: os.availableParallelism() - 1 });
    parallel.push(performance.now() - t);
    if (!a.ok || !p.ok || a.records !== p.records) throw new Error('the trail did not verify in-process');
  }
  const [sm, pm] = [median(serial), median(parallel)];
  record({
    figure: `verifyTrailParallel in-process (${os.availableParallelism() - 1} worker)`,
    value: pm / 1000,
    unit: 's',
    baselineLabel: 'verifyTrail, one thread',
    baseline: sm / 1000,
    ratio: pm / sm,
  });
}

async function rssFigures() {
  console.error(`peak RSS: ${RUNS} interleaved rounds`);
  const subjects = [
    { v: sb('exec -- true', ['exec', '--', 'true']), max: 60 },
    { v: sb('sql (postgresql)', ['sql', '--dialect', 'postgresql', SQL]), max: 100 },
    { v: sb('sql (mysql)', ['sql', '--dialect', 'mysql', SQL]), max: 100 },
  ];
  const all = [nodeE0, ...subjects.map((s) => s.v)];
  const samples = all.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [j, v] of all.entries()) samples[j].push(await peakRssMb(v).catch((e) => e));
  const node = median(samples[0]);
  subjects.forEach((s, i) => {
    const xs = samples[i + 1];
    const err = xs.find((x) => x instanceof Error);
    if (err) return failed(`peak RSS ${s.v.label}`, err);
    const value = median(xs);
    record({
      figure: `peak RSS ${s.v.label}`,
      value,
      unit: 'MB',
      baselineLabel: 'node -e 0',
      baseline: node,
      ratio: value / node,
      budget: { of: 'value', max: s.max },
    });
  });
}

function printTable() {
  const head = ['figure', 'value', 'baseline', 'ratio', 'budget', 'result'];
  const body = rows.map((r) =>
    r.error
      ? [r.figure, 'error', '-', '-', '-', `FAIL (${r.error.slice(0, 60)})`]
      : [
          r.figure,
          fmt(r.value, r.unit),
          `${fmt(r.baseline, r.baselineUnit ?? r.unit)} (${r.baselineLabel})`,
          r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}×`,
          !r.budget
            ? '-'
            : r.budget.min !== undefined
              ? `≥ ${r.budget.min} ${r.unit}`
              : r.budget.of === 'ratio'
                ? `≤ ${r.budget.max}×`
                : `≤ ${r.budget.max} ${r.unit}`,
          r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL',
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}

try {
  const lib = await bundleLibrary();
  const gateway = async () => {
    console.error('gateway: seatbelt serve --dev in front of a local upstream (bench/gateway.mjs)');
    const { gatewayBench } = await import('./gateway.mjs');
    for (const row of await gatewayBench()) record(row);
  };
  const sections = [coldFigures, () => warmFigures(lib), jsonlFigure, () => verifyFigure(lib), rssFigures, gateway];
  const only = process.env.BENCH_ONLY?.split(',');
  const names = ['cold', 'warm', 'jsonl', 'verify', 'rss', 'gateway'];
  for (const [i, section] of sections.entries()) {
    if (only && !only.includes(names[i])) continue;
    try {
      await section();
    } catch (err) {
      failed(names[i], err);
    }
  }
  results.machine.loadavgAtEnd = os.loadavg();
  const load = [results.machine.loadavgAtStart[0], results.machine.loadavgAtEnd[0]].map((l) => l.toFixed(1)).join(' → ');
  console.log(
    `\nseatbelt bench — ${results.machine.cpu}, ${results.machine.cpus} cores, node ${results.machine.node}, ${RUNS} rounds (medians), load average ${load}\n`,
  );
  printTable();
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.exitCode = rows.every((r) => r.pass !== false) ? 0 : 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
