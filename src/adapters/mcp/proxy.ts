// `seatbelt mcp proxy -- <server command…>` (or `--upstream-url URL`): an MCP server on stdio in
// front of a real MCP server. Everything is relayed as it is — initialize (the real server's
// capabilities, name and instructions), tools/list, resources/*, prompts/*, completion, logging,
// notifications (notifications/*) both ways — except tools/call: every call goes through the gate first (the tool
// registry, the engine, the policy and role of this session), is sealed, and only an allowed call
// reaches the real server. A refused or held call is answered with an MCP tool error
// (`isError: true`) naming the rule and the remediation.
//
// The real server is launched by the MCP SDK's stdio transport (the one child process seatbelt
// starts outside run/: the operator's own server command, from the client's configuration). The
// SDK is imported lazily, so no other command pays for it.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { SeatbeltError } from '../../core/error.js';
import { uuidv7 } from '../../audit/uuid.js';
import { openGate, type ToolVerdict } from '../../gateway/commit.js';
import { lookupTool, type ToolRegistry } from '../../gateway/registry.js';
import type { Session } from '../session.js';

export interface ProxyOptions {
  session: Session;
  registry: ToolRegistry;
  /** The real server's command line (stdio). */
  command?: string[];
  /** Or the URL of a streamable-HTTP MCP server. */
  upstreamUrl?: string;
  /** Headers for the upstream URL (e.g. its Authorization). */
  headers?: Record<string, string>;
  /** The commit owner recorded for every call (the operator's MCP configuration). */
  owner: string;
  /** Hide tools every call of which the policy refuses (tier and unknown tools it blocks). */
  hideRefused: boolean;
  version: string;
}

/** A day: long tool calls are the real server's business; the agent's cancellation still reaches it. */
const UPSTREAM_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function refusalText(v: ToolVerdict, tool: string): string {
  const lines =
    v.verdict === 'hold'
      ? [`seatbelt held this call to ${tool}: it needs the operator's approval`, `  approval id: ${v.approvalId}`]
      : [`seatbelt refused this call to ${tool}`];
  lines.push(
    `  rule:        ${v.ruleId}${v.risk ? ` (${v.risk})` : ''}`,
    `  reason:      ${v.reason ?? ''}`,
    `  remediation: ${v.remediation ?? ''}`,
    `  record:      ${v.record.id}`,
  );
  if (v.verdict === 'hold') lines.push('  once approved, make the same call again (same tool, same arguments): it runs once');
  return lines.join('\n');
}

