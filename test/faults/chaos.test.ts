// Crash chaos: rounds of concurrent writers, each killed with SIGKILL at a random moment (inside
// or outside the lock, before or after an fsync), some rounds ending with a write torn mid-line.
// Afterwards one clean writer runs, and then: every decision a writer acknowledged is in the file
// with the seq it was told, the trail verifies, and every torn write has its recovery record.
// SEATBELT_CHAOS_ROUNDS sets the number of rounds (default 8).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLibrary } from './library.js';
import { keyedHome, recordsById, startWriter, verifyFile, type Writer } from './support.js';

const ROUNDS = Number(process.env.SEATBELT_CHAOS_ROUNDS ?? 8);
const WRITERS_PER_ROUND = 5;

let lib: Awaited<ReturnType<typeof bundleLibrary>>;
beforeAll(async () => {
  lib = await bundleLibrary();
});
afterAll(() => lib?.remove());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await sleep(5);
}

describe('crash chaos', () => {
  it(
    `${ROUNDS} rounds of ${WRITERS_PER_ROUND} writers killed at random: acknowledged decisions survive, the trail verifies`,
    { timeout: 180_000 },
    async () => {
      const h = keyedHome();
      const all: Writer[] = [];
      let torn = 0;
      let staleLocks = 0;
      let seed = 1;
      for (let round = 0; round < ROUNDS; round++) {
        const writers = Array.from({ length: WRITERS_PER_ROUND }, () => startWriter(lib.file, h, 100_000, seed++));
        all.push(...writers);
        // Let each get going (its first decision is on record), then kill it at its own random moment.
        await Promise.all(
          writers.map(async (w) => {
            await until(() => w.acks.length > 0 || w.child.exitCode !== null, 30_000);
            await sleep(Math.random() * 400);
            w.child.kill('SIGKILL');
            const end = await w.done;
            // Killed by us, not dead of its own accord (a lock timeout, an audit error).
            expect({ signal: end.signal, stderr: w.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
          }),
        );
        if (existsSync(`${h.audit}.lock`)) staleLocks++;
        if (round % 3 === 1 && existsSync(h.audit)) {
          // A writer killed inside write(): the first half of a record and no newline.
          const last = readFileSync(h.audit, 'utf8').trimEnd().split('\n').at(-1)!;
          appendFileSync(h.audit, last.slice(0, Math.floor(last.length / 2)));
          torn++;
        }
      }
      // One clean writer after the storm: takes over any stale lock, recovers any torn tail.
      const final = startWriter(lib.file, h, 3, 999);
      expect(await final.done).toEqual({ code: 0, signal: null });
      all.push(final);

      const acks = all.flatMap((w) => w.acks);
      console.log(`chaos: ${acks.length} acknowledged, ${staleLocks} rounds left a stale lock, ${torn} torn writes`);
      expect(acks.length).toBeGreaterThanOrEqual(ROUNDS * WRITERS_PER_ROUND); // each writer got work done before its kill
      const byId = recordsById(h.audit);
      for (const a of acks) {
        const r = byId.get(a.eventId);
        expect(r, `acknowledged decision ${a.eventId} is missing`).toBeDefined();
        expect({ seq: r!.seq, decision: r!.decision }).toEqual({ seq: a.seq, decision: a.decision });
      }
      const report = verifyFile(h);
      expect(report.findings).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.recoveries).toBeGreaterThanOrEqual(torn);
      expect(report.records).toBe(byId.size);
    },
  );
});
