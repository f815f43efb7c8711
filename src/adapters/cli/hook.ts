// `seatbelt hook <host>`: the agent-host hooks (claude-code, codex, gemini, cursor) read the host's
// payload on stdin and answer in its form. `seatbelt hook install|uninstall claude-code|git`
// wires them up. A bad command line for a host hook is answered in the host's blocking form too:
// a misconfigured guard must block, not exit with a code the host reads as "go ahead".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Argument, Command, CommanderError } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { FORMATS } from '../hooks/formats.js';
import { installGitHook, shellQuote, uninstallGitHook } from '../hooks/git-hook.js';
import { installClaudeCode, uninstallClaudeCode, type SettingsChange } from '../hooks/install.js';
import { DEFAULT_HOOK_TIMEOUT_MS, runHook } from '../hooks/run-hook.js';
import { HOSTS, type HostName } from '../hooks/types.js';
import { sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';

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
}

const TARGETS = ['claude-code', 'git'] as const;
const HOST_HELP: Record<HostName, string> = {
  'claude-code': 'Claude Code PreToolUse hook (reads the hook JSON on stdin)',
  codex: 'Codex CLI PreToolUse hook (reads the hook JSON on stdin)',
  gemini: 'Gemini CLI BeforeTool hook (reads the hook JSON on stdin)',
  cursor: 'Cursor beforeShellExecution / preToolUse hook (reads the hook JSON on stdin)',
};

export function registerHook(program: Command): void {
  const hook = program.command('hook').description('agent-host hooks (claude-code, codex, gemini, cursor) and their installers');
  for (const host of HOSTS) registerHost(hook, host);
  hook
    .command('install')
    .description('install the hook: claude-code (merged into .claude/settings.json) or git (a pre-commit hook running scan --staged)')
    .addArgument(new Argument('<target>', 'what to install into').choices(TARGETS))
    .option('--project', 'claude-code: the project settings, ./.claude/settings.json (the default)')
    .option('--user', 'claude-code: the user settings, ~/.claude/settings.json')
    .option('--command <cmd>', 'how the host should run seatbelt (default: the absolute path of this seatbelt)')
    .option('--policy <name>', 'claude-code: the policy the hook applies')
    .option('--role <name|path>', 'claude-code: the role whose whitelist applies')
    .option('--audit <file>', 'claude-code: the audit file the hook writes')
    .action((target: string, flags: InstallFlags) => report(install(target, flags)));
  hook
    .command('uninstall')
    .description("remove only seatbelt's own hook entry (other hooks and settings are kept)")
    .addArgument(new Argument('<target>', 'what to uninstall from').choices(TARGETS))
    .option('--project', 'claude-code: the project settings, ./.claude/settings.json (the default)')
    .option('--user', 'claude-code: the user settings, ~/.claude/settings.json')
    .action((target: string, flags: InstallFlags) => report(uninstall(target, flags)));
  // Set after the subcommands exist, so only `hook` itself uses it: a misspelled host in a hook
  // command line (`seatbelt hook claude`) must block (exit 2 blocks in every host), not exit 64.
  hook.exitOverride((err: CommanderError) => {
    if (err.exitCode === 0) throw err;
    process.stderr.write(`seatbelt: refused: bad hook command line: ${err.message}\n`);
    process.exit(EXIT.HOOK_BLOCK);
  });
}

function registerHost(hook: Command, host: HostName): void {
  const format = FORMATS[host];
  const cmd = hook.command(host).description(HOST_HELP[host]);
  withDecisionFlags(cmd, { sealing: true, json: false })
    .option('--no-auto-approve', "answer allowed commands with no opinion, so the host's own permission prompt still runs")
    .option('--timeout <seconds>', `answer (blocking) if no decision within this time (default ${DEFAULT_HOOK_TIMEOUT_MS / 1000})`)
    .exitOverride((err: CommanderError) => {
      if (err.exitCode === 0) throw err; // --help
      const answer = format.failure(`seatbelt: refused: bad hook command line: ${err.message}`);
      process.stdout.write(answer.stdout);
      process.stderr.write(answer.stderr);
      process.exit(answer.exitCode);
    })
    .action(async (flags: HostFlags) => {
      const session = sessionOptions(flags);
      const seconds = flags.timeout === undefined ? DEFAULT_HOOK_TIMEOUT_MS / 1000 : Number(flags.timeout);
      const answer = process.stdin.isTTY
        ? format.failure(
            `seatbelt: refused: seatbelt hook ${host} reads the ${host} hook payload (JSON) on stdin; it is run by the host, not by hand`,
          )
        : Number.isFinite(seconds) && seconds > 0
          ? await runHook(format, { stdin: process.stdin, session, noAutoApprove: flags.autoApprove === false, timeoutMs: seconds * 1000 })
          : format.failure(`seatbelt: refused: --timeout expects a positive number of seconds, got ${JSON.stringify(flags.timeout)}`);
      process.stdin.destroy();
      process.stdout.write(answer.stdout);
      process.stderr.write(answer.stderr);
      process.exitCode = answer.exitCode;
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

function settingsFile(flags: InstallFlags): string {
  if (flags.project && flags.user) throw new SeatbeltError('USAGE', 'give either --project or --user, not both');
  return flags.user ? path.join(os.homedir(), '.claude', 'settings.json') : path.resolve('.claude', 'settings.json');
}

function checkTarget(target: string): void {
  if (!(TARGETS as readonly string[]).includes(target))
    throw new SeatbeltError('USAGE', `unknown hook target "${target}": expected one of ${TARGETS.join(', ')}`);
}

function install(target: string, flags: InstallFlags): SettingsChange {
  checkTarget(target);
  const base = flags.command ?? defaultCommand();
  if (target === 'git') {
    if (flags.project || flags.user || flags.policy || flags.role || flags.audit)
      throw new SeatbeltError('USAGE', 'hook install git takes only --command');
    return installGitHook(process.cwd(), base);
  }
  const extra: string[] = [];
  if (flags.policy) extra.push('--policy', shellQuote(flags.policy));
  if (flags.role) extra.push('--role', shellQuote(flags.role));
  if (flags.audit) extra.push('--audit', shellQuote(path.resolve(flags.audit)));
  return installClaudeCode(settingsFile(flags), [base, 'hook', 'claude-code', ...extra].join(' '));
}

function uninstall(target: string, flags: InstallFlags): SettingsChange {
  checkTarget(target);
  if (target === 'git') return uninstallGitHook(process.cwd());
  return uninstallClaudeCode(settingsFile(flags));
}

function report(change: SettingsChange): void {
  process.stdout.write(change.message + '\n');
}
