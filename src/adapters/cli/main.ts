// The seatbelt CLI: one file per command, each mapping flags onto a library call. This file only
// registers them and holds the single top-level catch that maps error classes to exit codes.
import { Command, CommanderError, Help, type Option } from 'commander';
import { EXIT, SeatbeltError, exitCodeFor } from '../../core/error.js';
import { registerExec } from './exec.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerSql } from './sql.js';
import { registerKeys } from './keys.js';
import { registerVerify } from './verify.js';
import { registerAudit } from './audit.js';
import { registerHook } from './hook.js';
import { registerScan } from './scan.js';
import { registerMcp } from './mcp.js';
import { registerCompletion } from './completion.js';
import { registerInit } from './init.js';
import { registerRoles } from './roles.js';
import { registerConfig } from './config.js';
import { registerTrust } from './trust.js';
import { registerCatalogue } from './catalogue.js';
import { registerApprove } from './approve.js';
import { registerReceipt } from './receipt.js';
import { registerServe } from './serve.js';
import { registerCheckpoint } from './checkpoint.js';
import { registerPolicy } from './policy.js';
import { commandExitHelp, exitCodeHelp } from './exit-codes.js';

// For the start-up snapshot's builder (scripts/snapshot.mjs), which has only this bundle's exports.
export { warmUp } from './warm-up.js';

export function buildProgram(): Command {
  const program = new Command('seatbelt')
    .description('a deterministic, audited guard for the commands and SQL that AI agents run')
    .version('0.1.0')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // commander's "error: …" becomes "seatbelt: …", like every other error of ours
      outputError: (s, write) => write(s.replace(/^error: /, 'seatbelt: ')),
    })
    .configureHelp({
      // a repeatable flag starts from an empty list: that is no default worth printing
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription.call(this, option).replace(' (default: [])', '');
      },
    });
  registerExec(program);
  registerCheck(program);
  registerDemo(program);
  registerSql(program);
  registerKeys(program);
  registerVerify(program);
  registerAudit(program);
  registerHook(program);
  registerScan(program);
  registerMcp(program);
  registerInit(program);
  registerRoles(program);
  registerConfig(program);
  registerTrust(program);
  registerCatalogue(program);
  registerApprove(program);
  registerReceipt(program);
  registerServe(program);
  registerCheckpoint(program);
  registerPolicy(program);
  registerCompletion(program);
  // Help texts are functions: built only when help is shown, not on every start.
  program.addHelpText('after', () => exitCodeHelp());
  for (const [cmd, path] of subcommands(program)) {
    cmd.showHelpAfterError(`(see: seatbelt ${path} --help)`);
    if (cmd.commands.length === 0) cmd.addHelpText('after', () => commandExitHelp(path));
  }
  return program;
}

/** Every command under `program` with its path ("audit verify-export"). */
function subcommands(program: Command, prefix = ''): [Command, string][] {
  const out: [Command, string][] = [];
  for (const c of program.commands) {
    const path = `${prefix}${c.name()}`;
    out.push([c, path], ...subcommands(c, `${path} `));
  }
  return out;
}

/** The command a usage error came from, for the pointer to its --help. */
function commandPath(cmd: Command | undefined): string {
  const names: string[] = [];
  for (let c = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * A reader that goes away early (`seatbelt check --jsonl … | head -1`) is not an error of ours:
 * stop quietly instead of dying with a stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
}

/**
 * Runs one command line. `prebuilt`: a tree from buildProgram() that no parse has touched (the
 * start-up snapshot builds it while it is made, ~12 ms less at every start); it is used once.
 */
export async function main(argv: string[], prebuilt?: Command): Promise<number> {
  quietOnClosedPipe();
  let running: Command | undefined;
  try {
    const program = prebuilt ?? buildProgram();
    program.hook('preAction', (_self, action) => {
      running = action;
    });
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      return EXIT.USAGE;
    }
    if (err instanceof SeatbeltError) {
      const help = err.code === 'USAGE' ? `\n(see: seatbelt ${`${commandPath(running)} `.trimStart()}--help)` : '';
      process.stderr.write(`seatbelt: ${err.message}${help}\n`);
      return exitCodeFor(err);
    }
    process.stderr.write(`seatbelt: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return exitCodeFor(err);
  }
}
