// `seatbelt mcp`: the MCP server on stdio. Its policy, role and audit file come from these flags
// and the environment, set by the operator in the MCP client's configuration. Commands are judged
// in the client's first root folder when it offers roots, else in the folder the server started in.
import type { Command } from 'commander';
import { openSession, type Session } from '../session.js';
import { sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';
import { registerMcpProxy } from './mcp-proxy.js';
import { startBaselineCompiler } from './baseline-compiler.js';

export function registerMcp(program: Command): void {
  const cmd = program
    .command('mcp')
    .description('run the MCP server on stdio (tools: govern_action, audit_trail, verify_chain, export_audit_csv)');
  withDecisionFlags(cmd, { sealing: true, json: false }).action(async (flags: DecisionFlags, self: Command) => {
    startBaselineCompiler(); // a server: it runs long
    // The agent id defaults to "mcp" so the trail says where the decision came from.
    const options = { ...sessionOptions(flags), agent: flags.agent ?? process.env.SEATBELT_AGENT ?? 'mcp' };
    const launch = process.cwd();
    // Opened now, so a bad configuration stops the server before it serves (exit 78).
    const sessions = new Map<string, Session>([[launch, openSession(options)]]);
    const sessionFor = (cwd: string): Session => {
      let s = sessions.get(cwd);
      if (!s) sessions.set(cwd, (s = openSession({ ...options, cwd })));
      return s;
    };
    const { serveStdio } = await import('../mcp/server.js'); // the SDK loads only here
    await serveStdio(sessionFor, self.parent?.version() ?? '0.0.0');
  });
  registerMcpProxy(cmd);
}
