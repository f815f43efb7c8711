// Where each agent host reads its hooks, and the entry seatbelt adds there. Checked against the
// hosts' own sources and references (docs/hooks.md, "Sources"):
// - Claude Code: .claude/settings.json, hooks.PreToolUse[{matcher, hooks:[{type, command, timeout (s)}]}]
// - Codex: <repo>/.codex/hooks.json or $CODEX_HOME/hooks.json (~/.codex), the same grouped shape
//   (codex-rs/config/src/hook_config.rs: HooksFile { hooks: { PreToolUse: [MatcherGroup] } },
//   handler { type: "command", command, timeout (s) }); a user or project hook runs only after the
//   person has reviewed and trusted it (/hooks in Codex), project hooks only in a trusted project.
// - Gemini CLI: .gemini/settings.json, hooks.BeforeTool[{matcher (regex), hooks:[{name, type,
//   command, timeout (ms)}]}] (docs/hooks/reference.md); project hooks only in a trusted folder.
// - Cursor: .cursor/hooks.json, { version: 1, hooks: { beforeShellExecution: [{ command }] } }.
import os from 'node:os';
import path from 'node:path';
import type { HostName } from './types.js';

export type Json = Record<string, unknown>;

export interface HostSettings {
  host: HostName;
  /** The product's name, for messages. */
  label: string;
  /** The settings file for this project (relative to the folder the installer runs in). */
  projectFile: string;
  /** The user's settings file. */
  userFile(env: NodeJS.ProcessEnv): string;
  /** The key under `hooks` that holds seatbelt's entry. */
  event: string;
  /** Entries are matcher groups `{matcher, hooks: [handler]}` (else the list holds handlers). */
  grouped: boolean;
  /** seatbelt's entry: a group holding one handler, or the handler. */
  entry(command: string): Json;
  /** What a new file starts with besides the hooks. */
  skeleton?: Json;
  /** A top-level problem that makes the file one seatbelt must not edit. */
  topProblem?(settings: Json): string | undefined;
  /** Whether seatbelt's "allow" answer skips the host's own permission prompt. */
  allowSkipsPrompt: boolean;
  /** What the person must still do for the host to run the hook. */
  afterInstall(scope: 'project' | 'user', file: string): string[];
}

const home = () => os.homedir();

export const HOST_SETTINGS: Record<HostName, HostSettings> = {
  'claude-code': {
    host: 'claude-code',
    label: 'Claude Code',
    projectFile: path.join('.claude', 'settings.json'),
    userFile: () => path.join(home(), '.claude', 'settings.json'),
    event: 'PreToolUse',
    grouped: true,
    entry: (command) => ({ matcher: 'Bash', hooks: [{ type: 'command', command, timeout: 60 }] }),
    allowSkipsPrompt: true,
    afterInstall: () => ['Claude Code reads hooks when a session starts: restart sessions that are running.'],
  },
  codex: {
    host: 'codex',
    label: 'Codex',
    projectFile: path.join('.codex', 'hooks.json'),
    userFile: (env) => path.join(env.CODEX_HOME ? path.resolve(env.CODEX_HOME) : path.join(home(), '.codex'), 'hooks.json'),
    event: 'PreToolUse',
    grouped: true,
    entry: (command) => ({ matcher: '^Bash$', hooks: [{ type: 'command', command, timeout: 60 }] }),
    topProblem: (s) => {
      const extra = Object.keys(s).filter((k) => k !== 'hooks' && k !== 'description');
      return extra.length
        ? `Codex accepts only "hooks" (and "description") at the top of hooks.json, found ${extra.join(', ')}`
        : undefined;
    },
    allowSkipsPrompt: false,
    afterInstall: (scope) => [
      'Codex runs a new or changed hook only after you trust it: start codex, open /hooks, review the seatbelt hook and trust it.',
      'Until then Codex skips it without a word, and it must be trusted again after every change (an update by this installer too).',
      ...(scope === 'project' ? ['Codex loads project hooks only when it trusts the project: trust this folder when Codex asks.'] : []),
    ],
  },
  gemini: {
    host: 'gemini',
    label: 'Gemini CLI',
    projectFile: path.join('.gemini', 'settings.json'),
    userFile: () => path.join(home(), '.gemini', 'settings.json'),
    event: 'BeforeTool',
    grouped: true,
    entry: (command) => ({ matcher: '^run_shell_command$', hooks: [{ name: 'seatbelt', type: 'command', command, timeout: 60_000 }] }),
    allowSkipsPrompt: false,
    afterInstall: (scope) => [
      'Gemini CLI reads it when it starts: restart running sessions.',
      ...(scope === 'project' ? ['Gemini CLI runs project hooks only in a trusted folder: trust this folder when it asks.'] : []),
    ],
  },
  cursor: {
    host: 'cursor',
    label: 'Cursor',
    projectFile: path.join('.cursor', 'hooks.json'),
    userFile: () => path.join(home(), '.cursor', 'hooks.json'),
    event: 'beforeShellExecution',
    grouped: false,
    entry: (command) => ({ command }),
    skeleton: { version: 1 },
    topProblem: (s) =>
      s.version !== undefined && s.version !== 1
        ? `"version" is ${JSON.stringify(s.version)}; seatbelt writes version 1 hooks only`
        : undefined,
    allowSkipsPrompt: true,
    afterInstall: () => ['Restart Cursor if it is open, so that it reads the new hooks.json.'],
  },
};
