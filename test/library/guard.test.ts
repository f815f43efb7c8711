// The library API in-process: createGuard's options (checked at the boundary, the flags layer of
// the settings), check (nothing sealed), govern (sealed, AuditError when it cannot be), wrap and
// exec (refusals never run; outcomes sealed). Every guard lives in a scratch home; the commands
// refused here would be harmless if they ran, and they never do.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditError, createGuard, GovernanceBlocked, GuardOptionsError, SeatbeltError } from '../../src/index.js';
import { scratch, type Scratch } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = scratch();
});
afterEach(() => {
  s.remove();
  vi.unstubAllEnvs();
});

describe('createGuard options', () => {
  it('names every bad field in one GuardOptionsError', () => {
    const bad = {
      policy: 'lenient',
      dialect: 'oracle',
      recordInput: 'yes',
      cwd: path.join(s.dir, 'missing'),
      audit: '',
      polcy: 'read_only',
      role: 'Not A Role',
    };
    let err: unknown;
    try {
      createGuard(bad as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GuardOptionsError);
    expect(err).toBeInstanceOf(SeatbeltError);
    const problems = (err as GuardOptionsError).problems;
    for (const field of ['policy', 'dialect', 'recordInput', 'cwd', 'audit', 'polcy', 'role']) {
      expect(
        problems.some((p) => p.startsWith(`${field}:`)),
        field,
      ).toBe(true);
    }
    expect((err as GuardOptionsError).code).toBe('USAGE');
  });

  it('rejects a non-object', () => {
    expect(() => createGuard('safe_defaults' as never)).toThrow(GuardOptionsError);
  });

  it('options are the flags layer: they beat the environment, which beats the defaults', () => {
    vi.stubEnv('SEATBELT_POLICY', 'read_only');
    vi.stubEnv('SEATBELT_DIALECT', 'mysql');
    expect(createGuard(s.options).settings.policy).toBe('read_only');
    expect(createGuard(s.options).settings.dialect).toBe('mysql');
    expect(createGuard({ ...s.options, policy: 'strict_prod', dialect: 'sqlite' }).settings).toMatchObject({
      policy: 'strict_prod',
      dialect: 'sqlite',
    });
  });

  it('home is SEATBELT_HOME as a flag: the user config there applies, the audit file defaults there', () => {
    mkdirSync(s.home, { recursive: true });
    writeFileSync(path.join(s.home, 'config.json'), JSON.stringify({ policy: 'read_only' }));
    const guard = createGuard({ home: s.home, cwd: s.cwd });
    expect(guard.settings.policy).toBe('read_only');
    expect(guard.settings.audit).toBe(path.join(s.home, 'audit.jsonl'));
  });

  it('a pin in the user config holds against an option that loosens it: decisions block', async () => {
    mkdirSync(s.home, { recursive: true });
    writeFileSync(path.join(s.home, 'config.json'), JSON.stringify({ policy: 'read_only', pin: true }));
    vi.stubEnv('SEATBELT_HOME', s.home); // the pin is read from the home the operator set
    const guard = createGuard({ ...s.options, policy: 'audit_mode' });
    expect(guard.settings.policy).toBe('read_only');
    const d = await guard.check({ kind: 'argv', argv: ['ls'] });
    expect(d.decision).toBe('block');
    expect(d.blocking.map((m) => m.ruleId)).toContain('policy.pin_violation');
  });

  it('a bad config file is a CONFIG error at creation, as the CLI exits 78', () => {
    mkdirSync(s.home, { recursive: true });
    writeFileSync(path.join(s.home, 'config.json'), JSON.stringify({ policy: 'nope' }));
    expect(() => createGuard(s.options)).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('check and govern', () => {
  it('check decides and seals nothing', async () => {
    const guard = createGuard(s.options);
    const refused = await guard.check({ kind: 'shell', script: 'rm -rf ~' });
    expect(refused.decision).toBe('block');
    expect(refused.blocking.map((m) => m.ruleId)).toContain('filesystem.recursive_delete_home');
    expect((await guard.check({ kind: 'argv', argv: ['ls', '-la'] })).decision).toBe('allow');
    expect((await guard.check({ kind: 'sql', sql: 'SELECT id FROM users WHERE id = 1' })).decision).toBe('allow');
    expect(existsSync(s.audit)).toBe(false);
  });

  it("an SQL action without a dialect takes the guard's", async () => {
    const guard = createGuard({ ...s.options, dialect: 'mysql' });
    const { record } = await guard.govern({ kind: 'sql', sql: 'SELECT 1' });
    expect(JSON.parse(record.line).action.dialect).toBe('mysql');
    const other = await guard.govern({ kind: 'sql', sql: 'SELECT 1', dialect: 'sqlite' });
    expect(JSON.parse(other.record.line).action.dialect).toBe('sqlite');
  });

  it('govern seals the decision durably; the record is the line in the file and the trail verifies', async () => {
    const guard = createGuard({ ...s.options, agent: 'lib-test', owner: 'human:test', session: 's-1' });
    const { decision, record } = await guard.govern({ kind: 'shell', script: 'git push --force origin main' });
    expect(decision.decision).toBe('block');
    const lines = readFileSync(s.audit, 'utf8').trim().split('\n');
    expect(lines).toEqual([record.line]);
    const written = JSON.parse(record.line);
    expect(written).toMatchObject({ type: 'decision', event_id: record.eventId, seq: record.seq, hash: record.hash, decision: 'block' });
    expect(written.actor).toMatchObject({ agent: 'lib-test', owner: 'human:test', session: 's-1', cwd: s.cwd });
    expect(s.verify()).toMatchObject({ ok: true, records: 1, decisions: 1 });
  });

  it('bad actions are INPUT errors naming the field; nothing is sealed', async () => {
    const guard = createGuard(s.options);
    await expect(guard.check({ kind: 'sql' } as never)).rejects.toThrow(/sql: expected a string/);
    await expect(guard.govern({ kind: 'argv', argv: [] })).rejects.toThrow(/argv: expected a non-empty array/);
    await expect(guard.check({ kind: 'python', code: 'x' } as never)).rejects.toMatchObject({ code: 'INPUT' });
    await expect(guard.check({ kind: 'sql', sql: 'SELECT 1', dialect: 'oracle' } as never)).rejects.toThrow(/dialect: expected one of/);
    expect(existsSync(s.audit)).toBe(false);
  });

  it('govern throws AuditError when the decision cannot be sealed', async () => {
    writeFileSync(path.join(s.dir, 'a-file'), '');
    const guard = createGuard({ ...s.options, audit: path.join(s.dir, 'a-file', 'audit.jsonl') });
    const err = await guard.govern({ kind: 'argv', argv: ['ls'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditError);
    expect(err).toMatchObject({ code: 'AUDIT', name: 'AuditError' });
  });

  it('a key created on the first seal is announced once, as a process warning', async () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    try {
      const guard = createGuard(s.options);
      await guard.govern({ kind: 'argv', argv: ['ls'] });
      await guard.govern({ kind: 'argv', argv: ['ls'] });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', listener);
    }
    // (other tests' guards announce their own keys, in their own homes)
    expect(warnings.filter((w) => w.includes('created a new signing key') && w.includes(s.home))).toHaveLength(1);
  });
});

describe('wrap', () => {
  it('calls the function only when allowed, with its arguments and this; seals the outcome', async () => {
    const guard = createGuard(s.options);
    const seen: unknown[] = [];
    const db = {
      name: 'db',
      query(this: { name: string }, sql: string, params: unknown[]) {
        seen.push([this.name, sql, params]);
        return params.length;
      },
    };
    const query = guard.wrap(db.query, { kind: 'sql', arg: 0 });
    expect(await query.call(db, 'SELECT * FROM users WHERE id = $1', [7])).toBe(1);
    expect(seen).toEqual([['db', 'SELECT * FROM users WHERE id = $1', [7]]]);
    expect(query.name).toBe('query');

    const err = await query.call(db, 'DROP TABLE users', []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GovernanceBlocked);
    const blocked = err as GovernanceBlocked;
    expect(blocked.ruleIds).toEqual(['sql.drop']);
    expect(blocked.decision.decision).toBe('block');
    expect(blocked.reason).toMatch(/DROP destroys/);
    expect(blocked.remediation).toMatch(/migration/);
    expect(blocked.message).toMatch(/rule: sql\.drop \(CRITICAL\)/);
    expect(blocked.message).toContain(`event: ${blocked.eventId}`);
    expect(seen).toHaveLength(1); // never called for the DROP

    const records = s.records();
    expect(records.map((r) => r.type)).toEqual(['decision', 'outcome', 'decision']);
    expect(records[1]).toMatchObject({ decision_event_id: records[0]!.event_id, exit_code: 0, signal: null });
    expect(records[2]).toMatchObject({ event_id: blocked.eventId, decision: 'block' });
    expect(s.verify()).toMatchObject({ ok: true, records: 3, decisions: 2 });
  });

  it('a function that throws: the error passes through, the outcome says exit 1 and the error name only', async () => {
    const guard = createGuard(s.options);
    const failing = guard.wrap(
      async (input: { command: string }) => {
        throw new TypeError(`secret detail about ${input.command}`);
      },
      { kind: 'shell', arg: 'command' },
    );
    await expect(failing({ command: 'ls' })).rejects.toThrow(TypeError);
    const outcome = s.records()[1]!;
    expect(outcome).toMatchObject({ type: 'outcome', exit_code: 1, error: 'threw TypeError' });
    expect(JSON.stringify(outcome)).not.toContain('secret detail');
  });

  it('argv actions and a spec dialect', async () => {
    const guard = createGuard(s.options);
    const spawnLike = guard.wrap((file: string, argv: string[]) => `${file} ${argv.join(' ')}`, { kind: 'argv', arg: 1 });
    expect(await spawnLike('git', ['git', 'status'])).toBe('git git status');
    await expect(spawnLike('git', ['git', 'push', '--force', 'origin', 'main'])).rejects.toBeInstanceOf(GovernanceBlocked);
    const mysql = guard.wrap((sql: string) => sql, { kind: 'sql', arg: 0, dialect: 'mysql' });
    await mysql('SELECT 1');
    expect(s.records().at(-2)).toMatchObject({ action: { kind: 'sql', dialect: 'mysql' } });
  });

  it('a bad spec fails at wrap time; a missing or mistyped argument fails the call without running or sealing', async () => {
    const guard = createGuard(s.options);
    const fn = vi.fn((x: unknown) => x);
    expect(() => guard.wrap(fn, { kind: 'python', arg: -1 } as never)).toThrow(/kind: expected[\s\S]*arg: expected/);
    expect(() => guard.wrap(fn, { kind: 'shell', arg: 0, dialect: 'mysql' } as never)).toThrow(/dialect: only for kind "sql"/);
    expect(() => guard.wrap('not a function' as never, { kind: 'shell', arg: 0 })).toThrow(/expected a function/);
    const wrapped = guard.wrap(fn, { kind: 'shell', arg: 'command' });
    await expect(wrapped({ cmd: 'ls' })).rejects.toThrow(/property "command" of argument 0 should be a shell script/);
    await expect(wrapped(42)).rejects.toMatchObject({ code: 'INPUT' });
    expect(fn).not.toHaveBeenCalled();
    expect(existsSync(s.audit)).toBe(false);
  });

  it('when the decision cannot be sealed the function is not called', async () => {
    writeFileSync(path.join(s.dir, 'a-file'), '');
    const guard = createGuard({ ...s.options, audit: path.join(s.dir, 'a-file', 'audit.jsonl') });
    const fn = vi.fn((sql: string) => sql);
    await expect(guard.wrap(fn, { kind: 'sql', arg: 0 })('SELECT 1')).rejects.toBeInstanceOf(AuditError);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('exec', () => {
  it("runs an allowed command in the guard's folder with piped output, and seals the outcome", async () => {
    const guard = createGuard(s.options);
    const r = await guard.exec(['pwd'], { stdio: 'pipe' });
    expect(r).toMatchObject({ exitCode: 0, signal: null, stderr: '' });
    expect(realpathSync(r.stdout!.trim())).toBe(realpathSync(s.cwd));
    expect(r.decision.decision).toBe('allow');
    const sh = await guard.exec({ shell: 'echo out; echo err >&2; exit 3' }, { stdio: 'pipe' });
    expect(sh).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    const withInput = await guard.exec(['cat'], { stdio: 'pipe', input: 'hello' });
    expect(withInput.stdout).toBe('hello');
    // Judged as bash, run by bash (as `seatbelt exec --shell`).
    const bash = await guard.exec({ shell: 'echo "${BASH_VERSION:+bash}"' }, { stdio: 'pipe' });
    expect(bash.stdout).toBe('bash\n');
    const records = s.records();
    expect(records.filter((x) => x.type === 'outcome').map((x) => x.exit_code)).toEqual([0, 3, 0, 0]);
    expect(s.verify().ok).toBe(true);
  });

  it('a refused command is never started: GovernanceBlocked, no outcome', async () => {
    const marker = path.join(s.cwd, 'marker');
    const guard = createGuard({ ...s.options, policy: 'read_only' });
    const err = await guard.exec(['touch', marker], { stdio: 'pipe' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GovernanceBlocked);
    expect(existsSync(marker)).toBe(false);
    expect(s.records().map((r) => r.type)).toEqual(['decision']);
  });

  it('a missing program: exit 127 with the reason, sealed', async () => {
    const guard = createGuard(s.options);
    const r = await guard.exec(['seatbelt-test-no-such-program'], { stdio: 'pipe' });
    expect(r.exitCode).toBe(127);
    expect(r.error).toMatch(/command not found/);
    expect(s.records()[1]).toMatchObject({ type: 'outcome', exit_code: 127 });
  });

  it('a script needs bash: with none on PATH, /bin/bash; with no bash at all, nothing is decided or run (UNAVAILABLE)', async () => {
    const guard = createGuard(s.options);
    vi.stubEnv('PATH', path.join(s.dir, 'no-bin'));
    const err = await guard.exec({ shell: 'echo hi' }, { stdio: 'pipe' }).catch((e: unknown) => e);
    if (existsSync('/bin/bash')) {
      expect(err).toMatchObject({ exitCode: 0, stdout: 'hi\n' }); // /bin/bash is the fallback when PATH has none
    } else {
      expect(err).toMatchObject({ code: 'UNAVAILABLE' });
      expect(existsSync(s.audit)).toBe(false);
    }
  });

  it('bad commands and options are USAGE errors before anything is decided', async () => {
    const guard = createGuard(s.options);
    await expect(guard.exec([] as string[])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(guard.exec({ script: 'ls' } as never)).rejects.toThrow(/expected an argv array/);
    await expect(guard.exec(['ls'], { stdio: 'ignore' } as never)).rejects.toThrow(/stdio: expected/);
    expect(existsSync(s.audit)).toBe(false);
  });
});
