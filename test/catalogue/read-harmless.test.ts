// Harmless options with exceptions: `--dry-run` changes nothing, `--dry-run=none` (cobra) or
// `--dry-run=false` runs for real, and a value only known at run time may be either.
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import { specProblems } from '../../src/catalogue/validate.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const w = (value: string): Word => ({ value, static: !value.includes('$'), raw: value });
const SPEC: ProgramSpec = {
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  options: [
    { names: ['--dry-run'], value: 'optional', harmless: { unless: '^(none|false)$' } },
    { names: ['--check'], value: 'required', harmless: { unless: '^no$' } },
  ],
  subcommands: { prune: { verb: { effect: 'destroy', why: 'prunes' } } },
  examples: { block: [], allow: ['tool'] },
};
const harmless = (line: string) => readInvocation(SPEC, line.split(' ').map(w)).harmless;

describe('harmless unless', () => {
  it('is harmless bare or with any other value', () => {
    expect(harmless('prune --dry-run')).toBe(true);
    expect(harmless('prune --dry-run=client')).toBe(true);
    expect(harmless('prune --check yes')).toBe(true);
  });

  it('is not with a matching value, or one only known at run time', () => {
    expect(harmless('prune --dry-run=none')).toBe(false);
    expect(harmless('prune --dry-run=FALSE')).toBe(false);
    expect(harmless('prune --dry-run=$MODE')).toBe(false);
    expect(harmless('prune --check no')).toBe(false);
    expect(harmless('prune')).toBe(false);
  });

  it('is validated', () => {
    const bad = { ...SPEC, names: ['bad'], options: [{ names: ['--dry-run'], harmless: { unless: '(' } }] };
    expect(specProblems([bad]).map((p) => p.path)).toEqual(['bad.options[0].harmless']);
  });
});
