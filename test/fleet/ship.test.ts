// seatbelt audit ship against a real PostgreSQL: concurrent shippers, a shipper killed mid-batch
// and resumed, a forked trail (reported, nothing overwritten), and the append-only rules enforced by
// the database itself (the shipper role cannot UPDATE or DELETE; the owner is refused by the trigger).
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, assertFreshBundle, seatbelt } from '../e2e/helpers.js';
import { connectLedger } from '../../src/adapters/ledger/connect.js';
import { MIGRATIONS } from '../../src/adapters/ledger/migrations.js';
import { Shipper } from '../../src/adapters/ledger/ship.js';
import { signer } from '../audit/fixtures.js';
import { makeTrail, psql, psqlError, scratch, startPg, stopPg, trailText, url, type Pg } from './helpers.js';

const DB = 'fleet_ship';
let db: Pg;
const s = scratch();
const env = { SEATBELT_HOME: path.join(s.dir, 'home'), HOME: s.dir };
const sql = (q: string, user = 'postgres') => psql(db, DB, q, user);
const ship = (args: string[], user = 'shipper1') =>
  seatbelt(['audit', 'ship', '--to', url(db, DB, user), '--pubkey', s.pubkey, ...args], { env });
const rows = (log: string) => Number(sql(`SELECT count(*) FROM seatbelt.records WHERE log_id = '${log}'`));
const logOf = (records: ReturnType<typeof makeTrail>) => records[0]!.record.event_id;
const pgArgs = (database: string) => [
  '-h',
  db.PGHOST,
  '-p',
  db.PGPORT,
  '-U',
  'postgres',
  '-d',
  database,
  '-X',
  '-q',
  '-v',
  'ON_ERROR_STOP=1',
];

beforeAll(async () => {
  db = startPg();
  psql(db, 'postgres', `CREATE DATABASE ${DB}`);
  // The owner creates the schema (and the group roles); machines log in as members of seatbelt_shipper.
  const init = await seatbelt(
    ['audit', 'ship', '--init-db', '--to', url(db, DB), '--audit', s.file('empty.jsonl', []), '--pubkey', s.pubkey],
    { env },
  );
  expect(init.stderr).toContain('migrated to v2');
  expect(init.exitCode).toBe(0);
  psql(
    db,
    'postgres',
    'DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $q$shipper1$q$) THEN CREATE ROLE shipper1 LOGIN IN ROLE seatbelt_shipper; END IF; END $$',
  );
}, 600_000);

afterAll(() => {
  stopPg(db);
  s.done();
});

