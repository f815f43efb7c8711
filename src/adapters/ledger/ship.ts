// Shipping a trail's verified records to the ledger: ask the ledger where the log stands, check
// that the local trail still holds what was shipped (same hash at the last shipped seq, else a
// fork), then send the rest in order, in batches (one multi-row INSERT each, atomic), so a crash or
// a lost connection mid-way loses nothing and duplicates nothing. A record the ledger already holds
// with another hash is a fork: reported, never overwritten. Checkpoints kept beside the trail go
// along once the ledger holds the records they commit to.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { checkpointDir, checkpointVerifiers, openCheckpoint } from '../../audit/checkpoints.js';
import { trailOrigin } from '../../audit/checkpoint.js';
import type { Finding } from '../../audit/verify.js';
import { SeatbeltError } from '../../core/error.js';
import { sqlState, type LedgerClient } from './connect.js';
import { columnsOf } from './row.js';
import { TrailSource, type TrailKeys, type TrailRead, type VerifiedLine } from './trail-source.js';

export const LOG_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export interface Fork {
  seq: number;
  local: string;
  ledger: string | null;
  detail: string;
}

export interface ShipReport {
  log: string;
  /** Rows this run inserted. */
  shipped: number;
  /** Records the ledger already held, identical (shipped before, or by another shipper). */
  present: number;
  /** The last seq the ledger holds for the log after this run, or null when none. */
  ledgerSeq: number | null;
  fork: Fork | null;
  /** Why shipping stopped before the trail's end: the first record that does not continue the chain. */
  stopped: { seq: number | null; line: number; detail: string } | null;
  checkpoints: { shipped: number; skipped: string[] };
}

export interface ShipOptions {
  log?: string;
  keys: TrailKeys;
  batch?: number;
  /** Called after each batch is committed. */
  onBatch?: (shipped: number, lastSeq: number) => void;
}

const INSERT = `
INSERT INTO seatbelt.records (log_id, seq, hash, prev_hash, line, time, type, event_id, key_id, decision, rule_ids, policy, role,
  owner, agent, os_user, host, environment, decision_event_id)
SELECT $1, u.seq, u.hash, u.prev_hash, u.line, u.time, u.type, u.event_id, u.key_id, u.decision,
  ARRAY(SELECT jsonb_array_elements_text(u.rule_ids)), u.policy, u.role, u.owner, u.agent, u.os_user, u.host, u.environment, u.decision_event_id
FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bytea[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
  AS u(seq, hash, prev_hash, line, time, type, event_id, key_id, decision, rule_ids, policy, role, owner, agent, os_user, host,
    environment, decision_event_id)
ORDER BY u.seq
ON CONFLICT DO NOTHING`;

function batchParams(log: string, batch: VerifiedLine[]): unknown[] {
  const cols = batch.map((b) => columnsOf(b.record));
  const pick = <K extends keyof ReturnType<typeof columnsOf>>(k: K) => cols.map((c) => c[k]);
  return [
    log,
    pick('seq'),
    pick('hash'),
    pick('prev_hash'),
    batch.map((b) => Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength)),
    pick('time'),
    pick('type'),
    pick('event_id'),
    pick('key_id'),
    pick('decision'),
    cols.map((c) => JSON.stringify(c.rule_ids)),
    pick('policy'),
    pick('role'),
    pick('owner'),
    pick('agent'),
    pick('os_user'),
    pick('host'),
    pick('environment'),
    pick('decision_event_id'),
  ];
}

interface Head {
  firstEventId: string;
  seq: number | null;
  hash: string | null;
}

async function logHead(client: LedgerClient, log: string): Promise<Head | null> {
  const res = await client.query<{ first_event_id: string; seq: string | null; hash: string | null }>(
    'SELECT * FROM seatbelt.log_head($1)',
    [log],
  );
  const row = res.rows[0];
  return row ? { firstEventId: row.first_event_id, seq: row.seq === null ? null : Number(row.seq), hash: row.hash } : null;
}

async function ledgerHashes(client: LedgerClient, log: string, from: number, to: number): Promise<Map<number, string>> {
  const res = await client.query<{ seq: string; hash: string }>('SELECT * FROM seatbelt.record_hashes($1, $2, $3)', [log, from, to]);
  return new Map(res.rows.map((r) => [Number(r.seq), r.hash]));
}

/** A shipper for one trail and one log; `ship` can be called again as the trail grows (`--follow`). */
export class Shipper {
  private readonly source: TrailSource;
  private log: string | null;
  private head: Head | null = null;
  private started = false;
  /** The last record shipped or found in the ledger: the next one must link to it. */
  private link: { seq: number; hash: string } | null = null;
  private fork: Fork | null = null;
  /** The line of the ledger's last record in the trail, when the first read found it. */
  private headLine = 0;

