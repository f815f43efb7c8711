// `seatbelt verify [FILE] [--pubkey PATH ...] [--json]`: flags onto verifyTrail. Exit 0 intact,
// 1 findings; streams the file (flat memory); otherwise the common codes (64 usage, 66 trail or key file missing, 78 no key to
// verify with), thrown as SeatbeltError and mapped in main.ts.
import { readFileSync, statSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import path from 'node:path';
import { parsePublicKey } from '../../audit/keys.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import type { Finding } from '../../audit/verify.js';
import { verificationKeys } from '../../audit/keyring.js';
import { EXIT, SeatbeltError } from '../../core/error.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'check an audit trail: every hash, link and seq, and the signatures that commit to every record (exit 0 intact, 1 findings)',
    )
    .argument('[file]', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
    .option(
      '--pubkey <path>',
      'a trusted public key, PEM or ssh-ed25519 (repeatable; key_rotation records it signed are followed to the next key; default: the keyring of $SEATBELT_HOME/keys)',
      collect,
    )
    .option(
      '--keyring <path>',
      'trusted keys with validity windows (seatbelt keys export-pub); default: $SEATBELT_HOME/keys/keyring.json, or the key files when no rotation made one',
    )
    .option('--json', 'print {ok, records, findings, ...} as JSON')
    .option(
      '--every-signature',
      "check every record's signature (a spot check; by default one signature per run of v3 records, which commits to every byte before it)",
    )
    .option('--checkpoint <file>', 'also check that the trail still holds the tree this checkpoint commits to (TRUNCATED, REWRITTEN)')
    .option('--tsa-ca <file>', 'a CA certificate trusted to vouch for the time-stamp kept beside the checkpoint (repeatable)', collect)
    .option('--from <url>', 'verify the central ledger instead of a file: postgres://… (every log; docs/fleet.md)')
    .option('--log <id>', 'with --from: only this log (repeatable)', collect)
    .action(
      async (
        file: string | undefined,
        opts: {
          pubkey?: string[];
          keyring?: string;
          json?: boolean;
          from?: string;
          log?: string[];
          checkpoint?: string;
          tsaCa?: string[];
          everySignature?: boolean;
        },
      ) => {
        if (opts.from !== undefined || opts.log !== undefined) {
          if (opts.from === undefined) throw new SeatbeltError('USAGE', 'verify: --log goes with --from postgres://…');
          if (file !== undefined) throw new SeatbeltError('USAGE', 'verify: give a trail file or --from, not both');
          const { verifyFromLedger } = await import('./verify-ledger.js');
          const o = {
            logs: opts.log ?? [],
            pubkeys: opts.pubkey ?? [],
            json: opts.json === true,
            everySignature: opts.everySignature === true,
          };
          process.exitCode = await verifyFromLedger(opts.from, opts.keyring !== undefined ? { ...o, keyring: opts.keyring } : o);
          return;
        }
        process.exitCode = await runVerify(file ?? defaultAuditFile(), opts.pubkey ?? [], opts.json === true, opts.keyring, {
          ...(opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}),
          tsaCas: opts.tsaCa ?? [],
          everySignature: opts.everySignature === true,
        });
      },
    );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

