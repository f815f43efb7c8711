// Sending a batch of rows to the ledger. The fast way is one `COPY … FROM STDIN` (text format) per
// batch: the rows go as one stream, parsed by the server's COPY code (no array parameters to
// unpack, no planner), and the statement is atomic like an INSERT. COPY has no ON CONFLICT, so a
// batch the ledger already holds part of (another shipper of the same log, a run that resumes after
// a crash between commit and acknowledgement) makes it fail with unique_violation; that batch is
// sent again as one multi-row INSERT … ON CONFLICT DO NOTHING, which counts what was there.
// Measured (bench/ship.mjs, docs/fleet.md): COPY needs about half the server time of the INSERT.
import type { LedgerClient } from './connect.js';
import { sqlState } from './connect.js';
import { COLUMN_NAMES, type LedgerColumns } from './row.js';

export interface RowOut {
  columns: LedgerColumns;
  /** The record's bytes as stored, without the newline. */
  bytes: Uint8Array;
}

/** The table's columns in the order both statements send them. */
const COLUMNS = ['log_id', 'seq', 'hash', 'prev_hash', 'line', ...COLUMN_NAMES.slice(3)];
const COPY = `COPY seatbelt.records (${COLUMNS.join(', ')}) FROM STDIN`;

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
function field(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

/** A text[] literal: every element double-quoted, its quotes and backslashes escaped. */
function textArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * The batch as COPY text, one line per row, columns in COLUMNS order. Pure. The record's bytes go
 * as they are, in bytea's escape format: a record is one line of UTF-8 JSON (verified: it decodes
 * and encodes back to the same bytes), so it costs neither a hex copy of twice its size here nor hex
 * decoding in the server. A backslash in it is written as four (bytea's escape, doubled by COPY's);
 * a tab, newline or carriage return, which JSON allows between tokens, as COPY's \t \n \r.
 */
export function copyBuffer(log: string, rows: readonly RowOut[]): Buffer {
  const logField = field(log);
  const parts: string[] = [];
  for (const { columns: c, bytes } of rows) {
    let line = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (LINE_SPECIAL.test(line)) line = line.replace(LINE_SPECIALS, (ch) => LINE_ESCAPES[ch]!);
    // seq, hash, prev_hash, time and event_id have the shapes verify checked (digits, hex, an ISO time, a UUID): nothing to escape.
    parts.push(
      `${logField}\t${c.seq}\t${c.hash}\t${c.prev_hash}\t${line}\t${c.time}\t${field(c.type)}\t${c.event_id}\t${field(c.key_id)}\t` +
        `${field(c.decision)}\t${c.rule_ids.length ? field(textArray(c.rule_ids)) : '{}'}\t${field(c.policy)}\t${field(c.role)}\t` +
        `${field(c.owner)}\t${field(c.agent)}\t${field(c.os_user)}\t${field(c.host)}\t${field(c.environment)}\t${field(c.decision_event_id)}\n`,
    );
  }
  return Buffer.from(parts.join(''), 'utf8');
}

const LINE_SPECIAL = /[\\\t\n\r]/;
const LINE_SPECIALS = /[\\\t\n\r]/g;
const LINE_ESCAPES: Record<string, string> = { '\\': '\\\\\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const INSERT = `
INSERT INTO seatbelt.records (${COLUMNS.join(', ')})
SELECT $1, u.seq, u.hash, u.prev_hash, u.line, u.time, u.type, u.event_id, u.key_id, u.decision,
  ARRAY(SELECT jsonb_array_elements_text(u.rule_ids)), u.policy, u.role, u.owner, u.agent, u.os_user, u.host, u.environment, u.decision_event_id
FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bytea[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
  AS u(seq, hash, prev_hash, line, time, type, event_id, key_id, decision, rule_ids, policy, role, owner, agent, os_user, host,
    environment, decision_event_id)
ORDER BY u.seq
ON CONFLICT DO NOTHING`;

function insertParams(log: string, rows: readonly RowOut[]): unknown[] {
  const pick = <K extends keyof LedgerColumns>(k: K) => rows.map((r) => r.columns[k]);
  return [
    log,
    pick('seq'),
    pick('hash'),
    pick('prev_hash'),
    rows.map((r) => Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength)),
    pick('time'),
    pick('type'),
    pick('event_id'),
    pick('key_id'),
    pick('decision'),
    rows.map((r) => JSON.stringify(r.columns.rule_ids)),
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

async function copyRows(client: LedgerClient, log: string, rows: readonly RowOut[]): Promise<number> {
  const { from } = (await import('pg-copy-streams')).default;
  const stream = client.query(from(COPY));
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', resolve);
    stream.end(copyBuffer(log, rows));
  });
  return stream.rowCount ?? rows.length;
}

/**
 * Inserts the rows of one log in one atomic statement; returns how many were new (the others were
 * already in the ledger: the caller compares their hashes). The database's refusals (the chain
 * trigger's SB0xx) are thrown to the caller.
 */
export async function insertRows(client: LedgerClient, log: string, rows: readonly RowOut[]): Promise<number> {
  try {
    return await copyRows(client, log, rows);
  } catch (err) {
    if (sqlState(err) !== '23505') throw err; // unique_violation: some are there already
  }
  const res = await client.query(INSERT, insertParams(log, rows));
  return res.rowCount ?? 0;
}
