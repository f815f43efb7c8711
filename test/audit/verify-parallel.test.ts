// verifyTrailParallel must say exactly what verifyTrail says — on intact trails, on every kind of
// tampering (also right at the workers' chunk boundaries), on random byte flips — and must not
// hang or go wrong when its workers fail.
import { build } from 'esbuild';
import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionBody, outcomeBody } from '../../src/audit/envelope.js';
import { signerFromPrivateKey } from '../../src/audit/keys.js';
import { GENESIS_HASH, sealRecord, type Signer } from '../../src/audit/seal.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import { verifyFileParallel, verifyTrailParallel } from '../../src/audit/verify-parallel.js';
import type { Decision } from '../../src/core/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'seatbelt-test');
const WORKER = path.join(CACHE, `verify-worker-${process.pid}.mjs`);
const BROKEN_WORKER = path.join(CACHE, `verify-worker-broken-${process.pid}.mjs`);
const RECORDS = 1200; // several chunks of 256 lines for each thread

const keyPair = () => signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const signer = keyPair();
const stranger = keyPair();

const decision: Decision = {
  decision: 'allow',
  matches: [],
  blocking: [],
  reason: 'no rule matched',
  remediation: '',
  policy: { name: 'safe_defaults', version: '1' },
  analysis: { action: { kind: 'argv', argv: ['ls'] }, matches: [], writes: false },
};

// The id carries the record's time (verify checks they agree).
const idOf = (i: number) => uuidv7(new Date(Date.UTC(2025, 0, 1) + i * 1000), new Uint8Array(10).fill(i % 256));

/** A valid trail of `n` records (decisions and their outcomes), one line each. */
function trail(n: number, by: Signer = signer): string[] {
  const lines: string[] = [];
  let link = { seq: 0, prevHash: GENESIS_HASH };
  for (let i = 0; i < n; i++) {
    const time = new Date(Date.UTC(2025, 0, 1) + i * 1000);
    const eventId = idOf(i);
    const body =
      i % 2 === 0
        ? decisionBody({
            eventId,
            time,
            action: { kind: 'argv', argv: ['ls', String(i)] },
            decision,
            actor: { user: 'u', host: 'h', cwd: '/w' },
            recordInput: false,
          })
        : outcomeBody({ eventId, time, decisionEventId: idOf(i - 1), exitCode: 0, signal: null, durationMs: 3 });
    const sealed = sealRecord(body, link, by);
    lines.push(sealed.line);
    link = { seq: i + 1, prevHash: sealed.record.hash };
  }
  return lines;
}

const base = trail(RECORDS);
const bytesOf = (lines: string[], end = '\n') => Buffer.from(lines.join('\n') + end);
const keys = [signer.publicKeyPem];

async function bothAgree(bytes: Buffer, worker = WORKER) {
  const serial = verifyTrail(bytes, { publicKeys: keys });
  const parallel = await verifyTrailParallel(bytes, { publicKeys: keys, worker, threads: 2, minLines: 0 });
  expect(parallel).toEqual(serial);
  // The same streamed from a file in small windows of shared memory (each a few records), two taking turns.
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-vp-'));
  try {
    const file = path.join(dir, 'trail.jsonl');
    writeFileSync(file, bytes);
    const streamed = await verifyFileParallel(file, { publicKeys: keys, worker, threads: 2, minBytes: 0, windowBytes: 4096 });
    expect(streamed).toEqual(serial);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return serial;
}

beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'src/audit/verify-worker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  // A worker that takes the first chunk and dies without answering.
  writeFileSync(
    BROKEN_WORKER,
    "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (w) => { Atomics.store(new Int32Array(w.claims), 0, 1); process.exit(1); });\n",
  );
});
afterAll(() => {
  rmSync(WORKER, { force: true });
  rmSync(BROKEN_WORKER, { force: true });
});

describe('verifyTrailParallel agrees with verifyTrail', () => {
  const swap = (l: string[], i: number, j: number) => {
    const c = [...l];
    [c[i], c[j]] = [c[j]!, c[i]!];
    return c;
  };
  const cases: Record<string, () => Buffer> = {
    'an intact trail': () => bytesOf(base),
    'one byte changed in a record': () => bytesOf(base.map((l, i) => (i === 700 ? l.replace('"time":"2025-', '"time":"2024-') : l))),
    'a signature from another record': () =>
      bytesOf(base.map((l, i) => (i === 300 ? l.replace(/"sig":"[^"]+"/, /"sig":"[^"]+"/.exec(base[301]!)![0]) : l))),
    'a line deleted in the middle': () => bytesOf(base.filter((_, i) => i !== 900)),
    'two lines swapped at a chunk boundary': () => bytesOf(swap(base, 255, 256)),
    'a line duplicated': () => bytesOf([...base.slice(0, 512), base[511]!, ...base.slice(512)]),
    'a line forged with another key': () => bytesOf([...base.slice(0, 1000), ...trail(1001, stranger).slice(1000)]),
    'a torn tail': () => Buffer.concat([bytesOf(base), Buffer.from(base[0]!.slice(0, 40))]),
    'not JSON and invalid UTF-8 lines': () =>
      Buffer.concat([bytesOf(base.slice(0, 600)), Buffer.from('not json\n'), Buffer.from([0xff, 0xfe, 0x0a]), bytesOf(base.slice(600))]),
    'no trailing newline': () => bytesOf(base, ''),
    'a line longer than a window': () => {
      // A record of 10 kB in 4 kB windows: the reader grows a window for it. Seq 5 is replaced, so the trail is not intact.
      const { seq: _s, prev_hash: _p, key_id: _k, alg: _a, hash: _h, sig: _g, ...body } = JSON.parse(base[5]!) as Record<string, unknown>;
      const long = sealRecord(
        { ...body, reason: 'x'.repeat(10_000) },
        { seq: 5, prevHash: (JSON.parse(base[4]!) as { hash: string }).hash },
        signer,
      ).line;
      return bytesOf([...base.slice(0, 5), long, ...base.slice(6)]);
    },
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const report = await bothAgree(make());
      if (name === 'an intact trail') expect(report.ok).toBe(true);
      else expect(report.ok).toBe(false);
    });
  }

  it('random byte flips anywhere', async () => {
    const bytes = bytesOf(base.slice(0, 600));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (flips) => {
          const copy = Buffer.from(bytes);
          for (const [at, v] of flips) copy[at] = v;
          await bothAgree(copy);
        },
      ),
      { numRuns: Number(process.env.SEATBELT_FUZZ_RUNS) || 10 },
    );
  });

  it('a worker that dies holding a chunk: the main thread checks it itself, same report', { timeout: 60_000 }, async () => {
    await bothAgree(bytesOf(base.map((l, i) => (i === 10 ? l.replace('"time":"2025-', '"time":"2024-') : l))), BROKEN_WORKER);
  });

  it('a worker file that does not exist: the same report', async () => {
    await bothAgree(bytesOf(base), path.join(CACHE, 'no-such-worker.mjs'));
  });
});
