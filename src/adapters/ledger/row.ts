// One ledger row per record: the record's bytes as stored (so hashes and signatures still verify)
// plus the columns queries filter on, derived from the record. Pure. `verify --from` derives the
// columns again from the bytes and reports a row whose columns say something its record does not.
import type { ChainFields } from '../../audit/shape.js';

export interface LedgerColumns {
  seq: number;
  hash: string;
  prev_hash: string;
  time: string;
  type: string;
  event_id: string;
  key_id: string;
  decision: string | null;
  rule_ids: string[];
  policy: string | null;
  role: string | null;
  owner: string | null;
  agent: string | null;
  os_user: string | null;
  host: string | null;
  environment: string | null;
  decision_event_id: string | null;
}

/** The derived columns, in table order (the ones `verify --from` compares). */
export const COLUMN_NAMES: readonly (keyof LedgerColumns)[] = [
  'seq',
  'hash',
  'prev_hash',
  'time',
  'type',
  'event_id',
  'key_id',
  'decision',
  'rule_ids',
  'policy',
  'role',
  'owner',
  'agent',
  'os_user',
  'host',
  'environment',
  'decision_event_id',
];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function columnsOf(r: ChainFields): LedgerColumns {
  const actor = obj(r.actor);
  const rules = Array.isArray(r.rules) ? r.rules : [];
  return {
    seq: r.seq,
    hash: r.hash,
    prev_hash: r.prev_hash,
    time: r.time,
    type: r.type,
    event_id: r.event_id,
    key_id: r.key_id,
    decision: str(r.decision),
    rule_ids: [...new Set(rules.map((x) => str(obj(x).id)).filter((x): x is string => x !== null))],
    policy: str(obj(r.policy).name),
    role: str(obj(r.role).name),
    owner: str(actor.owner),
    agent: str(actor.agent),
    os_user: str(actor.user),
    host: str(actor.host),
    environment: str(r.environment),
    decision_event_id: str(r.decision_event_id),
  };
}

/** The columns of a stored row that differ from what its record says (names, in table order). */
export function columnMismatches(stored: LedgerColumns, derived: LedgerColumns): string[] {
  return COLUMN_NAMES.filter((k) => {
    const a = stored[k];
    const b = derived[k];
    if (Array.isArray(a) || Array.isArray(b)) {
      const x = Array.isArray(a) ? a : [];
      const y = Array.isArray(b) ? b : [];
      return x.length !== y.length || x.some((v, i) => v !== y[i]);
    }
    return a !== b;
  });
}
