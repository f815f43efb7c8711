// `verify --from`: every log in the ledger (or the ones asked for), streamed in seq order through
// the same verifier as a trail file (same finding classes), plus what only a ledger can get wrong:
// a row whose indexed columns say something its signed record does not (COLUMN_MISMATCH), a log
// whose first record is not the one it was registered with (LOG_MISMATCH), and the log against the
// newest checkpoint shipped with it (CHECKPOINT_TRUNCATED / _REWRITTEN / _OTHER_TRAIL / _INVALID).
import { trailOrigin } from '../../audit/checkpoint.js';
import { checkTrailAgainst, checkpointVerifiers, openCheckpoint } from '../../audit/checkpoints.js';
import type { ChainFields } from '../../audit/shape.js';
import { keyMap, newTree, nodeCrypto, type VerifyReport } from '../../audit/verify.js';
import { TrailVerifier } from '../../audit/verify-core.js';
import type { LedgerClient } from './connect.js';
import { ROW_COLUMNS, storedColumns, type StoredRow } from './read.js';
import { columnMismatches, columnsOf } from './row.js';
import type { TrailKeys } from './trail-source.js';

export interface LedgerFinding {
  seq: number | null;
  class: string;
  detail: string;
}

export interface LogReport {
  log: string;
  ok: boolean;
  records: number;
  decisions: number;
  findings: LedgerFinding[];
  lastSeq: number | null;
  lastHash: string | null;
  merkleRoot: string | null;
  treeSize: number;
  checkpoint: { size: number; status: string; detail: string } | null;
}

const FETCH = 5000;

