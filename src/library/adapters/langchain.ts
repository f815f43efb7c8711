// seatbelt/langchain: a LangChain.js tool (from `tool()` or `new DynamicStructuredTool()`) behind
// the guard. LangChain lets an error thrown by a tool escape to the agent; a refusal instead
// becomes the tool call's result: a ToolMessage with status "error" whose content is
// GovernanceBlocked's message (rule, remediation, sealed event), or that text when the tool was
// invoked without a tool call.
import { ToolMessage } from '@langchain/core/messages';
import type { ToolRunnableConfig } from '@langchain/core/tools';
import { SeatbeltError } from '../../core/error.js';
import { GovernanceBlocked } from '../governance-blocked.js';
import type { Guard } from '../guard.js';
import type { WrapSpec } from '../wrap.js';

/** What LangChain's tool classes have in common: a name and the function they call. */
interface FunctionBackedTool {
  name: string;
  func: (input: never, runManager?: never, config?: never) => unknown;
}

/**
 * A copy of `tool` whose function is governed: `guardedTool(guard, { kind: 'shell', arg: 'command' },
 * tool(fn, { name, description, schema }))`. The tool given is unchanged.
 */
export function guardedTool<T extends FunctionBackedTool>(guard: Guard, spec: WrapSpec, tool: T): T {
  if (typeof tool?.func !== 'function')
    throw new SeatbeltError('USAGE', 'guardedTool: expected a LangChain tool with a function (tool() or DynamicStructuredTool)');
  const governed = guard.wrap(tool.func.bind(tool) as (input: unknown, runManager?: unknown, config?: ToolRunnableConfig) => unknown, spec);
  const func = async (input: unknown, runManager?: unknown, config?: ToolRunnableConfig) => {
    try {
      return await governed(input, runManager, config);
    } catch (err) {
      if (!(err instanceof GovernanceBlocked)) throw err;
      const id = config?.toolCall?.id;
      return id ? new ToolMessage({ status: 'error', content: err.message, tool_call_id: id, name: tool.name }) : err.message;
    }
  };
  return Object.assign(Object.create(Object.getPrototypeOf(tool) as object) as T, tool, { func });
}
