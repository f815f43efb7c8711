// The catalogue: every program spec, one file per family under specs/. The bundles carry the specs
// as data (dist/catalogue.data, scripts/catalogue-data.mjs), each spec parsed on its first look-up,
// so a command pays only for the programs it names. The tests validate every spec (validate.ts)
// and run its examples.
import type { ProgramSpec } from './spec.js';
import { loadFamilies, specNamed } from './specs/index.js';

export { useCatalogueBytes } from './specs/index.js';

export type { ProgramSpec } from './spec.js';

let all: readonly ProgramSpec[] | undefined;

/** Every spec, loaded on first use. */
export function catalogue(): readonly ProgramSpec[] {
  return (all ??= loadFamilies().flat());
}

/** The spec that judges a command name, if the catalogue knows the program (only that spec is loaded). */
export function specFor(name: string): ProgramSpec | undefined {
  return specNamed(name);
}

/**
 * A value the analysis makes from a program's spec (git's global options, an interpreter's code
 * options, psql's grammar), made on its first use: the bundles read specs from dist/catalogue.data,
 * which no module's top level may read (the start-up snapshot's builder forbids it), and a command
 * that never names the program never parses its spec.
 */
export function fromSpec<T>(name: string, make: (spec: ProgramSpec) => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make(requiredSpec(name)) }).value;
}

/** The spec of a program the analysis is built on: without it the build is broken, and the analysis fails closed. */
export function requiredSpec(name: string): ProgramSpec {
  const spec = specFor(name);
  if (!spec) throw new Error(`the catalogue has no spec for ${name}: the build is incomplete`);
  return spec;
}
