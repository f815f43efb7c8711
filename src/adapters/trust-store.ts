// `seatbelt trust`: the operator vouches for one project config file, by path and SHA-256, in the
// user config. Only then may that file loosen the guard (project-trust.ts); any change to its bytes
// withdraws the trust. The agent cannot do this itself: `seatbelt trust` is refused as a guard
// command, and the user config is a guarded path.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { readConfig, updateConfig } from './config.js';
import type { TrustedFile } from './project-trust.js';

export type TrustStanding = 'trusted' | 'changed' | 'missing';

export interface TrustEntry extends TrustedFile {
  standing: TrustStanding;
}

/** Reads a project config, validating it (a file that is not a valid config is never trusted). */
function hashProjectConfig(file: string): string {
  const loaded = readConfig(file, 'project');
  if (!loaded) throw new SeatbeltError('USAGE', `no such file: ${file}`);
  return loaded.sha256;
}

/** Records `file` as trusted in `userConfig` (replacing an older entry for the same path). */
export async function trustFile(userConfig: string, file: string): Promise<TrustedFile> {
  const abs = path.resolve(file);
  const entry: TrustedFile = { path: abs, sha256: hashProjectConfig(abs) };
  const current = readConfig(userConfig, 'user')?.data.trusted ?? [];
  await updateConfig(userConfig, 'user', { trusted: [...current.filter((t) => t.path !== abs), entry] });
  return entry;
}

/** Removes the trust in `file`; false when it was not trusted. */
export async function revokeTrust(userConfig: string, file: string): Promise<boolean> {
  const abs = path.resolve(file);
  const current = readConfig(userConfig, 'user')?.data.trusted ?? [];
  const kept = current.filter((t) => t.path !== abs);
  if (kept.length === current.length) return false;
  await updateConfig(userConfig, 'user', { trusted: kept.length ? kept : undefined });
  return true;
}

/** Every trusted file with whether its bytes still match. */
export function listTrust(userConfig: string): TrustEntry[] {
  return (readConfig(userConfig, 'user')?.data.trusted ?? []).map((t) => {
    let standing: TrustStanding;
    try {
      standing = createHash('sha256').update(fs.readFileSync(t.path)).digest('hex') === t.sha256 ? 'trusted' : 'changed';
    } catch {
      standing = 'missing';
    }
    return { ...t, standing };
  });
}
