// `seatbelt scan [PATHS…]`: judge the commands that CI workflows, Makefiles, Dockerfiles,
// package.json scripts and shell scripts will run later. The decision alone: nothing runs and
// nothing is sealed. Exit 1 when anything is blocked (or cannot be read), 0 otherwise.
import { Option, type Command } from 'commander';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { openSession, type SessionOptions } from '../session.js';
import { collectFiles, type ScanFile } from '../scan/files.js';
import { stagedFiles } from '../scan/git.js';
import { judgeExtractions, type ScanReport } from '../scan/scan.js';
import { toSarif } from '../scan/sarif.js';
import type { Extraction, ScanSkip } from '../scan/types.js';

interface ScanFlags {
  json?: boolean;
  format?: string;
  staged?: boolean;
  policy?: string;
  role?: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'judge the commands that CI workflows, Makefiles, Dockerfiles, package.json scripts and shell scripts will run (exit 1 when any is blocked)',
    )
    .argument('[paths...]', 'files or folders to scan (default: the working folder)')
    .addOption(new Option('--format <format>', 'output: text, json or sarif (SARIF 2.1.0)').choices(FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('--staged', 'scan the files staged for commit (their staged content), for a pre-commit hook')
    .option('--policy <name>', 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist')
    .option('--role <name|path>', 'role whose whitelist applies')
    .action(async (paths: string[], flags: ScanFlags) => {
      process.exitCode = await scanCommand(paths, flags);
    });
}

function formatOf(flags: ScanFlags): Format {
  const f = flags.json ? 'json' : (flags.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(f))
    throw new SeatbeltError('USAGE', `unknown format "${f}": expected one of ${FORMATS.join(', ')}`);
  return f as Format;
}

export async function extract(files: ScanFile[]): Promise<Extraction[]> {
  const out: Extraction[] = [];
  for (const f of files) {
    out.push(
      f.text === null
        ? {
            commands: [],
            skipped: [],
            problems: [{ file: f.display, line: 1, source: f.kind.source, message: `${f.display} ${f.error ?? 'cannot be read'}` }],
          }
        : await f.kind.extract(f.display, f.text),
    );
  }
  return out;
}

async function scanCommand(paths: string[], flags: ScanFlags): Promise<number> {
  const format = formatOf(flags);
  const cwd = process.cwd();
  if (flags.staged && paths.length > 0)
    throw new SeatbeltError('USAGE', '--staged scans the files staged for commit: give no paths with it');
  const { files, ignored } = flags.staged ? { files: stagedFiles(cwd), ignored: [] } : collectFiles(paths.length ? paths : ['.'], cwd);
  const opts: SessionOptions = { cwd };
  if (flags.policy !== undefined) opts.policy = flags.policy;
  if (flags.role !== undefined) opts.role = flags.role;
  const session = openSession(opts);
  const judged = await judgeExtractions(await extract(files), session);
  const skipped: ScanSkip[] = [
    ...judged.skipped,
    ...ignored.map((file) => ({ file, line: 1, source: null, message: 'not a kind of file seatbelt scan reads' })),
  ];
  const report: ScanReport = { filesScanned: files.length, ...judged, skipped };
  process.stdout.write(render(report, format));
  return report.findings.length > 0 ? EXIT.FINDINGS : EXIT.OK;
}

export function render(report: ScanReport, format: Format): string {
  if (format === 'sarif') return JSON.stringify(toSarif(report.findings, '0.1.0'), null, 2) + '\n';
  if (format === 'json') {
    return (
      JSON.stringify({
        files_scanned: report.filesScanned,
        commands_judged: report.commandsJudged,
        blocked: blockedPlaces(report),
        findings: report.findings.map((f) => ({
          file: f.file,
          line: f.line,
          source: f.source,
          where: f.where,
          rule: f.ruleId,
          risk: f.risk,
          reason: f.reason,
          remediation: f.remediation,
          command: f.evidence,
        })),
        skipped: report.skipped,
      }) + '\n'
    );
  }
  const lines = report.findings.map(
    (f) =>
      `${f.file}:${f.line}: BLOCK ${f.ruleId} — ${f.reason}${f.evidence ? `\n    command:     ${f.evidence}` : ''}${f.remediation ? `\n    remediation: ${f.remediation}` : ''}`,
  );
  for (const s of report.skipped) lines.push(`${s.file}:${s.line}: note — ${s.message}`);
  const blocked = blockedPlaces(report);
  lines.push(
    `seatbelt scan: ${report.commandsJudged} command${report.commandsJudged === 1 ? '' : 's'} in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'}, ${blocked} blocked`,
  );
  return lines.join('\n') + '\n';
}

/** How many places (file and line) are blocked: a command that several rules refuse counts once. */
function blockedPlaces(report: { findings: readonly { file: string; line: number }[] }): number {
  return new Set(report.findings.map((f) => `${f.file}:${f.line}`)).size;
}
