// The tool registry: what a tool call means to the guard. A tool either carries a command (a shell
// string, an argv, SQL) found in its arguments by a JSON pointer (RFC 6901) and judged by the
// engine like any other, writes (or, for an editor, reads) a file whose path a pointer finds, or
// has a fixed risk tier; any tool may need an operator's approval per call. The engine has no
// action of its own for a file tool: a write is judged as the command that writes that file,
// `tee -- PATH`, and a read as `cat -- PATH`, so the same path rules apply (guarded places,
// credentials, persistence, system files). Defaults cover the common names; the operator's registry file (validated at the boundary,
// every bad field listed) adds to or replaces them. Names match without regard to case, so a
// `BASH` tool is not an unknown tool that slips past the shell analysis.
import { readFileSync } from 'node:fs';
import { SeatbeltError } from '../core/error.js';
import { DIALECTS, RISK_RANK, type Dialect, type Risk } from '../core/types.js';

export type ToolAction =
  | { kind: 'shell'; script: string }
  | { kind: 'argv'; argv: string[] }
  | { kind: 'sql'; sql: string; dialect: Dialect }
  | { kind: 'tier'; risk: Risk };

export interface ToolEntry {
  name: string;
  /**
   * editor: Anthropic's text editor protocol (`command` view | create | str_replace | insert |
   * undo_edit, and the file at `pointer`); write: a tool that writes the file at `pointer`.
   */
  action: 'shell' | 'argv' | 'sql' | 'tier' | 'editor' | 'write';
  /** JSON pointer (RFC 6901) into the tool call's arguments for the command/SQL; several tried in order for defaults. */
  pointer?: string | string[];
  dialect?: Dialect;
  risk?: Risk;
  approval?: 'required' | 'none';
}

export interface ToolRegistry {
  /** Keyed by the lower-cased tool name. */
  tools: Map<string, ToolEntry>;
}

export type ResolvedCall =
  { kind: 'action'; action: ToolAction; entry: ToolEntry } | { kind: 'unknown' } | { kind: 'malformed'; reason: string; entry: ToolEntry };

/** The SQL dialect of a SQL tool whose entry names none, when the caller gives no default either. */
export const DEFAULT_TOOL_DIALECT: Dialect = 'postgresql';

const SHELL_TOOLS = ['bash', 'shell', 'run_shell_command', 'execute_command', 'terminal', 'exec'];
const SQL_TOOLS = ['execute_sql', 'run_sql', 'sql', 'query'];
/** Anthropic's text editor tool under its names (text_editor_20250728/20250429: str_replace_based_edit_tool; 20250124: str_replace_editor). */
const EDITOR_TOOLS = ['str_replace_based_edit_tool', 'str_replace_editor', 'text_editor'];
/** Common file-writing tools (MCP filesystem server, agent frameworks): the file at `path` or `file_path`. */
const WRITE_TOOLS = ['write_file', 'edit_file', 'create_file'];

export function defaultRegistry(): ToolRegistry {
  const tools = new Map<string, ToolEntry>();
  for (const name of SHELL_TOOLS) tools.set(name, { name, action: 'shell', pointer: ['/command', '/cmd'] });
  for (const name of SQL_TOOLS) tools.set(name, { name, action: 'sql', pointer: ['/query', '/sql'] });
  for (const name of EDITOR_TOOLS) tools.set(name, { name, action: 'editor', pointer: '/path' });
  for (const name of WRITE_TOOLS) tools.set(name, { name, action: 'write', pointer: ['/path', '/file_path'] });
  return { tools };
}

/** The editor commands that change the file; `view` reads it. */
const EDITOR_WRITES = ['create', 'str_replace', 'insert', 'undo_edit'];

/**
 * A path as one shell word: single-quoted, but for a leading `~/`, which a file tool may expand to
 * the home folder (judged expanded, the stricter reading).
 */
function pathWord(p: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  if (p === '~') return '~';
  return p.startsWith('~/') ? `~/${q(p.slice(2))}` : q(p);
}

// --- JSON pointer (RFC 6901) ---

const POINTER = /^(\/([^~/]|~[01])*)*$/;

export function isJsonPointer(p: string): boolean {
  return POINTER.test(p);
}

/** The value at `pointer` in `doc`, or `undefined` when it is not there. Own members only. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      // RFC 6901 §4: an index is 0 or digits without a leading zero; "-" (past the end) names nothing to read.
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      cur = cur[Number(token)];
    } else if (typeof cur === 'object' && cur !== null) {
      if (!Object.prototype.hasOwnProperty.call(cur, token)) return undefined;
      cur = (cur as Record<string, unknown>)[token];
    } else return undefined;
  }
  return cur;
}

/**
 * A member on the pointer's path whose object also has a key equal to it but for case or Unicode
 * compatibility form (`Command` beside `command`, `ſql` beside `sql`): parsers that match member
 * names that way (Go's encoding/json, case-insensitive Jackson or System.Text.Json) may give the
 * tool the other value. Undefined when the path is plain.
 */
