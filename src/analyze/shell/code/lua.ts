// Lua's capabilities: the `os` and `io` tables (os.execute, io.popen, os.remove, io.open for
// writing), code loading (load, dofile, require of a computed name), and the global table `_G`,
// through which any of them can be reached by a computed name.
import {
  BLOCK,
  callArgs,
  each,
  literal,
  positional,
  writesMode,
  type CapabilityTable,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

/** Libraries that reach C functions, the file system or sockets: `require('ffi').C.system(…)`. */
const ACTING_LIBRARIES = /^(ffi|socket|socket\..*|posix|posix\..*|lfs|luv|uv|ltn12|ssl|copas|lpty|subprocess)$/;

/** `require 'json'` loads a library by name; one that acts, or a computed name, blocks. */
function judgeRequire(use: Use): Verdict {
  const next = use.tokens[use.last + 1];
  const name = literal(positional(callArgs(use) ?? [])[0]) ?? (next?.kind === 'string' && !next.dynamic ? next.value : null);
  if (name === null) return BLOCK;
  return ACTING_LIBRARIES.test(name)
    ? { problem: `require of ${name}, a library that runs C functions, changes files or opens sockets` }
    : 'read';
}

const LUA_MEMBERS: Record<string, Judge> = {
  ...each('os', 'getenv time clock date difftime tmpname exit', 'read'),
  'os.execute': 'shell',
  ...each('os', 'remove rename', 'file'),
  ...each('io', 'read lines write stdout stderr stdin type close flush input', 'read'),
  'io.popen': 'shell',
  'io.open': (use) => (writesMode(positional(callArgs(use) ?? [])[1]) ? 'file' : 'read'),
  'io.output': (use) => (positional(callArgs(use) ?? []).length ? { problem: 'io.output sends later writes to a file' } : 'read'),
  ...each('', 'load loadstring loadfile dofile getfenv setfenv module', BLOCK),
  require: judgeRequire,
  ...each('package', 'path cpath config', 'read'),
};

export const LUA: CapabilityTable = {
  globals: {
    ...Object.fromEntries(
      ['os', 'io', 'package', 'debug', 'load', 'loadstring', 'loadfile', 'dofile', 'getfenv', 'setfenv', 'module', 'require'].map((n) => [
        n,
        n,
      ]),
    ),
    _G: '_G',
    _ENV: '_G',
  },
  members: LUA_MEMBERS,
  strict: ['os', 'io', 'package', 'debug'],
  reentry: ['os', 'io', 'debug'],
  transparent: ['_G'],
  methods: {},
};
