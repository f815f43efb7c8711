// The CLI as CommonJS with a V8 code cache: what bin/seatbelt runs (measured in bench/: most of
// seatbelt's own start-up is parsing and compiling the bundle, which the cache skips).
//
// - dist/seatbelt.cjs: src/adapters/cli/main.ts bundled as CommonJS, because vm.Script (the only
//   code-cache API on Node 20) runs scripts, not modules. Dynamic import() becomes require() (Node
//   20.19+ requires ES modules), since a script restored from a code cache loses its import()
//   callback on Node 20. import.meta.url becomes a parameter that bin/seatbelt passes in.
//   commander is bundled in (it loads on every start; so it lands in the cache too).
// - dist/seatbelt.cjs.cache: made by running the hot commands (exec, check, sql, verify) in a
//   throwaway home, then serialising the compiled code — so the cache holds what those paths run.
import { catalogueAsData } from './catalogue-data.mjs';
import { rulesWithoutExamples } from './rules-without-examples.mjs';
import { PACKAGE_CACHE, recordPackageScripts } from './package-code-cache.mjs';
import { buildIdLine, PARSERS_DEFINE, parserBundles } from './parser-bundles.mjs';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'seatbelt.cjs');
const AGENT_OUT = path.join(ROOT, 'dist', 'seatbelt-agent.cjs');

/**
 * esbuild's __toESM copies every property of a required module onto a new object (a getter each),
 * once per import site: ~40 sites of node:fs alone, ~12k objects in the start-up snapshot and
 * ~8 ms of CPU at each start without it (measured). A Node built-in's namespace is instead one
 * object per module whose prototype is the module: the same live properties, its default the module
 * (as __toESM gives a module without __esModule). The bundle's code only reads namespace members.
 */
const BUILTIN_NAMESPACE = `var __builtinNamespaces = new WeakMap();
function __toESMBuiltin(mod) {
  let ns = __builtinNamespaces.get(mod);
  if (!ns) __builtinNamespaces.set(mod, ns = Object.create(mod, { default: { value: mod, enumerable: true } }));
  return ns;
}
`;

/** The bundle with __toESM of a built-in replaced (see BUILTIN_NAMESPACE); fails when esbuild's output changed shape. */
function withBuiltinNamespaces(code) {
  const strict = '"use strict";';
  let sites = 0;
  const rewritten = code.replace(/\b__toESM\((?=require\("node:)/g, () => (sites++, '__toESMBuiltin('));
  if (!code.startsWith(strict) || sites === 0)
    throw new Error("seatbelt build: esbuild's __toESM calls changed shape; update scripts/cached-cli.mjs");
  return strict + BUILTIN_NAMESPACE + rewritten.slice(strict.length);
}

export async function buildCachedCli() {
  await bundleCli(path.join(ROOT, 'src/adapters/cli/main.ts'), OUT);
  // The commands an agent runs at every call, alone: only their start-up snapshot runs it (scripts/snapshot.mjs).
  await bundleCli(path.join(ROOT, 'src/adapters/cli/agent-main.ts'), AGENT_OUT);
  // A fresh process makes the cache: the build's own process has other code and flags.
  const made = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--make-cache'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
  if (made.status !== 0) console.warn('seatbelt build: no code cache made; bin/seatbelt will compile at each start');
}

/** Bundles a CLI entry (`src/adapters/cli/*-main.ts`) as CommonJS at `outfile`, its build id on its last line. */
async function bundleCli(entry, outfile) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  const external = deps.filter((d) => d !== 'commander').flatMap((d) => [d, `${d}/*`]);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Whitespace and syntax minified, identifiers kept (names stay in errors and stack traces):
    // 1.8 → 1.35 MB of source, which the snapshot holds, and without comments, whose non-ASCII
    // characters made it a two-byte string (measured: `exec -- true` ~5 ms faster).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    external,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__seatbeltModuleUrl', ...PARSERS_DEFINE },
    plugins: [parserBundles, catalogueAsData, rulesWithoutExamples],
    logLevel: 'warning',
  });
  const code = readFileSync(outfile, 'utf8');
  // The build id ties the cache to this very bundle (bin/seatbelt checks it before using the cache).
  const id = `\n${buildIdLine()}`;
  writeFileSync(outfile, withBuiltinNamespaces(code) + id);
}

/**
 * What the caches hold the code of: the hot commands, each run in a throwaway home and working
 * folder. The refused one deletes the throwaway seatbelt home (`home`, relative to the working
 * folder): the guard refuses it, and should it ever run, nothing but the throwaway goes.
 */
const HOT_RUNS = [
  ['exec', '--', 'true'],
  ['exec', '--shell', 'true && true | true'],
  ['exec', '--', 'rm', '-rf', 'home'],
  ['check', '--shell', 'git status --short && npm test -- --watch=false 2>&1 | tail -n 40'],
  ['check', '--', 'ls', '-la'],
  ['check', '--sql', 'SELECT id FROM orders WHERE id = 1'],
  ['sql', 'SELECT id FROM orders WHERE id = 1'],
  ['sql', '--dialect', 'mysql', 'DELETE FROM orders'],
  ['hook', 'claude-code'],
  ['verify'],
];

/** Runs `work` with a throwaway home, trail and working folder, output silenced; restores them after. */
async function inThrowawayHome(work) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'seatbelt-cache-'));
  const cwd = process.cwd();
  const saved = { ...process.env };
  const write = { out: process.stdout.write, err: process.stderr.write, sync: fs.writeSync };
  try {
    Object.assign(process.env, { SEATBELT_HOME: path.join(tmp, 'home'), SEATBELT_AUDIT: path.join(tmp, 'audit.jsonl'), HOME: tmp });
    delete process.env.SEATBELT_PIN;
    process.chdir(tmp);
    await work(() => {
      process.stdout.write = process.stderr.write = () => true;
      // One-line answers go straight to fd 1 or 2 (src/adapters/cli/write-now.ts).
      fs.writeSync = (fd, ...rest) => (fd === 1 || fd === 2 ? Buffer.byteLength(rest[0]) : write.sync(fd, ...rest));
    });
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    fs.writeSync = write.sync;
    process.chdir(cwd);
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function runAll(main, runs) {
  for (const args of runs) {
    await runHot(main, args);
    process.exitCode = 0;
  }
}

/**
 * One hot run; a host hook reads its payload on stdin (a Bash tool call in the throwaway folder), a
 * batch its lines (`input`).
 */
async function runHot(main, args, input) {
  if (args[0] !== 'hook' && input === undefined) return main(args);
  const payload = {
    session_id: 'seatbelt-build',
    transcript_path: path.join(process.cwd(), 'transcript.jsonl'),
    cwd: process.cwd(),
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'git status --short && npm test -- --watch=false 2>&1 | tail -n 40' },
  };
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: true,
    value: Readable.from([Buffer.from(input ?? JSON.stringify(payload))]),
  });
  try {
    return await main(args);
  } finally {
    Object.defineProperty(process, 'stdin', stdin);
  }
}

