// The start-up snapshot's blob leaves out Node's code cache of its built-ins (scripts/snapshot-code-cache.mjs):
// the section is found only where it fits the blob's end exactly, and the built blob has it empty.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

interface CodeCacheScript {
  codeCacheSectionStart(blob: Buffer): number;
  withoutBuiltinCodeCache(blob: Buffer): Buffer | null;
}
const load = async (): Promise<CodeCacheScript> => {
  const script: string = '../../scripts/snapshot-code-cache.mjs'; // a build script, without types
  return (await import(script)) as CodeCacheScript;
};

const size = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
/** A code cache section as node writes it: count, then id length, id, data length, data per entry. */
function section(entries: [string, Buffer][]): Buffer {
  return Buffer.concat([
    size(entries.length),
    ...entries.flatMap(([id, data]) => [size(id.length), Buffer.from(id, 'latin1'), size(data.length), data]),
  ]);
}
const entries = (n: number, data: (i: number) => Buffer): [string, Buffer][] =>
  Array.from({ length: n }, (_, i) => [`internal/module_${i}`, data(i)]);

describe('the snapshot without the built-ins’ code cache', () => {
  it('finds the section at the end of the blob and empties it', async () => {
    const { codeCacheSectionStart, withoutBuiltinCodeCache } = await load();
    const head = Buffer.from('a made-up V8 start-up blob and node’s other sections');
    const blob = Buffer.concat([head, section(entries(40, (i) => Buffer.alloc(100 + i, i)))]);
    expect(codeCacheSectionStart(blob)).toBe(head.length);
    expect(withoutBuiltinCodeCache(blob)).toEqual(Buffer.concat([head, size(0)]));
  });

  it('does not take a start inside the last entry’s data that walks to the end by chance', async () => {
    const { codeCacheSectionStart } = await load();
    // The last entry's data is itself shaped like a short section (two entries) that ends the blob.
    const decoy = section(entries(2, () => Buffer.alloc(10)));
    const blob = Buffer.concat([Buffer.from('head'), section([...entries(30, () => Buffer.alloc(50, 7)), ['zlib', decoy]])]);
    expect(codeCacheSectionStart(blob)).toBe(4);
  });

  it('leaves a blob alone when no section fits its end exactly', async () => {
    const { withoutBuiltinCodeCache } = await load();
    const whole = Buffer.concat([Buffer.from('head'), section(entries(30, () => Buffer.alloc(50)))]);
    expect(withoutBuiltinCodeCache(whole.subarray(0, whole.length - 1))).toBeNull(); // cut short
    expect(withoutBuiltinCodeCache(Buffer.concat([whole, Buffer.from('x')]))).toBeNull(); // something after it
    const badName = Buffer.concat([Buffer.from('head'), section([...entries(29, () => Buffer.alloc(50)), ['no spaces', Buffer.alloc(5)]])]);
    expect(withoutBuiltinCodeCache(badName)).toBeNull();
  });

  it('is left out of the blob the build made', async () => {
    const blob = path.join(path.dirname(BIN), '..', 'dist', 'seatbelt.blob');
    expect(existsSync(blob)).toBe(true);
    const bytes = readFileSync(blob);
    expect(bytes.subarray(bytes.length - 8)).toEqual(size(0));
    const { codeCacheSectionStart } = await load();
    expect(codeCacheSectionStart(bytes)).toBe(-1);
  });
});
