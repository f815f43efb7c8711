// `seatbelt hook install|uninstall claude-code`: MERGE our PreToolUse entry into a Claude Code
// settings file. Other hooks and settings are never touched; the file is backed up before any
// change (settings.json.bak-<timestamp>) and replaced atomically; installing twice changes nothing;
// uninstall removes only our entry. A settings file that is not valid JSON is refused, untouched.
import fs from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';

export interface SettingsChange {
  file: string;
  changed: boolean;
  backup?: string;
  message: string;
}

/** Our hook command, recognised by its program name and subcommand (whatever path it is run by). */
export const OUR_COMMAND = /(^|[\s/'"])seatbelt['"]?\s+hook\s+claude-code(\s|$)/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readSettings(file: string): { settings: Json; existed: boolean } {
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
  if (!isObject(settings)) throw new SeatbeltError('CONFIG', `${file} must hold a JSON object; it was left untouched`);
  if (settings.hooks !== undefined && !isObject(settings.hooks))
    throw new SeatbeltError('CONFIG', `${file}: "hooks" must be an object; it was left untouched`);
  const pre = isObject(settings.hooks) ? settings.hooks.PreToolUse : undefined;
  if (pre !== undefined && !Array.isArray(pre))
    throw new SeatbeltError('CONFIG', `${file}: "hooks.PreToolUse" must be an array; it was left untouched`);
  return { settings, existed: true };
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Backs the file up, then replaces it atomically (write beside, fsync, rename). */
function writeSettings(file: string, settings: Json, existed: boolean, now: Date): string | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let backup: string | undefined;
  if (existed) {
    backup = `${file}.bak-${timestamp(now)}`;
    for (let n = 1; fs.existsSync(backup); n++) backup = `${file}.bak-${timestamp(now)}-${n}`;
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  }
  const tmp = `${file}.seatbelt-${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', existed ? fs.statSync(file).mode & 0o777 : 0o644);
  try {
    fs.writeSync(fd, JSON.stringify(settings, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return backup;
}

function hasOurs(group: unknown): boolean {
  return (
    isObject(group) &&
    Array.isArray(group.hooks) &&
    group.hooks.some((h) => isObject(h) && typeof h.command === 'string' && OUR_COMMAND.test(h.command))
  );
}

export function installClaudeCode(file: string, command: string, now = new Date()): SettingsChange {
  if (!OUR_COMMAND.test(command))
    throw new SeatbeltError('USAGE', `the hook command must run "seatbelt hook claude-code", got ${JSON.stringify(command)}`);
  const { settings, existed } = readSettings(file);
  const hooks = (isObject(settings.hooks) ? settings.hooks : {}) as Json;
  const pre = (Array.isArray(hooks.PreToolUse) ? hooks.PreToolUse : []) as unknown[];
  if (pre.some(hasOurs)) return { file, changed: false, message: `seatbelt is already installed in ${file}` };
  const entry = { matcher: 'Bash', hooks: [{ type: 'command', command, timeout: 60 }] };
  const next: Json = { ...settings, hooks: { ...hooks, PreToolUse: [...pre, entry] } };
  const backup = writeSettings(file, next, existed, now);
  return {
    file,
    changed: true,
    ...(backup ? { backup } : {}),
    message: `installed the seatbelt PreToolUse hook in ${file}${backup ? ` (backup: ${backup})` : ''}`,
  };
}

export function uninstallClaudeCode(file: string, now = new Date()): SettingsChange {
  const { settings, existed } = readSettings(file);
  const hooks = isObject(settings.hooks) ? settings.hooks : undefined;
  const pre = hooks && Array.isArray(hooks.PreToolUse) ? (hooks.PreToolUse as unknown[]) : [];
  if (!existed || !pre.some(hasOurs)) return { file, changed: false, message: `seatbelt is not installed in ${file}` };
  const kept: unknown[] = [];
  for (const group of pre) {
    if (!hasOurs(group)) {
      kept.push(group);
      continue;
    }
    const g = group as Json;
    const others = (g.hooks as unknown[]).filter((h) => !(isObject(h) && typeof h.command === 'string' && OUR_COMMAND.test(h.command)));
    if (others.length) kept.push({ ...g, hooks: others });
  }
  const nextHooks: Json = { ...hooks };
  if (kept.length) nextHooks.PreToolUse = kept;
  else delete nextHooks.PreToolUse;
  const next: Json = { ...settings, hooks: nextHooks };
  if (Object.keys(nextHooks).length === 0) delete next.hooks;
  const backup = writeSettings(file, next, true, now);
  return { file, changed: true, ...(backup ? { backup } : {}), message: `removed the seatbelt hook from ${file} (backup: ${backup})` };
}