export function ambiguousMember(doc: unknown, pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const fold = (k: string) => k.normalize('NFKC').toLowerCase();
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null) return undefined;
    if (!Array.isArray(cur)) {
      const other = Object.keys(cur).find((k) => k !== token && fold(k) === fold(token));
      if (other !== undefined) return other;
    }
    cur = (cur as Record<string, unknown>)[token];
  }
  return undefined;
}

// --- the registry file ---

const ACTIONS = ['shell', 'argv', 'sql', 'tier', 'editor', 'write'] as const;
const ENTRY_KEYS = ['name', 'action', 'pointer', 'dialect', 'risk', 'approval'];
const NAME = /^[A-Za-z0-9_.:/-]{1,128}$/;

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A registry from its file's JSON: `{ "defaults": true, "tools": [ { "name", "action", "pointer",
 * "dialect", "risk", "approval" } ] }`. Entries replace the default of the same name; with
 * `"defaults": false` only the file's entries exist. Throws SeatbeltError('CONFIG') listing every bad field.
 */
export function validateRegistry(json: unknown, label = 'tool registry'): ToolRegistry {
  if (!isObject(json)) throw new SeatbeltError('CONFIG', `${label}: expected a JSON object, got ${show(json)}`);
  const bad: string[] = [];
  for (const k of Object.keys(json)) if (!['defaults', 'tools', '$schema', 'version'].includes(k)) bad.push(`unknown field "${k}"`);
  if ('version' in json && json.version !== 1) bad.push(`"version" expected 1, got ${show(json.version)}`);
  if ('defaults' in json && typeof json.defaults !== 'boolean') bad.push(`"defaults" expected true or false, got ${show(json.defaults)}`);
  if (!Array.isArray(json.tools))
    bad.push(`"tools" expected an array of tool entries, got ${'tools' in json ? show(json.tools) : 'nothing'}`);
  const reg = json.defaults === false ? { tools: new Map<string, ToolEntry>() } : defaultRegistry();
  const seen = new Map<string, number>();
  (Array.isArray(json.tools) ? json.tools : []).forEach((e: unknown, i) => {
    const at = `tools[${i}]`;
    const name = isObject(e) && typeof e.name === 'string' ? e.name : undefined;
    const first = name === undefined ? undefined : seen.get(name.toLowerCase());
    if (first !== undefined) bad.push(`${at}.name ${show(name)} repeats tools[${first}] (names match without regard to case)`);
    else if (name !== undefined) seen.set(name.toLowerCase(), i);
    const entry = validateEntry(e, at, bad);
    if (entry && first === undefined) reg.tools.set(entry.name.toLowerCase(), entry);
  });
  if (bad.length) throw new SeatbeltError('CONFIG', `${label}: ${bad.join('; ')}`);
  return reg;
}

function validateEntry(e: unknown, at: string, bad: string[]): ToolEntry | null {
  if (!isObject(e)) return (void bad.push(`${at} expected an object, got ${show(e)}`), null);
  const before = bad.length;
  for (const k of Object.keys(e)) if (!ENTRY_KEYS.includes(k)) bad.push(`unknown field "${at}.${k}"`);
  const { name, action, pointer, dialect, risk, approval } = e;
  if (typeof name !== 'string' || !NAME.test(name))
    bad.push(`${at}.name expected 1-128 characters of letters, digits and _ . : / -, got ${show(name)}`);
  if (!(ACTIONS as readonly unknown[]).includes(action))
    bad.push(`${at}.action expected one of ${ACTIONS.join(', ')}, got ${show(action)}`);
  const command = action === 'shell' || action === 'argv' || action === 'sql' || action === 'editor' || action === 'write';
  if (command) {
    const list = typeof pointer === 'string' ? [pointer] : pointer;
    if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string'))
      bad.push(
        `${at}.pointer expected a JSON pointer such as "/command" (or a non-empty array of them), got ${pointer === undefined ? 'nothing' : show(pointer)}`,
      );
    else
      for (const p of list as string[])
        if (!isJsonPointer(p)) bad.push(`${at}.pointer ${show(p)} is not a JSON pointer (RFC 6901: "" or "/a/b", ~0 and ~1 escapes)`);
  } else if (action === 'tier' && pointer !== undefined) bad.push(`${at}.pointer applies to shell, argv, sql, editor and write tools only`);
  if (dialect !== undefined && (action !== 'sql' || !(DIALECTS as readonly unknown[]).includes(dialect)))
    bad.push(
      action === 'sql'
        ? `${at}.dialect expected one of ${DIALECTS.join(', ')}, got ${show(dialect)}`
        : `${at}.dialect applies to sql tools only`,
    );
  if (action === 'tier' && !(typeof risk === 'string' && risk in RISK_RANK))
    bad.push(`${at}.risk expected CRITICAL, HIGH, MEDIUM or LOW, got ${risk === undefined ? 'nothing' : show(risk)}`);
  if (action !== 'tier' && risk !== undefined && ACTIONS.includes(action as never))
    bad.push(`${at}.risk applies to tier tools only (a command is judged by what it does)`);
  if (approval !== undefined && approval !== 'required' && approval !== 'none')
    bad.push(`${at}.approval expected "required" or "none", got ${show(approval)}`);
  if (bad.length > before) return null;
  return {
    name: name as string,
    action: action as ToolEntry['action'],
    ...(pointer !== undefined ? { pointer: pointer as string | string[] } : {}),
    ...(dialect !== undefined ? { dialect: dialect as Dialect } : {}),
    ...(risk !== undefined ? { risk: risk as Risk } : {}),
    ...(approval !== undefined ? { approval: approval as 'required' | 'none' } : {}),
  };
}

export function readRegistry(path: string): ToolRegistry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeatbeltError('CONFIG', `cannot read the tool registry ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeatbeltError('CONFIG', `tool registry ${path}: not JSON (${(err as Error).message})`, { cause: err });
  }
  return validateRegistry(json, path);
}

