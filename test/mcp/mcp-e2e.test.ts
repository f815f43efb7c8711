// The MCP server end to end, driven by the SDK's own client over stdio, spawning the real binary
// with a private SEATBELT_HOME and audit file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, ListRootsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
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
  rmSync(t.dir, { recursive: true, force: true });
});

/** A call the server must refuse as JSON-RPC invalid params (-32602), before deciding or sealing anything. */
async function invalidParams(name: string, args: Record<string, unknown>): Promise<string> {
  const err = await client.callTool({ name, arguments: args }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  expect((err as McpError).code).toBe(ErrorCode.InvalidParams);
  expect(ErrorCode.InvalidParams).toBe(-32602);
  return (err as McpError).message;
}

describe('seatbelt mcp (end to end)', () => {
  it('lists the four tools, with closed schemas that have no policy or role, a title, annotations and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['audit_trail', 'export_audit_csv', 'govern_action', 'verify_chain']);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties).toBe(false);
      expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain('policy');
      expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain('role');
      expect(tool.title).toEqual(expect.any(String));
      expect(tool.annotations?.title).toBe(tool.title);
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.destructiveHint).toBe(false);
      expect(tool.annotations?.openWorldHint).toBe(false);
    }
    const readOnly = Object.fromEntries(tools.map((x) => [x.name, x.annotations?.readOnlyHint]));
    // govern_action appends a signed record to the trail: not read-only (it runs nothing).
    expect(readOnly).toEqual({ govern_action: false, audit_trail: true, verify_chain: true, export_audit_csv: true });
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

  it('an agent cannot pass a policy: `policy: "audit_mode"` is invalid params (-32602) and nothing is loosened or sealed', async () => {
    const before = readFileSync(t.audit, 'utf8');
    expect(await invalidParams('govern_action', { action: 'rm -rf ~', policy: 'audit_mode' })).toMatch(
      /unexpected argument "policy".*operator's configuration/,
    );
    await invalidParams('govern_action', { action: 'rm -rf ~', role: 'admin' });
    expect(readFileSync(t.audit, 'utf8')).toBe(before);
    const still = await call('govern_action', { action: 'rm -rf ~' });
    expect(still.body.decision).toBe('block');
    expect(still.body.policy.name).toBe('safe_defaults');
  });

  it('rejects malformed arguments as invalid params (-32602), with every problem named, sealing nothing', async () => {
    const before = readFileSync(t.audit, 'utf8');
    const message = await invalidParams('govern_action', { kind: 'python', dialect: 7 });
    expect(message).toMatch(/"action" is required/);
    expect(message).toMatch(/"kind" expected one of shell, sql/);
    expect(message).toMatch(/"dialect" expected a string/);
    expect(await invalidParams('govern_action', { action: '  ' })).toMatch(/"action" is empty: nothing to judge/);
    expect(readFileSync(t.audit, 'utf8')).toBe(before);
  });

  it('audit_trail returns recent decisions, filtered', async () => {
    const all = await call('audit_trail', { limit: 2 });
    expect(all.isError).toBe(false);
    expect(all.body.records).toHaveLength(2);
    const blocks = await call('audit_trail', { decision: 'block' });
    expect(blocks.body.records.length).toBeGreaterThanOrEqual(2);
    expect(blocks.body.records.every((r: { decision: string }) => r.decision === 'block')).toBe(true);
    expect(await invalidParams('audit_trail', { limit: 0 })).toMatch(/"limit" expected an integer from 1 to 500/);
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

  it('an unknown tool is invalid params (-32602), not a crash', async () => {
    expect(await invalidParams('run_anything', { cmd: 'rm -rf /' })).toMatch(/unknown tool "run_anything"/);
    // The server is still there.
    expect((await call('govern_action', { action: 'ls' })).body.decision).toBe('allow');
  });

  it('a client without roots: commands are judged in the folder the server was started in', async () => {
    const r = await call('govern_action', { action: 'ls' });
    const rec = readFileSync(t.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((x) => x.event_id === r.body.event_id);
    expect(rec.actor.cwd).toBe(t.dir);
  });
});

describe('seatbelt mcp with a client that offers roots', () => {
  const h = tempHome();
  const first = path.join(h.dir, 'project-a');
  const second = path.join(h.dir, 'project-b');
  let rooted: Client;
  let current = first;

  beforeAll(async () => {
    mkdirSync(first);
    mkdirSync(second);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      env: { PATH: process.env.PATH ?? '', ...h.env },
      cwd: h.dir,
      stderr: 'pipe',
    });
    rooted = new Client({ name: 'seatbelt-roots-test', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
    rooted.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [
        { uri: pathToFileURL(path.join(h.dir, 'gone')).href, name: 'a root that is not a folder here' },
        { uri: pathToFileURL(current).href, name: 'project' },
      ],
    }));
    await rooted.connect(transport);
  });

  afterAll(async () => {
    await rooted?.close();
    rmSync(h.dir, { recursive: true, force: true });
  });

  const cwdOf = async (): Promise<string> => {
    const r = (await rooted.callTool({ name: 'govern_action', arguments: { action: 'ls' } })) as {
      structuredContent?: { event_id: string };
    };
    const id = r.structuredContent!.event_id;
    const rec = readFileSync(h.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((x) => x.event_id === id);
    return rec.actor.cwd as string;
  };

  it("judges in the client's first root that is a folder, and follows the client when its roots change", async () => {
    expect(await cwdOf()).toBe(first);
    current = second;
    await rooted.sendRootsListChanged();
    // The server asks again; the next calls are judged in the new root.
    await expect.poll(cwdOf, { timeout: 5000 }).toBe(second);
  });
});
