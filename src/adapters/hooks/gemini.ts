// Gemini CLI `BeforeTool` hooks. Input: { session_id, transcript_path, cwd, hook_event_name:
// "BeforeTool", timestamp, tool_name, tool_input }. The shell tool is `run_shell_command` with
// tool_input { command, description?, directory? } (directory relative to the project root).
// Answer: exit 0 with JSON on stdout ({ decision: "allow" } or { decision: "deny", reason });
// exit 2 blocks with stderr as the reason (our failure form); other codes only warn. Nothing but
// the JSON may be printed on stdout.
import path from 'node:path';
import { EXIT } from '../../core/error.js';
import { exitTwo } from './claude-code.js';
import { PayloadReader } from './payload.js';
import type { HookCall, HostFormat } from './types.js';

function parse(payload: unknown): HookCall | null {
  const r = new PayloadReader(payload, 'gemini');
  const event = r.string('hook_event_name');
  if (event !== undefined && event !== 'BeforeTool') r.problem(`"hook_event_name" expected "BeforeTool", got ${JSON.stringify(event)}`);
  const tool = r.string('tool_name', true);
  const session = r.string('session_id');
  const root = r.folder('cwd');
  r.done();
  if (tool !== 'run_shell_command') return null;
  r.object('tool_input', true);
  const command = r.string('tool_input.command', true);
  const dir = r.string('tool_input.directory') ?? r.string('tool_input.dir_path');
  r.done();
  const cwd = dir ? path.resolve(root ?? process.cwd(), dir) : root;
  return { action: { kind: 'shell', script: command }, ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) };
}

const json = (v: unknown) => ({ stdout: JSON.stringify(v) + '\n', stderr: '', exitCode: EXIT.OK });

export const gemini: HostFormat = {
  host: 'gemini',
  parse,
  allow: () => json({ decision: 'allow' }),
  deny: (text) => json({ decision: 'deny', reason: text }),
  noOpinion: () => json({}),
  failure: exitTwo,
};
