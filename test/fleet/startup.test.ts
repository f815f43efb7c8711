// The PostgreSQL driver costs nothing on the exec path: `exec` and `check` never load `pg`; the
// ledger commands do (the control, so this test can fail). Measured through the real binary with a
// require hook that lists the modules loaded from node_modules/pg*.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seatbelt } from '../e2e/helpers.js';
import { scratch } from './helpers.js';

const s = scratch();
const hook = path.join(s.dir, 'trace-pg.cjs');
writeFileSync(
  hook,
  `const M = require('module');
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]pg[^\\\\/]*[\\\\/]/.test(k));
  process.stderr.write('PG-MODULES ' + loaded.length + '\\n');
});
`,
);
const home = path.join(s.dir, 'home');
mkdirSync(home, { recursive: true });
const env = { SEATBELT_HOME: home, HOME: s.dir, SEATBELT_AUDIT: path.join(s.dir, 'audit.jsonl'), NODE_OPTIONS: `--require ${hook}` };
const pgModules = (stderr: string) => Number(/PG-MODULES (\d+)/.exec(stderr)?.[1] ?? NaN);

afterAll(() => s.done());

describe('the ledger driver is off the exec path', () => {
  it('exec and check load no pg module; audit ship does', async () => {
    const exec = await seatbelt(['exec', '--', 'true'], { env });
    expect(exec.exitCode, exec.stderr).toBe(0);
    expect(pgModules(exec.stderr)).toBe(0);
    const check = await seatbelt(['check', '--', 'ls', '-la'], { env });
    expect(pgModules(check.stderr)).toBe(0);
    const ship = await seatbelt(['audit', 'ship', '--to', 'postgres://seatbelt@127.0.0.1:1/none'], { env });
    expect(ship.exitCode).toBe(69);
    expect(pgModules(ship.stderr)).toBeGreaterThan(0);
  });
});
