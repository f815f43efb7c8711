// seatbelt/openai-agents: an OpenAI Agents SDK function tool behind the guard. The SDK hands an
// error thrown by `execute` to the tool's errorFunction, whose string is the model's tool output;
// a refusal becomes that output as GovernanceBlocked's message (rule, remediation, sealed event)
// instead of the SDK's generic "Please try again", which would invite a retry.
import { tool, type FunctionTool, type ToolInputParameters, type ToolOptions, type UnknownContext } from '@openai/agents';
import { SeatbeltError } from '../../core/error.js';
import { GovernanceBlocked } from '../governance-blocked.js';
import type { Guard } from '../guard.js';
import type { WrapSpec } from '../wrap.js';

/**
 * `tool(options)` with `execute` governed: `guardedTool(guard, { kind: 'shell', arg: 'command' },
 * { name, description, parameters, execute })`. Other errors go to `options.errorFunction` as usual.
 */
export function guardedTool<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  guard: Guard,
  spec: WrapSpec,
  options: ToolOptions<TParameters, Context>,
): FunctionTool<Context, TParameters, Result> {
  if (typeof options?.execute !== 'function')
    throw new SeatbeltError('USAGE', 'guardedTool: the options have no execute function to guard');
  const otherErrors = options.errorFunction;
  const errorFunction = (
    context: Parameters<NonNullable<typeof otherErrors>>[0],
    error: unknown,
    details?: Parameters<NonNullable<typeof otherErrors>>[2],
  ) => {
    if (error instanceof GovernanceBlocked) return error.message;
    if (otherErrors === null) throw error;
    if (otherErrors) return otherErrors(context, error, details);
    // The SDK's own default, which it does not export.
    return `An error occurred while running the tool. Please try again. Error: ${error instanceof Error ? error.toString() : String(error)}`;
  };
  return tool<TParameters, Context, Result>({
    ...options,
    execute: guard.wrap(options.execute as (...args: unknown[]) => unknown, spec),
    errorFunction,
  } as ToolOptions<TParameters, Context>);
}