// --- resolving one call ---

/**
 * The entry for a tool name, matched without regard to case, Unicode compatibility form, spaces
 * and invisible characters: `bash `, `ｂａｓｈ` or `ba\u200bsh` from a model is not an unknown tool
 * that a client trimming or normalising names would still run as `bash`.
 */
export function lookupTool(reg: ToolRegistry, name: string): ToolEntry | undefined {
  return (
    reg.tools.get(name.toLowerCase()) ??
    reg.tools.get(
      name
        .normalize('NFKC')
        .replace(/[\s\p{Cf}]/gu, '')
        .toLowerCase(),
    )
  );
}

/**
 * What a tool call means: its command (found by the entry's pointer), its risk tier, not in the
 * registry, or malformed (arguments not a JSON object; the command missing, of the wrong type, or
 * found under two of the entry's pointers with different values, which the tool might read either way).
 */
export function resolveToolCall(reg: ToolRegistry, name: string, args: unknown, defaults: { dialect?: Dialect } = {}): ResolvedCall {
  const entry = lookupTool(reg, name);
  if (!entry) return { kind: 'unknown' };
  const malformed = (reason: string): ResolvedCall => ({ kind: 'malformed', reason, entry });
  // MCP lets a call omit its arguments; every API sends an object otherwise.
  const doc = args === undefined ? {} : args;
  if (!isObject(doc)) {
    return malformed(typeof doc === 'string' ? 'the arguments are not JSON' : `the arguments are ${show(doc)}, not a JSON object`);
  }
  if (entry.action === 'tier') return { kind: 'action', action: { kind: 'tier', risk: entry.risk! }, entry };
  const pointers = typeof entry.pointer === 'string' ? [entry.pointer] : (entry.pointer ?? []);
  for (const p of entry.action === 'editor' ? [...pointers, '/command'] : pointers) {
    const other = ambiguousMember(doc, p);
    if (other !== undefined) return malformed(`${JSON.stringify(other)} beside ${JSON.stringify(p)}; the tool may read either`);
  }
  const found = pointers.map((p) => ({ p, v: resolvePointer(doc, p) })).filter((x) => x.v !== undefined);
  if (found.length === 0) return malformed(`no ${pointers.map((p) => JSON.stringify(p)).join(' or ')} in the arguments`);
  const distinct = new Set(found.map((x) => JSON.stringify(x.v)));
  if (distinct.size > 1) return malformed(`${found.map((x) => JSON.stringify(x.p)).join(' and ')} differ; the tool may run either`);
  const { p, v } = found[0]!;
  switch (entry.action) {
    case 'shell':
      if (typeof v !== 'string' || v.trim() === '') return malformed(`${JSON.stringify(p)} expected a non-empty string, got ${show(v)}`);
      return { kind: 'action', action: { kind: 'shell', script: v }, entry };
    case 'sql':
      if (typeof v !== 'string' || v.trim() === '') return malformed(`${JSON.stringify(p)} expected a non-empty string, got ${show(v)}`);
      return { kind: 'action', action: { kind: 'sql', sql: v, dialect: entry.dialect ?? defaults.dialect ?? DEFAULT_TOOL_DIALECT }, entry };
    case 'argv':
      if (!Array.isArray(v) || v.length === 0 || !v.every((w) => typeof w === 'string'))
        return malformed(`${JSON.stringify(p)} expected a non-empty array of strings, got ${show(v)}`);
      return { kind: 'action', action: { kind: 'argv', argv: v as string[] }, entry };
    case 'editor':
    case 'write': {
      // A path no file system takes (NUL) or that a line-based reader could split (a newline) is refused, not guessed at.
      if (typeof v !== 'string' || v === '' || /[\0\n\r]/.test(v))
        return malformed(`${JSON.stringify(p)} expected a file path (a non-empty string on one line), got ${show(v)}`);
      let writes = true;
      if (entry.action === 'editor') {
        const command = doc.command;
        if (command === 'view') writes = false;
        else if (typeof command !== 'string' || !EDITOR_WRITES.includes(command))
          return malformed(`"/command" expected view, ${EDITOR_WRITES.join(', ')}, got ${show(command)}`);
      }
      return { kind: 'action', action: { kind: 'shell', script: `${writes ? 'tee' : 'cat'} -- ${pathWord(v)}` }, entry };
    }
  }
}
