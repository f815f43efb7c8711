// `seatbelt trust [file]`, `--list`, `--revoke [file]`: the operator trusts one project config file
// (default: the one found from the working folder), so its settings apply even where they loosen.
import path from 'node:path';
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { operatorHome, seatbeltHome } from '../../audit/paths.js';
import { findProjectConfig, USER_CONFIG } from '../../policy/config.js';

interface TrustFlags {
  list?: boolean;
  revoke?: boolean;
  json?: boolean;
}

function projectFile(given: string | undefined): string {
  if (given !== undefined) return path.resolve(given);
  const found = findProjectConfig(process.cwd(), operatorHome());
  if (!found)
    throw new SeatbeltError(
      'USAGE',
      'no .seatbelt.json found from the working folder up to the repository root; name the file (seatbelt trust FILE)',
    );
  return found;
}

export function registerTrust(program: Command): void {
  program
    .command('trust [file]')
    .description(
      "trust a project's .seatbelt.json (its settings then apply even where they loosen the guard), or a script (it then runs without being judged), by SHA-256",
    )
    .option('--list', 'list the trusted files and whether each still matches')
    .option('--revoke', 'withdraw the trust in the file')
    .option('--json', 'print JSON (with --list)')
    .action(async (file: string | undefined, flags: TrustFlags) => {
      const userConfig = path.join(seatbeltHome(), USER_CONFIG);
      const { listTrust, revokeTrust, trustFile } = await import('../trust-store.js');
      if (flags.list) {
        if (file !== undefined || flags.revoke) throw new SeatbeltError('USAGE', '--list takes no file and no --revoke');
        const entries = listTrust(userConfig);
        if (flags.json) process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
        else if (!entries.length) process.stdout.write('no trusted project config\n');
        else for (const e of entries) process.stdout.write(`${e.standing.padEnd(8)} ${e.sha256.slice(0, 16)}…  ${e.path}\n`);
        return;
      }
      const target = projectFile(file);
      if (flags.revoke) {
        const removed = await revokeTrust(userConfig, target);
        process.stdout.write(removed ? `no longer trusted: ${target}\n` : `was not trusted: ${target}\n`);
        return;
      }
      const entry = await trustFile(userConfig, target);
      process.stdout.write(
        `trusted ${entry.path} (sha256 ${entry.sha256}) in ${userConfig}\nAny change to the file withdraws the trust.\n`,
      );
    });
}
