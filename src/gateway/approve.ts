// The operator's side of approvals: decide a held tool call, sealing the verdict in the trail with
// the operator's identity before it takes effect (`seatbelt approve|deny`, and tests).
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { approvalBody, type GatewayFields } from '../audit/envelope.js';
import { uuidv7 } from '../audit/uuid.js';
import type { Session } from '../adapters/session.js';
import { decideApproval, type ApprovalDecision } from './approvals.js';

export interface Operator {
  /** The OS user, from the password database. */
  user: string;
  /** `--owner`, when given. */
  owner?: string;
  host: string;
}

export function currentOperator(owner?: string): Operator {
  return { user: os.userInfo().username, host: os.hostname(), ...(owner ? { owner } : {}) };
}

export function decideHeld(
  session: Session,
  id: string,
  verdict: 'approved' | 'denied',
  by: Operator,
  now: Date = new Date(),
): { decision: ApprovalDecision; record: { id: string; hash: string } } {
  let sealed: { id: string; hash: string } | undefined;
  const decision = decideApproval({
    home: session.home,
    id,
    verdict,
    by,
    signer: session.signer(),
    now,
    seal: (req) => {
      const r = session.sealBody(
        approvalBody({
          eventId: uuidv7(now, randomBytes(10)),
          time: now,
          actor: { user: by.user, host: by.host, cwd: session.ctx.cwd, pid: process.pid, ...(by.owner ? { owner: by.owner } : {}) },
          call: { name: req.tool, arguments: req.arguments },
          verdict,
          gateway: {
            api: req.api as GatewayFields['api'],
            request_id: req.request_id,
            tool: req.tool,
            arguments_sha256: req.arguments_sha256,
            approval_id: req.id,
          },
          recordInput: session.resolved.settings.recordInput,
        }),
      );
      sealed = { id: r.record.event_id, hash: r.record.hash };
      return { eventId: r.record.event_id };
    },
  });
  return { decision, record: sealed! };
}
