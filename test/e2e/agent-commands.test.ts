// The commands an agent runs at every call have a bundle of their own (src/adapters/cli/agent-main.ts),
// from whose start-up snapshot bin/seatbelt starts them: each must be the very command the whole
// CLI has, with the same flags, help and subcommands, and the bundle must have no other.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { AGENT_COMMANDS, buildProgram as buildAgentProgram } from '../../src/adapters/cli/agent-main.js';
import { buildProgram } from '../../src/adapters/cli/main.js';

/** Every command under `cmd`, with its help text, by path. */
function helpByPath(cmd: Command, prefix = ''): [string, string][] {
  return cmd.commands.flatMap((c) => {
    const p = `${prefix}${c.name()}`;
    return [[p, c.helpInformation()] as [string, string], ...helpByPath(c, `${p} `)];
  });
}

describe('the agent commands’ bundle', () => {
  it('registers exactly its commands', () => {
    expect(buildAgentProgram().commands.map((c) => c.name())).toEqual([...AGENT_COMMANDS]);
  });

  it('has each of them exactly as the whole CLI does: options, arguments, subcommands, help', () => {
    const whole = new Map(helpByPath(buildProgram()));
    const agent = helpByPath(buildAgentProgram());
    expect(agent.length).toBeGreaterThan(AGENT_COMMANDS.length); // hook's hosts are subcommands
    for (const [p, help] of agent) expect(help, p).toBe(whole.get(p));
    const agentPaths = [...whole.keys()].filter((p) => (AGENT_COMMANDS as readonly string[]).includes(p.split(' ')[0]!));
    expect(agent.map(([p]) => p)).toEqual(agentPaths);
  });
});
