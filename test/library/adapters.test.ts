// Each adapter against the real framework (dev dependencies), driven the way an agent drives it: a
// scripted model asks for a refused command and then an allowed one. A refusal must reach the model
// as the tool's error result (rule and remediation in it), the agent must carry on, and the tool's
// own function must run only for the allowed call. The tool functions here only record what they
// were asked; nothing is executed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGuard, type Guard } from '../../src/index.js';
import { guardedTool as aiSdkTool } from '../../src/library/adapters/ai-sdk.js';
import { guardedTool as openAiTool } from '../../src/library/adapters/openai-agents.js';
import { guardedTool as langchainTool } from '../../src/library/adapters/langchain.js';
import { guardedToolHandler } from '../../src/library/adapters/mcp.js';
import { scratch, type Scratch } from './helpers.js';

const REFUSED = 'git push --force origin main';
const ALLOWED = 'git status';

let s: Scratch;
let guard: Guard;
let ran: string[];
beforeEach(() => {
  s = scratch();
  guard = createGuard({ ...s.options, agent: 'adapter-test' });
  ran = [];
});
afterEach(() => s.remove());

/** The refusal as the model must see it. */
function expectRefusalText(text: string): void {
  expect(text).toContain('seatbelt refused this command');
  expect(text).toMatch(/rule: git\.push_force \(HIGH\)/);
  expect(text).toMatch(/remediation: .*--force-with-lease/);
  expect(text).toMatch(/event: [0-9a-f-]{36}/);
}

/** Two governed calls on record, the allowed one with an outcome; the trail verifies. */
function expectTrail(): void {
  const records = s.records();
  expect(records.filter((r) => r.type === 'decision').map((r) => r.decision)).toEqual(['block', 'allow']);
  expect(records.filter((r) => r.type === 'outcome')).toHaveLength(1);
  expect(s.verify().ok).toBe(true);
}

describe('seatbelt/ai-sdk', () => {
  it("a refusal is the tool call's error result in the next prompt; the run goes on", async () => {
    const { generateText, stepCountIs, tool } = await import('ai');
    const { MockLanguageModelV3 } = await import('ai/test');
    const original = tool({
      description: 'Run a shell command',
      inputSchema: z.object({ command: z.string() }),
      execute: async ({ command }) => {
        ran.push(command);
        return `ran ${command}`;
      },
    });
    const shell = aiSdkTool(guard, { kind: 'shell', arg: 'command' }, original);
    expect(shell).not.toBe(original);
    const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
    const call = (id: string, command: string) => ({
      type: 'tool-call' as const,
      toolCallId: id,
      toolName: 'shell',
      input: JSON.stringify({ command }),
    });
    const replies = [
      { content: [call('t1', REFUSED)], finishReason: { unified: 'tool-calls' as const, raw: undefined } },
      { content: [call('t2', ALLOWED)], finishReason: { unified: 'tool-calls' as const, raw: undefined } },
      { content: [{ type: 'text' as const, text: 'done' }], finishReason: { unified: 'stop' as const, raw: undefined } },
    ];
    const prompts: unknown[] = [];
    const model = new MockLanguageModelV3({
      doGenerate: async (options) => {
        prompts.push(options.prompt);
        return { ...replies[prompts.length - 1]!, usage, warnings: [] };
      },
    });
    const result = await generateText({ model, tools: { shell }, prompt: 'push and check', stopWhen: stepCountIs(5) });
    expect(result.text).toBe('done');
    expect(ran).toEqual([ALLOWED]);
    const toolMessage = (prompts[1] as { role: string; content: { output: { type: string; value: string } }[] }[]).at(-1)!;
    expect(toolMessage.role).toBe('tool');
    expect(toolMessage.content[0]!.output.type).toBe('error-text');
    expectRefusalText(toolMessage.content[0]!.output.value);
    expectTrail();
  });
});

