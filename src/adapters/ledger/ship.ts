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
import { insertRows } from './copy.js';
import { columnsOf } from './row.js';
import { TrailSource, type TrailKeys, type TrailStream, type VerifiedLine } from './trail-source.js';

/** Records per batch (one COPY each): large enough that a statement's fixed costs vanish, small enough to resume often. */
export const DEFAULT_BATCH = 2000;

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
  /** The line of the last record read that the ledger holds or was sent (damage after it is where shipping stopped). */
  private lastLine = 0;
  /** The batch the ledger is working on while the next one is read and verified. */
  private inflight: Promise<void> | null = null;

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
    if (!this.started) return this.shipFirst(report);
    report.log = this.log!;
    const read = this.source.next();
    const run = new Run(this, report);
    for (const r of read.records) if (!(await run.add(r, () => read.findings))) break;
    await run.end();
    return this.finish(report, read.findings);
  }

  /**
   * The first round: from the ledger's head when the trail still holds it (only what is new is
   * verified), else the whole trail. Records are sent as they are verified.
   */
  private async shipFirst(report: ShipReport): Promise<ShipReport> {
    const firstLine = this.source.firstLineEventId();
    const log = this.log ?? firstLine;
    if (log !== null && firstLine !== null) {
      const head = await logHead(this.client, log);
      if (head && head.seq !== null && head.hash !== null && head.firstEventId === firstLine) {
        const stream = this.source.stream({ seq: head.seq, hash: head.hash });
        if (stream && (await this.shipStream(stream, report, { head, firstEventId: firstLine })))
          return this.finish(report, stream.findings());
        // Not from there after all (see shipStream): what was sent stays sent; read it all.
        this.link = null;
        this.lastLine = 0;
      }
    }
    const stream = this.source.stream(null)!;
    const shipped = await this.shipStream(stream, report, null);
    if (!shipped) return report; // an empty trail: nothing to ship yet; the next round reads it from the top
    return this.finish(report, stream.findings());
  }

  /**
   * Ships a stream of verified records. From the ledger's head (`from`), it gives up (false) when
   * the head record is not the first verified record read, or a line names a key no trusted key
   * handed over to in what was read (a rotation before the head may have): the caller reads the
   * whole trail then. From the top, false means the trail holds no line yet.
   */
  private async shipStream(stream: TrailStream, report: ShipReport, from: { head: Head; firstEventId: string } | null): Promise<boolean> {
    const run = new Run(this, report);
    let first = true;
    /** Dropping the records the ledger holds, until the one at its last seq. */
    let seeking = false;
    const local = new Map<number, string>();
    const giveUp = async () => {
      await run.end();
      return false;
    };
    for await (const slice of stream.slices) {
      if (from && stream.findings().some((f) => f.class === 'UNKNOWN_KEY' || f.line === stream.firstLine)) return giveUp();
      if (run.over) continue; // the chain stopped: read on to the end (a --follow round starts there)
      for (const r of slice) {
        if (first) {
          first = false;
          if (from) {
            if (r.line !== stream.firstLine || r.record.hash !== from.head.hash) return giveUp();
            this.log ??= from.firstEventId;
            this.head = from.head;
          } else {
            if (r.line !== 1) throw this.notARecord(stream.findings());
            this.log ??= r.record.event_id;
            report.log = this.log;
            await this.ensureLog(r.record.event_id);
            if (this.fork) return this.forked(report);
          }
          report.log = this.log!;
          this.started = true;
          seeking = this.head?.seq !== null && this.head?.seq !== undefined;
        }
        if (seeking) {
          const head = this.head!;
          const at = head.seq!;
          if (r.record.seq < at) {
            local.set(r.record.seq, r.record.hash);
            continue;
          }
          if (r.record.seq > at) {
            this.fork = {
              seq: at,
              local: '',
              ledger: head.hash,
              detail: `the ledger holds seq ${at} of log ${this.log}, which this trail does not hold as a verified record`,
            };
            return this.forked(report);
          }
          if (r.record.hash !== head.hash) {
            local.set(r.record.seq, r.record.hash);
            await this.findFork(local, r);
            return this.forked(report);
          }
          seeking = false;
          local.clear();
          this.link = { seq: at, hash: head.hash! };
          this.lastLine = r.line;
          report.ledgerSeq = at;
          continue;
        }
        if (!(await run.add(r, stream.findings))) break;
      }
      if (this.fork) {
        await run.end();
        return this.forked(report); // nothing more is shipped for this log: no need to read on
      }
    }
    if (first) {
      if (from) return giveUp();
      const findings = stream.findings();
      if (findings.every((f) => f.class === 'EMPTY')) return false;
      throw this.notARecord(findings);
    }
    if (seeking) {
      const last = [...local.keys()].pop() ?? null;
      this.fork = {
        seq: this.head!.seq!,
        local: '',
        ledger: this.head!.hash,
        detail:
          last !== null && last < this.head!.seq!
            ? `the ledger holds log ${this.log} up to seq ${this.head!.seq}, but this trail's verified records end at seq ${last}: records were cut from the trail, or another trail ships under this log name`
            : `the ledger holds seq ${this.head!.seq} of log ${this.log}, which this trail does not hold as a verified record`,
      };
      return this.forked(report);
    }
    await run.end();
    return true;
  }

  private notARecord(findings: Finding[]): SeatbeltError {
    const f = findings.find((x) => x.class !== 'EMPTY');
    return new SeatbeltError(
      'INPUT',
      `${this.trail}: its first line is not a verified record${f ? ` (line ${f.line} ${f.class} ${f.detail})` : ''}; nothing shipped (check with: seatbelt verify ${this.trail})`,
    );
  }

  private forked(report: ShipReport): true {
    report.fork = this.fork;
    return true;
  }

  /** The end of a round: where shipping stopped, where the ledger stands, the checkpoints. */
  private async finish(report: ShipReport, findings: Finding[]): Promise<ShipReport> {
    if (this.fork) return { ...report, fork: this.fork };
    // Damage after the last record sent is where shipping stopped (damage before it is verify's to report).
    if (!report.stopped) report.stopped = firstDamage(findings.filter((f) => f.line > this.lastLine));
    report.ledgerSeq = this.link?.seq ?? null;
    report.fork = this.fork;
    if (!this.fork) report.checkpoints = await this.shipCheckpoints();
    return report;
  }

  /** Hashes chain: once two records agree, every record before them agrees. Finds the first that differs. */
  private async findFork(local: Map<number, string>, at: VerifiedLine): Promise<void> {
    let lo = 0;
    let hi = at.record.seq;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const mine = local.get(mid);
      const held = (await ledgerHashes(this.client, this.log!, mid, mid)).get(mid);
      if (mine !== undefined && mine === held) lo = mid + 1;
      else hi = mid;
    }
    const mine = local.get(lo);
    const held = (await ledgerHashes(this.client, this.log!, lo, lo)).get(lo) ?? null;
    this.fork = {
      seq: lo,
      local: mine ?? '',
      ledger: held,
      detail: `fork: seq ${lo} is ${held?.slice(0, 16) ?? '(missing)'}… in the ledger and ${mine ? `${mine.slice(0, 16)}… in this trail${lo === at.record.seq ? ` (line ${at.line})` : ''}` : 'not a verified record in this trail'}`,
    };
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

  /** The record expected next, and the hash it must link to (null: the genesis, checked by verify and the ledger). */
  expected(): { seq: number; prev: string | null } {
    return { seq: this.link ? this.link.seq + 1 : 0, prev: this.link?.hash ?? null };
  }

  /** Takes `r` as sent: the next record links to it. */
  advance(r: VerifiedLine): void {
    this.link = { seq: r.record.seq, hash: r.record.hash };
    this.lastLine = r.line;
  }

  get forkFound(): boolean {
    return this.fork !== null;
  }

  /** The line of the last record the ledger holds or was sent. */
  get lastRecordLine(): number {
    return this.lastLine;
  }

  get batchSize(): number {
    return this.o.batch ?? DEFAULT_BATCH;
  }

  /**
   * Sends a batch once the ledger has answered for the one before (so a fork found there stops
   * everything after it), without waiting for this one: the next batch is read and verified while
   * the ledger inserts this one. `settle` waits for it.
   */
  async send(batch: VerifiedLine[], report: ShipReport): Promise<void> {
    await this.settle();
    if (this.fork) return;
    const p = this.insert(batch, report);
    p.catch(() => {}); // awaited by settle; not an unhandled rejection meanwhile
    this.inflight = p;
  }

  async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = null;
    if (p) await p;
  }

  private async insert(batch: VerifiedLine[], report: ShipReport): Promise<void> {
    const from = batch[0]!.record.seq;
    const to = batch[batch.length - 1]!.record.seq;
    const rows = batch.map((b) => ({ columns: columnsOf(b.record), bytes: b.bytes }));
    let inserted: number;
    try {
      inserted = await insertRows(this.client, this.log!, rows);
    } catch (err) {
      const state = sqlState(err) ?? '';
      if (!state.startsWith('SB')) throw err;
      // The ledger refused the chain: someone shipped other records under this log meanwhile.
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

function firstDamage(findings: Finding[]): ShipReport['stopped'] {
  const f = findings.find((x) => x.class !== 'SEQ_GAP' && x.class !== 'TORN_TAIL');
  return f ? { seq: f.seq, line: f.line, detail: `${f.class} ${f.detail}` } : null;
}

/**
 * One round's records in chain order from the shipper's last link, cut into batches: the run stops
 * at the first record that does not continue the chain, naming the damage that broke it when there
 * is one (the line that is not a record, between the two), else the break itself.
 */
class Run {
  private batch: VerifiedLine[] = [];
  over = false;

  constructor(
    private readonly shipper: Shipper,
    private readonly report: ShipReport,
  ) {}

  /** Takes the next verified record; false when the chain stops before it (or a fork was found). */
  async add(r: VerifiedLine, findings: () => Finding[]): Promise<boolean> {
    if (this.over) return false;
    const { seq, prev } = this.shipper.expected();
    if (r.record.seq !== seq || (prev !== null && r.record.prev_hash !== prev)) {
      const after = this.shipper.lastRecordLine;
      this.report.stopped = firstDamage(findings().filter((f) => f.line > after && f.line < r.line)) ?? {
        seq: r.record.seq,
        line: r.line,
        detail: r.record.seq !== seq ? `seq ${r.record.seq} does not follow seq ${seq - 1}` : `prev_hash does not link to seq ${seq - 1}`,
      };
      this.over = true;
      return false;
    }
    this.shipper.advance(r);
    this.batch.push(r);
    if (this.batch.length >= this.shipper.batchSize) await this.flush();
    if (this.shipper.forkFound) this.over = true;
    return !this.over;
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length) await this.shipper.send(batch, this.report);
  }

  /** Sends what is left and waits for the ledger to answer for everything sent. */
  async end(): Promise<void> {
    if (!this.shipper.forkFound) await this.flush();
    await this.shipper.settle();
  }
}
