// Role-file fuzzing: any JSON value, and valid roles with one field replaced by garbage (wrong
// types, huge strings, deep nesting), either validate or fail with a clear CONFIG error naming the
// field — never another exception, never a message that dumps the garbage back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeatbeltError } from '../../src/core/error.js';
import { validateRole } from '../../src/policy/role/validate.js';
import { runs } from './support.js';

const VALID = {
  name: 'fuzz_base',
  description: 'a small valid role the fuzzer mutates',
  allow: [
    { id: 'ls.any', command: 'ls', forbidFlags: ['-R'], paths: ['./'], match: ['ls -la'], notMatch: ['ls -R /'] },
    { id: 'git.read', command: 'git', subcommands: ['status', 'log'], match: ['git status'], notMatch: ['git push'] },
    { id: 'sql.read', sql: { kinds: ['select'], tables: ['orders'] }, match: ['SELECT * FROM orders'], notMatch: ['DELETE FROM orders'] },
  ],
};

/** Outcome of validation: ok, or the message of a CONFIG error. Anything else fails the test. */
function validate(json: unknown): { ok: true } | { ok: false; message: string } {
  try {
    validateRole(json, 'fuzz.json');
    return { ok: true };
  } catch (err) {
    expect(err).toBeInstanceOf(SeatbeltError);
    expect((err as SeatbeltError).code).toBe('CONFIG');
    return { ok: false, message: (err as Error).message };
  }
}

type Path = (string | number)[];
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
function replaceAt(root: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

const HUGE = 'x'.repeat(1 << 20);
const deepArray = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    '',
    ' ',
    HUGE,
    [HUGE],
    { [HUGE.slice(0, 1000)]: 1 },
    deepArray(10_000),
    '__proto__',
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const allPaths = paths(VALID);

describe('role files: hostile input', () => {
  it('the base role is valid (so the mutations below start from a working file)', () => {
    expect(validate(VALID)).toEqual({ ok: true });
  });

  it('any JSON value: valid or a CONFIG error, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (json) => {
        validate(json);
      }),
      { numRuns: runs(300) },
    );
  });

  it('one field replaced by garbage: a CONFIG error that names the field, or still valid', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), garbage, (at, value) => {
        const r = validate(replaceAt(VALID, at, value));
        if (r.ok) return;
        expect(r.message).toMatch(/fuzz\.json/);
        expect(r.message.length).toBeLessThan(20_000); // a huge value is described, not echoed
        // The message names the field that was replaced (or, for the whole document, some field).
        if (at.length > 0) expect(r.message).toContain(String(at[0]));
        else expect(r.message).toMatch(/\(root\)|name|description|allow/);
      }),
      { numRuns: runs(300) },
    );
  });

  it('an unknown field anywhere is reported, not ignored', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths.filter((p) => typeof p[p.length - 1] === 'string' || p.length === 0)),
        fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/),
        (at, key) => {
          const parent = at.slice(0, -1);
          const target = parent.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], VALID);
          if (!target || typeof target !== 'object' || Array.isArray(target) || key in target) return;
          const r = validate(replaceAt(VALID, [...parent, `${key}Zz`], 1));
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});
