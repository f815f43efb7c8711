// `seatbelt init`: scaffold the project config (.seatbelt.json with a policy and a role), create a
// signing key when there is none, and print the next steps. Never overwrites an existing file.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SeatbeltError } from '../../core/error.js';
import { loadSigner, keyPaths } from '../../audit/keys.js';
import { defaultAuditFile, seatbeltHome } from '../../audit/paths.js';
import { PROJECT_CONFIG, validateConfig } from '../../policy/config.js';

interface InitFlags {
  policy: string;
  role?: string;
  keys?: boolean;
  gateway?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`scaffold ${PROJECT_CONFIG} (policy and role), create a signing key if missing, and print the next steps`)
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist', 'safe_defaults')
    .option('--role <name|path>', 'role whose whitelist applies (default: none)')
    .option('--no-keys', 'do not create a signing key')
    .option('--gateway', 'scaffold the gateway instead: a serve config, a tool registry and an openai SDK client example (docs/gateway.md)')
    .action(async (flags: InitFlags) => {
      if (flags.gateway) {
        const { initGateway } = await import('./init-gateway.js');
        process.stdout.write(initGateway(process.cwd(), flags, process.env));
        return;
      }
      process.stdout.write(init(process.cwd(), flags, process.env));
    });
}

export function init(cwd: string, flags: InitFlags, env: NodeJS.ProcessEnv): string {
  const out: string[] = [];
  const file = path.join(cwd, PROJECT_CONFIG);
  const config = { policy: flags.policy, role: flags.role ?? null };
  validateConfig(config, 'project', `--policy/--role`);
  try {
    fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
    out.push(`wrote ${file} (policy ${config.policy}, role ${config.role ?? 'none'})`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`);
    out.push(`${file} already exists: left unchanged`);
  }
  const home = seatbeltHome(env);
  if (flags.keys === false) {
    out.push(`no signing key created (--no-keys); create one with: seatbelt keys init`);
  } else {
    const { created, privateKeyPath } = loadSigner({ home, autoCreate: true });
    out.push(created ? `created a signing key at ${privateKeyPath}` : `signing key found at ${privateKeyPath}: left unchanged`);
  }
  const audit = defaultAuditFile(env);
  out.push(
    '',
    'Next steps:',
    "  seatbelt hook install claude-code --project   guard Claude Code's Bash tool in this project",
    '  seatbelt hook install git                     scan staged workflows, Makefiles, Dockerfiles, scripts before each commit',
    "  seatbelt scan                                 judge the commands this repository's CI and scripts will run",
    '  seatbelt check -- rm -rf /                    see a decision (nothing runs)',
    '',
    `Decisions are sealed into ${audit}; prove it with: seatbelt verify ${audit}`,
    `Public key (to verify elsewhere): ${keyPaths(home).publicKeyPath}`,
  );
  return out.join('\n') + '\n';
}
