// `seatbelt exec [options] -- <cmd> [args…]` and `seatbelt exec [options] --shell "<script>"`:
// decide, seal durably, then run or refuse.
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import type { Action } from '../../core/types.js';
import { run } from '../../run/spawn.js';
import { bashForScripts } from '../../run/bash.js';
import { openSession, type Session } from '../session.js';
import { shipInBackground } from '../ledger/background.js';
import {
  decisionJson,
  governOrAuditExit,
  refuseEmpty,
  refuseScriptAsArgv,
  refusalForStderr,
  sealOutcomeOrWarn,
  sessionOptions,
  withDecisionFlags,
  type DecisionFlags,
} from './shared.js';

interface ExecFlags extends DecisionFlags {
  shell?: string;
}

export function registerExec(program: Command): void {
  const cmd = program
    .command('exec')
    .description('decide, seal the decision in the audit trail, then run the command or refuse it')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--shell <script>', 'a shell script, run by bash -c when allowed (the dialect it is judged in)')
    .passThroughOptions();
  withDecisionFlags(cmd, { sealing: true }).action(async (argv: string[], flags: ExecFlags) => {
    process.exitCode = await execCommand(argv, flags);
  });
}

function actionFrom(argv: string[], flags: ExecFlags): Action {
  if (flags.shell !== undefined && argv.length > 0)
    throw new SeatbeltError('USAGE', 'give either --shell "<script>" or -- <command>, not both');
  if (flags.shell !== undefined) {
    refuseEmpty(flags.shell, 'the --shell script');
    return { kind: 'shell', script: flags.shell };
  }
  if (argv.length === 0)
    throw new SeatbeltError('USAGE', 'nothing to run: seatbelt exec -- <command> [args…] or seatbelt exec --shell "<script>"');
  refuseScriptAsArgv(argv, 'exec');
  return { kind: 'argv', argv };
}

async function execCommand(argv: string[], flags: ExecFlags): Promise<number> {
  const action = actionFrom(argv, flags);
  // Judged as bash, run by bash: found before deciding, so a missing bash runs and seals nothing.
  const shell = action.kind === 'shell' ? bashForScripts() : null;
  const session = openSession(sessionOptions(flags));
  const governed = await governOrAuditExit(session, action, 'refusing to run');
  if (typeof governed === 'number') return governed;
  const { decision, seal } = governed;
  if (flags.json) process.stderr.write(JSON.stringify(decisionJson(decision, seal)) + '\n');
  if (decision.decision === 'block') {
    if (!flags.json) process.stderr.write(await refusalForStderr(decision, seal));
    shipSealed(session);
    return EXIT.REFUSED;
  }
  const result =
    action.kind === 'argv'
      ? await run(action.argv[0]!, action.argv.slice(1))
      : await run(shell!, ['-c', action.kind === 'shell' ? action.script : '']);
  sealOutcomeOrWarn(session, seal.eventId, result);
  shipSealed(session);
  return result.exitCode;
}

/** The operator's ledger, kept up to date by a detached shipper (docs/fleet.md): never waited for, never changes the exit code. */
function shipSealed(session: Session): void {
  shipInBackground({ ledger: session.resolved.ship, home: session.home, trail: session.auditPath });
}
