// The whole shell corpus through one warm daemon, one call after another, against the session the
// CLI opens in a process of its own: a long-lived process must decide every command exactly as a
// fresh one does, whatever the calls before it were (nothing carried over from call to call).
// The scratch layout is made under the repository's .tmp/, as the corpus's own session does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openSession, type Session } from '../../src/adapters/session.js';
import { bundleBuildId } from '../../src/adapters/daemon/build-id.js';
import { envDigest } from '../../src/adapters/daemon/protocol.js';
import { BIN, sb } from '../hooks/spawn.js';

const CORPUS_HOME = '/home/user';
const inputs = readFileSync(path.resolve(import.meta.dirname, '../corpus/shell.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { input?: string })
  .flatMap((c) => (c.input === undefined ? [] : [c.input]));

let root: string;
let home: string;
let cwd: string;
let env: Record<string, string>;
let daemon: ResultPromise;
let socket: string;
let session: Session;

beforeAll(async () => {
  const base = path.resolve(import.meta.dirname, '../../.tmp');
  mkdirSync(base, { recursive: true });
  root = realpathSync(mkdtempSync(path.join(base, 'daemon-')));
  home = path.join(root, 'home', 'user');
  cwd = path.join(home, 'project');
  mkdirSync(path.join(cwd, '.git'), { recursive: true });
  env = { HOME: home, SEATBELT_HOME: path.join(root, 'sh'), SEATBELT_AUDIT: path.join(root, 'audit.jsonl') };
  expect((await sb(['keys', 'init'], { env, cwd })).exitCode).toBe(0);
  daemon = execa(BIN, ['daemon', '--idle-exit', '300'], { env, cwd, reject: false, stdin: 'ignore' });
  const dir = path.join(env.SEATBELT_HOME!, 'daemon');
  for (let i = 0; i < 300 && !(existsSync(dir) && readdirSync(dir).length); i++) await new Promise((r) => setTimeout(r, 50));
  socket = path.join(dir, readdirSync(dir)[0]!);
  vi.stubEnv('HOME', home); // `~` in commands is what the agent's shell says: $HOME, as in the daemon
  session = openSession({ autoKeys: false, cwd }, env);
}, 30_000);

afterAll(() => {
  daemon?.kill('SIGTERM');
  vi.unstubAllEnvs();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** One claude-code hook call straight over the socket (the signature is the client's business: test/daemon/protocol.test.ts). */
function ask(command: string): Promise<string> {
  const request = {
    v: 1,
    nonce: randomBytes(24).toString('base64'),
    build: bundleBuildId(path.resolve(import.meta.dirname, '../../dist/seatbelt.cjs')),
    env: envDigest({ ...process.env, ...env }),
    cwd,
    argv: ['hook', 'claude-code'],
    stdin: JSON.stringify({
      session_id: 'corpus',
      transcript_path: path.join(root, 't.jsonl'),
      cwd,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command },
    }),
  };
  return new Promise((resolve, reject) => {
    const c = net.connect(socket, () => c.write(JSON.stringify(request) + '\n'));
    let got = '';
    c.on('data', (d) => (got += d));
    c.on('end', () => {
      const answer = JSON.parse(got);
      if (answer.declined) return reject(new Error(`declined: ${answer.declined}: ${answer.reason}`));
      resolve(JSON.parse(answer.stdout).hookSpecificOutput.permissionDecision);
    });
    c.on('error', reject);
  });
}

describe('the hook daemon over the shell corpus', () => {
  it(`decides all ${inputs.length} commands, in one process, as the CLI's session does`, async () => {
    expect(inputs.length).toBeGreaterThan(1000);
    const differ: string[] = [];
    for (const input of inputs) {
      const script = input.replaceAll(CORPUS_HOME, home);
      const fresh = (await session.check({ kind: 'shell', script })).decision;
      const warm = (await ask(script)) === 'allow' ? 'allow' : 'block';
      if (warm !== fresh) differ.push(`${fresh} → ${warm}: ${input}`);
    }
    expect(differ).toEqual([]);
  }, 180_000);
});
