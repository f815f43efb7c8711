// `seatbelt checkpoint`, `seatbelt checkpoint verify A B`, `seatbelt prove SEQ`: flags onto
// src/audit/checkpoints.ts. A checkpoint is signed only over a trail that verifies; proofs are
// checked before they are printed.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';

interface KeyFlags {
  pubkey: string[];
  keyring?: string;
  verifierKey: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

function keyOptions(cmd: Command): Command {
  return cmd
    .option('--pubkey <path>', 'a trusted public key (repeatable; default: the keyring in $SEATBELT_HOME/keys)', collect, [])
    .option('--keyring <path>', 'trusted keys with validity windows (seatbelt keys export-pub)')
    .option('--verifier-key <key>', 'a trusted note verifier key, name+hash+base64 (repeatable)', collect, []);
}

export function registerCheckpoint(program: Command): void {
  const checkpoint = program.command('checkpoint').description('sign a checkpoint of the trail (C2SP tlog-checkpoint), or check two');

  keyOptions(
    checkpoint
      .command('create', { isDefault: true })
      .description('sign a checkpoint of the whole trail and keep it in <trail>.checkpoints/')
      .option('--audit <file>', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
      .option('--tsa <url>', 'anchor: have an RFC 3161 time-stamping authority stamp the checkpoint (needs --tsa-ca)')
      .option('--tsa-ca <file>', 'a CA certificate (PEM) trusted to vouch for the TSA (repeatable)', collect, [])
      .option(
        '--anchor-cmd <command>',
        'anchor: a shell command that receives the checkpoint on stdin (push it to a git remote, a WORM bucket, syslog)',
      )
      .option('--json', 'print {path, size, root, note, verifierKey, anchors} as JSON'),
  ).action(async (opts: KeyFlags & { audit?: string; json?: boolean; tsa?: string; tsaCa: string[]; anchorCmd?: string }) => {
    if (opts.tsa !== undefined && !opts.tsaCa.length)
      throw new SeatbeltError('USAGE', '--tsa needs --tsa-ca FILE: the CA that vouches for the authority');
    const { createCheckpoint } = await import('../../audit/checkpoint-ops.js');
    const trail = opts.audit ?? defaultAuditFile();
    const made = await createCheckpoint({ trail, home: seatbeltHome(), ...keySources(opts) });
    const anchors: Record<string, unknown> = {};
    // The checkpoint is kept whatever happens to its anchors; a failed anchor is an error after it.
    const { anchorWithCommand, anchorWithTsa, readCas } = await import('../../audit/anchors.js');
    if (opts.tsa !== undefined) {
      anchors.tsa = await anchorWithTsa({ url: opts.tsa, notePath: made.path, note: made.note, cas: readCas(opts.tsaCa) });
    }
    if (opts.anchorCmd !== undefined) {
      await anchorWithCommand(opts.anchorCmd, made.note);
      anchors.command = 'ok';
    }
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ...made, anchors })}\n`);
      return;
    }
    const lines = [made.note, `wrote ${made.path}`, `verifier key: ${made.verifierKey}`];
    const tsa = anchors.tsa as { path: string; time: string; tsa: string } | undefined;
    if (tsa) lines.push(`time-stamped ${tsa.time} by ${tsa.tsa}: ${tsa.path}`);
    if (anchors.command) lines.push('anchor command: done');
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  keyOptions(
    checkpoint
      .command('verify')
      .description('check that checkpoint B extends checkpoint A (a consistency proof over the trail): exit 0 consistent, 1 not')
      .argument('<a>', 'the older checkpoint note')
      .argument('<b>', 'the newer checkpoint note')
      .option('--audit <file>', 'the trail both come from (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
      .option('--json', 'print the result as JSON'),
  ).action(async (a: string, b: string, opts: KeyFlags & { audit?: string; json?: boolean }) => {
    const { compareCheckpoints } = await import('../../audit/checkpoint-ops.js');
    const result = await compareCheckpoints({
      trail: opts.audit ?? defaultAuditFile(),
      home: seatbeltHome(),
      older: readNote(a),
      newer: readNote(b),
      ...keySources(opts),
    });
    print(result, opts.json === true, `${a} → ${b}`);
    process.exitCode = result.ok ? EXIT.OK : EXIT.FINDINGS;
  });

  keyOptions(
    program
      .command('prove')
      .description('print an inclusion proof of one record in the trail’s tree (or in a checkpoint’s)')
      .argument('<seq>', 'the record’s seq')
      .option('--checkpoint <file>', 'prove against this checkpoint (default: the whole trail now)')
      .option('--audit <file>', 'the trail (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
      .option('--json', 'print the proof as JSON'),
  ).action(async (seqText: string, opts: KeyFlags & { audit?: string; checkpoint?: string; json?: boolean }) => {
    if (!/^(0|[1-9][0-9]*)$/.test(seqText)) throw new SeatbeltError('USAGE', `seq must be a non-negative integer, got "${seqText}"`);
    const { proveRecord } = await import('../../audit/checkpoint-ops.js');
    const proof = await proveRecord({
      trail: opts.audit ?? defaultAuditFile(),
      home: seatbeltHome(),
      seq: Number(seqText),
      ...(opts.checkpoint !== undefined ? { checkpoint: readNote(opts.checkpoint) } : {}),
      ...keySources(opts),
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(proof)}\n`);
    else {
      process.stdout.write(
        [
          `record seq ${proof.seq} (leaf ${proof.index}) hash ${proof.leaf}`,
          `tree size ${proof.size} root ${proof.root}`,
          ...proof.proof.map((p, i) => `  ${i}: ${p}`),
          'verified',
        ].join('\n') + '\n',
      );
    }
  });
}

function keySources(opts: KeyFlags) {
  return {
    pubkeyFiles: opts.pubkey,
    verifierKeys: opts.verifierKey,
    ...(opts.keyring !== undefined ? { keyringFile: opts.keyring } : {}),
  };
}

function readNote(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read checkpoint ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function print(result: { ok: boolean; status: string; detail: string }, json: boolean, label: string): void {
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${label}: ${result.status}: ${result.detail}\n`);
}
