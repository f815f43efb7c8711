// Property tests on the shell analyser through the library's decision call: any string gets a
// decision, what bash cannot parse is blocked, and hiding a destructive command anywhere it will
// still execute never turns a block into an allow.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESTRUCTIVE, PLACES, hidden, placeNames, script, shellish } from './shell-arbitraries.js';
import { decideWithin, fuzzSession, runs, shell } from './support.js';

const session = fuzzSession();
const mvdan = createRequire(import.meta.url)('mvdan-sh') as { syntax: { NewParser(): { Parse(src: string, name: string): unknown } } };
const bashParser = mvdan.syntax.NewParser();

/** An independent, strict bash parser: true when it accepts the script. */
function bashParses(src: string): boolean {
  try {
    bashParser.Parse(src, 'fuzz.sh');
    return true;
  } catch {
    return false;
  }
}

const verdict = async (src: string) => (await decideWithin(session, shell(src))).decision;

beforeAll(async () => {
  await verdict('true'); // load the parser once, outside the properties' budgets
});

describe('shell analyser: any input', () => {
  const inputs = {
    'printable ASCII': fc.string({ maxLength: 200 }),
    'any code point, lone surrogates included': fc.string({ unit: 'binary', maxLength: 100 }),
    'shell-ish tokens': shellish,
    'well-formed scripts': script,
  };
  for (const [name, arb] of Object.entries(inputs)) {
    it(`${name}: returns allow or block, never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (src) => {
          expect(['allow', 'block']).toContain(await verdict(src));
        }),
        { numRuns: runs(150) },
      );
    });
  }

  it('blocks input containing a NUL byte or a lone surrogate, wherever it sits', async () => {
    const poison = fc.constantFrom('\0', '\ud800', '\udfff', 'a\udc00b');
    await fc.assert(
      fc.asyncProperty(script, poison, fc.nat(), async (src, p, at) => {
        const i = at % (src.length + 1);
        expect(await verdict(src.slice(0, i) + p + src.slice(i))).toBe('block');
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('shell analyser: what bash cannot parse is blocked', () => {
  it('random shell-ish strings that a strict bash parser rejects are blocked', async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(shellish, async (src) => {
        if (bashParses(src)) return;
        rejected++;
        expect(await verdict(src)).toBe('block');
      }),
      { numRuns: runs(300) },
    );
    expect(rejected).toBeGreaterThan(0); // the generator must actually produce broken input
  });

  const breakers: Record<string, (s: string) => string> = {
    'unclosed subshell': (s) => `( ${s}`,
    'unclosed command substitution': (s) => `echo $( ${s}`,
    'dangling &&': (s) => `${s} &&`,
    'dangling pipe': (s) => `${s} |`,
    'if without fi': (s) => `if ${s}; then true`,
    'stray fi': (s) => `${s}; fi`,
    'stray done': (s) => `${s}; done`,
    'unclosed group': (s) => `{ ${s};`,
    'unterminated single quote': (s) => `${s}; echo 'oops`,
  };
  for (const [name, brk] of Object.entries(breakers)) {
    it(`${name} around a well-formed script is blocked`, async () => {
      await fc.assert(
        fc.asyncProperty(script, async (s) => {
          const broken = brk(s);
          if (bashParses(broken)) return; // e.g. the script's own quote closed ours: not broken after all
          expect(await verdict(broken)).toBe('block');
        }),
        { numRuns: runs(40) },
      );
    });
  }
});

describe('shell analyser: a destructive command stays blocked wherever it executes', () => {
  it.each(DESTRUCTIVE)('%s is blocked on its own', async (d) => {
    expect(await verdict(d)).toBe('block');
  });

  it.each(placeNames)('hidden by %s', async (place) => {
    for (const d of DESTRUCTIVE) {
      const src = PLACES[place]!(d, 'ls -la');
      expect({ src, decision: await verdict(src) }).toEqual({ src, decision: 'block' });
    }
  });

  it('hidden 1–3 places deep among generated scripts', async () => {
    await fc.assert(
      fc.asyncProperty(hidden, async ({ script: src }) => {
        expect(await verdict(src)).toBe('block');
      }),
      { numRuns: runs(300) },
    );
  });

  it('harmless scripts prepended and appended keep it blocked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DESTRUCTIVE),
        script,
        script,
        fc.constantFrom('; ', '\n', ' && ', ' || '),
        async (d, before, after, sep) => {
          expect(await verdict(`${before}${sep}${d}${sep}${after}`)).toBe('block');
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
