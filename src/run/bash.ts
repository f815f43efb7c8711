// The shell that runs a `--shell` script: bash, the dialect the analysis reads. /bin/sh is dash on
// Debian and Ubuntu, which reads some scripts differently (`true &>/dev/null rm -rf .git` is one
// harmless command to bash, but a background `true` and then `rm -rf .git` to dash), so a script
// judged as bash is run by bash: the first executable `bash` in an absolute PATH entry, else
// /bin/bash, looked up before anything is decided. Without one, nothing runs (SeatbeltError
// UNAVAILABLE, exit 69).
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../core/error.js';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The bash a script would run with, or null. Relative PATH entries are skipped (they move with the folder). */
export function findBash(env: NodeJS.ProcessEnv = process.env, fallback = '/bin/bash'): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const file = path.join(dir, 'bash');
    if (executable(file)) return file;
  }
  return executable(fallback) ? fallback : null;
}

/** The bash for `--shell` scripts; throws UNAVAILABLE when there is none. */
export function bashForScripts(env: NodeJS.ProcessEnv = process.env, fallback = '/bin/bash'): string {
  const found = findBash(env, fallback);
  if (found === null) {
    throw new SeatbeltError(
      'UNAVAILABLE',
      `bash was not found on PATH or at ${fallback}: shell scripts are judged as bash and are only run by bash (install bash, or give the command as an argv after --)`,
    );
  }
  return found;
}
