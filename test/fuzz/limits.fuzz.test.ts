// Property: no limit of the shell analysis lets a command through. Nestings generated past each
// bound — launchers, wrappers, env -S strings, brace expansion, nested scripts, substitutions,
// variable chains evaluated by arithmetic, alias chains — are blocked with a `limits.*` finding,
// whatever they run (harmless or not), through the library's decision call.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/analyze/shell/limits.js';
import { MAX_BRACE_ROUNDS, MAX_BRACE_WORDS } from '../../src/analyze/shell/braces.js';
import { MAX_VALUE_DEPTH } from '../../src/analyze/shell/arith-eval.js';
import { decideWithin, fuzzSession, runs, shell, shq } from './support.js';

/** Most launchers followed inside one another (the IR's bound). */
const MAX_LAUNCHERS = DEFAULT_LIMITS.maxLaunchers;

const session = fuzzSession();

/** Blocked, with a limits.* finding among the blocking ones. */
async function expectLimit(src: string): Promise<void> {
  const d = await decideWithin(session, shell(src), 20_000);
  expect(d.decision, src.slice(0, 200)).toBe('block');
  expect(
    d.blocking.map((m) => m.ruleId).some((id) => id.startsWith('limits.')),
    `${src.slice(0, 200)}: ${d.blocking.map((m) => m.ruleId).join(', ')}`,
  ).toBe(true);
}

/** A command given as words (what launchers and wrappers run): harmless or not. */
const inner = fc.constantFrom('true', 'ls -la', 'echo hi', 'git status', 'rm -rf ~', 'rm -rf /', 'make test');
const LAUNCHERS = [
  'strace',
  'ltrace',
  'dumb-init',
  'tini',
  'npx',
  'fakeroot',
  'unbuffer',
  'valgrind',
  'firejail',
  'cross-env',
  'catchsegv',
  'torsocks',
];
const WRAPPERS = [
  'nice',
  'nohup',
  'env',
  'command',
  'setsid',
  'stdbuf -o0',
  'timeout 5',
  'nice -n 5',
  'ionice -c3',
  'sudo',
  'noglob',
  'nocorrect',
  'builtin',
];
const alternative = fc.stringMatching(/^[a-z0-9._-]{1,6}$/);

beforeAll(async () => {
  await decideWithin(session, shell('true')); // load the parser outside the properties' budgets
});

describe('no limit allows: nestings past each bound always block', () => {
  it(`more than ${MAX_LAUNCHERS} launchers`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...LAUNCHERS), { minLength: MAX_LAUNCHERS + 1, maxLength: MAX_LAUNCHERS + 8 }),
        inner,
        async (ls, cmd) => {
          await expectLimit(`${ls.join(' ')} ${cmd}`);
        },
      ),
      { numRuns: runs(25) },
    );
  });

  it('more than 32 wrappers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...WRAPPERS), { minLength: 33, maxLength: 40 }), inner, async (ws, cmd) => {
        await expectLimit(`${ws.join(' ')} ${cmd}`);
      }),
      { numRuns: runs(25) },
    );
  });

  it('env -S strings more than 8 deep', async () => {
    const dq = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 9, max: 11 }), inner, async (depth, cmd) => {
        let s: string = cmd;
        for (let i = 1; i < depth; i++) s = `-S ${dq(s)}`;
        await expectLimit(`env -S ${shq(s)}`);
      }),
      { numRuns: runs(10) },
    );
  });

  it(`brace expansion past ${MAX_BRACE_WORDS} words, a dangerous one anywhere`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(alternative, { minLength: MAX_BRACE_WORDS + 1, maxLength: MAX_BRACE_WORDS + 40 }),
        fc.nat(),
        fc.constantFrom('~', '/', 'x'),
        fc.constantFrom('rm -rf', 'echo', 'touch', 'ls'),
        async (alts, at, danger, cmd) => {
          const all = [...alts];
          all.splice(at % (all.length + 1), 0, danger);
          await expectLimit(`${cmd} {${all.join(',')}}`);
        },
      ),
      { numRuns: runs(25) },
    );
  });

  it(`brace expansion past ${MAX_BRACE_ROUNDS} rounds (groups in a row or nested)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_BRACE_ROUNDS + 1, max: MAX_BRACE_ROUNDS + 6 }),
        fc.boolean(),
        fc.constantFrom('rm -rf', 'echo'),
        async (n, nested, cmd) => {
          const word = nested ? `${'{a,'.repeat(n)}~${'}'.repeat(n)}` : `${'{,}'.repeat(n - 1)}{x,~}`;
          await expectLimit(`${cmd} ${word}`);
        },
      ),
      { numRuns: runs(20) },
    );
  });

  it(`scripts nested more than ${DEFAULT_LIMITS.maxNestedScripts} deep`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: DEFAULT_LIMITS.maxNestedScripts + 1, max: DEFAULT_LIMITS.maxNestedScripts + 3 }),
        fc.array(fc.constantFrom('bash -c', 'sh -c', 'eval', 'zsh -c'), { minLength: 1 }),
        inner,
        async (depth, carriers, cmd) => {
          let s: string = cmd;
          for (let i = 0; i < depth; i++) s = `${carriers[i % carriers.length]!} ${shq(s)}`;
          await expectLimit(s);
        },
      ),
      { numRuns: runs(15) },
    );
  });

  it(`substitutions nested more than ${DEFAULT_LIMITS.maxDepth} deep`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: DEFAULT_LIMITS.maxDepth + 1, max: DEFAULT_LIMITS.maxDepth + 20 }),
        fc.constantFrom('$(echo ', '"$(echo ', '( '),
        inner,
        async (depth, open, cmd) => {
          const close = open === '( ' ? ' )' : open.startsWith('"') ? ')"' : ')';
          await expectLimit(open.repeat(depth) + cmd + close.repeat(depth));
        },
      ),
      { numRuns: runs(10) },
    );
  });

  it(`variables evaluated by arithmetic more than ${MAX_VALUE_DEPTH} deep`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_VALUE_DEPTH + 1, max: MAX_VALUE_DEPTH + 10 }),
        fc.constantFrom('echo $((v0))', '(( v0 ))', '[[ $v0 -eq 1 ]]', 'let v0'),
        async (n, use) => {
          const chain = Array.from({ length: n }, (_, i) => `v${i}=v${i + 1}`).join('; ');
          await expectLimit(`${chain}; v${n}=1; ${use}`);
        },
      ),
      { numRuns: runs(15) },
    );
  });

  it(`aliases expanded more than ${DEFAULT_LIMITS.maxNestedScripts} deep`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: DEFAULT_LIMITS.maxNestedScripts + 2, max: DEFAULT_LIMITS.maxNestedScripts + 6 }),
        inner,
        async (n, cmd) => {
          const defs = Array.from({ length: n }, (_, i) => `alias a${i}='a${i + 1}'`);
          await expectLimit(`${defs.join('\n')}\nalias a${n}=${shq(cmd)}\na0`);
        },
      ),
      { numRuns: runs(10) },
    );
  });
});
