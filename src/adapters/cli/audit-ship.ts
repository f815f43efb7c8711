// `seatbelt audit ship`: copy this machine's trail to the central ledger (PostgreSQL). Flags map
// onto src/adapters/ledger; the driver loads only here. Where the trail is shipped is the
// operator's choice: --to, SEATBELT_SHIP_URL from the environment the operator started seatbelt
// with, or "ship" in the user config. A project file never names it (its "ship" is refused).
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import { EXIT, SeatbeltError, exitCodeFor } from '../../core/error.js';

interface ShipFlags {
  audit?: string;
  to?: string;
  log?: string;
  follow?: boolean;
  initDb?: boolean;
  batch: string;
  interval: string;
  keyring?: string;
  pubkey?: string[];
  json?: boolean;
  background?: boolean;
}

const collect = (v: string, p: string[] = []) => [...p, v];

export function registerShip(audit: Command): void {
  audit
    .command('ship')
    .description('copy the verified records of the trail (and its checkpoints) to a central PostgreSQL ledger')
    .option(
      '--to <url>',
      'the ledger, postgres://user@host:port/database (default: $SEATBELT_SHIP_URL, else "ship" in $SEATBELT_HOME/config.json)',
    )
    .option('--audit <file>', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
    .option('--log <name>', "the trail's log id in the ledger (default: its first record's event id)")
    .option('--follow', 'keep shipping as the trail grows (Ctrl-C to stop)')
    .option('--init-db', 'create or migrate the ledger schema first (as the database owner)')
    .option('--batch <n>', 'records per insert', '2000')
    .option('--interval <ms>', 'with --follow: how often to look for new records', '1000')
    .option('--keyring <path>', 'trusted keys with validity windows (default: $SEATBELT_HOME/keys)')
    .option('--pubkey <path>', 'a trusted public key, PEM or ssh-ed25519 (repeatable)', collect)
    .option('--json', 'print one JSON report per shipping round')
    .option(
      '--background',
      'what exec and the gateway start: follow the trail until it is quiet for $SEATBELT_SHIP_IDLE_MS (30 s), one shipper per trail, messages to $SEATBELT_HOME/ship/ship.log',
    )
    .action(async (f: ShipFlags) => {
      process.exitCode = await ship(f);
    });
}

function count(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new SeatbeltError('USAGE', `${flag}: expected a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** How long a background shipper waits for new records before it exits. */
function idleMs(): number {
  const n = Number(process.env.SEATBELT_SHIP_IDLE_MS ?? 30_000);
  return Number.isFinite(n) && n >= 0 ? n : 30_000;
}

async function ship(f: ShipFlags): Promise<number> {
  if (!f.background) return shipRounds(f);
  if (f.follow || f.json || f.initDb)
    throw new SeatbeltError('USAGE', '--background follows the trail on its own: no --follow, --json or --init-db with it');
  // Started detached by exec or the gateway, stderr to the log: one claim per trail, every line timestamped.
  const { shipFiles, claimShipping, note } = await import('../ledger/background.js');
  const trail = f.audit ?? defaultAuditFile();
  const files = shipFiles(seatbeltHome(), trail);
  const log = (s: string) => note(files.log, s);
  const size = () => {
    try {
      return fs.statSync(trail).size;
    } catch {
      return 0;
    }
  };
  for (;;) {
    const claim = claimShipping(files);
    if (!claim) return EXIT.OK; // another shipper has this trail
    log(`background shipper ${process.pid} started for ${trail}`);
    let read = 0;
    let code: number;
    try {
      code = await shipRounds(
        { ...f, follow: true },
        {
          say: (s) => log(`seatbelt: ${s}`),
          idleMs: idleMs(),
          beforeRound: () => void (read = size()),
          afterRound: claim.touch,
        },
      );
      log(`background shipper ${process.pid} exits (${code})`);
    } catch (err) {
      code = exitCodeFor(err);
      log(`background shipper ${process.pid} failed: ${(err as Error).message}`);
    } finally {
      // A clean exit lets the next command start a shipper at once; a failure keeps the rate limit.
      if (code! === EXIT.OK) fs.rmSync(files.started, { force: true });
      claim.release();
    }
    // A command that sealed after the last round saw this shipper still running and started none:
    // if the trail grew since that round, go on shipping (it is ours again unless another took it).
    if (code !== EXIT.OK || size() <= read) return code;
  }
}

interface Rounds {
  say: (s: string) => void;
  /** With --follow: exit after this long without a new record. */
  idleMs?: number;
  beforeRound?: () => void;
  afterRound?: () => void;
}

async function shipRounds(
  f: ShipFlags,
  o: Rounds = { say: (s: string) => void process.stderr.write(`seatbelt: ${s}\n`) },
): Promise<number> {
  const { readConfig, USER_CONFIG } = await import('../../policy/config.js');
  const userConfig = join(seatbeltHome(), USER_CONFIG);
  const configured = readConfig(userConfig, 'user')?.data.ship;
  const raw = f.to ?? (process.env.SEATBELT_SHIP_URL || undefined) ?? configured;
  if (!raw)
    throw new SeatbeltError(
      'USAGE',
      `audit ship: no ledger given: pass --to postgres://…, set SEATBELT_SHIP_URL, or "ship" in ${userConfig}`,
    );
  const source = f.to ? '--to' : process.env.SEATBELT_SHIP_URL ? 'SEATBELT_SHIP_URL' : `${userConfig}: ship`;
  const batch = count(f.batch, '--batch', 1);
  const interval = count(f.interval, '--interval', 50);
  const { parseLedgerUrl, connectLedger, redactUrl, ledgerError } = await import('../ledger/connect.js');
  const url = parseLedgerUrl(raw, source);
  const where = redactUrl(url.toString());
  const { verificationKeys } = await import('../../audit/keyring.js');
  const keys = verificationKeys({
    home: seatbeltHome(),
    ...(f.keyring !== undefined ? { keyringFile: f.keyring } : {}),
    ...(f.pubkey?.length ? { pubkeyFiles: f.pubkey } : {}),
  });
  const trail = f.audit ?? defaultAuditFile();
  const { migrate, requireSchema } = await import('../ledger/migrations.js');
  const { Shipper } = await import('../ledger/ship.js');
  const say = o.say;

  const client = await connectLedger(url, { applicationName: 'seatbelt ship' });
  let stop = false;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    stop = true;
    wake?.();
  };
  try {
    if (f.initDb) {
      const applied = await migrate(client, where);
      say(applied.length ? `ledger schema migrated to v${applied.at(-1)} in ${where}` : `ledger schema in ${where} is up to date`);
      if (!fs.existsSync(trail)) return EXIT.OK; // only the schema was asked for
    } else await requireSchema(client, where);
    const shipper = new Shipper(client, trail, { ...(f.log !== undefined ? { log: f.log } : {}), keys, batch });
    if (f.follow) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    let quietSince = Date.now();
    for (;;) {
      o.beforeRound?.();
      const r = await shipper.ship();
      o.afterRound?.();
      if (r.shipped || r.present) quietSince = Date.now();
      if (f.json) process.stdout.write(`${JSON.stringify({ ledger: where, trail, ...r })}\n`);
      else if (!f.follow || r.shipped || r.fork || r.stopped || r.checkpoints.shipped)
        say(
          `${trail} → ${where} log ${r.log || '(empty trail)'}: shipped ${r.shipped} record(s)` +
            `${r.present ? `, ${r.present} already there` : ''}${r.checkpoints.shipped ? `, ${r.checkpoints.shipped} checkpoint(s)` : ''}; ` +
            `the ledger holds up to seq ${r.ledgerSeq ?? '-'}`,
        );
      for (const s of r.checkpoints.skipped) say(`checkpoint not shipped: ${s}`);
      if (r.fork) {
        say(`FORK ${r.fork.detail}; nothing was overwritten, nothing more is shipped for this log`);
        return EXIT.FINDINGS;
      }
      if (r.stopped) {
        say(
          `stopped before line ${r.stopped.line} (seq ${r.stopped.seq ?? '-'}): ${r.stopped.detail}; records from there on are not shipped (check with: seatbelt verify ${trail})`,
        );
        if (!f.follow) return EXIT.FINDINGS;
      }
      if (!f.follow || stop) return EXIT.OK;
      if (o.idleMs !== undefined && Date.now() - quietSince >= o.idleMs) return EXIT.OK;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, interval);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
      if (stop) return EXIT.OK;
    }
  } catch (err) {
    throw ledgerError(err, where);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.end().catch(() => {});
  }
}
