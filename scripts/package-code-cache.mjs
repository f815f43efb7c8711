// Code caches of the packages a snapshot run loads from node_modules (issue 19): the SQL parsers.
//
// The bundle's own code is compiled in the start-up snapshot, but the parsers load on first use
// (scripts/snapshot.mjs), and Node 20 compiles a package's JavaScript at every load: ~8 ms of
// node-sql-parser's MySQL grammar alone, then its rule functions one by one as a query runs them,
// and libpg-query's glue (measured). The build runs the hot commands in a fresh process (scripts/
// cached-cli.mjs, --make-snapshot-cache) with recordPackageScripts() installed, then keeps each
// package file's compiled code in dist/package-cache/; a snapshot run compiles those files with it
// (usePackageCodeCache, installed by the snapshot's main function).
//
// V8 accepts a code cache for any source of the same length, so each cache is used only for the
// very text it was made from: a file of node_modules by its SHA-256, a parser file the build wrote
// in dist/parsers (scripts/parser-bundles.mjs) by the build id on its last line, which spares
// hashing ~330 KB at each run; V8 itself rejects a cache made by another node or under other flags.
// A file without a usable cache compiles as Node compiles it.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_CACHE = 'package-cache';

/**
 * Installs, in this process, the compile step below in recording mode: CommonJS files under
 * node_modules and dist/parsers compile without a cache, and each one's script is kept. Returns the
 * writer of their compiled code, to call once the runs are done.
 */
export function recordPackageScripts({ Module, vm, fs, crypto }, root) {
  const recorded = new Map();
  const restore = usePackageCodeCache({ Module, vm, fs, path, crypto }, root, null, recorded);
  return function write(dir) {
    restore();
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const files = {};
    for (const [key, { script, identity }] of recorded) {
      const cache = `${Object.keys(files).length}.cache`;
      writeFileSync(path.join(tmp, cache), script.createCachedData());
      files[key] = { identity, cache };
    }
    writeFileSync(path.join(tmp, 'index.json'), JSON.stringify({ version: 2, files }));
    // Swapped whole, so a run never reads an index with another build's caches.
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return recorded.size;
  };
}

/**
 * The caches in `dir` (null: none) of files under `root`: what identifies a file's text (null for a
 * parser file without a build id, which no cache can be told to fit) and the cache kept for a file
 * with that very text (the index is read on first use). Copied into the snapshot's builder as text,
 * like the two below, so it takes what it uses as arguments and closes over nothing.
 */
export function packageCaches({ fs, path, crypto }, root, dir) {
  let index;
  const readIndex = () => {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
      return parsed && parsed.version === 2 && parsed.files && typeof parsed.files === 'object' ? parsed.files : {};
    } catch {
      return {}; // no caches: compile as usual
    }
  };
  const keyOf = (filename) => path.relative(root, filename);
  const isParser = (parts) => parts[0] === 'dist' && parts[1] === 'parsers';
  const identity = (key, content) => {
    if (!isParser(key.split(path.sep))) return `sha256:${crypto.createHash('sha256').update(content).digest('hex')}`;
    const build = /\/\/# seatbelt-build ([0-9a-f]{16,})\s*$/.exec(content.slice(-120));
    return build ? `build:${build[1]}` : null;
  };
  return {
    keyOf,
    identity,
    /** A file of node_modules or dist/parsers: the ones that have caches. */
    cached(key) {
      const parts = key.split(path.sep);
      return isParser(parts) || parts.includes('node_modules');
    },
    /** The cache for this text of the file, or undefined. */
    cachedData(key, content) {
      if (dir === null) return undefined;
      index ??= readIndex();
      const entry = Object.hasOwn(index, key) ? index[key] : undefined;
      if (!entry || typeof entry.cache !== 'string' || typeof entry.identity !== 'string' || entry.identity !== identity(key, content))
        return undefined;
      try {
        return fs.readFileSync(path.join(dir, path.basename(entry.cache)));
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The compile step a snapshot run installs: a package file with a cache in `dir` for its very text
 * compiles with it; any other file compiles as Node compiles it. With `recorded` (the build), those
 * files compile without a cache and their scripts are kept there instead (a parser file without a
 * build id is not kept). Returns the function that uninstalls it.
 */
export function usePackageCodeCache({ Module, vm, fs, path, crypto, underCacheFlags = (compile) => compile() }, root, dir, recorded) {
  const caches = packageCaches({ fs, path, crypto }, root, recorded ? null : dir);
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    const key = caches.keyOf(filename);
    if (format === 'module' || !caches.cached(key)) return compile.call(this, content, filename, format);
    const cachedData = caches.cachedData(key, content);
    if (!cachedData && !recorded) return compile.call(this, content, filename, format);
    const script = underCacheFlags(() => new vm.Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) }));
    const identity = recorded && caches.identity(key, content);
    if (identity) recorded.set(key, { script, identity });
    // Run as Node's loader runs a CommonJS file: its exports, require, module and paths.
    const module = this;
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    return script.runInThisContext().call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
  return () => {
    Module.prototype._compile = compile;
  };
}

/**
 * What a snapshot run requires a parser file of dist/parsers with (scripts/parser-bundles.mjs):
 * the file read and compiled with its cache, run with the exports, require, module and paths Node's
 * loader would give it, once (a second require gets the same exports) — without the loader, whose
 * own functions never ran while the snapshot was made, so a first require compiles them: ~1 ms of
 * a `sql --dialect mysql` run (measured). `require` answers what the file itself requires.
 */
export function parserFileLoader({ Module, vm, fs, path, crypto, underCacheFlags = (compile) => compile() }, root, dir, require) {
  const caches = packageCaches({ fs, path, crypto }, root, dir);
  const loaded = new Map();
  return (filename) => {
    let module = loaded.get(filename);
    if (module) return module.exports;
    const content = fs.readFileSync(filename, 'utf8');
    const cachedData = caches.cachedData(caches.keyOf(filename), content);
    const script = underCacheFlags(() => new vm.Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) }));
    module = { id: filename, filename, loaded: false, exports: {} };
    loaded.set(filename, module);
    try {
      script.runInThisContext().call(module.exports, module.exports, require, module, filename, path.dirname(filename));
    } catch (err) {
      loaded.delete(filename); // as Node's loader forgets a file that threw
      throw err;
    }
    module.loaded = true;
    return module.exports;
  };
}
