// Judges the commands the extractors found, with the decision alone (`Session.check`): a scan
// decides what WILL run later, nothing runs now, so nothing is sealed into the audit trail.
import { actionText, type Action, type AnalyzeContext, type Decision, type MatchClass, type RuleMatch } from '../../core/types.js';
import type { Session } from '../session.js';
import { fingerprints } from './fingerprint.js';
import { allowedBy, MARKER_SYNTAX, readMarkers } from './suppress.js';
import type { ExtractedCommand, Extraction, ScanSkip, ScanSource } from './types.js';

export interface ScanFinding {
  file: string;
  line: number;
  source: ScanSource;
  where: string;
  ruleId: string;
  /** The match's class: `fail_closed` findings could not be judged statically (severity.ts). */
  class: MatchClass;
  risk: RuleMatch['risk'];
  reason: string;
  remediation: string;
  /** The command that matched (as the rule reports it), in the source's own words. */
  evidence: string;
  /** The text of the finding's line in the file, as written (trimmed). */
  lineText: string;
  /** Stable across line moves (fingerprint.ts). */
  fingerprint: string;
  /** Allowed by an inline marker, with its reason. */
  suppressed?: { justification: string; line: number };
  /** Known in the baseline. */
  baselined?: boolean;
}

export interface ScanReport {
  filesScanned: number;
  commandsJudged: number;
  findings: ScanFinding[];
  skipped: ScanSkip[];
}

/** Where a finding sits before its line's text and fingerprint are known. */
type Located = Omit<ScanFinding, 'lineText' | 'fingerprint' | 'suppressed' | 'baselined'>;

function scriptText(action: Action): string {
  return actionText(action);
}

