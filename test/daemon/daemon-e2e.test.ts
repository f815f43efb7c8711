// The hook daemon through the real binary, in a scratch home: with SEATBELT_DAEMON=1 a host hook is
// answered by the daemon exactly as the stand-alone hook answers (the record in the trail proves who
// decided: the daemon's pid), an answer that does not verify is never used, a daemon of another build
// or environment declines, and without a daemon the hook decides in its own process and starts one.
import { afterAll, describe, expect, it } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { signerFromPrivateKey } from '../../src/audit/key-format.js';
import { readHomePublicKeys } from '../../src/audit/keys.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { signAnswer } from '../../src/adapters/daemon/protocol.js';
import { BIN, sb, tempHome } from '../hooks/spawn.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/hooks');
const fixture = (host: string, name: string): string => readFileSync(path.join(FIXTURES, host, `${name}.json`), 'utf8');

const daemons: ResultPromise[] = [];
const pidsToStop: number[] = [];
afterAll(() => {
  for (const d of daemons) d.kill('SIGTERM');
  for (const pid of pidsToStop) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
});

function scratch() {
  const t = tempHome();
  const work = path.join(t.dir, 'work');
  mkdirSync(work);
  return { ...t, work, daemonEnv: { ...t.env, SEATBELT_DAEMON: '1' } };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const socketIn = (home: string): string | undefined => {
  const dir = path.join(home, 'daemon');
  const sock = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.sock')) : undefined;
  return sock ? path.join(dir, sock) : undefined;
};

function startDaemon(s: ReturnType<typeof scratch>, args: string[] = []): ResultPromise {
  const d = execa(BIN, ['daemon', '--idle-exit', '120', ...args], { env: s.daemonEnv, cwd: s.work, reject: false, stdin: 'ignore' });
  daemons.push(d);
  return d;
}

function records(s: ReturnType<typeof scratch>): Array<Record<string, any>> {
  const bytes = readFileSync(s.audit);
  const report = verifyTrail(bytes, { publicKeys: readHomePublicKeys(s.home).map((k) => k.key) });
  expect(report.findings).toEqual([]);
  return bytes
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

/** The answer without what differs from call to call (event ids). */
const same = (r: { stdout: string; stderr: string; exitCode: number }) => ({
  exitCode: r.exitCode,
  stdout: r.stdout.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<event>'),
  stderr: r.stderr.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<event>'),
});

describe('hook daemon', () => {
  const s = scratch();
  const calls: [string, string, string[]][] = [
    ['claude-code', fixture('claude-code', 'destructive'), []],
    ['claude-code', fixture('claude-code', 'ordinary'), []],
    ['claude-code', fixture('claude-code', 'other-tool'), []],
    ['claude-code', fixture('claude-code', 'ordinary'), ['--no-auto-approve']],
    ['claude-code', fixture('claude-code', 'ordinary'), ['--policy', 'read_only']],
    ['codex', fixture('codex', 'destructive'), []],
    ['gemini', fixture('gemini', 'ordinary'), []],
    ['cursor', fixture('cursor', 'destructive'), []],
    ['claude-code', '{"tool_name": ', []],
    ['claude-code', fixture('claude-code', 'ordinary'), ['--bogus']],
    ['codex', fixture('codex', 'ordinary'), ['--timeout', 'soon']],
  ];

  it('answers every host as the stand-alone hook does, and the decisions are the daemon’s', async () => {
    await sb(['keys', 'init'], { env: s.env, cwd: s.work });
    const daemon = startDaemon(s);
    await until(() => socketIn(s.home), 'the daemon socket');
    for (const [host, input, flags] of calls) {
      const alone = await sb(['hook', host, ...flags], { env: s.env, input, cwd: s.work });
      const viaDaemon = await sb(['hook', host, ...flags], { env: s.daemonEnv, input, cwd: s.work });
      expect(same(viaDaemon), `${host} ${flags.join(' ')} ${input.slice(0, 40)}`).toEqual(same(alone));
    }
    // Each sealed decision was made twice: once by a hook process, once by the daemon.
    const decided = records(s).filter((r) => r.type === 'decision');
    const pids = decided.map((r) => r.actor.pid);
    const daemonPid = daemon.pid!;
    expect(pids.filter((p) => p === daemonPid).length).toBe(pids.filter((p) => p !== daemonPid).length);
    expect(pids.filter((p) => p === daemonPid).length).toBeGreaterThanOrEqual(6);
  });

  it('shrugs off garbage, an oversized request and a client that says nothing, and keeps serving', async () => {
    const socket = await until(() => socketIn(s.home), 'the daemon socket');
    const send = (bytes: string | Buffer, end = true) =>
      new Promise<string>((resolve) => {
        const c = net.connect(socket, () => (end ? c.end(bytes) : c.write(bytes)));
        let got = '';
        c.on('data', (d) => (got += d));
        c.on('close', () => resolve(got));
        c.on('error', () => resolve(got));
        if (!end) setTimeout(() => c.destroy(), 300);
      });
    expect(JSON.parse(await send('not json\n'))).toMatchObject({ declined: 'bad-request' });
    expect(JSON.parse(await send('{"v":1,"argv":["hook","install","codex"]}\n'))).toMatchObject({ declined: 'bad-request' });
    expect(await send(Buffer.alloc(5 * 1024 * 1024, 0x61))).toBe('');
    expect(await send('{"v":1', false)).toBe('');
    const r = await sb(['hook', 'codex'], { env: s.daemonEnv, input: fixture('codex', 'destructive'), cwd: s.work });
    expect(r.exitCode).toBe(2);
    expect(records(s).at(-1)!.actor.pid).toBe(daemons[0]!.pid);
  });

  it('serves a hook given --daemon (what `hook install --daemon` writes) without SEATBELT_DAEMON in the environment', async () => {
    const before = records(s).length;
    const r = await sb(['hook', 'codex', '--daemon'], { env: s.env, input: fixture('codex', 'destructive'), cwd: s.work });
    expect(r.exitCode).toBe(2);
    const [record] = records(s).slice(before);
    expect(record!.actor.pid).toBe(daemons[0]!.pid);
  });

  it('declines a client of another build, and exits: a new seatbelt is never judged by an old daemon', async () => {
    const socket = await until(() => socketIn(s.home), 'the daemon socket');
    const line = await new Promise<string>((resolve, reject) => {
      const c = net.connect(socket, () =>
        c.write(
          JSON.stringify({
            v: 1,
            nonce: 'A'.repeat(32),
            build: 'f'.repeat(24),
            env: 'e'.repeat(64),
            cwd: s.work,
            argv: ['hook', 'codex'],
            stdin: '{}',
          }) + '\n',
        ),
      );
      let got = '';
      c.on('data', (d) => (got += d));
      c.on('end', () => resolve(got));
      c.on('error', reject);
    });
    expect(JSON.parse(line)).toMatchObject({ declined: 'stale-build' });
    const done = await daemons[0]!;
    expect(done.exitCode).toBe(0);
    expect(socketIn(s.home)).toBeUndefined();
  });
});

describe('hook client', () => {
  it('never uses an answer that does not verify: it decides in its own process and says why', async () => {
    const s = scratch();
    // A real daemon's socket path, then something else listening there, answering "allow" for the
    // very request and nonce it is sent, signed with a key that is not the trail's.
    const first = startDaemon(s);
    const socket = await until(() => socketIn(s.home), 'the daemon socket');
    first.kill('SIGTERM');
    await first;
    await sb(['keys', 'init'], { env: s.env, cwd: s.work });
    const stranger = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const impostor = net.createServer((conn) => {
      let got = '';
      conn.on('data', (d) => {
        got += d;
        const nl = got.indexOf('\n');
        if (nl === -1) return;
        const requestLine = got.slice(0, nl);
        const allow = '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}';
        const answer = signAnswer(
          { stdout: allow, stderr: '', exitCode: 0 },
          { nonce: JSON.parse(requestLine).nonce, requestLine, signer: stranger },
        );
        conn.end(JSON.stringify(answer) + '\n');
      });
    });
    await new Promise<void>((r) => impostor.listen(socket, r));
    try {
      chmodSync(socket, 0o600);
      const r = await sb(['hook', 'claude-code'], { env: s.daemonEnv, input: fixture('claude-code', 'destructive'), cwd: s.work });
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
      expect(r.stderr).toContain("the hook daemon's answer was not used");
      expect(r.stderr).toContain('signature does not verify');
    } finally {
      impostor.close();
    }
  });

  it('without a daemon, decides in its own process and starts one; the next call is the daemon’s', async () => {
    const s = scratch();
    await sb(['keys', 'init'], { env: s.env, cwd: s.work });
    const input = fixture('claude-code', 'destructive');
    const first = await sb(['hook', 'claude-code'], { env: s.daemonEnv, input, cwd: s.work });
    expect(JSON.parse(first.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    await until(() => socketIn(s.home), 'the started daemon');
    const second = await sb(['hook', 'claude-code'], { env: s.daemonEnv, input, cwd: s.work });
    expect(same(second)).toEqual(same(first));
    const [a, b] = records(s).filter((r) => r.type === 'decision');
    expect(a!.actor.pid).not.toBe(b!.actor.pid);
    pidsToStop.push(b!.actor.pid);
  });
});

describe('hook client, daemon folder', () => {
  it('starts no daemon where the daemon folder is open to others (it would refuse to listen): the call is decided here', async () => {
    const s = scratch();
    await sb(['keys', 'init'], { env: s.env, cwd: s.work });
    mkdirSync(path.join(s.home, 'daemon'));
    chmodSync(path.join(s.home, 'daemon'), 0o755);
    const r = await sb(['hook', 'claude-code'], { env: s.daemonEnv, input: fixture('claude-code', 'destructive'), cwd: s.work });
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(socketIn(s.home)).toBeUndefined();
    expect(records(s).filter((x) => x.type === 'decision')).toHaveLength(1);
  });
});

describe('seatbelt daemon', () => {
  it('will not listen in a socket folder that others can open', async () => {
    const s = scratch();
    mkdirSync(path.join(s.home, 'daemon'), { recursive: true });
    chmodSync(path.join(s.home, 'daemon'), 0o755);
    const r = await startDaemon(s);
    expect(r.exitCode).toBe(78);
    expect(String(r.stderr)).toContain('only you can open (mode 0700)');
    rmSync(path.join(s.home, 'daemon'), { recursive: true });
  });

  it('refuses a bad --idle-exit with a usage error', async () => {
    const s = scratch();
    const r = await sb(['daemon', '--idle-exit', 'soon'], { env: s.env, cwd: s.work });
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('--idle-exit expects a whole number of seconds');
  });
});
