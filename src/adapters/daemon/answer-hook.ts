// One hook command line answered inside the daemon, through the same commander tree and action as
// `seatbelt hook <host>` in a process of its own (cli/hook.ts): only where the payload comes from
// and where the answer goes differ. Commander's own messages (a bad flag) are kept in the answer,
// as the stand-alone hook prints them.
import { Readable } from 'node:stream';
import { finishProgram, newProgram } from '../cli/program.js';
import { registerHook, type HookIO } from '../cli/hook.js';
import type { HookAnswer } from '../hooks/types.js';

/** Thrown by the daemon's HookIO.stop: the answer is already made, nothing else runs. */
const ANSWERED = Symbol('answered');

/** The hook's whole answer to `argv` (`hook <host> [flags]`) with `stdin` as its payload; null when the command line made no answer (`--help`). */
export async function answerHook(argv: readonly string[], stdin: string): Promise<HookAnswer | null> {
  let answer: HookAnswer | undefined;
  let said = '';
  const io: HookIO = {
    stdin: () => Readable.from(stdin.length ? [Buffer.from(stdin, 'utf8')] : []),
    answer: (a) => {
      answer = a;
    },
    stop: () => {
      throw ANSWERED;
    },
  };
  const program = newProgram().configureOutput({
    writeOut: (s) => void (said += s),
    writeErr: (s) => void (said += s),
  });
  registerHook(program, io);
  finishProgram(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err !== ANSWERED) return null; // help, version: the stand-alone hook answers those
  }
  return answer ? { ...answer, stderr: said + answer.stderr } : null;
}
