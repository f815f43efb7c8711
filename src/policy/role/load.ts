// Reading role files: a name is looked up in the roles folders, anything with a slash or `.json`
// is a path. The role is bound to the SHA-256 of the exact bytes read, and can re-hash its file to
// notice a change while a long-running process (hook server, MCP server) still uses it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeatbeltError } from '../../core/error.js';
import type { LoadedRole, Role, RoleFile } from './role.js';
import { validateRole } from './validate.js';

export interface RoleLoadOptions {
  /** Folders searched, in order, for `NAME.json` when a name is given. */
  rolesDir: string | readonly string[];
  /** Base for relative paths. Default: the process's working folder. */
  cwd?: string;
}

const ROLE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isRolePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.json');
}

/** The `roles/` folder shipped with seatbelt, found from this module (bundle or source tree). */
export function shippedRolesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'roles');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../roles');
}

/**
 * The roles folders in lookup order: the shipped ones, the roles of the operator's signed policy
 * bundle when one is in force, then the user's `$SEATBELT_HOME/roles`. Shipped names come first so
 * that no other folder can shadow `junior_admin` with a looser file.
 */
export function defaultRolesDirs(seatbeltHome: string, bundleRolesDir?: string | null): string[] {
  return [shippedRolesDir(), ...(bundleRolesDir ? [bundleRolesDir] : []), path.join(seatbeltHome, 'roles')];
}

function dirs(opts: RoleLoadOptions): readonly string[] {
  return typeof opts.rolesDir === 'string' ? [opts.rolesDir] : opts.rolesDir;
}

/** Every `*.json` in the roles folders, earlier folders shadowing later ones. */
export function listRoleFiles(rolesDir: string | readonly string[]): { name: string; path: string }[] {
  const seen = new Map<string, string>();
  for (const d of typeof rolesDir === 'string' ? [rolesDir] : rolesDir) {
    let names: string[] = [];
    try {
      names = fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      continue;
    }
    for (const f of names) {
      const name = f.slice(0, -5);
      if (!seen.has(name)) seen.set(name, path.join(d, f));
    }
  }
  return [...seen].map(([name, p]) => ({ name, path: p }));
}

export function resolveRolePath(nameOrPath: string, opts: RoleLoadOptions): string {
  if (isRolePath(nameOrPath)) return path.resolve(opts.cwd ?? process.cwd(), nameOrPath);
  if (!ROLE_NAME.test(nameOrPath)) {
    throw new SeatbeltError(
      'CONFIG',
      `role ${JSON.stringify(nameOrPath)}: expected a role name (lower-case letters, digits, "_", "-") or a path to a .json file`,
    );
  }
  for (const d of dirs(opts)) {
    const p = path.join(d, `${nameOrPath}.json`);
    if (fs.existsSync(p)) return p;
  }
  const known = listRoleFiles(opts.rolesDir).map((r) => r.name);
  throw new SeatbeltError(
    'CONFIG',
    `role "${nameOrPath}" not found in ${dirs(opts).join(', ')}${known.length ? `; known roles: ${known.join(', ')}` : ''}`,
  );
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot read role file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Parses and validates role bytes (every bad field reported at once). */
export function roleFromBytes(bytes: Uint8Array, source: string): Role {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  validateRole(json, source);
  const file: RoleFile = json;
  return { ref: { name: file.name, sha256: sha256Hex(bytes) }, file };
}

/**
 * Loads and validates a role (structure only; `loadRoleChecked` also runs its examples). The bytes
 * are read once: the hash, the rules and the envelope all describe the same file contents.
 */
export function loadRole(nameOrPath: string, opts: RoleLoadOptions): LoadedRole {
  const file = resolveRolePath(nameOrPath, opts);
  const bytes = readBytes(file);
  const role = roleFromBytes(bytes, file);
  if (!isRolePath(nameOrPath) && role.file.name !== nameOrPath) {
    throw new SeatbeltError('CONFIG', `${file}: the file is named for role "${nameOrPath}" but declares "name": "${role.file.name}"`);
  }
  const sha = role.ref.sha256;
  return {
    ...role,
    path: file,
    isStale(): boolean {
      try {
        return sha256Hex(fs.readFileSync(file)) !== sha;
      } catch {
        return true; // gone or unreadable: fail closed
      }
    },
  };
}
