// The only place that starts programs. stdio is inherited, signals are forwarded to the child,
// and the exit code passes through (128+n when the child dies of signal n).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface RunResult {
  exitCode: number;
  /** The signal that ended the child, if any. */
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** Set when the program could not be started (ENOENT → exit 127, EACCES → 126). */
  spawnError?: string;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

export function run(file: string, args: string[], opts: { input?: string } = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: [opts.input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'] });
    const forward = (sig: NodeJS.Signals) => {
      child.kill(sig);
    };
    for (const sig of FORWARDED) process.on(sig, forward);
    let finished = false;
    const done = (r: Omit<RunResult, 'durationMs'>) => {
      if (finished) return; // 'error' and 'exit' can both fire
      finished = true;
      for (const sig of FORWARDED) process.off(sig, forward);
      resolve({ ...r, durationMs: Math.round((performance.now() - started) * 1000) / 1000 });
    };
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // the child may exit without reading its stdin
      child.stdin.end(opts.input);
    }
    child.on('error', (err: NodeJS.ErrnoException) => {
      const exitCode = err.code === 'ENOENT' ? 127 : 126;
      done({ exitCode, signal: null, spawnError: `${file}: ${err.code === 'ENOENT' ? 'command not found' : err.message}` });
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        const n = constants.signals[signal] ?? 0;
        done({ exitCode: 128 + n, signal });
      } else {
        done({ exitCode: code ?? 1, signal: null });
      }
    });
  });
}
