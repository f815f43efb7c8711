// JavaScript's capabilities (node -e/-p, deno eval, bun -e, and osascript's JXA). Under `node -e`
// the built-in modules are globals (`fs`, `child_process`), so they are bound from the start;
// `require`/`import()` with a literal name load a module, with anything else they block. The global
// object (`globalThis`, `global`, `this`) is transparent: `globalThis.process.kill` is `process.kill`.
import type { Token } from './tokens.js';
import {
  BLOCK,
  callArgs,
  each,
  literal,
  own,
  positional,
  type CapabilityTable,
  type CheckContext,
  type Declarations,
  type Judge,
  type Use,
  type Verdict,
} from './table.js';

/** `node:fs` and `fs-extra` are `fs`, `fs/promises` is `fs.promises`. */
function moduleName(spec: string): string {
  const bare = spec.replace(/^node:/, '');
  if (['fs-extra', 'graceful-fs', 'original-fs'].includes(bare)) return 'fs';
  return bare.replace(/\//g, '.');
}

const FS_READS = `readFileSync readFile readdirSync readdir statSync stat lstatSync lstat fstatSync fstat existsSync exists accessSync access realpathSync realpath readlinkSync
  readlink createReadStream watch watchFile unwatchFile opendirSync opendir constants Dirent Stats closeSync close readSync read readvSync readv globSync glob statfsSync statfs
  mkdtempSync mkdtemp readJsonSync readJson readJSONSync readJSON pathExistsSync pathExists F_OK R_OK W_OK X_OK`;
const FS_FILES = `rmSync rm rmdirSync rmdir unlinkSync unlink writeFileSync writeFile appendFileSync appendFile truncateSync truncate renameSync rename chmodSync chmod lchmodSync
  lchmod chownSync chown lchownSync lchown symlinkSync symlink linkSync link copyFileSync copyFile cpSync cp mkdirSync mkdir utimesSync utimes createWriteStream removeSync
  remove emptyDirSync emptyDir outputFileSync outputFile moveSync move copySync copy ensureFileSync ensureDirSync ensureDir mkdirpSync mkdirp mkdirsSync mkdirs
  writeJsonSync writeJson outputJsonSync outputJson writeJSONSync writeJSON`;
const PROCESS_READS = `version versions argv argv0 execArgv execPath env cwd platform arch pid ppid exit exitCode stdout stderr stdin hrtime uptime memoryUsage cpuUsage
  resourceUsage nextTick on once off emitWarning title release config features umask getuid geteuid getgid getegid getgroups chdir allowedNodeEnvironmentFlags
  noDeprecation throwDeprecation traceDeprecation sourceMapsEnabled availableMemory constrainedMemory`;
const NODE_MODULES = [
  'fs',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'tls',
  'vm',
  'worker_threads',
  'cluster',
  'inspector',
  'v8',
  'wasi',
  'repl',
  'trace_events',
];
const THIRD_PARTY = [
  'shelljs',
  'execa',
  'zx',
  'cross-spawn',
  'node-pty',
  'ssh2',
  'del',
  'trash',
  'axios',
  'got',
  'undici',
  'superagent',
  'node-fetch',
  'puppeteer',
  'playwright',
  'simple-git',
];

/** `fs.openSync(path, 'w')`: the flags decide (none or `r` reads). */
function judgeFlags(use: Use): Verdict {
  const args = callArgs(use);
  if (!args) return BLOCK;
  const flags = positional(args)[1];
  if (flags === undefined) return 'read';
  const v = literal(flags);
  return v !== null && /^r[sb]*$/.test(v) ? 'read' : 'file';
}

/** `fetch(url)` reads; options with a body or a method other than GET/HEAD send data. */
function judgeFetch(use: Use): Verdict {
  const args = callArgs(use);
  if (!args) return BLOCK;
  const opts = positional(args)[1];
  if (opts === undefined) return 'read';
  if (opts.kind !== 'other' || !/^\{[\s\S]*\}$/.test(opts.text)) return { problem: `${use.name} with options the analyser cannot read` };
  if (/\bbody\s*:/.test(opts.text) || /\bmethod\s*:\s*(?!['"`](?:GET|HEAD|OPTIONS)['"`])/i.test(opts.text) || /\.\.\./.test(opts.text))
    return { problem: `${use.name} may send data` };
  return 'read';
}

/** `http.request(url, {method: 'GET'})`: only a literal read method is harmless. */
function judgeHttpRequest(use: Use): Verdict {
  const args = callArgs(use);
  const opts = (args ?? []).find((a) => a.kind === 'other' && /^\{/.test(a.text));
  if (opts && opts.kind === 'other' && /\bmethod\s*:\s*['"`](?:GET|HEAD|OPTIONS)['"`]/i.test(opts.text) && !/\.\.\./.test(opts.text))
    return 'read';
  return { problem: `${use.name} may send data` };
}

/** `setTimeout('code', …)` evaluates a string. */
const judgeTimer = (use: Use): Verdict =>
  callArgs(use)?.[0]?.kind === 'string' ? { problem: `${use.name} with a string evaluates it` } : 'read';

/** `x.exec(…)` is RegExp#exec unless child_process is in reach. */
const ifChildProcess =
  (verdict: Verdict) =>
  (use: Use): Verdict =>
    use.bound.has('child_process') ? verdict : 'read';

const NODE_METHODS: Record<string, Judge> = {
  ...each('', FS_FILES, 'file'),
  kill: 'file',
  ...each('', 'execSync execFileSync spawnSync', 'shell'),
  ...each('', 'exec spawn execFile', ifChildProcess('shell')),
  fork: ifChildProcess(BLOCK),
  ...each(
    '',
    'constructor mainModule binding _linkedBinding dlopen _load _resolveFilename _compile _extensions runInThisContext runInNewContext runInContext compileFunction',
    BLOCK,
  ),
  ...each('', 'post put patch', (use) => (THIRD_PARTY.some((m) => use.bound.has(m)) ? BLOCK : 'read')),
};

const NODE_MEMBERS: Record<string, Judge> = {
  ...each('process', PROCESS_READS, 'read'),
  'process.kill': 'file',
  ...each('require', 'resolve', 'read'),
  ...each('module', 'exports id filename loaded paths path children parent', 'read'),
  'import.meta': 'read',
  ...each('', 'eval Function Reflect WebSocket Worker SharedWorker XMLHttpRequest', BLOCK),
  fetch: judgeFetch,
  'node-fetch': judgeFetch,
  ...each('', 'setTimeout setInterval setImmediate', judgeTimer),
  ...Object.fromEntries(
    ['fs', 'fs.promises'].flatMap((m) =>
      Object.entries({
        ...each(m, FS_READS, 'read'),
        ...each(m, FS_FILES, 'file'),
        [`${m}.openSync`]: judgeFlags,
        [`${m}.open`]: judgeFlags,
      }),
    ),
  ),
  ...each('child_process', 'exec execSync spawn spawnSync execFile execFileSync', 'shell'),
  ...Object.fromEntries(
    ['http', 'https'].flatMap((m) =>
      Object.entries({
        ...each(m, 'get createServer STATUS_CODES METHODS Agent globalAgent Server IncomingMessage ServerResponse', 'read'),
        [`${m}.request`]: judgeHttpRequest,
      }),
    ),
  ),
  ...each('net', 'isIP isIPv4 isIPv6 createServer Server', 'read'),
  ...each('v8', 'getHeapStatistics getHeapSpaceStatistics cachedDataVersionTag', 'read'),
  ...each('axios', 'get head options', 'read'),
  ...each(
    'Deno',
    `version args env cwd build pid ppid noColor execPath hostname osRelease osUptime loadavg systemMemoryInfo memoryUsage errors inspect exit stdin stdout stderr
    readTextFile readTextFileSync readFile readFileSync readDir readDirSync stat statSync lstat lstatSync realPath realPathSync readLink readLinkSync permissions isatty consoleSize`,
    'read',
  ),
  ...each(
    'Deno',
    'remove removeSync writeTextFile writeTextFileSync writeFile writeFileSync rename renameSync mkdir mkdirSync chmod chmodSync copyFile copyFileSync symlink symlinkSync truncate truncateSync kill',
    'file',
  ),
  ...each(
    'Bun',
    'version revision env argv main sleep sleepSync nanoseconds inspect stdin stdout stderr which hash deepEquals escapeHTML',
    'read',
  ),
  'Bun.write': 'file',
  rimraf: 'file',
};

/** `const x = require('m')`, `const {a, b: c} = require('m')`, `import x, {a as b} from 'm'`. */
function declarations(tokens: Token[], _code: string, globals: Record<string, string>): Declarations {
  const out: Declarations = { bindings: new Map(), skip: new Set(), problems: [] };
  const known = (n: string): string | undefined => out.bindings.get(n) ?? own(globals, n);
  /** The module an initialiser names (`require('fs')`, `await import('fs')`, `fs.promises`), and where it ends. */
  const init = (j: number): { canonical: string; next: number } | null => {
    if (tokens[j]?.value === 'await') j++;
    let canonical: string | undefined;
    const t = tokens[j];
    if (
      t?.kind === 'name' &&
      (t.value === 'require' || t.value === 'import') &&
      tokens[j + 1]?.text === '(' &&
      tokens[j + 2]?.kind === 'string' &&
      !tokens[j + 2]!.dynamic &&
      tokens[j + 3]?.text === ')'
    ) {
      canonical = moduleName(tokens[j + 2]!.value);
      j += 4;
    } else if (t?.kind === 'name' && known(t.value) !== undefined && known(t.value) !== 'global') {
      canonical = known(t.value)!;
      j++;
    } else return null;
    while (tokens[j]?.text === '.' && tokens[j + 1]?.kind === 'name' && own(NODE_MEMBERS, canonical) === undefined) {
      canonical = `${canonical}.${tokens[j + 1]!.value}`;
      j += 2;
    }
    // Only a whole initialiser: `require('fs').rmSync` (a function with a judge) or `require('x')(…)` is left to the scan.
    const end = tokens[j];
    if (end && !/^[;,)]$/.test(end.text) && !end.newline) return null;
    if (own(NODE_MEMBERS, canonical) !== undefined && canonical.includes('.')) return null;
    return { canonical, next: j };
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name' || tokens[i - 1]?.text === '.') continue;
    if (t.value === 'const' || t.value === 'let' || t.value === 'var') {
      let j = i + 1;
      for (;;) {
        const start = j;
        const pattern: { key: string; local: string }[] = [];
        let single: string | undefined;
        let rest = false;
        if (tokens[j]?.kind === 'name') single = tokens[j++]!.value;
        else if (tokens[j]?.text === '{') {
          j++;
          while (j < tokens.length && tokens[j]!.text !== '}') {
            if (tokens[j]!.text === '...') rest = true;
            else if (tokens[j]!.kind === 'name') {
              const key = tokens[j]!.value;
              let local = key;
              if (tokens[j + 1]?.text === ':' && tokens[j + 2]?.kind === 'name') {
                local = tokens[j + 2]!.value;
                j += 2;
              }
              pattern.push({ key, local });
            } else if (tokens[j]!.text === '[') rest = true; // a computed key
            j++;
          }
          j++;
        } else break;
        if (tokens[j]?.text !== '=') break;
        const value = init(j + 1);
        if (!value) break;
        if (single !== undefined) out.bindings.set(single, value.canonical);
        for (const p of pattern) out.bindings.set(p.local, `${value.canonical}.${p.key}`);
        if (rest) out.problems.push(`a computed or rest pattern over ${value.canonical}: any member may be taken`);
        for (let k = start; k < value.next; k++) out.skip.add(k);
        out.skip.add(i);
        j = value.next;
        if (tokens[j]?.text !== ',') break;
        j++;
      }
    } else if (t.value === 'import' && tokens[i + 1]?.text !== '(' && tokens[i + 1]?.text !== '.') {
      let j = i + 1;
      const names: { key: string | null; local: string }[] = [];
      while (j < tokens.length && tokens[j]!.value !== 'from' && tokens[j]!.kind !== 'string') {
        const w = tokens[j]!;
        if (w.text === '*' && tokens[j + 1]?.value === 'as' && tokens[j + 2]?.kind === 'name') {
          names.push({ key: null, local: tokens[j + 2]!.value });
          j += 3;
          continue;
        }
        if (w.text === '{') {
          j++;
          while (j < tokens.length && tokens[j]!.text !== '}') {
            if (tokens[j]!.kind === 'name') {
              const key = tokens[j]!.value;
              let local = key;
              if (tokens[j + 1]?.value === 'as' && tokens[j + 2]?.kind === 'name') {
                local = tokens[j + 2]!.value;
                j += 2;
              }
              names.push({ key, local });
            }
            j++;
          }
        } else if (w.kind === 'name') names.push({ key: null, local: w.value });
        j++;
      }
      if (tokens[j]?.value === 'from') j++;
      const spec = tokens[j];
      if (spec?.kind !== 'string' || spec.dynamic) continue;
      const canonical = moduleName(spec.value);
      for (const n of names) out.bindings.set(n.local, n.key === null || n.key === 'default' ? canonical : `${canonical}.${n.key}`);
      for (let k = i; k <= j; k++) out.skip.add(k);
      i = j;
    }
  }
  return out;
}

/** `with (process) kill(-1)`: the names inside are members of whatever was given. */
function check(ctx: CheckContext): void {
  ctx.tokens.forEach((t, i) => {
    if (t.kind === 'name' && t.value === 'with' && ctx.tokens[i + 1]?.text === '(' && ctx.tokens[i - 1]?.text !== '.')
      ctx.problem('a with statement: the names inside may be members of anything');
  });
}

const NODE_GLOBALS: Record<string, string> = {
  ...Object.fromEntries(NODE_MODULES.map((m) => [m, m])),
  ...Object.fromEntries(
    [
      'require',
      'import',
      'process',
      'module',
      'eval',
      'Function',
      'Reflect',
      'WebSocket',
      'Worker',
      'SharedWorker',
      'XMLHttpRequest',
      'fetch',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'Deno',
      'Bun',
    ].map((n) => [n, n]),
  ),
  ...Object.fromEntries(['globalThis', 'global', 'window', 'self', 'this', 'frames', 'parent', 'top'].map((n) => [n, 'global'])),
};

export const NODE: CapabilityTable = {
  globals: NODE_GLOBALS,
  reentry: ['process', 'child_process', 'fs', 'vm', 'worker_threads'],
  members: NODE_MEMBERS,
  strict: ['process', 'require', 'import', 'module', 'Deno', 'Bun', ...NODE_MODULES, ...THIRD_PARTY, 'rimraf'],
  transparent: ['global'],
  methods: NODE_METHODS,
  loaders: { require: moduleName, import: moduleName },
  declarations: (tokens, code) => declarations(tokens, code, NODE_GLOBALS),
  check,
};

const JXA_GLOBALS: Record<string, string> = {
  ...Object.fromEntries(['Application', 'ObjC', '$', 'Library', 'Automation', 'eval', 'Function', 'Reflect'].map((n) => [n, n])),
  ...Object.fromEntries(['globalThis', 'this'].map((n) => [n, 'global'])),
};

/** osascript -l JavaScript: scripting other applications and the Objective-C bridge can do anything. */
export const JXA: CapabilityTable = {
  globals: JXA_GLOBALS,
  members: each('', 'eval Function Reflect', BLOCK),
  strict: ['Application', 'ObjC', '$', 'Library', 'Automation'],
  transparent: ['global'],
  methods: each('', 'doShellScript constructor', BLOCK),
  check,
};
