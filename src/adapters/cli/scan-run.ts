// What `seatbelt scan` does (the command and its flags are in scan.ts): read the files, extract
// their commands, judge them, and render the report.
import fs from 'node:fs';
import path from 'node:path';
import { EXIT, SeatbeltError } from '../../core/error.js';
import { openSession, type SessionOptions } from '../session.js';
import { collectFiles, diskReader, type ScanFile } from '../scan/files.js';
import { repoTop, stagedFiles, stagedReader, stagedText } from '../scan/git.js';
import { judgeExtractions, type ScanFinding, type ScanReport } from '../scan/scan.js';
import { toSarif } from '../scan/sarif.js';
import { fails, levelOf, unjudgeable } from '../scan/severity.js';
import { readBaseline, writeBaseline } from '../scan/baseline.js';
import { IGNORE_FILE, ignorePatterns, PathFilter } from '../scan/ignore.js';
import type { ExtractContext, Extraction, ScanSkip } from '../scan/types.js';
import { PRE_COMMIT_BLOCKED_HELP } from '../hooks/git-hook.js';
import { startProgress } from './progress.js';
import { FORMATS, type Format, type ScanFlags } from './scan.js';

export interface RenderOptions {
  strict: boolean;
  baseline?: string;
  /** Files left out by --exclude and .seatbeltignore. */
  excluded: number;
}

function formatOf(flags: ScanFlags): Format {
  const f = flags.json ? 'json' : (flags.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(f))
    throw new SeatbeltError('USAGE', `unknown format "${f}": expected one of ${FORMATS.join(', ')}`);
  return f as Format;
}

export async function extract(files: ScanFile[], ctx: ExtractContext = {}, onFile?: (done: number) => void): Promise<Extraction[]> {
  const out: Extraction[] = [];
  for (const f of files) {
    onFile?.(out.length);
    out.push(
      f.text === null
        ? {
            commands: [],
            skipped: [],
            problems: [{ file: f.display, line: 1, source: f.kind.source, message: `${f.display} ${f.error ?? 'cannot be read'}` }],
          }
        : await f.kind.extract(f.display, f.text, ctx),
    );
  }
  return out;
}

/** Every file's text by the name findings give it: the files scanned and those they include. */
function textsOf(files: ScanFile[], extractions: Extraction[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const f of files) if (f.text !== null) texts.set(f.display, f.text);
  for (const ex of extractions) for (const [file, text] of Object.entries(ex.related ?? {})) if (!texts.has(file)) texts.set(file, text);
  return texts;
}

export async function scanCommand(paths: string[], flags: ScanFlags): Promise<number> {
  const format = formatOf(flags);
  const cwd = process.cwd();
  const strict = flags.strict === true;
  if (flags.staged && paths.length > 0)
    throw new SeatbeltError('USAGE', '--staged scans the files staged for commit: give no paths with it');
  if (flags.updateBaseline && flags.baseline === undefined)
    throw new SeatbeltError('USAGE', '--update-baseline writes the file given with --baseline FILE: give it');
  // Read before any work: a missing or malformed baseline is an error, not an empty one (unless being written).
  const baseline =
    flags.baseline !== undefined && !(flags.updateBaseline && !fs.existsSync(flags.baseline)) ? readBaseline(flags.baseline) : undefined;
  const top = flags.staged ? repoTop(cwd) : undefined;
  const ignoreText = top !== undefined ? stagedText(top, IGNORE_FILE) : readIgnoreFile(cwd);
  const filter = new PathFilter([...(ignoreText !== null ? ignorePatterns(ignoreText) : []), ...(flags.exclude ?? [])]);
  const collected =
    top !== undefined ? { ...stagedFiles(cwd, filter), ignored: [] as string[] } : collectFiles(paths.length ? paths : ['.'], cwd, filter);
  const opts: SessionOptions = { cwd };
  if (flags.policy !== undefined) opts.policy = flags.policy;
  if (flags.role !== undefined) opts.role = flags.role;
  const session = openSession(opts);
  const n = collected.files.length;
  const bar = startProgress({ label: 'scan: reading', total: n, unit: 'files', machineOutput: format !== 'text' });
  let extractions: Extraction[];
  let judged: Awaited<ReturnType<typeof judgeExtractions>>;
  try {
    extractions = await extract(collected.files, { readRelated: top !== undefined ? stagedReader(top) : diskReader(cwd) }, (done) =>
      bar.update(done),
    );
    bar.stage('scan: judging', n);
    judged = await judgeExtractions(extractions, session, textsOf(collected.files, extractions), (done) => bar.update(done));
  } finally {
    bar.end();
  }
  const skipped: ScanSkip[] = [
    ...judged.skipped,
    ...collected.ignored.map((file) => ({ file, line: 1, source: null, message: 'not a kind of file seatbelt scan reads' })),
  ];
  if (baseline) {
    const known = new Set(baseline.findings.map((e) => e.fingerprint));
    for (const f of judged.findings) if (!f.suppressed && known.has(f.fingerprint)) f.baselined = true;
  }
  const report: ScanReport = { filesScanned: collected.files.length, ...judged, skipped };
  if (flags.updateBaseline) {
    const entries = report.findings
      .filter((f) => !f.suppressed)
      .map((f) => ({ fingerprint: f.fingerprint, rule: f.ruleId, file: f.file, text: f.lineText }));
    writeBaseline(flags.baseline!, entries);
    for (const f of report.findings) if (!f.suppressed) f.baselined = true;
    process.stderr.write(`seatbelt: wrote ${entries.length} finding${entries.length === 1 ? '' : 's'} to the baseline ${flags.baseline}\n`);
  }
  const renderOpts: RenderOptions = {
    strict,
    excluded: collected.excluded,
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
  };
  process.stdout.write(render(report, format, renderOpts));
  const failed = report.findings.some((f) => fails(f, strict));
  if (failed && flags.staged) process.stderr.write(PRE_COMMIT_BLOCKED_HELP);
  return failed ? EXIT.FINDINGS : EXIT.OK;
}

