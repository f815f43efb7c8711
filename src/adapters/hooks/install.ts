// `seatbelt hook install|uninstall <host>`: MERGE seatbelt's hook entry into the settings file the
// host reads (host-settings.ts says which file and which shape). Other hooks and settings are never
// touched; the file is backed up before any change (<file>.bak-<timestamp>) and replaced atomically.
// Installing again with the same command changes nothing; with a different one (other flags, another
// seatbelt) it updates seatbelt's entry in place. Uninstall removes only seatbelt's entry, and when
// what is left is what a backup held, it puts that backup's bytes back (so install + uninstall
// gives back the original file byte for byte); a file seatbelt created is removed. A settings file
// that is not valid JSON, or has the wrong shape, is refused and left untouched.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SeatbeltError } from '../../core/error.js';
import { HOST_SETTINGS, type HostSettings, type Json } from './host-settings.js';

export interface SettingsChange {
  file: string;
  changed: boolean;
  backup?: string;
  message: string;
}

/** Claude Code's hook command, recognised by its program name and subcommand (whatever path it is run by). */
export const OUR_COMMAND = ourCommand('claude-code');

/** seatbelt's hook command for `host`: `… seatbelt hook <host> …`, however the program is spelled. */
export function ourCommand(host: string): RegExp {
  return new RegExp(`(^|[\\s/'"])seatbelt['"]?\\s+hook\\s+${host}(\\s|$)`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Loaded {
  settings: Json;
  existed: boolean;
}

function readSettings(spec: HostSettings, file: string): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {}, existed: false };
    throw new SeatbeltError('IO', `cannot read ${file}: ${(err as Error).message}`);
  }
  let settings: unknown;
  try {
    settings = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `${file} is not valid JSON (${(err as Error).message}); fix it first — it was left untouched`);
  }
  const problem = shapeProblem(spec, settings);
  if (problem) throw new SeatbeltError('CONFIG', `${file}: ${problem}; it was left untouched`);
  return { settings: settings as Json, existed: true };
}

function shapeProblem(spec: HostSettings, settings: unknown): string | undefined {
  if (!isObject(settings)) return 'must hold a JSON object';
  const top = spec.topProblem?.(settings);
  if (top) return top;
  if (settings.hooks !== undefined && !isObject(settings.hooks)) return '"hooks" must be an object';
  const list = isObject(settings.hooks) ? settings.hooks[spec.event] : undefined;
  if (list !== undefined && !Array.isArray(list)) return `"hooks.${spec.event}" must be an array`;
  return undefined;
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function backupName(file: string, now: Date): string {
  let backup = `${file}.bak-${timestamp(now)}`;
  for (let n = 1; fs.existsSync(backup); n++) backup = `${file}.bak-${timestamp(now)}-${n}`;
  return backup;
}

function backUp(file: string, now: Date): string {
  const backup = backupName(file, now);
  try {
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  } catch (err) {
    throw new SeatbeltError('OUTPUT', `cannot back up ${file} to ${backup}: ${(err as Error).message}; nothing was changed`);
  }
  return backup;
}

/** Replaces the file atomically (write beside, fsync, rename), keeping its mode. */
function replaceFile(file: string, bytes: string | Buffer, mode: number): void {
  const tmp = `${file}.seatbelt-${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w', mode);
    try {
      if (typeof bytes === 'string') fs.writeSync(fd, bytes);
      else fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`);
  }
}

function modeOf(file: string, existed: boolean): number {
  return existed ? fs.statSync(file).mode & 0o777 : 0o644;
}

const serialize = (settings: Json) => JSON.stringify(settings, null, 2) + '\n';

/** One seatbelt handler found in the event's list, with the group that holds it (grouped hosts). */
interface Found {
  handler: Json;
  group?: Json;
}

/** seatbelt's handlers in the event's list, and the list without them (groups left empty dropped). */
function split(spec: HostSettings, list: unknown[]): { ours: Found[]; firstAt: number; others: unknown[] } {
  const mine = ourCommand(spec.host);
  const isOurs = (h: unknown): h is Json => isObject(h) && typeof h.command === 'string' && mine.test(h.command);
  const ours: Found[] = [];
  const others: unknown[] = [];
  let firstAt = -1;
  for (const item of list) {
    const group = spec.grouped && isObject(item) && Array.isArray(item.hooks) ? item : undefined;
    const found = group ? (group.hooks as unknown[]).filter(isOurs) : isOurs(item) ? [item] : [];
    if (found.length === 0) {
      others.push(item);
      continue;
    }
    if (firstAt < 0) firstAt = others.length;
    ours.push(...found.map((handler) => (group ? { handler, group } : { handler })));
    const rest = group ? (group.hooks as unknown[]).filter((h) => !isOurs(h)) : [];
    if (rest.length) others.push({ ...group, hooks: rest });
  }
  return { ours, firstAt, others };
}

function withList(spec: HostSettings, settings: Json, list: unknown[]): Json {
  const hooks: Json = { ...(isObject(settings.hooks) ? settings.hooks : {}) };
  if (list.length) hooks[spec.event] = list;
  else delete hooks[spec.event];
  const next: Json = { ...settings, hooks };
  if (Object.keys(hooks).length === 0) delete next.hooks;
  return next;
}

