// Every bound of the shell analysis blocks when it is reached, with a `limits.*` id: depth, count,
// size and time in the IR builder, wrappers, `env -S` strings, launchers the rules follow, brace
// expansion and variable values followed by arithmetic. Below each bound the nesting is judged by
// what it runs; past it, the command is refused whatever it runs.
import { describe, expect, it } from 'vitest';
import { ids, ir } from './helpers.js';
import { decisionOf, matchesOf } from '../../rules/shell/helpers.js';
import { DEFAULT_LIMITS } from '../../../src/analyze/shell/limits.js';
import { MAX_BRACE_ROUNDS, MAX_BRACE_WORDS } from '../../../src/analyze/shell/braces.js';
import { MAX_VALUE_DEPTH } from '../../../src/analyze/shell/arith-eval.js';

/** Most launchers followed inside one another (the IR's bound). */
const MAX_LAUNCHERS = DEFAULT_LIMITS.maxLaunchers;

const HOME = 'filesystem.recursive_delete_home';

async function refusedBy(src: string, id: string): Promise<void> {
  const m = await matchesOf(src);
  expect(decisionOf(m), src.slice(0, 120)).toBe('block');
  expect(m.map((x) => x.ruleId)).toContain(id);
}

const dq = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** `env -S` strings read inside one another, `depth` of them, around `cmd`. */
function envSplits(depth: number, cmd: string): string {
  let s = cmd;
  for (let i = 1; i < depth; i++) s = `-S ${dq(s)}`;
  return `env -S ${shq(s)}`;
}

describe('IR builder limits (each with a small override, and the default shape)', () => {
  it('input size: limits.input_too_large', async () => {
    expect(ids(await ir('echo 12345678901', { limits: { maxInputChars: 10 } }))).toEqual(['limits.input_too_large']);
  });
  it('syntax depth: limits.nesting_too_deep', async () => {
    expect(ids(await ir('$(echo '.repeat(30) + 'x' + ')'.repeat(30), { limits: { maxDepth: 20 } }))).toContain('limits.nesting_too_deep');
    expect(ids(await ir('('.repeat(DEFAULT_LIMITS.maxDepth + 5) + 'true' + ')'.repeat(DEFAULT_LIMITS.maxDepth + 5)))).toContain(
      'limits.nesting_too_deep',
    );
  });
  it('scripts inside scripts: limits.nesting_too_deep', async () => {
    let s = 'true';
    for (let i = 0; i <= DEFAULT_LIMITS.maxNestedScripts; i++) s = `bash -c ${shq(s)}`;
    expect(ids(await ir(s))).toContain('limits.nesting_too_deep');
  });
  it('parse time (progress steps): limits.parse_timeout', async () => {
    expect(ids(await ir('echo ${x:-y}; '.repeat(2_000), { limits: { maxParseSteps: 2 } }))).toEqual(['limits.parse_timeout']);
  });
  it('syntax nodes: limits.input_too_large', async () => {
    expect(ids(await ir('a b c d e f g', { limits: { maxNodes: 5 } }))).toEqual(['limits.input_too_large']);
  });
  it('commands: limits.input_too_large', async () => {
    expect(ids(await ir('a; b; c; d', { limits: { maxCommands: 3 } }))).toEqual(['limits.input_too_large']);
  });
});

describe('wrappers peeled by the IR (more than 32)', () => {
  it('33 wrappers around one command: limits.nesting_too_deep', async () => {
    await refusedBy(`${'nice '.repeat(33)}true`, 'limits.nesting_too_deep');
  });
  it('32 are judged by what they run', async () => {
    await refusedBy(`${'nohup '.repeat(31)}rm -rf ~`, HOME);
  });
});

describe('env -S strings inside one another (more than 8)', () => {
  it('5 deep is judged by what it runs', async () => {
    await refusedBy(envSplits(5, 'rm -rf ~'), HOME);
  });
  it('8 deep is judged, 9 deep is refused whatever it runs', async () => {
    await refusedBy(envSplits(8, 'rm -rf ~'), HOME);
    await refusedBy(envSplits(9, 'true'), 'limits.nesting_too_deep');
  });
});

describe(`launchers the rules follow (more than ${MAX_LAUNCHERS})`, () => {
  for (const launcher of ['dumb-init', 'strace', 'npx']) {
    it(`${launcher} ×5 is judged by what it runs`, async () => {
      await refusedBy(`${`${launcher} `.repeat(5)}rm -rf ~`, HOME);
    });
  }
  it(`${MAX_LAUNCHERS} launchers are judged; ${MAX_LAUNCHERS + 1} are refused whatever they run`, async () => {
    await refusedBy(`${'strace '.repeat(MAX_LAUNCHERS)}rm -rf ~`, HOME);
    await refusedBy(`${'dumb-init '.repeat(MAX_LAUNCHERS + 1)}true`, 'limits.nesting_too_deep');
  });
});

describe(`brace expansion (more than ${MAX_BRACE_WORDS} words or ${MAX_BRACE_ROUNDS} rounds)`, () => {
  it(`a ~ after ${MAX_BRACE_WORDS + 5} other words: limits.expansion_too_large`, async () => {
    const words = Array.from({ length: MAX_BRACE_WORDS + 6 }, (_, i) => `x${i}`);
    await refusedBy(`rm -rf {${words.join(',')},~}`, 'limits.expansion_too_large');
  });
  it(`${MAX_BRACE_ROUNDS + 1} groups: limits.expansion_too_large`, async () => {
    await refusedBy(`rm -rf ${'{,}'.repeat(MAX_BRACE_ROUNDS + 1)}{x,~}`, 'limits.expansion_too_large');
    await refusedBy(`echo ${'{a,'.repeat(MAX_BRACE_ROUNDS + 1)}b${'}'.repeat(MAX_BRACE_ROUNDS + 1)}`, 'limits.expansion_too_large');
  });
  it('within the bounds every word is judged', async () => {
    await refusedBy(`rm -rf {${Array.from({ length: MAX_BRACE_WORDS - 1 }, (_, i) => `x${i}`).join(',')},~}`, HOME);
    expect(decisionOf(await matchesOf('mkdir -p src/{a,b,c}/{x,y,z}'))).toBe('allow');
  });
});

describe(`variable values followed by arithmetic (more than ${MAX_VALUE_DEPTH})`, () => {
  const chain = (n: number) => `${Array.from({ length: n }, (_, i) => `a${i}=a${i + 1}`).join('; ')}; a${n}=1; echo $((a0))`;
  it('a chain within the bound is decided', async () => {
    expect(decisionOf(await matchesOf(chain(MAX_VALUE_DEPTH - 1)))).toBe('allow');
  });
  it('a longer chain: limits.nesting_too_deep', async () => {
    await refusedBy(chain(MAX_VALUE_DEPTH + 2), 'limits.nesting_too_deep');
  });
});

describe('aliases expanded inside one another count as nested scripts', () => {
  it(`a chain of ${DEFAULT_LIMITS.maxNestedScripts + 2} aliases: limits.nesting_too_deep`, async () => {
    const n = DEFAULT_LIMITS.maxNestedScripts + 2;
    const defs = Array.from({ length: n }, (_, i) => `alias a${i}='a${i + 1}'`).join('\n');
    await refusedBy(`${defs}\na0`, 'limits.nesting_too_deep');
  });
});
