// Background shipping (docs/fleet.md): when the operator named a ledger (SEATBELT_SHIP_URL or the
// user config's `ship`), exec and the gateway keep it up to date without waiting for it. After
// sealing they call `shipInBackground`, which starts a detached `seatbelt audit ship --background`
// for the trail unless one is running (its pid file is fresh and its process alive) or one was
// started in the last RESPAWN_MS. That shipper follows the trail until it has been quiet for a while
// (SEATBELT_SHIP_IDLE_MS, default 30 s), so a burst of commands starts one process, not one each.
// Its messages and failures go to $SEATBELT_HOME/ship/ship.log; nothing it does changes a decision
// or an exit code. This file loads on the exec path: node's own modules only, and no work at all
// when no ledger is configured.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';

/** At most one start per trail in this long (a shipper that fails at once is not restarted by every command). */
export const RESPAWN_MS = 10_000;
/** A pid file not refreshed for this long is stale, whatever process holds that pid now. */
export const STALE_MS = 10 * 60_000;
/** The log is started afresh (the old one kept as ship.log.1) past this size. */
const LOG_MAX_BYTES = 1 << 20;

export interface ShipFiles {
  dir: string;
  /** Holds the pid of the running background shipper of the trail, refreshed each round. */
  pid: string;
  /** Touched at each start: the rate limit. */
  started: string;
  log: string;
}

/** The files of the background shipper of `trail` under `home` (one set per trail). */
export function shipFiles(home: string, trail: string): ShipFiles {
  const dir = path.join(home, 'ship');
  const id = createHash('sha256').update(path.resolve(trail)).digest('hex').slice(0, 16);
  return { dir, pid: path.join(dir, `${id}.pid`), started: path.join(dir, `${id}.started`), log: path.join(dir, 'ship.log') };
}

/** The pid in a fresh pid file whose process is alive, else null. */
export function runningShipper(files: ShipFiles, now = Date.now()): number | null {
  try {
    const st = fs.statSync(files.pid);
    if (now - st.mtimeMs > STALE_MS) return null;
    const pid = Number(fs.readFileSync(files.pid, 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? -1 : null;
  }
}

export type BackgroundShip = 'off' | 'running' | 'recent' | 'started' | 'failed';

/**
 * Starts a background shipper for the trail when a ledger is configured and none runs. Never
 * throws: what goes wrong is written to the log (or, when even that fails, nowhere: shipping is
 * never worth failing a guarded command for).
 */
export function shipInBackground(o: { ledger: string | null; home: string; trail: string; now?: number }): BackgroundShip {
  if (!o.ledger) return 'off';
  const cli = seatbeltCli();
  if (!cli) return 'off'; // not the CLI (the library, a test runner): nothing to start
  const files = shipFiles(o.home, o.trail);
  const now = o.now ?? Date.now();
  try {
    if (runningShipper(files, now) !== null) return 'running';
    try {
      if (now - fs.statSync(files.started).mtimeMs < RESPAWN_MS) return 'recent';
    } catch {
      // never started
    }
    fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(files.started, `${new Date(now).toISOString()}\n`);
    const log = openLog(files.log);
    try {
      const child = spawn(process.execPath, [cli, 'audit', 'ship', '--background', '--audit', path.resolve(o.trail)], {
        detached: true,
        stdio: ['ignore', log, log],
        // The shipper reads the same home (keys, user config) and, from the environment, the same ledger.
        env: { ...process.env, SEATBELT_HOME: o.home },
        windowsHide: true,
      });
      child.on('error', () => {}); // a failed spawn is reported by its absence in the log
      child.unref();
    } finally {
      fs.closeSync(log);
    }
    return 'started';
  } catch (err) {
    note(files.log, `cannot start the background shipper: ${(err as Error).message}`);
    return 'failed';
  }
}

/** The running seatbelt CLI script (bin/seatbelt, or a dist bundle run by node), or null when this process is something else. */
function seatbeltCli(): string | null {
  const script = process.argv[1];
  return script && /^seatbelt(\.[cm]?js)?$/.test(path.basename(script)) ? script : null;
}

function openLog(file: string): number {
  try {
    if (fs.statSync(file).size > LOG_MAX_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  return fs.openSync(file, 'a', 0o600);
}

/** One timestamped line in the log; silent when the log cannot be written. */
export function note(file: string, message: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.appendFileSync(file, `${new Date().toISOString()} ${message}\n`, { mode: 0o600 });
  } catch {
    // nowhere to say it
  }
}

/**
 * The background shipper's claim on its trail: the pid file, written exclusively (a live claim by
 * another process wins; a stale one is taken over), refreshed by `touch`, removed by `release`
 * when it is still ours. Null when another shipper runs.
 */
export function claimShipping(files: ShipFiles): { touch: () => void; release: () => void } | null {
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(files.pid, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      const mine = () => {
        try {
          return fs.readFileSync(files.pid, 'utf8').trim() === String(process.pid);
        } catch {
          return false;
        }
      };
      return {
        touch: () => {
          const t = new Date();
          if (mine()) fs.utimesSync(files.pid, t, t);
        },
        release: () => {
          if (mine()) fs.rmSync(files.pid, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (runningShipper(files) !== null) return null;
      fs.rmSync(files.pid, { force: true }); // stale: its process is gone or it stopped refreshing it
    }
  }
  return null;
}

/**
 * For a long-lived process (the gateway): every `everyMs`, when the trail has grown since a
 * shipper last took it, makes sure one runs. Returns the function that stops watching.
 */
export function shipWhileServing(o: { ledger: string | null; home: string; trail: string }, everyMs = 5_000): () => void {
  if (!o.ledger) return () => {};
  let shippedSize = -1;
  const tick = () => {
    let size: number;
    try {
      size = fs.statSync(o.trail).size;
    } catch {
      return; // no trail yet
    }
    if (size === shippedSize) return;
    const r = shipInBackground(o);
    if (r === 'started' || r === 'running') shippedSize = size;
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
