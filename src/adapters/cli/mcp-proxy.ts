// `seatbelt mcp proxy [flags] -- <server command…>` or `seatbelt mcp proxy --upstream-url URL`: the
// gate in front of a real MCP server (src/adapters/mcp/proxy.ts). Its policy, role, trail, owner and
// tool registry come from these flags and the environment, set by the operator in the MCP client's
// configuration; nothing the agent sends can change them.
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { openSession } from '../session.js';
import { sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';

interface ProxyFlags extends DecisionFlags {
  upstreamUrl?: string;
  header?: string[];
  registry?: string;
  hideRefused?: boolean;
}

export function registerMcpProxy(mcp: Command): void {
  mcp.enablePositionalOptions();
  const cmd = mcp
    .command('proxy')
    .description('an MCP server on stdio in front of a real one: every tools/call is judged and sealed first; the rest is relayed')
    .argument('[server...]', 'the real MCP server command, after --')
    .option('--upstream-url <url>', 'a streamable-HTTP MCP server instead of a command')
    .option('--header <name:value>', 'a header for --upstream-url (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--registry <file>', 'the tool registry file (JSON; default: the built-in names, see docs/gateway.md)')
    .option('--hide-refused', 'leave out of tools/list the tools the policy refuses whatever their arguments')
    .passThroughOptions();
  withDecisionFlags(cmd, { sealing: true, json: false }).action(async (server: string[], flags: ProxyFlags, self: Command) => {
    const owner = flags.owner ?? process.env.SEATBELT_OWNER;
    if (owner !== undefined) {
      const { parseOwner } = await import('../../gateway/owner.js');
      const parsed = parseOwner(owner);
      if (!parsed.ok)
        throw new SeatbeltError('USAGE', `--owner: ${parsed.error.message.replace(/the X-Commit-Owner header/, 'the owner')}`);
    }
    const headers: Record<string, string> = {};
    for (const h of flags.header ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new SeatbeltError('USAGE', `--header ${JSON.stringify(h)}: expected name:value`);
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    const { defaultRegistry, readRegistry } = await import('../../gateway/registry.js');
    const registry = flags.registry !== undefined ? readRegistry(flags.registry) : defaultRegistry();
    const session = openSession({ ...sessionOptions(flags), agent: flags.agent ?? process.env.SEATBELT_AGENT ?? 'mcp-proxy' });
    const { runProxy, proxyOwner } = await import('../mcp/proxy.js'); // the SDK loads only here
    await runProxy({
      session,
      registry,
      ...(server.length ? { command: server } : {}),
      ...(flags.upstreamUrl !== undefined ? { upstreamUrl: flags.upstreamUrl, headers } : {}),
      owner: proxyOwner(owner),
      hideRefused: flags.hideRefused === true,
      version: self.parent?.parent?.version() ?? '0.0.0',
    });
  });
}
