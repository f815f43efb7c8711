// What bin/seatbelt changes in the environment of the node it starts for exec, check, sql and the
// host hooks, and whatever they run gets back as given (src/adapters/cli/launch-environment.ts).
// NODE_EXTRA_CA_CERTS costs every Node 20 process a parse of its CA bundles at start, and these
// commands make no TLS connection: their node starts without it. Node names a bundle it cannot load
// on stderr as it starts: that is how these tests see which processes loaded it. GLIBC_TUNABLES
// gains glibc.malloc.hugetlb=1, ahead of the host's own settings.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { BIN, seatbelt, tempHome } from './helpers.js';

const MISSING = '/nonexistent/seatbelt-test/extra-ca.pem';
const NODE_LOADED_IT = /Ignoring extra certs from/;

describe('NODE_EXTRA_CA_CERTS', () => {
  it('exec: seatbelt’s node starts without it, and the command gets it as given', async () => {
    const t = tempHome();
    const env = { ...t.env, NODE_EXTRA_CA_CERTS: MISSING };
    const r = await seatbelt(['exec', '--', 'sh', '-c', 'printf "%s|%s" "$NODE_EXTRA_CA_CERTS" "${SEATBELT_EXTRA_CA_CERTS-unset}"'], {
      env,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${MISSING}|unset`);
    expect(r.stderr).not.toMatch(NODE_LOADED_IT);
  });

  it('check, sql and a host hook start without it too', async () => {
    const t = tempHome();
    const env = { ...t.env, NODE_EXTRA_CA_CERTS: MISSING };
    for (const [args, input] of [
      [['check', '--shell', 'ls -la'], undefined],
      [['sql', 'SELECT 1'], undefined],
      [['hook', 'codex'], readFileSync(path.resolve(import.meta.dirname, '../fixtures/hooks/codex/ordinary.json'), 'utf8')],
    ] as const) {
      const r = await seatbelt([...args], { env, ...(input ? { input } : {}) });
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).not.toMatch(NODE_LOADED_IT);
    }
  });

  it('other commands keep it: they may speak TLS (the ledger, OTLP, the gateway, timestamping)', async () => {
    const t = tempHome();
    const r = await seatbelt(['--version'], { env: { ...t.env, NODE_EXTRA_CA_CERTS: MISSING } });
    expect(r.stderr).toMatch(NODE_LOADED_IT);
  });
});

describe('GLIBC_TUNABLES', () => {
  const SEEN = 'printf "[%s]|%s" "${GLIBC_TUNABLES-unset}" "${SEATBELT_GLIBC_TUNABLES-unset}"';
  // Without extending this process's environment, so "unset" means unset.
  const run = (args: string[], env: Record<string, string>) =>
    execa(BIN, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, extendEnv: false, reject: false, stdin: 'ignore' });

  it('exec: the command gets it as given, set, empty or unset', async () => {
    const t = tempHome();
    for (const [given, seen] of [
      [{}, '[unset]|unset'],
      [{ GLIBC_TUNABLES: '' }, '[]|unset'],
      [{ GLIBC_TUNABLES: 'glibc.malloc.check=0' }, '[glibc.malloc.check=0]|unset'],
    ] as const) {
      const r = await run(['exec', '--', 'sh', '-c', SEEN], { ...t.env, ...given });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout, JSON.stringify(given)).toBe(seen);
    }
  });

  it('the agent commands’ node starts with hugetlb first, the host’s settings after it; other commands as given', async () => {
    const t = tempHome();
    // A node that only prints what it was started with: bin/seatbelt starts the first node on PATH.
    const bin = path.join(t.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'node'), `#!/bin/sh\n${SEEN}\n`);
    chmodSync(path.join(bin, 'node'), 0o755);
    const PATH = `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
    for (const command of [
      ['exec', '--', 'true'],
      ['check', '--', 'true'],
      ['sql', 'SELECT 1'],
      ['hook', 'codex'],
    ]) {
      const unset = await run(command, { ...t.env, PATH });
      expect(unset.stdout, command.join(' ')).toBe('[glibc.malloc.hugetlb=1]|unset');
      const own = await run(command, { ...t.env, PATH, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' });
      expect(own.stdout, command.join(' ')).toBe('[glibc.malloc.hugetlb=1:glibc.malloc.hugetlb=0]|set:glibc.malloc.hugetlb=0');
    }
    const other = await run(['keys', 'show'], { ...t.env, PATH, GLIBC_TUNABLES: 'glibc.malloc.check=0' });
    expect(other.stdout).toBe('[glibc.malloc.check=0]|unset');
  });
});
