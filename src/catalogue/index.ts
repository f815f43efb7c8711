// The catalogue: every program spec, one file per family under specs/, compiled into the bundle.
// Looked up by command name; the map is built on first use, so commands that never consult the
// catalogue do not pay for it. The tests validate every spec (validate.ts) and run its examples.
import type { ProgramSpec } from './spec.js';
import { FAMILIES } from './specs/index.js';

export type { ProgramSpec } from './spec.js';

export const CATALOGUE: readonly ProgramSpec[] = FAMILIES.flat();

let byName: Map<string, ProgramSpec> | undefined;

/** The spec that judges a command name, if the catalogue knows the program. */
export function specFor(name: string): ProgramSpec | undefined {
  if (!byName) {
    byName = new Map();
    for (const s of CATALOGUE) for (const n of s.names) byName.set(n, s);
  }
  return byName.get(name);
}
