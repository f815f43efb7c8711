// Where a machine keeps the fleet's policy: the pinned operator key and the installed bundle, under
// $SEATBELT_HOME/policy/ (guarded like the rest of the home). A bundle is installed only when it
// verifies against the pin, and it is verified again whenever settings are read: a bundle that
// no longer verifies is refused (CONFIG), never loaded. Its roles are written, content-addressed,
// to policy/roles/<hash>/ before the bundle file is renamed into place, so the bundle in force
// always finds its own roles.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, type KeyObject } from 'node:crypto';
import { SeatbeltError } from '../core/error.js';
import { fingerprint, parsePublicKey } from '../audit/key-format.js';
import { fsyncDir } from '../audit/durable.js';
import { readConfig } from './config.js';
import {
  bundleHash,
  BUNDLE_FORMAT,
  BUNDLE_SETTINGS,
  validateBundle,
  verifyBundle,
  type BundleContent,
  type PolicyBundle,
} from './bundle.js';
import { listRoleFiles, roleFromBytes, shippedRolesDir } from './role/load.js';
import type { RoleFile } from './role/role.js';
import type { Signer } from '../audit/seal.js';

export function bundlePaths(home: string) {
  const dir = path.join(home, 'policy');
  return { dir, bundle: path.join(dir, 'bundle.json'), pin: path.join(dir, 'operator.pub'), roles: path.join(dir, 'roles') };
}

