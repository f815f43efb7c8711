// Real processes: 8 writers appending 100 decisions each to one file must give one chain (800
// records, contiguous seq, no fork); a writer killed with SIGKILL mid-stream, or while holding the
// lock with half a line written, must leave a trail the next append continues and verify accepts.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { bodyAt, signer } from './fixtures.js';

const WRITER = resolve('test/fixtures/audit/writer.mjs');
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-concurrency-'));
  bundle = join(dir, 'audit-bundle.mjs');
  await build({
    stdin: {
      contents: [
        "export { appendRecord } from './append.ts';",
        "export { acquireLock } from './lock.ts';",
        "export { decisionBody } from './envelope.ts';",
        "export { privateKeyFromSeed, signerFromPrivateKey } from './keys.ts';",
        "export { sealRecord } from './seal.ts';",
        "export { uuidv7 } from './uuid.ts';",
      ].join('\n'),
      resolveDir: resolve('src/audit'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { child: ChildProcess; done: Promise<number | null>; stdout: () => string } {
  const child = spawn(process.execPath, [WRITER, bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((res) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(err);
      res(code);
    }),
  );
  return { child, done, stdout: () => out };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const verify = (file: string) => verifyTrail(fs.readFileSync(file), { publicKeys: [signer.publicKeyPem] });

describe('concurrent writers', () => {
  test('8 processes × 100 decisions: one chain of 800, contiguous seq, no fork', async () => {
    const file = join(dir, 'parallel.jsonl');
    const writers = Array.from({ length: 8 }, (_, w) => run([file, String(w), '100']));
    expect(await Promise.all(writers.map((w) => w.done))).toEqual(Array(8).fill(0));
    const report = verify(file);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, records: 800, decisions: 800, recoveries: 0, lastSeq: 799 });
    const records = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; actor: { agent: string } });
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 800 }, (_, i) => i));
    const perWorker = new Map<string, number>();
    for (const r of records) perWorker.set(r.actor.agent, (perWorker.get(r.actor.agent) ?? 0) + 1);
    expect([...perWorker.values()]).toEqual(Array(8).fill(100));
  }, 120_000);
});

describe('crashes', () => {
  test('a writer killed with SIGKILL mid-stream: the next append continues and the file verifies', async () => {
    const file = join(dir, 'killed.jsonl');
    const w = run([file, 'k', 'forever']);
    await until(() => w.stdout().includes('running'), 'the writer to start');
    w.child.kill('SIGKILL');
    await w.done;
    const before = fs.readFileSync(file);
    // Whatever state the kill left (stale lock, torn tail or neither), the next writer copes.
    const r = appendRecord(file, bodyAt(0), signer, { lockTimeoutMs: 5000 });
    expect(fs.readFileSync(file).subarray(0, before.length).equals(before)).toBe(true);
    const report = verify(file);
    expect(report.findings).toEqual([]);
    expect(report.lastSeq).toBe(r.record.seq);
    expect(report.records).toBeGreaterThan(20);
  }, 60_000);

  test('killed while holding the lock with half a line written: stale lock taken over, recovery recorded', async () => {
    const file = join(dir, 'torn.jsonl');
    const w = run([file, 't', '10', '10']);
    await until(() => w.stdout().includes('torn'), 'the torn write');
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
    expect(verify(file).findings.map((f) => f.class)).toEqual(['TORN_TAIL']);
    w.child.kill('SIGKILL');
    await w.done;

    const r = appendRecord(file, bodyAt(0), signer, { lockTimeoutMs: 5000 });
    expect(r.recovered?.record).toMatchObject({ type: 'recovery', seq: 10 });
    expect(r.record.seq).toBe(11);
    const report = verify(file);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, records: 12, recoveries: 1 });
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);
});
