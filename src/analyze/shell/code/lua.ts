// Lua's capabilities: the `os` and `io` tables (os.execute, io.popen, os.remove, io.open for
// writing), code loading (load, dofile, require of a computed name), and the global table `_G`,
// through which any of them can be reached by a computed name.
import { BLOCK, callArgs, each, literal, positional, writesMode, type CapabilityTable, type Judge } from './table.js';

const LUA_MEMBERS: Record<string, Judge> = {
  ...each('os', 'getenv time clock date difftime tmpname exit', 'read'),
  'os.execute': 'shell',
  ...each('os', 'remove rename', 'file'),
  ...each('io', 'read lines write stdout stderr stdin type close flush input', 'read'),
  'io.popen': 'shell',
  'io.open': (use) => (writesMode(positional(callArgs(use) ?? [])[1]) ? 'file' : 'read'),
  'io.output': (use) => (positional(callArgs(use) ?? []).length ? { problem: 'io.output sends later writes to a file' } : 'read'),
  ...each('', 'load loadstring loadfile dofile getfenv setfenv module', BLOCK),
  require: (use) => (literal(positional(callArgs(use) ?? [])[0]) !== null || use.tokens[use.last + 1]?.kind === 'string' ? 'read' : BLOCK),
  ...each('package', 'path cpath config', 'read'),
};

export const LUA: CapabilityTable = {
  globals: { ...Object.fromEntries(['os', 'io', 'package', 'debug', 'load', 'loadstring', 'loadfile', 'dofile', 'getfenv', 'setfenv', 'module', 'require'].map((n) => [n, n])), _G: '_G', _ENV: '_G' },
  members: LUA_MEMBERS,
  strict: ['os', 'io', 'package', 'debug'],
  reentry: ['os', 'io', 'debug'],
  transparent: ['_G'],
  methods: {},
};
