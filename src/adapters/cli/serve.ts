// `seatbelt serve --upstream URL`: the gateway between agents and their model (docs/gateway.md).
// Everything it needs is imported when the command runs, so no other command pays for it.
import type { Command } from 'commander';
import type { ServeFlags } from '../../gateway/config.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the gateway: an OpenAI/Anthropic-compatible proxy that gates every tool call the model emits (docs/gateway.md)')
    .option('--upstream <url>', 'the model API to forward to, e.g. https://api.openai.com')
    .option('--port <n>', 'port to listen on (0: any free port, printed at start)', '8443')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--dev', 'development: ephemeral key, ./audit.jsonl, localhost only, default owner human:dev')
    .option('--config <file>', 'the serve config (owners, limits, registry, inspection); see seatbelt init --gateway')
    .option('--strict-paths', 'refuse paths other than the gated APIs instead of passing them through')
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist')
    .option('--role <name|path>', 'role whose whitelist applies')
    .option('--audit <file>', 'audit file (env SEATBELT_AUDIT)')
    .action(async (flags: ServeFlags, self: Command) => {
      // Commander fills --port and --host defaults; a config file's values count unless given on the command line.
      const given = (name: string) => self.getOptionValueSource(name) === 'cli';
      const { resolveServeConfig } = await import('../../gateway/config.js');
      const config = resolveServeConfig({
        ...flags,
        ...(given('port') ? {} : { port: undefined }),
        ...(given('host') ? {} : { host: undefined }),
      });
      const { startGateway } = await import('../../gateway/serve.js');
      const running = await startGateway(config);
      for (const line of running.banner) process.stderr.write(line + '\n');
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) {
            process.stderr.write(`seatbelt serve: ${signal} again: stopping now, ${running.gateway.inflight()} request(s) cut\n`);
            process.exit(1);
          }
          stopping = true;
          process.stderr.write(`seatbelt serve: ${signal}: finishing ${running.gateway.inflight()} in-flight request(s)\n`);
          void running.close().then(resolve);
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      });
      process.stderr.write('seatbelt serve: stopped\n');
    });
}
