import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { seatbelt, tempHome } from './helpers.js';

function records(audit: string): Array<Record<string, unknown>> {
  return readFileSync(audit, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('seatbelt exec (end to end)', () => {
  it('runs an allowed command and passes its exit code through, sealing decision and outcome', async () => {
    const t = tempHome();
    const r = await seatbelt(['exec', '--', 'sh', '-c', 'echo hi; exit 3'], { env: t.env });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('hi');
    const recs = records(t.audit);
    expect(recs.map((x) => x.type)).toEqual(['decision', 'outcome']);
    expect(recs[0]!.decision).toBe('allow');
    expect(recs[1]!.decision_event_id).toBe(recs[0]!.event_id);
    expect(recs[1]!.exit_code).toBe(3);
    const v = await seatbelt(['verify', t.audit], { env: t.env });
    expect(v.exitCode).toBe(0);
  });

  it('refuses a recursive delete of the home folder: nothing runs, exit 77, rule and event id named', async () => {
    const t = tempHome();
    const marker = path.join(t.dir, 'marker');
    const r = await seatbelt(['exec', '--shell', `touch ${marker}; rm -rf ~`], { env: t.env });
    expect(r.exitCode).toBe(77);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(t.dir)).toBe(true);
    expect(r.stderr).toMatch(/rule: +filesystem\./);
    expect(r.stderr).toMatch(/remediation:/);
    const recs = records(t.audit);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.decision).toBe('block');
    expect(r.stderr).toContain(String(recs[0]!.event_id));
  });

  it('refuses argv-form recursive deletes of / and ~', async () => {
    const t = tempHome();
    for (const argv of [
      ['rm', '-rf', '/'],
      ['rm', '-r', '-f', t.dir],
      ['/bin/rm', '--recursive', '--force', '~/'],
    ]) {
      const r = await seatbelt(['exec', '--', ...argv], { env: t.env });
      expect(r.exitCode, argv.join(' ')).toBe(77);
    }
    expect(existsSync(t.dir)).toBe(true);
  });

  it('does not store the raw command unless asked, and redacts secrets when asked', async () => {
    const t = tempHome();
    await seatbelt(['exec', '--', 'echo', 'hello-secret-word'], { env: t.env });
    expect(readFileSync(t.audit, 'utf8')).not.toContain('hello-secret-word');
    await seatbelt(['exec', '--record-input', '--', 'echo', 'hello-visible-word'], { env: t.env });
    expect(readFileSync(t.audit, 'utf8')).toContain('hello-visible-word');
  });

  it('refuses to run when the decision cannot be recorded (exit 74)', async () => {
    const t = tempHome();
    const notADir = path.join(t.dir, 'file');
    writeFileSync(notADir, 'x');
    const marker = path.join(t.dir, 'ran');
    const r = await seatbelt(['exec', '--audit', path.join(notADir, 'audit.jsonl'), '--', 'touch', marker], { env: t.env });
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/refusing to run/);
    expect(existsSync(marker)).toBe(false);
  });

  it('passes a signal death through as 128+n and reports a missing program as 127', async () => {
    const t = tempHome();
    const sig = await seatbelt(['exec', '--', 'sh', '-c', 'kill -TERM $$'], { env: t.env });
    expect(sig.exitCode).toBe(143);
    const nf = await seatbelt(['exec', '--', 'no-such-program-xyz'], { env: t.env });
    expect(nf.exitCode).toBe(127);
    const recs = records(t.audit);
    expect(recs.filter((x) => x.type === 'outcome').map((x) => x.exit_code)).toEqual([143, 127]);
  });

  it('prints the decision as JSON on stderr with --json, leaving stdout to the command', async () => {
    const t = tempHome();
    const r = await seatbelt(['exec', '--json', '--', 'echo', 'out'], { env: t.env });
    expect(r.stdout).toBe('out');
    const d = JSON.parse(r.stderr.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(d.decision).toBe('allow');
    expect(typeof d.event_id).toBe('string');
  });

  it('rejects usage errors with exit 64', async () => {
    const t = tempHome();
    expect((await seatbelt(['exec'], { env: t.env })).exitCode).toBe(64);
    expect((await seatbelt(['exec', '--shell', 'ls', '--', 'ls'], { env: t.env })).exitCode).toBe(64);
    expect((await seatbelt(['exec', '--bogus-flag', '--', 'ls'], { env: t.env })).exitCode).toBe(64);
  });

  it('creates a signing key on first use and says where', async () => {
    const t = tempHome();
    mkdirSync(t.home, { recursive: true });
    const r = await seatbelt(['exec', '--', 'true'], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/created a new signing key at .*keys/);
    const again = await seatbelt(['exec', '--', 'true'], { env: t.env });
    expect(again.stderr).toBe('');
  });

  it('audit_mode runs the command but the sealed record names what would have blocked', async () => {
    const t = tempHome();
    // `rm -rf /` would also delete the guard's own files, which no policy lets through; a forced
    // push is blocked by safe_defaults only. `true ||` keeps it from ever running.
    const r = await seatbelt(['exec', '--policy', 'audit_mode', '--shell', 'true || git push --force origin main'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(r.exitCode).toBe(0);
    const rec = records(t.audit)[0]!;
    expect(rec.decision).toBe('allow');
    expect(rec.would_block).toEqual(['git.push_force']);
    expect((rec.policy as { name: string }).name).toBe('audit_mode');
  });
});