describe('seatbelt audit ship', () => {
  it('ships two trails from concurrent shippers, each record once, bytes as stored; shipping again adds nothing', async () => {
    const a = makeTrail(700, 'machine-a', { host: 'laptop-a' });
    const b = makeTrail(650, 'machine-b', { host: 'ci-b' });
    const fa = s.file('a.jsonl', a);
    const fb = s.file('b.jsonl', b);
    const [ra, rb] = await Promise.all([ship(['--audit', fa, '--batch', '50']), ship(['--audit', fb, '--batch', '50'])]);
    expect(ra.exitCode, ra.stderr).toBe(0);
    expect(rb.exitCode, rb.stderr).toBe(0);
    expect(rows(logOf(a))).toBe(700);
    expect(rows(logOf(b))).toBe(650);
    // The stored bytes are the trail's lines, so the ledger can be verified like the file.
    const stored = sql(
      `SELECT string_agg(convert_from(line, 'UTF8'), E'\\n' ORDER BY seq) || E'\\n' FROM seatbelt.records WHERE log_id = '${logOf(a)}'`,
    );
    expect(`${stored}\n`).toBe(trailText(a));
    const decisions = (t: typeof a) => t.filter((r) => r.record.type === 'decision').length;
    expect(sql(`SELECT host, count(*) FROM seatbelt.records WHERE type = 'decision' GROUP BY host ORDER BY host`)).toBe(
      `ci-b|${decisions(b)}\nlaptop-a|${decisions(a)}`,
    );
    const again = await ship(['--audit', fa, '--json']);
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ shipped: 0, ledgerSeq: 699, fork: null, stopped: null });
    expect(rows(logOf(a))).toBe(700);
  });

  it('resumes after a shipper is killed mid-batch: nothing lost, nothing twice', async () => {
    const t = makeTrail(12_000, 'killed');
    const file = s.file('killed.jsonl', t);
    assertFreshBundle();
    const child = execa(BIN, ['audit', 'ship', '--to', url(db, DB, 'shipper1'), '--pubkey', s.pubkey, '--audit', file, '--batch', '100'], {
      env,
      reject: false,
    });
    // Kill it once some batches are in, while it is still inserting.
    let seen = 0;
    for (let i = 0; i < 4000 && seen === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      seen = Number(sql(`SELECT count(*) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`));
    }
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');
    const before = rows(logOf(t));
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(12_000);
    expect(before % 100).toBe(0); // whole batches only: each is one atomic insert
    const resumed = await ship(['--audit', file, '--json']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ shipped: 12_000 - before, ledgerSeq: 11_999 });
    expect(sql(`SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`)).toBe(
      '12000|12000|0|11999',
    );
    // A 10 MB trail, read in windows (and, resuming, searched from its end for the ledger's last record): every byte as stored.
    expect(
      sql(
        `SELECT md5(string_agg(convert_from(line, 'UTF8') || E'\\n', '' ORDER BY seq)) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`,
      ),
    ).toBe(createHash('md5').update(trailText(t)).digest('hex'));
  }, 120_000);

  it('reports a forked trail at the first seq that differs and overwrites nothing', async () => {
    const original = makeTrail(60, 'forked');
    const forked = makeTrail(80, 'forked', { forkAt: 37 });
    expect(forked[36]!.record.hash).toBe(original[36]!.record.hash);
    expect(forked[37]!.record.hash).not.toBe(original[37]!.record.hash);
    expect((await ship(['--audit', s.file('orig.jsonl', original)])).exitCode).toBe(0);
    const before = sql(
      `SELECT md5(string_agg(hash || encode(line, 'hex'), ',' ORDER BY seq)) FROM seatbelt.records WHERE log_id = '${logOf(original)}'`,
    );
    const r = await ship(['--audit', s.file('forked.jsonl', forked), '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.shipped).toBe(0);
    expect(report.fork).toMatchObject({ seq: 37, local: forked[37]!.record.hash, ledger: original[37]!.record.hash });
    expect(r.stderr).toContain('FORK fork: seq 37');
    expect(
      sql(
        `SELECT md5(string_agg(hash || encode(line, 'hex'), ',' ORDER BY seq)) FROM seatbelt.records WHERE log_id = '${logOf(original)}'`,
      ),
    ).toBe(before);
    expect(rows(logOf(original))).toBe(60);
  });

  it('a trail cut below what the ledger holds is reported, not shipped over', async () => {
    const t = makeTrail(40, 'cut');
    const file = s.file('cut.jsonl', t);
    expect((await ship(['--audit', file])).exitCode).toBe(0);
    const cut = s.file('cut.jsonl', t.slice(0, 30));
    const r = await ship(['--audit', cut]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/up to seq 39, but this trail's verified records end at seq 29/);
    expect(rows(logOf(t))).toBe(40);
  });

  it('ships only the verified prefix of a damaged trail and says where it stopped', async () => {
    const t = makeTrail(30, 'damaged');
    const lines = trailText(t).split('\n');
    expect(lines[20]).toContain('"pid":1,');
    lines[20] = lines[20]!.replace('"pid":1,', '"pid":2,');
    const file = path.join(s.dir, 'damaged.jsonl');
    appendFileSync(file, lines.join('\n'));
    const r = await ship(['--audit', file, '--json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ shipped: 20, ledgerSeq: 19, stopped: { line: 21, seq: 20 } });
    expect(r.stderr).toMatch(/stopped before line 21 \(seq 20\): HASH_MISMATCH/);
    expect(rows(logOf(t))).toBe(20);
  });

  it('shipping again verifies what it sends and the record it links to, not what the ledger already holds', async () => {
    const t = makeTrail(40, 'again');
    const file = s.file('again.jsonl', t.slice(0, 30));
    expect((await ship(['--audit', file])).exitCode).toBe(0);
    // A line the ledger already holds is damaged locally (seatbelt verify reports that); new records still go.
    const lines = trailText(t.slice(0, 30)).split('\n');
    expect(lines[5]).toContain('"pid":1,');
    lines[5] = lines[5]!.replace('"pid":1,', '"pid":3,');
    writeFileSync(file, lines.join('\n') + trailText(t.slice(30)));
    const r = await ship(['--audit', file, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shipped: 10, ledgerSeq: 39, stopped: null });
    expect(sql(`SELECT count(*) FROM seatbelt.records WHERE log_id = '${logOf(t)}' AND convert_from(line, 'UTF8') LIKE '%"pid":3,%'`)).toBe(
      '0',
    );
    // The record it links to is checked: changed there, it is a fork, and nothing is sent.
    const changed = trailText(t).split('\n');
    expect(changed[39]).toContain('"pid":1,');
    changed[39] = changed[39]!.replace('"pid":1,', '"pid":4,');
    writeFileSync(file, changed.join('\n'));
    const forked = await ship(['--audit', file]);
    expect(forked.exitCode).toBe(1);
    expect(forked.stderr).toMatch(/FORK the ledger holds log .* up to seq 39, but this trail's verified records end at seq 38/);
    expect(rows(logOf(t))).toBe(40);
  });

  it('--follow ships records as they are appended, and stops cleanly on SIGTERM', async () => {
    const t = makeTrail(50, 'followed');
    const file = s.file('followed.jsonl', []); // empty at first: the log is named when its first record comes
    assertFreshBundle();
    const child = execa(
      BIN,
      ['audit', 'ship', '--follow', '--interval', '100', '--to', url(db, DB, 'shipper1'), '--pubkey', s.pubkey, '--audit', file],
      {
        env,
        reject: false,
      },
    );
    const waitFor = async (n: number) => {
      for (let i = 0; i < 600 && rows(logOf(t)) < n; i++) await new Promise((r) => setTimeout(r, 50));
      return rows(logOf(t));
    };
    await new Promise((r) => setTimeout(r, 400));
    appendFileSync(file, trailText(t.slice(0, 20)));
    expect(await waitFor(20)).toBe(20);
    appendFileSync(file, trailText(t.slice(20, 35)));
    expect(await waitFor(35)).toBe(35);
    appendFileSync(file, trailText(t.slice(35)));
    expect(await waitFor(50)).toBe(50);
    child.kill('SIGTERM');
    const done = await child;
    expect(done.exitCode, done.stderr).toBe(0);
  }, 60_000);

  it('the ledger comes from the operator: SEATBELT_SHIP_URL or "ship" in the user config; a project file naming it is refused', async () => {
    const t = makeTrail(10, 'configured');
    const file = s.file('configured.jsonl', t);
    const viaEnv = await seatbelt(['audit', 'ship', '--pubkey', s.pubkey, '--audit', file], {
      env: { ...env, SEATBELT_SHIP_URL: url(db, DB, 'shipper1') },
    });
    expect(viaEnv.exitCode, viaEnv.stderr).toBe(0);
    expect(rows(logOf(t))).toBe(10);
    const home = path.join(s.dir, 'configured-home');
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ ship: url(db, DB, 'shipper1') }));
    const viaConfig = await seatbelt(['audit', 'ship', '--pubkey', s.pubkey, '--audit', file, '--json'], {
      env: { SEATBELT_HOME: home, HOME: s.dir },
    });
    expect(viaConfig.exitCode, viaConfig.stderr).toBe(0);
    expect(JSON.parse(viaConfig.stdout)).toMatchObject({ shipped: 0, ledgerSeq: 9 });
    const none = await seatbelt(['audit', 'ship', '--pubkey', s.pubkey, '--audit', file], { env });
    expect(none.exitCode).toBe(64);
    // The project file is the agent's: it may not say where the trail goes.
    const project = path.join(s.dir, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, '.seatbelt.json'), JSON.stringify({ ship: 'postgres://attacker.example/ledger' }));
    const refused = await seatbelt(['check', '--', 'ls'], { env, cwd: project });
    expect(refused.exitCode).toBe(78);
    expect(refused.stderr).toContain('no "ship" here');
  });

  it('the database refuses UPDATE and DELETE: the shipper has no such right, the owner is stopped by the trigger', () => {
    const log = sql('SELECT log_id FROM seatbelt.logs ORDER BY log_id LIMIT 1');
    for (const q of [
      `UPDATE seatbelt.records SET decision = 'allow' WHERE log_id = '${log}'`,
      `DELETE FROM seatbelt.records WHERE log_id = '${log}'`,
      'TRUNCATE seatbelt.records CASCADE',
      `SELECT count(*) FROM seatbelt.records`,
    ])
      expect(psqlError(db, DB, q, 'shipper1')).toMatch(/permission denied/);
    // Even as the shipper, a maintenance setting changes nothing: it has no right to begin with.
    expect(psqlError(db, DB, `SET seatbelt.maintenance = 'on'; DELETE FROM seatbelt.records WHERE log_id = '${log}'`, 'shipper1')).toMatch(
      /permission denied/,
    );
    for (const q of [
      `UPDATE seatbelt.records SET decision = 'allow' WHERE log_id = '${log}'`,
      `DELETE FROM seatbelt.records WHERE log_id = '${log}'`,
      'TRUNCATE seatbelt.records CASCADE',
      `DELETE FROM seatbelt.logs WHERE log_id = '${log}'`,
    ])
      expect(psqlError(db, DB, q)).toMatch(/append-only/);
    // A row that does not continue the chain is refused on insert, even by the owner.
    const bad = sql(`SELECT encode(line, 'escape') FROM seatbelt.records WHERE log_id = '${log}' AND seq = 5`);
    expect(
      psqlError(
        db,
        DB,
        `INSERT INTO seatbelt.records (log_id, seq, hash, prev_hash, line, time, type, event_id, key_id)
      SELECT log_id, 100000, hash, prev_hash, line, time, type, event_id, key_id FROM seatbelt.records WHERE log_id = '${log}' AND seq = 5`,
      ),
    ).toMatch(/not the record's own/);
    expect(bad.length).toBeGreaterThan(0);
  });

  it('two shippers of one trail at once: each record once, the second counts what the first sent', async () => {
    const t = makeTrail(3000, 'same-trail');
    const file = s.file('same.jsonl', t);
    const [a, b] = await Promise.all([
      ship(['--audit', file, '--batch', '500', '--json']),
      ship(['--audit', file, '--batch', '500', '--json']),
    ]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(b.exitCode, b.stderr).toBe(0);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(ra.shipped + rb.shipped).toBe(3000);
    expect(ra.fork).toBeNull();
    expect(rb.fork).toBeNull();
    expect(sql(`SELECT count(*), count(DISTINCT seq), max(seq) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`)).toBe('3000|3000|2999');
  });

  it('stores bytes and columns that need escaping as they are (backslashes, quotes, tabs, newlines)', async () => {
    const t = makeTrail(12, 'esc "quoted" back\\slash\ttab\nnewline', { host: 'host\twith\\odd "chars"' });
    expect(t[0]!.line).toContain('\\\\');
    const file = s.file('escaped.jsonl', t);
    const r = await ship(['--audit', file]);
    expect(r.exitCode, r.stderr).toBe(0);
    const stored = sql(
      `SELECT string_agg(encode(line, 'base64'), ',' ORDER BY seq) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`,
    ).replace(/\n/g, '');
    expect(stored).toBe(t.map((x) => Buffer.from(x.line).toString('base64')).join(','));
    expect(
      sql(
        `SELECT DISTINCT encode(convert_to(host, 'UTF8'), 'base64') FROM seatbelt.records WHERE log_id = '${logOf(t)}' AND host IS NOT NULL`,
      ),
    ).toBe(Buffer.from('host\twith\\odd "chars"').toString('base64'));
  });

  it('ships a v2 trail (a signature on every record, checked on every core) like a v3 one', async () => {
    const t = makeTrail(2500, 'older-format', { v: 2 });
    expect(t[0]!.record.v).toBe(2);
    const file = s.file('v2.jsonl', t);
    const r = await ship(['--audit', file, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shipped: 2500, ledgerSeq: 2499, fork: null, stopped: null });
    const stored = sql(
      `SELECT md5(string_agg(convert_from(line, 'UTF8') || E'\\n', '' ORDER BY seq)) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`,
    );
    expect(stored).toBe(createHash('md5').update(trailText(t)).digest('hex'));
  });

  it('a later run reads from the record the ledger holds last: what comes before it is not read again', async () => {
    const t = makeTrail(40, 'from-head');
    const file = s.file('from-head.jsonl', t.slice(0, 30));
    expect((await ship(['--audit', file])).exitCode).toBe(0);
    // The first line damaged: read from the top, the trail would not start with a record at all.
    const lines = trailText(t).split('\n');
    lines[0] = lines[0]!.replace('"pid":1,', '"pid":5,');
    writeFileSync(file, lines.join('\n'));
    const r = await ship(['--audit', file, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shipped: 10, ledgerSeq: 39, stopped: null });
  });

  it('a batch the ledger partly holds already (another shipper got there first) is sent again as an insert that counts them', async () => {
    const t = makeTrail(400, 'overtaken');
    const file = s.file('overtaken.jsonl', t);
    const other = s.file('overtaken-other.jsonl', t.slice(0, 250));
    const client = await connectLedger(new URL(url(db, DB, 'shipper1')));
    try {
      let calls = 0;
      const shipper = new Shipper(client, file, {
        keys: { keys: [createPublicKey(signer.publicKeyPem)], windows: null },
        batch: 100,
        // After the first batch, another shipper sends seq 100..249 before this one sends them.
        onBatch: () => {
          if (calls++ === 0)
            execFileSync(BIN, ['audit', 'ship', '--to', url(db, DB, 'shipper1'), '--pubkey', s.pubkey, '--audit', other], {
              env: { ...process.env, ...env },
              stdio: 'ignore',
            });
        },
      });
      const r = await shipper.ship();
      expect(r).toMatchObject({ shipped: 250, present: 150, ledgerSeq: 399, fork: null, stopped: null });
    } finally {
      await client.end();
    }
    expect(sql(`SELECT count(*), count(DISTINCT seq), max(seq) FROM seatbelt.records WHERE log_id = '${logOf(t)}'`)).toBe('400|400|399');
  });

  it('a v1 ledger holding records is refused until --init-db migrates it to v2; then shipping goes on from its head', async () => {
    const V1 = 'fleet_v1';
    psql(db, 'postgres', `CREATE DATABASE ${V1}`);
    // The schema as a v1 seatbelt made it…
    psql(
      db,
      V1,
      `CREATE SCHEMA seatbelt; CREATE TABLE seatbelt.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
      ${MIGRATIONS[0]!.sql}; INSERT INTO seatbelt.schema_migrations (version, name) VALUES (1, 'v1')`,
    );
    // …holding 40 records shipped under it (copied in through v1's row trigger).
    const t = makeTrail(60, 'v1-ledger');
    expect((await ship(['--audit', s.file('v1.jsonl', t.slice(0, 40))])).exitCode).toBe(0);
    const copy = (table: string, where: string) => {
      const rows = execFileSync(db.PSQL, [...pgArgs(DB), '-c', `COPY (SELECT * FROM seatbelt.${table} WHERE ${where}) TO STDOUT`]);
      execFileSync(db.PSQL, [...pgArgs(V1), '-c', `COPY seatbelt.${table} FROM STDIN`], { input: rows });
    };
    copy('logs', `log_id = '${logOf(t)}'`);
    copy('records', `log_id = '${logOf(t)}' ORDER BY seq`);
    const file = s.file('v1.jsonl', t);
    const v1 = url(db, V1, 'shipper1');
    const refused = await seatbelt(['audit', 'ship', '--to', v1, '--pubkey', s.pubkey, '--audit', file], { env });
    expect(refused.exitCode).toBe(78);
    expect(refused.stderr).toMatch(/schema v1; this seatbelt needs v2: migrate with seatbelt audit ship --init-db/);
    const migrated = await seatbelt(['audit', 'ship', '--init-db', '--to', url(db, V1), '--pubkey', s.pubkey, '--audit', file, '--json'], {
      env,
    });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    expect(migrated.stderr).toContain('migrated to v2');
    expect(JSON.parse(migrated.stdout)).toMatchObject({ shipped: 20, ledgerSeq: 59, fork: null });
    expect(psql(db, V1, `SELECT count(*), max(seq) FROM seatbelt.records`)).toBe('60|59');
    const verified = await seatbelt(['verify', '--from', url(db, V1), '--pubkey', s.pubkey], { env });
    expect(verified.exitCode, verified.stdout).toBe(0);
  });
});
