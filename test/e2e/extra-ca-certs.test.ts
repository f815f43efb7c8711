// NODE_EXTRA_CA_CERTS costs every Node 20 process a parse of its CA bundles at start. exec, check,
// sql and the host hooks make no TLS connection, so bin/seatbelt starts their node without it —
// and whatever they run gets it back, as given (src/adapters/cli/extra-ca-certs.ts). Node names a
// bundle it cannot load on stderr as it starts: that is how these tests see which processes loaded it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seatbelt, tempHome } from './helpers.js';

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