/** The installed bundle, verified, with its hash and the folder its roles are in. */
export interface InstalledBundle {
  path: string;
  bundle: PolicyBundle;
  sha256: string;
  rolesDir: string;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeatbeltError(code === 'ENOENT' ? 'IO' : 'CONFIG', `cannot read ${what} ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** Reads and validates a bundle file (shape only). */
export function readBundle(file: string): PolicyBundle {
  const json = readJson(file, 'policy bundle');
  validateBundle(json, file);
  return json;
}

/** The pinned operator key, or null when none is pinned. */
export function readPin(home: string): { key: KeyObject; keyId: string; path: string } | null {
  const { pin } = bundlePaths(home);
  let text: string;
  try {
    text = fs.readFileSync(pin, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SeatbeltError('CONFIG', `cannot read the pinned operator key ${pin}: ${(err as Error).message}`, { cause: err });
  }
  const key = parsePublicKey(text, pin);
  return { key, keyId: fingerprint(key), path: pin };
}

function writeAtomic(file: string, text: string, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Pins the operator's public key; a different key already pinned is replaced only with `force`. */
export function pinOperatorKey(home: string, keyText: string, source: string, force: boolean): { keyId: string; replaced: string | null } {
  const key = parsePublicKey(keyText, source);
  const keyId = fingerprint(key);
  const current = readPin(home);
  if (current && current.keyId === keyId) return { keyId, replaced: null };
  if (current && !force)
    throw new SeatbeltError('CONFIG', `an operator key is already pinned (${current.keyId} in ${current.path}); use --force to replace it`);
  const { dir, pin } = bundlePaths(home);
  ensureDir(dir);
  writeAtomic(pin, key.export({ format: 'pem', type: 'spki' }).toString());
  return { keyId, replaced: current?.keyId ?? null };
}

function requirePin(home: string) {
  const pin = readPin(home);
  if (!pin)
    throw new SeatbeltError(
      'CONFIG',
      `no operator key is pinned in ${bundlePaths(home).pin}; pin one with: seatbelt policy pin PUBKEY_FILE`,
    );
  return pin;
}

/** A bundle's roles that would hide behind, or be hidden by, the roles shipped with seatbelt. */
function shippedNames(bundle: PolicyBundle): string[] {
  const shipped = new Set(listRoleFiles(shippedRolesDir()).map((r) => r.name));
  return Object.keys(bundle.roles).filter((n) => shipped.has(n));
}

/** Checks that the bundle's named role exists (in the bundle or shipped) and no role shadows a shipped one. */
function checkRoles(bundle: PolicyBundle, source: string): void {
  const clash = shippedNames(bundle);
  if (clash.length)
    throw new SeatbeltError('CONFIG', `${source}: role ${clash.join(', ')} has the name of a role shipped with seatbelt; rename it`);
  const role = bundle.settings.role;
  if (typeof role === 'string' && !(role in bundle.roles) && !listRoleFiles(shippedRolesDir()).some((r) => r.name === role))
    throw new SeatbeltError(
      'CONFIG',
      `${source}: settings.role ${JSON.stringify(role)} is neither in the bundle nor shipped with seatbelt`,
    );
}

/** Verifies a bundle against the machine's pin (CONFIG when there is none or it does not verify). */
export function verifyAgainstPin(home: string, bundle: PolicyBundle, source: string): { sha256: string; keyId: string } {
  const pin = requirePin(home);
  verifyBundle(bundle, pin.key, source);
  checkRoles(bundle, source);
  return { sha256: bundleHash(bundle), keyId: pin.keyId };
}

/**
 * Installs a verified bundle. Nothing is written unless it verifies, so a refused bundle leaves
 * the one in force as it was. One older than the bundle in force is refused unless `allowOlder`
 * (an old signed bundle replayed must not undo a newer policy).
 */
export function installBundle(home: string, file: string, opts: { allowOlder?: boolean } = {}): InstalledBundle {
  const bundle = readBundle(file);
  const { sha256 } = verifyAgainstPin(home, bundle, file);
  const paths = bundlePaths(home);
  // An installed bundle that no longer verifies is no reference for "older": a good bundle repairs it.
  let current: InstalledBundle | null = null;
  try {
    current = loadInstalledBundle(home);
  } catch {
    current = null;
  }
  if (current && !opts.allowOlder && Date.parse(bundle.created) < Date.parse(current.bundle.created))
    throw new SeatbeltError(
      'CONFIG',
      `${file} was signed ${bundle.created}, before the bundle in force (${current.bundle.created}); refused (--allow-older to roll back on purpose)`,
    );
  const rolesDir = path.join(paths.roles, sha256);
  if (!fs.existsSync(rolesDir)) {
    ensureDir(paths.roles);
    const tmp = `${rolesDir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    ensureDir(tmp);
    for (const [name, role] of Object.entries(bundle.roles)) writeAtomic(path.join(tmp, `${name}.json`), roleText(role));
    fs.renameSync(tmp, rolesDir);
    fsyncDir(paths.roles);
  }
  writeAtomic(paths.bundle, JSON.stringify(bundle, null, 2) + '\n');
  // Roles of bundles no longer in force go; a process still using one then sees its role gone and blocks.
  for (const d of fs.readdirSync(paths.roles)) if (d !== sha256) fs.rmSync(path.join(paths.roles, d), { recursive: true, force: true });
  return { path: paths.bundle, bundle, sha256, rolesDir };
}

function roleText(role: RoleFile): string {
  return JSON.stringify(role, null, 2) + '\n';
}

/**
 * The bundle in force in `home`, verified against the pin; null when none is installed. A bundle
 * that does not verify, or whose roles are missing, is CONFIG: settings are then not read at all.
 */
export function loadInstalledBundle(home: string): InstalledBundle | null {
  const paths = bundlePaths(home);
  if (!fs.existsSync(paths.bundle)) return null;
  const bundle = readBundle(paths.bundle);
  const pin = readPin(home);
  if (!pin) throw new SeatbeltError('CONFIG', `${paths.bundle} is installed but no operator key is pinned (${paths.pin}); refused`);
  verifyBundle(bundle, pin.key, paths.bundle);
  const sha256 = bundleHash(bundle);
  const rolesDir = path.join(paths.roles, sha256);
  for (const name of Object.keys(bundle.roles)) {
    if (!fs.existsSync(path.join(rolesDir, `${name}.json`)))
      throw new SeatbeltError('CONFIG', `${paths.bundle}: its role ${name} is missing from ${rolesDir}; install the bundle again`);
  }
  return { path: paths.bundle, bundle, sha256, rolesDir };
}

/**
 * Reads an operator's policy folder into bundle content: DIR/config.json (guard settings, with
 * `trusted` project configs) and DIR/roles/*.json. Settings a bundle cannot carry are named.
 */
export function readPolicyDir(dir: string, now: Date): BundleContent {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new SeatbeltError('IO', `${dir} is not a folder`);
  const configPath = path.join(dir, 'config.json');
  const config = readConfig(configPath, 'user');
  const settings: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const [k, v] of Object.entries(config?.data ?? {})) {
    if (k === '$schema') continue;
    if ((BUNDLE_SETTINGS as readonly string[]).includes(k)) settings[k] = v;
    else refused.push(k);
  }
  if (refused.length)
    throw new SeatbeltError(
      'CONFIG',
      `${configPath}: ${refused.join(', ')} belong${refused.length === 1 ? 's' : ''} to one machine's config, not to a fleet's policy bundle (a bundle carries ${BUNDLE_SETTINGS.join(', ')})`,
    );
  const roles: Record<string, RoleFile> = {};
  const rolesDir = path.join(dir, 'roles');
  if (fs.existsSync(rolesDir)) {
    for (const { name, path: file } of listRoleFiles(rolesDir)) {
      const role = roleFromBytes(fs.readFileSync(file), file);
      if (role.file.name !== name)
        throw new SeatbeltError('CONFIG', `${file}: the file is named for role "${name}" but declares "${role.file.name}"`);
      roles[name] = role.file;
    }
  }
  if (!config && Object.keys(roles).length === 0) throw new SeatbeltError('IO', `${dir} holds neither config.json nor roles/*.json`);
  return { format: BUNDLE_FORMAT, created: now.toISOString(), settings, roles };
}

export function writeBundleFile(file: string, bundle: PolicyBundle): void {
  writeAtomic(path.resolve(file), JSON.stringify(bundle, null, 2) + '\n');
}

export function checkSignable(bundle: PolicyBundle, source: string): void {
  checkRoles(bundle, source);
}

export type { Signer };
