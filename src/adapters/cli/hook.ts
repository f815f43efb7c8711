// `seatbelt hook <host>`: the agent-host hooks (claude-code, codex, gemini, cursor) read the host's
// payload on stdin and answer in its form. `seatbelt hook install|uninstall <host>|git` wires them
// up (hooks/install.ts merges into the file each host reads, hooks/host-settings.ts). A bad command line for a host hook is answered in the host's blocking form too:
// a misconfigured guard must block, not exit with a code the host reads as "go ahead".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Argument, Command, CommanderError } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { FORMATS } from '../hooks/formats.js';
import { installGitHook, shellQuote, uninstallGitHook } from '../hooks/git-hook.js';
import { HOST_SETTINGS } from '../hooks/host-settings.js';
import { installHook, uninstallHook, type SettingsChange } from '../hooks/install.js';
import { isRolePath } from '../../policy/role/load.js';
import { DEFAULT_HOOK_TIMEOUT_MS, runHook } from '../hooks/run-hook.js';
import { HOSTS, type HookAnswer, type HostName } from '../hooks/types.js';
import { sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';
import { writeNow } from './write-now.js';

interface HostFlags extends DecisionFlags {
  autoApprove?: boolean;
  timeout?: string;
}

interface InstallFlags {
  project?: boolean;
  user?: boolean;
  command?: string;
  policy?: string;
  role?: string;
  audit?: string;
  owner?: string;
  autoApprove?: boolean;
  daemon?: boolean;
}

const TARGETS = [...HOSTS, 'git'] as const;
const HOST_HELP: Record<HostName, string> = {
  'claude-code': 'Claude Code PreToolUse hook (reads the hook JSON on stdin)',
  codex: 'Codex CLI PreToolUse hook (reads the hook JSON on stdin)',
  gemini: 'Gemini CLI BeforeTool hook (reads the hook JSON on stdin)',
  cursor: 'Cursor beforeShellExecution / preToolUse hook (reads the hook JSON on stdin)',
};

/**
 * Where a host hook reads its payload and puts its answer: this process's stdin and stdout (the
 * CLI), or one request of the hook daemon (src/adapters/daemon/answer-hook.ts).
 */
export interface HookIO {
  stdin(): NodeJS.ReadableStream & { isTTY?: boolean; destroy?(): void };
  answer(answer: HookAnswer): void;
  /** After a bad command line was answered: the CLI exits at once. */
  stop(exitCode: number): never;
}

const PROCESS_IO: HookIO = {
  stdin: () => process.stdin,
  answer: (a) => {
    writeNow(1, a.stdout);
    writeNow(2, a.stderr);
    process.exitCode = a.exitCode;
  },
  stop: (exitCode) => process.exit(exitCode),
};

export function registerHook(program: Command, io: HookIO = PROCESS_IO): void {
  const hook = program.command('hook').description('agent-host hooks (claude-code, codex, gemini, cursor) and their installers');
  for (const host of HOSTS) registerHost(hook, host, io);
  hook
    .command('install')
    .description('install the hook into the file the host reads (merged, backed up), or git: a pre-commit hook running scan --staged')
    .addArgument(new Argument('<target>', 'the host, or git').choices(TARGETS))
    .option('--project', 'the project settings in this folder, e.g. ./.claude/settings.json (the default)')
    .option('--user', 'the user settings, e.g. ~/.claude/settings.json, ~/.codex/hooks.json ($CODEX_HOME)')
    .option('--command <cmd>', 'how the host should run seatbelt (default: the absolute path of this seatbelt)')
    .option('--policy <name>', 'the policy the hook applies')
    .option('--role <name|path>', 'the role whose whitelist applies (a path is stored absolute)')
    .option('--audit <file>', 'the audit file the hook writes (stored absolute)')
    .option('--owner <id>', 'the human owner recorded with each decision, e.g. human:alice')
    .option('--no-auto-approve', "allowed commands get no opinion, so the host's own permission prompt still runs")
    .option('--daemon', "answer from a warm daemon for the host's environment, started on first use (docs/daemon.md)")
    .action((target: string, flags: InstallFlags) => report(install(target, flags)));
  hook
    .command('uninstall')
    .description("remove only seatbelt's own hook entry (other hooks and settings are kept; a file seatbelt created goes)")
    .addArgument(new Argument('<target>', 'the host, or git').choices(TARGETS))
    .option('--project', 'the project settings in this folder (the default)')
    .option('--user', 'the user settings')
    .action((target: string, flags: InstallFlags) => report(uninstall(target, flags)));
  // Set after the subcommands exist, so only `hook` itself uses it: a misspelled host in a hook
  // command line (`seatbelt hook claude`) must block (exit 2 blocks in every host), not exit 64.
  hook.exitOverride((err: CommanderError) => {
    if (err.exitCode === 0) throw err;
    io.answer({
      stdout: '',
      stderr: `seatbelt: refused: bad hook command line: ${err.message.replace(/^error: /, '')}\n`,
      exitCode: EXIT.HOOK_BLOCK,
    });
    io.stop(EXIT.HOOK_BLOCK);
  });
}

function registerHost(hook: Command, host: HostName, io: HookIO): void {
  const format = FORMATS[host];
  const cmd = hook.command(host).description(HOST_HELP[host]);
  withDecisionFlags(cmd, { sealing: true, json: false })
    .option('--no-auto-approve', "answer allowed commands with no opinion, so the host's own permission prompt still runs")
    // Read by bin/seatbelt, which then runs the hook client (docs/daemon.md); here it changes nothing.
    .option('--daemon', 'answer from a warm daemon for this environment, started on first use (docs/daemon.md)')
    .option('--timeout <seconds>', `answer (blocking) if no decision within this time (default ${DEFAULT_HOOK_TIMEOUT_MS / 1000})`)
    .exitOverride((err: CommanderError) => {
      if (err.exitCode === 0) throw err; // --help
      const answer = format.failure(`seatbelt: refused: bad hook command line: ${err.message.replace(/^error: /, '')}`);
      io.answer(answer);
      io.stop(answer.exitCode);
    })
    .action(async (flags: HostFlags) => {
      const session = sessionOptions(flags);
      const seconds = flags.timeout === undefined ? DEFAULT_HOOK_TIMEOUT_MS / 1000 : Number(flags.timeout);
      const stdin = io.stdin();
      const answer = stdin.isTTY
        ? format.failure(
            `seatbelt: refused: seatbelt hook ${host} reads the ${host} hook payload (JSON) on stdin; it is run by the host, not by hand`,
          )
        : Number.isFinite(seconds) && seconds > 0
          ? await runHook(format, { stdin, session, noAutoApprove: flags.autoApprove === false, timeoutMs: seconds * 1000 })
          : format.failure(`seatbelt: refused: --timeout expects a positive number of seconds, got ${JSON.stringify(flags.timeout)}`);
      stdin.destroy?.();
      io.answer(answer);
    });
}

/** How a host should run this seatbelt: the absolute path of the running `bin/seatbelt` when known. */
export function defaultCommand(): string {
  const bin = process.argv[1];
  if (bin && path.basename(bin) === 'seatbelt') {
    try {
      return shellQuote(fs.realpathSync(bin));
    } catch {
      /* fall through */
    }
  }
  return 'seatbelt';
}

function settingsFile(host: HostName, flags: InstallFlags): { file: string; scope: 'project' | 'user' } {
  if (flags.project && flags.user) throw new SeatbeltError('USAGE', 'give either --project or --user, not both');
  const spec = HOST_SETTINGS[host];
  return flags.user ? { file: spec.userFile(process.env), scope: 'user' } : { file: path.resolve(spec.projectFile), scope: 'project' };
}

function checkTarget(target: string): void {
  if (!(TARGETS as readonly string[]).includes(target))
    throw new SeatbeltError('USAGE', `unknown hook target "${target}": expected one of ${TARGETS.join(', ')}`);
}

/** The hook's command line: the flags are stored with it, paths made absolute (the host runs it from anywhere). */
export function hookCommand(base: string, host: HostName, flags: InstallFlags): string {
  const extra: string[] = [];
  if (flags.policy) extra.push('--policy', shellQuote(flags.policy));
  if (flags.role) extra.push('--role', shellQuote(isRolePath(flags.role) ? path.resolve(flags.role) : flags.role));
  if (flags.audit) extra.push('--audit', shellQuote(path.resolve(flags.audit)));
  if (flags.owner) extra.push('--owner', shellQuote(flags.owner));
  if (flags.autoApprove === false) extra.push('--no-auto-approve');
  if (flags.daemon) extra.push('--daemon');
  return [base, 'hook', host, ...extra].join(' ');
}

function install(target: string, flags: InstallFlags): SettingsChange {
  checkTarget(target);
  const base = flags.command ?? defaultCommand();
  if (target === 'git') {
    if (
      flags.project ||
      flags.user ||
      flags.policy ||
      flags.role ||
      flags.audit ||
      flags.owner ||
      flags.autoApprove === false ||
      flags.daemon
    )
      throw new SeatbeltError('USAGE', 'hook install git takes only --command');
    return installGitHook(process.cwd(), base);
  }
  const host = target as HostName;
  const spec = HOST_SETTINGS[host];
  const { file, scope } = settingsFile(host, flags);
  const change = installHook(host, file, hookCommand(base, host, flags));
  const notes = [
    flags.autoApprove === false
      ? `allowed commands get no opinion from seatbelt: ${spec.label} still asks you as usual; refused ones are blocked.`
      : spec.allowSkipsPrompt
        ? `allowed commands will be auto-approved: ${spec.label} runs them without asking you. Install with --no-auto-approve to keep ${spec.label}'s prompt.`
        : `seatbelt's "allow" does not approve anything in ${spec.label}: its own approval settings still decide; refused commands are blocked.`,
    ...spec.afterInstall(scope, file),
  ];
  return { ...change, message: `${change.message}\n${notes.map((n) => `  ${n}`).join('\n')}` };
}

function uninstall(target: string, flags: InstallFlags): SettingsChange {
  checkTarget(target);
  if (target === 'git') return uninstallGitHook(process.cwd());
  return uninstallHook(target as HostName, settingsFile(target as HostName, flags).file);
}

function report(change: SettingsChange): void {
  process.stdout.write(change.message + '\n');
}
