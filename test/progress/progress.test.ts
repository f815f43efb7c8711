// The progress bar's pure parts and its rules (when it shows, how often it redraws, that it erases
// itself), with a fake stream and clock. test/progress/progress-tty.test.ts drives it through the
// binary under a pseudo-terminal.
import { describe, expect, it } from 'vitest';
import { progressLine, progressWanted, startProgress } from '../../src/adapters/cli/progress.js';

function fakeTerminal(isTTY = true, columns = 100) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => (writes.push(s), true) } };
}

describe('progressLine', () => {
  it('shows the bar, the percentage, done of total, the rate and the time left', () => {
    const line = progressLine({
      label: 'verify a.jsonl',
      done: 25 * 1024 ** 2,
      total: 100 * 1024 ** 2,
      unit: 'bytes',
      elapsedMs: 5000,
      columns: 200,
    });
    expect(line).toBe('verify a.jsonl [######..................]  25% 25.0 MiB of 100.0 MiB · 5.0 MiB/s · 15s left');
  });

  it('counts files and records in their own words, with a note', () => {
    const line = progressLine({ label: 'scan: judging', done: 120, total: 400, unit: 'files', elapsedMs: 4000, note: 'x', columns: 200 });
    expect(line).toBe('scan: judging [#######.................]  30% 120 of 400 files · 30 files/s · 9s left · x');
  });

  it('leaves out the rate until there is one, and the time left when done', () => {
    expect(progressLine({ label: 'l', done: 0, total: 10, unit: 'records', elapsedMs: 0 })).toBe(
      'l [........................]   0% 0 of 10 records',
    );
    expect(progressLine({ label: 'l', done: 10, total: 10, unit: 'records', elapsedMs: 2000 })).toBe(
      'l [########################] 100% 10 of 10 records · 5 records/s',
    );
    expect(progressLine({ label: 'l', done: 1, total: 3600 * 2 + 1, unit: 'files', elapsedMs: 1000 })).toContain('2h00m left');
  });

  it('never wraps: cut to the terminal width', () => {
    const line = progressLine({ label: 'x'.repeat(200), done: 1, total: 2, unit: 'files', elapsedMs: 1, columns: 60 });
    expect(line).toHaveLength(59);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('progressWanted', () => {
  const tty = { stderrIsTTY: true, stdoutIsTTY: true };
  it('only on a terminal, not TERM=dumb, not when SEATBELT_PROGRESS=off', () => {
    expect(progressWanted({ env: {}, ...tty })).toBe(true);
    expect(progressWanted({ env: {}, stderrIsTTY: false, stdoutIsTTY: true })).toBe(false);
    expect(progressWanted({ env: {}, stderrIsTTY: undefined, stdoutIsTTY: true })).toBe(false);
    expect(progressWanted({ env: { TERM: 'dumb' }, ...tty })).toBe(false);
    expect(progressWanted({ env: { SEATBELT_PROGRESS: 'off' }, ...tty })).toBe(false);
    expect(progressWanted({ env: { SEATBELT_PROGRESS: '0' }, ...tty })).toBe(false);
  });

  it('machine output (--json, SARIF) going to a pipe gets none; plain output to a pipe still may', () => {
    expect(progressWanted({ env: {}, stderrIsTTY: true, stdoutIsTTY: false, machineOutput: true })).toBe(false);
    expect(progressWanted({ env: {}, stderrIsTTY: true, stdoutIsTTY: true, machineOutput: true })).toBe(true);
    expect(progressWanted({ env: {}, stderrIsTTY: true, stdoutIsTTY: false })).toBe(true);
  });

  it('NO_COLOR does not turn it off: it has no colour', () => {
    expect(progressWanted({ env: { NO_COLOR: '1' }, ...tty })).toBe(true);
  });
});

describe('startProgress', () => {
  it('shows nothing for work that ends within half a second', () => {
    const t = fakeTerminal();
    let now = 0;
    const p = startProgress({ label: 'l', total: 10, unit: 'files', stream: t.stream, stdoutIsTTY: true, env: {}, now: () => now });
    for (let i = 0; i < 10; i++) {
      now += 40;
      p.update(i);
    }
    p.end();
    expect(t.writes).toEqual([]);
  });

  it('after half a second: draws, throttled to ten redraws a second, and erases itself at the end', () => {
    const t = fakeTerminal();
    let now = 0;
    const p = startProgress({ label: 'l', total: 1000, unit: 'files', stream: t.stream, stdoutIsTTY: true, env: {}, now: () => now });
    for (let i = 0; i < 1000; i++) {
      now += 2; // 2 s in all, 1.5 s of it shown
      p.update(i);
    }
    p.end();
    p.end();
    const draws = t.writes.filter((w) => w.startsWith('\r') && w.length > 4);
    expect(draws.length).toBeGreaterThanOrEqual(14);
    expect(draws.length).toBeLessThanOrEqual(16);
    for (const d of draws) expect(d).toMatch(/^\r.*\x1b\[K$/);
    expect(t.writes.at(-1)).toBe('\r\x1b[K');
    expect(t.writes.filter((w) => w === '\r\x1b[K')).toHaveLength(1);
  });

  it('SEATBELT_PROGRESS=on draws at once; a new stage starts its count again', () => {
    const t = fakeTerminal();
    let now = 0;
    const p = startProgress({
      label: 'scan: reading',
      total: 4,
      unit: 'files',
      stream: t.stream,
      stdoutIsTTY: true,
      env: { SEATBELT_PROGRESS: 'on' },
      now: () => now,
    });
    p.update(1);
    p.stage('scan: judging', 4);
    now += 1;
    p.update(2);
    p.end();
    expect(t.writes[0]).toContain('scan: reading');
    expect(t.writes[1]).toContain('scan: judging');
    expect(t.writes[1]).toContain('2 of 4 files');
  });

  it('writes nothing at all to a pipe', () => {
    const t = fakeTerminal(false);
    const p = startProgress({ label: 'l', total: 4, unit: 'files', stream: t.stream, stdoutIsTTY: true, env: { SEATBELT_PROGRESS: 'on' } });
    p.update(1);
    p.update(4);
    p.end();
    expect(t.writes).toEqual([]);
  });
});
