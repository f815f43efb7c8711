// `seatbelt verify [FILE] [--pubkey PATH ...] [--json]`: flags onto verifyTrail. Exit 0 intact,
// 1 findings; otherwise the common codes (64 usage, 66 trail or key file missing, 78 no key to
// verify with), thrown as SeatbeltError and mapped in main.ts.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import { readHomePublicKeys, parsePublicKey } from '../../audit/keys.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import { TRUNCATION_NOTE, type Finding } from '../../audit/verify.js';
import { verifyTrailParallel } from '../../audit/verify-parallel.js';
import { verificationKeys } from '../../audit/keyring.js';
import type { KeyWindow } from '../../audit/key-windows.js';
import { EXIT, SeatbeltError } from '../../core/error.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check an audit trail: every hash, signature, link and seq (exit 0 intact, 1 findings)')
    .argument('[file]', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
    .option('--pubkey <path>', 'a trusted public key, PEM or ssh-ed25519 (repeatable; default: the keys in $SEATBELT_HOME/keys)', collect)
    .option(
      '--keyring <path>',
      'trusted keys with validity windows (seatbelt keys export-pub); default: $SEATBELT_HOME/keys/keyring.json when there is one',
    )
    .option('--json', 'print {ok, records, findings, ...} as JSON')
    .action(async (file: string | undefined, opts: { pubkey?: string[]; keyring?: string; json?: boolean }) => {
      process.exitCode = await runVerify(file ?? defaultAuditFile(), opts.pubkey ?? [], opts.json === true, opts.keyring);
    });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

async function runVerify(file: string, pubkeyPaths: string[], json: boolean, keyringPath?: string): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new SeatbeltError('IO', `verify: cannot read ${file}: ${(err as Error).message}`);
  }
  // Keyring windows (keys rotate): with --keyring, or the home's when no --pubkey narrows the keys.
  let keys: KeyObject[] = keyringPath !== undefined ? [] : trustedKeys(pubkeyPaths);
  let keyWindows: KeyWindow[] | null = null;
  if (keyringPath !== undefined || pubkeyPaths.length === 0) {
    const ring = verificationKeys({ home: seatbeltHome(), ...(keyringPath !== undefined ? { keyringFile: keyringPath } : {}) });
    keys = ring.keys;
    keyWindows = ring.windows;
  }
  const report = await verifyTrailParallel(bytes, { publicKeys: keys, keyWindows }); // signatures checked on every core
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, file, note: TRUNCATION_NOTE })}\n`);
  } else {
    const out = report.findings.map(formatFinding);
    const counts = `${report.records} records (${report.decisions} decisions, ${report.recoveries} recover${report.recoveries === 1 ? 'y' : 'ies'})`;
    const verdict = report.ok ? 'intact' : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`;
    out.push(`${file}: ${counts}: ${verdict}`);
    if (report.lastHash !== null) out.push(`last record: seq ${report.lastSeq} hash ${report.lastHash}`);
    out.push(TRUNCATION_NOTE);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return report.ok ? EXIT.OK : EXIT.FINDINGS;
}

export function formatFinding(f: Finding): string {
  return `line ${f.line} seq ${f.seq ?? '-'} ${f.class} ${f.detail}`;
}

function trustedKeys(paths: string[]): KeyObject[] {
  if (paths.length > 0) {
    return paths.map((p) => {
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch (err) {
        throw new SeatbeltError('IO', `verify: cannot read public key ${p}: ${(err as Error).message}`);
      }
      return parsePublicKey(text, p);
    });
  }
  const home = seatbeltHome();
  const keys = readHomePublicKeys(home).map((k) => k.key);
  if (keys.length === 0) {
    throw new SeatbeltError('CONFIG', `verify: no public key to verify with: none under ${home}/keys; pass --pubkey PATH`);
  }
  return keys;
}
