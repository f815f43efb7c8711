// `seatbelt keys rotate` and `seatbelt keys export-pub`: flags onto src/audit/rotate and keyring.
// The `keys` command (keys.ts) calls registerKeyRotation to add them.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import os from 'node:os';
import { SeatbeltError } from '../../core/error.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';

export function registerKeyRotation(keys: Command): void {
  keys
    .command('rotate')
    .description('replace the signing key: a key_rotation record signed by the old key, then the old private key is deleted')
    .option('--audit <file>', 'the trail that records the rotation (default: $SEATBELT_AUDIT or $SEATBELT_HOME/audit.jsonl)')
    .option('--reason <text>', 'why (kept in the record)', 'key rotation')
    .option('--owner <id>', 'the human doing it, e.g. human:alice (env SEATBELT_OWNER)')
    .option('--json', 'print {old_key_id, new_key_id, event_id, time, keyring}')
    .action(async (f: { audit?: string; reason: string; owner?: string; json?: boolean }) => {
      const { rotateKeys } = await import('../../audit/rotate.js');
      const home = seatbeltHome();
      const audit = f.audit ?? defaultAuditFile();
      const owner = f.owner ?? process.env.SEATBELT_OWNER;
      const actor = {
        ...(owner ? { owner } : {}),
        user: os.userInfo().username,
        host: os.hostname(),
        cwd: process.cwd(),
        pid: process.pid,
      };
      const r = rotateKeys({ home, audit, actor, reason: f.reason });
      if (f.json) {
        process.stdout.write(
          JSON.stringify({
            old_key_id: r.oldKeyId,
            new_key_id: r.newKeyId,
            event_id: r.eventId,
            time: r.time,
            audit,
            keyring: r.keyringPath,
            resumed: r.resumed,
          }) + '\n',
        );
        return;
      }
      process.stdout.write(
        `${r.resumed ? 'finished an interrupted rotation' : 'rotated the signing key'}\n` +
          `  old key:  ${r.oldKeyId} (private key deleted; public key kept in the keyring and keys/retired/)\n` +
          `  new key:  ${r.newKeyId}\n` +
          `  recorded: key_rotation event ${r.eventId} at ${r.time} in ${audit}, signed by the old key\n` +
          `  keyring:  ${r.keyringPath}\n` +
          `give auditors the public keys with: seatbelt keys export-pub --out keys.json\n`,
      );
    });

  keys
    .command('export-pub')
    .description('print every public key with its fingerprint and validity window (JSON), for verifying offline')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (f: { out?: string }) => {
      const { exportPublicKeys } = await import('../../audit/keyring.js');
      const text = JSON.stringify(exportPublicKeys(seatbeltHome(), new Date()), null, 2) + '\n';
      if (!f.out) return void process.stdout.write(text);
      try {
        fs.writeFileSync(f.out, text);
      } catch (err) {
        throw new SeatbeltError('OUTPUT', `cannot write ${f.out}: ${(err as Error).message}`, { cause: err });
      }
      process.stderr.write(
        `wrote ${f.out}: check a trail with seatbelt verify --keyring ${f.out}, an export with seatbelt audit verify-export FILE --keyring ${f.out}, or drop it on an HTML report\n`,
      );
    });
}
