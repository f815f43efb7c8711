// seatbelt mcp proxy end to end: the MCP SDK client → the real binary → a small real MCP server
// (test/mcp/fixtures/recording-server.mjs) that records the calls it receives and runs nothing.
// Scratch HOME, SEATBELT_HOME and trail; the refused call never reaches the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, assertFreshBundle, seatbelt, tempHome } from '../e2e/helpers.js';

const SERVER = path.join(import.meta.dirname, 'fixtures', 'recording-server.mjs');
const t = tempHome();
const log = path.join(t.dir, 'calls.jsonl');
const registry = path.join(t.dir, 'tools.json');
const env = { ...t.env, PATH: process.env.PATH ?? '/usr/bin:/bin', SEATBELT_OWNER: 'human:alice' };
let client: Client;

const calls = (): { tool: string; arguments: Record<string, unknown> }[] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const text = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');

beforeAll(async () => {
  assertFreshBundle();
  writeFileSync(
    registry,
    JSON.stringify({
      tools: [
        { name: 'send_payment', action: 'tier', risk: 'LOW', approval: 'required' },
        { name: 'wire_funds', action: 'tier', risk: 'CRITICAL' },
      ],
    }),
  );
  client = new Client({ name: 'proxy-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: BIN,
      args: ['mcp', 'proxy', '--registry', registry, '--hide-refused', '--', process.execPath, SERVER, log],
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

describe('seatbelt mcp proxy', () => {
  it("relays initialize, the real server's tools (less the ones the policy always refuses), resources and prompts", async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'recording-server' });
    expect(client.getInstructions()).toBe('records calls, runs nothing');
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name)).toEqual(['run_shell_command', 'send_payment']); // wire_funds: CRITICAL tier, hidden
    expect((await client.readResource({ uri: 'memo://readme' })).contents[0]).toMatchObject({ text: 'hello from the real server' });
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['greet']);
  });

  it('an allowed call reaches the real server', async () => {
    const r = await client.callTool({ name: 'run_shell_command', arguments: { command: 'ls -la' } });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toBe('recorded run_shell_command');
    expect(calls()).toEqual([{ tool: 'run_shell_command', arguments: { command: 'ls -la' } }]);
  });

  it('a refused call returns a tool error naming the rule and the remediation, and never reaches the server', async () => {
    const before = calls().length;
    const r = await client.callTool({ name: 'run_shell_command', arguments: { command: 'rm -rf ~' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/seatbelt refused this call to run_shell_command/);
    expect(text(r)).toMatch(/rule: +\S+ \(CRITICAL\)/);
    expect(text(r)).toMatch(/remediation: +\S/);
    const hidden = await client.callTool({ name: 'wire_funds', arguments: { amount: 1 } });
    expect(hidden.isError).toBe(true);
    expect(text(hidden)).toContain('gateway.tool_risk_critical');
    expect(calls()).toHaveLength(before);
  });

  it('holds an approval-required call until `seatbelt approve`, then runs the same call once', async () => {
    const before = calls().length;
    const held = await client.callTool({ name: 'send_payment', arguments: { amount: 5 } });
    expect(held.isError).toBe(true);
    const id = /approval id: (\S+)/.exec(text(held))?.[1];
    expect(id).toBeDefined();
    const list = await seatbelt(['approve', '--list'], { env });
    expect(list.stdout).toContain(id!);
    expect(list.stdout).toContain('"amount":5');
    const ok = await seatbelt(['approve', id!, '--owner', 'human:ops'], { env });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/approved .* send_payment for human:alice/);
    const ran = await client.callTool({ name: 'send_payment', arguments: { amount: 5 } });
    expect(ran.isError).toBeFalsy();
    expect(calls().slice(before)).toEqual([{ tool: 'send_payment', arguments: { amount: 5 } }]);
    expect((await client.callTool({ name: 'send_payment', arguments: { amount: 5 } })).isError).toBe(true);
    expect(calls().slice(before)).toHaveLength(1);
    expect((await seatbelt(['deny', id!], { env })).exitCode).toBe(64); // already decided
  });

  it('seals every call in a trail that `seatbelt verify` accepts, with the gateway fields', async () => {
    const records = readFileSync(t.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const decisions = records.filter((r) => r.type === 'decision');
    expect(decisions.map((r) => [r.gateway?.tool, r.decision])).toEqual([
      ['run_shell_command', 'allow'],
      ['run_shell_command', 'block'],
      ['wire_funds', 'block'],
      ['send_payment', 'block'],
      ['send_payment', 'allow'], // the operator's approval
      ['send_payment', 'allow'],
      ['send_payment', 'block'],
    ]);
    expect(decisions[0]).toMatchObject({ actor: { owner: 'human:alice', agent: 'proxy-test' }, gateway: { api: 'mcp' } });
    expect(decisions[4]).toMatchObject({ policy: { name: 'operator_approval' }, actor: { owner: 'human:ops' } });
    const v = await seatbelt(['verify', t.audit], { env });
    expect(v.exitCode, v.stdout + v.stderr).toBe(0);
  });
});
