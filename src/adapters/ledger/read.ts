// Reading the ledger with the trail readers' filters, pushed down into SQL (time, decision, rule,
// actor; an outcome goes with its decision, as in audit/read.ts). Each row read is checked on its
// own before it is shown or counted: its bytes are a record (JCS), hash to its hash, are signed by
// a trusted key, and its indexed columns say what its record says. A row that fails is skipped and
// named. Whether each log's chain is complete is `verify --from`'s question, not a reader's.
import type { RecordFilter, TrailEntry, TrailRecord } from '../../audit/read.js';
import type { ChainFields } from '../../audit/shape.js';
import { keyMap, nodeCrypto } from '../../audit/verify.js';
import { checkIntegrity, parseLine, type Line } from '../../audit/verify-core.js';
import type { LedgerClient } from './connect.js';
import { columnMismatches, columnsOf, type LedgerColumns } from './row.js';
import type { TrailKeys } from './trail-source.js';

export interface LedgerEntry extends TrailEntry {
  log: string;
}

export interface SkippedRow {
  log: string;
  seq: number;
  class: string;
  detail: string;
}

export const ROW_COLUMNS =
  'log_id, seq, line, hash, prev_hash, time, type, event_id, key_id, decision, rule_ids, policy, role, owner, agent, os_user, host, environment, decision_event_id';

export interface StoredRow extends Omit<LedgerColumns, 'seq' | 'time'> {
  log_id: string;
  seq: string | number;
  line: Buffer;
  time: Date;
}

export function storedColumns(r: StoredRow): LedgerColumns {
  return {
    seq: Number(r.seq),
    hash: r.hash,
    prev_hash: r.prev_hash,
    time: r.time.toISOString(),
    type: r.type,
    event_id: r.event_id,
    key_id: r.key_id,
    decision: r.decision,
    rule_ids: r.rule_ids ?? [],
    policy: r.policy,
    role: r.role,
    owner: r.owner,
    agent: r.agent,
    os_user: r.os_user,
    host: r.host,
    environment: r.environment,
    decision_event_id: r.decision_event_id,
  };
}

/** SQL for the filter over alias `r` ($n parameters appended to `params`). */
export function filterSql(f: RecordFilter, logs: readonly string[], params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (logs.length) where.push(`r.log_id = ANY(${p([...logs])}::text[])`);
  if (f.since) where.push(`r.time >= ${p(f.since.toISOString())}::timestamptz`);
  if (f.until) where.push(`r.time <= ${p(f.until.toISOString())}::timestamptz`);
  const content = (x: string): string[] => {
    const c: string[] = [];
    if (f.decision !== undefined) c.push(`${x}.decision = ${p(f.decision)}`);
    if (f.rule !== undefined) c.push(`${p(f.rule)} = ANY(${x}.rule_ids)`);
    if (f.actor !== undefined) {
      const a = p(f.actor);
      c.push(`(${x}.agent = ${a} OR ${x}.owner = ${a} OR ${x}.os_user = ${a} OR ${x}.os_user || '@' || ${x}.host = ${a})`);
    }
    return c;
  };
  if (f.decision !== undefined || f.rule !== undefined || f.actor !== undefined) {
    const own = content('r');
    const dec = content('d');
    where.push(
      `((r.type = 'decision' AND ${own.join(' AND ')}) OR (r.type = 'outcome' AND EXISTS (SELECT 1 FROM seatbelt.records d ` +
        `WHERE d.log_id = r.log_id AND d.event_id = r.decision_event_id AND d.type = 'decision' AND ${dec.join(' AND ')})))`,
    );
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Checks one row on its own: the record it holds, or why it is skipped. */
export function checkRow(row: StoredRow, keys: ReadonlyMap<string, unknown>): { record: ChainFields } | { skip: SkippedRow } {
  const log = row.log_id;
  const seq = Number(row.seq);
  const line: Line = { no: seq + 1, offset: 0, bytes: row.line, terminated: true };
  parseLine(line, nodeCrypto);
  if (!line.record) return { skip: { log, seq, class: line.problem!.class, detail: line.problem!.detail } };
  checkIntegrity(line, keys, nodeCrypto);
  if (line.integrity) return { skip: { log, seq, class: line.integrity.class, detail: line.integrity.detail } };
  const wrong = columnMismatches(storedColumns(row), columnsOf(line.record));
  if (wrong.length)
    return { skip: { log, seq, class: 'COLUMN_MISMATCH', detail: `the row's ${wrong.join(', ')} differ from its signed record` } };
  return { record: line.record };
}

export interface LedgerRead {
  entries: LedgerEntry[];
  skipped: SkippedRow[];
}

/**
 * The rows that match the filter (newest `limit` when given), oldest first, each checked on its
 * own. Keys: the trusted keys, plus the new keys of trusted key_rotation records in the ledger.
 */
export async function readLedger(
  client: LedgerClient,
  o: { filter: RecordFilter; logs?: readonly string[]; limit?: number; keys: TrailKeys },
): Promise<LedgerRead> {
  const params: unknown[] = [];
  const where = filterSql(o.filter, o.logs ?? [], params);
  const limit = o.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(o.limit))}` : '';
  const order = o.limit !== undefined ? 'DESC' : 'ASC';
  const res = await client.query<StoredRow>(
    `SELECT ${ROW_COLUMNS} FROM seatbelt.records r ${where} ORDER BY r.time ${order}, r.log_id ${order}, r.seq ${order}${limit}`,
    params,
  );
  const rows = o.limit !== undefined ? res.rows.reverse() : res.rows;
  const keys = await ledgerKeys(client, o.keys);
  const entries: LedgerEntry[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of rows) {
    const c = checkRow(row, keys);
    if ('skip' in c) skipped.push(c.skip);
    else entries.push({ log: row.log_id, line: Number(row.seq) + 1, record: c.record as TrailRecord });
  }
  return { entries, skipped };
}

/** The trusted keys, and the keys trusted key_rotation records in the ledger hand over to (in order). */
export async function ledgerKeys(client: LedgerClient, trust: TrailKeys): Promise<Map<string, unknown>> {
  const keys = keyMap(trust.keys);
  const res = await client.query<StoredRow>(
    `SELECT ${ROW_COLUMNS} FROM seatbelt.records r WHERE r.type = 'key_rotation' ORDER BY r.time, r.log_id, r.seq`,
  );
  for (const row of res.rows) {
    const c = checkRow(row, keys);
    if ('record' in c) {
      const nk = c.record.new_key as { key_id: string; public_key_pem: string };
      if (!keys.has(nk.key_id)) keys.set(nk.key_id, nodeCrypto.keyFromPem(nk.public_key_pem).key);
    }
  }
  return keys;
}

/** One line for stderr when rows were skipped. Null when none. */
export function skippedRowsNote(skipped: readonly SkippedRow[], where: string): string | null {
  if (!skipped.length) return null;
  const f = skipped[0]!;
  return `seatbelt: skipped ${skipped.length} row(s) of ${where} that are not authentic records (first: log ${f.log} seq ${f.seq} ${f.class} ${f.detail}); check with: seatbelt verify --from ${where}`;
}
