// Shipping to the central ledger (issue 18): a 100,000-record trail (real decisions, sealed and
// chained as appendRecord does) shipped into a local PostgreSQL by the real binary
// (`seatbelt audit ship --init-db`), then verified from the database (`seatbelt verify --from`),
// against `seatbelt verify FILE` of the same trail in the same run (the baseline: shipping and
// verifying from the ledger both verify every signature once, as verify does).
// Budget: ship ≥ 20,000 records/s on this machine (local verification included).
// Run alone after a build: `node bench/ship.mjs` (BENCH_SHIP_RECORDS to change the size).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLibrary } from './lib-bundle.mjs';
import { generateTrail } from './trail.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'seatbelt');
const RECORDS = Number(process.env.BENCH_SHIP_RECORDS ?? 100_000);
const BUDGET = 20_000;

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
  const timed = (label, args) => {
    const t0 = performance.now();
    const r = spawnSync(BIN, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    return s;
  };
  const verifyFile = timed('verify FILE', ['verify', trail]);
  const ship = timed('audit ship', ['audit', 'ship', '--init-db', '--to', url, '--audit', trail]);
  const again = timed('audit ship (nothing new)', ['audit', 'ship', '--to', url, '--audit', trail]);
  const verifyDb = timed('verify --from', ['verify', '--from', url]);
  const rate = RECORDS / ship;
  const rows = [
    { figure: `verify FILE (${RECORDS} records, baseline)`, value: verifyFile, unit: 's', rate: RECORDS / verifyFile },
    {
      figure: `audit ship --init-db (${RECORDS} records)`,
      value: ship,
      unit: 's',
      rate,
      ratio: ship / verifyFile,
      budget: `≥ ${BUDGET}/s`,
    },
    { figure: 'audit ship again (nothing new: verify locally, ask the head)', value: again, unit: 's', ratio: again / verifyFile },
    { figure: 'insert phase (ship minus ship again)', value: ship - again, unit: 's', rate: RECORDS / (ship - again) },
    { figure: `verify --from (${RECORDS} rows)`, value: verifyDb, unit: 's', rate: RECORDS / verifyDb, ratio: verifyDb / verifyFile },
  ];
  for (const r of rows)
    console.log(
      `${r.figure}: ${r.value.toFixed(2)} ${r.unit}` +
        `${r.rate ? ` = ${Math.round(r.rate).toLocaleString('en')} records/s` : ''}` +
        `${r.ratio ? ` (${r.ratio.toFixed(2)}× verify FILE)` : ''}${r.budget ? ` budget ${r.budget}: ${rate >= BUDGET ? 'met' : 'NOT MET'}` : ''}`,
    );
  console.log(JSON.stringify({ bench: 'ship', records: RECORDS, cores: os.availableParallelism(), load: os.loadavg()[0], rows }));
  process.exitCode = rate >= BUDGET ? 0 : 1;
} finally {
  if (pg?.PGDIR) spawnSync('bash', [path.join(ROOT, 'scripts/test-db.sh'), 'stop', pg.PGDIR], { stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
}
