// seatbelt/mcp: an MCP SDK server tool handler behind the guard. A refusal becomes the tool's
// error result (isError, with GovernanceBlocked's message: rule, remediation, sealed event), which
// the client's model reads; other errors are left to the SDK, which reports them the same way.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GovernanceBlocked } from '../governance-blocked.js';
import type { Guard } from '../guard.js';
import type { WrapSpec } from '../wrap.js';

/**
 * `handler` governed: `server.registerTool(name, { inputSchema }, guardedToolHandler(guard,
 * { kind: 'shell', arg: 'command' }, async ({ command }) => …))`.
 */
export function guardedToolHandler<A extends unknown[]>(
  guard: Guard,
  spec: WrapSpec,
  handler: (...args: A) => CallToolResult | Promise<CallToolResult>,
): (...args: A) => Promise<CallToolResult> {
  const governed = guard.wrap(handler, spec);
  return async (...args: A) => {
    try {
      return await governed(...args);
    } catch (err) {
      if (err instanceof GovernanceBlocked) return { isError: true, content: [{ type: 'text', text: err.message }] };
      throw err;
    }
  };
}
