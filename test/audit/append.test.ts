// Appending under the lock: the chain links, a torn tail is recovered (never rewritten), stale
// locks are taken over, live ones time out, and every failure to be durable is an AUDIT error.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appendRecord } from '../../src/audit/append.js';
import { SeatbeltError } from '../../src/core/error.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { sealRecord } from '../../src/audit/seal.js';
import { at, bodyAt, otherSigner, signer } from './fixtures.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'seatbelt-append-'));
  file = join(dir, 'audit.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const verify = () => verifyTrail(fs.readFileSync(file), { publicKeys: [signer.publicKeyPem] });
const append = (i: number, opts?: Parameters<typeof appendRecord>[3]) => appendRecord(file, bodyAt(i), signer, opts);
function auditError(fn: () => unknown): SeatbeltError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SeatbeltError);
    expect((err as SeatbeltError).code).toBe('AUDIT');
    return err as SeatbeltError;
  }
  throw new Error('expected an AUDIT error');
}

describe('appendRecord', () => {
  test('creates the file (0600) and its folder, links records, releases the lock', () => {
    file = join(dir, 'nested', 'deeper', 'audit.jsonl');
    const a = append(0);
    const b = append(1);
    expect(a.record).toMatchObject({ seq: 0, prev_hash: '0'.repeat(64) });
    expect(b.record).toMatchObject({ seq: 1, prev_hash: a.record.hash });
    expect(fs.readFileSync(file, 'utf8')).toBe(`${a.line}\n${b.line}\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(verify()).toMatchObject({ ok: true, records: 2 });
  });

  test('continues a trail written earlier, reading only its tail', () => {
    for (let i = 0; i < 50; i++) append(i);
    const before = fs.readFileSync(file);
    const r = append(50);
    expect(r.record.seq).toBe(50);
    expect(fs.readFileSync(file).subarray(0, before.length).equals(before)).toBe(true);
    expect(verify()).toMatchObject({ ok: true, records: 51 });
  });

  test('a last record longer than the first read window is still found', () => {
    const big = { ...bodyAt(0), reason: 'x'.repeat(20_000) };
    appendRecord(file, big, signer);
    expect(append(1).record.seq).toBe(1);
    expect(verify().ok).toBe(true);
  });
});

describe('torn tails', () => {
  test('a hand-made torn tail: recovery record first, fragment kept byte for byte, file verifies', () => {
    for (let i = 0; i < 3; i++) append(i);
    const intact = fs.readFileSync(file);
    const fragment = '{"action":{"input_sha256":"ab';
    fs.appendFileSync(file, fragment);
    expect(verify().findings.map((f) => f.class)).toEqual(['TORN_TAIL']);

    const r = append(3, { now: () => at(99) });
    expect(r.recovered?.record).toMatchObject({
      type: 'recovery',
      seq: 3,
      at_offset: intact.length,
      fragment_length: fragment.length,
    });
    expect(r.record.seq).toBe(4);
    expect(r.record.prev_hash).toBe(r.recovered!.record.hash);
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(intact.toString() + fragment + '\n')).toBe(true); // never rewritten
    expect(verify()).toMatchObject({ ok: true, records: 5, recoveries: 1 });
  });

  test('a crash during a recovery: only the unfinished last line is recovered, the now complete fragment stays a finding', () => {
    append(0);
    const base = fs.readFileSync(file).length;
    fs.appendFileSync(file, '{"torn":1');
    fs.appendFileSync(file, '\n{"type":"recov');
    const r = append(1);
    expect(r.recovered!.record).toMatchObject({ at_offset: base + '{"torn":1\n'.length, fragment_length: '{"type":"recov'.length });
    const report = verify();
    expect(report).toMatchObject({ records: 3, recoveries: 1 });
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([[2, 'MALFORMED']]);
  });

  test('a complete record that lost only its final newline is completed, not retired as torn', () => {
    append(0);
    append(1);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 1)); // delete the last '\n'
    expect(verify().findings.map((f) => f.class)).toEqual(['TORN_TAIL']);
    const r = append(2);
    expect(r.recovered).toBeUndefined();
    expect(r.record).toMatchObject({ seq: 2 });
    expect(fs.readFileSync(file).subarray(0, bytes.length).equals(bytes)).toBe(true); // the newline, then the next record
    expect(verify()).toMatchObject({ ok: true, records: 3, recoveries: 0 });
  });

  test('a forged complete line followed by a fragment: the recovery covers the fragment only, the forged line stays a finding', () => {
    const first = append(0);
    // Written without the key: a decision signed by some other key, then an unfinished line.
    const forged = sealRecord(bodyAt(1), { seq: 1, prevHash: first.record.hash }, otherSigner).line;
    const before = fs.readFileSync(file).length;
    fs.appendFileSync(file, `${forged}\n{"torn`);
    const r = append(2);
    expect(r.recovered!.record).toMatchObject({ at_offset: before + forged.length + 1, fragment_length: '{"torn'.length });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([[2, 'UNKNOWN_KEY']]);
    expect(report).toMatchObject({ records: 3, recoveries: 1 }); // seq 0, the recovery, seq 3
  });

  test('a line starting with a byte order mark is not a record to the writer either', () => {
    append(0);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    expect(verify().findings.map((f) => [f.line, f.class])).toEqual([[1, 'MALFORMED']]);
    expect(auditError(() => append(1)).message).toMatch(/does not end with seatbelt records/);
  });

  test('a torn first write (no complete record yet) starts the chain with a recovery', () => {
    fs.writeFileSync(file, '{"v":1,"ty');
    const r = append(0);
    expect(r.recovered!.record).toMatchObject({ seq: 0, prev_hash: '0'.repeat(64), at_offset: 0 });
    expect(verify()).toMatchObject({ ok: true, records: 2, recoveries: 1 });
  });

  test('a recovery that no longer matches its fragment is reported', () => {
    append(0);
    fs.appendFileSync(file, '{"torn":1');
    append(1);
    const text = fs.readFileSync(file, 'utf8').replace('{"torn":1', '{"torn":2');
    fs.writeFileSync(file, text);
    const classes = verify().findings.map((f) => [f.line, f.class]);
    expect(classes).toContainEqual([3, 'CHAIN_BREAK']); // the recovery record on line 3
    expect(classes).toContainEqual([2, 'MALFORMED']); // the fragment is no longer accounted for
  });

  test('refuses to append after data that is not seatbelt records', () => {
    fs.writeFileSync(file, 'hello world\n');
    expect(auditError(() => append(0)).message).toMatch(/does not end with seatbelt records.*move it aside/);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello world\n');
  });

  test('refuses a trail written in a newer format', () => {
    fs.writeFileSync(file, '{"v":4,"seq":0,"hash":"00"}\n');
    expect(auditError(() => append(0)).message).toMatch(/format v4/);
  });
});

describe('locking', () => {
  function deadPid(): number {
    // A process that has exited: its pid is free (reuse within the test is vanishingly unlikely).
    return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
  }

  test('a stale lock from a dead pid on this host is taken over', () => {
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), started: new Date(0).toISOString() }));
    expect(append(0, { lockTimeoutMs: 2000 }).record.seq).toBe(0);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(fs.existsSync(`${file}.lock.break`)).toBe(false);
  });

  test('a lock left empty by a crash long ago is taken over', () => {
    fs.writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    expect(append(0, { lockTimeoutMs: 2000 }).record.seq).toBe(0);
  });

  test('a live lock never released → AUDIT error after the bounded wait, naming the holder', () => {
    const info = { pid: process.pid, host: hostname(), started: '2025-01-01T00:00:00.000Z' };
    fs.writeFileSync(`${file}.lock`, JSON.stringify(info));
    const t = Date.now();
    const err = auditError(() => append(0, { lockTimeoutMs: 300 }));
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    expect(err.message).toContain(`held by pid ${process.pid} on host ${hostname()}`);
    expect(err.message).toContain(`remove ${file}.lock`);
    expect(fs.existsSync(file)).toBe(false); // nothing written
    expect(fs.readFileSync(`${file}.lock`, 'utf8')).toBe(JSON.stringify(info)); // not stolen
  });

  test("another host's lock is never judged stale", () => {
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: 'elsewhere.example', started: 'x' }));
    expect(auditError(() => append(0, { lockTimeoutMs: 200 })).message).toMatch(/host elsewhere\.example/);
  });
});