async function runVerify(
  file: string,
  pubkeyPaths: string[],
  json: boolean,
  keyringPath: string | undefined,
  against: { checkpoint?: string; tsaCas: string[]; everySignature: boolean },
): Promise<number> {
  try {
    if (!statSync(file).isFile()) throw new Error('not a regular file');
  } catch (err) {
    throw new SeatbeltError('IO', `verify: cannot read ${file}: ${(err as Error).message}`);
  }
  // Exactly the keys given (--keyring, else --pubkey), else the home's keyring; never other files
  // lying in the key folder. Keys introduced by trusted key_rotation records are followed.
  const { keys, windows } =
    keyringPath === undefined && pubkeyPaths.length > 0
      ? { keys: trustedKeys(pubkeyPaths), windows: null }
      : verificationKeys({ home: seatbeltHome(), ...(keyringPath !== undefined ? { keyringFile: keyringPath } : {}) });
  const watch = against.checkpoint !== undefined ? await watchCheckpoint(against.checkpoint, keys, against.tsaCas) : null;
  let firstEvent: string | null = null;
  // Streams the file in windows; signatures are checked on every core.
  const { verifyFileParallel } = await import('../../audit/verify-parallel.js');
  const { TRUNCATION_NOTE } = await import('../../audit/verify.js');
  const { startProgress } = await import('./progress.js');
  const bar = startProgress({ label: `verify ${path.basename(file)}`, total: statSync(file).size, unit: 'bytes', machineOutput: json });
  let report;
  try {
    report = await verifyFileParallel(file, {
      publicKeys: keys,
      keyWindows: windows,
      merkleRoot: watch?.tree ?? true,
      everySignature: against.everySignature,
      ...(watch ? { onRecord: (_line: number, r: { event_id?: unknown }) => void (firstEvent ??= String(r.event_id)) } : {}),
      onProgress: (done, _total, lines) => bar.update(done, `${lines.toLocaleString('en')} lines`),
    });
  } finally {
    bar.end();
  }
  const checkpoint = watch
    ? { file: against.checkpoint, ...watch.result(firstEvent), ...(watch.stamp ? { timestamp: watch.stamp } : {}) }
    : null;
  const ok = report.ok && (checkpoint === null || checkpoint.status === 'CONSISTENT');
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, ok, file, ...(checkpoint ? { checkpoint } : {}), note: TRUNCATION_NOTE })}\n`);
  } else {
    const out = report.findings.map(formatFinding);
    const total = report.findings.length + (report.findingsOmitted ?? 0);
    if (report.findingsOmitted) out.push(`... and ${report.findingsOmitted} more finding(s) (all of them: --json)`);
    const counts = `${report.records} records (${report.decisions} decisions, ${report.recoveries} recover${report.recoveries === 1 ? 'y' : 'ies'})`;
    const verdict = report.ok ? 'intact' : `${total} finding${total === 1 ? '' : 's'}`;
    out.push(`${file}: ${counts}: ${verdict}`);
    const f = report.followOn;
    if (f.unlinked || f.hiddenSeqs)
      out.push(
        `not reported again (effects of the damaged lines above): ${f.unlinked} link(s) to a damaged record, ${f.hiddenSeqs} seq(s) hidden by one`,
      );
    out.push(signaturesLine(report.signatures));
    if (report.lastHash !== null) out.push(`last record: seq ${report.lastSeq} hash ${report.lastHash}`);
    if (report.merkleRoot) out.push(`tree: size ${report.treeSize} root ${report.merkleRoot} (compare with a checkpoint)`);
    if (checkpoint) {
      out.push(`checkpoint ${checkpoint.file}: ${checkpoint.status}: ${checkpoint.detail}`);
      if (checkpoint.timestamp) out.push(`checkpoint time-stamp: ${checkpoint.timestamp}`);
    } else out.push(TRUNCATION_NOTE);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return ok ? EXIT.OK : EXIT.FINDINGS;
}

/** Open the checkpoint with the trusted keys and check its kept time-stamp; a tree that watches the trail reach it. */
async function watchCheckpoint(path: string, keys: KeyObject[], tsaCaFiles: string[]) {
  const { checkpointVerifiers, checkpointWatch, openCheckpoint } = await import('../../audit/checkpoints.js');
  const { trailOrigin } = await import('../../audit/checkpoint.js');
  const { checkKeptTimestamp, readCas, tokenPath } = await import('../../audit/anchors.js');
  let note: string;
  try {
    note = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `verify: cannot read checkpoint ${path}: ${(err as Error).message}`);
  }
  const c = openCheckpoint(note, checkpointVerifiers(note, keys), `checkpoint ${path}`);
  let stamp: string | null = null;
  if (tsaCaFiles.length) {
    const { TimestampError } = await import('../../audit/tsa.js');
    try {
      const t = checkKeptTimestamp(path, note, readCas(tsaCaFiles));
      if (!t) throw new SeatbeltError('IO', `verify: --tsa-ca given but no time-stamp at ${tokenPath(path)}`);
      stamp = `${t.time.toISOString()} by ${t.tsa}`;
    } catch (err) {
      if (err instanceof TimestampError)
        throw new SeatbeltError('INPUT', `verify: the checkpoint's time-stamp does not hold: ${err.message}`);
      throw err;
    }
  }
  const watch = checkpointWatch(c);
  return {
    tree: watch.tree,
    result: (firstEvent: string | null) => watch.result(firstEvent === null ? null : trailOrigin(firstEvent)),
    stamp,
  };
}

/** How the records' signatures were vouched for: checked, or committed by the hash chain to a checked one. */
export function signaturesLine(s: { checked: number; committed: number }): string {
  const checked = `${s.checked} signature${s.checked === 1 ? '' : 's'} checked`;
  if (s.committed === 0) return checked;
  return `${checked}; the other ${s.committed} record${s.committed === 1 ? ' is' : 's are'} committed by the hash chain to a checked signature (all of them: --every-signature)`;
}

export function formatFinding(f: Finding): string {
  return `line ${f.line} seq ${f.seq ?? '-'} ${f.class} ${f.detail}`;
}

function trustedKeys(paths: string[]): KeyObject[] {
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
