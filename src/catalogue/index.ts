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
