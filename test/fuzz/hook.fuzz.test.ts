// Hook payload fuzzing for every host format: garbage bytes, any JSON, the hosts' real payloads
// with one field replaced by garbage, and real payloads carrying hidden destructive commands.
// A hook must answer in the host's form with exit 0 or 2 (any other code lets the host proceed),
// never show a stack trace, block whatever it cannot read, let a command proceed only when the
// library itself allows that command, and deny a hidden destructive command outright (whatever
// the library says: agreement alone would pass if both let it through).
import fc from 'fast-check';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/adapters/hooks/formats.js';
import { runHook } from '../../src/adapters/hooks/run-hook.js';
import { openSession } from '../../src/adapters/session.js';
import { HOSTS, type HookAnswer, type HostName } from '../../src/adapters/hooks/types.js';
import { SeatbeltError } from '../../src/core/error.js';
import { BIN, assertFreshBundle, tempHome } from '../e2e/helpers.js';
import { DESTRUCTIVE, PLACES, hidden, placeNames, script } from './shell-arbitraries.js';
import { runs } from './support.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/hooks');
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-hookfuzz-'));
const env = { SEATBELT_HOME: path.join(dir, 'home'), HOME: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixtures(host: HostName): Record<string, unknown>[] {
  return readdirSync(path.join(FIXTURES, host))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, host, f), 'utf8')) as Record<string, unknown>);
}

/** Whether the host goes ahead with the call after this answer. */
function proceeds(answer: HookAnswer): boolean {
  if (answer.exitCode === 2) return false;
  if (answer.exitCode !== 0) return true; // every host reads other codes as "go ahead"
  if (answer.stdout.trim() === '') return true;
  const out = JSON.parse(answer.stdout) as { hookSpecificOutput?: { permissionDecision?: string }; decision?: string; permission?: string };
  return !(
    out.hookSpecificOutput?.permissionDecision === 'deny' ||
    out.decision === 'deny' ||
    out.decision === 'block' ||
    out.permission === 'deny'
  );
}

/** The host's own "deny" answer (docs/hooks.md): what a judged, refused shell command gets. */
function expectDenied(host: HostName, a: HookAnswer): void {
  const out = () => JSON.parse(a.stdout) as Record<string, any>;
  if (host === 'codex') {
    expect({ exit: a.exitCode, stdout: a.stdout }).toEqual({ exit: 2, stdout: '' });
    expect(a.stderr).toMatch(/seatbelt: refused/);
  } else {
    expect(a.exitCode).toBe(0);
    if (host === 'claude-code') expect(out().hookSpecificOutput?.permissionDecision).toBe('deny');
    if (host === 'gemini') expect(out().decision).toBe('deny');
    if (host === 'cursor') expect(out().permission).toBe('deny');
  }
  expect(a.stdout).not.toMatch(/"allow"/);
  expect(proceeds(a)).toBe(false);
}

function hook(host: HostName, stdin: string | Buffer): Promise<HookAnswer> {
  return runHook(FORMATS[host], {
    stdin: Readable.from([Buffer.from(stdin)]),
    session: { audit: path.join(dir, `${host}.jsonl`) },
    env,
    timeoutMs: 20_000,
  });
}

function expectWellFormed(a: HookAnswer) {
  expect([0, 2]).toContain(a.exitCode);
  expect(a.stderr).not.toMatch(STACK);
  expect(a.stdout).not.toMatch(STACK);
  if (a.stdout.trim() !== '') expect(() => JSON.parse(a.stdout)).not.toThrow();
}

/** What the answer must be: parse the payload with the host's own reader, decide with the library. */
async function expected(host: HostName, text: string): Promise<'block' | 'any' | 'allow'> {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return 'block';
  }
  let call;
  try {
    call = FORMATS[host].parse(payload);
  } catch (err) {
    expect(err).toBeInstanceOf(SeatbeltError); // never a TypeError from a payload
    return 'block';
  }
  if (call === null) return 'any'; // not a shell call: the host decides
  const session = openSession({ audit: path.join(dir, 'judge.jsonl'), ...(call.cwd ? { cwd: call.cwd } : {}) }, env);
  return (await session.check(call.action)).decision;
}

const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, 0, -1, true, '', [], {}, 'x'.repeat(100_000), '../../etc', 'relative/dir'),
);

