// `seatbelt receipt verify '<X-Seatbelt-Receipt value>' [--pubkey FILE|--keyring FILE] [--audit FILE]`:
// checks a gateway receipt offline. Exit 0 valid, 1 not valid (the reason on stdout).
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { parsePublicKey } from '../../audit/keys.js';
import { verificationKeys } from '../../audit/keyring.js';
import { seatbeltHome } from '../../audit/paths.js';
import type { ReceiptCheck } from '../../gateway/receipt.js';

interface Flags {
  pubkey?: string[];
  keyring?: string;
  audit?: string;
  json?: boolean;
}

export function registerReceipt(program: Command): void {
  const receipt = program.command('receipt').description('gateway receipts (the X-Seatbelt-Receipt header)');
  receipt
    .command('verify')
    .description('check a receipt offline: its signature under a trusted key, and with --audit that its records are in the trail')
    .argument('<header>', 'the X-Seatbelt-Receipt header value')
    .option('--pubkey <path>', 'a trusted public key, PEM or ssh-ed25519 (repeatable; default: the keys in $SEATBELT_HOME/keys)', collect)
    .option('--keyring <path>', 'trusted keys from a keyring (seatbelt keys export-pub)')
    .option('--audit <file>', 'also check that each record is in this trail with the same hash')
    .option('--json', 'print the result as JSON')
    .action(async (header: string, flags: Flags) => {
      const { verifyReceipt } = await import('../../gateway/receipt.js');
      let result: ReceiptCheck = verifyReceipt(header, keys(flags));
      if (result.ok && flags.audit !== undefined) result = inTrail(result, flags.audit);
      if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok)
        process.stdout.write(
          `receipt valid: signed by ${result.keyId} at ${result.time}${result.requestId ? ` for request ${result.requestId}` : ''}\n` +
            result.records.map((r) => `  record ${r.id} hash ${r.hash}\n`).join('') +
            (flags.audit !== undefined ? `  every record is in ${flags.audit}\n` : ''),
        );
      else process.stdout.write(`receipt NOT valid: ${result.reason}\n`);
      process.exitCode = result.ok ? EXIT.OK : EXIT.FINDINGS;
    });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function keys(flags: Flags): KeyObject[] {
  const out: KeyObject[] = [];
  for (const p of flags.pubkey ?? []) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (err) {
      throw new SeatbeltError('IO', `cannot read the public key ${p}: ${(err as Error).message}`);
    }
    out.push(parsePublicKey(text, p));
  }
  if (flags.keyring !== undefined || out.length === 0)
    out.push(...verificationKeys({ home: seatbeltHome(), ...(flags.keyring !== undefined ? { keyringFile: flags.keyring } : {}) }).keys);
  if (out.length === 0) throw new SeatbeltError('CONFIG', 'no public key to verify with: give --pubkey FILE or --keyring FILE');
  return out;
}

/** The records of a valid receipt, found in the trail by event id with the same hash. */
function inTrail(r: Extract<ReceiptCheck, { ok: true }>, file: string): ReceiptCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read the trail ${file}: ${(err as Error).message}`);
  }
  const want = new Map(r.records.map((x) => [x.id, x.hash]));
  for (const line of text.split('\n')) {
    if (!line.includes('"event_id"')) continue;
    try {
      const rec = JSON.parse(line) as { event_id?: string; hash?: string };
      if (rec.event_id && want.get(rec.event_id) === rec.hash) want.delete(rec.event_id);
    } catch {
      // a torn or foreign line: verify's business
    }
  }
  if (want.size) return { ok: false, reason: `not in ${file} with the receipt's hash: ${[...want.keys()].join(', ')}` };
  return r;
}
