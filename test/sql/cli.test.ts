// `seatbelt sql` end to end, through the real binary.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, records, seatbelt, tempHome } from './helpers.js';

/** A stand-in `sqlite3` on PATH that records that it started and what it read on stdin. */
function fakeClient(dir: string, exitCode = 0): { env: Record<string, string>; started: string; stdin: string } {
  const started = path.join(dir, 'client-started');
  const stdin = path.join(dir, 'client-stdin');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'sqlite3'), `#!/bin/sh\ntouch '${started}'\ncat > '${stdin}'\nexit ${exitCode}\n`);
  chmodSync(path.join(bin, 'sqlite3'), 0o755);
  return { env: { PATH: `${bin}:${process.env.PATH ?? ''}` }, started, stdin };
}

describe('seatbelt sql (end to end)', () => {
  it('allows a read: exit 0, "allow", decision sealed', async () => {
    const t = tempHome();
    const r = await seatbelt(['sql', 'SELECT * FROM users WHERE id = 1'], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('allow');
    const recs = records(t.audit);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ type: 'decision', decision: 'allow' });
  });

  it('refuses DROP with rule, reason, remediation and event id; exit 77', async () => {
    const t = tempHome();
    const r = await seatbelt(['sql', 'SELECT 1; DROP TABLE users'], { env: t.env });
    expect(r.exitCode).toBe(77);
    expect(r.stderr).toMatch(/rule: +sql\.drop \(CRITICAL\)/);
    expect(r.stderr).toMatch(/remediation:/);
    expect(r.stderr).toMatch(/statement 2 of 2: DROP TABLE users/);
    const recs = records(t.audit);
    expect(recs[0]).toMatchObject({ decision: 'block' });
    expect(r.stderr).toContain(String(recs[0]!.event_id));
  });

  it('--json prints the decision on stdout when there is no client', async () => {
    const t = tempHome();
    const r = await seatbelt(['sql', '--json', '--dialect', 'mysql', 'DELETE FROM users WHERE 1'], { env: t.env });
    expect(r.exitCode).toBe(77);
    const j = JSON.parse(r.stdout) as { decision: string; rules: string[]; event_id: string };
    expect(j.decision).toBe('block');
    expect(j.rules).toContain('sql.delete_all');
    expect(j.event_id).toBe(records(t.audit)[0]!.event_id);
  });

  it('reads the query from stdin (-) and from --file', async () => {
    const t = tempHome();
    const a = await seatbelt(['sql', '-'], { env: t.env, input: 'TRUNCATE users' });
    expect(a.exitCode).toBe(77);
    expect(a.stderr).toMatch(/sql\.truncate/);
    const f = path.join(t.dir, 'q.sql');
    writeFileSync(f, "INSERT INTO logs VALUES ('DROP TABLE users');\n");
    const b = await seatbelt(['sql', '--file', f], { env: t.env });
    expect(b.exitCode).toBe(0);
  });

  it('uses the dialect: MySQL WHERE 1 and /*! */ comments; SQLite PRAGMA writable_schema', async () => {
    const t = tempHome();
    expect((await seatbelt(['sql', '--dialect', 'mysql', 'SELECT 1 /*! ; DROP TABLE t */'], { env: t.env })).exitCode).toBe(77);
    expect((await seatbelt(['sql', '--dialect', 'sqlite', 'PRAGMA writable_schema = 1'], { env: t.env })).exitCode).toBe(77);
    expect((await seatbelt(['sql', '--dialect', 'sqlite', 'PRAGMA table_info(users)'], { env: t.env })).exitCode).toBe(0);
  });

  it('maps bad usage to exit 64 and a missing file to 74, sealing nothing', async () => {
    const t = tempHome();
    expect((await seatbelt(['sql'], { env: t.env })).exitCode).toBe(64);
    expect((await seatbelt(['sql', '--dialect', 'oracle', 'SELECT 1'], { env: t.env })).exitCode).toBe(64);
    expect((await seatbelt(['sql', 'SELECT', '1'], { env: t.env })).exitCode).toBe(64);
    expect((await seatbelt(['sql', 'SELECT 1', '--exec'], { env: t.env })).exitCode).toBe(64);
    const missing = await seatbelt(['sql', '--file', path.join(t.dir, 'nope.sql')], { env: t.env });
    expect(missing.exitCode).toBe(66); // input missing; 74 is kept for "the audit could not be written"
    expect(missing.stderr).toMatch(/nope\.sql/);
    expect(existsSync(t.audit)).toBe(false);
  });

  it('--exec pipes an allowed query into the client and passes its exit code through', async () => {
    const t = tempHome();
    const c = fakeClient(t.dir, 5);
    const r = await seatbelt(['sql', 'INSERT INTO t VALUES (1)', '--exec', '--', 'sqlite3', path.join(t.dir, 'db.sqlite')], {
      env: { ...t.env, ...c.env },
    });
    expect(r.exitCode).toBe(5);
    expect(readFileSync(c.stdin, 'utf8')).toBe('INSERT INTO t VALUES (1)');
    const recs = records(t.audit);
    expect(recs.map((x) => x.type)).toEqual(['decision', 'outcome']);
    expect(recs[1]).toMatchObject({ decision_event_id: recs[0]!.event_id, exit_code: 5 });
  });

  it('--exec never starts the client for a refused query', async () => {
    const t = tempHome();
    const c = fakeClient(t.dir);
    const r = await seatbelt(['sql', 'DELETE FROM users', '--exec', '--', 'sqlite3', 'db.sqlite'], { env: { ...t.env, ...c.env } });
    expect(r.exitCode).toBe(77);
    expect(existsSync(c.started)).toBe(false);
    expect(records(t.audit).map((x) => x.type)).toEqual(['decision']);
  });

  it('--exec refuses clients that would run SQL that was not judged, and other programs', async () => {
    const t = tempHome();
    const c = fakeClient(t.dir);
    const env = { ...t.env, ...c.env };
    for (const client of [
      ['psql', '-c', 'DROP TABLE users'],
      ['psql', '-Xqc', 'DROP TABLE users'],
      ['psql', '--command=DROP TABLE users'],
      ['mysql', '-e', 'DROP TABLE users'],
      ['mysql', '--exec', 'DROP TABLE users'],
      ['sqlite3', 'db.sqlite', 'DROP TABLE users'],
      ['sqlite3', '-cmd', 'DROP TABLE users', 'db.sqlite'],
      ['sqlcmd', '-Q', 'DROP TABLE users'],
      ['sh', '-c', 'rm -rf /'],
    ]) {
      const r = await seatbelt(['sql', 'SELECT 1', '--exec', '--', ...client], { env });
      expect(r.exitCode, client.join(' ')).toBe(64);
      expect(r.stderr).toMatch(/--exec:/);
    }
    expect(existsSync(c.started)).toBe(false);
  });

  it("--exec judges the query in the client's dialect", async () => {
    const t = tempHome();
    const c = fakeClient(t.dir);
    // MySQL would read this as one string; SQLite ends the string at \' and runs the DROP.
    const r = await seatbelt(['sql', "SELECT 'a\\'; DROP TABLE users; -- '", '--exec', '--', 'sqlite3', 'db.sqlite'], {
      env: { ...t.env, ...c.env },
    });
    expect(r.exitCode).toBe(77);
    const mismatch = await seatbelt(['sql', '--dialect', 'mysql', 'SELECT 1', '--exec', '--', 'sqlite3', 'db.sqlite'], {
      env: { ...t.env, ...c.env },
    });
    expect(mismatch.exitCode).toBe(64);
    expect(existsSync(c.started)).toBe(false);
  });

  it('keeps the parsers out of the bundle: they are imported lazily', () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(bundle).not.toMatch(/^import[^;]*from\s*["'](libpg-query|node-sql-parser[^"']*)["']/m);
    expect(bundle).not.toMatch(/["']node-sql-parser["']/); // never the all-dialect default entry
    expect(bundle).toMatch(/import\(["']node-sql-parser\/build\/mysql\.js["']\)/);
  });
});
