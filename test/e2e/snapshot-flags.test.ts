// A start-up snapshot fits only the V8 flags it was made under: node refuses it otherwise (exit 14,
// which a host reads as "hook failed, go ahead"). bin/seatbelt must start it with exactly the flags
// scripts/snapshot.mjs makes it with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

describe('the snapshot’s V8 flags', () => {
  it('bin/seatbelt starts the snapshot with exactly the flags it was made under', async () => {
    const script: string = '../../scripts/snapshot.mjs'; // a build script, without types
    const { SNAPSHOT_FLAGS } = (await import(script)) as { SNAPSHOT_FLAGS: string[] };
    const launcher = readFileSync(BIN, 'utf8');
    const runs = launcher.split('\n').filter((l) => l.includes('--snapshot-blob "$blob"'));
    expect(runs).toHaveLength(1);
    const flags = runs[0]!
      .trim()
      .split(/\s+/)
      .slice(2)
      .filter((w) => w.startsWith('--') && w !== '--snapshot-blob');
    expect(flags).toEqual(SNAPSHOT_FLAGS);
    expect(path.basename(BIN)).toBe('seatbelt');
  });
});
