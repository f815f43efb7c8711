// Warm, in-process figures through the library API (one process, parsers already loaded).
// Usage: node bench/warm.mjs <lib.mjs> <seatbelt home> <audit file> <rounds>
// Prints one JSON object: per figure, the subject's and the baseline's samples summarised.
// Each round measures the subject and its baseline back to back (A B A B …).
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { quantile } from './measure.mjs';

const [libPath, home, audit, roundsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 2000);
const TYPICAL = process.env.BENCH_TYPICAL ?? 'git status --short && npm test -- --watch=false 2>&1 | tail -n 40';

process.env.SEATBELT_HOME = home;
const lib = await import(libPath);
const session = lib.openSession({ audit, autoKeys: true }, { ...process.env, SEATBELT_HOME: home });
const action = { kind: 'shell', script: TYPICAL };

const summary = (xs) => ({ p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), n: xs.length });

async function pair(subject, baseline, rounds) {
  for (let i = 0; i < Math.min(200, rounds); i++) {
    await subject();
    await baseline();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await subject();
    a.push(performance.now() - t);
    t = performance.now();
    await baseline();
    b.push(performance.now() - t);
  }
  return { subject: summary(a), baseline: summary(b) };
}

// Sanity: the typical command must be allowed, or the figure measures a refusal path.
const first = await session.check(action);
if (first.decision !== 'allow') throw new Error(`the typical command was refused: ${first.reason}`);

// Decision alone; baseline: the SHA-256 digest of the input that every record carries anyway.
const decision = await pair(
  () => session.check(action),
  () => createHash('sha256').update(TYPICAL).digest('hex'),
  ROUNDS,
);

// Decision + seal + fsync; baseline: one write of a record-sized line and an fsync of the same disk.
const sample = (await session.govern(action)).record;
const lineBytes = Buffer.byteLength(JSON.stringify(sample.record ?? sample)) + 1;
const rawFd = openSync(path.join(path.dirname(audit), 'baseline-append.jsonl'), 'a');
const line = 'x'.repeat(lineBytes - 1) + '\n';
const sealed = await pair(
  () => session.govern(action),
  () => {
    writeSync(rawFd, line);
    fsyncSync(rawFd);
  },
  Math.min(ROUNDS, 1000),
);
closeSync(rawFd);

process.stdout.write(JSON.stringify({ typical: TYPICAL, decision, sealed, lineBytes }) + '\n');
