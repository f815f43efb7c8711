// `seatbelt mcp`: the MCP server on stdio. Its policy, role and audit file come from these flags
// and the environment, set by the operator in the MCP client's configuration.
import type { Command } from 'commander';
import { openSession } from '../session.js';
import { sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';
import { registerMcpProxy } from './mcp-proxy.js';

export function registerMcp(program: Command): void {
  const cmd = program
    .command('mcp')
    .description('run the MCP server on stdio (tools: govern_action, audit_trail, verify_chain, export_audit_csv)');
  withDecisionFlags(cmd, { sealing: true, json: false }).action(async (flags: DecisionFlags, self: Command) => {
    // The agent id defaults to "mcp" so the trail says where the decision came from.
    const session = openSession({ ...sessionOptions(flags), agent: flags.agent ?? process.env.SEATBELT_AGENT ?? 'mcp' });
    const { serveStdio } = await import('../mcp/server.js'); // the SDK loads only here
    await serveStdio(session, self.parent?.version() ?? '0.0.0');
  });
  registerMcpProxy(cmd);
}
