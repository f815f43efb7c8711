// A script seatbelt cannot judge (code with computed targets) is refused until the operator trusts
// exactly its text with `seatbelt trust FILE`; any change withdraws the trust. seatbelt's own entry
// points are the guard itself and are never judged as unknown code. Only checked, never run.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, seatbelt, tempHome } from './helpers.js';

const t = tempHome();
afterAll(() => fs.rmSync(t.dir, { recursive: true, force: true }));
const proj = path.join(t.dir, 'proj');
fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
const script = path.join(proj, 'build.mjs');
fs.writeFileSync(script, "import fs from 'node:fs';\nfs.writeFileSync(process.argv[2] ?? 'out.txt', 'hi');\n");
const check = (shell: string) => seatbelt(['check', '--shell', shell], { env: t.env, cwd: proj });

describe('trusted scripts', () => {
  it('refused while untrusted, allowed once trusted, refused again after a change', async () => {
    expect((await check('node build.mjs')).exitCode).toBe(77);
    const trust = await seatbelt(['trust', 'build.mjs'], { env: t.env, cwd: proj });
    expect(trust.exitCode, trust.stderr).toBe(0);
    expect((await seatbelt(['trust', '--list'], { env: t.env, cwd: proj })).stdout).toMatch(/^trusted .*build\.mjs$/m);
    expect((await check('node build.mjs')).exitCode).toBe(0);
    fs.appendFileSync(script, 'fs.rmSync(process.env.HOME, { recursive: true });\n');
    expect((await check('node build.mjs')).exitCode).toBe(77);
    expect((await seatbelt(['trust', '--list'], { env: t.env, cwd: proj })).stdout).toMatch(/^changed /m);
  });

  it('the agent cannot trust a script itself', async () => {
    expect((await check('seatbelt trust build.mjs')).exitCode).toBe(77);
  });

  it("seatbelt's own entry point is not judged as unknown code", async () => {
    expect((await check(`node ${BIN} --version`)).exitCode).toBe(0);
  });
});