  constructor(
    private readonly client: LedgerClient,
    readonly trail: string,
    private readonly o: ShipOptions,
  ) {
    if (o.log !== undefined && !LOG_ID.test(o.log))
      throw new SeatbeltError(
        'USAGE',
        `--log: a log name is 1-128 letters, digits and . _ : @ - (starting with a letter or digit), got "${o.log}"`,
      );
    this.log = o.log ?? null;
    this.source = new TrailSource(trail, o.keys);
  }

  /** Ships what is new since the last call (everything, the first time). */
  async ship(): Promise<ShipReport> {
    const report: ShipReport = {
      log: this.log ?? '',
      shipped: 0,
      present: 0,
      ledgerSeq: this.link?.seq ?? null,
      fork: this.fork,
      stopped: null,
      checkpoints: { shipped: 0, skipped: [] },
    };
    if (this.fork) return report; // a forked log is never shipped to again in this run
    const read = this.started ? this.source.next() : await this.firstRead();
    let records = read.records;
    if (!this.started) {
      this.started = true;
      const first = read.firstEventId;
      if (first === null) {
        if (records.length === 0 && read.findings.every((f) => f.class === 'EMPTY')) {
          this.started = false; // an empty trail: nothing to ship yet; the next round reads it from the top
          return report;
        }
        const f = read.findings[0];
        throw new SeatbeltError(
          'INPUT',
          `${this.trail}: its first line is not a verified record${f ? ` (line ${f.line} ${f.class} ${f.detail})` : ''}; nothing shipped (check with: seatbelt verify ${this.trail})`,
        );
      }
      this.log ??= first;
      report.log = this.log;
      await this.ensureLog(first);
      if (!this.fork) records = await this.afterShipped(records, report);
      if (this.fork) return { ...report, fork: this.fork };
    }
    report.log = this.log!;
    let i = 0;
    const batchSize = this.o.batch ?? 2000;
    while (i < records.length && !this.fork) {
      // The run that continues the chain from the last link.
      const batch: VerifiedLine[] = [];
      while (i < records.length && batch.length < batchSize) {
        const r = records[i]!.record;
        const expected = this.link ? this.link.seq + 1 : 0;
        const prev = batch.length ? batch[batch.length - 1]!.record.hash : (this.link?.hash ?? null);
        if (r.seq !== expected || (prev !== null && r.prev_hash !== prev)) {
          // Name the damage that broke the run when there is one (the record that is not there), else the break.
          const before = records[i]!.line;
          const after = i > 0 ? records[i - 1]!.line : 0;
          report.stopped = this.firstDamage(read.findings.filter((f) => f.line > after && f.line < before)) ?? {
            seq: r.seq,
            line: before,
            detail:
              r.seq !== expected ? `seq ${r.seq} does not follow seq ${expected - 1}` : `prev_hash does not link to seq ${expected - 1}`,
          };
          break;
        }
        batch.push(records[i]!);
        this.link = { seq: r.seq, hash: r.hash };
        i++;
      }
      if (batch.length) await this.insert(batch, report);
      if (report.stopped) break;
    }
    // Damage after the last record shipped is where shipping stopped (damage before it is verify's to report).
    const lastLine = records.at(-1)?.line ?? this.headLine;
    if (!report.stopped && !this.fork) report.stopped = this.firstDamage(read.findings.filter((f) => f.line > lastLine));
    report.ledgerSeq = this.link?.seq ?? null;
    report.fork = this.fork;
    if (!this.fork) report.checkpoints = await this.shipCheckpoints();
    return report;
  }

  /** The first read: from the ledger's head when the trail still holds it, else the whole trail. */
  private async firstRead(): Promise<TrailRead> {
    const firstLine = this.source.firstLineEventId();
    const log = this.log ?? firstLine;
    if (log !== null && firstLine !== null) {
      const head = await logHead(this.client, log);
      if (head && head.seq !== null && head.hash !== null && head.firstEventId === firstLine) {
        const read = await this.source.after(head.seq, head.hash, firstLine);
        if (read) return read;
      }
    }
    return this.source.first();
  }

  private firstDamage(findings: Finding[]): ShipReport['stopped'] {
    const f = findings.find((x) => x.class !== 'SEQ_GAP' && x.class !== 'TORN_TAIL');
    return f ? { seq: f.seq, line: f.line, detail: `${f.class} ${f.detail}` } : null;
  }

