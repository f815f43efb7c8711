// Approvals: a tool registered with `approval: required` is held until the operator decides. Each
// fact is one file under $SEATBELT_HOME/approvals/ (0700), created once and never rewritten:
//
//   <id>.request.json   the held call: tool, arguments, owner, where it came from, when it expires
//   <id>.decision.json  the operator's verdict, signed with the trail key (`seatbelt approve|deny`)
//   <id>.used           the approved call was resubmitted: an approval is good for one call
//
// Each appears atomically and exclusively (written to a temporary file, fsync'd, then hard-linked
// into place, which fails when the name exists), so two operators cannot both decide and two
// resubmissions cannot both use an approval. The decision is signed so a file written by anything
// but `seatbelt approve` (an agent with a file tool) approves nothing.
import { createHash, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SeatbeltError } from '../core/error.js';
import { canonicalize } from '../audit/canonical.js';
import { createOnce } from '../audit/durable.js';
import { UUIDV7_PATTERN } from '../audit/uuid.js';
import type { Signer } from '../audit/seal.js';

export const APPROVALS_DIR = 'approvals';
export const APPROVAL_FORMAT = 'seatbelt-approval';
export const APPROVAL_DOMAIN = 'seatbelt/v1/approval\n';
/** How long a held call waits for the operator, and how long an approval stays usable after it is given. */
export const DEFAULT_APPROVAL_TTL_MS = 60 * 60 * 1000;

export interface ApprovalRequest {
  format: typeof APPROVAL_FORMAT;
  version: 1;
  id: string;
  tool: string;
  /** The arguments as JCS text (or the raw text), exactly as judged: the operator approves these. */
  arguments: string;
  arguments_sha256: string;
  /** The caller-asserted owner the approval is bound to. */
  owner: string;
  agent?: string;
  api: string;
  request_id: string;
  /** The trail record that held the call. */
  hold_event_id: string;
  created: string;
  /** The operator must decide before this. */
  expires: string;
  ttl_ms: number;
}

export interface ApprovalDecision {
  format: typeof APPROVAL_FORMAT;
  version: 1;
  id: string;
  verdict: 'approved' | 'denied';
  /** SHA-256 of the request file's JCS: the decision is about exactly that request. */
  request_sha256: string;
  by: { user: string; owner?: string; host: string };
  time: string;
  /** An approved call must be resubmitted before this. */
  valid_until?: string;
  /** The trail record of the decision. */
  event_id: string;
  key_id: string;
  sig: string;
}

export type ApprovalState = 'pending' | 'approved' | 'denied' | 'used' | 'expired';

export interface ApprovalView {
  request: ApprovalRequest;
  decision?: ApprovalDecision;
  state: ApprovalState;
}

export const approvalsDir = (home: string): string => join(home, APPROVALS_DIR);

const file = (home: string, id: string, kind: 'request.json' | 'decision.json' | 'used') => join(approvalsDir(home), `${id}.${kind}`);

export function isApprovalId(id: string): boolean {
  return UUIDV7_PATTERN.test(id);
}

