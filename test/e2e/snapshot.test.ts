// bin/seatbelt starts from the CLI's V8 start-up snapshot (scripts/snapshot.mjs) when the blob fits
// the node on PATH, and from the bundle otherwise (issue 19). Start-up work must not change what
// seatbelt decides or seals: the whole shell and SQL corpora go through both ways and must answer
// the same, and values a snapshot could freeze (randomness, clock, environment, working folder)
// must be fresh in every process.
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFreshBundle, BIN, tempHome } from './helpers.js';

const DIST = path.resolve(path.dirname(BIN), '..', 'dist');
const onLinux = existsSync('/proc/self/cmdline');

/** Runs the binary as the hosts do (a command, through its shebang); env replaces HOME etc. */
async function run(args: string[], env: Record<string, string>, opts: { input?: string; bin?: string; cwd?: string } = {}) {
  assertFreshBundle();
  const r = await execa(opts.bin ?? BIN, args, {
    env,
    reject: false,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' }),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The command line of the node process that ran `exec`: its child reads its parent's /proc entry. */
async function nodeCommandLine(env: Record<string, string>, bin?: string): Promise<string> {
  const r = await run(['exec', '--', 'sh', '-c', 'tr "\\0" " " < /proc/$PPID/cmdline'], env, bin ? { bin } : {});
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout;
}

function corpusLines(): string {
  const read = (f: string) =>
    readFileSync(path.resolve(import.meta.dirname, '../corpus', f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const shell = read('shell.jsonl').map((c) => (c.argv ? { argv: c.argv } : { shell: c.input }));
  const sql = read('sql.jsonl').map((c) => ({ sql: c.sql, dialect: c.dialect }));
  return [...shell, ...sql].map((c) => JSON.stringify(c)).join('\n') + '\n';
}

describe('the start-up snapshot', () => {
  it('runs when started by a relative path, as the README does (./bin/seatbelt)', async () => {
    const t = tempHome();
    const root = path.resolve(path.dirname(BIN), '..');
    for (const [bin, cwd] of [
      ['./bin/seatbelt', root],
      ['./seatbelt', path.dirname(BIN)],
    ] as const) {
      const r = await run(['check', '--', 'ls'], t.env, { bin, cwd });
      expect(r.stderr, bin).toBe('');
      expect(r.stdout.trim(), bin).toBe('allow');
      expect(r.exitCode, bin).toBe(0);
    }
  });

  it('is built with the bundle, for the node that built it', () => {
    expect(existsSync(path.join(DIST, 'seatbelt.blob'))).toBe(true);
    expect(existsSync(path.join(DIST, 'seatbelt-agent.blob'))).toBe(true);
    expect(realpathSync(path.join(DIST, 'seatbelt.blob.node'))).toBe(realpathSync(process.execPath));
  });

  it.runIf(onLinux)('runs the CLI, also through a symlink as npm installs it; without it the bundle runs', async () => {
    const t = tempHome();
    expect(await nodeCommandLine(t.env)).toMatch(/ --snapshot-blob \S*\/dist\/seatbelt-agent\.blob /);
    const link = path.join(t.dir, 'bin', 'seatbelt');
    mkdirSync(path.dirname(link));
    symlinkSync(BIN, link);
    expect(await nodeCommandLine(t.env, link)).toContain('--snapshot-blob');
    // NODE_OPTIONS may carry V8 flags, which a snapshot does not fit; SEATBELT_NO_SNAPSHOT turns it off.
    for (const env of [{ NODE_OPTIONS: '--max-old-space-size=512' }, { SEATBELT_NO_SNAPSHOT: '1' }] as Record<string, string>[]) {
      const line = await nodeCommandLine({ ...t.env, ...env });
      expect(line).not.toContain('--snapshot-blob');
      expect(line).toContain(realpathSync(BIN));
    }
  });

  it.runIf(onLinux)("gives V8 one helper thread fewer than the processors online (1 to 4), and NODE_OPTIONS's node its own", async () => {
    const t = tempHome();
    const ranges = readFileSync('/sys/devices/system/cpu/online', 'utf8').trim().split(',');
    const cpus = ranges.reduce((n, r) => n + Number(r.split('-').at(-1)) - Number(r.split('-')[0]) + 1, 0);
    const line = await nodeCommandLine(t.env);
    if (cpus <= 4) expect(line).toContain(` --v8-pool-size=${Math.max(1, cpus - 1)} `);
    else expect(line).not.toContain('--v8-pool-size');
    // The same for SEATBELT_NO_SNAPSHOT's bundle; none where NODE_OPTIONS may carry the operator's own.
    expect(await nodeCommandLine({ ...t.env, SEATBELT_NO_SNAPSHOT: '1' })).toContain(cpus <= 4 ? '--v8-pool-size=' : realpathSync(BIN));
    expect(await nodeCommandLine({ ...t.env, NODE_OPTIONS: '--max-old-space-size=512' })).not.toContain('--v8-pool-size');
  });

  it.runIf(onLinux)('starts the commands an agent runs at every call from their own snapshot, any other from the whole CLI’s', async () => {
    const t = tempHome();
    const launcher = readFileSync(BIN, 'utf8');
    const agent = /^\s*([a-z |]+)\) bundle=\$dist\/seatbelt-agent\.cjs/m
      .exec(launcher)?.[1]
      ?.split('|')
      .map((c) => c.trim());
    const { AGENT_COMMANDS } = await import('../../src/adapters/cli/agent-main.js');
    expect(agent).toEqual([...AGENT_COMMANDS]);
    // A command that stays up (the MCP server, reading stdin): its node's command line, once exec'd.
    const child = execa(BIN, ['mcp'], { env: t.env, reject: false, stdin: 'pipe' });
    let line = '';
    for (let i = 0; i < 200 && !line.includes('--snapshot-blob'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      line = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    }
    child.stdin!.end();
    await child;
    expect(line).toMatch(/ --snapshot-blob \S*\/dist\/seatbelt\.blob \S*seatbelt mcp/);
  });

  it('on a blob node refuses (made on another processor): hooks and check decide without it, exec and sql run nothing', async () => {
    const t = tempHome();
    // A copy of the install whose agent blob this node refuses: one made under other V8 flags, as
    // one made on a processor with other features is (V8 ties a snapshot to both).
    const root = path.join(t.dir, 'install');
    cpSync(path.dirname(BIN), path.join(root, 'bin'), { recursive: true, verbatimSymlinks: true });
    cpSync(DIST, path.join(root, 'dist'), { recursive: true, verbatimSymlinks: true });
    const blob = path.join(root, 'dist', 'seatbelt-agent.blob');
    const empty = path.join(t.dir, 'empty.js');
    writeFileSync(empty, '');
    await execa(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', empty]);
    const bin = path.join(root, 'bin', 'seatbelt');
    const refused = `${blob}.refused`;
    // exec passes on its command's status: node's 14 ends it, and the command never ran.
    const ran = path.join(t.dir, 'ran');
    const exec = await run(['exec', '--', 'sh', '-c', `echo > ${ran}`], t.env, { bin });
    expect(exec.exitCode).toBe(14);
    expect(existsSync(ran)).toBe(false);
    expect(existsSync(refused)).toBe(false);
    // check and a hook: the same decision as ever, from the bundle; the mark keeps the blob off.
    const check = await run(['check', '--', 'rm', '-rf', '/'], t.env, { bin });
    expect(check.exitCode, check.stderr).toBe(77);
    expect(existsSync(refused)).toBe(true);
    rmSync(refused);
    const payload = readFileSync(path.resolve(import.meta.dirname, '../fixtures/hooks/claude-code/destructive.json'), 'utf8');
    const hook = await run(['hook', 'claude-code'], t.env, { bin, input: payload });
    expect(hook.exitCode, hook.stderr).toBe(0);
    expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    expect(existsSync(refused)).toBe(true);
    // Marked: exec runs the bundle, with no snapshot.
    const line = await nodeCommandLine(t.env, bin);
    expect(line).not.toContain('--snapshot-blob');
    expect(line).toContain(bin);
  });

  it('decides every corpus case exactly as the bundle does', async () => {
    const t = tempHome();
    const input = corpusLines();
    const [snap, bundle] = await Promise.all([
      run(['check', '--jsonl'], t.env, { input, cwd: t.dir }),
      run(['check', '--jsonl'], { ...t.env, SEATBELT_NO_SNAPSHOT: '1' }, { input, cwd: t.dir }),
    ]);
    expect(snap.exitCode, snap.stderr).toBe(0);
    expect(bundle.exitCode, bundle.stderr).toBe(0);
    const lines = snap.stdout.trim().split('\n');
    expect(lines.length).toBe(input.trim().split('\n').length);
    expect(lines.some((l) => l.includes('"decision":"block"'))).toBe(true);
    expect(snap.stdout).toBe(bundle.stdout);
  }, 240_000);

  it('keeps nothing of the warm-up made-up folder and home (src/adapters/cli/warm-up.ts) in a decision', async () => {
    const t = tempHome();
    // The warm-up decides under /seatbelt-snapshot/{work,home}; a run with another home must not guard or trust them.
    const input = [
      { argv: ['touch', '/seatbelt-snapshot/home/.seatbelt/config.json'] },
      { argv: ['rm', '-rf', '/seatbelt-snapshot/work/build'] },
      { argv: ['rm', '-rf', 'build'] },
      { argv: ['git', 'status', '--short'] },
      { shell: 'cd /seatbelt-snapshot/work && rm -rf .git' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const [snap, bundle] = await Promise.all([
      run(['check', '--jsonl'], t.env, { input, cwd: t.dir }),
      run(['check', '--jsonl'], { ...t.env, SEATBELT_NO_SNAPSHOT: '1' }, { input, cwd: t.dir }),
    ]);
    expect(snap.exitCode, snap.stderr).toBe(0);
    expect(snap.stdout.trim().split('\n')).toHaveLength(5);
    expect(snap.stdout).toBe(bundle.stdout);
    expect(snap.stdout.split('\n')[0]).not.toContain('self_protection');
  });

  it('reads randomness, clock, environment and working folder afresh in every process', async () => {
    const t = tempHome();
    const ids: string[] = [];
    const times: string[] = [];
    for (const cwd of [t.dir, path.join(t.dir, 'seatbelt-home')]) {
      mkdirSync(cwd, { recursive: true });
      const r = await run(['exec', '--json', '--', 'true'], { ...t.env, SEATBELT_AGENT: `agent-${ids.length}` }, { cwd });
      expect(r.exitCode, r.stderr).toBe(0);
      ids.push(JSON.parse(r.stderr.trim().split('\n').pop()!).event_id);
    }
    const records = readFileSync(t.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_id?: string; time: string; sig: string; agent?: string; cwd?: string });
    const decisions = records.filter((r) => r.event_id && ids.includes(r.event_id));
    expect(decisions.length).toBe(2);
    for (const r of records) times.push(r.time);
    expect(new Set(ids).size).toBe(2);
    // a UUIDv7's bits after its millisecond are random: the same bits twice would be frozen randomness
    expect(ids[0]!.slice(15)).not.toBe(ids[1]!.slice(15));
    expect(new Set(records.map((r) => r.sig)).size).toBe(records.length);
    expect(new Set(times).size).toBeGreaterThan(1);
    // the environment and the working folder of each run, not of the build
    expect(JSON.stringify(decisions[0])).toContain('agent-0');
    expect(JSON.stringify(decisions[1])).toContain('agent-1');
    expect(JSON.stringify(decisions[1])).toContain(path.join(t.dir, 'seatbelt-home'));
  });
});
