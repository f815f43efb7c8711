// `seatbelt catalogue list|show` and `check --explain` naming the spec, through the real binary.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { catalogue } from '../../src/catalogue/index.js';

const t = tempHome();
afterAll(() => fs.rmSync(t.dir, { recursive: true, force: true }));

describe('seatbelt catalogue', () => {
  it('lists programs by family, and one family on request', async () => {
    const all = await seatbelt(['catalogue', 'list'], { env: t.env, cwd: t.dir });
    expect(all.exitCode).toBe(0);
    expect(all.stdout).toMatch(/^launchers\s+xvfb-run\s/m);
    const json = JSON.parse((await seatbelt(['catalogue', 'list', '--family', 'launchers', '--json'], { env: t.env, cwd: t.dir })).stdout);
    expect(json.every((s: { family: string }) => s.family === 'launchers')).toBe(true);
    const bad = await seatbelt(['catalogue', 'list', '--family', 'nope'], { env: t.env, cwd: t.dir });
    expect(bad.exitCode).toBe(64);
  });

  it('the binary carries the same catalogue as the sources (dist/catalogue.data)', async () => {
    const listed = JSON.parse((await seatbelt(['catalogue', 'list', '--json'], { env: t.env, cwd: t.dir })).stdout) as {
      names: string[];
    }[];
    expect(listed.map((s) => s.names)).toEqual(catalogue().map((s) => s.names));
    const shown = JSON.parse((await seatbelt(['catalogue', 'show', 'kubectl', '--json'], { env: t.env, cwd: t.dir })).stdout);
    expect(shown).toEqual(JSON.parse(JSON.stringify(catalogue().find((s) => s.names.includes('kubectl')))));
  });

  it('shows one program, and says when it does not know one', async () => {
    const r = await seatbelt(['catalogue', 'show', 'tmux'], { env: t.env, cwd: t.dir });
    expect(r.stdout).toMatch(/^tmux \(launchers\)/);
    expect(r.stdout).toMatch(/send-keys/);
    const missing = await seatbelt(['catalogue', 'show', 'no-such-program'], { env: t.env, cwd: t.dir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/no program "no-such-program"/);
  });

  it('check --explain names the spec that judged a command', async () => {
    const r = await seatbelt(['check', '--explain', '--shell', 'xvfb-run -a npm test'], { env: t.env, cwd: t.dir });
    expect(r.stdout + r.stderr).toMatch(/catalogue\s+launchers\/xvfb-run/);
  });
});
