// Starts `bin/seatbelt serve` (the real binary) in a scratch folder with a scratch HOME and
// SEATBELT_HOME, and reads the address it prints. The gateway only decides: nothing runs a tool call.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, assertFreshBundle } from '../e2e/helpers.js';

export interface Served {
  url: string;
  proc: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function serve(args: string[], opts: { env: Record<string, string>; cwd: string }): Promise<Served> {
  assertFreshBundle();
  const proc = spawn(BIN, ['serve', ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    proc.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
  return {
    url,
    proc,
    stderr: () => err,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}
