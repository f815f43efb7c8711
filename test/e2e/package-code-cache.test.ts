// The parsers' code caches (scripts/package-code-cache.mjs): a package file compiles with the cache
// the build kept only when its text is the very text the cache was made from (a file of
// node_modules by its SHA-256, a joined parser file of dist/parsers by its build id). V8 itself
// checks no more than the length, so a changed file of the same length would otherwise run the old code.
// Each step runs in a child process: the compile step is installed process-wide.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = pathToFileURL(path.resolve(__dirname, '../../scripts/package-code-cache.mjs')).href;

let root: string;
let cacheDir: string;
const pkgFile = () => path.join(root, 'node_modules', 'made-up-parser', 'index.js');
const ownFile = () => path.join(root, 'own.js');
const joinedFile = () => path.join(root, 'dist', 'parsers', 'joined.cjs');

/** Requires the made-up package (and a file outside node_modules) with the compile step installed. */
function run(mode: 'record' | 'use'): {
  answer: string;
  own: string;
  joined?: string | null;
  file?: string;
  dir?: string;
  status: number | null;
  stderr: string;
} {
  const driver = `
    import Module, { createRequire } from 'node:module';
    import vm from 'node:vm';
    import fs from 'node:fs';
    import path from 'node:path';
    import crypto from 'node:crypto';
    const { recordPackageScripts, usePackageCodeCache } = await import(${JSON.stringify(SCRIPT)});
    const root = ${JSON.stringify(root)};
    const dir = ${JSON.stringify(cacheDir)};
    const write = ${JSON.stringify(mode)} === 'record'
      ? recordPackageScripts({ Module, vm, fs, crypto }, root)
      : (usePackageCodeCache({ Module, vm, fs, path, crypto }, root, dir), null);
    const require = createRequire(path.join(root, 'main.js'));
    const parser = require('made-up-parser');
    const answer = parser.answer() + parser.helper();
    const own = require('./own.js');
    const joined = fs.existsSync(${JSON.stringify(joinedFile())}) ? require('./dist/parsers/joined.cjs')() : null;
    if (write) write(dir);
    process.stdout.write(JSON.stringify({ answer, own, joined, file: parser.file, dir: parser.dir }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', driver], { encoding: 'utf8' });
  const out = r.status === 0 ? (JSON.parse(r.stdout) as { answer: string; own: string }) : { answer: '', own: '' };
  return { ...out, status: r.status, stderr: r.stderr };
}

/** A package whose functions a run compiles (so the cache holds them), answering `letter`. */
function writePackage(letter: string): void {
  mkdirSync(path.dirname(pkgFile()), { recursive: true });
  writeFileSync(path.join(path.dirname(pkgFile()), 'package.json'), JSON.stringify({ name: 'made-up-parser', main: 'index.js' }));
  writeFileSync(
    path.join(path.dirname(pkgFile()), 'helper.js'),
    `module.exports = function helper() { return '${letter.toLowerCase()}'; };\n`,
  );
  writeFileSync(
    pkgFile(),
    `const helper = require('./helper.js');\nfunction answer() { return '${letter}'; }\nmodule.exports = { answer, helper, file: __filename, dir: __dirname };\n`,
  );
}

/** A file as the build joins a parser into dist/parsers (scripts/parser-bundles.mjs), answering `letter`. */
function writeJoined(letter: string, buildId: string | null): void {
  mkdirSync(path.dirname(joinedFile()), { recursive: true });
  const trailer = buildId === null ? '' : `//# seatbelt-build ${buildId}\n`;
  writeFileSync(joinedFile(), `module.exports = function joined() { return '${letter}'; };\n${trailer}`);
}

