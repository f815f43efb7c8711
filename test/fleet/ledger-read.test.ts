// Reading the ledger: verify --from (every log, streamed; a tampered row, a row whose columns lie,
// rows cut behind a shipped checkpoint are found), and audit stats/tail/export --from equal to the
// same commands over the trail files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyFromSeed } from '../../src/audit/key-format.js';
import { signCheckpoint, treeOfTrail, writeCheckpoint } from '../../src/audit/checkpoints.js';
import { seatbelt } from '../e2e/helpers.js';
import { SEED, signer } from '../audit/fixtures.js';
import { makeTrail, psql, psqlError, scratch, startPg, stopPg, trailText, url, type Pg } from './helpers.js';

const DB = 'fleet_read';
let db: Pg;
const s = scratch();
const home = path.join(s.dir, 'home');
const env = { SEATBELT_HOME: home, HOME: s.dir };
const sql = (q: string) => psql(db, DB, q);
const sb = (args: string[]) => seatbelt(args, { env });
const a = makeTrail(400, 'read-a', { host: 'laptop-a' });
const b = makeTrail(300, 'read-b', { host: 'ci-b' });
const logA = a[0]!.record.event_id;
const logB = b[0]!.record.event_id;
let fileA: string;
let fileB: string;
const maintenance = (q: string) => sql(`BEGIN; SET LOCAL seatbelt.maintenance = 'on'; ${q}; COMMIT`);

beforeAll(async () => {
  // The home holds the test key, so the file readers and the ledger readers trust the same key.
  mkdirSync(path.join(home, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, 'keys', 'private-key.pem'), privateKeyFromSeed(SEED).export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
  });
  writeFileSync(path.join(home, 'keys', 'public-key.pem'), signer.publicKeyPem);
  fileA = s.file('a.jsonl', a);
  fileB = s.file('b.jsonl', b);
  // A checkpoint of trail A, kept beside it, goes to the ledger with it.
  const made = signCheckpoint(treeOfTrail(Buffer.from(trailText(a))), signer);
  writeCheckpoint(fileA, made.checkpoint.size, made.note);
  db = startPg();
  psql(db, 'postgres', `CREATE DATABASE ${DB}`);
  for (const [file, init] of [
    [fileA, ['--init-db']],
    [fileB, []],
  ] as const) {
    const r = await sb(['audit', 'ship', '--to', url(db, DB), '--audit', file, ...init]);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  psql(
    db,
    'postgres',
    'DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $q$shipper2$q$) THEN CREATE ROLE shipper2 LOGIN IN ROLE seatbelt_shipper; END IF; END $$',
  );
}, 600_000);

afterAll(() => {
  stopPg(db);
  s.done();
});