  private async ensureLog(firstEventId: string): Promise<void> {
    const log = this.log!;
    this.head = await logHead(this.client, log);
    if (this.head === null) {
      await this.client.query('INSERT INTO seatbelt.logs (log_id, first_event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        log,
        firstEventId,
      ]);
      this.head = await logHead(this.client, log);
    }
    if (this.head && this.head.firstEventId !== firstEventId) {
      this.fork = {
        seq: 0,
        local: firstEventId,
        ledger: this.head.firstEventId,
        detail: `log ${log} in the ledger began with event ${this.head.firstEventId}, this trail with ${firstEventId}: another trail ships under this log name`,
      };
    }
  }

  /** Drops what the ledger already holds, after checking the trail still holds the same record at the ledger's last seq. */
  private async afterShipped(records: VerifiedLine[], report: ShipReport): Promise<VerifiedLine[]> {
    const head = this.head;
    if (!head || head.seq === null || this.fork) return records;
    const bySeq = new Map(records.map((r) => [r.record.seq, r]));
    const at = bySeq.get(head.seq);
    if (!at) {
      const last = records.at(-1)?.record.seq ?? null;
      this.fork = {
        seq: head.seq,
        local: '',
        ledger: head.hash,
        detail:
          last !== null && last < head.seq
            ? `the ledger holds log ${this.log} up to seq ${head.seq}, but this trail's verified records end at seq ${last}: records were cut from the trail, or another trail ships under this log name`
            : `the ledger holds seq ${head.seq} of log ${this.log}, which this trail does not hold as a verified record`,
      };
      return [];
    }
    if (at.record.hash !== head.hash) {
      // Hashes chain: once two records agree, every record before them agrees. Find the first that differs.
      let lo = 0;
      let hi = head.seq;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const local = bySeq.get(mid)?.record.hash;
        const held = (await ledgerHashes(this.client, this.log!, mid, mid)).get(mid);
        if (local !== undefined && local === held) lo = mid + 1;
        else hi = mid;
      }
      const local = bySeq.get(lo);
      const held = (await ledgerHashes(this.client, this.log!, lo, lo)).get(lo) ?? null;
      this.fork = {
        seq: lo,
        local: local?.record.hash ?? '',
        ledger: held,
        detail: `fork: seq ${lo} is ${held?.slice(0, 16) ?? '(missing)'}… in the ledger and ${local ? `${local.record.hash.slice(0, 16)}… in this trail (line ${local.line})` : 'not a verified record in this trail'}`,
      };
      return [];
    }
    this.link = { seq: head.seq, hash: head.hash };
    this.headLine = at.line;
    report.ledgerSeq = head.seq;
    return records.filter((r) => r.record.seq > head.seq!);
  }

  private async insert(batch: VerifiedLine[], report: ShipReport): Promise<void> {
    const from = batch[0]!.record.seq;
    const to = batch[batch.length - 1]!.record.seq;
    let inserted: number;
    try {
      const res = await this.client.query(INSERT, batchParams(this.log!, batch));
      inserted = res.rowCount ?? 0;
    } catch (err) {
      const state = sqlState(err) ?? '';
      if (!state.startsWith('SB')) throw err;
      // The ledger refused the chain: someone shipped other records under this log meanwhile.
      inserted = 0;
      await this.compare(batch, from, to);
      if (!this.fork) throw new SeatbeltError('INPUT', `the ledger refused log ${this.log} seq ${from}..${to}: ${(err as Error).message}`);
      return;
    }
    report.shipped += inserted;
    if (inserted < batch.length) {
      await this.compare(batch, from, to);
      report.present += batch.length - inserted;
    }
    if (this.fork) return;
    this.o.onBatch?.(report.shipped, to);
  }

  private async compare(batch: VerifiedLine[], from: number, to: number): Promise<void> {
    const held = await ledgerHashes(this.client, this.log!, from, to);
    for (const b of batch) {
      const h = held.get(b.record.seq);
      if (h !== undefined && h !== b.record.hash) {
        this.fork = {
          seq: b.record.seq,
          local: b.record.hash,
          ledger: h,
          detail: `fork: seq ${b.record.seq} is ${h.slice(0, 16)}… in the ledger and ${b.record.hash.slice(0, 16)}… in this trail (line ${b.line})`,
        };
        return;
      }
    }
  }

  /** Checkpoint notes kept beside the trail that open with the trusted keys and cover only shipped records. */
  private async shipCheckpoints(): Promise<ShipReport['checkpoints']> {
    const out = { shipped: 0, skipped: [] as string[] };
    const dir = checkpointDir(this.trail);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => /^[0-9]{12}\.note$/.test(n));
    } catch {
      return out;
    }
    const shippedSize = this.link ? this.link.seq + 1 : 0;
    const held = new Set(
      (await this.client.query<{ size: string }>('SELECT size FROM seatbelt.checkpoint_notes($1)', [this.log])).rows.map((r) =>
        Number(r.size),
      ),
    );
    for (const name of names.sort()) {
      const size = Number(name.slice(0, 12));
      if (held.has(size) || size > shippedSize) continue;
      const note = fs.readFileSync(join(dir, name), 'utf8');
      try {
        const c = openCheckpoint(note, checkpointVerifiers(note, this.o.keys.keys), name);
        if (c.size !== size) throw new SeatbeltError('INPUT', `${name}: the note is of size ${c.size}`);
        if (this.head && c.origin !== trailOrigin(this.head.firstEventId))
          throw new SeatbeltError('INPUT', `${name}: the note is of ${c.origin}`);
      } catch (err) {
        out.skipped.push(`${name}: ${(err as Error).message}`);
        continue;
      }
      const res = await this.client.query(
        'INSERT INTO seatbelt.checkpoints (log_id, size, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [this.log, size, note],
      );
      out.shipped += res.rowCount ?? 0;
    }
    return out;
  }
}