describe('fail closed when the record cannot be made durable', () => {
  test('unwritable path (a folder under a regular file) → AUDIT', () => {
    fs.writeFileSync(join(dir, 'plain'), 'x');
    file = join(dir, 'plain', 'audit.jsonl');
    expect(auditError(() => append(0)).message).toMatch(/cannot create the folder of the audit trail/);
  });

  test.skipIf(process.getuid?.() === 0)('a read-only folder → AUDIT (EACCES)', () => {
    const ro = join(dir, 'ro');
    fs.mkdirSync(ro, { mode: 0o500 });
    file = join(ro, 'audit.jsonl');
    expect(auditError(() => append(0)).message).toMatch(/EACCES|permission denied/);
  });

  test('/dev/null (or anything not a regular file) is refused: records must not vanish', () => {
    fs.symlinkSync('/dev/null', file);
    expect(auditError(() => append(0)).message).toMatch(/not a regular file/);
  });

  test('the path is a folder → AUDIT', () => {
    fs.mkdirSync(file);
    expect(auditError(() => append(0)).message).toMatch(/EISDIR|folder/);
  });
});

test('refuses (without reading it all) a tail of more unacknowledged bytes than a torn write leaves', () => {
  const d = fs.mkdtempSync(join(tmpdir(), 'seatbelt-junk-'));
  try {
    const f = join(d, 'audit.jsonl');
    appendRecord(f, bodyAt(0), signer);
    fs.appendFileSync(f, `{${'x'.repeat(5 * 1024 * 1024)}`);
    const size = fs.statSync(f).size;
    expect(() => appendRecord(f, bodyAt(1), signer)).toThrow(/bytes or more that are not seatbelt records/);
    expect(fs.statSync(f).size).toBe(size);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
