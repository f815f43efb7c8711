// `seatbelt audit tail|stats|export --from postgres://… [--log ID]`: the same commands over the
// central ledger. The filters go into SQL (src/adapters/ledger/read.ts); each row read is checked
// as a signed record before it is printed, counted or exported, and the rest is the trail commands'
// own printing. Whole-chain checks are `seatbelt verify --from`.
import type { Command } from 'commander';
import type { RecordFilter, StatsKey } from '../../audit/read.js';
import { seatbeltHome } from '../../audit/paths.js';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { paintFor } from './paint.js';

export interface LedgerFlags {
  from?: string;
  log?: string[];
  audit?: string;
  keyring?: string;
  pubkey?: string[];
  json?: boolean;
  lines?: string;
  follow?: boolean;
  by?: string;
  out?: string;
}

const collect = (v: string, p: string[] = []) => [...p, v];

/** The ledger source options, for commands that read records. */
export function ledgerOptions(cmd: Command): Command {
  return cmd
    .option('--from <url>', 'read the central ledger instead of a trail file: postgres://… (docs/fleet.md)')
    .option('--log <id>', 'with --from: only this log (repeatable)', collect)
    .option('--keyring <path>', "with --from: trusted keys with validity windows (default: the home's keyring)")
    .option('--pubkey <path>', "with --from: a trusted public key, PEM or ssh-ed25519 (repeatable: each machine's key)", collect)
    .hook('preAction', (c) => {
      const o = c.opts<LedgerFlags>();
      const stray = (['log', 'keyring', 'pubkey'] as const).filter((k) => o[k] !== undefined);
      if (o.from === undefined && stray.length) throw new SeatbeltError('USAGE', `--${stray[0]} goes with --from postgres://…`);
    });
}

/** Runs a reading command over the ledger; its flags are checked first (usage errors, exit 64). */
export async function fromLedger(
  command: 'tail' | 'stats' | 'export',
  f: LedgerFlags,
  filter: RecordFilter,
  filters: Record<string, string>,
): Promise<number> {
  if (f.audit !== undefined) throw new SeatbeltError('USAGE', `audit ${command}: give --audit FILE or --from URL, not both`);
  if (f.follow) throw new SeatbeltError('USAGE', 'audit tail --follow reads a trail file as it grows; with --from, ask the ledger again');
  if (f.out !== undefined)
    throw new SeatbeltError(
      'USAGE',
      'audit export --out signs an export of one trail; with --from the CSV goes to stdout (verify the ledger with seatbelt verify --from)',
    );
  let limit: number | undefined;
  if (command === 'tail') {
    limit = Number(f.lines ?? '20');
    if (!Number.isSafeInteger(limit) || limit < 0) throw new SeatbeltError('USAGE', `-n: expected a count, got "${f.lines}"`);
  }
  const { parseLedgerUrl, connectLedger, redactUrl, ledgerError } = await import('../ledger/connect.js');
  const { requireSchema } = await import('../ledger/migrations.js');
  const { readLedger, skippedRowsNote } = await import('../ledger/read.js');
  const { verificationKeys } = await import('../../audit/keyring.js');
  const url = parseLedgerUrl(f.from!, '--from');
  const where = redactUrl(url.toString());
  const keys = verificationKeys({
    home: seatbeltHome(),
    ...(f.keyring !== undefined ? { keyringFile: f.keyring } : {}),
    ...(f.pubkey?.length ? { pubkeyFiles: f.pubkey } : {}),
  });
  const client = await connectLedger(url, { applicationName: `seatbelt audit ${command}` });
  try {
    await requireSchema(client, where);
    const read = await readLedger(client, { filter, logs: f.log ?? [], keys, ...(limit !== undefined ? { limit } : {}) });
    const note = skippedRowsNote(read.skipped, where);
    if (note) process.stderr.write(`${note}\n`);
    const out = (s: string) => process.stdout.write(s);
    if (command === 'tail') {
      const { tailLine } = await import('./audit-print.js');
      const paint = await paintFor(process.env, process.stdout.isTTY);
      for (const e of read.entries)
        out(f.json ? `${JSON.stringify({ log: e.log, ...e.record })}\n` : `${e.log.slice(0, 8)} ${tailLine(e, paint)}\n`);
    } else if (command === 'stats') {
      const { stats } = await import('../../audit/read.js');
      const rows = stats(read.entries, f.by as StatsKey);
      if (f.json) out(`${JSON.stringify({ by: f.by, filters, rows })}\n`);
      else out((await import('./audit-print.js')).statsTable(rows, f.by!, await paintFor(process.env, process.stdout.isTTY)));
    } else {
      const { toCsv } = await import('../../audit/csv.js');
      out(toCsv(read.entries));
      process.stderr.write(`seatbelt: ${read.entries.length} records from ${where} written to stdout as CSV (unsigned)\n`);
    }
    return EXIT.OK;
  } catch (err) {
    throw ledgerError(err, where);
  } finally {
    await client.end().catch(() => {});
  }
}
