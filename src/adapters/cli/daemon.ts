// `seatbelt daemon`: the hook daemon for the environment it is started in (docs/daemon.md). The
// hook client starts it by itself (hook --daemon, or SEATBELT_DAEMON=1); run by hand, it stays in the foreground.
// Everything it needs is imported when the command runs, so no other command pays for it.
import path from 'node:path';
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';

const DEFAULT_IDLE_EXIT_SECONDS = 900;

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description('answer host hooks from a warm process for this environment (SEATBELT_DAEMON=1 in the host uses it; docs/daemon.md)')
    .option('--idle-exit <seconds>', `exit after this long without a call (0: never)`, String(DEFAULT_IDLE_EXIT_SECONDS))
    .action(async (flags: { idleExit: string }) => {
      const seconds = Number(flags.idleExit);
      if (!/^\d+$/.test(flags.idleExit) || !Number.isSafeInteger(seconds))
        throw new SeatbeltError('USAGE', `--idle-exit expects a whole number of seconds, got ${JSON.stringify(flags.idleExit)}`);
      const [{ seatbeltHome }, { envDigest }, { socketPath }, { bundleBuildId }, { runDaemon }] = await Promise.all([
        import('../../audit/paths.js'),
        import('../daemon/protocol.js'),
        import('../daemon/socket-path.js'),
        import('../daemon/build-id.js'),
        import('../daemon/server.js'),
      ]);
      // bin/seatbelt passes its own path: the bundle whose build id the clients compare is beside it.
      const bundle = path.resolve(path.dirname(process.argv[1] ?? '.'), '..', 'dist', 'seatbelt.cjs');
      const build = bundleBuildId(bundle);
      if (!build) throw new SeatbeltError('CONFIG', `no build id in ${bundle}: the daemon runs only from a built seatbelt (npm run build)`);
      const env = envDigest(process.env);
      const home = seatbeltHome(process.env);
      const socket = socketPath(home, env);
      if (!socket)
        throw new SeatbeltError(
          'CONFIG',
          `the daemon's socket path under ${home} is too long for a Unix socket; set SEATBELT_HOME to a shorter folder`,
        );
      process.stderr.write(`seatbelt daemon: answering hooks on ${socket}${seconds ? ` until ${seconds}s without a call` : ''}\n`);
      process.exitCode = await runDaemon({ home, socket, env, build, idleExitMs: seconds * 1000 });
    });
}