describe('seatbelt/openai-agents', () => {
  it('a refusal is the function call\'s output (not "Please try again"); the run goes on', async () => {
    const { Agent, run, Usage, setTracingDisabled } = await import('@openai/agents');
    setTracingDisabled(true);
    const shell = openAiTool(
      guard,
      { kind: 'shell', arg: 'command' },
      {
        name: 'shell',
        description: 'Run a shell command',
        parameters: z.object({ command: z.string() }),
        execute: async ({ command }) => {
          ran.push(command);
          return `ran ${command}`;
        },
      },
    );
    const call = (callId: string, command: string) => ({
      type: 'function_call' as const,
      callId,
      name: 'shell',
      arguments: JSON.stringify({ command }),
      status: 'completed' as const,
    });
    const turns = [
      [call('c1', REFUSED)],
      [call('c2', ALLOWED)],
      [
        {
          type: 'message' as const,
          role: 'assistant' as const,
          status: 'completed' as const,
          content: [{ type: 'output_text' as const, text: 'done' }],
        },
      ],
    ];
    const requests: { input: unknown }[] = [];
    const model = {
      async getResponse(request: { input: unknown }) {
        requests.push(request);
        return { usage: new Usage(), output: turns[requests.length - 1]! };
      },
      async *getStreamedResponse(): AsyncIterable<never> {
        throw new Error('not streamed');
      },
    };
    const agent = new Agent({ name: 'ops', instructions: 'Use the shell.', tools: [shell], model });
    const result = await run(agent, 'push and check');
    expect(result.finalOutput).toBe('done');
    expect(ran).toEqual([ALLOWED]);
    const outputs = (requests[2]!.input as { type: string; callId?: string; output?: { text: string } }[]).filter(
      (i) => i.type === 'function_call_result',
    );
    expectRefusalText(outputs.find((o) => o.callId === 'c1')!.output!.text);
    expect(outputs.find((o) => o.callId === 'c1')!.output!.text).not.toContain('Please try again');
    expect(outputs.find((o) => o.callId === 'c2')!.output!.text).toBe(`ran ${ALLOWED}`);
    expectTrail();
  });

  it("other errors still go to the tool's errorFunction", async () => {
    const { RunContext } = await import('@openai/agents');
    const failing = openAiTool(
      guard,
      { kind: 'shell', arg: 'command' },
      {
        name: 'shell',
        description: 'Run a shell command',
        parameters: z.object({ command: z.string() }),
        execute: async () => {
          throw new Error('disk full');
        },
        errorFunction: (_ctx, err) => `custom: ${(err as Error).message}`,
      },
    );
    expect(await failing.invoke(new RunContext(), JSON.stringify({ command: ALLOWED }))).toBe('custom: disk full');
  });
});

describe('seatbelt/langchain', () => {
  it('tool(): a refusal is a ToolMessage with status "error" for the tool call; the original tool is unchanged', async () => {
    const { tool } = await import('@langchain/core/tools');
    const original = tool(
      async ({ command }) => {
        ran.push(command);
        return `ran ${command}`;
      },
      { name: 'shell', description: 'Run a shell command', schema: z.object({ command: z.string() }) },
    );
    const shell = langchainTool(guard, { kind: 'shell', arg: 'command' }, original);
    const refused = await shell.invoke({ name: 'shell', args: { command: REFUSED }, id: 'call_1', type: 'tool_call' });
    expect(refused).toMatchObject({ status: 'error', tool_call_id: 'call_1', name: 'shell' });
    expectRefusalText(String(refused.content));
    const allowed = await shell.invoke({ name: 'shell', args: { command: ALLOWED }, id: 'call_2', type: 'tool_call' });
    expect(allowed).toMatchObject({ status: 'success', content: `ran ${ALLOWED}`, tool_call_id: 'call_2' });
    expect(ran).toEqual([ALLOWED]);
    expectTrail();
    // The tool given is left as it was: it is not governed.
    expect(await original.invoke({ command: 'echo not governed' })).toBe('ran echo not governed');
    expect(s.records()).toHaveLength(3);
  });

  it('DynamicStructuredTool, invoked with plain arguments: the refusal text is the result', async () => {
    const { DynamicStructuredTool } = await import('@langchain/core/tools');
    const query = langchainTool(
      guard,
      { kind: 'sql', arg: 'sql', dialect: 'postgresql' },
      new DynamicStructuredTool({
        name: 'query',
        description: 'Run SQL',
        schema: z.object({ sql: z.string() }),
        func: async ({ sql }) => {
          ran.push(sql);
          return 'rows';
        },
      }),
    );
    expect(await query.invoke({ sql: 'DROP TABLE users' })).toMatch(/^seatbelt refused this SQL[\s\S]*rule: sql\.drop/);
    expect(await query.invoke({ sql: 'SELECT id FROM users WHERE id = 1' })).toBe('rows');
    expect(ran).toEqual(['SELECT id FROM users WHERE id = 1']);
  });
});

describe('seatbelt/mcp', () => {
  it('a refusal is an isError tool result the client receives; the server keeps serving', async () => {
    const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const server = new McpServer({ name: 'ops', version: '1.0.0' });
    server.registerTool(
      'shell',
      { description: 'Run a shell command', inputSchema: { command: z.string() } },
      guardedToolHandler(guard, { kind: 'shell', arg: 'command' }, async ({ command }) => {
        ran.push(command);
        return { content: [{ type: 'text', text: `ran ${command}` }] };
      }),
    );
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const refused = (await client.callTool({ name: 'shell', arguments: { command: REFUSED } })) as {
        isError?: boolean;
        content: { text: string }[];
      };
      expect(refused.isError).toBe(true);
      expectRefusalText(refused.content[0]!.text);
      const allowed = (await client.callTool({ name: 'shell', arguments: { command: ALLOWED } })) as {
        isError?: boolean;
        content: { text: string }[];
      };
      expect(allowed.isError).toBeFalsy();
      expect(allowed.content[0]!.text).toBe(`ran ${ALLOWED}`);
    } finally {
      await client.close();
      await server.close();
    }
    expect(ran).toEqual([ALLOWED]);
    expectTrail();
  });
});
