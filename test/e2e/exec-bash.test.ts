// `seatbelt exec --shell` runs the script with bash, the dialect the analysis reads: /bin/sh is
// dash on Debian, where `true &>/dev/null touch x` is a background `true` and then `touch x`; to
// bash it is one `true` with its output redirected. Without a bash nothing runs (exit 69).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, SeatbeltError, exitCodeFor } from '../../src/core/error.js';
import { bashForScripts, findBash } from '../../src/run/bash.js';
import { seatbelt, tempHome } from './helpers.js';

describe('exec --shell runs bash', () => {
  it('a script bash and dash read differently runs the way it was judged (bash)', async () => {
    const t = tempHome();
    const marker = path.join(t.dir, 'marker');
    const r = await seatbelt(['exec', '--shell', `true &>/dev/null touch ${marker}`], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false); // dash would have run `touch` in the foreground
  });

  it('the shell is bash', async () => {
    const t = tempHome();
    const r = await seatbelt(['exec', '--shell', 'printf %s "${BASH_VERSION:+bash}"'], { env: t.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('bash');
  });
});

describe('finding bash', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-bash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const empty = path.join(dir, 'empty');
  const withBash = path.join(dir, 'bin');
  mkdirSync(empty);
  mkdirSync(withBash);
  // A stand-in that is never run: only found.
  writeFileSync(path.join(withBash, 'bash'), '#!/bin/false\n');
  chmodSync(path.join(withBash, 'bash'), 0o755);

  it('takes the first bash in an absolute PATH entry', () => {
    expect(findBash({ PATH: [empty, withBash].join(path.delimiter) }, '/nonexistent/bash')).toBe(path.join(withBash, 'bash'));
  });
  it('skips relative PATH entries (they move with the working folder)', () => {
    expect(findBash({ PATH: ['bin', empty].join(path.delimiter) }, '/nonexistent/bash')).toBeNull();
  });
  it('falls back to /bin/bash', () => {
    expect(findBash({ PATH: empty }, path.join(withBash, 'bash'))).toBe(path.join(withBash, 'bash'));
  });
  it('without one, refuses with a clear error and exit 69', () => {
    let caught: unknown;
    try {
      bashForScripts({ PATH: empty }, '/nonexistent/bash');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SeatbeltError);
    expect((caught as SeatbeltError).code).toBe('UNAVAILABLE');
    expect((caught as Error).message).toMatch(/bash was not found/);
    expect(exitCodeFor(caught)).toBe(EXIT.UNAVAILABLE);
    expect(EXIT.UNAVAILABLE).toBe(69);
  });
});
