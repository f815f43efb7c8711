// Sending a trail's verified records to an OpenTelemetry Collector (or any OTLP/HTTP logs
// receiver) as OTLP/HTTP JSON, in batches, in order; `follow` keeps sending as the trail grows.
// A batch is retried on a network error, 429 and 502/503/504 (with backoff, honouring
// Retry-After), and never skipped: the export stops where a batch could not be delivered.
import type { RecordFilter, TrailEntry, TrailRecord } from '../../audit/read.js';
import { SeatbeltError } from '../../core/error.js';
import { TrailSource, type TrailKeys, type VerifiedLine } from '../ledger/trail-source.js';
import { exportRequest, logRecordOf, type OtlpLogRecord } from './log-record.js';

/** An OTLP/HTTP logs URL: a bare endpoint (no path) gets /v1/logs, as OTEL_EXPORTER_OTLP_ENDPOINT does. */
export function otlpLogsUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SeatbeltError('USAGE', `--otlp: expected an http(s):// URL of an OTLP/HTTP receiver, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SeatbeltError('USAGE', `--otlp: expected http:// or https://, got ${url.protocol}`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/logs';
  return url;
}

/** OTEL_EXPORTER_OTLP_HEADERS / _LOGS_HEADERS: `k=v,k2=v2`, values URL-encoded (the SDK environment spec). */
export function otlpHeaders(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of [env.OTEL_EXPORTER_OTLP_HEADERS, env.OTEL_EXPORTER_OTLP_LOGS_HEADERS]) {
    for (const pair of (raw ?? '').split(',')) {
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      out[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    }
  }
  return out;
}

const RETRY = new Set([429, 502, 503, 504]);

export interface OtlpSendOptions {
  url: URL;
  headers?: Record<string, string>;
  version: string;
  /** Attempts per batch before giving up (UNAVAILABLE). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Posts one batch; returns how many records the receiver said it rejected (partial success). */
export async function sendBatch(records: OtlpLogRecord[], o: OtlpSendOptions): Promise<number> {
  const body = JSON.stringify(exportRequest(records, { version: o.version }));
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last = '';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(Math.min(30_000, 250 * 2 ** i));
    let res: Response;
    try {
      res = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json', ...o.headers }, body });
    } catch (err) {
      last = (err as Error).message;
      continue;
    }
    const text = await res.text();
    if (res.ok) {
      try {
        const parsed = text ? (JSON.parse(text) as { partialSuccess?: { rejectedLogRecords?: string | number } }) : {};
        return Number(parsed.partialSuccess?.rejectedLogRecords ?? 0) || 0;
      } catch {
        return 0;
      }
    }
    last = `HTTP ${res.status} ${text.slice(0, 200)}`;
    if (!RETRY.has(res.status)) break;
    const after = Number(res.headers.get('retry-after'));
    if (Number.isFinite(after) && after > 0) await sleep(Math.min(after, 30) * 1000);
  }
  throw new SeatbeltError(
    'UNAVAILABLE',
    `the OTLP receiver ${o.url.origin}${o.url.pathname} did not take ${records.length} record(s): ${last}`,
  );
}

export interface OtlpExportReport {
  sent: number;
  rejected: number;
  /** The first line that does not verify, when the export stopped before the trail's end. */
  stopped: { line: number; seq: number | null; detail: string } | null;
}

/** Exports a trail's verified records that match the filter; call `round` again to send what was appended. */
export class OtlpTrailExporter {
  private readonly source: TrailSource;
  private readonly matches: (e: TrailEntry) => boolean;
  private started = false;
  private log: string | null;

  constructor(
    readonly trail: string,
    keys: TrailKeys,
    private readonly o: OtlpSendOptions & {
      batch: number;
      log?: string;
      matcher: (f: RecordFilter) => (e: TrailEntry) => boolean;
      filter: RecordFilter;
    },
  ) {
    this.source = new TrailSource(trail, keys);
    this.matches = o.matcher(o.filter);
    this.log = o.log ?? null;
  }

  async round(now: () => Date = () => new Date()): Promise<OtlpExportReport> {
    const read = this.started ? this.source.next() : await this.source.first();
    this.started = true;
    // The log id is the first record's event id (a trail followed from empty names it on a later round).
    this.log ??= read.firstEventId ?? (read.records[0]?.line === 1 ? read.records[0].record.event_id : null);
    const report: OtlpExportReport = { sent: 0, rejected: 0, stopped: null };
    const bad = read.findings.find((f) => f.class !== 'SEQ_GAP' && f.class !== 'TORN_TAIL' && f.class !== 'EMPTY');
    if (bad) report.stopped = { line: bad.line, seq: bad.seq, detail: `${bad.class} ${bad.detail}` };
    // Records after a damaged line are still authentic; they are sent (the SIEM sees the gap by seq).
    const chosen: VerifiedLine[] = read.records.filter((r) => this.matches({ line: r.line, record: r.record as TrailRecord }));
    for (let i = 0; i < chosen.length; i += this.o.batch) {
      const batch = chosen.slice(i, i + this.o.batch);
      const observed = now();
      const records = batch.map((r) =>
        logRecordOf(r.record, Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength).toString('utf8'), {
          log: this.log ?? '',
          observed,
        }),
      );
      report.rejected += await sendBatch(records, this.o);
      report.sent += batch.length;
    }
    return report;
  }
}
