// The parsers' files of dist/parsers (scripts/parser-bundles.mjs): node-sql-parser's dialect builds
// joined with big-integer, libpg-query and web-tree-sitter bundled, and their WebAssembly modules
// (with the bash grammar's) beside them. The CLI bundles load them from there. Start-up work must
// not change a decision, so each file must parse as the package does, down to the characters the
// grammars' classes name outside ASCII (escaped in the files' text).
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBundle, BIN, tempHome } from './helpers.js';

const ROOT = path.resolve(path.dirname(BIN), '..');
const DIST = path.join(ROOT, 'dist');
const SCRIPT = pathToFileURL(path.join(ROOT, 'scripts', 'parser-bundles.mjs')).href;

interface ParserBundles {
  NSP_DIALECTS: string[];
  PACKAGES: Record<string, { file: string; beside: string[] }>;
  parserBundle(dialect: string): string;
  joinParser(parser: { name: string; text: string }, bigInteger: { name: string; text: string }, buildId?: string): string;
}
let script: ParserBundles;
beforeAll(async () => {
  assertFreshBundle();
  script = (await import(SCRIPT)) as ParserBundles;
});

type Parser = { astify(sql: string, opt: { database: string }): unknown };
type ParserModule = { Parser: new () => Parser };
const requireFromDist = createRequire(path.join(DIST, 'seatbelt.cjs'));
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

