// `seatbelt config show [--json]`: the effective settings and where each came from (flag, env,
// project, user, default), the config files read, the pin, and any refused loosening (exit 77).
import type { Command } from 'commander';
import { EXIT } from '../../core/error.js';
import { operatorHome } from '../../audit/paths.js';
import { resolveSettings, SETTING_NAMES, type ResolvedSettings, type SettingsFlags } from '../../policy/settings.js';

interface ShowFlags extends SettingsFlags {
  json?: boolean;
}

export function registerConfig(program: Command): void {
  const config = program.command('config').description('show the effective configuration');
  config
    .command('show')
    .description('print the effective settings and where each came from (exit 77 when a pinned setting would be loosened)')
    .option('--json', 'print JSON')
    .option('--policy <name>', 'preview with this policy flag')
    .option('--role <name|path>', 'preview with this role flag')
    .option('--dialect <dialect>', 'preview with this dialect flag')
    .option('--audit <file>', 'preview with this audit file flag')
    .option('--agent <id>', 'preview with this agent id flag')
    .option('--owner <id>', 'preview with this owner flag')
    .action((flags: ShowFlags) => {
      const { json, ...settingsFlags } = flags;
      const r = resolveSettings({ flags: settingsFlags, env: process.env, cwd: process.cwd(), homeDir: operatorHome() });
      process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : formatSettings(r));
      process.exitCode = r.violation ? EXIT.REFUSED : EXIT.OK;
    });
}

export function formatSettings(r: ResolvedSettings): string {
  const rows = SETTING_NAMES.map((k) => {
    const v = r.settings[k];
    const pinned = r.pin && (k === 'policy' || k === 'role') ? ' (pinned)' : '';
    const source = r.sources[k];
    const file = source === 'project' ? r.files.project : source === 'user' ? r.files.user : source === 'bundle' ? r.bundle?.path : null;
    return [k, (v === null ? 'none' : String(v)) + pinned, source + (file ? ` ${file}` : '')] as const;
  });
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const out = rows.map(([k, v, s]) => `${k.padEnd(w0)}  ${v.padEnd(w1)}  ${s}`);
  const standing = r.project ? (r.project.trusted ? ' (trusted by the operator)' : ' (untrusted: may only tighten)') : '';
  out.push('', `project config: ${r.files.project ?? 'none'}${standing}`, `user config:    ${r.files.user ?? 'none'}`);
  if (r.bundle) out.push(`policy bundle:  ${r.bundle.path} (sha256 ${r.bundle.sha256}, signed by ${r.bundle.keyId})`);
  for (const i of r.project?.ignored ?? []) out.push(`ignored from the project config: ${i.setting} (${i.why})`);
  if (r.pin)
    out.push(
      `pinned by ${r.pin.by === 'bundle' ? 'the policy bundle' : r.pin.by === 'user' ? 'the user config' : 'SEATBELT_PIN=1'}: policy ${r.pin.policy}, role ${r.pin.role ?? 'none'}`,
    );
  if (r.violation) out.push(`REFUSED: ${r.violation.message}`);
  return out.join('\n') + '\n';
}
