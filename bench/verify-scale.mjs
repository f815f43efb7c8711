// How `seatbelt verify` scales: wall time and peak RSS (GNU time's %M) of bin/seatbelt verify on
// generated trails of 100,000 and 1,000,000 records, beside `sha256sum` of the same file in the
// same run, with the CPU time (user + system: on a loaded machine wall time follows the scheduler,
// CPU time follows the work). With BENCH_OLD_BIN=/path/to/an/older/bin/seatbelt the older build is measured on the
// same files, interleaved, so the two are compared under the same load.
//
//   node bench/verify-scale.mjs                       # 100k and 1M records
//   BENCH_SCALE_RECORDS=100000 BENCH_SCALE_RUNS=5 node bench/verify-scale.mjs
//   BENCH_SCALE_VERSIONS=3 node bench/verify-scale.mjs  # v3 only (default: v3, and v2 up to 100k records)
//
// The trails are v3 records (what seatbelt writes: one signature checked per run, the hash chain
// commits to the rest) and, for comparison, v2 records (their hash does not cover the signature:
// every one is checked, on every core), made by the library's own sealRecord and chained as
// appendRecord chains them, written in large chunks (bench/trail.mjs, as the other benches). The v3 trail is also verified with
// --every-signature (what an auditor's spot check costs). The signatures checked come from
// verify --json: a count, the same on any machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleLibrary, ROOT } from './lib-bundle.mjs';
import { generateTrail } from './trail.mjs';

const SIZES = (process.env.BENCH_SCALE_RECORDS ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const NEW_BIN = path.join(ROOT, 'bin', 'seatbelt');
const OLD_BIN = process.env.BENCH_OLD_BIN;
const VERSIONS = (process.env.BENCH_SCALE_VERSIONS ?? '3,2').split(',').map(Number);
/** v2 trails are generated only up to this size unless asked for (the v2 rows are a comparison). */
const V2_MAX = process.env.BENCH_SCALE_VERSIONS ? Infinity : 100_000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seatbelt-verify-scale-'));
const home = path.join(tmp, 'home');
const env = { PATH: process.env.PATH, HOME: tmp, SEATBELT_HOME: home };

/** The signature counts verify --json reports. */
function signatures(file, args) {
  const out = spawnSync(file, [...args, '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  const s = JSON.parse(out).signatures;
  return `${s.checked.toLocaleString('en')} signatures checked, ${s.committed.toLocaleString('en')} committed`;
}

/** Wall seconds and peak RSS (MB) of one command, from GNU time. */
function measure(file, args) {
  // verify exits 1 on findings; GNU time prints the figures whatever the exit code.
  const out = spawnSync('/usr/bin/time', ['-f', 'SCALE %e %M %U %S', file, ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  }).stderr;
  const m = /SCALE ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(out);
  if (!m) throw new Error(`no figures from ${file} ${args.join(' ')}:\n${out}`);
  return { s: Number(m[1]), mb: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const libPath = await bundleLibrary();
try {
  for (const records of SIZES)
    for (const version of VERSIONS) {
      if (version !== 3 && records > V2_MAX) continue;
      const file = path.join(tmp, `trail-${records}-v${version}.jsonl`);
      const t0 = performance.now();
      await generateTrail(libPath, { home, file, records, version });
      const mb = statSync(file).size / 1024 / 1024;
      console.error(
        `${records.toLocaleString('en')} v${version} records: ${mb.toFixed(0)} MB, generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
      const sides = [
        ['sha256sum', 'sha256sum', [file]],
        [`verify v${version}`, NEW_BIN, ['verify', file]],
        ...(version === 3 && records <= 100_000 ? [['verify v3 --every-sig', NEW_BIN, ['verify', '--every-signature', file]]] : []),
        ...(OLD_BIN ? [['verify (old build)', OLD_BIN, ['verify', file]]] : []),
      ];
      console.log(`${records.toLocaleString('en').padStart(9)} records  v${version}: ${signatures(NEW_BIN, ['verify', file])}`);
      const runs = records >= 1_000_000 ? 1 : RUNS;
      const got = Object.fromEntries(sides.map(([label]) => [label, []]));
      for (let r = 0; r < runs; r++) for (const [label, bin, args] of sides) got[label].push(measure(bin, args));
      for (const [label] of sides) {
        const s = median(got[label].map((x) => x.s));
        const rss = median(got[label].map((x) => x.mb));
        const cpu = median(got[label].map((x) => x.cpu));
        console.log(
          `${records.toLocaleString('en').padStart(9)} records  ${label.padEnd(22)} ${s.toFixed(2).padStart(7)} s  ${rss.toFixed(0).padStart(5)} MB peak RSS  ${cpu.toFixed(2).padStart(7)} s CPU  (${runs} run${runs > 1 ? 's' : ''}, median)`,
        );
      }
      rmSync(file, { force: true });
    }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
