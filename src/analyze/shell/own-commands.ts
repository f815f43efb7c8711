// The commands a program reads in its own language (the catalogue's `commands` role): `redis-cli`
// and `nsupdate` read one a line from their standard input or a file, and a Lua script Redis runs
// calls Redis commands with `redis.call`. Each is returned as the words the program would be run
// with, for the analysis to judge like the same command given on the command line; anything that
// cannot be read for certain (a command named by a value only known when the script runs, code
// that makes code) is a reason to refuse.
import type { CommandsFormat, Word } from '../../core/ir.js';

export type OwnCommands = { commands: Word[][] } | { undecidable: string };

/** Most commands one text holds before the analysis stops reading (and refuses). */
export const MAX_OWN_COMMANDS = 2000;

export function ownCommands(format: CommandsFormat, text: string): OwnCommands {
  return format === 'lines' ? lineCommands(text) : redisLuaCommands(text);
}

const lit = (value: string): Word => ({ value, static: true, raw: value });

/**
 * One command a line, its words split on blanks; `"…"` (with backslash escapes) and `'…'` quote
 * (redis-cli's sdssplitargs, nsupdate's tokens). Blank lines and `;` or `#` comment lines carry none.
 */
function lineCommands(text: string): OwnCommands {
  const commands: Word[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([;#]|$)/.test(line)) continue;
    const words = splitLine(line);
    if (words === null) return { undecidable: `the line ${JSON.stringify(line.slice(0, 80))} has an unterminated quote` };
    if (words.length) commands.push(words.map(lit));
    if (commands.length > MAX_OWN_COMMANDS) return { undecidable: `more than ${MAX_OWN_COMMANDS} commands in one input` };
  }
  return { commands };
}

function splitLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    let word = '';
    while (i < line.length && !/\s/.test(line[i]!)) {
      const c = line[i]!;
      if (c === '"' || c === "'") {
        const end = closing(line, i);
        if (end < 0) return null;
        const inner = line.slice(i + 1, end);
        word += c === '"' ? inner.replace(/\\(.)/g, '$1') : inner;
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    out.push(word);
  }
  return out;
}

/** The index of the quote closing the one at `start` (a backslash escapes inside double quotes), or -1. */
function closing(s: string, start: number): number {
  const q = s[start]!;
  for (let i = start + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

/** `redis.*` members that run no command. */
const REDIS_HARMLESS =
  /^(log|register_function|status_reply|error_reply|sha1hex|setresp|set_repl|replicate_commands|breakpoint|debug|acl_check_cmd|REDIS_VERSION|REDIS_VERSION_NUM|LOG_\w+|REPL_\w+)$/;

/** Names that make code or reach the environment in a roundabout way: what they run cannot be seen. */
const LUA_INDIRECT = /\b(loadstring|load|dofile|loadfile|require|getfenv|setfenv|rawget|rawset|_G|_ENV|debug|setmetatable|getmetatable)\b/;

/**
 * The Redis commands a Lua script for Redis (`EVAL`, `--eval`, `FUNCTION LOAD`) runs: every
 * `redis.call(…)` / `redis.pcall(…)` whose command name is a string literal, with the literal
 * arguments as they are and any other argument as a word only known when it runs. The script can
 * reach the server only through `redis` (the scripting sandbox has no `os` or `io`), so anything
 * else that names `redis` (an alias, `redis[…]`) or makes code is refused.
 */
function redisLuaCommands(source: string): OwnCommands {
  const strings: string[] = [];
  const code = stripLua(source, strings);
  if (code === null)
    return { undecidable: 'the Lua script has a string or comment that cannot be read (unterminated, or a decimal escape)' };
  const indirect = LUA_INDIRECT.exec(code);
  if (indirect) return { undecidable: `the Lua script uses ${indirect[1]}, which may run commands that cannot be seen` };
  const commands: Word[][] = [];
  const re = /\bredis\b(\s*\.\s*([A-Za-z_]\w*))?/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const member = m[2];
    if (member !== undefined && REDIS_HARMLESS.test(member)) continue;
    if (member !== 'call' && member !== 'pcall')
      return { undecidable: 'the Lua script uses redis in a way that hides the commands it runs' };
    const args = callArguments(code, re.lastIndex);
    if (args === null) return { undecidable: 'the Lua script calls redis.call with arguments that cannot be read' };
    const words = args.map((a): Word => {
      const s = /^\s*\x00(\d+)\x00\s*$/.exec(a);
      return s ? lit(strings[Number(s[1])]!) : { value: a.trim(), static: false, raw: a.trim() };
    });
    if (!words[0]?.static) return { undecidable: 'the Lua script runs a Redis command named by a value only known when it runs' };
    commands.push(words);
    if (commands.length > MAX_OWN_COMMANDS) return { undecidable: `more than ${MAX_OWN_COMMANDS} commands in one script` };
  }
  return { commands };
}

/** The top-level arguments of the call whose `(` follows `from` (strings already replaced), or null. */
function callArguments(code: string, from: number): string[] | null {
  const open = /^\s*\(/.exec(code.slice(from));
  if (!open) return null;
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = from + open[0].length; i < code.length; i++) {
    const c = code[i]!;
    if (depth === 0 && (c === ',' || c === ')')) {
      if (current.trim() || c === ',') args.push(current);
      if (c === ')') return args;
      current = '';
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    current += c;
  }
  return null;
}

/** Lua with its comments removed and each string literal replaced by `\0N\0` (its text kept in `strings`). */
function stripLua(src: string, strings: string[]): string | null {
  let out = '';
  let i = 0;
  const long = (at: number) => /^\[(=*)\[/.exec(src.slice(at));
  while (i < src.length) {
    const c = src[i]!;
    if (c === '-' && src[i + 1] === '-') {
      const l = long(i + 2);
      if (l) {
        const end = src.indexOf(`]${l[1]}]`, i + 2 + l[0].length);
        if (end < 0) return null;
        i = end + l[0].length;
      } else {
        const nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length : nl;
      }
      out += ' ';
      continue;
    }
    const l = c === '[' ? long(i) : null;
    if (l) {
      const end = src.indexOf(`]${l[1]}]`, i + l[0].length);
      if (end < 0) return null;
      strings.push(src.slice(i + l[0].length, end).replace(/^\n/, ''));
      out += `\x00${strings.length - 1}\x00`;
      i = end + l[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j++) {
        if (src[j] === '\n') return null;
        if (src[j] === '\\') {
          const e = src[++j];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : /\d/.test(e ?? '') ? '\x00' : (e ?? '');
        } else text += src[j];
      }
      if (j >= src.length) return null;
      // A decimal escape (`\70`) spells a character the reader does not decode: the text is not known.
      if (text.includes('\x00')) return null;
      strings.push(text);
      out += `\x00${strings.length - 1}\x00`;
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
