// Measuring helpers for bench/run.mjs: timed spawns, interleaved A/B rounds, order statistics and
// peak RSS. Every subject is measured next to its baseline in the same rounds (A B A B …), so a
// busy machine slows both alike and the ratio stays meaningful.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs a program once, returns its wall time in ms; throws when the exit code is not the expected one. */
export function timedRun(v) {
  const t0 = performance.now();
  const r = spawnSync(v.file, v.args ?? [], {
    env: v.env ?? process.env,
    cwd: v.cwd,
    input: v.input,
    stdio: [v.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const expected = v.expectExit ?? 0;
  if (r.error) throw new Error(`${v.label}: ${r.error.message}`);
  if (r.status !== expected) {
    const err = String(r.stderr).trim().split('\n').slice(0, 4).join(' | ');
    throw new Error(`${v.label}: exit ${r.status ?? r.signal}, expected ${expected}: ${err}`);
  }
  v.check?.(r);
  return ms;
}

/**
 * Interleaved rounds: each round runs every variant once, in turn (A B A B …). One discarded
 * warm-up round first (file cache, key creation). Returns the samples per variant.
 */
export function interleave(variants, runs, { warmup = 1 } = {}) {
  const samples = variants.map(() => []);
  for (let w = 0; w < warmup; w++) for (const v of variants) timedRun(v);
  for (let i = 0; i < runs; i++) variants.forEach((v, j) => samples[j].push(timedRun(v)));
  return samples;
}

/** Peak resident set size (MB) of one run: GNU time's maxrss when present, else VmHWM polled from /proc. */
export async function peakRssMb(v) {
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS=%M', v.file, ...(v.args ?? [])], {
      env: v.env ?? process.env,
      cwd: v.cwd,
      input: v.input,
      stdio: [v.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const m = /MAXRSS=(\d+)/.exec(String(r.stderr));
    if (r.status !== (v.expectExit ?? 0)) throw new Error(`${v.label}: exit ${r.status}: ${String(r.stderr).trim().slice(0, 300)}`);
    if (!m) throw new Error(`${v.label}: /usr/bin/time gave no maxrss`);
    return Number(m[1]) / 1024;
  }
  return pollVmHwm(v);
}

function pollVmHwm(v) {
  // A lower bound: the last VmHWM seen before the process exits (sampled every millisecond).
  return new Promise((resolve, reject) => {
    const child = spawn(v.file, v.args ?? [], { env: v.env ?? process.env, cwd: v.cwd, stdio: ['ignore', 'ignore', 'ignore'] });
    let hwm = 0;
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch {
        /* gone */
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(hwm / 1024);
    });
  });
}

/**
 * Instructions one run executes (valgrind's callgrind, every process of it: bin/seatbelt's shell
 * launcher and the node it starts, and every thread), in millions. Nearly deterministic, so it
 * stays meaningful on a machine too busy for wall-clock figures (BENCH_COUNT=instructions).
 */
export function instructionsM(v) {
  const r = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--trace-children=yes', '--callgrind-out-file=/dev/null', v.file, ...(v.args ?? [])],
    {
      env: v.env ?? process.env,
      cwd: v.cwd,
      input: v.input,
      stdio: [v.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (r.error) throw new Error(`${v.label}: ${r.error.message}`);
  if (r.status !== (v.expectExit ?? 0)) throw new Error(`${v.label} under callgrind: exit ${r.status}: ${String(r.stderr).slice(-300)}`);
  v.check?.(r);
  const counts = [...String(r.stderr).matchAll(/Collected : (\d+)/g)].map((m) => Number(m[1]));
  if (counts.length === 0) throw new Error(`${v.label}: callgrind reported no count`);
  return counts.reduce((a, b) => a + b, 0) / 1e6;
}

/** CPU time (user + system, ms) of one run, from GNU time: what a batch costs whatever else the machine does. */
export function cpuMs(v) {
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU=%U %S', v.file, ...(v.args ?? [])], {
    env: v.env ?? process.env,
    cwd: v.cwd,
    input: v.input,
    stdio: [v.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /CPU=([\d.]+) ([\d.]+)/.exec(String(r.stderr));
  if (r.status !== (v.expectExit ?? 0) || !m) throw new Error(`${v.label}: exit ${r.status}: ${String(r.stderr).slice(-300)}`);
  v.check?.(r);
  return (Number(m[1]) + Number(m[2])) * 1000;
}
