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
 * Builds the specs once and writes them to `out` as data: a first line of JSON indexing the specs
 * (byte offset and length of each, and each program name's spec), then each spec's JSON, so a
 * look-up parses only the spec it needs. Fails if a spec does not survive the round trip.
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
    const index = { specs: [], names: {} };
    let at = 0;
    bodies.forEach((b, i) => {
      index.specs.push([at, b.length]);
      at += b.length;
      for (const n of specs[i].names) index.names[n] = i;
    });
    writeFileSync(out, Buffer.concat([Buffer.from(JSON.stringify(index) + '\n'), ...bodies]));
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
let data;
const parsed = [];
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
/**
 * The index line only: a command reads the few specs it looks up, not the whole file (~5 MB, ~5 ms
 * a start). The file stays open (close-on-exec, as node opens every file), so a look-up is one read.
 */
function open() {
  if (data) return data;
  // The bundle is dist/seatbelt.cjs, dist/seatbelt.mjs, or a library chunk below dist/lib.
  for (const rel of ['./catalogue.data', '../catalogue.data', '../../catalogue.data']) {
    let fd;
    try {
      fd = openSync(new URL(rel, import.meta.url), 'r');
    } catch (err) {
      if (err.code === 'ENOENT') continue;
      throw err;
    }
    let head = Buffer.alloc(0);
    let nl = -1;
    for (let size = 32768; nl === -1; size *= 2) {
      const chunk = Buffer.allocUnsafe(size);
      const n = readSync(fd, chunk, 0, size, head.length);
      if (n === 0) throw new Error('dist/catalogue.data has no index line: run npm run build');
      const from = head.length;
      head = Buffer.concat([head, chunk.subarray(0, n)]);
      nl = head.indexOf(10, from);
    }
    return (data = { index: JSON.parse(head.subarray(0, nl).toString('utf8')), fd, base: nl + 1 });
  }
  throw new Error('dist/catalogue.data is missing: run npm run build');
}
function spec(i) {
  if (parsed[i] === undefined) {
    const { index, fd, base, body } = open();
    const [at, length] = index.specs[i];
    const bytes = body ? body.subarray(at, at + length) : read(fd, base + at, length);
    parsed[i] = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }
  return parsed[i];
}
/**
 * Specs read from these bytes (the whole file) until the returned function is called: the start-up
 * snapshot's warm-up may not open files. What it parsed stays (the same build's specs); the file is
 * opened when a run first needs another one.
 */
export function useCatalogueBytes(bytes) {
  const nl = bytes.indexOf(10);
  data = { index: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, nl).toString('utf8')), body: bytes.subarray(nl + 1) };
  return () => {
    data = undefined;
  };
}
export function loadFamilies() {
  return [open().index.specs.map((_, i) => spec(i))];
}
export function specNamed(name) {
  const i = Object.hasOwn(open().index.names, name) ? open().index.names[name] : undefined;
  return i === undefined ? undefined : spec(i);
}
`,
    }));
  },
};