const verifyFrom = async (...more: string[]) => {
  const r = await sb(['verify', '--from', url(db, DB), '--json', ...more]);
  return {
    exitCode: r.exitCode,
    stderr: r.stderr,
    logs: r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
};

describe('reading the ledger', () => {
  it('verify --from: every log intact, the shipped checkpoint consistent; --log picks one', async () => {
    expect(sql(`SELECT count(*) FROM seatbelt.checkpoints WHERE log_id = '${logA}'`)).toBe('1');
    const r = await verifyFrom();
    expect(r.exitCode, r.stderr).toBe(0);
    const byLog = Object.fromEntries(r.logs.map((l) => [l.log, l]));
    expect(byLog[logA]).toMatchObject({
      ok: true,
      records: 400,
      lastSeq: 399,
      lastHash: a[399]!.record.hash,
      checkpoint: { size: 400, status: 'CONSISTENT' },
    });
    expect(byLog[logB]).toMatchObject({ ok: true, records: 300, checkpoint: null });
    const one = await verifyFrom('--log', logB);
    expect(one.logs.map((l) => l.log)).toEqual([logB]);
    const none = await verifyFrom('--log', 'no-such-log');
    expect(none.exitCode).toBe(1);
    expect(none.logs[0].findings[0].class).toBe('EMPTY');
  });

  it('audit stats --from equals audit stats over the files, for every grouping and with filters', async () => {
    const same = async (file: string, log: string, args: string[]) => {
      const fromFile = await sb(['audit', 'stats', '--audit', file, '--json', ...args]);
      const fromDb = await sb(['audit', 'stats', '--from', url(db, DB), '--log', log, '--json', ...args]);
      expect(fromDb.exitCode, fromDb.stderr).toBe(0);
      const rows = JSON.parse(fromFile.stdout).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(fromFile.stdout));
    };
    for (const by of ['decision', 'rule', 'actor', 'role']) await same(fileB, logB, ['--by', by]);
    for (const filters of [
      ['--decision', 'block'],
      ['--actor', 'cursor'],
      ['--since', '2025-01-01T00:02:00Z', '--until', '2025-01-01T00:04:00Z'],
    ])
      await same(fileA, logA, ['--by', 'rule', ...filters]);
    // Every log at once is the sum of both.
    const all = JSON.parse((await sb(['audit', 'stats', '--from', url(db, DB), '--by', 'decision', '--json'])).stdout);
    const total = (rows: { total: number }[]) => rows.reduce((n, r) => n + r.total, 0);
    expect(total(all.rows)).toBe(a.concat(b).filter((r) => r.record.type === 'decision').length);
  }, 240_000);

  it('audit tail and export --from print what the files print', async () => {
    const fromFile = await sb(['audit', 'tail', '--audit', fileB, '-n', '7', '--json', '--decision', 'block']);
    const fromDb = await sb(['audit', 'tail', '--from', url(db, DB), '--log', logB, '-n', '7', '--json', '--decision', 'block']);
    expect(fromDb.exitCode, fromDb.stderr).toBe(0);
    const strip = (t: string) =>
      t
        .trim()
        .split('\n')
        .map((l) => ({ ...JSON.parse(l), log: undefined }));
    expect(strip(fromDb.stdout)).toEqual(strip(fromFile.stdout));
    const csvFile = await sb(['audit', 'export', '--audit', fileA]);
    const csvDb = await sb(['audit', 'export', '--from', url(db, DB), '--log', logA]);
    expect(csvDb.exitCode, csvDb.stderr).toBe(0);
    expect(csvDb.stdout).toBe(csvFile.stdout);
    expect((await sb(['audit', 'export', '--from', url(db, DB), '--out', path.join(s.dir, 'x.csv')])).exitCode).toBe(64);
    expect((await sb(['audit', 'tail', '--from', url(db, DB), '--follow'])).exitCode).toBe(64);
  });

  it('the readers take the fleet keys (--pubkey, --keyring) only with --from', async () => {
    const bare = { SEATBELT_HOME: path.join(s.dir, 'no-keys-home'), HOME: s.dir };
    const withKey = await seatbelt(['audit', 'stats', '--from', url(db, DB), '--log', logB, '--pubkey', s.pubkey, '--json'], { env: bare });
    expect(withKey.exitCode, withKey.stderr).toBe(0);
    expect(JSON.parse(withKey.stdout).rows.length).toBeGreaterThan(0);
    expect(withKey.stderr).not.toMatch(/skipped/);
    const stray = await seatbelt(['audit', 'stats', '--audit', fileB, '--pubkey', s.pubkey], { env });
    expect(stray.exitCode).toBe(64);
    expect(stray.stderr).toContain('--pubkey goes with --from');
  });

  it('audit report --from: the report of the file, made from the ledger, with verify --from as its verification', async () => {
    const json = (html: string, id: string) =>
      JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);
    const fromFile = await sb(['audit', 'report', '--audit', fileB, '--decision', 'block', '--out', '-']);
    const fromDb = await sb(['audit', 'report', '--from', url(db, DB), '--log', logB, '--decision', 'block', '--out', '-']);
    expect(fromDb.exitCode, fromDb.stderr).toBe(0);
    for (const id of ['seatbelt-summary', 'seatbelt-rows']) {
      const rows = json(fromDb.stdout, id);
      expect(rows).toEqual(json(fromFile.stdout, id));
    }
    expect(json(fromDb.stdout, 'seatbelt-rows').length).toBe(
      b.filter((x) => x.record.type === 'decision' && x.record.decision === 'block').length,
    );
    const meta = json(fromDb.stdout, 'seatbelt-meta');
    expect(meta.verification).toMatchObject({ ok: true, records: 300, findingCount: 0, lastHash: b[299]!.record.hash });
    expect(meta.source).toContain(logB);
    expect(meta.filters).toEqual({ decision: 'block' });
    // Written to a file like any report; the ledger's flags go with --from only.
    const out = path.join(s.dir, 'ledger-report.html');
    const written = await sb(['audit', 'report', '--from', url(db, DB), '--out', out]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stderr).toMatch(/verified records from 2 log\(s\)/);
    expect((await sb(['audit', 'report', '--audit', fileB, '--log', logB, '--out', '-'])).exitCode).toBe(64);
    expect((await sb(['audit', 'report', '--audit', fileB, '--from', url(db, DB), '--out', '-'])).exitCode).toBe(64);
  });

  it('a shipper cannot read the ledger (exit 78, the grant named)', async () => {
    const r = await sb(['audit', 'tail', '--from', url(db, DB, 'shipper2')]);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/permission denied.*seatbelt_reader/s);
  });

  it('finds what a DBA changed behind the triggers: a tampered record, a column that lies, rows cut behind a checkpoint', async () => {
    // A record's bytes changed (the maintenance setting is what a superuser would use).
    maintenance(
      `UPDATE seatbelt.records SET line = convert_to(replace(convert_from(line, 'UTF8'), '"pid":1,', '"pid":7,'), 'UTF8') WHERE log_id = '${logB}' AND seq = 12`,
    );
    // A column changed, the bytes left alone: SQL would count it as allowed.
    maintenance(`UPDATE seatbelt.records SET decision = 'allow' WHERE log_id = '${logB}' AND seq = 20`);
    // The last 5 records of A cut; its checkpoint still commits to 400.
    maintenance(`DELETE FROM seatbelt.records WHERE log_id = '${logA}' AND seq >= 395`);
    const r = await verifyFrom();
    expect(r.exitCode).toBe(1);
    const byLog = Object.fromEntries(r.logs.map((l) => [l.log, l]));
    const classes = (log: string) => byLog[log].findings.map((f: { seq: number | null; class: string }) => `${f.seq ?? '-'} ${f.class}`);
    expect(classes(logB)).toEqual(['12 HASH_MISMATCH', '20 COLUMN_MISMATCH']);
    expect(classes(logA)).toEqual(['- CHECKPOINT_TRUNCATED']);
    // The readers skip both rows of B, and say so.
    const stats = await sb(['audit', 'stats', '--from', url(db, DB), '--log', logB, '--json']);
    expect(stats.stderr).toMatch(/skipped 2 row\(s\)/);
    const counted = JSON.parse(stats.stdout).rows.reduce((n: number, x: { total: number }) => n + x.total, 0);
    expect(counted).toBe(b.filter((x) => x.record.type === 'decision').length - 2);
    expect(psqlError(db, DB, `DELETE FROM seatbelt.records WHERE log_id = '${logA}'`)).toMatch(/append-only/);
    // The report from the ledger leaves both rows out and shows what verify --from found.
    const report = await sb(['audit', 'report', '--from', url(db, DB), '--log', logB, '--out', '-']);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stderr).toMatch(/skipped 2 row\(s\)/);
    const meta = JSON.parse(/<script type="application\/json" id="seatbelt-meta">(.*?)<\/script>/s.exec(report.stdout)![1]!);
    expect(meta.unreadable).toBe(2);
    expect(meta.verification).toMatchObject({ ok: false, findingCount: 2 });
    expect(meta.verification.findings.map((f: { seq: number; class: string }) => `${f.seq} ${f.class}`)).toEqual([
      '12 HASH_MISMATCH',
      '20 COLUMN_MISMATCH',
    ]);
  });
});
