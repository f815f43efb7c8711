// `seatbelt exec [options] -- <cmd> [args…]` and `seatbelt exec [options] --shell "<script>"`:
// decide, seal durably, then run or refuse.
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import type { Action } from '../../core/types.js';
import { run } from '../../run/spawn.js';
import { openSession } from '../session.js';
import { decisionJson, refusalText, sessionOptions, withDecisionFlags, type DecisionFlags } from './shared.js';

interface ExecFlags extends DecisionFlags {
  shell?: string;
}

export function registerExec(program: Command): void {
  const cmd = program
    .command('exec')
    .description('decide, seal the decision in the audit trail, then run the command or refuse it')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--shell <script>', 'a shell script, run by /bin/sh -c when allowed')
    .passThroughOptions();
  withDecisionFlags(cmd, { sealing: true }).action(async (argv: string[], flags: ExecFlags) => {
    process.exitCode = await execCommand(argv, flags);
  });
}

function actionFrom(argv: string[], flags: ExecFlags): Action {
  if (flags.shell !== undefined && argv.length > 0) throw new SeatbeltError('USAGE', 'give either --shell "<script>" or -- <command>, not both');
  if (flags.shell !== undefined) return { kind: 'shell', script: flags.shell };
  if (argv.length === 0) throw new SeatbeltError('USAGE', 'nothing to run: seatbelt exec -- <command> [args…] or seatbelt exec --shell "<script>"');
  return { kind: 'argv', argv };
}

async function execCommand(argv: string[], flags: ExecFlags): Promise<number> {
  const action = actionFrom(argv, flags);
  const session = openSession(sessionOptions(flags));
  let governed;
  try {
    governed = await session.govern(action);
  } catch (err) {
    if (err instanceof SeatbeltError && err.code === 'AUDIT') {
      process.stderr.write(`seatbelt: refusing to run: the decision could not be recorded durably (${err.message})\n`);
      return EXIT.AUDIT;
    }
    throw err;
  } finally {
    for (const n of session.notices) process.stderr.write(n + '\n');
  }
  const { decision, record } = governed;
  const seal = { eventId: record.record.event_id, hash: record.record.hash };
  if (flags.json) process.stderr.write(JSON.stringify(decisionJson(decision, seal)) + '\n');
  if (decision.decision === 'block') {
    if (!flags.json) process.stderr.write(refusalText(decision, seal));
    return EXIT.REFUSED;
  }
  const result = action.kind === 'argv' ? await run(action.argv[0]!, action.argv.slice(1)) : await run('/bin/sh', ['-c', action.kind === 'shell' ? action.script : '']);
  if (result.spawnError) process.stderr.write(`seatbelt: ${result.spawnError}\n`);
  try {
    session.sealOutcome(seal.eventId, result);
  } catch (err) {
    // The command already ran; its decision is on record. Say that the outcome is missing.
    process.stderr.write(`seatbelt: warning: the outcome could not be recorded: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  return result.exitCode;
}