const index = () =>
  JSON.parse(readFileSync(path.join(cacheDir, 'index.json'), 'utf8')) as {
    version: number;
    files: Record<string, { identity: string; cache: string }>;
  };

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'seatbelt-package-cache-'));
  cacheDir = path.join(root, 'dist', 'package-cache');
  writeFileSync(ownFile(), "module.exports = 'own';\n");
  writePackage('A');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('package code caches', () => {
  it('records every CommonJS file loaded from node_modules, by its path and text, and nothing else', () => {
    const recorded = run('record');
    expect(recorded).toMatchObject({ answer: 'Aa', own: 'own', status: 0 });
    const { version, files } = index();
    expect(version).toBe(2);
    expect(Object.keys(files).sort()).toEqual(['node_modules/made-up-parser/helper.js', 'node_modules/made-up-parser/index.js']);
    const sha = (file: string) => require('node:crypto').createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');
    expect(files['node_modules/made-up-parser/index.js']!.identity).toBe(`sha256:${sha(pkgFile())}`);
    expect(readdirSync(cacheDir).sort()).toEqual(['0.cache', '1.cache', 'index.json']);
  });

  it('a run with the caches loads the packages as Node does: exports, require, __filename, __dirname', () => {
    expect(run('record').status).toBe(0);
    expect(run('use')).toMatchObject({ answer: 'Aa', own: 'own', file: pkgFile(), dir: path.dirname(pkgFile()), status: 0 });
  });

  it('a file changed since, to another text of the same length, compiles afresh, not with the old code', () => {
    expect(run('record').status).toBe(0);
    const before = readFileSync(pkgFile(), 'utf8');
    writePackage('B');
    expect(readFileSync(pkgFile(), 'utf8').length).toBe(before.length);
    expect(run('use')).toMatchObject({ answer: 'Bb', status: 0 });
  });

  it('records a joined parser file of dist/parsers by its build id, and one without a build id not at all', () => {
    writeJoined('J', 'ab'.repeat(12));
    expect(run('record')).toMatchObject({ joined: 'J', status: 0 });
    expect(index().files['dist/parsers/joined.cjs']!.identity).toBe(`build:${'ab'.repeat(12)}`);
    expect(run('use')).toMatchObject({ joined: 'J', status: 0 });
    writeJoined('J', null);
    expect(run('record')).toMatchObject({ joined: 'J', status: 0 });
    expect(Object.keys(index().files)).not.toContain('dist/parsers/joined.cjs');
  });

  it('a joined parser file rebuilt (another build id), to a text of the same length, compiles afresh', () => {
    writeJoined('J', 'ab'.repeat(12));
    expect(run('record').status).toBe(0);
    writeJoined('K', 'cd'.repeat(12));
    expect(run('use')).toMatchObject({ joined: 'K', status: 0 });
  });

  it("a snapshot run's loader of joined parser files: the cache for its build id, once a file, the module Node would give", () => {
    writeJoined('J', 'ab'.repeat(12));
    expect(run('record').status).toBe(0);
    const load = (): { answer?: string; again?: boolean; module?: unknown; status: number | null; stderr: string } => {
      const driver = `
        import Module, { createRequire } from 'node:module';
        import vm from 'node:vm';
        import fs from 'node:fs';
        import path from 'node:path';
        import crypto from 'node:crypto';
        const { parserFileLoader } = await import(${JSON.stringify(SCRIPT)});
        const file = ${JSON.stringify(joinedFile())};
        const load = parserFileLoader({ Module, vm, fs, path, crypto }, ${JSON.stringify(root)}, ${JSON.stringify(cacheDir)}, createRequire(file));
        const first = load(file);
        process.stdout.write(JSON.stringify({ answer: first(), again: load(file) === first }));
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', driver], { encoding: 'utf8' });
      return { ...(r.status === 0 ? JSON.parse(r.stdout) : {}), status: r.status, stderr: r.stderr };
    };
    expect(load()).toMatchObject({ answer: 'J', again: true, status: 0 });
    // Another text under the same build id runs the cached code: the cache is what the loader ran.
    writeJoined('K', 'ab'.repeat(12));
    expect(load()).toMatchObject({ answer: 'J', status: 0 });
    // Under another build id the text compiles afresh.
    writeJoined('K', 'cd'.repeat(12));
    expect(load()).toMatchObject({ answer: 'K', status: 0 });
  });

  it('a missing or unreadable index, or a missing cache file, leaves Node to compile', () => {
    expect(run('use')).toMatchObject({ answer: 'Aa', status: 0 }); // no caches at all
    expect(run('record').status).toBe(0);
    rmSync(path.join(cacheDir, '0.cache'));
    expect(run('use')).toMatchObject({ answer: 'Aa', status: 0 });
    writeFileSync(path.join(cacheDir, 'index.json'), '{ not json');
    expect(run('use')).toMatchObject({ answer: 'Aa', status: 0 });
  });
});