/** What a parser answers: the tree as JSON, or the error's message. */
function answer(P: ParserModule, sql: string, database: string): string {
  try {
    return JSON.stringify(new P.Parser().astify(sql, { database }));
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

const SCRIPTS = [
  'for f in *.txt; do echo "$f" | wc -l; done',
  "rm -rf \"$(printf '%s' 'a b')\" && cat <<'EOF' > x\nnaïve ☃\nEOF",
  'if [[ -n ${X:-} ]]; then (cd /tmp; ls) fi', // a syntax error
];

/**
 * Queries beyond the plain readers' subsets (src/analyze/sql/pg/plain-parse.ts, nsp/plain-mysql.ts):
 * a cast to a type with a modifier and a call, which only libpg-query and node-sql-parser read.
 */
const PG_BEYOND_PLAIN = 'SELECT o.id::varchar(20) FROM orders o WHERE o.total > 10';
const MYSQL_BEYOND_PLAIN = 'SELECT COUNT(*) AS n FROM orders o WHERE o.total > 10';
const QUERIES = [
  'SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 10 ORDER BY o.id LIMIT 5',
  "INSERT INTO orders (id, note) VALUES (1, 'a'), (2, 'b')",
  'DELETE FROM orders',
  'SELECT 123456789012345678901234567890 AS big, -98765432109876543210 AS neg, 0.5e-3 AS f',
  // identifiers from the grammars' non-ASCII character classes (CJK, Latin-1 and Latin Extended-A)
  'SELECT 名前, café, Ÿ FROM 表 WHERE ſ = 1',
  "SELECT 'ünïcödé ☃ 😀' AS s",
  'SELECT FROM WHERE', // no parse
];

describe('the parser files of dist/parsers', () => {
  const files = () => [...script.NSP_DIALECTS.map((d) => script.parserBundle(d)), ...Object.values(script.PACKAGES).map((p) => p.file)];
  const LIBPG_QUERY = () => script.PACKAGES['libpg-query']!.file;

  it('exist for every parser, in ASCII, each with a build id on its last line', () => {
    for (const file of files()) {
      const text = readFileSync(path.join(DIST, file), 'utf8');
      expect(/[^\x00-\x7f]/.test(text), file).toBe(false);
      expect(text, file).toMatch(/\n\/\/# seatbelt-build [0-9a-f]{24}\n$/);
    }
  });

  it('are what the CLI bundles load, not node_modules/node-sql-parser, libpg-query or web-tree-sitter', () => {
    for (const bundle of ['seatbelt.cjs', 'seatbelt-agent.cjs']) {
      const text = readFileSync(path.join(DIST, bundle), 'utf8');
      expect(text, bundle).not.toMatch(/require\("(node-sql-parser|libpg-query|web-tree-sitter)/);
      for (const file of files()) expect(text, `${bundle}: ${file}`).toContain(`require("${file}")`);
    }
  });

  it("carry the packages' WebAssembly modules as they are", () => {
    for (const { file, beside } of Object.values(script.PACKAGES))
      for (const request of beside) {
        const copy = path.join(path.dirname(path.join(DIST, file)), path.basename(request));
        expect(readFileSync(copy).equals(readFileSync(requireFromRoot.resolve(request))), request).toBe(true);
      }
    expect(Object.values(script.PACKAGES).flatMap((p) => p.beside).length).toBe(3);
  });

  it("libpg-query's parses, scans and reads PL/pgSQL as the package does", async () => {
    type Pg = {
      loadModule(): Promise<void>;
      parseSync(s: string): unknown;
      scanSync(s: string): unknown;
      parsePlPgSQLSync(s: string): unknown;
    };
    const joined = requireFromDist(LIBPG_QUERY()) as Pg;
    const pkg = requireFromRoot('libpg-query') as Pg;
    await Promise.all([joined.loadModule(), pkg.loadModule()]);
    const plpgsql = 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql';
    const cases: [(lib: Pg) => unknown, string][] = [
      ...[...QUERIES, "SELECT $1::text, E'\\x41', U&'d\\0061t' FROM t", 'DROP TABLE "naïve"'].map(
        (q) => [(lib: Pg) => lib.parseSync(q), q] as [(lib: Pg) => unknown, string],
      ),
      [(lib) => lib.scanSync(QUERIES[5]!), `scan ${QUERIES[5]}`],
      [(lib) => lib.parsePlPgSQLSync(plpgsql), plpgsql],
    ];
    for (const [call, label] of cases) {
      const answer = (lib: Pg) => {
        try {
          return JSON.stringify(call(lib));
        } catch (err) {
          return `error: ${(err as Error).message}`;
        }
      };
      expect(answer(joined), label).toBe(answer(pkg));
    }
    expect(JSON.stringify(joined.parseSync(QUERIES[4]!))).toContain('名前');
  });

  it("web-tree-sitter's parses shell as the package does, with the bash grammar beside it", async () => {
    type Ts = {
      Parser: {
        init(o: { locateFile: () => string }): Promise<void>;
        new (): { setLanguage(l: unknown): void; parse(s: string): { rootNode: { toString(): string } } };
      };
      Language: { load(b: Uint8Array): Promise<unknown> };
    };
    const parsers = path.dirname(path.join(DIST, script.PACKAGES['web-tree-sitter']!.file));
    const trees = async (ts: Ts, dir: (f: string) => string) => {
      await ts.Parser.init({ locateFile: () => dir('tree-sitter.wasm') });
      const parser = new ts.Parser();
      parser.setLanguage(await ts.Language.load(readFileSync(dir('tree-sitter-bash.wasm'))));
      return SCRIPTS.map((s) => parser.parse(s).rootNode.toString());
    };
    const joined = await trees(requireFromDist(script.PACKAGES['web-tree-sitter']!.file) as Ts, (f) => path.join(parsers, f));
    const own = await trees(requireFromRoot('web-tree-sitter') as Ts, (f) =>
      requireFromRoot.resolve(f === 'tree-sitter.wasm' ? 'web-tree-sitter/tree-sitter.wasm' : 'tree-sitter-bash/tree-sitter-bash.wasm'),
    );
    expect(joined).toEqual(own);
    expect(joined[0]).toContain('for_statement');
  });

  it('parse every query as the package does, with its own dialect', () => {
    for (const dialect of script.NSP_DIALECTS) {
      const joined = requireFromDist(script.parserBundle(dialect)) as ParserModule;
      const own = requireFromRoot(`node-sql-parser/build/${dialect}.js`) as ParserModule;
      const database = dialect === 'transactsql' ? 'transactsql' : dialect;
      let parsed = 0;
      for (const sql of QUERIES) {
        const expected = answer(own, sql, database);
        expect(answer(joined, sql, database), `${dialect}: ${sql}`).toBe(expected);
        if (!expected.startsWith('error:')) parsed++;
      }
      expect(parsed, `${dialect} parsed none of the queries`).toBeGreaterThan(1);
    }
    // The non-ASCII identifiers parse in MySQL: the escaped character classes still match them.
    const mysql = requireFromDist(script.parserBundle('mysql')) as ParserModule;
    expect(answer(mysql, QUERIES[4]!, 'mysql')).toContain('名前');
  });

  it("load in a snapshot run with their code caches, without Node's module loader", async () => {
    const { SNAPSHOT_FLAGS, AGENT_BLOB: blob } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'snapshot.mjs')).href)) as {
      SNAPSHOT_FLAGS: string[];
      AGENT_BLOB: string;
    };
    const t = tempHome();
    // Before the run: what Node's loader resolves and loads, and each script compiled with a cache and whether V8 took it.
    const spy = path.join(t.dir, 'spy.cjs');
    writeFileSync(
      spy,
      `const Module = require('node:module'), vm = require('node:vm'), fs = require('node:fs');
       const seen = { node: [], scripts: [] };
       const load = Module.prototype.load;
       Module.prototype.load = function (f) { seen.node.push(f); return load.call(this, f); };
       const resolve = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) { seen.node.push(request); return resolve.call(this, request, ...rest); };
       const Script = vm.Script;
       vm.Script = function (source, options) {
         const s = new Script(source, options);
         if (options && options.cachedData) seen.scripts.push({ file: options.filename, rejected: s.cachedDataRejected });
         return s;
       };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(path.join(t.dir, 'seen.json'))}, JSON.stringify(seen)));`,
    );
    const run = async (args: string[], input?: string) => {
      const r = await execa(process.execPath, [...SNAPSHOT_FLAGS, '--require', spy, '--snapshot-blob', blob, BIN, ...args], {
        env: t.env,
        reject: false,
        ...(input !== undefined ? { input } : {}),
      });
      const seen = JSON.parse(readFileSync(path.join(t.dir, 'seen.json'), 'utf8')) as {
        node: string[];
        scripts: { file: string; rejected: boolean }[];
      };
      return { r, seen };
    };
    const files = [script.parserBundle('mysql'), LIBPG_QUERY(), script.PACKAGES['web-tree-sitter']!.file];
    for (const [args, file] of [
      [['sql', '--dialect', 'mysql', MYSQL_BEYOND_PLAIN], files[0]!],
      [['sql', '--dialect', 'postgresql', PG_BEYOND_PLAIN], files[1]!],
      [['check', '--shell', SCRIPTS[0]!], files[2]!],
    ] as const) {
      const label = args.join(' ');
      const { r, seen } = await run([...args]);
      expect(r.stdout.trim(), r.stderr).toBe('allow');
      expect(
        seen.node.filter((f) => /node-sql-parser|libpg-query|@pgsql|tree-sitter/.test(f)),
        label,
      ).toEqual([]);
      expect(seen.scripts, label).toContainEqual({ file: path.join(DIST, file), rejected: false });
    }
    // A plain query is read without its dialect's parser.
    for (const [dialect, file] of [
      ['postgresql', files[1]!],
      ['mysql', files[0]!],
    ] as const) {
      const plain = await run(['sql', '--dialect', dialect, QUERIES[0]!]);
      expect(plain.r.stdout.trim(), plain.r.stderr).toBe('allow');
      expect(plain.seen.scripts.map((s) => s.file)).not.toContain(path.join(DIST, file));
    }
    // A batch turns V8's baseline compiler back on (src/adapters/cli/baseline-compiler.ts) before
    // its parsers load: their caches, made with it off, still fit.
    const lines = [{ sql: MYSQL_BEYOND_PLAIN, dialect: 'mysql' }, { sql: PG_BEYOND_PLAIN, dialect: 'postgresql' }, { shell: SCRIPTS[0]! }];
    const { r, seen } = await run(['check', '--jsonl'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { decision: string }).decision),
      r.stderr,
    ).toEqual(['allow', 'allow', 'allow']);
    for (const file of files) expect(seen.scripts, 'check --jsonl').toContainEqual({ file: path.join(DIST, file), rejected: false });
  });

  it('fail the build when a build requires more than big-integer, or big-integer anything', () => {
    const bigInteger = { name: 'big.js', text: 'module.exports = 1;' };
    const parser = { name: 'p.js', text: 'var b = require("big-integer"); exports.Parser = function () {};' };
    expect(script.joinParser(parser, bigInteger, 'ab'.repeat(12))).toMatch(/seatbelt-build (ab){12}\n$/);
    const more = { ...parser, text: `${parser.text} require('fs');` };
    expect(() => script.joinParser(more, bigInteger)).toThrow(/p\.js requires big-integer, fs/);
    expect(() => script.joinParser({ ...parser, text: 'exports.x = 1;' }, bigInteger)).toThrow(/p\.js requires nothing/);
    expect(() => script.joinParser(parser, { ...bigInteger, text: 'require("x"); module.exports = 1;' })).toThrow(/big\.js x/);
  });

  it('give the joined code the module, exports and require it had', () => {
    const text = script.joinParser(
      { name: 'p.js', text: 'exports.big = require("big-integer"); exports.self = this === exports;' },
      { name: 'big.js', text: 'if (module.hasOwnProperty("exports")) module.exports = { n: 42, self: this === exports };' },
    );
    const m = { exports: {} as Record<string, unknown> };
    new Function('exports', 'require', 'module', text).call(m.exports, m.exports, requireFromRoot, m);
    expect(m.exports).toEqual({ big: { n: 42, self: true }, self: true });
  });
});