export async function runProxy(o: ProxyOptions): Promise<void> {
  if (!o.command?.length === !o.upstreamUrl)
    throw new SeatbeltError('USAGE', 'mcp proxy: give the server command after -- or --upstream-url URL (one of them)');
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const { ResultSchema, ErrorCode, McpError } = await import('@modelcontextprotocol/sdk/types.js');

  const client = new Client({ name: 'seatbelt-mcp-proxy', version: o.version }, { capabilities: {} });
  let transport;
  if (o.command?.length) {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const [command, ...args] = o.command as [string, ...string[]];
    // The real server gets the environment the MCP client gave the proxy (its keys, its PATH).
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    transport = new StdioClientTransport({ command, args, env, stderr: 'inherit' });
  } else {
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    let url: URL;
    try {
      url = new URL(o.upstreamUrl!);
    } catch {
      throw new SeatbeltError('USAGE', `--upstream-url ${JSON.stringify(o.upstreamUrl)} is not a URL`);
    }
    transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: o.headers ?? {} } });
  }
  try {
    await client.connect(transport);
  } catch (err) {
    throw new SeatbeltError('UNAVAILABLE', `mcp proxy: cannot start or reach the MCP server: ${(err as Error).message}`, { cause: err });
  }

  const info = client.getServerVersion();
  const instructions = client.getInstructions();
  const server = new Server(
    { name: info?.name ?? 'seatbelt-mcp-proxy', version: info?.version ?? o.version },
    { capabilities: client.getServerCapabilities() ?? {}, ...(instructions !== undefined ? { instructions } : {}) },
  );
  const gate = openGate({ session: o.session, registry: o.registry });
  const sessionId = uuidv7(new Date(), randomBytes(10));
  const agent = () => server.getClientVersion()?.name ?? o.session.resolved.settings.agent ?? 'mcp';
  const forward = (req: { method: string; params?: unknown }, signal?: AbortSignal) =>
    client.request({ method: req.method, params: req.params as Record<string, unknown> }, ResultSchema, {
      timeout: UPSTREAM_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });

  const callTool = async (req: JSONRPCRequest, signal: AbortSignal) => {
    const params = (req.params ?? {}) as { name?: unknown; arguments?: unknown };
    if (typeof params.name !== 'string' || params.name === '')
      throw new McpError(ErrorCode.InvalidParams, 'tools/call needs a tool name (params.name)');
    let verdict: ToolVerdict;
    try {
      verdict = await gate.commit(
        { name: params.name, arguments: params.arguments },
        { api: 'mcp', requestId: uuidv7(new Date(), randomBytes(10)), owner: o.owner, agentId: agent(), sessionId },
      );
    } catch (err) {
      // Not sealed, not run: fail closed.
      const why = err instanceof SeatbeltError ? err.message : `internal error: ${(err as Error).message}`;
      return { isError: true, content: [{ type: 'text', text: `seatbelt refused this call to ${params.name}: ${why}` }] };
    } finally {
      while (o.session.notices.length) process.stderr.write(o.session.notices.shift() + '\n');
    }
    if (verdict.verdict !== 'allow') return { isError: true, content: [{ type: 'text', text: refusalText(verdict, params.name) }] };
    return forward(req, signal);
  };

  // Tools every call of which is refused whatever the arguments (tier and unknown tools the policy blocks).
  const refusedOutright = async (name: string): Promise<boolean> => {
    const entry = lookupTool(o.registry, name);
    if (entry && entry.action !== 'tier') return false;
    const registry = entry ? { risk: entry.risk! } : { unknown: true as const };
    const d = await o.session.check({ kind: 'tool', name, arguments: '{}', registry });
    return d.decision === 'block';
  };

  server.fallbackRequestHandler = async (req, extra) => {
    if (req.method === 'tools/call') return callTool(req, extra.signal);
    // `Tools/call`, `tools/call ` …: a server that matches methods loosely would run it ungated.
    if (req.method.trim().toLowerCase() === 'tools/call')
      throw new McpError(ErrorCode.MethodNotFound, `${JSON.stringify(req.method)} is not a method; tool calls are "tools/call"`);
    const result = await forward(req, extra.signal);
    if (req.method === 'tools/list' && o.hideRefused && Array.isArray(result.tools)) {
      const tools = result.tools as { name: string }[];
      const hidden = await Promise.all(tools.map((t) => refusedOutright(t.name)));
      return { ...result, tools: tools.filter((_, i) => !hidden[i]) };
    }
    return result;
  };
  // Only notifications go on as notifications (`notifications/*`): a message without an id that names
  // another method (`tools/call`) is a call a loosely written server might run, and it has no gate.
  server.fallbackNotificationHandler = async (n) => {
    if (n.method.startsWith('notifications/')) await client.notification(n as Parameters<typeof client.notification>[0]);
  };
  client.fallbackNotificationHandler = async (n) => server.notification(n as Parameters<typeof server.notification>[0]);

  const serverTransport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    serverTransport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    client.onclose = () => resolve();
  });
  await server.connect(serverTransport);
  await closed;
  await server.close().catch(() => undefined);
  await client.close().catch(() => undefined);
}

/** The owner for the proxy's records: --owner / SEATBELT_OWNER, else the OS user as `human:<user>`. */
export function proxyOwner(configured: string | undefined): string {
  if (configured) return configured;
  const user = os.userInfo().username.replace(/[^A-Za-z0-9._@+-]/g, '_') || 'unknown';
  return `human:${user}`;
}