/** Verifies each log; calls `onLog` as each one is done (streamed: one log's small state at a time). */
export async function verifyLedger(
  client: LedgerClient,
  o: { logs?: readonly string[]; keys: TrailKeys; onLog?: (r: LogReport) => void; everySignature?: boolean },
): Promise<LogReport[]> {
  const out: LogReport[] = [];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const logs = await client.query<{ log_id: string; first_event_id: string }>(
      `SELECT log_id, first_event_id FROM seatbelt.logs ${o.logs?.length ? 'WHERE log_id = ANY($1::text[])' : ''} ORDER BY log_id`,
      o.logs?.length ? [[...o.logs]] : [],
    );
    const missing = (o.logs ?? []).filter((l) => !logs.rows.some((r) => r.log_id === l));
    for (const l of missing) {
      const r = emptyReport(l);
      r.ok = false;
      r.findings.push({ seq: null, class: 'EMPTY', detail: `the ledger has no log ${l}` });
      out.push(r);
      o.onLog?.(r);
    }
    for (const { log_id: log, first_event_id: firstEventId } of logs.rows) {
      const r = await verifyLog(client, log, firstEventId, o.keys, o.everySignature === true);
      out.push(r);
      o.onLog?.(r);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
  return out;
}

function emptyReport(log: string): LogReport {
  return {
    log,
    ok: true,
    records: 0,
    decisions: 0,
    findings: [],
    lastSeq: null,
    lastHash: null,
    merkleRoot: null,
    treeSize: 0,
    checkpoint: null,
  };
}

async function verifyLog(
  client: LedgerClient,
  log: string,
  firstEventId: string,
  trust: TrailKeys,
  everySignature: boolean,
): Promise<LogReport> {
  const extra: LedgerFinding[] = [];
  const tree = newTree();
  const leaves: Uint8Array[] = [];
  const seqOfLine: number[] = [0];
  let row0: ChainFields | null = null;
  // Rows pushed whose record the verifier has not judged yet (v3 records wait for their run's anchor
  // signature); it judges lines in order, so a judged line settles every row before it.
  const waiting = new Map<number, { seq: number; row: StoredRow }>();
  const judged = (no: number, rec: ChainFields) => {
    for (const k of waiting.keys()) {
      if (k >= no) break;
      waiting.delete(k);
    }
    const w = waiting.get(no);
    waiting.delete(no);
    if (!w) return;
    const { seq, row } = w;
    if (no === 1) row0 = rec;
    leaves.push(Buffer.from(rec.hash, 'hex'));
    if (rec.seq !== seq)
      extra.push({ seq, class: 'COLUMN_MISMATCH', detail: `the row is filed under seq ${seq}, its record is seq ${rec.seq}` });
    else {
      const wrong = columnMismatches(storedColumns(row), columnsOf(rec));
      if (wrong.length)
        extra.push({ seq, class: 'COLUMN_MISMATCH', detail: `the row's ${wrong.join(', ')} differ from its signed record` });
    }
  };
  const v = new TrailVerifier({
    crypto: nodeCrypto,
    keys: keyMap(trust.keys),
    ...(trust.windows ? { keyWindows: trust.windows } : {}),
    tree,
    everySignature,
    onRecord: judged,
  });
  await client.query(
    `DECLARE ledger_rows NO SCROLL CURSOR FOR SELECT ${ROW_COLUMNS} FROM seatbelt.records r WHERE log_id = $1 ORDER BY seq`,
    [log],
  );
  let no = 0;
  for (;;) {
    const batch = await client.query<StoredRow>(`FETCH ${FETCH} FROM ledger_rows`);
    for (const row of batch.rows) {
      no++;
      const seq = Number(row.seq);
      seqOfLine.push(seq);
      waiting.set(no, { seq, row });
      v.push({ no, offset: 0, bytes: row.line, terminated: true });
    }
    if (batch.rows.length < FETCH) break;
  }
  await client.query('CLOSE ledger_rows');
  const report: VerifyReport = v.finish();
  const first = row0 as ChainFields | null;
  if (first && (first.seq !== 0 || first.event_id !== firstEventId))
    extra.push({
      seq: first.seq,
      class: 'LOG_MISMATCH',
      detail: `log ${log} was registered with first event ${firstEventId}; its first row is seq ${first.seq}, event ${first.event_id}`,
    });
  const findings: LedgerFinding[] = [
    ...report.findings
      .filter((f) => !(f.class === 'EMPTY' && no === 0))
      .map((f) => ({ seq: f.seq ?? (f.line > 0 ? (seqOfLine[f.line] ?? null) : null), class: f.class, detail: f.detail })),
    ...extra,
  ];
  if (no === 0) findings.push({ seq: null, class: 'EMPTY', detail: `log ${log} has no records in the ledger` });
  const checkpoint = await checkLatestCheckpoint(client, log, firstEventId, leaves, trust);
  if (checkpoint && checkpoint.status !== 'CONSISTENT')
    findings.push({
      seq: null,
      class: `CHECKPOINT_${checkpoint.status}`,
      detail: `checkpoint of size ${checkpoint.size}: ${checkpoint.detail}`,
    });
  findings.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1));
  return {
    log,
    ok: findings.length === 0 && (report.findingsOmitted ?? 0) === 0,
    records: report.records,
    decisions: report.decisions,
    findings,
    lastSeq: report.lastSeq,
    lastHash: report.lastHash,
    merkleRoot: report.merkleRoot ?? null,
    treeSize: report.treeSize ?? 0,
    checkpoint,
  };
}

async function checkLatestCheckpoint(
  client: LedgerClient,
  log: string,
  firstEventId: string,
  leaves: Uint8Array[],
  trust: TrailKeys,
): Promise<LogReport['checkpoint']> {
  const res = await client.query<{ size: string; note: string }>(
    'SELECT size, note FROM seatbelt.checkpoints WHERE log_id = $1 ORDER BY size DESC LIMIT 1',
    [log],
  );
  const row = res.rows[0];
  if (!row) return null;
  const size = Number(row.size);
  try {
    const c = openCheckpoint(row.note, checkpointVerifiers(row.note, trust.keys), `checkpoint ${size} of log ${log}`);
    if (c.size !== size) return { size, status: 'INVALID', detail: `the note is of size ${c.size}, filed under ${size}` };
    const check = checkTrailAgainst({ origin: trailOrigin(firstEventId), leaves }, c);
    return { size, status: check.status, detail: check.detail };
  } catch (err) {
    return { size, status: 'INVALID', detail: (err as Error).message };
  }
}
