// Shipping to the central ledger (issue 18): a 100,000-record trail (real decisions, sealed and
// chained as appendRecord does) shipped into a local PostgreSQL by the real binary
// (`seatbelt audit ship --init-db`), then verified from the database (`seatbelt verify --from`),
// against `seatbelt verify FILE` of the same trail in the same run (the baseline: shipping verifies
// the trail as verify does, and sends the records while it reads). Wall time, and the CPU time of
// seatbelt and of PostgreSQL (a shared machine's wall time follows its load).
// Budget: ship ≥ 20,000 records/s on this machine (local verification included).
// Run alone after a build: `node bench/ship.mjs` (BENCH_SHIP_RECORDS to change the size).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLibrary } from './lib-bundle.mjs';
import { generateTrail } from './trail.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'seatbelt');
const RECORDS = Number(process.env.BENCH_SHIP_RECORDS ?? 100_000);
const BUDGET = 20_000;
const CLOCK_TICKS = 100; // USER_HZ on Linux

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seatbelt-bench-ship-'));
const home = path.join(tmp, 'home');
const trail = path.join(tmp, 'trail.jsonl');
let pg = null;
try {
  console.error(`ship: generating a ${RECORDS.toLocaleString('en')}-record trail`);
  await generateTrail(await bundleLibrary(), { home, file: trail, records: RECORDS });
  const out = execFileSync('bash', [path.join(ROOT, 'scripts/test-db.sh'), 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  pg = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s, 2)),
  );
  execFileSync(pg.PSQL, ['-h', pg.PGHOST, '-p', pg.PGPORT, '-U', 'postgres', '-X', '-q', '-c', 'CREATE DATABASE ledger']);
  const url = `postgres://postgres@${pg.PGHOST}:${pg.PGPORT}/ledger`;
  const env = { ...process.env, SEATBELT_HOME: home, HOME: tmp };
  // CPU time beside wall time (the machine is shared): the child's from this process's reaped
  // children, the server's from the postmaster's (each connection's backend is its child).
  const postmaster = Number(readFileSync(path.join(pg.PGDIR, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const timed = (label, args) => {
    const child0 = cpuOf('self', true);
    const server0 = cpuOf(postmaster, false);
    const t0 = performance.now();
    const r = spawnSync(BIN, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    const cpu = child0 === null ? null : cpuOf('self', true) - child0;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); // the backend of the closed connection exits and is reaped
    const server = server0 === null ? null : cpuOf(postmaster, false) - server0;
    return { s, cpu, server };
  };
  const format = JSON.parse(readFileSync(trail, 'utf8').slice(0, 4096).split('\n')[0]).v;
  const load0 = os.loadavg()[0];
  const verifyFile = timed('verify FILE', ['verify', trail]);
  const ship = timed('audit ship', ['audit', 'ship', '--init-db', '--to', url, '--audit', trail]);
  const again = timed('audit ship (nothing new)', ['audit', 'ship', '--to', url, '--audit', trail]);
  const verifyDb = timed('verify --from', ['verify', '--from', url]);
  const rate = RECORDS / ship.s;
  const rows = [
    { figure: `verify FILE (${RECORDS} v${format} records, baseline)`, t: verifyFile, rate: RECORDS / verifyFile.s },
    { figure: `audit ship --init-db (${RECORDS} records)`, t: ship, rate, ratio: ship.s / verifyFile.s, budget: `≥ ${BUDGET}/s` },
    { figure: 'audit ship again (nothing new: ask the head, verify from it)', t: again, ratio: again.s / verifyFile.s },
    { figure: `verify --from (${RECORDS} rows)`, t: verifyDb, rate: RECORDS / verifyDb.s, ratio: verifyDb.s / verifyFile.s },
  ];
  const cpu = (t) =>
    t.cpu === null ? '' : ` [CPU: seatbelt ${t.cpu.toFixed(2)} s${t.server ? `, PostgreSQL ${t.server.toFixed(2)} s` : ''}]`;
  for (const r of rows)
    console.log(
      `${r.figure}: ${r.t.s.toFixed(2)} s` +
        `${r.rate ? ` = ${Math.round(r.rate).toLocaleString('en')} records/s` : ''}` +
        `${r.ratio ? ` (${r.ratio.toFixed(2)}× verify FILE)` : ''}${cpu(r.t)}${r.budget ? ` budget ${r.budget}: ${rate >= BUDGET ? 'met' : 'NOT MET'}` : ''}`,
    );
  const load = { before: load0, after: os.loadavg()[0] };
  console.log(
    `load average (1 min) before ${load.before.toFixed(2)}, after ${load.after.toFixed(2)} on ${os.availableParallelism()} cores`,
  );
  console.log(JSON.stringify({ bench: 'ship', records: RECORDS, format, cores: os.availableParallelism(), load, rows }));
  process.exitCode = rate >= BUDGET ? 0 : 1;
} finally {
  if (pg?.PGDIR) spawnSync('bash', [path.join(ROOT, 'scripts/test-db.sh'), 'stop', pg.PGDIR], { stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
}

/** CPU seconds (user + system) of a process from /proc, its reaped children's if `children`; null off Linux. */
function cpuOf(pid, children) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based).
    const ticks = children ? Number(f[13]) + Number(f[14]) : Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
}
