// `seatbelt mcp`: the MCP server on stdio. Its policy, role and audit file come from these flags
// and the environment, set by the operator in the MCP client's configuration.
import type { Command } from 'commander';
import { openSession, type SessionOptions } from '../session.js';

interface McpFlags {
  audit?: string;
  policy?: string;
  role?: string;
  owner?: string;
  agent?: string;
  recordInput?: boolean;
  autoKeys?: boolean;
}

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server on stdio (tools: govern_action, audit_trail, verify_chain, export_audit_csv)')
    .option('--audit <file>', 'audit file (env SEATBELT_AUDIT)')
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist')
    .option('--role <name|path>', 'role whose whitelist applies')
    .option('--owner <id>', 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)')
    .option('--agent <id>', 'the agent id recorded in the audit trail (default: mcp)')
    .option('--record-input', 'store the input (secrets redacted) in the audit record, not only its digest')
    .option('--no-auto-keys', 'do not create a signing key when none exists')
    .action(async (flags: McpFlags, cmd: Command) => {
      const opts: SessionOptions = { agent: flags.agent ?? process.env.SEATBELT_AGENT ?? 'mcp' };
      if (flags.audit !== undefined) opts.audit = flags.audit;
      if (flags.policy !== undefined) opts.policy = flags.policy;
      if (flags.role !== undefined) opts.role = flags.role;
      if (flags.owner !== undefined) opts.owner = flags.owner;
      if (flags.recordInput !== undefined) opts.recordInput = flags.recordInput;
      if (flags.autoKeys !== undefined) opts.autoKeys = flags.autoKeys;
      const session = openSession(opts);
      const { serveStdio } = await import('../mcp/server.js'); // the SDK loads only here
      await serveStdio(session, cmd.parent?.version() ?? '0.0.0');
    });
}
