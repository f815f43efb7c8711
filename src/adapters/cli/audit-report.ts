// `seatbelt audit report --html`: the self-contained HTML report of the records that verify. It is
// written to a file — `--out FILE`, else seatbelt-report-<date>.html in the working folder, whose
// path is printed — never poured onto a terminal; `--out -` writes it to stdout when asked to.
// `--from postgres://…` makes the same report from the central ledger (docs/fleet.md): the records
// are the ledger readers' (each row checked as a signed record, the filters pushed into SQL), and
// the verification shown is `verify --from`'s over the same logs, made after the records were read
// (the ledger only grows, so it covers every record shown).
import * as fs from 'node:fs';
import { basename, resolve } from 'node:path';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { seatbeltHome } from '../../audit/paths.js';
import type { RecordFilter } from '../../audit/read.js';
import type { VerifiedTrail } from '../../audit/verified-trail.js';
import type { ReportInput } from '../../audit/report-html.js';
import { startProgress } from './progress.js';

export interface ReportRequest {
  /** The trail. */
  file: string;
  /** The central ledger instead of the trail: its URL, the logs (none: all), the trusted public keys. */
  ledger?: { url: string; logs: string[]; pubkeys: string[] };
  filter: RecordFilter;
  /** The filters as given, shown on the page. */
  filters: Record<string, string>;
  out?: string;
  title?: string;
  keyring?: string;
  now?: Date;
  cwd?: string;
}

/** seatbelt-report-2025-03-05.html, or -2, -3, … when that file exists (a report is never overwritten unasked). */
export function defaultReportName(now: Date, exists: (name: string) => boolean): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stem = `seatbelt-report-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${stem}.html` : `${stem}-${i}.html`;
    if (!exists(name)) return name;
  }
}

type Rendered = Omit<ReportInput, 'generated' | 'filters' | 'title'> & { summary: string };

export async function writeReport(r: ReportRequest): Promise<number> {
  const now = r.now ?? new Date();
  const toStdout = r.out === '-';
  const content = r.ledger ? await fromLedger(r, r.ledger) : await fromTrail(r, toStdout);
  const { renderReport } = await import('../../audit/report-html.js');
  const html = renderReport({
    entries: content.entries,
    source: content.source,
    generated: now,
    filters: r.filters,
    unreadable: content.unreadable,
    verification: content.verification,
    ...(r.title ? { title: r.title } : {}),
  });
  if (toStdout) {
    process.stdout.write(html);
    return EXIT.OK;
  }
  const cwd = r.cwd ?? process.cwd();
  const target =
    r.out ??
    resolve(
      cwd,
      defaultReportName(now, (name) => fs.existsSync(resolve(cwd, name))),
    );
  writeFile(target, html, r.out === undefined);
  // The path alone on stdout, so `open "$(seatbelt audit report --html)"` works; the rest on stderr.
  if (r.out === undefined) process.stdout.write(`${target}\n`);
  process.stderr.write(`wrote ${r.out ?? target} (${html.length.toLocaleString('en')} bytes, ${content.summary}\n`);
  return EXIT.OK;
}

