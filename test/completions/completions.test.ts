// completions/ are generated from the commander definitions: they must match a fresh generation,
// cover every command and flag, parse in their shell, and complete in bash as expected.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/adapters/cli/main.js';
import { COMPLETION_FILES, generateCompletion, SHELLS } from '../../src/adapters/cli/completion-gen.js';
import { sb } from '../hooks/spawn.js';

const DIR = path.resolve(import.meta.dirname, '../../completions');
const file = (shell: (typeof SHELLS)[number]) => path.join(DIR, COMPLETION_FILES[shell]);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function everyCommand(cmd: Command, out: Command[] = []): Command[] {
  out.push(cmd);
  for (const c of cmd.commands) everyCommand(c, out);
  return out;
}

describe('completion scripts', () => {
  it.each(SHELLS)('completions/%s is in sync with the command definitions (regenerate: npm run completions)', (shell) => {
    expect(readFileSync(file(shell), 'utf8')).toBe(generateCompletion(buildProgram(), shell));
  });

  it.each(SHELLS)('`seatbelt completion %s` prints the same script', async (shell) => {
    const r = await sb(['completion', shell]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout + '\n').toBe(readFileSync(file(shell), 'utf8'));
  });

  it('names every command and every long flag in each shell', () => {
    const commands = everyCommand(buildProgram());
    for (const shell of SHELLS) {
      const text = readFileSync(file(shell), 'utf8');
      for (const c of commands.slice(1)) expect(text, `${shell}: ${c.name()}`).toContain(c.name());
      for (const o of commands.flatMap((c) => c.options)) {
        const long = o.long!;
        expect(text, `${shell}: ${long}`).toContain(shell === 'fish' ? `-l ${long.slice(2)}` : long);
      }
    }
  });

  it('bash -n accepts the bash script', () => {
    execFileSync('bash', ['-n', file('bash')]);
  });

  it.skipIf(!has('zsh'))('zsh -n accepts the zsh script', () => {
    execFileSync('zsh', ['-n', file('zsh')]);
  });

  it.skipIf(!has('fish'))('fish -n accepts the fish script', () => {
    execFileSync('fish', ['-n', file('fish')]);
  });

  it('completes commands, subcommands, flags and flag values in bash', () => {
    const complete = (...words: string[]): string[] => {
      const script = `source ${JSON.stringify(file('bash'))}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}\n_seatbelt\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
    };
    expect(complete('seatbelt', 'sc')).toEqual(['scan']);
    expect(complete('seatbelt', 'hook', 'in')).toEqual(['install']);
    expect(complete('seatbelt', 'hook', 'install', '')).toEqual(expect.arrayContaining(['claude-code', 'git', '--user', '--project']));
    expect(complete('seatbelt', 'scan', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('seatbelt', 'completion', '')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
    expect(complete('seatbelt', 'hook', 'claude-code', '--no-')).toEqual(expect.arrayContaining(['--no-auto-keys', '--no-auto-approve']));
  });
});
