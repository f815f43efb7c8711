// What every seatbelt command line shares, whichever commands a bundle registers (main.ts: all of
// them; agent-main.ts: those an agent runs at every call; verify-main.ts: verify alone): the
// program's settings, the help texts added to each command, and the single top-level catch that
// maps error classes to exit codes.
import { Command, CommanderError, Help, type Option } from 'commander';
import { EXIT, SeatbeltError, exitCodeFor } from '../../core/error.js';
import { commandExitHelp, exitCodeHelp } from './exit-codes.js';
import { restoreLaunchEnvironment } from './launch-environment.js';

export function newProgram(): Command {
  return new Command('seatbelt')
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
}

/** Adds the help every command carries, once the commands are registered. */
export function finishProgram(program: Command): Command {
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
  if (quieted) return;
  quieted = true;
  for (const name of ['stdout', 'stderr'] as const) whenCreated(name, quietOn);
}

let quieted = false;

function quietOn(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}

/**
 * Runs `then` on process.stdout or process.stderr when the process first asks for it: Node makes
 * each stream (and loads its tty or net module) on first use, and a run that prints nothing
 * (`exec` of an allowed command) need not pay for that.
 */
function whenCreated(name: 'stdout' | 'stderr', then: (stream: NodeJS.WriteStream) => void): void {
  const made = Object.getOwnPropertyDescriptor(process, name);
  if (!made?.get || !made.configurable) return then(process[name]);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: made.enumerable ?? true,
    get() {
      Object.defineProperty(process, name, made);
      const stream = process[name];
      then(stream);
      return stream;
    },
  });
}

/** The process's exit code from a run: its code, or EXIT.INTERNAL if the run itself failed. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.INTERNAL;
    },
  );
}

export interface Cli {
  /** The command tree, each command registered. */
  buildProgram(): Command;
  /**
   * Runs one command line, with the environment the host gave (NODE_EXTRA_CA_CERTS put back
   * first). `prebuilt`: a tree from buildProgram() that no parse has touched (the start-up snapshot
   * builds it while it is made, ~12 ms less at every start); it is used once.
   */
  main(argv: string[], prebuilt?: Command): Promise<number>;
}

/** A CLI of the commands the `register` functions add, in that order (main.ts, agent-main.ts, verify-main.ts). */
export function defineCli(register: ((program: Command) => void)[]): Cli {
  const buildProgram = (): Command => {
    const program = newProgram();
    for (const add of register) add(program);
    return finishProgram(program);
  };
  return {
    buildProgram,
    main: (argv, prebuilt) => {
      restoreLaunchEnvironment(process.env);
      return runProgram(prebuilt ?? buildProgram(), argv);
    },
  };
}

/** Parses and runs one command line with `program` (used once); returns the exit code. */
async function runProgram(program: Command, argv: string[]): Promise<number> {
  quietOnClosedPipe();
  let running: Command | undefined;
  try {
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
