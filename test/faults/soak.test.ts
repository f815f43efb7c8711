// Concurrency soak: 16 writer processes govern a mix of allowed and refused shell, argv and SQL
// actions into one audit file at once. The trail must verify with every acknowledged decision in
// it exactly once, contiguous seq, no fork. Default 16 × 200; SEATBELT_SOAK=N sets the per-writer count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLibrary } from './library.js';
import { keyedHome, recordsById, startWriter, verifyFile } from './support.js';

const WRITERS = 16;
const EACH = Number(process.env.SEATBELT_SOAK ?? 200);

let lib: Awaited<ReturnType<typeof bundleLibrary>>;
beforeAll(async () => {
  lib = await bundleLibrary();
});
afterAll(() => lib?.remove());

describe('concurrency soak', () => {
  it(`${WRITERS} processes × ${EACH} decisions into one trail: verifies, nothing lost, no fork`, { timeout: 180_000 }, async () => {
    const h = keyedHome();
    const writers = Array.from({ length: WRITERS }, (_, i) => startWriter(lib.file, h, EACH, i + 1));
    const exits = await Promise.all(writers.map((w) => w.done));
    exits.forEach((e, i) =>
      expect({ writer: i, ...e, stderr: writers[i]!.stderr }).toEqual({ writer: i, code: 0, signal: null, stderr: '' }),
    );

    const acks = writers.flatMap((w) => w.acks);
    expect(acks).toHaveLength(WRITERS * EACH);
    expect(new Set(acks.map((a) => a.eventId)).size).toBe(acks.length);
    expect(new Set(acks.map((a) => a.decision))).toEqual(new Set(['allow', 'block']));

    const report = verifyFile(h);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.records).toBe(WRITERS * EACH);
    expect(report.decisions).toBe(WRITERS * EACH);
    expect(report.lastSeq).toBe(WRITERS * EACH - 1);

    // Each acknowledged decision is in the file, with the seq and verdict its writer was told.
    const byId = recordsById(h.audit);
    for (const a of acks) {
      const r = byId.get(a.eventId);
      expect(r, `acknowledged ${a.eventId} missing`).toBeDefined();
      expect({ seq: r!.seq, decision: r!.decision }).toEqual({ seq: a.seq, decision: a.decision });
    }
    // Seqs handed out to the writers are exactly 0..N-1: no two writers were told the same one.
    expect(new Set(acks.map((a) => a.seq)).size).toBe(acks.length);
  });
});
