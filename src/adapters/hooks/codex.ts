// Codex CLI `PreToolUse` hooks: the Claude Code payload shape ({ session_id, turn_id, cwd,
// hook_event_name, model, permission_mode, tool_name: "Bash", tool_input: { command },
// tool_use_id, transcript_path }). Codex refuses `permissionDecision: "allow"` without an
// `updatedInput`, and "ask", as invalid output (and then proceeds), so: allow = exit 0 with
// nothing printed; deny = exit 2 with the reason on stderr, the form every Codex version honours.
// `apply_patch` and MCP tools are not shell commands: no opinion.
import { exitTwo, parsePreToolUse } from './claude-code.js';
import { EXIT } from '../../core/error.js';
import type { HostFormat } from './types.js';

export const codex: HostFormat = {
  host: 'codex',
  parse: (payload) => parsePreToolUse(payload, 'codex', ['Bash']),
  allow: () => ({ stdout: '', stderr: '', exitCode: EXIT.OK }),
  deny: (text) => exitTwo(text),
  noOpinion: () => ({ stdout: '', stderr: '', exitCode: EXIT.OK }),
  failure: exitTwo,
};
