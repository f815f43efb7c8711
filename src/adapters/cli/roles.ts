// `seatbelt roles list | show NAME | lint FILE… | test FILE|NAME`: browse the shipped and user roles,
// check a role file's structure (every bad field at once), and run its examples through the real
// analyser, printing each result.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { seatbeltHome } from '../../audit/paths.js';
import { isSqlRule, type AllowRule } from '../../policy/role/role.js';
import { defaultRolesDirs, listRoleFiles, loadRole, resolveRolePath, roleFromBytes } from '../../policy/role/load.js';
import { roleProblems, formatProblems } from '../../policy/role/validate.js';
import type { AnalyzeFn, ExampleResult } from '../../policy/role/examples.js';
import { loadInstalledBundle } from '../../policy/bundle-store.js';

/** Shipped roles, those of the signed policy bundle in force (verified), then the user's. */
function rolesDirs(env: NodeJS.ProcessEnv): string[] {
  const home = seatbeltHome(env);
  return defaultRolesDirs(home, loadInstalledBundle(home)?.rolesDir);
}

function firstSentence(s: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(s);
  return m ? m[1]! : s;
}

export function registerRoles(program: Command): void {
  const roles = program.command('roles').description('list, show, lint and test role whitelists');
  roles
    .command('list')
    .description('list the shipped roles and those in $SEATBELT_HOME/roles')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const rows = listRoleFiles(rolesDirs(process.env)).map((r) => {
        try {
          const role = roleFromBytes(fs.readFileSync(r.path), r.path);
          return { name: r.name, path: r.path, description: role.file.description, rules: role.file.allow.length };
        } catch (err) {
          return { name: r.name, path: r.path, error: (err as Error).message.split('\n')[0] };
        }
      });
      if (flags.json) process.stdout.write(JSON.stringify(rows) + '\n');
      else {
        const width = Math.max(4, ...rows.map((r) => r.name.length));
        for (const r of rows) {
          process.stdout.write(`${r.name.padEnd(width)}  ${'error' in r ? `INVALID: ${r.error}` : firstSentence(r.description!)}\n`);
        }
      }
    });
  roles
    .command('show')
    .description('show a role: its file, hash and rules')
    .argument('<name|path>', 'a role name or a path to a role file')
    .option('--json', 'print the role file as JSON, with its path and sha256')
    .action((nameOrPath: string, flags: { json?: boolean }) => {
      const role = loadRole(nameOrPath, { rolesDir: rolesDirs(process.env) });
      if (flags.json) {
        process.stdout.write(JSON.stringify({ path: role.path, sha256: role.ref.sha256, role: role.file }, null, 2) + '\n');
        return;
      }
      const out = [
        `role ${role.ref.name}`,
        `  file:   ${role.path}`,
        `  sha256: ${role.ref.sha256}`,
        `  ${role.file.description}`,
        '',
        'allows:',
      ];
      for (const rule of role.file.allow) out.push(...describeRule(rule));
      process.stdout.write(out.join('\n') + '\n');
    });
  roles
    .command('lint')
    .description('check role files against the format; every bad field is reported (exit 1 when any)')
    .argument('<file...>', 'role files (or names)')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        const problems = lintOne(f);
        if (problems === null) process.stdout.write(`ok      ${f}\n`);
        else {
          bad++;
          process.stdout.write(`invalid ${f}\n${problems}\n`);
        }
      }
      process.exitCode = bad ? EXIT.FINDINGS : EXIT.OK;
    });
  roles
    .command('test')
    .description("run a role's match/notMatch examples through the analyser and print each result (exit 1 when any fails)")
    .argument('<file|name>', 'a role file or name')
    .option('--json', 'print one JSON line per example')
    .action(async (nameOrPath: string, flags: { json?: boolean }) => {
      const role = loadRole(nameOrPath, { rolesDir: rolesDirs(process.env) });
      const { runRoleExamples } = await import('../../policy/role/examples.js');
      const results = await runRoleExamples(role, await analyzer());
      for (const r of results) process.stdout.write(flags.json ? JSON.stringify(r) + '\n' : formatResult(r));
      const failed = results.filter((r) => !r.ok).length;
      if (!flags.json) {
        process.stdout.write(
          `\n${role.ref.name}: ${results.length - failed} of ${results.length} examples pass${failed ? `, ${failed} fail` : ''}\n`,
        );
      }
      process.exitCode = failed ? EXIT.FINDINGS : EXIT.OK;
    });
}

async function analyzer(): Promise<AnalyzeFn> {
  const { defaultAnalyzer } = await import('../../engine/default-engine.js');
  return (action, ctx) => defaultAnalyzer.analyze(action, ctx);
}

function lintOne(nameOrPath: string): string | null {
  let file: string;
  try {
    file = resolveRolePath(nameOrPath, { rolesDir: rolesDirs(process.env) });
  } catch (err) {
    return `  ${(err as Error).message}`;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeatbeltError('IO', `cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return `  not valid JSON: ${(err as Error).message}`;
  }
  const problems = roleProblems(json);
  return problems.length ? formatProblems(problems) : null;
}

function formatResult(r: ExampleResult): string {
  const mark = r.ok ? 'pass' : 'FAIL';
  const example = r.example.includes('\n') ? JSON.stringify(r.example) : r.example;
  return `${mark}  ${r.ruleId}  ${r.kind.padEnd(8)}  ${example}\n      ${r.detail}\n`;
}

function describeRule(rule: AllowRule): string[] {
  const lines = [`  ${rule.id}${rule.description ? ` — ${rule.description}` : ''}`];
  const add = (label: string, v: unknown) => {
    if (v === undefined) return;
    lines.push(`      ${label.padEnd(12)} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  };
  if (isSqlRule(rule)) {
    add('sql kinds', rule.sql.kinds);
    add('tables', rule.sql.tables);
    add('needs WHERE', rule.sql.requireWhere);
  } else {
    add('commands', typeof rule.command === 'string' ? [rule.command] : rule.command);
    add('subcommands', rule.subcommands);
    add('only flags', rule.allowFlags);
    add('no flags', rule.forbidFlags);
    add('no args', rule.forbidArgs);
    add('folders', rule.paths);
    add('writes via >', rule.outputRedirects);
    add('stdin', rule.stdin);
    add('wrappers', rule.wrappers);
    add('env', rule.env);
    add('dynamic', rule.dynamicArgs);
  }
  return lines;
}
