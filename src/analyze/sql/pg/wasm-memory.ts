// libpg-query's WebAssembly module asks for 128 MiB of memory at start (emscripten's default
// INITIAL_MEMORY) and may grow to 1 GiB. V8 counts that memory as external memory, and 128 MiB is
// past the mark at which it answers with a full garbage collection: ~6 ms of every `sql` run
// (measured, bench/README.md). The module needs only its static data and stack at start (~33 MiB);
// emscripten's allocator grows the memory on demand past that. So, before the module is
// instantiated, its declared initial size is lowered to what its static layout occupies.

/** Pages (64 KiB each) left above the static layout, for the first allocations. */
export const HEADROOM_PAGES = 16;

const PAGE = 65536;

interface Layout {
  /** Where the initial size's LEB128 starts, and how many bytes it takes. */
  initialAt: number;
  initialBytes: number;
  initial: number;
  maximum: number;
  /** The highest address a global's constant holds: for emscripten, the top of the stack. */
  reach: number;
}

/** An unsigned LEB128 number at `at`, with the offset after it. */
function u32(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const b = bytes[at++];
    if (b === undefined) break;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
  }
  return [NaN, at];
}

/** A signed LEB128 number at `at` (wasm's i32), as the unsigned address it encodes. */
function i32(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const b = bytes[at++];
    if (b === undefined) break;
    value |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      if (shift + 7 < 32 && b & 0x40) value |= -1 << (shift + 7);
      return [value >>> 0, at];
    }
  }
  return [NaN, at];
}

/**
 * The memory a module defines and the highest address its globals start with, or undefined when
 * there is no memory to lower or the module is not what the reads expect. The data segments are
 * not read (libpg-query has ~2,700: ~1.3 ms cold, measured): V8 refuses to instantiate a module
 * whose data does not fit, and whileLoweringInitialMemory (below) then puts the initial size back.
 */
function layout(bytes: Uint8Array): Layout | undefined {
  let memory: Omit<Layout, 'reach'> | undefined;
  let reach = 0;
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const [size, start] = u32(bytes, p);
    const end = start + size;
    if (!(end <= bytes.length)) return undefined;
    if (id === 5) {
      // one memory, flags 0x01: an initial and a maximum size, unshared, 32-bit
      if (bytes[start] !== 1 || bytes[start + 1] !== 0x01) return undefined;
      const initialAt = start + 2;
      const [initial, afterInitial] = u32(bytes, initialAt);
      const [maximum] = u32(bytes, afterInitial);
      memory = { initialAt, initialBytes: afterInitial - initialAt, initial, maximum };
    } else if (id === 6) {
      let [count, at] = u32(bytes, start);
      for (; count > 0; count--) {
        at += 2; // value type, mutability
        const op = bytes[at++];
        let value = 0;
        if (op === 0x41) [value, at] = i32(bytes, at);
        else if (op === 0x42) while (at < end && bytes[at++]! & 0x80);
        else if (op === 0x43) at += 4;
        else if (op === 0x44) at += 8;
        else return undefined; // global.get, references, extended constants: known only at run time
        if (bytes[at++] !== 0x0b || !(value >= 0)) return undefined;
        if (value > reach) reach = value;
      }
    }
    p = end;
  }
  return memory && { ...memory, reach };
}

/**
 * Lowers, in place, the initial size of the memory a WebAssembly module defines to the pages its
 * globals reach (emscripten's stack top, above its data) plus HEADROOM_PAGES — only where the module
 * may grow its memory back (it declares a maximum above that). Returns a function that puts the
 * initial size back, or undefined when the module is left unchanged.
 */
export function lowerInitialMemory(bytes: Uint8Array): (() => void) | undefined {
  const found = bytes.length > 8 ? layout(bytes) : undefined;
  if (!found || !(found.initial > 0) || !(found.maximum > 0)) return undefined;
  const pages = Math.ceil(found.reach / PAGE) + HEADROOM_PAGES;
  if (pages >= found.initial || pages > found.maximum) return undefined;
  const at = found.initialAt;
  const original = bytes.slice(at, at + found.initialBytes);
  // The same number of bytes (fewer pages than the initial size fit in its bytes): wasm reads a
  // LEB128 padded with 0x80 continuation bytes as the same number.
  for (let i = 0, rest = pages; i < found.initialBytes; i++, rest >>>= 7) {
    bytes[at + i] = (rest & 0x7f) | (i < found.initialBytes - 1 ? 0x80 : 0);
  }
  return () => bytes.set(original, at);
}

/**
 * Runs `load` with WebAssembly.instantiate lowering the initial memory of the modules it is given
 * as bytes (above). libpg-query instantiates its module itself, from bytes it reads, with no
 * way to hand it others; tree-sitter's modules import their memory and are left as they are. Should
 * a module's data not fit the lowered size, V8 refuses it and it is instantiated as it came.
 */
export async function whileLoweringInitialMemory<T>(load: () => Promise<T>): Promise<T> {
  const instantiate = WebAssembly.instantiate;
  const lowering = function (this: unknown, source: unknown, imports?: WebAssembly.Imports): unknown {
    const bytes = ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : source instanceof ArrayBuffer
        ? new Uint8Array(source)
        : undefined;
    const restore = bytes && lowerInitialMemory(bytes);
    const instantiated = Reflect.apply(instantiate, this, [source, imports]) as Promise<unknown>;
    if (!restore) return instantiated;
    return instantiated.catch(() => {
      restore();
      return Reflect.apply(instantiate, this, [source, imports]) as Promise<unknown>;
    });
  };
  WebAssembly.instantiate = lowering as typeof WebAssembly.instantiate;
  try {
    return await load();
  } finally {
    if (WebAssembly.instantiate === lowering) WebAssembly.instantiate = instantiate;
  }
}
