// LineSplitter keeps the unfinished end of a chunk for the next one. verifyFile reads the trail into
// one reused Buffer, so that end must be a copy: a Buffer's slice() shares memory, and the next read
// overwrote the start of the line that crossed the 1 MiB read boundary (reported as MALFORMED).
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/audit/verify-core.js';
import { verifyFile } from '../../src/audit/verify.js';
import { chain, signer } from './fixtures.js';

describe('LineSplitter', () => {
  it('a line across two reads into one reused buffer comes out whole', () => {
    const text = 'first line\nsecond line crosses\nthird\n';
    const lines: string[] = [];
    const split = new LineSplitter((l) => lines.push(Buffer.from(l.bytes).toString()));
    const buf = Buffer.alloc(16);
    for (let at = 0; at < text.length; at += 16) {
      const n = buf.write(text.slice(at, at + 16));
      split.feed(buf.subarray(0, n));
      buf.fill(0x58); // the next read overwrites the buffer
    }
    split.end();
    expect(lines).toEqual(['first line', 'second line crosses', 'third']);
  });

  it('verifyFile reads a trail longer than two of its 1 MiB reads as intact', () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'seatbelt-splitter-'));
    try {
      const file = path.join(dir, 'audit.jsonl');
      fs.writeFileSync(
        file,
        chain(3000)
          .map((r) => `${r.line}\n`)
          .join(''),
      );
      expect(fs.statSync(file).size).toBeGreaterThan(2 << 20); // a second full read reaches the kept end
      const r = verifyFile(file, { publicKeys: [signer.publicKeyPem] });
      expect(r.findings).toEqual([]);
      expect(r.records).toBe(3000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