function checkId(id: string): void {
  if (!isApprovalId(id)) throw new SeatbeltError('USAGE', `${JSON.stringify(id.slice(0, 80))} is not an approval id (a UUIDv7)`);
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function ensureDir(home: string): string {
  const dir = approvalsDir(home);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SeatbeltError('IO', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Stores a held call. Throws SeatbeltError('AUDIT') when it cannot (the caller must refuse the call). */
export function storeRequest(home: string, req: ApprovalRequest): void {
  try {
    ensureDir(home);
    if (!createOnce(file(home, req.id, 'request.json'), JSON.stringify(req, null, 2) + '\n'))
      throw new Error(`approval ${req.id} already exists`);
  } catch (err) {
    throw new SeatbeltError('AUDIT', `cannot store the approval request ${req.id}: ${(err as Error).message}`, { cause: err });
  }
}

function isRequest(v: unknown, id: string): v is ApprovalRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    r.format === APPROVAL_FORMAT &&
    r.version === 1 &&
    r.id === id &&
    ['tool', 'arguments', 'owner', 'api', 'request_id', 'hold_event_id', 'created', 'expires'].every((k) => typeof r[k] === 'string') &&
    typeof r.arguments_sha256 === 'string' &&
    r.arguments_sha256 === sha256(r.arguments as string) &&
    typeof r.ttl_ms === 'number'
  );
}

/** The request, its decision (if any, signature unchecked) and its state; null when there is no such approval. */
export function readApproval(home: string, id: string, now: Date = new Date()): ApprovalView | null {
  checkId(id);
  const request = readJson(file(home, id, 'request.json'));
  if (request === undefined) return null;
  if (!isRequest(request, id)) throw new SeatbeltError('INPUT', `the approval request ${file(home, id, 'request.json')} is malformed`);
  const decision = readJson(file(home, id, 'decision.json')) as ApprovalDecision | undefined;
  const used = fs.existsSync(file(home, id, 'used'));
  const t = now.toISOString();
  const state: ApprovalState = used
    ? 'used'
    : decision?.verdict === 'denied'
      ? 'denied'
      : decision?.verdict === 'approved'
        ? decision.valid_until !== undefined && t < decision.valid_until
          ? 'approved'
          : 'expired'
        : t < request.expires
          ? 'pending'
          : 'expired';
  return { request, ...(decision ? { decision } : {}), state };
}

/** Every approval in the home, oldest first (ids are UUIDv7, so by name). */
export function listApprovals(home: string, now: Date = new Date()): ApprovalView[] {
  let names: string[];
  try {
    names = fs.readdirSync(approvalsDir(home));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.request.json') && isApprovalId(n.slice(0, -'.request.json'.length)))
    .sort()
    .flatMap((n) => {
      const v = readApproval(home, n.slice(0, -'.request.json'.length), now);
      return v ? [v] : [];
    });
}

function decisionSigned(d: Omit<ApprovalDecision, 'sig'>): Buffer {
  return Buffer.concat([Buffer.from(APPROVAL_DOMAIN, 'utf8'), Buffer.from(canonicalize(d), 'utf8')]);
}

/**
 * Records the operator's verdict on a pending approval. `seal` seals the decision in the trail
 * (given the request and the decision's event id) before the decision file appears, so a verdict
 * is never in force without its record.
 */
export function decideApproval(o: {
  home: string;
  id: string;
  verdict: 'approved' | 'denied';
  by: { user: string; owner?: string; host: string };
  signer: Signer;
  seal: (request: ApprovalRequest) => { eventId: string };
  now?: Date;
}): ApprovalDecision {
  const now = o.now ?? new Date();
  const view = readApproval(o.home, o.id, now);
  if (!view) throw new SeatbeltError('USAGE', `no approval ${o.id} in ${approvalsDir(o.home)}`);
  if (view.state !== 'pending')
    throw new SeatbeltError(
      'USAGE',
      `approval ${o.id} is ${view.state}${view.decision ? ` (${view.decision.verdict} by ${view.decision.by.user} at ${view.decision.time})` : ''}; only a pending approval can be decided`,
    );
  const { eventId } = o.seal(view.request);
  const unsigned: Omit<ApprovalDecision, 'sig'> = {
    format: APPROVAL_FORMAT,
    version: 1,
    id: o.id,
    verdict: o.verdict,
    request_sha256: sha256(canonicalize(view.request)),
    by: o.by,
    time: now.toISOString(),
    ...(o.verdict === 'approved' ? { valid_until: new Date(now.getTime() + view.request.ttl_ms).toISOString() } : {}),
    event_id: eventId,
    key_id: o.signer.keyId,
  };
  const decision: ApprovalDecision = { ...unsigned, sig: Buffer.from(o.signer.sign(decisionSigned(unsigned))).toString('base64') };
  if (!createOnce(file(o.home, o.id, 'decision.json'), JSON.stringify(decision, null, 2) + '\n'))
    throw new SeatbeltError('USAGE', `approval ${o.id} was decided by someone else meanwhile`);
  return decision;
}

export type ApprovalCheck =
  { state: 'approved' } | { state: 'pending' } | { state: 'denied'; by: string } | { state: 'invalid'; why: string };

/**
 * Whether approval `id` approves this exact call now: same tool name, same arguments digest, same
 * owner, decided by a signature under one of `keys`, not expired, not used. Never throws.
 */
export function checkApproval(
  home: string,
  id: string,
  call: { tool: string; argumentsSha256: string; owner: string },
  keys: readonly KeyObject[],
  now: Date = new Date(),
): ApprovalCheck {
  let view: ApprovalView | null;
  try {
    if (!isApprovalId(id)) return { state: 'invalid', why: `${JSON.stringify(id.slice(0, 80))} is not an approval id` };
    view = readApproval(home, id, now);
  } catch (err) {
    return { state: 'invalid', why: (err as Error).message };
  }
  if (!view) return { state: 'invalid', why: `no approval ${id}` };
  const r = view.request;
  if (r.tool !== call.tool || r.arguments_sha256 !== call.argumentsSha256)
    return {
      state: 'invalid',
      why: `approval ${id} was given for another tool call (${r.tool}, arguments sha256 ${r.arguments_sha256.slice(0, 12)}…)`,
    };
  if (r.owner !== call.owner) return { state: 'invalid', why: `approval ${id} was asked for by ${r.owner}, not ${call.owner}` };
  if (view.state === 'pending') return { state: 'pending' };
  if (view.state === 'used') return { state: 'invalid', why: `approval ${id} was already used (an approval is good for one call)` };
  if (view.state === 'expired') return { state: 'invalid', why: `approval ${id} expired` };
  const d = view.decision!;
  const { sig, ...unsigned } = d;
  const signed =
    typeof sig === 'string' &&
    d.request_sha256 === sha256(canonicalize(r)) &&
    keys.some((k) => {
      try {
        return verify(null, decisionSigned(unsigned), k, Buffer.from(sig, 'base64'));
      } catch {
        return false;
      }
    });
  if (!signed) return { state: 'invalid', why: `the decision on approval ${id} is not signed by this home's key` };
  return view.state === 'denied' ? { state: 'denied', by: d.by.user } : { state: 'approved' };
}

/** Marks an approved call used. False when it was already used (a concurrent resubmission won). */
export function consumeApproval(home: string, id: string, eventTime: Date = new Date()): boolean {
  checkId(id);
  try {
    return createOnce(file(home, id, 'used'), JSON.stringify({ id, used: eventTime.toISOString() }) + '\n');
  } catch (err) {
    throw new SeatbeltError('AUDIT', `cannot mark approval ${id} used: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The newest approval asked for this exact call (tool, arguments digest, owner) that still has a
 * say: so a caller that cannot carry an approval id (an MCP client) is held under the same id
 * while it waits, runs once when approved, and is told when it was denied.
 */
export function findApprovalFor(
  home: string,
  call: { tool: string; argumentsSha256: string; owner: string },
  now: Date = new Date(),
): ApprovalView | undefined {
  const t = now.toISOString();
  return listApprovals(home, now)
    .filter((a) => a.request.tool === call.tool && a.request.arguments_sha256 === call.argumentsSha256 && a.request.owner === call.owner)
    .filter((a) => a.state === 'pending' || a.state === 'approved' || (a.state === 'denied' && t < a.request.expires))
    .at(-1);
}
