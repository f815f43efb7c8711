// The MCP server end to end, driven by the SDK's own client over stdio, spawning the real binary
// with a private SEATBELT_HOME and audit file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readHomePublicKeys } from '../../src/audit/keys.js';
import { verifyTrail } from '../../src/audit/verify.js';
import { verifyExport } from '../../src/audit/export.js';
import { BIN, tempHome } from '../e2e/helpers.js';

const t = tempHome();
let client: Client;

type ToolResult = { isError?: boolean; content: Array<{ type: string; text: string }> };
async function call(name: string, args: Record<string, unknown> = {}): Promise<{ isError: boolean; body: any }> {
  const r = (await client.callTool({ name, arguments: args })) as ToolResult;
  return { isError: r.isError === true, body: JSON.parse(r.content[0]!.text) };
}

beforeAll(async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--owner', 'human:operator'],
    env: { PATH: process.env.PATH ?? '', ...t.env },
    cwd: t.dir, // no project configuration above it
    stderr: 'pipe',
  });
  client = new Client({ name: 'seatbelt-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
});

describe('seatbelt mcp (end to end)', () => {
  it('lists the four tools, with closed schemas that have no policy or role', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['audit_trail', 'export_audit_csv', 'govern_action', 'verify_chain']);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties).toBe(false);
      expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain('policy');
      expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain('role');
    }
  });

  it('govern_action blocks a destructive command, allows an ordinary one, and seals both', async () => {
    const block = await call('govern_action', { action: 'rm -rf /', kind: 'shell', intent: 'clean up' });
    expect(block.isError).toBe(false);
    expect(block.body).toMatchObject({ decision: 'block', intent: 'clean up' });
    expect(block.body.rules.length).toBeGreaterThan(0);
    expect(block.body.reason).toEqual(expect.any(String));
    expect(block.body.remediation).not.toBe('');
    expect(block.body.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(block.body.record_hash).toMatch(/^[0-9a-f]{64}$/);
    const allow = await call('govern_action', { action: 'ls -la' });
    expect(allow.body.decision).toBe('allow');
    const recs = readFileSync(t.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(recs.map((r) => [r.event_id, r.decision])).toEqual([
      [block.body.event_id, 'block'],
      [allow.body.event_id, 'allow'],
    ]);
    expect(recs[0].actor).toMatchObject({ agent: 'mcp', owner: 'human:operator' });
    expect(recs[0].hash).toBe(block.body.record_hash);
  });

  it('an agent cannot pass a policy: `policy: "audit_mode"` is rejected and nothing is loosened or sealed', async () => {
    const before = readFileSync(t.audit, 'utf8');
    const r = await call('govern_action', { action: 'rm -rf ~', policy: 'audit_mode' });
    expect(r.isError).toBe(true);
    expect(r.body.decision).toBe('block');
    expect(r.body.error).toMatch(/unexpected argument "policy".*operator's configuration/);
    const role = await call('govern_action', { action: 'rm -rf ~', role: 'admin' });
    expect(role.isError).toBe(true);
    expect(readFileSync(t.audit, 'utf8')).toBe(before);
    const still = await call('govern_action', { action: 'rm -rf ~' });
    expect(still.body.decision).toBe('block');
    expect(still.body.policy.name).toBe('safe_defaults');
  });

  it('rejects malformed arguments with every problem named', async () => {
    const r = await call('govern_action', { kind: 'python', dialect: 7 });
    expect(r.isError).toBe(true);
    expect(r.body.error).toMatch(/"action" is required/);
    expect(r.body.error).toMatch(/"kind" expected one of shell, sql/);
    expect(r.body.error).toMatch(/"dialect" expected a string/);
  });

  it('audit_trail returns recent decisions, filtered', async () => {
    const all = await call('audit_trail', { limit: 2 });
    expect(all.isError).toBe(false);
    expect(all.body.records).toHaveLength(2);
    const blocks = await call('audit_trail', { decision: 'block' });
    expect(blocks.body.records.length).toBeGreaterThanOrEqual(2);
    expect(blocks.body.records.every((r: { decision: string }) => r.decision === 'block')).toBe(true);
    const bad = await call('audit_trail', { limit: 0 });
    expect(bad.isError).toBe(true);
  });

  it('verify_chain reports an intact trail, the same as verifyTrail', async () => {
    const r = await call('verify_chain');
    expect(r.isError).toBe(false);
    expect(r.body).toMatchObject({ ok: true, findings: [] });
    const local = verifyTrail(readFileSync(t.audit), { publicKeys: readHomePublicKeys(t.home).map((k) => k.key) });
    expect(r.body.records).toBe(local.records);
    expect(r.body.lastHash).toBe(local.lastHash);
  });

  it('export_audit_csv returns the CSV with a detached signature that verify-export accepts', async () => {
    const r = await call('export_audit_csv', { decision: 'block' });
    expect(r.isError).toBe(false);
    const csv = Buffer.from(r.body.csv, 'utf8');
    expect(r.body.rows).toBe(csv.toString('utf8').trim().split('\n').length - 1);
    expect(r.body.rows).toBeGreaterThanOrEqual(2);
    const keys = readHomePublicKeys(t.home).map((k) => k.key);
    expect(verifyExport(csv, Buffer.from(JSON.stringify(r.body.signature)), keys)).toMatchObject({ ok: true, problems: [] });
    const tampered = Buffer.from(r.body.csv.replace('block', 'allow'), 'utf8');
    expect(verifyExport(tampered, Buffer.from(JSON.stringify(r.body.signature)), keys).ok).toBe(false);
  });

  it('an unknown tool is an error, not a crash', async () => {
    const r = await call('run_anything', { cmd: 'rm -rf /' });
    expect(r.isError).toBe(true);
    expect(r.body.error).toMatch(/unknown tool/);
  });
});
