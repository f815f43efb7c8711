// `seatbelt scan [PATHS…]`: judge the commands that CI workflows, Makefiles, Dockerfiles,
// package.json scripts and shell scripts will run later. The decision alone: nothing runs and
// nothing is sealed. A rule match fails the run (exit 1); a command that cannot be judged
// statically is a warning (exit 0) unless --strict; findings allowed by an inline marker or known
// in the baseline are reported and never fail it. Usage errors exit 64, a missing path or
// baseline 66, a malformed baseline 65, a baseline that cannot be written 73 (docs/ci.md).
// What the command does is in scan-run.ts, loaded when it runs: no other command pays for the scanners.
import { Option, type Command } from 'commander';
import { startBaselineCompiler } from './baseline-compiler.js';

export interface ScanFlags {
  json?: boolean;
  format?: string;
  staged?: boolean;
  policy?: string;
  role?: string;
  strict?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  exclude?: string[];
}

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'judge the commands that CI workflows, Makefiles, Dockerfiles, package.json scripts and shell scripts will run (exit 1 when a rule blocks one)',
    )
    .argument('[paths...]', 'files or folders to scan (default: the working folder)')
    .addOption(new Option('--format <format>', 'output: text, json or sarif (SARIF 2.1.0)').choices(FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('--staged', 'scan the files staged for commit (their staged content), for a pre-commit hook')
    .option('--strict', 'also fail on commands that cannot be judged statically (reported as warnings otherwise)')
    .option('--baseline <file>', 'hide the findings this baseline file knows; fail only on new ones')
    .option('--update-baseline', 'write every current finding to the --baseline file (and exit 0)')
    .option('--exclude <glob>', 'leave out paths matching this glob (repeatable; also read from .seatbeltignore)', collect, [])
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist')
    .option('--role <name|path>', 'role whose whitelist applies')
    .action(async (paths: string[], flags: ScanFlags) => {
      startBaselineCompiler(); // every file of a tree judged in one process
      const { scanCommand } = await import('./scan-run.js');
      process.exitCode = await scanCommand(paths, flags);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
