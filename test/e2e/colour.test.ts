// Refusals are coloured on a terminal (the risk in colour, the rule id bold) and plain with
// NO_COLOR, TERM=dumb or a pipe. The terminal is a real pseudo-terminal: util-linux `script`
// runs the binary on one. Only `check` runs, which judges the command and runs nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BIN, seatbelt, tempHome } from './helpers.js';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ESC = '\u001b[';
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `seatbelt …args` on a pseudo-terminal, with exactly this environment (nothing inherited, so no FORCE_COLOR from the runner). */
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const t = tempHome();
  made.push(t.dir);
  const line = [BIN, ...args].map(quote).join(' ');
  const r = await execa('script', ['-qec', line, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SHELL: '/bin/sh', HOME: t.dir, SEATBELT_HOME: t.home, ...env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    cwd: t.dir,
  });
  expect(r.exitCode).toBe(77);
  return String(r.stdout);
}

describe.skipIf(!hasScript)('refusals on a terminal', () => {
  it('are coloured: the risk in colour, the rule id bold', async () => {
    const out = await onTerminal(['check', '--shell', 'rm -rf /'], { TERM: 'xterm-256color' });
    expect(out).toContain(`seatbelt: ${ESC}1m${ESC}31mrefused`);
    // the rule id bold, then the risk: CRITICAL in bold red
    expect(out).toMatch(
      /rule: +\u001b\[1mfilesystem\.recursive_delete_root\u001b\[22m \(\u001b\[1m\u001b\[31mCRITICAL\u001b\[39m\u001b\[22m\)/,
    );
  });

  it('are plain with NO_COLOR, with TERM=dumb, and on a pipe', async () => {
    const noColor = await onTerminal(['check', '--shell', 'rm -rf /'], { TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(noColor).toMatch(/seatbelt: refused\r?\n {2}rule: +[a-z_]+\.[a-z_.]+ \(CRITICAL\)/);
    expect(noColor).not.toContain(ESC);
    const dumb = await onTerminal(['check', '--shell', 'rm -rf /'], { TERM: 'dumb' });
    expect(dumb).toMatch(/seatbelt: refused/);
    expect(dumb).not.toContain(ESC);
    const t = tempHome();
    made.push(t.dir);
    const piped = await seatbelt(['check', '--shell', 'rm -rf /'], { env: { ...t.env, TERM: 'xterm-256color' } });
    expect(piped.exitCode).toBe(77);
    expect(piped.stderr).toMatch(/^seatbelt: refused\n {2}rule: +[a-z_]+\.[a-z_.]+ \(CRITICAL\)/);
    expect(piped.stderr).not.toContain(ESC);
  });
});