for (const host of HOSTS) {
  describe(`${host} hook: hostile payloads`, () => {
    const bases = fixtures(host);
    const paths = bases.flatMap((b, i) => leafPaths(b).map((p) => ({ base: i, path: p })));

    it('any bytes or any JSON: a well-formed answer; what cannot be read is blocked', async () => {
      const input = fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        fc.string({ maxLength: 200 }),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(input, async (text) => {
          const a = await hook(host, text);
          expectWellFormed(a);
          const want = await expected(host, text);
          if (want === 'block') expect(proceeds(a)).toBe(false);
        }),
        { numRuns: runs(60) },
      );
    });

    it('a real payload with one field replaced by garbage: proceeds only if the library allows the command', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), garbage, async ({ base, path: at }, value) => {
          const text = JSON.stringify(replaceAt(bases[base]!, at, value));
          const a = await hook(host, text);
          expectWellFormed(a);
          const want = await expected(host, text);
          if (want !== 'any')
            expect({ at, value: label(value), proceeds: proceeds(a) }).toEqual({ at, value: label(value), proceeds: want === 'allow' });
        }),
        { numRuns: runs(60) },
      );
    });

    const shellCall = bases.find((b) => JSON.stringify(b).includes('rm -rf'))!;
    const commandPath = leafPaths(shellCall).find((p) => p.at(-1) === 'command')!;

    it('a real payload carrying a hidden destructive command never proceeds', async () => {
      // Every destructive command at least once (each in another hiding place), then random ones.
      const everyOne = DESTRUCTIVE.map((d, i) => {
        const place = placeNames[(i * 7) % placeNames.length]!;
        return [{ d, places: [place], script: PLACES[place]!(d, 'ls -la') }] as [{ d: string; places: string[]; script: string }];
      });
      await fc.assert(
        fc.asyncProperty(hidden, async ({ script: cmd }) => {
          const a = await hook(host, JSON.stringify(replaceAt(shellCall, commandPath, cmd)));
          expectWellFormed(a);
          expectDenied(host, a);
        }),
        { numRuns: runs(40), examples: everyOne },
      );
    });

    it('a real payload carrying a generated script proceeds exactly when the library allows it', async () => {
      await fc.assert(
        fc.asyncProperty(script, async (cmd) => {
          const text = JSON.stringify(replaceAt(shellCall, commandPath, cmd));
          const a = await hook(host, text);
          expectWellFormed(a);
          expect(proceeds(a)).toBe((await expected(host, text)) === 'allow');
        }),
        { numRuns: runs(40) },
      );
    });
  });
}

describe('hooks through bin/seatbelt: hostile stdin', () => {
  beforeAll(() => assertFreshBundle());
  const h = tempHome();
  const bad: Record<string, string | Buffer> = {
    'empty stdin': '',
    'not JSON': '{"tool_name": "Bash", ',
    'a JSON array': '[1, 2, 3]',
    'wrong types': '{"hook_event_name": 7, "tool_name": ["Bash"], "tool_input": "rm -rf /", "cwd": 3}',
    'invalid UTF-8': Buffer.concat([
      Buffer.from('{"tool_name":"Bash","tool_input":{"command":"ls '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}}'),
    ]),
    'a 2 MB command': JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: `echo ${'a'.repeat(2 << 20)}` },
      cwd: '/tmp',
    }),
    '10,000-deep JSON': '['.repeat(10_000) + ']'.repeat(10_000),
  };
  for (const host of HOSTS) {
    it(`${host}: every hostile input exits 2 with a one-line reason, no stack trace`, { timeout: 120_000 }, async () => {
      for (const [name, input] of Object.entries(bad)) {
        const r = await execa(BIN, ['hook', host], { env: h.env, input, reject: false, timeout: 30_000 });
        expect({ name, exit: r.exitCode, timedOut: r.timedOut }).toEqual({ name, exit: 2, timedOut: false });
        expect(r.stderr).toMatch(/seatbelt/);
        expect(r.stderr).not.toMatch(STACK);
      }
    });
  }

  it('a stdin that never ends is refused at the deadline, not waited on forever', { timeout: 60_000 }, async () => {
    const child = execa(BIN, ['hook', 'claude-code', '--timeout', '1'], { env: h.env, reject: false, timeout: 30_000, stdin: 'pipe' });
    child.stdin!.write('{"tool_name": "Bash", ');
    const r = await child;
    expect({ exit: r.exitCode, timedOut: r.timedOut }).toEqual({ exit: 2, timedOut: false });
    expect(r.stderr).toMatch(/within/);
  });
});

/** A short, safe label for a generated value (it may be an object whose toString is null). */
function label(v: unknown): string {
  return (JSON.stringify(v) ?? typeof v).slice(0, 80);
}

type Path = (string | number)[];
function leafPaths(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...at, i]));
  if (v && typeof v === 'object')
    return Object.entries(v)
      .flatMap(([k, x]) => [[...at, k], ...leafPaths(x, [...at, k])])
      .filter((p, i, all) => all.findIndex((q) => q.join('\0') === p.join('\0')) === i);
  return at.length ? [at] : [];
}
function replaceAt(root: unknown, at: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}