/** Runs the hot commands in this process, then writes the compiled code as bin/seatbelt's cache. */
async function makeCache() {
  const bin = createRequire(import.meta.url)(path.join(ROOT, 'bin', 'seatbelt'));
  rmSync(bin.CACHE, { force: true });
  await inThrowawayHome(async (silence) => {
    const { exports, script, id } = bin.load({ useCache: false });
    silence();
    await runAll(exports.main, HOT_RUNS);
    bin.saveCache(script, id);
  });
}

/**
 * The same for a start-up snapshot's builder (scripts/snapshot.mjs): `bundleFile` compiled as the
 * text the builder compiles, the hot commands run (not verify, which has a bundle of its own), the
 * compiled code written to `out`. Each command runs on a fresh instance of the bundle (one script,
 * so one set of compiled functions), as each run is a fresh process: nothing remembered from the
 * run before spares a run the code it would otherwise call (reading the trail's tail, say). With
 * `packages`, the parsers' code caches are made too (scripts/package-code-cache.mjs).
 */
async function makeSnapshotCache(out, bundleFile, packages) {
  const { bundleScriptText } = await import('./snapshot.mjs');
  const script = new vm.Script(bundleScriptText(readFileSync(bundleFile, 'utf8')), { filename: bundleFile });
  const instantiate = () => {
    let setModuleUrl;
    const bundle = script.runInThisContext()((set) => {
      setModuleUrl = set;
    });
    setModuleUrl(pathToFileURL(bundleFile).href);
    const mod = { exports: {} };
    bundle.call(mod.exports, mod.exports, createRequire(bundleFile), mod, bundleFile, path.dirname(bundleFile));
    return mod.exports;
  };
  const writePackageCaches = packages ? recordPackageScripts({ Module, vm, fs, crypto }, ROOT) : null;
  const runEach = (runs, input) =>
    inThrowawayHome(async (silence) => {
      silence();
      for (const args of runs) {
        const cli = instantiate();
        const run = runHot(cli.main, args, input);
        cli.exitWith(run);
        await run.catch(() => {});
        process.exitCode = 0;
      }
    });
  await runEach(HOT_RUNS.filter((a) => a[0] !== 'verify'));
  writeFileSync(out, script.createCachedData());
  if (!writePackageCaches) return;
  // After the bundle's cache is written, so this batch adds only to the parsers' caches.
  await runEach([['check', '--jsonl']], PARSER_BATCH);
  // A batch turns V8's baseline compiler back on (src/adapters/cli/baseline-compiler.ts), and V8
  // takes a cache only under the flags it was written under: those a snapshot run starts with.
  const { SNAPSHOT_FLAGS } = await import('./snapshot.mjs');
  v8.setFlagsFromString(SNAPSHOT_FLAGS.join(' '));
  writePackageCaches(path.join(ROOT, 'dist', PACKAGE_CACHE));
}

/**
 * A batch for the parsers' caches (scripts/package-code-cache.mjs): each dialect's parser reads a
 * few everyday statements, so the grammar rules they call are compiled in its cache, and the shell
 * parser a script that needs it.
 */
const PARSER_BATCH = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'transactsql', 'bigquery']
  .flatMap((dialect) =>
    [
      'SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 10 ORDER BY o.id LIMIT 5',
      "INSERT INTO orders (id, note) VALUES (1, 'a')",
      "UPDATE orders SET note = 'b' WHERE id = 1",
      'DELETE FROM orders WHERE id = 1',
      'CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))',
      'DROP TABLE t',
    ].map((sql) => JSON.stringify({ sql, dialect }) + '\n'),
  )
  // and the shell parser (tree-sitter), which a plain command does not need
  .concat(JSON.stringify({ shell: 'for f in *.txt; do echo "$f" | wc -l; done' }) + '\n')
  .join('');

if (process.argv[2] === '--make-cache') await makeCache();
if (process.argv[2] === '--make-snapshot-cache')
  await makeSnapshotCache(process.argv[3], process.argv[4], process.argv[5] === '--packages');
