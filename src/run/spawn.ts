// The only place that starts programs. stdio is inherited, signals are forwarded to the child,
// and the exit code passes through (128+n when the child dies of signal n).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { EXIT } from '../core/error.js';

export interface RunResult {
  exitCode: number;
  /** The signal that ended the child, if any. */
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** Set when the program could not be started (ENOENT → exit 127, EACCES → 126). */
  spawnError?: string;
  /** With `capture`: what the child wrote. */
  stdout?: Buffer;
  stderr?: Buffer;
}

export interface RunOptions {
  /** Written to the child's stdin (otherwise stdin is inherited). */
  input?: string;
  /** Collect stdout and stderr instead of inheriting them (the library's `exec`). */
  capture?: boolean;
  /** Forward this process's signals to the child (the CLI); a library leaves its host's handlers alone. */
  forwardSignals?: boolean;
  cwd?: string;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

export function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  // process.hrtime, not performance.now(): the `performance` global loads perf_hooks (~5 ms a start).
  const started = process.hrtime.bigint();
  const forwarding = opts.forwardSignals ?? true;
  return new Promise((resolve) => {
    const out = opts.capture ? 'pipe' : 'inherit';
    const child = spawn(file, args, {
      stdio: [opts.input === undefined ? 'inherit' : 'pipe', out, out],
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    });
    const chunks: { stdout: Buffer[]; stderr: Buffer[] } = { stdout: [], stderr: [] };
    child.stdout?.on('data', (b: Buffer) => chunks.stdout.push(b));
    child.stderr?.on('data', (b: Buffer) => chunks.stderr.push(b));
    const forward = (sig: NodeJS.Signals) => {
      child.kill(sig);
    };
    if (forwarding) for (const sig of FORWARDED) process.on(sig, forward);
    let finished = false;
    const done = (r: Omit<RunResult, 'durationMs'>) => {
      if (finished) return; // 'error' and 'exit' can both fire
      finished = true;
      if (forwarding) for (const sig of FORWARDED) process.off(sig, forward);
      const captured = opts.capture ? { stdout: Buffer.concat(chunks.stdout), stderr: Buffer.concat(chunks.stderr) } : {};
      resolve({ ...r, ...captured, durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000 });
    };
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // the child may exit without reading its stdin
      child.stdin.end(opts.input);
    }
    child.on('error', (err: NodeJS.ErrnoException) => {
      // Like a shell: 127 when there is no such program, 126 when it cannot be executed (not executable, a folder, no permission).
      const exitCode = err.code === 'ENOENT' ? EXIT.NOT_FOUND : EXIT.CANNOT_EXECUTE;
      const why =
        err.code === 'ENOENT'
          ? 'command not found'
          : err.code === 'EACCES'
            ? 'cannot execute: permission denied (is it executable?)'
            : err.message;
      done({ exitCode, signal: null, spawnError: `${file}: ${why}` });
    });
    // Captured output is complete only once the pipes close, which comes after 'exit'.
    child.on(opts.capture ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => {
      if (signal) {
        const n = constants.signals[signal] ?? 0;
        done({ exitCode: 128 + n, signal });
      } else {
        done({ exitCode: code ?? 1, signal: null });
      }
    });
  });
}
