// A progress bar on stderr for long work (verify, audit export and report, scan): how much is
// done, the rate and the time left. Only for a person watching: never on a pipe or a file, never
// with TERM=dumb, and not when the output is machine-readable (--json, SARIF) going to a pipe.
// It appears only once the work has taken half a second (a short run never flashes a bar),
// redraws at most ten times a second, and erases itself when the work ends, so the terminal holds
// only what the command prints. SEATBELT_PROGRESS=off never shows it; =on shows it at once.

export type ProgressUnit = 'bytes' | 'files' | 'records';

export interface ProgressOptions {
  /** What is being done, e.g. "verify audit.jsonl". */
  label: string;
  total: number;
  unit: ProgressUnit;
  /** The output is for a program (--json, SARIF): show progress only when stdout is a terminal too. */
  machineOutput?: boolean;
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>;
  stdoutIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface Progress {
  /** `done` units of the total so far; `note` is shown after the figures (e.g. "12,345 records"). */
  update(done: number, note?: string): void;
  /** A new stage of the same work: a new label and total, counted from 0. */
  stage(label: string, total: number): void;
  /** Erases the bar (when one was drawn). Safe to call twice. */
  end(): void;
}

const SHOW_AFTER_MS = 500;
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

const NONE: Progress = { update() {}, stage() {}, end() {} };

/** Whether a bar may be drawn at all: a terminal on stderr, and on stdout too for machine output. */
export function progressWanted(o: {
  env: NodeJS.ProcessEnv;
  stderrIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
  machineOutput?: boolean;
}): boolean {
  const mode = (o.env.SEATBELT_PROGRESS ?? 'auto').toLowerCase();
  if (mode === 'off' || mode === '0' || mode === 'false') return false;
  if (o.stderrIsTTY !== true || o.env.TERM === 'dumb') return false;
  if (o.machineOutput && o.stdoutIsTTY !== true) return false;
  return true;
}

function amount(n: number, unit: ProgressUnit): string {
  if (unit !== 'bytes') return `${Math.round(n).toLocaleString('en')}`;
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The bar's one line: `verify audit.jsonl [#######.......] 31% 12.0 MiB of 38.5 MiB · 9.1 MiB/s · 3s left · 40,123 records`.
 * Pure, for tests. Cut to `columns - 1` characters so it never wraps.
 */
export function progressLine(p: {
  label: string;
  done: number;
  total: number;
  unit: ProgressUnit;
  elapsedMs: number;
  note?: string;
  columns?: number;
}): string {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total || p.done);
  const frac = total > 0 ? done / total : 0;
  const filled = Math.round(frac * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const unitWord = p.unit === 'bytes' ? '' : ` ${p.unit}`;
  const parts = [`${amount(done, p.unit)} of ${amount(total, p.unit)}${unitWord}`];
  const seconds = p.elapsedMs / 1000;
  if (seconds >= 0.2 && done > 0) {
    const rate = done / seconds;
    parts.push(`${amount(rate, p.unit)}${p.unit === 'bytes' ? '' : ` ${p.unit}`}/s`);
    if (total > done) parts.push(`${clock((total - done) / rate)} left`);
  }
  if (p.note) parts.push(p.note);
  const line = `${p.label} ${bar} ${String(Math.floor(frac * 100)).padStart(3)}% ${parts.join(' · ')}`;
  const max = Math.max(20, (p.columns ?? 80) - 1);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A bar on stderr when it is wanted (see progressWanted), else one that does nothing. */
export function startProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const env = o.env ?? process.env;
  const wanted = progressWanted({
    env,
    stderrIsTTY: stream.isTTY,
    stdoutIsTTY: o.stdoutIsTTY ?? process.stdout.isTTY,
    ...(o.machineOutput !== undefined ? { machineOutput: o.machineOutput } : {}),
  });
  if (!wanted) return NONE;
  const now = o.now ?? Date.now;
  const showAfter = ['on', '1', 'true'].includes((env.SEATBELT_PROGRESS ?? '').toLowerCase()) ? 0 : SHOW_AFTER_MS;
  const started = now();
  let label = o.label;
  let total = o.total;
  let stageStarted = started;
  let lastDraw = -Infinity;
  let drawn = false;
  let ended = false;
  const erase = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  // An error thrown past the caller still leaves a clean line for the message that follows.
  const onExit = () => erase();
  process.once('exit', onExit);
  return {
    update(done, note) {
      if (ended) return;
      const t = now();
      if (t - started < showAfter || t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const line = progressLine({
        label,
        done,
        total,
        unit: o.unit,
        elapsedMs: t - stageStarted,
        ...(note !== undefined ? { note } : {}),
        ...(stream.columns ? { columns: stream.columns } : {}),
      });
      stream.write(`\r${line}\x1b[K`);
      drawn = true;
    },
    stage(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      stageStarted = now();
      lastDraw = -Infinity;
    },
    end() {
      if (ended) return;
      ended = true;
      erase();
      process.removeListener('exit', onExit);
    },
  };
}
