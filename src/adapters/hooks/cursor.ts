// Cursor hooks. `beforeShellExecution` input: { hook_event_name, conversation_id, generation_id,
// workspace_roots, command, cwd, … }; the generic `preToolUse` carries the shell as tool_name
// "Shell" with tool_input.command. Answer: JSON on stdout { permission: "allow" | "deny",
// user_message (shown to the person), agent_message (shown to the agent) }. Exit 2 also blocks; on
// a failure we print the deny JSON AND exit 2, so the call is blocked whichever one Cursor reads.
import { EXIT } from '../../core/error.js';
import { PayloadReader } from './payload.js';
import type { HookAnswer, HookCall, HostFormat } from './types.js';

function parse(payload: unknown): HookCall | null {
  const r = new PayloadReader(payload, 'cursor');
  const event = r.string('hook_event_name', true);
  const session = r.string('conversation_id');
  let cwd = r.folder('cwd');
  const roots = r.obj.workspace_roots;
  if (roots !== undefined && !(Array.isArray(roots) && roots.every((x) => typeof x === 'string')))
    r.problem('"workspace_roots" expected an array of strings');
  if (!cwd && Array.isArray(roots) && typeof roots[0] === 'string' && roots[0].startsWith('/')) cwd = roots[0];
  r.done();
  let command: string;
  if (event === 'beforeShellExecution') {
    command = r.string('command', true);
  } else if (event === 'preToolUse') {
    const tool = r.string('tool_name', true);
    r.done();
    if (tool !== 'Shell') return null;
    r.object('tool_input', true);
    command = r.string('tool_input.command', true);
  } else {
    r.problem(`"hook_event_name" expected "beforeShellExecution" or "preToolUse", got ${JSON.stringify(event)}`);
    command = '';
  }
  r.done();
  return { action: { kind: 'shell', script: command }, ...(cwd ? { cwd } : {}), ...(session ? { session } : {}) };
}

const json = (v: unknown, exitCode: number = EXIT.OK, stderr = ''): HookAnswer => ({ stdout: JSON.stringify(v) + '\n', stderr, exitCode });

export const cursor: HostFormat = {
  host: 'cursor',
  parse,
  allow: () => json({ permission: 'allow' }),
  deny: (text, short) => json({ permission: 'deny', user_message: short, agent_message: text }),
  noOpinion: () => json({}),
  failure: (reason) =>
    json(
      { permission: 'deny', user_message: `seatbelt blocked this command: ${reason.split('\n')[0]}`, agent_message: reason },
      EXIT.HOOK_BLOCK,
      reason.endsWith('\n') ? reason : reason + '\n',
    ),
};