/** The records of the ledger that match the filter, and `verify --from` over the same logs. */
async function fromLedger(r: ReportRequest, ledger: NonNullable<ReportRequest['ledger']>): Promise<Rendered> {
  const { parseLedgerUrl, connectLedger, redactUrl, ledgerError } = await import('../ledger/connect.js');
  const { requireSchema } = await import('../ledger/migrations.js');
  const { readLedger, skippedRowsNote } = await import('../ledger/read.js');
  const { verifyLedger } = await import('../ledger/verify.js');
  const { verificationKeys } = await import('../../audit/keyring.js');
  const url = parseLedgerUrl(ledger.url, '--from');
  const where = redactUrl(url.toString());
  const keys = verificationKeys({
    home: seatbeltHome(),
    ...(r.keyring !== undefined ? { keyringFile: r.keyring } : {}),
    ...(ledger.pubkeys.length ? { pubkeyFiles: ledger.pubkeys } : {}),
  });
  const client = await connectLedger(url, { applicationName: 'seatbelt audit report' });
  try {
    await requireSchema(client, where);
    const read = await readLedger(client, { filter: r.filter, logs: ledger.logs, keys });
    const note = skippedRowsNote(read.skipped, where);
    if (note) process.stderr.write(`${note}\n`);
    const logs = await verifyLedger(client, { logs: ledger.logs, keys });
    const findings = logs.flatMap((l) =>
      l.findings.map((f) => ({ line: f.seq === null ? 0 : f.seq + 1, seq: f.seq, class: f.class, detail: `log ${l.log}: ${f.detail}` })),
    );
    const source = `${where}${ledger.logs.length ? ` (log ${ledger.logs.join(', ')})` : ''}`;
    return {
      entries: read.entries,
      source,
      unreadable: read.skipped.length,
      verification: {
        ok: logs.every((l) => l.ok),
        records: logs.reduce((n, l) => n + l.records, 0),
        findingCount: findings.length,
        findings: findings.slice(0, 20),
        lastHash: logs.length === 1 ? logs[0]!.lastHash : null,
      },
      summary:
        `${read.entries.length.toLocaleString('en')} verified records from ${logs.length} log(s) of ${where}` +
        `${findings.length ? `; ${findings.length} ledger finding(s): see the report` : ''})`,
    };
  } catch (err) {
    throw ledgerError(err, where);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The records of the trail that verify, and what verify says of it. */
async function fromTrail(r: ReportRequest, toStdout: boolean): Promise<Rendered> {
  const { verificationKeys } = await import('../../audit/keyring.js');
  const { readVerifiedTrail, skippedNote } = await import('../../audit/verified-trail.js');
  const { filterEntries } = await import('../../audit/read.js');
  // Only records that verify are reported. Without keys there are none to show: the report is
  // still made, and the page verifies a trail dropped on it and shows its records then.
  let keys;
  try {
    keys = verificationKeys({ home: seatbeltHome(), ...(r.keyring !== undefined ? { keyringFile: r.keyring } : {}) });
  } catch (err) {
    if (!(err instanceof SeatbeltError && err.code === 'CONFIG' && r.keyring === undefined)) throw err;
    if (!fs.existsSync(r.file)) throw new SeatbeltError('IO', `no audit file at ${r.file}`);
    process.stderr.write(
      `seatbelt: not checking ${r.file} before reporting: ${err.message}; the report shows no records until the trail and its keys are dropped on it\n`,
    );
  }
  let trail: VerifiedTrail | null = null;
  if (keys) {
    let size = 0;
    try {
      size = fs.statSync(r.file).size;
    } catch {
      // readVerifiedTrail says what is wrong with the file
    }
    const bar = startProgress({ label: `report ${basename(r.file)}`, total: size, unit: 'bytes', machineOutput: toStdout });
    try {
      trail = readVerifiedTrail(r.file, { publicKeys: keys.keys, keyWindows: keys.windows }, (done, _t, lines) =>
        bar.update(done, `${lines.toLocaleString('en')} lines`),
      );
    } finally {
      bar.end();
    }
    const note = skippedNote(trail.skipped, r.file);
    if (note) process.stderr.write(`${note}\n`);
  }
  const v = trail?.report;
  const findingCount = v ? v.findings.length + (v.findingsOmitted ?? 0) : 0;
  const entries = trail ? filterEntries(trail.entries, r.filter) : [];
  return {
    entries,
    source: basename(r.file),
    unreadable: trail?.skipped.length ?? 0,
    verification: v ? { ok: v.ok, records: v.records, findingCount, findings: v.findings.slice(0, 20), lastHash: v.lastHash } : null,
    summary:
      `${trail ? `${trail.entries.length.toLocaleString('en')} verified records` : 'no records: not verified'}${findingCount ? `; ${findingCount} integrity finding(s): see the report` : ''}): ` +
      `open it in a browser; to check it yourself there, drop ${basename(r.file)} and the public keys (seatbelt keys export-pub) on it`,
  };
}

/** Atomically (a temporary file renamed over it); a default name is created exclusively, never replacing a file. */
function writeFile(file: string, data: string, exclusive: boolean): void {
  if (exclusive) {
    let created = false;
    try {
      const fd = fs.openSync(file, 'wx');
      created = true;
      try {
        fs.writeFileSync(fd, data);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      if (created) fs.rmSync(file, { force: true });
      throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
    }
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}
