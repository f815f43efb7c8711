// `seatbelt audit …`: read the trail (tail, show, stats), export it for auditors (signed CSV,
// verify-export) and render the self-contained HTML report. Flags map onto src/audit/*; the heavy
// parts load only when their subcommand runs.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { basename } from 'node:path';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import { readRange } from '../../audit/read-range.js';
import type { RecordFilter, StatsKey, TrailEntry } from '../../audit/read.js';
import type { Finding } from '../../audit/verify-core.js';
import { paintFor } from './paint.js';
import { registerShip } from './audit-ship.js';
import { fromLedger, ledgerOptions } from './audit-ledger.js';

const collect = (v: string, p: string[] = []) => [...p, v];

interface FilterFlags {
  audit?: string;
  decision?: string;
  rule?: string;
  actor?: string;
  since?: string;
  until?: string;
  json?: boolean;
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--audit <file>', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
    .option('--decision <allow|block>', 'only decisions with this verdict (and their outcomes)')
    .option('--rule <id>', 'only decisions where this rule matched')
    .option('--actor <who>', 'only this agent id, owner, OS user or user@host')
    .option('--since <when>', 'from this time: 24h, 7d, 30m, 2w ago, or an ISO date')
    .option('--until <when>', 'up to this time: a duration ago or an ISO date');
}

async function filterFrom(f: FilterFlags, now: Date): Promise<RecordFilter> {
  const { parseTimeBound } = await import('../../audit/read.js');
  const out: RecordFilter = {};
  if (f.decision !== undefined) {
    if (f.decision !== 'allow' && f.decision !== 'block')
      throw new SeatbeltError('USAGE', `--decision: expected allow or block, got "${f.decision}"`);
    out.decision = f.decision;
  }
  if (f.rule !== undefined) out.rule = f.rule;
  if (f.actor !== undefined) out.actor = f.actor;
  if (f.since !== undefined) out.since = parseTimeBound(f.since, now, '--since');
  if (f.until !== undefined) out.until = parseTimeBound(f.until, now, '--until');
  return out;
}

/** The filters as given, for the export's signed statement. */
const filtersGiven = (f: FilterFlags): Record<string, string> =>
  Object.fromEntries((['decision', 'rule', 'actor', 'since', 'until'] as const).filter((k) => f[k] !== undefined).map((k) => [k, f[k]!]));

const trailFile = (f: FilterFlags) => f.audit ?? defaultAuditFile();
const out = (s: string) => process.stdout.write(s);

/** The keys readers verify with: --keyring when given, else the home's keyring. */
async function readerKeys(keyringFile?: string) {
  const { verificationKeys } = await import('../../audit/keyring.js');
  const { keys, windows } = verificationKeys({ home: seatbeltHome(), ...(keyringFile !== undefined ? { keyringFile } : {}) });
  return { publicKeys: keys, keyWindows: windows };
}

