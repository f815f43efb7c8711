// Claude Code `PreToolUse` hooks. Input on stdin: { session_id, transcript_path, cwd,
// hook_event_name: "PreToolUse", tool_name, tool_input: { command, … }, tool_use_id, … }.
// Answer: exit 0 with { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision:
// "allow" | "deny", permissionDecisionReason } } on stdout. Exit 2 blocks the call with stderr as
// the reason; any other non-zero exit lets the call PROCEED, so every failure here exits 2.
// Only `Bash` runs commands: other tools get no opinion (exit 0, nothing printed), so Claude
// Code's own permission flow decides them.
import { EXIT } from '../../core/error.js';
import { PayloadReader } from './payload.js';
import type { HookAnswer, HookCall, HostFormat } from './types.js';

export function preToolUseAnswer(decision: 'allow' | 'deny', reason: string): HookAnswer {
  const out = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason } };
  return { stdout: JSON.stringify(out) + '\n', stderr: '', exitCode: EXIT.OK };
}

/** Claude Code and Codex share the PreToolUse payload; only the tool name of the shell differs. */
export function parsePreToolUse(payload: unknown, host: string, shellTools: readonly string[]): HookCall | null {
  const r = new PayloadReader(payload, host);
  const event = r.string('hook_event_name');
  if (event !== undefined && event !== 'PreToolUse') r.problem(`"hook_event_name" expected "PreToolUse", got ${JSON.stringify(event)}`);
  const tool = r.string('tool_name', true);
  const session = r.string('session_id');
  const cwd = r.folder('cwd');
  r.done();
  if (!shellTools.includes(tool)) return null;
  r.object('tool_input', true);
  const command = r.string('tool_input.command', true);
  r.done();
  return { action: { kind: 'shell', script: command }, ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) };
}

const failure = (reason: string): HookAnswer => ({
  stdout: '',
  stderr: reason.endsWith('\n') ? reason : reason + '\n',
  exitCode: EXIT.HOOK_BLOCK,
});

export const claudeCode: HostFormat = {
  host: 'claude-code',
  parse: (payload) => parsePreToolUse(payload, 'claude-code', ['Bash']),
  allow: (text) => preToolUseAnswer('allow', text),
  deny: (text) => preToolUseAnswer('deny', text),
  noOpinion: () => ({ stdout: '', stderr: '', exitCode: EXIT.OK }),
  failure,
};

export { failure as exitTwo };
