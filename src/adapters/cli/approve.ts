// `seatbelt approve ID`, `seatbelt deny ID`, `seatbelt approve --list`: the operator's side of the
// gateway's held tool calls. The verdict is sealed in the trail with the operator's identity (the
// OS user from the password database, and --owner) before it takes effect.
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { redactSecrets } from '../../audit/redact.js';
import { openSession } from '../session.js';
import type { ApprovalView } from '../../gateway/approvals.js';

interface Flags {
  owner?: string;
  audit?: string;
  list?: boolean;
  all?: boolean;
  json?: boolean;
}

export function registerApprove(program: Command): void {
  const decide = (verdict: 'approved' | 'denied') => async (id: string | undefined, flags: Flags) => {
    if (verdict === 'approved' && flags.list) return list(flags);
    if (!id)
      throw new SeatbeltError(
        'USAGE',
        `${verdict === 'approved' ? 'approve' : 'deny'}: name the approval id (seatbelt approve --list shows them)`,
      );
    if (flags.owner !== undefined && !/^(human|service):[A-Za-z0-9._@+-]{1,128}$/.test(flags.owner))
      throw new SeatbeltError('USAGE', `--owner ${JSON.stringify(flags.owner)}: expected human:<id> or service:<id>`);
    const session = openSession({ ...(flags.audit !== undefined ? { audit: flags.audit } : {}), autoKeys: false });
    const { currentOperator, decideHeld } = await import('../../gateway/approve.js');
    const { readApproval } = await import('../../gateway/approvals.js');
    const { decision, record } = decideHeld(session, id, verdict, currentOperator(flags.owner));
    const view = readApproval(session.home, id)!;
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...view, event_id: record.id, record_hash: record.hash })}\n`);
    else
      process.stdout.write(
        `${verdict} ${id}: ${printable(view.request.tool)} for ${printable(view.request.owner)}\n` +
          `  by:     ${decision.by.user}${decision.by.owner ? ` (${decision.by.owner})` : ''}\n` +
          (decision.valid_until ? `  valid:  until ${decision.valid_until}, for one call\n` : '') +
          `  sealed: event ${record.id} in ${session.auditPath}\n`,
      );
  };
  const common = (cmd: Command) =>
    cmd
      .option('--owner <id>', 'who decides, recorded beside the OS user: human:<id> (env SEATBELT_OWNER is not read here)')
      .option('--audit <file>', 'the trail to seal the verdict in (env SEATBELT_AUDIT)')
      .option('--json', 'print the approval as JSON');
  common(
    program
      .command('approve')
      .description('approve a tool call the gateway holds (seatbelt serve, mcp proxy); --list shows what waits')
      .argument('[id]', 'the approval id')
      .option('--list', 'list pending approvals (with --all: every approval)')
      .option('--all', 'with --list: decided, used and expired ones too'),
  ).action(decide('approved'));
  common(program.command('deny').description('deny a tool call the gateway holds').argument('<id>', 'the approval id')).action(
    decide('denied'),
  );
}

async function list(flags: Flags): Promise<void> {
  const session = openSession({ ...(flags.audit !== undefined ? { audit: flags.audit } : {}), autoKeys: false });
  const { listApprovals } = await import('../../gateway/approvals.js');
  const all = listApprovals(session.home).filter((a) => flags.all || a.state === 'pending');
  if (flags.json) return void process.stdout.write(`${JSON.stringify(all)}\n`);
  if (all.length === 0) return void process.stdout.write(flags.all ? 'no approvals\n' : 'no pending approvals\n');
  process.stdout.write(all.map(show).join('\n'));
}

/**
 * What the model and the caller wrote, as the operator may read it: control and format characters
 * (terminal escapes, C1 controls, bidirectional overrides, zero-width marks) shown as \u escapes.
 */
function printable(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

function show(a: ApprovalView): string {
  const r = a.request;
  // Whole: the operator approves every argument (JCS sorts keys, so a cut could hide the ones that matter).
  const args = printable(redactSecrets(r.arguments));
  return (
    `${r.id}  ${a.state}\n` +
    `  tool:      ${printable(r.tool)}\n` +
    `  arguments: ${args}\n` +
    `  owner:     ${printable(r.owner)} (caller-asserted)${r.agent ? `, agent ${printable(r.agent)}` : ''}\n` +
    `  asked:     ${r.created} via ${printable(r.api)}, request ${printable(r.request_id)}; expires ${r.expires}\n` +
    (a.decision ? `  decided:   ${a.decision.verdict} by ${a.decision.by.user} at ${a.decision.time}\n` : '')
  );
}
