// Background shipping through the real binary against a real PostgreSQL: with a ledger in the
// operator's settings, exec, the hooks and the gateway start a detached shipper that keeps the ledger up to
// date; one shipper for a burst of commands; a ledger that cannot be reached changes no exit code
// and is written to the log. The commands run here are `true` and `false` only.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipInBackground } from '../../src/adapters/ledger/background.js';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { startFakeUpstream, type FakeUpstream } from '../gateway/e2e-upstream.js';
import { serve } from '../gateway/e2e-serve.js';
import { psql, startPg, stopPg, url, type Pg } from './helpers.js';

const DB = 'fleet_background';
let db: Pg;
let up: FakeUpstream;
const homes: string[] = [];
const sql = (q: string) => psql(db, DB, q);
const rowsOf = (log: string) => Number(sql(`SELECT count(*) FROM seatbelt.records WHERE log_id = '${log}'`));
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const logOf = (file: string) => (JSON.parse(lines(file)[0]!) as { event_id: string }).event_id;

async function until<T>(what: string, probe: () => T | null | undefined | false, ms = 30_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A scratch home whose user config names the ledger; its background shippers idle out after 1 s. */
function operatorHome(ledger: string) {
  const t = tempHome();
  mkdirSync(t.home, { recursive: true });
  writeFileSync(path.join(t.home, 'config.json'), JSON.stringify({ ship: ledger }));
  homes.push(t.home);
  return { ...t, env: { ...t.env, SEATBELT_SHIP_IDLE_MS: '1000' } };
}

/** No background shipper of this home is left running (each removes its pid file as it exits). */
const noShipper = (home: string) => {
  const dir = path.join(home, 'ship');
  return !existsSync(dir) || readdirSync(dir).every((n) => !n.endsWith('.pid'));
};

beforeAll(async () => {
  db = startPg();
  psql(db, 'postgres', `CREATE DATABASE ${DB}`);
  psql(
    db,
    'postgres',
    'DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $q$bg_shipper$q$) THEN CREATE ROLE bg_shipper LOGIN; END IF; END $$',
  );
  const t = tempHome();
  expect((await seatbelt(['keys', 'init'], { env: t.env })).exitCode).toBe(0);
  const init = await seatbelt(['audit', 'ship', '--init-db', '--to', url(db, DB)], { env: t.env });
  expect(init.exitCode, init.stderr).toBe(0);
  psql(db, 'postgres', 'GRANT seatbelt_shipper TO bg_shipper');
  up = await startFakeUpstream();
}, 600_000);

afterAll(async () => {
  for (const h of homes) await until(`the shippers of ${h} to exit`, () => noShipper(h), 20_000).catch(() => {});
  await up?.close();
  stopPg(db);
});

describe('background shipping', () => {
  it('exec keeps the ledger up to date: one detached shipper for a burst of commands, exit codes unchanged', async () => {
    const t = operatorHome(url(db, DB, 'bg_shipper'));
    const codes: number[] = [];
    for (const cmd of ['true', 'false', 'true', 'true']) codes.push((await seatbelt(['exec', '--', cmd], { env: t.env })).exitCode);
    expect(codes).toEqual([0, 1, 0, 0]);
    const log = logOf(t.audit);
    await until('the ledger to hold the trail', () => rowsOf(log) === lines(t.audit).length);
    const stored = sql(`SELECT string_agg(convert_from(line, 'UTF8'), E'\\n' ORDER BY seq) FROM seatbelt.records WHERE log_id = '${log}'`);
    expect(stored).toBe(lines(t.audit).join('\n'));
    await until('the shipper to idle out', () => noShipper(t.home));
    const shipLog = readFileSync(path.join(t.home, 'ship', 'ship.log'), 'utf8');
    expect(shipLog.match(/background shipper \d+ started/g)).toHaveLength(1);
    expect(shipLog).toMatch(/background shipper \d+ exits \(0\)/);
    // Later commands start a new one, which ships only what is new.
    expect((await seatbelt(['exec', '--', 'true'], { env: { ...t.env } })).exitCode).toBe(0);
    await until('the new records', () => rowsOf(log) === lines(t.audit).length);
  }, 120_000);

  it('the hooks keep the ledger up to date too (the hook answers first)', async () => {
    const t = operatorHome(url(db, DB, 'bg_shipper'));
    const payload = JSON.stringify({
      session_id: 's1',
      transcript_path: '/dev/null',
      cwd: t.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'git status --short' },
    });
    const r = await seatbelt(['hook', 'claude-code'], { env: t.env, cwd: t.dir, input: payload });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(t.audit)).toHaveLength(1);
    await until('the hook decision in the ledger', () => rowsOf(logOf(t.audit)) === 1);
    await until('the shipper to idle out', () => noShipper(t.home));
  }, 60_000);

  it('a ledger that cannot be reached changes no exit code: the failure goes to the log', async () => {
    const t = operatorHome('postgres://bg_shipper@127.0.0.1:1/nowhere');
    const r = await seatbelt(['exec', '--', 'false'], { env: t.env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(/ship|ledger|connect/);
    const shipLog = path.join(t.home, 'ship', 'ship.log');
    const text = await until(
      'the failure in the log',
      () => existsSync(shipLog) && /failed: cannot connect/.test(readFileSync(shipLog, 'utf8')) && readFileSync(shipLog, 'utf8'),
    );
    expect(text).toContain('postgres://bg_shipper@127.0.0.1:1/nowhere');
    await until('the shipper to exit', () => noShipper(t.home));
  }, 60_000);

  it('the ledger comes only from the operator: without one, exec starts nothing', async () => {
    const t = tempHome();
    expect((await seatbelt(['exec', '--', 'true'], { env: t.env })).exitCode).toBe(0);
    expect(existsSync(path.join(t.home, 'ship'))).toBe(false);
  });

  it('in a process that is not the seatbelt CLI (the library, this test runner) nothing is started', () => {
    const t = tempHome();
    expect(shipInBackground({ ledger: 'postgres://bg_shipper@127.0.0.1:1/nowhere', home: t.home, trail: t.audit })).toBe('off');
    expect(existsSync(path.join(t.home, 'ship'))).toBe(false);
  });

  it('the gateway keeps the ledger up to date while it serves', async () => {
    const t = tempHome();
    const gw = await serve(['--upstream', up.url, '--port', '0', '--dev'], {
      env: { ...t.env, SEATBELT_SHIP_URL: url(db, DB, 'bg_shipper'), SEATBELT_SHIP_IDLE_MS: '1000' },
      cwd: t.dir,
    });
    try {
      const res = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'one-call', messages: [{ role: 'user', content: 'list the files' }] }),
      });
      expect(res.status).toBe(200);
      await res.text();
      const trail = path.join(t.dir, 'audit.jsonl');
      await until('the decision in the trail', () => existsSync(trail) && lines(trail).length > 0);
      const log = logOf(trail);
      await until('the ledger to hold the gateway trail', () => rowsOf(log) === lines(trail).length);
    } finally {
      await gw.stop();
    }
  }, 120_000);
});
