// The real binary (test/e2e/helpers.ts) with its output typed as text, for these suites.
import { seatbelt } from '../e2e/helpers.js';

export { BIN, tempHome } from '../e2e/helpers.js';

export interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function sb(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<Run> {
  const r = await seatbelt(args, opts);
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 };
}