/** The settings with empty hook containers dropped: what two files mean, for comparing them. */
function meaning(spec: HostSettings, settings: unknown): unknown {
  if (!isObject(settings)) return settings;
  const next: Json = { ...settings };
  if (isObject(settings.hooks)) {
    const kept = Object.fromEntries(Object.entries(settings.hooks).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
    if (Object.keys(kept).length) next.hooks = kept;
    else delete next.hooks;
  }
  return spec.skeleton && isDeepStrictEqual(next, spec.skeleton) ? {} : next;
}

/** What a settings file means once seatbelt's own entry is taken out. */
function meaningWithoutOurs(spec: HostSettings, settings: unknown): unknown {
  if (!isObject(settings) || !isObject(settings.hooks) || !Array.isArray(settings.hooks[spec.event])) return meaning(spec, settings);
  return meaning(spec, withList(spec, settings, split(spec, settings.hooks[spec.event] as unknown[]).others));
}

export interface InstallResult extends SettingsChange {
  /** The command that was there before, when an install replaced it. */
  replaced?: string;
}

export function installHook(host: keyof typeof HOST_SETTINGS, file: string, command: string, now = new Date()): InstallResult {
  const spec = HOST_SETTINGS[host];
  if (!ourCommand(host).test(command))
    throw new SeatbeltError('USAGE', `the hook command must run "seatbelt hook ${host}", got ${JSON.stringify(command)}`);
  const { settings, existed } = readSettings(spec, file);
  const list = (isObject(settings.hooks) && Array.isArray(settings.hooks[spec.event]) ? settings.hooks[spec.event] : []) as unknown[];
  const { ours, firstAt, others } = split(spec, list);
  const entry = spec.entry(command);
  const handler = spec.grouped ? (entry.hooks as Json[])[0]! : entry;
  if (ours.length === 1) {
    const { handler: found, group } = ours[0]!;
    const sameGroup = !spec.grouped || (group !== undefined && group.matcher === entry.matcher && (group.hooks as unknown[]).length === 1);
    if (sameGroup && isDeepStrictEqual(found, handler))
      return { file, changed: false, message: `seatbelt is already installed in ${file}, with this command` };
  }
  const at = firstAt < 0 ? others.length : firstAt;
  const base = existed ? settings : { ...(spec.skeleton ?? {}) };
  const next = withList(spec, base, [...others.slice(0, at), entry, ...others.slice(at)]);
  const backup = existed ? backUp(file, now) : undefined;
  replaceFile(file, serialize(next), modeOf(file, existed));
  const replaced = ours.length ? String(ours[0]!.handler.command) : undefined;
  const verb = replaced
    ? `updated the seatbelt ${spec.event} hook in ${file} (it ran: ${replaced})`
    : `installed the seatbelt ${spec.event} hook in ${file}`;
  return {
    file,
    changed: true,
    ...(backup ? { backup } : {}),
    ...(replaced ? { replaced } : {}),
    message: `${verb}${backup ? ` (backup: ${backup})` : ''}`,
  };
}

/** Backups of `file`, newest first. */
function backups(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.bak-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

function sameAsBackup(spec: HostSettings, result: Json, file: string): Buffer | undefined {
  const want = meaning(spec, result);
  for (const b of backups(file)) {
    try {
      const bytes = fs.readFileSync(b);
      const text = bytes.toString('utf8');
      if (isDeepStrictEqual(meaning(spec, text.trim() === '' ? {} : JSON.parse(text)), want)) return bytes;
    } catch {
      /* not a JSON backup: not a candidate */
    }
  }
  return undefined;
}

export function uninstallHook(host: keyof typeof HOST_SETTINGS, file: string, now = new Date()): SettingsChange {
  const spec = HOST_SETTINGS[host];
  const { settings, existed } = readSettings(spec, file);
  const list = (isObject(settings.hooks) && Array.isArray(settings.hooks[spec.event]) ? settings.hooks[spec.event] : []) as unknown[];
  const { ours, others } = split(spec, list);
  if (!existed || ours.length === 0) return { file, changed: false, message: `seatbelt is not installed in ${file}` };
  const result = withList(spec, settings, others);
  const original = sameAsBackup(spec, result, file);
  if (!original && isDeepStrictEqual(meaning(spec, result), {})) {
    // Nothing but seatbelt's hook was in it: seatbelt created it, so it goes, with the backups of
    // its own updates (they hold nothing else either) and its folder when that is left empty.
    fs.rmSync(file, { force: true });
    for (const b of backups(file)) {
      try {
        if (isDeepStrictEqual(meaningWithoutOurs(spec, JSON.parse(fs.readFileSync(b, 'utf8'))), {})) fs.rmSync(b, { force: true });
      } catch {
        /* not ours to judge: kept */
      }
    }
    try {
      fs.rmdirSync(path.dirname(file));
    } catch {
      /* not empty: other files live there */
    }
    return { file, changed: true, message: `removed ${file}, which held only the seatbelt hook` };
  }
  const backup = backUp(file, now);
  if (original) {
    replaceFile(file, original, modeOf(file, true));
    return {
      file,
      changed: true,
      backup,
      message: `removed the seatbelt hook from ${file}: it is back as it was before (backup: ${backup})`,
    };
  }
  replaceFile(file, serialize(result), modeOf(file, true));
  return { file, changed: true, backup, message: `removed the seatbelt hook from ${file} (backup: ${backup})` };
}

/** The Claude Code installer under its old name (tests and callers that predate the other hosts). */
export const installClaudeCode = (file: string, command: string, now = new Date()) => installHook('claude-code', file, command, now);
export const uninstallClaudeCode = (file: string, now = new Date()) => uninstallHook('claude-code', file, now);
