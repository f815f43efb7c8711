// completions/ are generated from the commander definitions: they must match a fresh generation,
// cover every command and flag, parse in their shell, and complete commands, flags and flag values
// (policies, dialects, decisions, formats, role names) in bash, zsh and fish. zsh and fish are
// installed by scripts/test-shells.sh (Debian packages) before the tests: nothing is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/adapters/cli/main.js';
import { COMPLETION_FILES, generateCompletion, SHELLS } from '../../src/adapters/cli/completion-gen.js';
import { sb } from '../hooks/spawn.js';

const DIR = path.resolve(import.meta.dirname, '../../completions');
const file = (shell: (typeof SHELLS)[number]) => path.join(DIR, COMPLETION_FILES[shell]);
const ROOT = path.resolve(import.meta.dirname, '../..');
const POLICIES = ['safe_defaults', 'read_only', 'audit_mode', 'strict_prod', 'strict_whitelist'];
const DIALECTS = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'transactsql', 'bigquery'];
const SHIPPED_ROLES = ['ci_runner', 'devops_senior', 'junior_admin', 'mlops_engineer'];

/** A scratch SEATBELT_HOME with one role of the user's own, and a folder to complete files in. */
let scratch: string;
let shellEnv: Record<string, string>;

beforeAll(() => {
  execFileSync('bash', [path.join(ROOT, 'scripts/test-shells.sh')], { stdio: 'inherit', timeout: 600_000 });
  scratch = mkdtempSync(path.join(tmpdir(), 'seatbelt-completions-'));
  mkdirSync(path.join(scratch, 'home', 'roles'), { recursive: true });
  writeFileSync(path.join(scratch, 'home', 'roles', 'my_reviewer.json'), '{}');
  shellEnv = { PATH: process.env.PATH!, HOME: scratch, SEATBELT_HOME: path.join(scratch, 'home') };
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

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

  it('zsh -n accepts the zsh script', () => {
    execFileSync('zsh', ['-n', file('zsh')]);
  });

  it('fish -n accepts the fish script', () => {
    execFileSync('fish', ['-n', file('fish')]);
  });

  it('completes commands, subcommands, flags and flag values in bash', () => {
    const complete = (...words: string[]): string[] => {
      const script = `source ${JSON.stringify(file('bash'))}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}\n_seatbelt\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', script], { encoding: 'utf8', env: shellEnv, cwd: scratch }).split('\n').filter(Boolean);
    };
    expect(complete('seatbelt', 'check', '--policy', '')).toEqual(POLICIES);
    expect(complete('seatbelt', 'exec', '--policy', 'str')).toEqual(['strict_prod', 'strict_whitelist']);
    expect(complete('seatbelt', 'sql', '--dialect', '')).toEqual(DIALECTS);
    expect(complete('seatbelt', 'audit', 'tail', '--decision', '')).toEqual(['allow', 'block']);
    expect(complete('seatbelt', 'audit', 'stats', '--by', '')).toEqual(['rule', 'decision', 'actor', 'role']);
    // Roles: the shipped ones, the user's own in $SEATBELT_HOME/roles, and .json files or folders for a path.
    expect(complete('seatbelt', 'check', '--role', '')).toEqual(expect.arrayContaining([...SHIPPED_ROLES, 'my_reviewer', 'home']));
    expect(complete('seatbelt', 'hook', 'claude-code', '--role', 'my')).toEqual(['my_reviewer']);
    expect(complete('seatbelt', 'sc')).toEqual(['scan']);
    expect(complete('seatbelt', 'hook', 'in')).toEqual(['install']);
    expect(complete('seatbelt', 'hook', 'install', '')).toEqual(expect.arrayContaining(['claude-code', 'git', '--user', '--project']));
    expect(complete('seatbelt', 'scan', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('seatbelt', 'completion', '')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
    expect(complete('seatbelt', 'hook', 'claude-code', '--no-')).toEqual(expect.arrayContaining(['--no-auto-keys', '--no-auto-approve']));
  });

  it('completes flag values in zsh (its completion functions stubbed to print what they are given)', () => {
    const complete = (...words: string[]): string[] => {
      const script = [
        'compadd() { while (( $# )) && [[ $1 != -- ]]; do shift; done; shift; print -rl -- "$@"; }',
        '_files() { print -r -- "(files $*)"; }',
        '_describe() { print -rl -- ${${(P)4}%%:*}; }',
        `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}`,
        `source ${JSON.stringify(file('zsh'))}`,
      ].join('\n');
      return execFileSync('zsh', ['-f', '-c', script], { encoding: 'utf8', env: shellEnv, cwd: scratch }).split('\n').filter(Boolean);
    };
    expect(complete('seatbelt', 'check', '--policy', '')).toEqual(POLICIES);
    expect(complete('seatbelt', 'sql', '--dialect', '')).toEqual(DIALECTS);
    expect(complete('seatbelt', 'audit', 'report', '--decision', '')).toEqual(['allow', 'block']);
    expect(complete('seatbelt', 'scan', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('seatbelt', 'exec', '--role', '')).toEqual([...SHIPPED_ROLES, 'my_reviewer', '(files -g *.json)']);
    expect(complete('seatbelt', 'hook', '')).toEqual(expect.arrayContaining(['install', 'uninstall', '--help']));
  });

  it('completes flag values in fish (complete -C, as when Tab is pressed)', () => {
    const complete = (line: string): string[] =>
      execFileSync('fish', ['--no-config', '-c', `source ${JSON.stringify(file('fish'))}; complete -C ${JSON.stringify(line)}`], {
        encoding: 'utf8',
        env: shellEnv,
        cwd: scratch,
      })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!);
    expect(complete('seatbelt check --policy ')).toEqual(expect.arrayContaining(POLICIES));
    expect(complete('seatbelt check --policy ')).toHaveLength(POLICIES.length);
    expect(complete('seatbelt sql --dialect ').sort()).toEqual([...DIALECTS].sort());
    expect(complete('seatbelt audit export --decision ').sort()).toEqual(['allow', 'block']);
    expect(complete('seatbelt scan --format ').sort()).toEqual(['json', 'sarif', 'text']);
    expect(complete('seatbelt exec --role ')).toEqual(expect.arrayContaining([...SHIPPED_ROLES, 'my_reviewer']));
    expect(complete('seatbelt check --role my_')).toEqual(['my_reviewer']);
    expect(complete('seatbelt aud')).toEqual(['audit']);
  });
});
