// `seatbelt catalogue list [--family F] [--json]` and `seatbelt catalogue show NAME [--json]`: what
// seatbelt knows about programs — names, option grammar, subcommands with their verbs, examples.
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { catalogue, specFor } from '../../catalogue/index.js';
import type { CommandSpec, OptionDecl, ProgramSpec } from '../../catalogue/spec.js';

function optionLine(o: OptionDecl): string {
  const value = o.rest ? ' <rest…>' : o.value === 'required' ? ' <value>' : o.value === 'optional' ? '[=value]' : '';
  const role = o.role
    ? `  (${o.role.kind}${'language' in o.role ? ` ${o.role.language}` : ''}${'access' in o.role ? ` ${o.role.access}` : ''}${'format' in o.role ? ` ${o.role.format}` : ''})`
    : '';
  const verb = o.verb ? `  → ${o.verb.effect}: ${o.verb.why}` : o.harmless ? '  → harmless' : '';
  return `${o.names.join(', ')}${value}${role}${verb}`;
}

function levelLines(level: CommandSpec, indent: string): string[] {
  const out: string[] = [];
  if (level.verb) out.push(`${indent}verb: ${level.verb.effect} — ${level.verb.why}`);
  if (level.stdin) out.push(`${indent}stdin: ${level.stdin.kind}${'format' in level.stdin ? ` (${level.stdin.format})` : ''}`);
  for (const o of level.options ?? []) out.push(`${indent}${optionLine(o)}`);
  for (const [i, r] of (level.operands ?? []).entries()) out.push(`${indent}operand ${i + 1}${r.rest ? '…' : ''}: ${r.kind}`);
  for (const [name, sub] of Object.entries(level.subcommands ?? {})) {
    out.push(`${indent}${name}${sub.summary ? ` — ${sub.summary}` : ''}`);
    out.push(...levelLines(sub, indent + '  '));
  }
  return out;
}

export function formatSpec(s: ProgramSpec): string {
  const lines = [`${s.names.join(', ')} (${s.family}): ${s.summary}`];
  for (const [name, role] of Object.entries(s.env ?? {})) lines.push(`  env ${name}: ${role.kind}`);
  lines.push(...levelLines(s, '  '));
  lines.push('  examples that must be refused:', ...s.examples.block.map((e) => `    ${e}`));
  lines.push('  examples that must be allowed:', ...s.examples.allow.map((e) => `    ${e}`));
  return lines.join('\n') + '\n';
}

export function registerCatalogue(program: Command): void {
  const cat = program.command('catalogue').description('what seatbelt knows about programs (option grammar, subcommands, verbs, examples)');
  cat
    .command('list')
    .description('list the programs in the catalogue, by family')
    .option('--family <name>', 'only this family')
    .option('--json', 'print JSON')
    .action((flags: { family?: string; json?: boolean }) => {
      const specs = catalogue().filter((s) => flags.family === undefined || s.family === flags.family);
      if (flags.family !== undefined && !specs.length)
        throw new SeatbeltError(
          'USAGE',
          `no family ${JSON.stringify(flags.family)}; families: ${[...new Set(catalogue().map((s) => s.family))].join(', ')}`,
        );
      if (flags.json)
        process.stdout.write(
          JSON.stringify(
            specs.map((s) => ({ names: s.names, family: s.family, summary: s.summary })),
            null,
            2,
          ) + '\n',
        );
      else for (const s of specs) process.stdout.write(`${s.family.padEnd(14)} ${s.names.join(', ').padEnd(28)} ${s.summary}\n`);
    });
  cat
    .command('show <name>')
    .description('print what seatbelt knows about one program')
    .option('--json', 'print JSON')
    .action((name: string, flags: { json?: boolean }) => {
      const spec = specFor(name);
      if (!spec) {
        process.stderr.write(`seatbelt: the catalogue has no program ${JSON.stringify(name)} (see seatbelt catalogue list)\n`);
        process.exitCode = EXIT.FINDINGS;
        return;
      }
      process.stdout.write(flags.json ? JSON.stringify(spec, null, 2) + '\n' : formatSpec(spec));
    });
}