function readIgnoreFile(cwd: string): string | null {
  try {
    return fs.readFileSync(path.join(cwd, IGNORE_FILE), 'utf8');
  } catch {
    return null;
  }
}

/** What a finding is in the text report: BLOCK fails the run, WARN could not be judged, ALLOWED by a marker, KNOWN in the baseline. */
function verdictOf(f: ScanFinding, strict: boolean): 'BLOCK' | 'WARN' | 'ALLOWED' | 'KNOWN' {
  if (f.suppressed) return 'ALLOWED';
  if (f.baselined) return 'KNOWN';
  return fails(f, strict) ? 'BLOCK' : 'WARN';
}

export function render(report: ScanReport, format: Format, opts: RenderOptions = { strict: false, excluded: 0 }): string {
  const { strict } = opts;
  if (format === 'sarif')
    return (
      JSON.stringify(
        toSarif(report.findings, { version: '0.1.0', strict, ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}) }),
        null,
        2,
      ) + '\n'
    );
  const counts = summary(report, strict);
  if (format === 'json') {
    return (
      JSON.stringify({
        files_scanned: report.filesScanned,
        files_excluded: opts.excluded,
        commands_judged: report.commandsJudged,
        blocked: counts.blocked,
        warnings: counts.warnings,
        allowed: counts.allowed,
        known: counts.known,
        strict,
        findings: report.findings.map((f) => ({
          file: f.file,
          line: f.line,
          source: f.source,
          where: f.where,
          rule: f.ruleId,
          risk: f.risk,
          level: levelOf(f, strict),
          verdict: verdictOf(f, strict).toLowerCase(),
          cannot_judge: unjudgeable(f),
          reason: f.reason,
          remediation: f.remediation,
          command: f.evidence,
          line_text: f.lineText,
          fingerprint: f.fingerprint,
          ...(f.suppressed ? { suppressed: f.suppressed } : {}),
          ...(f.baselined ? { baselined: true } : {}),
        })),
        skipped: report.skipped,
      }) + '\n'
    );
  }
  const lines: string[] = [];
  for (const f of report.findings) {
    const verdict = verdictOf(f, strict);
    if (verdict === 'KNOWN') continue; // counted in the summary: the baseline is for hiding them
    if (verdict === 'ALLOWED') {
      lines.push(`${f.file}:${f.line}: ALLOWED ${f.ruleId} — ${f.suppressed!.justification} (marker on line ${f.suppressed!.line})`);
      continue;
    }
    const head = `${f.file}:${f.line}: ${verdict} ${f.ruleId} — ${f.reason}`;
    const risk = unjudgeable(f) ? `${f.risk}, cannot be judged statically${strict ? '' : ' (fails only with --strict)'}` : f.risk;
    const detail = [
      `    risk:        ${risk}`,
      ...(f.lineText ? [`    line:        ${f.lineText}`] : []),
      ...(f.evidence && f.evidence !== f.lineText ? [`    command:     ${f.evidence}`] : []),
      ...(f.remediation ? [`    remediation: ${f.remediation}`] : []),
    ];
    lines.push([head, ...detail].join('\n'));
  }
  for (const s of report.skipped) lines.push(`${s.file}:${s.line}: note — ${s.message}`);
  const parts = [
    `${report.commandsJudged} command${report.commandsJudged === 1 ? '' : 's'} in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'}`,
    `${counts.blocked} blocked`,
    `${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`,
    ...(counts.allowed ? [`${counts.allowed} allowed by markers`] : []),
    ...(counts.known ? [`${counts.known} known in the baseline`] : []),
    ...(opts.excluded ? [`${opts.excluded} excluded`] : []),
  ];
  lines.push(`seatbelt scan: ${parts.join(', ')}`);
  return lines.join('\n') + '\n';
}

/**
 * Counts by place (file and line): a command that several rules refuse counts once, as its
 * strictest verdict (blocked, else a warning, else allowed, else known).
 */
function summary(report: ScanReport, strict: boolean): { blocked: number; warnings: number; allowed: number; known: number } {
  const rank = { BLOCK: 4, WARN: 3, ALLOWED: 2, KNOWN: 1 } as const;
  const places = new Map<string, keyof typeof rank>();
  for (const f of report.findings) {
    const key = `${f.file}:${f.line}`;
    const v = verdictOf(f, strict);
    const had = places.get(key);
    if (!had || rank[v] > rank[had]) places.set(key, v);
  }
  const n = (v: keyof typeof rank) => [...places.values()].filter((x) => x === v).length;
  return { blocked: n('BLOCK'), warnings: n('WARN'), allowed: n('ALLOWED'), known: n('KNOWN') };
}
