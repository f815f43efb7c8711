// libpg-query's module starts with the memory its static layout needs, not emscripten's 128 MiB
// (src/analyze/sql/pg/wasm-memory.ts): modules made here byte by byte, the real one, and the binary.
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/analyze/sql/index.js';
import { HEADROOM_PAGES, lowerInitialMemory, whileLoweringInitialMemory } from '../../src/analyze/sql/pg/wasm-memory.js';
import { BIN, tempHome } from '../e2e/helpers.js';
import { assertFreshBundle } from '../setup/bundle.js';

const PAGE = 65536;

const leb = (n: number, bytes = 0): number[] => {
  const out: number[] = [];
  do {
    out.push(n & 0x7f);
    n >>>= 7;
  } while (n > 0 || out.length < bytes);
  return out.map((b, i) => (i < out.length - 1 ? b | 0x80 : b));
};
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const i32 = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

interface Shape {
  initial: number;
  maximum?: number;
  /** Bytes the initial size's LEB128 takes (padded). */
  initialBytes?: number;
  imported?: boolean;
  /** Each global's initial value: an address (i32.const), or 'get' for global.get of an import. */
  globals?: (number | 'get')[];
  /** Data segments at these addresses, 16 bytes each. */
  data?: number[];
}

/** A module that defines (or imports) one memory, exports it as `memory`, and has the given globals and data. */
function wasm(s: Shape): Uint8Array<ArrayBuffer> {
  const limits = [
    ...(s.maximum === undefined ? [0x00] : [0x01]),
    ...leb(s.initial, s.initialBytes),
    ...(s.maximum === undefined ? [] : leb(s.maximum)),
  ];
  const imports = [
    ...(s.imported ? [[...leb(3), ...'env'].map(ch), [...leb(3), ...'mem'].map(ch), [0x02, ...limits]].flat() : []),
    ...(s.globals?.includes('get') ? [[...leb(3), ...'env'].map(ch), [...leb(1), ...'g'].map(ch), [0x03, 0x7f, 0x00]].flat() : []),
  ];
  const importCount = (s.imported ? 1 : 0) + (s.globals?.includes('get') ? 1 : 0);
  const globals = (s.globals ?? []).map((g) => [0x7f, 0x01, ...(g === 'get' ? [0x23, 0x00] : [0x41, ...i32(g)]), 0x0b]);
  const data = (s.data ?? []).map((at) => [0x00, 0x41, ...i32(at), 0x0b, ...leb(16), ...new Array<number>(16).fill(7)]);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...(importCount ? section(2, [...leb(importCount), ...imports]) : []),
    ...(s.imported ? [] : section(5, [0x01, ...limits])),
    ...(globals.length ? section(6, [...leb(globals.length), ...globals.flat()]) : []),
    ...section(7, [...leb(1), ...leb(6), ...'memory'].map(ch).concat([0x02, 0x00])),
    ...(data.length ? section(11, [...leb(data.length), ...data.flat()]) : []),
  ]);
}
function ch(c: number | string): number {
  return typeof c === 'string' ? c.charCodeAt(0) : c;
}

async function memoryPages(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const { instance } = await WebAssembly.instantiate(bytes);
  return (instance.exports.memory as WebAssembly.Memory).buffer.byteLength / PAGE;
}

