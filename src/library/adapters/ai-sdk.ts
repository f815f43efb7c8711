// seatbelt/ai-sdk: a Vercel AI SDK tool behind the guard. The AI SDK turns an error thrown by
// `execute` into the tool call's error result (a `tool-error` part the model reads on its next
// step), so a refusal needs no translation: GovernanceBlocked's message names the rule, the
// remediation and the sealed event. Only types come from 'ai'.
import type { Tool } from 'ai';
import { SeatbeltError } from '../../core/error.js';
import type { Guard } from '../guard.js';
import type { WrapSpec } from '../wrap.js';

/**
 * `tool` with its `execute` governed: `guardedTool(guard, { kind: 'shell', arg: 'command' },
 * tool({ description, inputSchema, execute }))`. Returns a new tool; the one given is unchanged.
 */
export function guardedTool<T extends Tool>(guard: Guard, spec: WrapSpec, tool: T): T {
  if (typeof tool?.execute !== 'function') throw new SeatbeltError('USAGE', 'guardedTool: the tool has no execute function to guard');
  return { ...tool, execute: guard.wrap(tool.execute, spec) };
}
