// The shared hook path, in-process: size cap, deadline, and the mapping of every failure to the
// host's blocking form.
import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { SeatbeltError } from '../../src/core/error.js';
import { FORMATS } from '../../src/adapters/hooks/formats.js';
import { runHook } from '../../src/adapters/hooks/run-hook.js';
import { readInput } from '../../src/adapters/hooks/read-input.js';
import type { Session } from '../../src/adapters/session.js';

const bashCall = JSON.stringify({
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  cwd: '/tmp',
  session_id: 's',
  tool_input: { command: 'ls' },
});

function fakeSession(govern: Session['govern']): () => Session {
  return () =>
    ({
      auditPath: '/dev/null',
      home: '/tmp',
      ctx: { cwd: '/tmp', home: '/tmp' },
      notices: [],
      check: async () => {
        throw new Error('unused');
      },
      govern,
      sealOutcome: () => {
        throw new Error('unused');
      },
    }) as unknown as Session;
}

describe('readInput', () => {
  it('refuses input over the size cap', async () => {
    await expect(readInput(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), { maxBytes: 15, timeoutMs: 1000 })).rejects.toThrow(
      /exceeds 15 bytes/,
    );
  });

  it('refuses invalid UTF-8', async () => {
    await expect(readInput(Readable.from([Buffer.from([0xff, 0xfe])]), { maxBytes: 100, timeoutMs: 1000 })).rejects.toThrow(
      /not valid UTF-8/,
    );
  });

  it('gives up on a stream that never ends', async () => {
    await expect(readInput(new PassThrough(), { maxBytes: 100, timeoutMs: 50 })).rejects.toThrow(/within 0.05s/);
  });
});

describe('runHook', () => {
  it('answers a stuck decision with the blocking form when the deadline passes', async () => {
    const open = fakeSession(() => new Promise(() => {}));
    const a = await runHook(FORMATS['claude-code'], { stdin: Readable.from([bashCall]), session: {}, timeoutMs: 100, open });
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toMatch(/no decision within 0.1s/);
  });

  it('maps an audit failure to the blocking form of every host', async () => {
    const open = fakeSession(async () => {
      throw new SeatbeltError('AUDIT', 'disk full');
    });
    for (const format of Object.values(FORMATS)) {
      const input =
        format.host === 'gemini'
          ? bashCall.replace('"Bash"', '"run_shell_command"').replace('PreToolUse', 'BeforeTool')
          : format.host === 'cursor'
            ? JSON.stringify({ hook_event_name: 'beforeShellExecution', command: 'ls', cwd: '/tmp' })
            : bashCall;
      const a = await runHook(format, { stdin: Readable.from([input]), session: {}, open });
      expect(a.exitCode, format.host).toBe(2);
      expect(a.stderr).toMatch(/could not be recorded durably \(disk full\)/);
    }
  });

  it('maps an internal error to the blocking form', async () => {
    const open = fakeSession(async () => {
      throw new TypeError('boom');
    });
    const a = await runHook(FORMATS.codex, { stdin: Readable.from([bashCall]), session: {}, open });
    expect(a).toMatchObject({ exitCode: 2, stdout: '' });
    expect(a.stderr).toMatch(/internal error: boom/);
  });

  it('passes the host session id and cwd to the session, and the host name as the agent', async () => {
    let seen: unknown;
    const open = (opts: unknown) => {
      seen = opts;
      return fakeSession(async () => {
        throw new SeatbeltError('AUDIT', 'x');
      })();
    };
    await runHook(FORMATS['claude-code'], { stdin: Readable.from([bashCall]), session: { policy: 'read_only' }, open, env: {} });
    expect(seen).toEqual({ policy: 'read_only', agent: 'claude-code', session: 's', cwd: '/tmp' });
  });
});
