// R's capabilities: running programs (system, system2, pipe), changing files (file.remove, unlink,
// writeLines to a file, saveRDS, sink), evaluating code (eval, parse, do.call, get, match.fun,
// source), and native calls. R calls functions named by strings (`do.call("system", …)`,
// `sapply(x, "system")`), so a string naming one of them blocks too.
import {
  BLOCK,
  callArgs,
  each,
  keyword,
  positional,
  writesMode,
  type CapabilityTable,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

const BLOCKED = `system2 shell shell.exec pipe socketConnection make.socket download.file write write.csv write.csv2 write.table saveRDS save save.image sink dump
  eval evalq eval.parent parse str2lang str2expression body do.call match.fun get get0 mget getFunction sys.function source sys.source install.packages
  remove.packages .Call .C .External .External2 .Internal .Primitive dyn.load library.dynam environment Recall pskill file.copy file.create file.append dir.create
  Sys.chmod Sys.setFileTime file.symlink file.link reg.finalizer`;

/** `writeLines(x)` prints; a connection or file argument writes. */
const toFile =
  (at: number, name: string) =>
  (use: Use): Verdict =>
    keyword(callArgs(use) ?? [], name) || positional(callArgs(use) ?? []).length > at
      ? { problem: `${use.name} may write a file` }
      : 'read';

const R_MEMBERS: Record<string, Judge> = {
  system: 'shell',
  ...each('', 'file.remove unlink file.rename', 'file'),
  ...each('', BLOCKED, BLOCK),
  writeLines: toFile(1, 'con'),
  cat: (use) => (keyword(callArgs(use) ?? [], 'file') ? { problem: `${use.name} may write a file` } : 'read'),
  dput: toFile(1, 'file'),
  ...each('', 'file url gzfile bzfile xzfile', (use) =>
    writesMode(keyword(callArgs(use) ?? [], 'open') ?? positional(callArgs(use) ?? [])[1]) &&
    (keyword(callArgs(use) ?? [], 'open') || positional(callArgs(use) ?? [])[1])
      ? { problem: `${use.name} opened for writing` }
      : 'read',
  ),
  ...each('', 'q quit', (use) =>
    /yes/.test(JSON.stringify(callArgs(use) ?? [])) ? { problem: `${use.name} saves the workspace` } : 'read',
  ),
  ...each('tools', 'file_ext file_path_sans_ext toTitleCase', 'read'),
  ...each('httr', 'GET HEAD content status_code', 'read'),
};

const R_CALLABLES = new Set(['system', 'file.remove', 'unlink', 'file.rename', ...BLOCKED.split(/\s+/)]);

export const R: CapabilityTable = {
  globals: {
    ...Object.fromEntries(
      Object.keys(R_MEMBERS)
        .filter((k) => !k.includes('.') || !/^(tools|httr)\./.test(k))
        .map((n) => [n, n]),
    ),
    base: 'base',
    utils: 'base',
    stats: 'base',
    methods: 'base',
    tools: 'tools',
    processx: 'processx',
    callr: 'callr',
    sys: 'sys',
    httr: 'httr',
    curl: 'curl',
    RCurl: 'RCurl',
  },
  members: R_MEMBERS,
  strict: ['tools', 'processx', 'callr', 'sys', 'httr', 'curl', 'RCurl'],
  transparent: ['base'],
  methods: {},
  callableStrings: R_CALLABLES,
};
