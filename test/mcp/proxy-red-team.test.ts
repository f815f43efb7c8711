// seatbelt mcp proxy against messages shaped to slip a call past the gate: a notification named
// tools/call (no id, so no answer and no gate), and a request spelled `Tools/call`. In front of a
// loosely written server (test/mcp/fixtures/naive-server.mjs) that would act on both, they must
// never arrive. The MCP SDK client → the real binary; the server records, runs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { BIN, assertFreshBundle, tempHome } from '../e2e/helpers.js';

const SERVER = path.join(import.meta.dirname, 'fixtures', 'naive-server.mjs');
const t = tempHome();
const log = path.join(t.dir, 'calls.jsonl');
const env = { ...t.env, PATH: process.env.PATH ?? '/usr/bin:/bin', SEATBELT_OWNER: 'human:alice' };
const BAD = { name: 'run_shell_command', arguments: { command: 'rm -rf ~' } };
let client: Client;

const recorded = (): { method: string; params: { arguments: unknown } }[] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

beforeAll(async () => {
  assertFreshBundle();
  client = new Client({ name: 'red-team', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: BIN,
      args: ['mcp', 'proxy', '--', process.execPath, SERVER, log],
      env,
      cwd: t.dir,
      stderr: 'pipe',
    }),
  );
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(t.dir, { recursive: true, force: true });
});

describe('mcp proxy: calls in disguise', () => {
  it('does not pass on a notification named tools/call (only notifications/* go on)', async () => {
    await client.notification({ method: 'tools/call', params: BAD } as never);
    // An allowed call after it: stdio keeps order, so once it is recorded the notification had its chance.
    const ok = await client.callTool({ name: 'run_shell_command', arguments: { command: 'ls -la' } });
    expect(ok.isError).toBeFalsy();
    expect(recorded()).toEqual([
      { method: 'tools/call', id: expect.anything(), params: { name: 'run_shell_command', arguments: { command: 'ls -la' } } },
    ]);
  });

  it('refuses a request spelled like tools/call but not tools/call, without passing it on', async () => {
    const before = recorded().length;
    for (const method of ['Tools/call', 'tools/call ', 'TOOLS/CALL']) {
      await expect(client.request({ method, params: BAD } as never, ResultSchema)).rejects.toThrow(/is not a method/);
    }
    expect(recorded()).toHaveLength(before);
  });
});
