// `seatbelt mcp`: an MCP server on stdio. The session (policy, role, audit file, owner) is opened
// from the operator's command line and environment when the server starts; tool arguments can
// never change it. A call to an unknown tool, or with arguments that do not fit the tool's schema,
// is a JSON-RPC error -32602 (invalid params): nothing is decided or sealed. A tool that fails
// while it runs answers isError with the reason; govern_action's failures say "block", so an agent
// that reads only the verdict still does not run the command.
// The folder a command is judged in: the client's first root that is a folder here, when it offers roots
// (asked after initialisation and again when the client says the list changed), else the folder
// the server was started in.
// The SDK is imported lazily (a static import would be hoisted into every command's start-up).
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Opens (once per folder) the operator's session for commands judged in `cwd`. */
export type SessionFor = (cwd: string) => Session;

/** How long a tool call waits for the client's roots before judging in the launch folder. */
const ROOTS_WAIT_MS = 5000;

/** The first root that is a local folder, as a path; undefined when there is none. */
export function folderFromRoots(roots: readonly { uri: string }[]): string | undefined {
  for (const r of roots) {
    if (!r.uri.startsWith('file:')) continue;
    try {
      const p = fileURLToPath(r.uri);
      if (path.isAbsolute(p) && statSync(p).isDirectory()) return p;
    } catch {
      /* not a local folder: the next root */
    }
  }
  return undefined;
}

export async function createServer(sessionFor: SessionFor, version: string, launchCwd = process.cwd()): Promise<Server> {
  const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
  const { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, RootsListChangedNotificationSchema } =
    await import('@modelcontextprotocol/sdk/types.js');
  const server = new Server({ name: 'seatbelt', version }, { capabilities: { tools: {} } });

  let roots: Promise<string | undefined> | undefined;
  const askRoots = () => {
    roots = server
      .listRoots()
      .then((r) => folderFromRoots(r.roots))
      .catch((err: unknown) => {
        process.stderr.write(
          `seatbelt: the client's roots could not be read (${err instanceof Error ? err.message : String(err)}); judging in ${launchCwd}\n`,
        );
        return undefined;
      });
  };
  const offersRoots = () => server.getClientCapabilities()?.roots !== undefined;
  server.oninitialized = () => {
    if (offersRoots()) askRoots();
  };
  server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
    if (offersRoots()) askRoots();
  });
  const workingFolder = async (): Promise<string> => {
    if (!offersRoots()) return launchCwd;
    if (!roots) askRoots();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ROOTS_WAIT_MS);
    });
    const folder = await Promise.race([roots, late]);
    clearTimeout(timer);
    return folder ?? launchCwd;
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: jsonSchema(t.args) as { type: 'object' },
      outputSchema: t.outputSchema as { type: 'object' },
      annotations: { title: t.title, ...t.annotations },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === req.params.name);
    if (!tool)
      throw new McpError(ErrorCode.InvalidParams, `unknown tool "${req.params.name}": seatbelt has ${TOOLS.map((t) => t.name).join(', ')}`);
    let args: ReturnType<typeof validateArgs>;
    try {
      args = validateArgs(tool.name, tool.args, req.params.arguments);
    } catch (err) {
      throw new McpError(ErrorCode.InvalidParams, err instanceof Error ? err.message : String(err));
    }
    let session: Session | undefined;
    try {
      session = sessionFor(await workingFolder());
      const result = await tool.run(args, session);
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    } catch (err) {
      return errorResult(tool.name, err);
    } finally {
      while (session?.notices.length) process.stderr.write(session.notices.shift() + '\n');
    }
  });
  return server;
}

/** Serves on stdin/stdout until the client closes the stream. */
export async function serveStdio(sessionFor: SessionFor, version: string): Promise<void> {
  const server = await createServer(sessionFor, version);
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
