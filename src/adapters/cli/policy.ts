// `seatbelt policy sign|pin|install|verify|show`: the fleet's signed policy bundle
// (src/policy/bundle.ts, bundle-store.ts). The operator signs a folder; each machine pins the
// operator's public key once and installs only bundles that verify against it.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { seatbeltHome } from '../../audit/paths.js';
import { loadSigner, readPrivateKey, signerFromPrivateKey } from '../../audit/keys.js';
import { bundleHash, signBundle, verifyBundle } from '../../policy/bundle.js';
import {
  checkSignable,
  installBundle,
  loadInstalledBundle,
  pinOperatorKey,
  readBundle,
  readPin,
  readPolicyDir,
  verifyAgainstPin,
  writeBundleFile,
} from '../../policy/bundle-store.js';
import { parsePublicKey } from '../../audit/key-format.js';

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read ${what} ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description("the fleet's signed policy bundle: settings, roles and trusted project configs");

  policy
    .command('sign <dir>')
    .description('sign DIR (config.json with the guard settings, roles/*.json) into a policy bundle with the operator key')
    .requiredOption('--out <file>', 'where to write the signed bundle')
    .option('--key <file>', 'the operator private key (PEM, Ed25519; default: the signing key in $SEATBELT_HOME/keys)')
    .action((dir: string, opts: { out: string; key?: string }) => {
      const signer = opts.key
        ? signerFromPrivateKey(readPrivateKey(path.resolve(opts.key)))
        : loadSigner({ home: seatbeltHome(), autoCreate: false }).signer;
      const bundle = signBundle(readPolicyDir(path.resolve(dir), new Date()), signer);
      checkSignable(bundle, dir);
      writeBundleFile(opts.out, bundle);
      process.stdout.write(
        `signed ${path.resolve(opts.out)} with ${signer.keyId}\n  sha256 ${bundleHash(bundle)}\n  roles: ${Object.keys(bundle.roles).join(', ') || 'none'}\n`,
      );
    });

  policy
    .command('pin <pubkey-file>')
    .description("pin the operator's public key (PEM or ssh-ed25519): only bundles it signed are installed")
    .option('--force', 'replace a different key already pinned')
    .action((file: string, opts: { force?: boolean }) => {
      const r = pinOperatorKey(seatbeltHome(), readText(file, 'public key'), file, opts.force === true);
      process.stdout.write(r.replaced ? `pinned ${r.keyId} (replaced ${r.replaced})\n` : `pinned ${r.keyId}\n`);
    });

  policy
    .command('install <bundle>')
    .description('install a policy bundle that verifies against the pinned operator key (otherwise the one in force stays)')
    .option('--allow-older', 'install a bundle signed before the one in force (a deliberate roll-back)')
    .action((file: string, opts: { allowOlder?: boolean }) => {
      const r = installBundle(seatbeltHome(), path.resolve(file), { allowOlder: opts.allowOlder === true });
      process.stdout.write(`installed ${r.path}\n  sha256 ${r.sha256}\n  signed by ${r.bundle.key_id} at ${r.bundle.created}\n`);
    });

  policy
    .command('verify <bundle>')
    .description('check a bundle against the pinned operator key (or --pubkey) without installing it')
    .option('--pubkey <file>', 'verify against this public key instead of the pin')
    .option('--json', 'print {ok, sha256, keyId}')
    .action((file: string, opts: { pubkey?: string; json?: boolean }) => {
      const bundle = readBundle(path.resolve(file));
      let sha256: string;
      if (opts.pubkey) {
        verifyBundle(bundle, parsePublicKey(readText(opts.pubkey, 'public key'), opts.pubkey), file);
        sha256 = bundleHash(bundle);
      } else sha256 = verifyAgainstPin(seatbeltHome(), bundle, file).sha256;
      if (opts.json) process.stdout.write(JSON.stringify({ ok: true, sha256, keyId: bundle.key_id }) + '\n');
      else process.stdout.write(`ok: ${file} signed by ${bundle.key_id}\n  sha256 ${sha256}\n`);
    });

  policy
    .command('show')
    .description('print the pinned operator key and the bundle in force (verified)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const home = seatbeltHome();
      const pin = readPin(home);
      const installed = loadInstalledBundle(home);
      const view = {
        pinned: pin ? { keyId: pin.keyId, path: pin.path } : null,
        bundle: installed
          ? {
              path: installed.path,
              sha256: installed.sha256,
              keyId: installed.bundle.key_id,
              created: installed.bundle.created,
              settings: installed.bundle.settings,
              roles: Object.keys(installed.bundle.roles),
            }
          : null,
      };
      if (opts.json) return void process.stdout.write(JSON.stringify(view, null, 2) + '\n');
      const lines = [`pinned operator key: ${view.pinned ? `${view.pinned.keyId} (${view.pinned.path})` : 'none'}`];
      if (!view.bundle) lines.push('policy bundle: none installed');
      else {
        const b = view.bundle;
        lines.push(`policy bundle: ${b.path}`, `  sha256 ${b.sha256}`, `  signed by ${b.keyId} at ${b.created}`);
        lines.push(`  settings: ${JSON.stringify(b.settings)}`, `  roles: ${b.roles.join(', ') || 'none'}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