/** Only the records that verify as part of the chain; the lines skipped are named on stderr. */
async function verifiedEntries(file: string, keyringFile?: string, progress?: { label: string; machineOutput: boolean }) {
  const { readVerifiedTrail, skippedNote } = await import('../../audit/verified-trail.js');
  const keys = await readerKeys(keyringFile);
  const { startProgress } = await import('./progress.js');
  let total = 0;
  if (progress) total = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const bar = progress ? startProgress({ ...progress, total, unit: 'bytes' }) : null;
  let v;
  try {
    v = readVerifiedTrail(file, keys, bar ? (done, _t, lines) => bar.update(done, `${lines.toLocaleString('en')} lines`) : undefined);
  } finally {
    bar?.end();
  }
  const note = skippedNote(v.skipped, file);
  if (note) process.stderr.write(`${note}\n`);
  return v;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('read, export and report the audit trail');

  ledgerOptions(withFilters(audit.command('tail').description('print the last records (and follow new ones)')))
    .option('-n, --lines <n>', 'how many records', '20')
    .option('-f, --follow', 'keep printing records as they are appended (Ctrl-C to stop)')
    .option('--json', 'one JSON record per line')
    .action(async (f: FilterFlags & { lines: string; follow?: boolean; from?: string }) => {
      if (f.from !== undefined)
        return void (process.exitCode = await fromLedger('tail', f, await filterFrom(f, new Date()), filtersGiven(f)));
      process.exitCode = await tail(f);
    });

  audit
    .command('show')
    .description('print one record (by event id or a unique prefix of at least 8 characters)')
    .argument('<event-id>')
    .option('--audit <file>', 'the trail')
    .option('--json', 'print the record (and its outcome) as JSON')
    .action(async (id: string, f: FilterFlags) => {
      const { findEvent } = await import('../../audit/read.js');
      const { entries } = await verifiedEntries(trailFile(f));
      const hit = findEvent(entries, id);
      const outcome =
        hit.record.type === 'decision'
          ? entries.find((e) => e.record.type === 'outcome' && e.record.decision_event_id === hit.record.event_id)
          : undefined;
      if (f.json) out(JSON.stringify({ line: hit.line, record: hit.record, ...(outcome ? { outcome: outcome.record } : {}) }) + '\n');
      else out((await import('./audit-print.js')).showRecord(hit, outcome, await paintFor(process.env, process.stdout.isTTY)));
    });

  ledgerOptions(withFilters(audit.command('stats').description('count decisions by rule, decision, actor or role')))
    .option('--by <key>', 'rule, decision, actor or role', 'decision')
    .option('--json', 'print {by, rows: [{key, total, allow, block}]}')
    .action(async (f: FilterFlags & { by: string; from?: string }) => {
      if (!['rule', 'decision', 'actor', 'role'].includes(f.by))
        throw new SeatbeltError('USAGE', `--by: expected rule, decision, actor or role, got "${f.by}"`);
      if (f.from !== undefined)
        return void (process.exitCode = await fromLedger('stats', f, await filterFrom(f, new Date()), filtersGiven(f)));
      const { filterEntries, stats } = await import('../../audit/read.js');
      const { entries } = await verifiedEntries(trailFile(f));
      const rows = stats(filterEntries(entries, await filterFrom(f, new Date())), f.by as StatsKey);
      if (f.json) out(JSON.stringify({ by: f.by, filters: filtersGiven(f), rows }) + '\n');
      else out((await import('./audit-print.js')).statsTable(rows, f.by, await paintFor(process.env, process.stdout.isTTY)));
    });

  ledgerOptions(withFilters(audit.command('export').description('write the trail as CSV, with a detached signature FILE.sig')))
    .option('--csv', 'CSV, RFC 4180 (the default and, for now, only format)')
    .option('--out <file>', 'write here and sign it as <file>.sig (default: stdout, unsigned)')
    .option('--force', 'export even when the trail has integrity findings (the signature records how many)')
    .option('--otlp <url>', 'send the verified records as OpenTelemetry log records over OTLP/HTTP JSON (a Collector: http://host:4318)')
    .option('--follow', 'with --otlp: keep sending as the trail grows (Ctrl-C to stop)')
    .option('--batch <n>', 'with --otlp: log records per request', '500')
    .option('--interval <ms>', 'with --otlp --follow: how often to look for new records', '1000')
    .action(
      async (
        f: FilterFlags & { out?: string; force?: boolean; from?: string; otlp?: string; follow?: boolean; batch: string; interval: string },
      ) => {
        if (f.otlp !== undefined)
          return void (process.exitCode = await (await import('./audit-otlp.js')).exportOtlp(f, await filterFrom(f, new Date())));
        if (f.follow) throw new SeatbeltError('USAGE', 'audit export --follow goes with --otlp URL');
        if (f.from !== undefined)
          return void (process.exitCode = await fromLedger('export', f, await filterFrom(f, new Date()), filtersGiven(f)));
        process.exitCode = await exportCsv(f);
      },
    );

  audit
    .command('verify-export')
    .description('check an exported file against its detached signature (exit 0 valid, 1 findings)')
    .argument('<file>')
    .option('--sig <file>', 'the signature (default: <file>.sig)')
    .option('--keyring <file>', 'trusted keys with validity windows (from seatbelt keys export-pub)')
    .option('--pubkey <file>', 'a trusted public key, PEM or ssh-ed25519 (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--json', 'print {ok, problems, signature}')
    .action(async (file: string, f: { sig?: string; keyring?: string; pubkey?: string[]; json?: boolean }) => {
      const { verifyExport } = await import('../../audit/export.js');
      const { verificationKeys } = await import('../../audit/keyring.js');
      const bytes = readBytes(file);
      const sigFile = f.sig ?? `${file}.sig`;
      const sig = readBytes(sigFile);
      const { keys, windows } = verificationKeys({
        home: seatbeltHome(),
        ...(f.keyring ? { keyringFile: f.keyring } : {}),
        pubkeyFiles: f.pubkey ?? [],
      });
      const v = verifyExport(bytes, sig, keys, { windows });
      if (f.json) out(JSON.stringify(v) + '\n');
      else if (v.ok) {
        const s = v.signature!;
        out(
          `${file}: valid: ${s.size} bytes, ${s.rows} rows, signed by ${s.key_id} at ${s.created}\n` +
            `  from a trail of ${s.source.records} records ending at seq ${s.source.last_seq} (hash ${s.source.last_hash})` +
            `${s.source.findings ? `, which had ${s.source.findings} integrity findings when exported` : ''}\n`,
        );
      } else out(v.problems.map((p) => `${file}: ${p.class} ${p.detail}\n`).join(''));
      process.exitCode = v.ok ? EXIT.OK : EXIT.FINDINGS;
    });

  withFilters(
    audit
      .command('report')
      .description('write a self-contained HTML report of the records that verify (it checks the trail in the browser too)'),
  )
    .option('--html', 'HTML (the default and, for now, only format)')
    .option('--out <file>', 'write here; - for stdout (default: seatbelt-report-<date>.html in the working folder, its path printed)')
    .option('--title <text>', 'the report title')
    .option('--keyring <file>', "keys to verify the trail with; only records that verify are reported (default: the home's keys)")
    .option('--from <url>', 'report from the central ledger instead of a trail file: postgres://… (docs/fleet.md)')
    .option('--log <id>', 'with --from: only this log (repeatable)', collect)
    .option('--pubkey <path>', "with --from: a trusted public key, PEM or ssh-ed25519 (repeatable: each machine's key)", collect)
    .action(
      async (f: FilterFlags & { out?: string; title?: string; keyring?: string; from?: string; log?: string[]; pubkey?: string[] }) => {
        if (f.from === undefined && (f.log || f.pubkey))
          throw new SeatbeltError('USAGE', `--${f.log ? 'log' : 'pubkey'} goes with --from postgres://…`);
        if (f.from !== undefined && f.audit !== undefined)
          throw new SeatbeltError('USAGE', 'audit report: give --audit FILE or --from URL, not both');
        const { writeReport } = await import('./audit-report.js');
        process.exitCode = await writeReport({
          file: trailFile(f),
          filter: await filterFrom(f, new Date()),
          filters: filtersGiven(f),
          ...(f.from !== undefined ? { ledger: { url: f.from, logs: f.log ?? [], pubkeys: f.pubkey ?? [] } } : {}),
          ...(f.out !== undefined ? { out: f.out } : {}),
          ...(f.title !== undefined ? { title: f.title } : {}),
          ...(f.keyring !== undefined ? { keyring: f.keyring } : {}),
        });
      },
    );

  registerShip(audit);
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function exportCsv(f: FilterFlags & { out?: string; force?: boolean }): Promise<number> {
  const { filterEntries } = await import('../../audit/read.js');
  const { toCsv } = await import('../../audit/csv.js');
  const file = trailFile(f);
  const now = new Date();
  const filter = await filterFrom(f, now);
  // Only records that verify are exported, even with --force: a line written without the key is never signed into an export.
  const verified = await verifiedEntries(file, undefined, { label: `export ${basename(file)}`, machineOutput: f.out === undefined });
  const report = verified.report;
  if (!report.ok && !f.force) {
    const shown = report.findings
      .slice(0, 10)
      .map((x) => `  line ${x.line} seq ${x.seq ?? '-'} ${x.class} ${x.detail}\n`)
      .join('');
    process.stderr.write(
      `seatbelt: ${file} has ${report.findings.length} integrity finding(s); not exporting (a signed export would vouch for it):\n${shown}` +
        `  check with: seatbelt verify ${file}; export anyway with --force (the signature then records the findings)\n`,
    );
    return EXIT.FINDINGS;
  }
  const entries: TrailEntry[] = filterEntries(verified.entries, filter);
  const csv = Buffer.from(toCsv(entries), 'utf8');
  if (!f.out) {
    out(csv.toString('utf8'));
    process.stderr.write('seatbelt: CSV written to stdout unsigned; use --out FILE for a signed export (FILE and FILE.sig)\n');
    return EXIT.OK;
  }
  const { loadSigner } = await import('../../audit/keys.js');
  const { signExport, sigFileText } = await import('../../audit/export.js');
  const { signer } = loadSigner({ home: seatbeltHome(), autoCreate: false });
  const sig = signExport(csv, signer, {
    created: now,
    mediaType: 'text/csv',
    rows: entries.length,
    filters: filtersGiven(f),
    source: { records: report.records, last_seq: report.lastSeq, last_hash: report.lastHash, findings: report.findings.length },
  });
  writeAtomically(f.out, csv);
  writeAtomically(`${f.out}.sig`, sigFileText(sig));
  process.stderr.write(
    `wrote ${f.out} (${entries.length} rows, sha256 ${sig.sha256}) and ${f.out}.sig (signed by ${sig.key_id}); check with: seatbelt audit verify-export ${f.out}\n`,
  );
  return EXIT.OK;
}

async function tail(f: FilterFlags & { lines: string; follow?: boolean }): Promise<number> {
  const n = Number(f.lines);
  if (!Number.isSafeInteger(n) || n < 0) throw new SeatbeltError('USAGE', `-n: expected a count, got "${f.lines}"`);
  const { recordMatcher } = await import('../../audit/read.js');
  const { VerifiedFollower, skippedNote } = await import('../../audit/verified-trail.js');
  const { tailLine } = await import('./audit-print.js');
  const paint = await paintFor(process.env, process.stdout.isTTY);
  const file = trailFile(f);
  const matches = recordMatcher(await filterFrom(f, new Date()));
  const print = (e: TrailEntry) => out(f.json ? JSON.stringify(e.record) + '\n' : tailLine(e, paint) + '\n');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (!(f.follow && (err as NodeJS.ErrnoException).code === 'ENOENT'))
      throw new SeatbeltError('IO', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
    bytes = Buffer.alloc(0);
  }
  // Only complete lines: a line still being written is read on the next round. Only records that
  // verify are printed; lines that do not are counted (and, when following, named as they come).
  const offset = bytes.lastIndexOf(0x0a) + 1;
  if (!f.follow) {
    const { entries } = await verifiedEntries(file);
    for (const e of n === 0 ? [] : entries.filter(matches).slice(-n)) print(e);
    return EXIT.OK;
  }
  const skipped: Finding[] = [];
  let following = false;
  const say = (f: Finding) => process.stderr.write(`seatbelt: line ${f.line} does not verify and is not shown: ${f.class} ${f.detail}\n`);
  const follower = new VerifiedFollower(
    await readerKeys(),
    (f) => process.stderr.write(`seatbelt: line ${f.line}, shown above, does not verify as part of the chain: ${f.class} ${f.detail}\n`),
    (f) => (following ? say(f) : skipped.push(f)),
  );
  const entries = follower.feed(bytes.subarray(0, offset));
  const note = skippedNote(skipped, file);
  if (note) process.stderr.write(`${note}\n`);
  const selected = entries.filter(matches);
  for (const e of n === 0 ? [] : selected.slice(-n)) print(e);
  following = true;
  return follow(file, offset, (b) => follower.feed(b), matches, print);
}

/** Polls the file for appended lines until SIGINT/SIGTERM. A shrinking file is reported. */
function follow(
  file: string,
  start: number,
  parse: (b: Uint8Array) => TrailEntry[],
  matches: (e: TrailEntry) => boolean,
  print: (e: TrailEntry) => void,
): Promise<number> {
  return new Promise((resolve) => {
    let offset = start;
    const tick = () => {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return; // not there (yet)
      }
      if (size < offset) {
        process.stderr.write(
          `seatbelt: ${file} shrank from ${offset} to ${size} bytes: records were removed (check with: seatbelt verify ${file})\n`,
        );
        offset = size;
        return;
      }
      if (size === offset) return;
      const fd = fs.openSync(file, 'r');
      let buf: Buffer;
      try {
        buf = readRange(fd, offset, size);
      } finally {
        fs.closeSync(fd);
      }
      const end = buf.lastIndexOf(0x0a) + 1;
      if (end === 0) return;
      for (const entry of parse(buf.subarray(0, end))) if (matches(entry)) print(entry);
      offset += end;
    };
    const timer = setInterval(tick, 200);
    const stop = () => {
      clearInterval(timer);
      resolve(EXIT.OK);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
