// Every family file of the catalogue, in one list (each file owns its programs).
import { LAUNCHERS } from './launchers.js';
import { WRAPPERS } from './wrappers.js';
import { RUNNERS } from './runners.js';
import { CODE_RUNNERS } from './code-runners.js';
import { CONTAINERS } from './containers.js';
import { KUBERNETES } from './kubernetes.js';
import { IAC } from './iac.js';
import { CLOUDS } from './clouds.js';
import { SECRETS } from './secrets.js';
import { CI_VCS } from './ci-vcs.js';
import { BACKUP } from './backup.js';
import { SERVICES } from './services.js';
import { OPERATIONS } from './operations.js';
import { PACKAGES } from './packages.js';
import { NETWORK } from './network.js';
import { DATABASES } from './databases.js';
import { MIGRATIONS } from './migrations.js';
import { SQL_CLIENT_SPECS } from './sql-clients.js';
import { CORE_TOOLS } from './core-tools.js';
import { TOOLCHAINS } from './toolchains.js';
import { FILES } from './files.js';
import { SYSTEM } from './system.js';
import { PACKAGE_MANAGERS } from './package-managers.js';
import { PYTHON_MODULES } from './python-modules.js';
import type { ProgramSpec } from '../spec.js';

export const FAMILIES: readonly (readonly ProgramSpec[])[] = [
  WRAPPERS,
  LAUNCHERS,
  RUNNERS,
  CODE_RUNNERS,
  CONTAINERS,
  KUBERNETES,
  IAC,
  CLOUDS,
  SECRETS,
  CI_VCS,
  BACKUP,
  SERVICES,
  OPERATIONS,
  PACKAGES,
  NETWORK,
  DATABASES,
  MIGRATIONS,
  SQL_CLIENT_SPECS,
  CORE_TOOLS,
  TOOLCHAINS,
  FILES,
  SYSTEM,
  PACKAGE_MANAGERS,
  PYTHON_MODULES,
];

// The bundles replace this module with one that reads dist/catalogue.data, parsing each spec on its
// first look-up (scripts/catalogue-data.mjs); the two must offer the same functions.

/** Every family. */
export function loadFamilies(): readonly (readonly ProgramSpec[])[] {
  return FAMILIES;
}

let byName: Map<string, ProgramSpec> | undefined;

/** The spec of one program name, if any. */
export function specNamed(name: string): ProgramSpec | undefined {
  if (!byName) {
    byName = new Map();
    for (const s of FAMILIES.flat()) for (const n of s.names) byName.set(n, s);
  }
  return byName.get(name);
}

/**
 * The bundles' loader reads the specs from these bytes until the returned function is called (the
 * start-up snapshot's warm-up, which may not open files). Here the specs are modules: nothing to do.
 */
export function useCatalogueBytes(_bytes: Uint8Array): () => void {
  return () => {};
}
