// `seatbelt mcp`: an MCP server on stdio. The session (policy, role, audit file, owner) is opened
// from the operator's command line and environment when the server starts; tool arguments can
// never change it. A tool that fails answers isError with the reason; govern_action's failures
// say "block", so an agent that reads only the verdict still does not run the command.
// The SDK is imported lazily (a static import would be hoisted into every command's start-up).
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SeatbeltError } from '../../core/error.js';
import type { Session } from '../session.js';
import { jsonSchema, validateArgs } from './args.js';
import { TOOLS } from './tools.js';

export function errorResult(tool: string, err: unknown): CallToolResult {
  const message = err instanceof SeatbeltError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  const body = tool === 'govern_action' ? { decision: 'block', error: message } : { error: message };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
}

export async function createServer(session: Session, version: string): Promise<Server> {
  const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
  const { CallToolRequestSchema, ListToolsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  const server = new Server({ name: 'seatbelt', version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map((t) => ({ name: t.name, description: t.description, inputSchema: jsonSchema(t.args) as { type: 'object' } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === req.params.name);
    if (!tool) return errorResult(req.params.name, new SeatbeltError('INPUT', `unknown tool "${req.params.name}"`));
    try {
      const args = validateArgs(tool.name, tool.args, req.params.arguments);
      const result = await tool.run(args, session);
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    } catch (err) {
      return errorResult(tool.name, err);
    } finally {
      while (session.notices.length) process.stderr.write(session.notices.shift() + '\n');
    }
  });
  return server;
}

/** Serves on stdin/stdout until the client closes the stream. */
export async function serveStdio(session: Session, version: string): Promise<void> {
  const server = await createServer(session, version);
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
