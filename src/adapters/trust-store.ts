// `seatbelt trust`: the operator vouches for one file, by path and SHA-256, in the user config: a
// project config, which may then loosen the guard (policy/project-trust.ts), or a script, which then
// runs without being judged (file-reader.ts). Any change to its bytes withdraws the trust. The agent
// cannot do this itself: `seatbelt trust` is refused as a guard command, and the user config is guarded.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { PROJECT_CONFIG, readConfig, updateConfig } from '../policy/config.js';
import { readProgramFile } from './file-reader.js';
import type { TrustedFile } from '../policy/project-trust.js';

export type TrustStanding = 'trusted' | 'changed' | 'missing';

export interface TrustEntry extends TrustedFile {
  standing: TrustStanding;
}

/**
 * The SHA-256 a file is trusted by: a project config's bytes (validated first: a file that is not a
 * valid config is never trusted), or the text of a script as seatbelt reads it to judge it.
 */
function hashToTrust(file: string): string {
  if (path.basename(file) === PROJECT_CONFIG) {
    const loaded = readConfig(file, 'project');
    if (!loaded) throw new SeatbeltError('USAGE', `no such file: ${file}`);
    return loaded.sha256;
  }
  const read = readProgramFile(file);
  if (!('text' in read))
    throw new SeatbeltError('USAGE', 'refused' in read ? `cannot trust ${file}: ${read.reason}` : `${file} is already trusted`);
  return createHash('sha256').update(read.text, 'utf8').digest('hex');
}

/** Records `file` as trusted in `userConfig` (replacing an older entry for the same path). */
export async function trustFile(userConfig: string, file: string): Promise<TrustedFile> {
  const abs = path.resolve(file);
  const entry: TrustedFile = { path: abs, sha256: hashToTrust(abs) };
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
      standing = hashToTrust(t.path) === t.sha256 ? 'trusted' : 'changed';
    } catch {
      standing = fs.existsSync(t.path) ? 'changed' : 'missing';
    }
    return { ...t, standing };
  });
}
