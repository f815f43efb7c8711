// `seatbelt keys init [--force]` and `seatbelt keys show [--json]`: flags onto src/audit/keys.
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { fingerprint, initKeys, readHomePublicKeys, sshPublicKeyLine } from '../../audit/keys.js';
import { seatbeltHome } from '../../audit/paths.js';
import { registerKeyRotation } from './keys-rotation.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage the Ed25519 key that signs the audit trail');

  keys
    .command('init')
    .description('create the signing key pair under $SEATBELT_HOME/keys (default ~/.seatbelt/keys)')
    .option('--force', 'replace an existing key (its public key is kept under keys/retired/)')
    .action((opts: { force?: boolean }) => {
      const made = initKeys({ home: seatbeltHome(), force: opts.force === true });
      process.stdout.write(
        `created signing key ${made.keyId}\n  private key: ${made.privateKeyPath} (mode 0600)\n  public key:  ${made.publicKeyPath}\n`,
      );
    });

  keys
    .command('show')
    .description('print the public key (PEM and ssh-ed25519) and its fingerprint')
    .option('--json', 'print {keyId, publicKeyPem, ssh, path} as JSON')
    .action((opts: { json?: boolean }) => {
      const home = seatbeltHome();
      const current = readHomePublicKeys(home)[0];
      if (!current) throw new SeatbeltError('CONFIG', `no signing key under ${home}/keys; create one with: seatbelt keys init`);
      const pem = current.key.export({ format: 'pem', type: 'spki' }).toString();
      const ssh = sshPublicKeyLine(current.key);
      const keyId = fingerprint(current.key);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ keyId, publicKeyPem: pem, ssh, path: current.path })}\n`);
      } else {
        process.stdout.write(`${pem}${ssh}\nfingerprint: ${keyId}\n`);
      }
    });

  registerKeyRotation(keys); // keys rotate, keys export-pub
}