describe('lowerInitialMemory', () => {
  it('lowers a growable memory to the pages its globals reach plus the headroom, and the module runs', async () => {
    const bytes = wasm({ initial: 100, maximum: 1000, globals: [3 * PAGE + 5, 0], data: [1024] });
    expect(await memoryPages(bytes.slice())).toBe(100);
    expect(lowerInitialMemory(bytes)).toBeTypeOf('function');
    expect(await memoryPages(bytes)).toBe(4 + HEADROOM_PAGES);
  });

  it('keeps the LEB128 width of the initial size (padded), so nothing else moves', async () => {
    const bytes = wasm({ initial: 2048, initialBytes: 3, maximum: 16384, globals: [1 << 20] });
    const before = bytes.length;
    lowerInitialMemory(bytes);
    expect(bytes.length).toBe(before);
    expect(await memoryPages(bytes)).toBe(16 + HEADROOM_PAGES);
  });

  it('puts the initial size back', async () => {
    const bytes = wasm({ initial: 100, maximum: 1000, globals: [PAGE] });
    const original = bytes.slice();
    lowerInitialMemory(bytes)!();
    expect(bytes).toEqual(original);
  });

  const unchanged: [string, Shape][] = [
    ['no maximum: the module may not grow its memory back', { initial: 100, globals: [PAGE] }],
    ['a maximum below what the globals reach', { initial: 100, maximum: 10, globals: [50 * PAGE] }],
    ['an initial size already at what the globals reach', { initial: 3 + HEADROOM_PAGES, maximum: 1000, globals: [3 * PAGE] }],
    ['a global whose address is known only at run time', { initial: 100, maximum: 1000, globals: [PAGE, 'get'] }],
    ['an imported memory', { initial: 100, maximum: 1000, imported: true, globals: [PAGE] }],
  ];
  for (const [name, shape] of unchanged) {
    it(`leaves a module alone: ${name}`, () => {
      const bytes = wasm(shape);
      const original = bytes.slice();
      expect(lowerInitialMemory(bytes)).toBeUndefined();
      expect(bytes).toEqual(original);
    });
  }

  it('leaves malformed bytes alone without throwing', () => {
    const bytes = wasm({ initial: 100, maximum: 1000, globals: [PAGE] });
    for (const cut of [0, 4, 9, 12, bytes.length - 3]) {
      const part = bytes.slice(0, cut);
      expect(() => lowerInitialMemory(part)).not.toThrow();
    }
    expect(lowerInitialMemory(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toBeUndefined();
  });
});

describe('while loading libpg-query', () => {
  const require = createRequire(import.meta.url);
  const pgWasm = path.join(path.dirname(require.resolve('libpg-query')), 'libpg-query.wasm');

  it("lowers libpg-query's 2,048 pages to its stack top plus the headroom", () => {
    const bytes = new Uint8Array(readFileSync(pgWasm));
    expect(lowerInitialMemory(bytes)).toBeTypeOf('function');
    expect(() => new WebAssembly.Module(bytes)).not.toThrow();
    const lowered = wasmMemoryInitial(bytes);
    expect(lowered).toBeGreaterThan(HEADROOM_PAGES);
    expect(lowered).toBeLessThan(1024); // under 64 MiB, where V8 starts collecting for external memory
  });

  it('instantiates a module whose data lies above what its globals reach as it came', async () => {
    const bytes = wasm({ initial: 100, maximum: 1000, globals: [PAGE], data: [60 * PAGE] });
    const pages = await whileLoweringInitialMemory(() => memoryPages(bytes));
    expect(pages).toBe(100);
  });

  it('puts WebAssembly.instantiate back when the load ends, settled or failed', async () => {
    const instantiate = WebAssembly.instantiate;
    await whileLoweringInitialMemory(async () => expect(WebAssembly.instantiate).not.toBe(instantiate));
    await expect(whileLoweringInitialMemory(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(WebAssembly.instantiate).toBe(instantiate);
  });

  it('parses a query whose tree needs the memory to grow past its start', async () => {
    const sql = `SELECT ${Array.from({ length: 20000 }, (_, i) => `c${i}`).join(', ')} FROM t WHERE id = 1`;
    const result = await analyzeSql(sql, 'postgresql');
    expect(result.matches.map((m) => m.ruleId)).toEqual([]);
    expect(result.statements.map((s) => s.kind)).toEqual(['select']);
  });

  it("the binary's sql keeps external memory under V8's 64 MiB mark (a full collection past it)", async () => {
    assertFreshBundle();
    const t = tempHome();
    const report = path.join(t.dir, 'report.cjs');
    writeFileSync(report, `process.on('exit', () => process._rawDebug('external=' + process.memoryUsage().external));\n`);
    const r = await execa('node', ['--require', report, BIN, 'sql', '--dialect', 'postgresql', 'SELECT id FROM users WHERE id = 1'], {
      env: t.env,
      reject: false,
    });
    expect(r.exitCode).toBe(0);
    const external = Number(/external=(\d+)/.exec(String(r.stderr))?.[1]);
    expect(external).toBeGreaterThan(0);
    expect(external).toBeLessThan(64 * 2 ** 20);
  });
});

/** The initial pages of the memory a module defines (section 5), read independently of the code under test. */
function wasmMemoryInitial(bytes: Uint8Array): number {
  let p = 8;
  const u = (): number => {
    let v = 0;
    let s = 0;
    let b: number;
    do {
      b = bytes[p++]!;
      v += (b & 0x7f) * 2 ** s;
      s += 7;
    } while (b & 0x80);
    return v;
  };
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const size = u();
    if (id === 5) {
      p += 2;
      return u();
    }
    p += size;
  }
  throw new Error('no memory section');
}
