// The catalogue's specs are data, so the bundles carry them as data: dist/catalogue.data, each spec
// parsed when it is first looked up, instead of ~900 KB of object-literal code that every start would compile and
// run (measured: it roughly doubled `seatbelt --version`). Tests and the source tree import the
// specs directly; only the bundles swap src/catalogue/specs/index.ts for this loader.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Builds the specs once and writes them to `out` as data, so a look-up parses only the spec it needs:
 * - a first line naming each program's spec: `\tname=number\t…\t`, found by a string search, never parsed;
 * - a second line of JSON: each spec's byte offset and length, in turn;
 * - then each spec's JSON.
 * Fails if a spec does not survive the round trip, or a name could not be found in the first line or
 * names two specs.
 */
export async function writeCatalogueJson(root, out) {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-catalogue-'));
  try {
    const file = path.join(dir, 'specs.mjs');
    await build({
      entryPoints: [path.join(root, 'src/catalogue/specs/index.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    const { FAMILIES } = await import(pathToFileURL(file).href);
    const specs = FAMILIES.flat();
    const bodies = specs.map((spec) => {
      const json = JSON.stringify(spec);
      // Specs are plain data: a function or a RegExp would not survive JSON (an undefined field is
      // dropped, which the reader treats as absent anyway).
      if (!sameData(spec, JSON.parse(json))) throw new Error(`catalogue spec ${spec.names[0]} is not plain data`);
      return Buffer.from(json);
    });
    const offsets = [];
    const numbers = new Map();
    let at = 0;
    bodies.forEach((b, i) => {
      offsets.push(at, b.length);
      at += b.length;
      for (const n of specs[i].names) {
        if (!/^[^\t\n=]+$/.test(n)) throw new Error(`catalogue spec ${specs[i].names[0]}: the name ${JSON.stringify(n)} cannot be indexed`);
        // A spec is known by each of its names (the loader below): one name, one spec.
        if (numbers.has(n))
          throw new Error(`catalogue: ${JSON.stringify(n)} names two specs (${specs[numbers.get(n)].names[0]}, ${specs[i].names[0]})`);
        numbers.set(n, i);
      }
    });
    const names = `\t${[...numbers].map(([n, i]) => `${n}=${i}\t`).join('')}`;
    writeFileSync(out, Buffer.concat([Buffer.from(`${names}\n${JSON.stringify(offsets)}\n`), ...bodies]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sameData(a, b) {
  if (typeof a !== typeof b) return false;
  if (a === null || typeof a !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  return ka.length === Object.keys(b).length && ka.every((k) => sameData(a[k], b[k]));
}

/** An esbuild plugin: the bundle's specs come from catalogue.json beside it, read on first use. */
export const catalogueAsData = {
  name: 'catalogue-as-data',
  setup(b) {
    b.onResolve({ filter: /\/specs\/index\.js$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'catalogue', 'index.ts'))
        ? { path: 'catalogue-data', namespace: 'seatbelt-catalogue' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'seatbelt-catalogue' }, () => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: `import { openSync, readSync } from 'node:fs';
/**
 * The specs looked up so far, by each of their names (null: the catalogue does not know the name).
 * A start-up snapshot holds those its warm-up looked up, read from its own build's file.
 */
const known = new Map();
/** Where the specs are read from: the open file, or the bytes the snapshot's warm-up is given. */
let source;
/** Bytes [at, at + length) of the open file. */
function read(fd, at, length) {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, at + got);
    if (n === 0) throw new Error('dist/catalogue.data is cut short: run npm run build');
    got += n;
  }
  return buf;
}
/** The two index lines of the catalogue's bytes, and where the specs start. */
function indexOf(head) {
  const first = head.indexOf(10);
  const second = head.indexOf(10, first + 1);
  if (first < 0 || second < 0) return undefined;
  return {
    names: head.toString('utf8', 0, first),
    offsets: JSON.parse(head.toString('latin1', first + 1, second)),
    base: second + 1,
  };
}
/**
 * The file, opened on the first look-up of a name not known yet, and its index lines read (a command
 * reads the few specs it looks up, not the whole ~5 MB). It stays open (close-on-exec, as node
 * opens every file), so a look-up is one read.
 */
function openFile() {
  // The bundle is dist/seatbelt.cjs, dist/seatbelt.mjs, or a library chunk below dist/lib.
  for (const rel of ['./catalogue.data', '../catalogue.data', '../../catalogue.data']) {
    let fd;
    try {
      fd = openSync(new URL(rel, import.meta.url), 'r');
    } catch (err) {
      if (err.code === 'ENOENT') continue;
      throw err;
    }
    for (let size = 32768; ; size *= 2) {
      const head = Buffer.allocUnsafe(size);
      let got = 0;
      for (let n = 1; got < size && n > 0; got += n) n = readSync(fd, head, got, size - got, got);
      const index = indexOf(head.subarray(0, got));
      if (index) return { ...index, bytes: (at, length) => read(fd, at, length) };
      if (got < size) throw new Error('dist/catalogue.data has no index lines: run npm run build');
    }
  }
  throw new Error('dist/catalogue.data is missing: run npm run build');
}
function files() {
  return (source ??= openFile());
}
/** The spec with this number, parsed, and known by each of its names. */
function parse(s, i) {
  const bytes = s.bytes(s.base + s.offsets[2 * i], s.offsets[2 * i + 1]);
  const spec = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  for (const name of spec.names) known.set(name, spec);
  return spec;
}
/**
 * Specs read from these bytes (the whole file) until the returned function is called: the start-up
 * snapshot's warm-up may not open files. What it looked up stays known (the same build's); the file
 * is opened when a run first asks for another name.
 */
export function useCatalogueBytes(bytes) {
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const index = indexOf(whole);
  if (!index) throw new Error('dist/catalogue.data has no index lines: run npm run build');
  source = { ...index, bytes: (at, length) => whole.subarray(at, at + length) };
  return () => {
    source = undefined;
  };
}
export function loadFamilies() {
  const s = files();
  return [Array.from({ length: s.offsets.length / 2 }, (_, i) => parse(s, i))];
}
export function specNamed(name) {
  let spec = known.get(name);
  if (spec !== undefined) return spec ?? undefined;
  const s = files();
  const at = s.names.indexOf('\\t' + name + '=');
  if (at < 0 || /[\\t\\n=]/.test(name)) spec = null;
  else spec = parse(s, Number(s.names.slice(at + name.length + 2, s.names.indexOf('\\t', at + 1))));
  known.set(name, spec);
  return spec ?? undefined;
}
`,
    }));
  },
};