/** Offsets where `needle` occurs in `text`, those that start a command (not in a comment or echo's data) first. */
function occurrences(text: string, needle: string): number[] {
  const all: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) all.push(at);
  const before = (at: number): string => text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trim();
  const startsCommand = (at: number): boolean => /(^|[;&|({`]|\$\(|\b(then|else|do)|&&|\|\|)$/.test(before(at));
  return [...all.filter(startsCommand), ...all.filter((at) => !startsCommand(at))];
}

/**
 * The file line where `evidence` sits inside the command's script. `nth` picks a later occurrence
 * when several matches of one command quote the same text.
 */
export function locate(cmd: ExtractedCommand, evidence: string, nth = 0): number {
  return locateIn(cmd, evidence, nth).line;
}

/** `locate`, and whether the evidence was found in the command's own text (else: in a file it runs). */
function locateIn(cmd: ExtractedCommand, evidence: string, nth: number): { line: number; found: boolean } {
  const text = scriptText(cmd.action);
  const first = evidence.split('\n')[0]!.trim();
  // Evidence may carry what was judged after the command's text (`rm -rf / (deletes …)`): look for
  // the whole line, then for it without each trailing ` (…)` in turn.
  let needle = first;
  let found = needle === '' ? [] : occurrences(text, needle);
  for (let cut = first.lastIndexOf(' ('); found.length === 0 && cut > 0; cut = first.lastIndexOf(' (', cut - 1)) {
    needle = first.slice(0, cut);
    found = occurrences(text, needle);
  }
  const at = found[Math.min(nth, found.length - 1)];
  if (at === undefined) return { line: cmd.line, found: false };
  if (cmd.offsets) return { line: cmd.line + cmd.offsets.filter((o) => o <= at).length, found: true };
  return { line: cmd.line + (text.slice(0, at).match(/\n/g)?.length ?? 0), found: true };
}

/** A command that only runs what its own caller passed (`exec "$@"` in an entrypoint script). */
function forwardsCallerCommand(decision: Decision, m: RuleMatch): boolean {
  if (m.class !== 'fail_closed') return false;
  return (decision.analysis.shell?.commands ?? []).some(
    (c) => !c.name.static && /^"?\$[@*]"?$/.test(c.name.raw) && c.args.length === 0 && m.evidence.endsWith(c.text),
  );
}

/** The context a command runs in, for the decision: an image build has its own files, no seatbelt and no host files to read. */
function contextOf(cmd: ExtractedCommand): Partial<AnalyzeContext> | undefined {
  if (!cmd.runsIn) return undefined;
  const { cwd } = cmd.runsIn;
  return { runsIn: 'image_build', cwd, home: '/root', projectRoot: cwd, guard: { paths: [] }, readFile: undefined };
}

const UNREADABLE_REMEDIATION = 'fix the file so it can be read: seatbelt cannot judge commands it cannot read';

/**
 * Judges every extracted command; findings carry their line's text, their fingerprint, and the
 * inline marker that allows them. `texts` holds every file's text by the name findings give it.
 */
export async function judgeExtractions(
  extractions: Extraction[],
  session: Pick<Session, 'check'>,
  texts: ReadonlyMap<string, string> = new Map(),
  /** Called after each file's commands are judged, with how many files are done (a progress bar). */
  onFile?: (done: number) => void,
): Promise<Omit<ScanReport, 'filesScanned'>> {
  const located: Located[] = [];
  const skipped: ScanSkip[] = [];
  const seen = new Set<string>();
  const add = (f: Located): void => {
    const key = `${f.file}\0${f.line}\0${f.ruleId}\0${f.evidence}`;
    if (!seen.has(key)) (located.push(f), seen.add(key));
  };
  let commandsJudged = 0;
  /** Findings whose evidence is not in the command's text: they come from a file it runs (`./scripts/release.sh`). */
  const fromRunFile = new Set<Located>();
  let filesDone = 0;
  for (const ex of extractions) {
    onFile?.(filesDone++);
    skipped.push(...ex.skipped);
    for (const p of ex.problems) {
      add({
        ...p,
        where: '',
        ruleId: 'scan.unreadable',
        class: 'fail_closed',
        risk: 'HIGH',
        reason: p.message,
        remediation: UNREADABLE_REMEDIATION,
        evidence: '',
      });
    }
    for (const cmd of ex.commands) {
      commandsJudged++;
      const context = contextOf(cmd);
      const decision = await session.check(cmd.action, context);
      if (decision.decision !== 'block') continue;
      const restore = (t: string): string => cmd.placeholders?.restore(t) ?? t;
      const base = { file: cmd.file, source: cmd.source, where: cmd.where };
      if (decision.blocking.length === 0) {
        add({
          ...base,
          line: cmd.line,
          ruleId: 'policy.not_allowed',
          class: 'policy',
          risk: 'HIGH',
          reason: restore(decision.reason),
          remediation: restore(decision.remediation),
          evidence: restore(scriptText(cmd.action).split('\n')[0]!),
        });
      }
      const used = new Map<string, number>();
      for (const m of decision.blocking) {
        const nth = used.get(m.evidence) ?? 0;
        used.set(m.evidence, nth + 1);
        const { line, found } = locateIn(cmd, m.evidence, nth);
        if (cmd.source === 'shell-script' && forwardsCallerCommand(decision, m)) {
          skipped.push({
            file: cmd.file,
            line,
            source: cmd.source,
            message: `${restore(m.evidence)} runs the command the script's caller passes: it is judged where the script is called`,
          });
          continue;
        }
        const f: Located = {
          ...base,
          line,
          ruleId: m.ruleId,
          class: m.class,
          risk: m.risk,
          reason: restore(m.reason),
          remediation: restore(m.remediation),
          evidence: restore(m.evidence),
        };
        if (!found) fromRunFile.add(f);
        add(f);
      }
    }
  }
  // A finding inside a script that is scanned itself is reported once, on the script's own line
  // (where a marker can allow it), not again on every line that runs the script.
  const atSource = new Set(located.filter((f) => !fromRunFile.has(f)).map((f) => `${f.ruleId}\0${f.evidence}`));
  const own = located.filter((f) => !fromRunFile.has(f) || !atSource.has(`${f.ruleId}\0${f.evidence}`));
  located.splice(0, located.length, ...own);
  const markers = new Map<string, ReturnType<typeof readMarkers>>();
  const markersOf = (file: string) => {
    let m = markers.get(file);
    if (!m) markers.set(file, (m = readMarkers(texts.get(file) ?? '')));
    return m;
  };
  for (const file of new Set([...texts.keys()])) {
    for (const bad of markersOf(file).bad)
      add({
        file,
        line: bad.line,
        source: located.find((f) => f.file === file)?.source ?? sourceOfFile(extractions, file),
        where: '',
        ruleId: 'scan.invalid_suppression',
        class: 'rule',
        risk: 'HIGH',
        reason: bad.message,
        remediation: `give the rule id and the reason the finding is accepted: ${MARKER_SYNTAX}`,
        evidence: '',
      });
  }
  located.sort((a, b) => (a.file === b.file ? a.line - b.line || cmp(a.ruleId, b.ruleId) : cmp(a.file, b.file)));
  const lineTexts = located.map((f) => (texts.get(f.file)?.split(/\r?\n/)[f.line - 1] ?? '').trim());
  const prints = fingerprints(located.map((f, i) => ({ ...f, lineText: lineTexts[i]! })));
  const findings: ScanFinding[] = located.map((f, i) => {
    const marker = f.ruleId === 'scan.invalid_suppression' ? undefined : allowedBy(markersOf(f.file).markers, f.line, f.ruleId);
    return {
      ...f,
      lineText: lineTexts[i]!,
      fingerprint: prints[i]!,
      ...(marker ? { suppressed: { justification: marker.reason, line: marker.line } } : {}),
    };
  });
  for (const [file, m] of markers)
    for (const marker of m.markers.filter((x) => !x.used))
      skipped.push({
        file,
        line: marker.line,
        source: sourceOfFile(extractions, file),
        message: `the marker allows ${marker.ruleIds.join(', ')} but no such finding is on line ${marker.covers}: remove it or move it to the finding's line`,
      });
  skipped.sort((a, b) => (a.file === b.file ? a.line - b.line : cmp(a.file, b.file)));
  return { commandsJudged, findings, skipped };
}

function sourceOfFile(extractions: Extraction[], file: string): ScanSource {
  for (const ex of extractions) {
    const hit =
      ex.commands.find((c) => c.file === file) ?? ex.problems.find((p) => p.file === file) ?? ex.skipped.find((x) => x.file === file);
    if (hit?.source) return hit.source;
  }
  return 'shell-script';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
